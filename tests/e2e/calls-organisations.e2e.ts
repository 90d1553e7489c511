import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { translator } from '../../app/i18n'
import { formatDate } from '../../app/i18n/format'
import { DEMO_ACCOUNTS } from '../../db/seed'
import { checkA11y, httpStatusError, useBrowser } from './support/browser'
import { usePortal } from './support/hooks'
import { DEMO_PASSWORD } from './support/portal'
import { linkIn } from './support/smtp'
import { expectErrors, expectHeading, pathIs, signedInAs, signIn, uniqueEmail, vnDay } from './support/ui'

// Calls and organisations end to end, as people use them: a visitor finds a call, reads it and checks
// whether they may apply (with and without JavaScript); an applicant registers an organisation and invites
// a colleague by mail, who joins it. The built portal, real SMTP, Chromium; fields found by their labels
// and buttons by their names (texts from the catalogues); axe checks every page the browser shows.

const vi = translator('vi')

const portal = usePortal()
const browser = useBrowser(() => portal().url)

const applicant = DEMO_ACCOUNTS.find((a) => a.role === 'applicant')!


// The demo calls as db/seed.ts publishes them (three open, one upcoming), and their questions.
const DMST = {
  code: 'DMST-2026-01',
  title: 'Hỗ trợ doanh nghiệp đổi mới công nghệ và chuyển đổi số năm 2026',
  closesInDays: 25,
}
const SHTT = { code: 'SHTT-OCOP-2026', title: 'Hỗ trợ xác lập và bảo hộ quyền sở hữu trí tuệ cho sản phẩm OCOP' }
const NNCNC = { code: 'NNCNC-AI-2026', title: 'Ứng dụng trí tuệ nhân tạo và tự động hóa trong nông nghiệp công nghệ cao' }
const VAY = { code: 'VAY-UD-2027', title: 'Cho vay ưu đãi thực hiện dự án sản xuất thử nghiệm năng lượng tái tạo' }
const Q = {
  inProvince: {
    text: 'Tổ chức hoặc cá nhân đề nghị có trụ sở, cơ sở sản xuất hoặc nơi cư trú trên địa bàn tỉnh Đắk Lắk không?',
    reason: 'Quỹ chỉ hỗ trợ tổ chức, cá nhân hoạt động trên địa bàn tỉnh Đắk Lắk.',
  },
  noDoubleFunding: {
    text: 'Nội dung đề nghị đã hoặc đang được ngân sách nhà nước hỗ trợ từ một nguồn khác không?',
    reason: 'Một nội dung không được ngân sách nhà nước hỗ trợ hai lần.',
  },
  counterpart50: { text: 'Bạn có cam kết bố trí vốn đối ứng tối thiểu 50% tổng kinh phí không?' },
  ocop: {
    text: 'Sản phẩm đã được công nhận đạt chuẩn OCOP từ 3 sao trở lên chưa?',
    reason: 'Đợt này chỉ dành cho sản phẩm đạt chuẩn OCOP từ 3 sao trở lên.',
  },
}

// The portal seeds its demo data as it starts, just before this.
let seededAt = 0
beforeAll(() => {
  seededAt = Date.now()
})

const localDay = (offsetDays: number, hh: number, mm = 0) => vnDay(seededAt, offsetDays, hh, mm)

/** One yes/no (or applicant type) question of the eligibility check, by its legend. */
const question = (page: Page, legend: string) => page.getByRole('group', { name: legend, exact: true })

async function answer(page: Page, legend: string, choice: string) {
  await question(page, legend).getByRole('radio', { name: choice, exact: true }).check()
}

const YES = vi('calls.eligibility.yes')
const NO = vi('calls.eligibility.no')
const TYPE_QUESTION = vi('calls.eligibility.typeQuestion')

