import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { translator } from '../../app/i18n'
import { formatMoney } from '../../app/i18n/format'
import { BUDGET_CATEGORIES, BUDGET_SOURCES } from '../../app/modules/applications/budget'
import { TASK_ORDER, type TaskKey } from '../../app/modules/applications/sections'
import { EXE, PDF } from '../fixtures/files'
import { checkA11y, httpStatusError, type Session, useBrowser } from './support/browser'
import { usePortal } from './support/hooks'
import { linkIn } from './support/smtp'
import { expectErrors, expectHeading, pathIs, signedInAs, signIn, uniqueEmail } from './support/ui'

// An application drafted end to end, as an applicant does it: register and confirm by mail, register the
// organisation, check the eligibility for a call and start; then the task list, the section forms (with
// autosave, the budget's live totals and rules), the attachments (an executable renamed .pdf is refused),
// with JavaScript on and off, and two tabs editing the same section. The built portal, real SMTP,
// Chromium; fields found by their labels and buttons by their names (texts from the catalogues); axe
// checks every page the browser shows.

const vi = translator('vi')

const portal = usePortal()
const browser = useBrowser(() => portal().url)


// The demo call as db/seed.ts publishes it, and the documents it asks for.
const DMST = { code: 'DMST-2026-01', title: 'Hỗ trợ doanh nghiệp đổi mới công nghệ và chuyển đổi số năm 2026' }
const Q = {
  inProvince: 'Tổ chức hoặc cá nhân đề nghị có trụ sở, cơ sở sản xuất hoặc nơi cư trú trên địa bàn tỉnh Đắk Lắk không?',
  noDoubleFunding: 'Nội dung đề nghị đã hoặc đang được ngân sách nhà nước hỗ trợ từ một nguồn khác không?',
  counterpart50: 'Bạn có cam kết bố trí vốn đối ứng tối thiểu 50% tổng kinh phí không?',
}
const DOCUMENTS = {
  registration: 'Giấy chứng nhận đăng ký doanh nghiệp hoặc quyết định thành lập',
  proposal: 'Thuyết minh nhiệm vụ (có chữ ký, đóng dấu)',
  financials: 'Báo cáo tài chính 2 năm gần nhất',
  commitment: 'Văn bản cam kết bố trí vốn đối ứng',
}

interface Applicant {
  fullName: string
  email: string
  password: string
  organisation: string
  taxCode: string
  /** The task list of the draft, once started. */
  applicationPath: string
}

/** The applicant of the first test, whose draft the third test opens in two tabs. */
const applicant: Applicant = {
  fullName: 'Nguyễn Thị Hồng Nhung',
  email: uniqueEmail('hongnhung.nguyen'),
  password: 'đổi mới công nghệ ở Krông Búk',
  organisation: 'Công ty Cổ phần Chế biến Cà phê Ê Đê – Chi nhánh Krông Búk',
  taxCode: '0314409058-002',
  applicationPath: '',
}

/** The applicant without JavaScript: one draft per organisation and call, so an organisation of their own. */
const withoutScripts: Applicant = {
  fullName: 'Y Kông Mlô',
  email: uniqueEmail('ykong.mlo'),
  password: 'truy xuất nguồn gốc cà phê Ea Tu',
  organisation: 'Công ty Cổ phần Chế biến Cà phê Ê Đê – Chi nhánh Ea Tu',
  taxCode: '0314409058-003',
  applicationPath: '',
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The login page, then signed in as the applicant on the home page. */
async function signInAs(page: Page, applicant: Applicant) {
  await page.goto('/login')
  await expectHeading(page, vi('login.title'))
  await checkA11y(page)
  await signIn(page, applicant.email, applicant.password)
  await page.waitForURL(pathIs('/'))
  await signedInAs(page, vi('nav.signedInAs', { name: applicant.fullName })).waitFor()
  await checkA11y(page)
}

/** "Đã lưu lúc 14:32": the autosave status with any time. */
const SAVED_AT = new RegExp(`^${escapeRegExp(vi('applications.form.savedAt', { time: 'HH:MM' })).replace('HH:MM', '\\d{2}:\\d{2}')}$`)
const savedStatus = (page: Page) => page.getByRole('status').getByText(SAVED_AT)

/** The section heading as the section page shows it: "1. Thông tin chung". */
const sectionHeading = (key: TaskKey) => `${TASK_ORDER.indexOf(key) + 1}. ${vi(`applications.section.${key}`)}`

/** The state of every task as the task list shows it. */
async function taskStates(page: Page): Promise<Record<TaskKey, string>> {
  const states = {} as Record<TaskKey, string>
  for (const key of TASK_ORDER) states[key] = (await page.locator(`#${key}-status`).innerText()).trim()
  return states
}
const allTasks = (state: 'not_started' | 'in_progress' | 'completed', others: Partial<Record<TaskKey, string>> = {}) =>
  Object.fromEntries(TASK_ORDER.map((k) => [k, others[k] ?? vi(`applications.state.${state}`)])) as Record<TaskKey, string>

/** From the task list into a section, by its link. */
async function openSection(page: Page, key: TaskKey, applicationPath: string) {
  await page.getByRole('link', { name: vi(`applications.section.${key}`), exact: true }).click()
  await page.waitForURL(pathIs(key === 'attachments' ? `${applicationPath}/attachments` : `${applicationPath}/sections/${key}`))
  await expectHeading(page, key === 'attachments' ? vi('attachments.title') : sectionHeading(key))
  await checkA11y(page)
}

/** "Rồi, tôi đã hoàn thành", then "Lưu và tiếp tục": back on the task list. */
async function completeSection(page: Page, applicationPath: string) {
  await page.getByRole('group', { name: vi('applications.form.completed'), exact: true }).getByRole('radio', { name: vi('applications.form.completed.yes'), exact: true }).check()
  await page.getByRole('button', { name: vi('applications.form.save'), exact: true }).click()
  await page.waitForURL(pathIs(applicationPath))
  await page.getByRole('heading', { level: 2, name: vi('applications.task.sections'), exact: true }).waitFor()
  await checkA11y(page)
}

/** The error summary lists these messages in this order, each linking to its field; each field shows its message. */
/** A budget cell by its (visually hidden) label: "Tiền công lao động: Đề nghị Quỹ hỗ trợ". */
const budgetCell = (page: Page, category: (typeof BUDGET_CATEGORIES)[number], column: 'requested' | (typeof BUDGET_SOURCES)[number]) =>
  page.getByLabel(vi('applications.budget.line', { category: vi(`applications.budget.category.${category}`), column: vi(`applications.budget.${column}`) }), { exact: true })

/** A line of the budget's totals, as shown. */
async function budgetTotal(page: Page, key: 'requested' | 'counterpart' | 'all' | 'ratio') {
  const totals = page.getByRole('main').locator('dl.summary-list')
  return (await totals.getByRole('term').filter({ hasText: vi(`applications.budget.total.${key}`) }).locator('xpath=following-sibling::dd').innerText()).trim()
}

const pct = (n: number) => `${n.toLocaleString('vi-VN')}%`

/** Register, confirm by the mailed link, sign in (as accounts.e2e.ts does). */
async function registerAndSignIn(session: Session, applicant: Applicant) {
  const { page } = session
  await page.goto('/register')
  await expectHeading(page, vi('register.title'))
  await checkA11y(page)
  await page.getByLabel(vi('field.fullName'), { exact: true }).fill(applicant.fullName)
  await page.getByLabel(vi('field.email'), { exact: true }).fill(applicant.email)
  await page.getByLabel(vi('field.password'), { exact: true }).fill(applicant.password)
  await page.getByRole('button', { name: vi('register.submit'), exact: true }).click()
  await page.waitForURL(pathIs('/check-email'))
  await expectHeading(page, vi('checkEmail.title'))
  await checkA11y(page)

  const mail = await portal().inbox.waitFor(applicant.email, vi('email.verify.subject'))
  await page.goto(linkIn(mail, portal().url, '/verify-email'))
  await expectHeading(page, vi('verify.done'))
  await checkA11y(page)
  await page.getByRole('main').getByRole('link', { name: vi('nav.login'), exact: true }).click()
  await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('notice') === 'verified')
  await checkA11y(page)
  await signIn(page, applicant.email, applicant.password)
  await page.waitForURL(pathIs('/'))
  await signedInAs(page, vi('nav.signedInAs', { name: applicant.fullName })).waitFor()
  await checkA11y(page)
}