/** The error summary lists these messages in this order, each linking to its field; each field shows its message. */
describe('calls in the browser', () => {
  test('a visitor follows a call from the home page, reads it and checks whether they may apply', async () => {
    const { page, context } = await browser.newSession()

    await page.goto('/')
    await expectHeading(page, vi('home.title'))
    await checkA11y(page)
    const openCalls = page.getByRole('list', { name: vi('home.open.title'), exact: true })
    await expect(openCalls.getByRole('listitem').count()).resolves.toBe(3)
    await openCalls.getByRole('link', { name: DMST.title, exact: true }).click()
    await page.waitForURL(pathIs(`/calls/${DMST.code}`))
    await expectHeading(page, DMST.title)
    await page.getByText(vi('calls.page.caption', { code: DMST.code }), { exact: true }).waitFor()
    await checkA11y(page)

    // The deadline, by the server's clock in Việt Nam time, and the time left.
    const closes = localDay(DMST.closesInDays, 17)
    const deadline = page.getByRole('region', { name: vi('call.closes'), exact: true })
    await deadline.getByText(vi('call.closesAt', { time: '17:00', date: formatDate(closes) }), { exact: true }).waitFor()
    // Whole days left, by the page's clock (a moment before this one).
    const daysLeft = Math.floor(Math.ceil((closes.getTime() - Date.now()) / 60_000) / 1440)
    const leftText = (n: number) => vi('calls.deadline.left', { time: vi('calls.unit.days', { n }) })
    expect(await deadline.getByRole('timer').innerText()).toMatch(new RegExp(`^(${leftText(daysLeft)}|${leftText(daysLeft + 1)}) `))
    await deadline.getByText(vi('calls.deadline.note'), { exact: true }).waitFor()

    // The documents to submit, in order, with what each accepts.
    const documents = page.getByRole('table', { name: vi('calls.documents.title'), exact: true })
    const documentRows = documents.locator('tbody tr')
    await expect(documentRows.count()).resolves.toBe(5)
    expect(await documentRows.nth(1).locator('td').allInnerTexts()).toEqual([
      'Thuyết minh nhiệm vụ (có chữ ký, đóng dấu)',
      vi('calls.documents.mandatory'),
      'PDF',
      vi('calls.documents.size', { mb: 20 }),
    ])
    expect(await documentRows.nth(4).locator('td').nth(1).innerText()).toBe(vi('calls.documents.optional'))

    // The rubric: its criteria and the total out of 100.
    await page.getByText(vi('calls.rubric.lead', { name: 'Dự án sản xuất thử nghiệm', total: 100 }), { exact: true }).waitFor()
    const rubric = page.getByRole('table', { name: vi('calls.rubric.title'), exact: true })
    await expect(rubric.locator('tbody tr').count()).resolves.toBe(7)
    expect(await rubric.locator('tbody tr').first().locator('td').allInnerTexts()).toEqual(['1. Công nghệ và thị trường', '8'])
    expect(await rubric.locator('tfoot tr').innerText()).toMatch(new RegExp(`^${vi('calls.rubric.total')}\\s+100$`))

    await page.getByRole('main').getByRole('link', { name: vi('calls.check.button'), exact: true }).first().click()
    await page.waitForURL(pathIs(`/calls/${DMST.code}/eligibility`))
    await expectHeading(page, vi('calls.eligibility.title'))
    await page.getByText(vi('calls.eligibility.lead'), { exact: true }).waitFor()
    await checkA11y(page)

    // Nothing answered: the summary names each question, in order; each question shows its message.
    const q1 = `1. ${Q.inProvince.text}`
    const q2 = `2. ${Q.noDoubleFunding.text}`
    const q3 = `3. ${Q.counterpart50.text}`
    await page.getByRole('button', { name: vi('calls.eligibility.submit'), exact: true }).click()
    await expectErrors(page, [
      ['applicant_type', vi('calls.eligibility.typeRequired')],
      ['q_in_province', vi('calls.eligibility.answerRequired', { n: 1 })],
      ['q_no_double_funding', vi('calls.eligibility.answerRequired', { n: 2 })],
      ['q_counterpart', vi('calls.eligibility.answerRequired', { n: 3 })],
    ])
    expect(await question(page, q2).getAttribute('aria-describedby')).toContain('q_no_double_funding-error')
    expect(new URL(page.url()).pathname).toBe(`/calls/${DMST.code}/eligibility`)
    await checkA11y(page)

    // Not eligible: the reasons, in both the type and the question that fails.
    await answer(page, TYPE_QUESTION, vi('calls.applicantType.other'))
    await answer(page, q1, NO)
    await answer(page, q2, NO)
    await answer(page, q3, YES)
    await page.getByRole('button', { name: vi('calls.eligibility.submit'), exact: true }).click()
    const ineligible = page.getByRole('region', { name: vi('calls.eligibility.ineligible.title'), exact: true })
    await ineligible.waitFor()
    expect(await page.getByRole('alert').count()).toBe(0)
    expect(await ineligible.getByRole('listitem').allInnerTexts()).toEqual([
      vi('calls.eligibility.typeReason', { types: `${vi('calls.applicantType.enterprise')}, ${vi('calls.applicantType.cooperative')}` }),
      Q.inProvince.reason,
    ])
    await ineligible.getByRole('link', { name: vi('calls.eligibility.otherCalls'), exact: true }).waitFor()
    expect(await page.getByRole('link', { name: vi('calls.eligibility.start') }).count()).toBe(0)
    // The answers stay, to be corrected.
    expect(await question(page, q1).getByRole('radio', { name: NO, exact: true }).isChecked()).toBe(true)
    await checkA11y(page)
    expect((await context.cookies()).find((c) => c.name === `eligibility_${DMST.code}`)).toBeUndefined()

    // Eligible: the call to start an application, and the answers kept for it.
    await answer(page, TYPE_QUESTION, vi('calls.applicantType.enterprise'))
    await answer(page, q1, YES)
    await page.getByRole('button', { name: vi('calls.eligibility.submit'), exact: true }).click()
    const eligible = page.getByRole('region', { name: vi('calls.eligibility.eligible.title'), exact: true })
    await eligible.waitFor()
    await eligible.getByText(vi('calls.eligibility.eligible.body'), { exact: true }).waitFor()
    expect(await ineligible.count()).toBe(0)
    const start = page.getByRole('link', { name: vi('calls.eligibility.start'), exact: true })
    expect(await start.getAttribute('href')).toBe(`/applications/new?call=${DMST.code}`)
    await checkA11y(page)
    const kept = (await context.cookies()).find((c) => c.name === `eligibility_${DMST.code}`)
    expect(kept?.httpOnly).toBe(true)
    expect(JSON.parse(decodeURIComponent(kept!.value))).toEqual({
      questions: { in_province: 'yes', no_double_funding: 'no', counterpart: 'yes' },
      applicantType: 'enterprise',
    })

    await page.getByRole('link', { name: vi('calls.eligibility.backToCall'), exact: true }).click()
    await page.waitForURL(pathIs(`/calls/${DMST.code}`))
    await expectHeading(page, DMST.title)
    await checkA11y(page)
  })

  test('the list of calls filters by type of funding and by status', async () => {
    const { page } = await browser.newSession()
    const titles = () => page.getByRole('list', { name: vi('calls.listLabel'), exact: true }).getByRole('heading', { level: 2 }).allInnerTexts()
    const count = page.getByRole('status')
    /** The count of calls shown, and with filters on, the link that clears them. */
    const expectCount = async (text: string, filtered: boolean) => {
      await count.getByText(text).waitFor()
      expect(await count.innerText()).toBe(filtered ? `${text} · ${vi('form.clear')}` : text)
    }
    const search = async () => {
      await page.getByRole('search').getByRole('button', { name: vi('form.search'), exact: true }).click()
    }

    await page.goto('/')
    await expectHeading(page, vi('home.title'))
    await checkA11y(page)
    await page.locator('header').getByRole('link', { name: vi('nav.calls'), exact: true }).click()
    await page.waitForURL(pathIs('/calls'))
    await expectHeading(page, vi('calls.title'))
    await expectCount(vi('calls.count', { count: 4 }), false)
    // Open calls first (nearest deadline first), then the upcoming one.
    await expect.poll(titles).toEqual([NNCNC.title, SHTT.title, DMST.title, VAY.title])
    await checkA11y(page)

    await page.getByLabel(vi('calls.filter.modality'), { exact: true }).selectOption({ label: vi('modality.support') })
    await search()
    await page.waitForURL((u) => u.pathname === '/calls' && u.searchParams.get('modality') === 'support')
    await expectCount(vi('calls.count', { count: 2 }), true)
    await expect.poll(titles).toEqual([SHTT.title, DMST.title])
    await checkA11y(page)

    // Clearing the filters shows every call again, and the filter bar says so.
    await count.getByRole('link', { name: vi('form.clear'), exact: true }).click()
    await page.waitForURL((u) => u.pathname === '/calls' && u.search === '')
    await expectCount(vi('calls.count', { count: 4 }), false)
    expect(await page.getByLabel(vi('calls.filter.modality'), { exact: true }).inputValue()).toBe('')
    await checkA11y(page)

    await page.getByLabel(vi('calls.filter.phase'), { exact: true }).selectOption({ label: vi('calls.phase.upcoming') })
    await search()
    await page.waitForURL((u) => u.pathname === '/calls' && u.searchParams.get('phase') === 'upcoming' && u.searchParams.get('modality') === '')
    await expectCount(vi('calls.count.one'), true)
    await expect.poll(titles).toEqual([VAY.title])
    const card = page.getByRole('listitem').filter({ hasText: VAY.title })
    await card.getByText(vi('calls.phase.upcoming'), { exact: true }).waitFor()
    await card.getByText(vi('modality.preferential_loan'), { exact: true }).waitFor()
    await checkA11y(page)

    // Both filters at once.
    await page.getByLabel(vi('calls.filter.phase'), { exact: true }).selectOption({ label: vi('calls.phase.open') })
    await page.getByLabel(vi('calls.filter.modality'), { exact: true }).selectOption({ label: vi('modality.grant') })
    await search()
    await page.waitForURL((u) => u.searchParams.get('phase') === 'open' && u.searchParams.get('modality') === 'grant')
    await expectCount(vi('calls.count.one'), true)
    await expect.poll(titles).toEqual([NNCNC.title])
    await checkA11y(page)

    await page.getByLabel(vi('calls.filter.phase'), { exact: true }).selectOption({ label: vi('calls.phase.closed') })
    await search()
    await page.waitForURL((u) => u.searchParams.get('phase') === 'closed')
    await expectCount(vi('calls.count', { count: 0 }), true)
    await page.getByText(vi('calls.none'), { exact: true }).waitFor()
    await checkA11y(page)
  })

  test('without JavaScript: the eligibility check answers with errors, reasons, and then the way to apply', async () => {
    const session = await browser.newSession({ javaScriptEnabled: false })
    const { page } = session
    const q1 = `1. ${Q.inProvince.text}`
    const q2 = `2. ${Q.ocop.text}`
    const q3 = `3. ${Q.noDoubleFunding.text}`
    const submit = () => page.getByRole('button', { name: vi('calls.eligibility.submit'), exact: true }).click()

    await page.goto(`/calls/${SHTT.code}`)
    await expectHeading(page, SHTT.title)
    await checkA11y(page)
    await page.getByRole('main').getByRole('link', { name: vi('calls.check.button'), exact: true }).last().click()
    await page.waitForURL(pathIs(`/calls/${SHTT.code}/eligibility`))
    await expectHeading(page, vi('calls.eligibility.title'))
    await checkA11y(page)

    // The server answers a form with nothing chosen with a 400, the summary and the inline messages.
    await session.tolerating(httpStatusError(400), async () => {
      await submit()
      await page.waitForLoadState('load')
      await page.getByRole('alert').waitFor()
    })
    await expectErrors(page, [
      ['applicant_type', vi('calls.eligibility.typeRequired')],
      ['q_in_province', vi('calls.eligibility.answerRequired', { n: 1 })],
      ['q_ocop_certified', vi('calls.eligibility.answerRequired', { n: 2 })],
      ['q_no_double_funding', vi('calls.eligibility.answerRequired', { n: 3 })],
    ])
    expect(await question(page, TYPE_QUESTION).getAttribute('aria-describedby')).toBe('applicant_type-error')
    await checkA11y(page)

    // Answered, but the product is not OCOP-certified: the reason, and what was chosen stays chosen.
    await answer(page, TYPE_QUESTION, vi('calls.applicantType.household'))
    await answer(page, q1, YES)
    await answer(page, q2, NO)
    await answer(page, q3, NO)
    await submit()
    const ineligible = page.getByRole('region', { name: vi('calls.eligibility.ineligible.title'), exact: true })
    await ineligible.waitFor()
    expect(await ineligible.getByRole('listitem').allInnerTexts()).toEqual([Q.ocop.reason])
    await page.getByRole('heading', { level: 2, name: vi('calls.eligibility.yourAnswers'), exact: true }).waitFor()
    expect(await question(page, TYPE_QUESTION).getByRole('radio', { name: vi('calls.applicantType.household'), exact: true }).isChecked()).toBe(true)
    expect(await question(page, q2).getByRole('radio', { name: NO, exact: true }).isChecked()).toBe(true)
    expect(await page.getByRole('alert').count()).toBe(0)
    await checkA11y(page)

    await answer(page, q2, YES)
    await submit()
    const eligible = page.getByRole('region', { name: vi('calls.eligibility.eligible.title'), exact: true })
    await eligible.waitFor()
    expect(await ineligible.count()).toBe(0)
    const start = page.getByRole('link', { name: vi('calls.eligibility.start'), exact: true })
    expect(await start.getAttribute('href')).toBe(`/applications/new?call=${SHTT.code}`)
    await checkA11y(page)

    // Coming back later in this browser, the check is filled in with the eligible answers.
    await page.goto(`/calls/${SHTT.code}/eligibility`)
    await expectHeading(page, vi('calls.eligibility.title'))
    expect(await question(page, TYPE_QUESTION).getByRole('radio', { name: vi('calls.applicantType.household'), exact: true }).isChecked()).toBe(true)
    expect(await question(page, q1).getByRole('radio', { name: YES, exact: true }).isChecked()).toBe(true)
    expect(await question(page, q2).getByRole('radio', { name: YES, exact: true }).isChecked()).toBe(true)
    expect(await question(page, q3).getByRole('radio', { name: NO, exact: true }).isChecked()).toBe(true)
    await checkA11y(page)
  })
})