async function registerOrganisation(page: Page, applicant: Applicant) {
  await page.locator('header').getByRole('link', { name: vi('nav.organisations'), exact: true }).click()
  await page.waitForURL(pathIs('/organisations'))
  await expectHeading(page, vi('org.list.title'))
  await checkA11y(page)
  await page.getByRole('link', { name: vi('org.list.create'), exact: true }).click()
  await page.waitForURL(pathIs('/organisations/new'))
  await expectHeading(page, vi('org.new.title'))
  await checkA11y(page)
  const field = (label: string) => page.getByLabel(label, { exact: true })
  await page.getByRole('group', { name: vi('org.field.type'), exact: true }).getByRole('radio', { name: vi('org.type.enterprise'), exact: true }).check()
  await field(vi('org.field.name')).fill(applicant.organisation)
  await field(vi('org.field.identifier')).fill(applicant.taxCode)
  await field(vi('org.field.addressLine')).fill('112 Hùng Vương, tổ dân phố 3')
  await field(vi('org.field.ward')).selectOption({ label: vi('org.ward.phuong', { name: 'Tân An' }) })
  await field(vi('org.field.legalRepName')).fill('H’Hen Niê')
  await field(vi('org.field.legalRepTitle')).fill('Giám đốc chi nhánh')
  await field(vi('org.field.phone')).fill('0262 3950 456')
  await field(vi('org.field.email')).fill('lienhe@capheede.vn')
  await page.getByRole('button', { name: vi('org.new.submit'), exact: true }).click()
  await page.waitForURL((u) => /^\/organisations\/[0-9a-f-]{36}$/.test(u.pathname) && u.searchParams.get('notice') === 'created')
  await expectHeading(page, applicant.organisation)
  await checkA11y(page)
}

/** The call's eligibility check, answered so the organisation qualifies; then "start an application". */
async function checkEligibilityAndStart(page: Page) {
  const question = (legend: string) => page.getByRole('group', { name: legend, exact: true })
  const answer = (legend: string, choice: string) => question(legend).getByRole('radio', { name: choice, exact: true }).check()
  await page.goto(`/calls/${DMST.code}`)
  await expectHeading(page, DMST.title)
  await checkA11y(page)
  await page.getByRole('main').getByRole('link', { name: vi('calls.check.button'), exact: true }).last().click()
  await page.waitForURL(pathIs(`/calls/${DMST.code}/eligibility`))
  await expectHeading(page, vi('calls.eligibility.title'))
  await checkA11y(page)
  await answer(vi('calls.eligibility.typeQuestion'), vi('calls.applicantType.enterprise'))
  await answer(`1. ${Q.inProvince}`, vi('calls.eligibility.yes'))
  await answer(`2. ${Q.noDoubleFunding}`, vi('calls.eligibility.no'))
  await answer(`3. ${Q.counterpart50}`, vi('calls.eligibility.yes'))
  await page.getByRole('button', { name: vi('calls.eligibility.submit'), exact: true }).click()
  await page.getByRole('region', { name: vi('calls.eligibility.eligible.title'), exact: true }).waitFor()
  await checkA11y(page)

  await page.getByRole('link', { name: vi('calls.eligibility.start'), exact: true }).click()
  await page.waitForURL((u) => u.pathname === '/applications/new' && u.searchParams.get('call') === DMST.code)
  await expectHeading(page, vi('applications.new.title'))
  await page.getByText(vi('applications.new.call', { title: DMST.title }), { exact: true }).waitFor()
  // The answers given are shown again.
  const answers = page.getByRole('main').locator('dl.summary-list')
  await answers.getByRole('term').filter({ hasText: Q.noDoubleFunding }).waitFor()
  await checkA11y(page)
}

/** Chooses the organisation and starts: the task list of the new draft, whose path is returned. */
async function startWithOrganisation(page: Page, applicant: Applicant) {
  await page.getByRole('group', { name: vi('applications.new.organisation'), exact: true }).getByRole('radio', { name: applicant.organisation, exact: true }).check()
  await page.getByRole('button', { name: vi('applications.new.submit'), exact: true }).click()
  await page.waitForURL((u) => /^\/applications\/[0-9a-f-]{36}$/.test(u.pathname))
  await expectHeading(page, vi('applications.task.title'))
  await page.getByText(`${DMST.title} · ${applicant.organisation}`, { exact: true }).waitFor()
  await checkA11y(page)
  return new URL(page.url()).pathname
}

const TITLE = 'Ứng dụng IoT giám sát độ ẩm và tưới tiết kiệm cho vườn cà phê Robusta ở Krông Búk'
const SUMMARY =
  'Lắp đặt cảm biến độ ẩm đất, trạm thời tiết và hệ thống tưới nhỏ giọt điều khiển từ xa cho 50 ha cà phê; xây dựng phần mềm cảnh báo và nhật ký canh tác điện tử cho nông hộ liên kết.'

describe('an application in the browser', () => {
  test('from registering to a draft with every section completed and the documents uploaded', async () => {
    const session = await browser.newSession()
    const { page } = session

    await registerAndSignIn(session, applicant)
    await registerOrganisation(page, applicant)
    await checkEligibilityAndStart(page)
    const appPath = await startWithOrganisation(page, applicant)
    applicant.applicationPath = appPath
    // Nothing filled in yet; the organisation's profile is complete already.
    expect(await taskStates(page)).toEqual(allTasks('not_started', { organisation: vi('applications.state.completed') }))
    await page.getByText(vi('applications.task.progress', { done: 1, total: TASK_ORDER.length }), { exact: true }).waitFor()

    // General information: autosave keeps what is typed, without pressing a button.
    await openSection(page, 'general', appPath)
    await page.getByLabel(vi('applications.general.title'), { exact: true }).fill(TITLE)
    await page.getByLabel(vi('applications.general.priority_field'), { exact: true }).selectOption({ label: vi('field.digital_transformation') })
    await page.getByLabel(vi('applications.general.duration_months'), { exact: true }).fill('18')
    await page.getByLabel(vi('applications.general.summary'), { exact: true }).fill(SUMMARY)
    await savedStatus(page).waitFor()
    const savedText = (await savedStatus(page).innerText()).trim()
    await checkA11y(page)

    await page.reload()
    await expectHeading(page, sectionHeading('general'))
    await page.getByRole('status').getByText(savedText, { exact: true }).waitFor()
    expect(await page.getByLabel(vi('applications.general.title'), { exact: true }).inputValue()).toBe(TITLE)
    expect(await page.getByLabel(vi('applications.general.priority_field'), { exact: true }).inputValue()).toBe('digital_transformation')
    expect(await page.getByLabel(vi('applications.general.duration_months'), { exact: true }).inputValue()).toBe('18')
    expect(await page.getByLabel(vi('applications.general.summary'), { exact: true }).inputValue()).toBe(SUMMARY)
    await checkA11y(page)
    await completeSection(page, appPath)
    // The task list is named after the project now.
    await expectHeading(page, TITLE)
    expect((await taskStates(page)).general).toBe(vi('applications.state.completed'))

    // Team: the principal investigator, the secretary and one member.
    await openSection(page, 'team', appPath)
    const person = async (legend: string, name: string, qualification: string, email?: string) => {
      const group = page.getByRole('group', { name: legend, exact: true })
      await group.getByLabel(vi('applications.team.name')).fill(name)
      await group.getByLabel(vi('applications.team.qualification')).fill(qualification)
      if (email) await group.getByLabel(vi('applications.team.email')).fill(email)
    }
    await person(vi('applications.team.pi'), 'TS. Lê Văn Đức', 'Tiến sĩ Khoa học cây trồng', 'duc.le@capheede.vn')
    await person(vi('applications.team.secretary'), 'ThS. Phạm Thị Thùy Dương', 'Thạc sĩ Công nghệ thông tin', 'duong.pham@capheede.vn')
    const member1 = page.getByRole('group', { name: vi('applications.team.member', { row: 1 }), exact: true })
    await member1.getByLabel(vi('applications.team.name')).fill('KS. Y Thuật Buôn Ya')
    await member1.getByLabel(vi('applications.team.role')).fill('Lắp đặt và vận hành cảm biến')
    await completeSection(page, appPath)
    expect((await taskStates(page)).team).toBe(vi('applications.state.completed'))

    // Proposal, with two milestones.
    await openSection(page, 'proposal', appPath)
    const texts = {
      necessity: 'Nông hộ tưới theo kinh nghiệm, tốn nước và phân bón trong mùa khô.',
      objectives: 'Giảm 30% lượng nước tưới và tăng 10% năng suất cà phê.',
      content_methods: 'Khảo sát, lắp đặt thí điểm, đo đạc và so sánh với vườn đối chứng.',
      products: 'Hệ thống cảm biến, phần mềm cảnh báo và quy trình tưới.',
      applicability: 'Chuyển giao cho các hợp tác xã cà phê trong huyện.',
    }
    for (const [f, text] of Object.entries(texts)) await page.getByLabel(vi(`applications.proposal.${f as keyof typeof texts}`), { exact: true }).fill(text)
    const milestones: [string, string][] = [
      ['Khảo sát và lắp đặt thí điểm 5 ha', '30/06/2027'],
      ['Mở rộng 50 ha và đánh giá kết quả', '31/12/2027'],
    ]
    for (const [i, [work, due]] of milestones.entries()) {
      const group = page.getByRole('group', { name: vi('applications.proposal.milestone', { row: i + 1 }), exact: true })
      await group.getByLabel(vi('applications.proposal.milestone.title')).fill(work)
      await group.getByLabel(vi('applications.proposal.milestone.due')).fill(due)
    }
    await completeSection(page, appPath)
    expect((await taskStates(page)).proposal).toBe(vi('applications.state.completed'))

    // Budget: live totals and the call's rules as the amounts are typed.
    await openSection(page, 'budget', appPath)
    await page.getByText(vi('applications.budget.rules', { max: formatMoney(1_500_000_000), min: 50 }), { exact: true }).waitFor()
    await budgetCell(page, 'labour', 'requested').fill('300.000.000')
    await budgetCell(page, 'labour', 'own').fill('200.000.000')
    await budgetCell(page, 'equipment', 'requested').fill('1.300.000.000')
    await budgetCell(page, 'equipment', 'own').fill('400.000.000')
    await budgetCell(page, 'equipment', 'loan').fill('300.000.000')
    await expect.poll(() => budgetTotal(page, 'requested')).toBe(formatMoney(1_600_000_000))
    expect(await budgetTotal(page, 'counterpart')).toBe(formatMoney(900_000_000))
    expect(await budgetTotal(page, 'all')).toBe(formatMoney(2_500_000_000))
    expect(await budgetTotal(page, 'ratio')).toBe(pct(36))
    const overMax = vi('applications.rule.maxAmount', { max: '1.500.000.000', amount: '1.600.000.000' })
    await page.getByText(overMax, { exact: true }).waitFor()
    await page.getByText(vi('applications.rule.minCounterpart', { min: 50, pct: '36' }), { exact: true }).waitFor()
    await checkA11y(page)

    // Completing is refused: in the browser, and by the server itself (the same schema runs there).
    await page.getByRole('group', { name: vi('applications.form.completed'), exact: true }).getByRole('radio', { name: vi('applications.form.completed.yes'), exact: true }).check()
    await page.getByRole('button', { name: vi('applications.form.save'), exact: true }).click()
    await expectErrors(page, [
      ['labour_requested', overMax],
      ['labour_own', vi('applications.rule.minCounterpart', { min: 50, pct: '36' })],
    ])
    expect(new URL(page.url()).pathname).toBe(`${appPath}/sections/budget`)
    await checkA11y(page)
    const refusal = await session.tolerating(httpStatusError(400), () =>
      page.evaluate(async () => {
        const data = new FormData(document.getElementById('section-form') as HTMLFormElement)
        data.set('completed', 'yes')
        data.delete('intent')
        const url = `${location.pathname}?_data=${encodeURIComponent('routes/applications.$id.sections.$key')}`
        const res = await fetch(url, { method: 'POST', body: new URLSearchParams(data as unknown as Record<string, string>), credentials: 'same-origin' })
        return { status: res.status, body: (await res.json()) as { errors?: Record<string, { message: string }> } }
      }),
    )
    expect(refusal.status).toBe(400)
    expect(refusal.body.errors?.labour_requested?.message).toBe('applications.rule.maxAmount?max=1.500.000.000&amount=1.600.000.000')

    // Within the rules: 800.000.000 requested, 900.000.000 counterpart.
    await budgetCell(page, 'equipment', 'requested').fill('500.000.000')
    await expect.poll(() => budgetTotal(page, 'requested')).toBe(formatMoney(800_000_000))
    expect(await budgetTotal(page, 'counterpart')).toBe(formatMoney(900_000_000))
    expect(await budgetTotal(page, 'all')).toBe(formatMoney(1_700_000_000))
    expect(await budgetTotal(page, 'ratio')).toBe(pct(52.94))
    // The rules under the totals are met now (the summary above still lists the last refusal until saving again).
    await expect(page.locator('ul.error-message[aria-live]').count()).resolves.toBe(0)
    await checkA11y(page)
    await page.getByRole('button', { name: vi('applications.form.save'), exact: true }).click()
    await page.waitForURL(pathIs(appPath))
    await page.getByRole('heading', { level: 2, name: vi('applications.task.sections'), exact: true }).waitFor()
    await checkA11y(page)
    expect((await taskStates(page)).budget).toBe(vi('applications.state.completed'))

    // Declarations.
    await openSection(page, 'declarations', appPath)
    await page.getByLabel(vi('applications.declarations.truthful'), { exact: true }).check()
    await page.getByLabel(vi('applications.declarations.consent'), { exact: true }).check()
    await completeSection(page, appPath)

    // Attachments: the four mandatory documents, as PDFs.
    await openSection(page, 'attachments', appPath)
    await page.getByText(vi('attachments.incomplete', { count: 4 }), { exact: true }).waitFor()
    const files: [name: string, filename: string][] = [
      [DOCUMENTS.registration, 'giay-chung-nhan-dkdn.pdf'],
      [DOCUMENTS.proposal, 'thuyet-minh-ky-dong-dau.pdf'],
      [DOCUMENTS.financials, 'bao-cao-tai-chinh-2024-2025.pdf'],
      [DOCUMENTS.commitment, 'cam-ket-von-doi-ung.pdf'],
    ]
    const slot = (name: string) => page.getByRole('region', { name: `${name} ${vi('attachments.mandatory')}`, exact: true })
    for (const [name, filename] of files) {
      await page.getByLabel(`${vi('attachments.chooseFile')}: ${name}`, { exact: true }).setInputFiles({ name: filename, mimeType: 'application/pdf', buffer: Buffer.from(PDF) })
      await page.getByRole('button', { name: `${vi('attachments.upload')} ${name}`, exact: true }).click()
      await page.getByText(vi('attachments.notice.uploaded', { name }), { exact: true }).waitFor()
      await slot(name).getByRole('link', { name: filename, exact: true }).waitFor()
      await checkA11y(page)
    }
    await page.getByText(vi('attachments.complete'), { exact: true }).waitFor()

    // A program renamed .pdf is refused by its content; the proposal already uploaded stays.
    await session.tolerating(httpStatusError(415), async () => {
      await page.getByLabel(`${vi('attachments.chooseReplacement')}: ${DOCUMENTS.proposal}`, { exact: true }).setInputFiles({
        name: 'thuyet-minh.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(EXE),
      })
      await page.getByRole('button', { name: `${vi('attachments.replace')} ${DOCUMENTS.proposal}`, exact: true }).click()
      await page.getByRole('alert').getByText(vi('attachments.error.executable', { types: 'PDF' }), { exact: true }).waitFor()
    })
    await expect(page.locator(`#${await page.getByLabel(`${vi('attachments.chooseReplacement')}: ${DOCUMENTS.proposal}`, { exact: true }).getAttribute('id')}-error`).innerText()).resolves.toContain(
      vi('attachments.error.executable', { types: 'PDF' }),
    )
    await slot(DOCUMENTS.proposal).getByRole('link', { name: 'thuyet-minh-ky-dong-dau.pdf', exact: true }).waitFor()
    await expect(page.getByRole('link', { name: 'thuyet-minh.pdf', exact: true }).count()).resolves.toBe(0)
    await checkA11y(page)

    await page.getByRole('link', { name: `← ${vi('attachments.back')}`, exact: true }).click()
    await page.waitForURL(pathIs(appPath))
    await expectHeading(page, TITLE)
    await checkA11y(page)
    expect(await taskStates(page)).toEqual(allTasks('completed'))
    await page.getByText(vi('applications.task.progress', { done: TASK_ORDER.length, total: TASK_ORDER.length }), { exact: true }).waitFor()
  })

  test('without JavaScript: save with the button, a missing field refused on completing (typed values kept), then completed', async () => {
    const session = await browser.newSession({ javaScriptEnabled: false })
    const { page } = session
    await registerAndSignIn(session, withoutScripts)
    await registerOrganisation(page, withoutScripts)
    await checkEligibilityAndStart(page)
    const appPath = await startWithOrganisation(page, withoutScripts)
    expect(await taskStates(page)).toEqual(allTasks('not_started', { organisation: vi('applications.state.completed') }))

    await openSection(page, 'general', appPath)
    const title = 'Số hóa truy xuất nguồn gốc cà phê Buôn Ma Thuột bằng mã QR'
    const field = (label: string) => page.getByLabel(vi(label as 'applications.general.title'), { exact: true })
    await field('applications.general.title').fill(title)
    await field('applications.general.priority_field').selectOption({ label: vi('field.digital_transformation') })
    await field('applications.general.duration_months').fill('12')
    // "Lưu nháp": kept as typed, back on the same page.
    await page.getByRole('button', { name: vi('applications.form.saveDraft'), exact: true }).click()
    await page.waitForURL(pathIs(`${appPath}/sections/general`))
    await expectHeading(page, sectionHeading('general'))
    await savedStatus(page).waitFor()
    expect(await field('applications.general.title').inputValue()).toBe(title)
    expect(await field('applications.general.duration_months').inputValue()).toBe('12')
    await checkA11y(page)

    // Completed, but without a summary: refused, and what was typed is still there.
    await page.getByRole('group', { name: vi('applications.form.completed'), exact: true }).getByRole('radio', { name: vi('applications.form.completed.yes'), exact: true }).check()
    await session.tolerating(httpStatusError(400), async () => {
      await page.getByRole('button', { name: vi('applications.form.save'), exact: true }).click()
      await page.waitForLoadState('load')
      await page.getByRole('alert').waitFor()
    })
    await expectErrors(page, [['summary', vi('applications.validation.summary.required')]])
    expect(await field('applications.general.summary').getAttribute('aria-invalid')).toBe('true')
    expect(await field('applications.general.title').inputValue()).toBe(title)
    expect(await field('applications.general.priority_field').inputValue()).toBe('digital_transformation')
    expect(await field('applications.general.duration_months').inputValue()).toBe('12')
    expect(await page.getByRole('radio', { name: vi('applications.form.completed.yes'), exact: true }).isChecked()).toBe(true)
    expect(new URL(page.url()).pathname).toBe(`${appPath}/sections/general`)
    await checkA11y(page)

    await field('applications.general.summary').fill('Gắn mã QR cho từng lô cà phê, ghi nhật ký từ vườn đến nhà máy rang xay.')
    await page.getByRole('button', { name: vi('applications.form.save'), exact: true }).click()
    await page.waitForURL(pathIs(appPath))
    await expectHeading(page, title)
    await checkA11y(page)
    expect(await taskStates(page)).toEqual(allTasks('not_started', { organisation: vi('applications.state.completed'), general: vi('applications.state.completed') }))
  })

  test('two tabs on one section: the second one’s autosave meets the first one’s save and overwrites nothing', async () => {
    expect(applicant.applicationPath, 'the first test registers the applicant').not.toBe('')
    const session = await browser.newSession()
    const { page: second, context } = session
    await signInAs(second, applicant)
    const sectionPath = `${applicant.applicationPath}/sections/proposal`
    const first = await context.newPage()
    for (const p of [first, second]) {
      await p.goto(sectionPath)
      await expectHeading(p, sectionHeading('proposal'))
      await checkA11y(p)
    }

    const products = (p: Page) => p.getByLabel(vi('applications.proposal.products'), { exact: true })
    const mine = 'Hệ thống cảm biến, phần mềm cảnh báo, quy trình tưới và 2 bài báo khoa học.'
    await products(first).fill(mine)
    await first.getByRole('button', { name: vi('applications.form.saveDraft'), exact: true }).click()
    await savedStatus(first).waitFor()
    const time = (await savedStatus(first).innerText()).trim().slice(-5)
    await checkA11y(first)

    // The second tab still has the version from before; its autosave is refused (409) and says so.
    const conflict = vi('applications.form.conflict', { name: applicant.fullName, time })
    await session.tolerating(httpStatusError(409), async () => {
      await products(second).fill('Chỉ có phần mềm.')
      await second.getByRole('status').getByText(conflict).waitFor()
    })
    await second.getByRole('status').getByRole('link', { name: vi('applications.form.conflict.reload'), exact: true }).waitFor()
    // What the second tab typed is still on its page.
    expect(await products(second).inputValue()).toBe('Chỉ có phần mềm.')
    await checkA11y(second)

    // The first tab's text is what was kept.
    await first.reload()
    await expectHeading(first, sectionHeading('proposal'))
    expect(await products(first).inputValue()).toBe(mine)
    await checkA11y(first)
  })
})