describe('organisations in the browser', () => {
  test('an applicant registers an organisation and invites an editor, who registers, accepts and sees it', async () => {
    const owner = await browser.newSession()
    const o = owner.page
    const orgName = 'Công ty TNHH Cà phê Ông Bảy – Chi nhánh Krông Pắc'
    const orgEmail = 'lienhe@caphe-ongbay.vn'
    const addressLine = '27 Nguyễn Tất Thành, buôn Ko Tam'
    const ward = vi('org.ward.phuong', { name: 'Tân An' })
    const legalRepName = 'Y Bhin Niê'
    const legalRepTitle = 'Giám đốc chi nhánh'
    const editorName = 'Hoàng Thị Thu Thảo'
    const editorEmail = uniqueEmail('thuthao.hoang')
    const editorPassword = 'hồ sơ đổi mới công nghệ Krông Pắc'

    await o.goto('/login')
    await expectHeading(o, vi('login.title'))
    await checkA11y(o)
    await signIn(o, applicant.email, DEMO_PASSWORD)
    await o.waitForURL(pathIs('/home'))
    await signedInAs(o, vi('nav.signedInAs', { name: applicant.fullName })).waitFor()
    await checkA11y(o)

    await o.locator('header').getByRole('link', { name: vi('nav.organisations'), exact: true }).click()
    await o.waitForURL(pathIs('/organisations'))
    await expectHeading(o, vi('org.list.title'))
    await o.getByText(vi('org.list.none'), { exact: true }).waitFor()
    await checkA11y(o)
    await o.getByRole('link', { name: vi('org.list.create'), exact: true }).click()
    await o.waitForURL(pathIs('/organisations/new'))
    await expectHeading(o, vi('org.new.title'))
    await checkA11y(o)

    const field = (label: string) => o.getByLabel(label, { exact: true })
    await o.getByRole('group', { name: vi('org.field.type'), exact: true }).getByRole('radio', { name: vi('org.type.enterprise'), exact: true }).check()
    await field(vi('org.field.name')).fill(orgName)
    await field(vi('org.field.identifier')).fill('0100233480')
    await field(vi('org.field.addressLine')).fill(addressLine)
    await field(vi('org.field.ward')).selectOption({ label: ward })
    await field(vi('org.field.legalRepName')).fill(legalRepName)
    await field(vi('org.field.legalRepTitle')).fill(legalRepTitle)
    await field(vi('org.field.phone')).fill('0262 3852 123')
    await field(vi('org.field.email')).fill(orgEmail)
    await o.getByRole('button', { name: vi('org.new.submit'), exact: true }).click()

    // A tax code whose check digit is wrong: the summary and the field say so; nothing typed is lost.
    await expectErrors(o, [['identifier', vi('org.validation.taxCode.invalid')]])
    const identifier = field(vi('org.field.identifier'))
    expect(await identifier.getAttribute('aria-invalid')).toBe('true')
    expect(await identifier.getAttribute('aria-describedby')).toBe('identifier-hint identifier-error')
    expect(await identifier.inputValue()).toBe('0100233480')
    expect(await field(vi('org.field.name')).inputValue()).toBe(orgName)
    expect(await field(vi('org.field.addressLine')).inputValue()).toBe(addressLine)
    expect(await field(vi('org.field.ward')).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text)).toBe(ward)
    expect(await field(vi('org.field.legalRepName')).inputValue()).toBe(legalRepName)
    expect(await field(vi('org.field.phone')).inputValue()).toBe('0262 3852 123')
    expect(await field(vi('org.field.email')).inputValue()).toBe(orgEmail)
    expect(await o.getByRole('radio', { name: vi('org.type.enterprise'), exact: true }).isChecked()).toBe(true)
    expect(new URL(o.url()).pathname).toBe('/organisations/new')
    await checkA11y(o)

    // A branch's tax code, typed with its dash.
    await identifier.fill('0314409058-002')
    await o.getByRole('button', { name: vi('org.new.submit'), exact: true }).click()
    await o.waitForURL((u) => /^\/organisations\/[0-9a-f-]{36}$/.test(u.pathname) && u.searchParams.get('notice') === 'created')
    const orgPath = new URL(o.url()).pathname
    await expectHeading(o, orgName)
    await o.getByText(vi('org.notice.created', { name: orgName }), { exact: true }).waitFor()
    const details = o.getByRole('main').locator('dl.summary-list')
    const detail = async (label: string) => (await details.getByRole('term').filter({ hasText: label }).locator('xpath=following-sibling::dd').innerText()).trim()
    expect(await detail(vi('org.field.type'))).toBe(vi('org.type.enterprise'))
    expect(await detail(vi('org.identifier.tax_code'))).toBe('0314409058-002')
    expect(await detail(vi('org.field.address'))).toBe(`${addressLine}, ${ward}, ${vi('org.province')}`)
    expect(await detail(vi('org.field.legalRep'))).toBe(`${legalRepName} (${legalRepTitle})`)
    expect(await detail(vi('org.field.phone'))).toBe('02623852123')
    expect(await detail(vi('org.field.email'))).toBe(orgEmail)
    await o.getByText(vi('org.role.owner'), { exact: true }).waitFor()
    await checkA11y(o)

    // Members: invite a colleague as editor.
    await o.getByRole('navigation', { name: vi('org.details.sections'), exact: true }).getByRole('link', { name: vi('org.members.title'), exact: true }).click()
    await o.waitForURL(pathIs(`${orgPath}/members`))
    await expectHeading(o, vi('org.members.titleOf', { name: orgName }))
    const members = o.getByRole('table', { name: vi('org.members.title'), exact: true })
    /** A member's name, e-mail and role, as the table shows them. */
    const member = async (email: string) => (await members.getByRole('row').filter({ hasText: email }).getByRole('cell').allInnerTexts()).slice(0, 3)
    expect(await member(applicant.email)).toEqual([`${applicant.fullName} ${vi('org.members.you')}`, applicant.email, vi('org.role.owner')])
    await o.getByText(vi('org.members.noPending'), { exact: true }).waitFor()
    await checkA11y(o)

    await o.getByLabel(vi('org.invite.email'), { exact: true }).fill(editorEmail)
    await o.getByRole('group', { name: vi('org.invite.role'), exact: true }).getByRole('radio', { name: vi('org.role.editor'), exact: true }).check()
    await o.getByRole('button', { name: vi('org.invite.submit'), exact: true }).click()
    await o.waitForURL((u) => u.pathname === `${orgPath}/members` && u.searchParams.get('notice') === 'invited')
    await o.getByText(vi('org.members.notice.invited', { email: editorEmail }), { exact: true }).waitFor()
    const pending = o.getByRole('table', { name: vi('org.members.pending'), exact: true }).getByRole('row').filter({ hasText: editorEmail })
    await pending.getByText(vi('org.role.editor'), { exact: true }).waitFor()
    await checkA11y(o)

    // The invitation arrives by mail; the person has no account yet, so it tells them to register.
    const invitation = await portal().inbox.waitFor(editorEmail, vi('org.email.invitation.subject', { organisation: orgName }))
    expect(invitation.text).toContain(vi('org.email.invitation.body', { inviter: applicant.fullName, organisation: orgName, role: vi('org.role.editor') }))
    expect(invitation.text).toContain(vi('org.email.invitation.register', { link: `${portal().url}/register` }))
    const invitationLink = linkIn(invitation, portal().url, '/organisation-invitation')

    // The colleague, in a browser of their own: registers with the invited address and confirms it.
    const editor = await browser.newSession()
    const e = editor.page
    await e.goto('/register')
    await expectHeading(e, vi('register.title'))
    await checkA11y(e)
    await e.getByLabel(vi('field.fullName'), { exact: true }).fill(editorName)
    await e.getByLabel(vi('field.email'), { exact: true }).fill(editorEmail)
    await e.getByLabel(vi('field.password'), { exact: true }).fill(editorPassword)
    await e.getByRole('button', { name: vi('register.submit'), exact: true }).click()
    await e.waitForURL(pathIs('/check-email'))
    await expectHeading(e, vi('checkEmail.title'))
    await checkA11y(e)
    const verification = await portal().inbox.waitFor(editorEmail, vi('email.verify.subject'))
    await e.goto(linkIn(verification, portal().url, '/verify-email'))
    await expectHeading(e, vi('verify.done'))
    await checkA11y(e)

    // The invitation link asks them to sign in first, then brings them back to it.
    await e.goto(invitationLink)
    await e.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirectTo') === invitationLink)
    await expectHeading(e, vi('login.title'))
    await checkA11y(e)
    await signIn(e, editorEmail, editorPassword)
    await e.waitForURL((u) => u.pathname === '/organisation-invitation' && u.searchParams.has('token'))
    await expectHeading(e, vi('org.invitation.title'))
    await signedInAs(e, vi('nav.signedInAs', { name: editorName })).waitFor()
    const offer = e.getByRole('main').locator('dl.summary-list')
    await offer.getByText(orgName, { exact: true }).waitFor()
    await offer.getByText(vi('org.role.editor'), { exact: true }).waitFor()
    await offer.getByText(applicant.fullName, { exact: true }).waitFor()
    await offer.getByText(editorEmail, { exact: true }).waitFor()
    await e.getByText(vi('org.invitation.lead', { role: vi('org.role.editor') }), { exact: true }).waitFor()
    await checkA11y(e)

    // Not a member yet: the organisation's page does not exist for them.
    await editor.tolerating(httpStatusError(404), async () => {
      await e.goto(orgPath)
      await expectHeading(e, vi('error.404.title'))
    })
    expect(await e.getByText(orgName).count()).toBe(0)
    await checkA11y(e)

    await e.goto(invitationLink)
    await expectHeading(e, vi('org.invitation.title'))
    await checkA11y(e)
    await e.getByRole('button', { name: vi('org.invitation.accept'), exact: true }).click()
    await e.waitForURL((u) => u.pathname === orgPath && u.searchParams.get('notice') === 'joined')
    await expectHeading(e, orgName)
    await e.getByText(vi('org.notice.joined', { name: orgName }), { exact: true }).waitFor()
    await e.getByRole('main').getByText(vi('org.role.editor'), { exact: true }).waitFor()
    await checkA11y(e)

    // An editor may change the details: the form comes filled in, the tax code as people write it.
    await e.getByRole('link', { name: vi('org.details.edit'), exact: true }).click()
    await e.waitForURL((u) => u.pathname === orgPath && u.searchParams.get('edit') === '1')
    await expectHeading(e, vi('org.edit.title', { name: orgName }))
    expect(await e.getByLabel(vi('org.field.identifier'), { exact: true }).inputValue()).toBe('0314409058-002')
    expect(await e.getByLabel(vi('org.field.phone'), { exact: true }).inputValue()).toBe('02623852123')
    expect(await e.getByRole('radio', { name: vi('org.type.enterprise'), exact: true }).isChecked()).toBe(true)
    await checkA11y(e)
    await e.getByLabel(vi('org.field.legalRepTitle'), { exact: true }).fill('Phó Giám đốc chi nhánh')
    await e.getByRole('button', { name: vi('org.edit.submit'), exact: true }).click()
    await e.waitForURL((u) => u.pathname === orgPath && u.searchParams.get('notice') === 'updated')
    await e.getByText(vi('org.notice.updated', { name: orgName }), { exact: true }).waitFor()
    await e.getByRole('main').getByText(`${legalRepName} (Phó Giám đốc chi nhánh)`, { exact: true }).waitFor()
    await checkA11y(e)

    await e.locator('header').getByRole('link', { name: vi('nav.organisations'), exact: true }).click()
    await e.waitForURL(pathIs('/organisations'))
    await expectHeading(e, vi('org.list.title'))
    const mine = e.getByRole('table', { name: vi('org.list.title'), exact: true }).locator('tbody tr')
    await expect(mine.count()).resolves.toBe(1)
    expect(await mine.first().locator('td').allInnerTexts()).toEqual([orgName, vi('org.type.enterprise'), '0314409058-002', vi('org.role.editor')])
    await checkA11y(e)

    // The link works once.
    await editor.tolerating(httpStatusError(400), async () => {
      await e.goto(invitationLink)
      await expectHeading(e, vi('org.invitation.invalidTitle'))
    })
    await checkA11y(e)

    // The owner sees the new member, and no invitation waiting any more.
    await o.reload()
    await expectHeading(o, vi('org.members.titleOf', { name: orgName }))
    await members.getByRole('row').filter({ hasText: editorEmail }).waitFor()
    expect(await member(editorEmail)).toEqual([editorName, editorEmail, vi('org.role.editor')])
    await o.getByText(vi('org.members.noPending'), { exact: true }).waitFor()
    await checkA11y(o)
  })
})
