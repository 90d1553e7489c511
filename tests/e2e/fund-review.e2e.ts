import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { translator } from '../../app/i18n'
import {
  type Applicant,
  budgetCell,
  checkEligibilityAndStart,
  completeDraft,
  completeSection,
  registerAndSignIn,
  registerOrganisation,
  startWithOrganisation,
  SUMMARY,
  taskStates,
} from './support/applicant'
import { checkA11y, httpStatusError, type Session, useBrowser } from './support/browser'
import { usePortal } from './support/hooks'
import { DEMO_PASSWORD } from './support/portal'
import { DEMO_ACCOUNTS, DEMO_EXPERTS } from '../../db/seed'
import { pdfLines, pdfSig } from '../../app/modules/documents/layout/pdf-check'
import { amountInWords } from '../../app/i18n/words'
import { demo, download, expectErrors, expectHeading, pathIs, signIn, uniqueEmail } from './support/ui'

// The Fund's side in the browser: an application submitted by a new applicant is found in the staff inbox,
// screened (a request for changes reaches the applicant on the page and by mail; they change only what
// was reopened and resubmit; the checklist; eligible); then a council is formed, its members declare no
// conflict and score, the secretary records attendance and concludes, the director approves and the
// applicant reads the outcome and receives the mail; the minutes and the decision are issued with numbers
// from the register, the decision mailed with its PDF and downloaded by the applicant. The built portal, real SMTP, Chromium; fields by their
// labels, buttons by their names; axe on every page.

const vi = translator('vi')

const portal = usePortal()
const browser = useBrowser(() => portal().url)

const applicant: Applicant = {
  fullName: 'H’Hen Niê',
  email: uniqueEmail('hhen.nie'),
  password: 'hồ sơ cà phê đặc sản Cư M’gar',
  organisation: 'Hợp tác xã Cà phê Đặc sản Cư M’gar',
  taxCode: '0314409058-006',
  applicationPath: '',
}
/** The Fund's name, as the demo's certificate of the Fund carries it (its seal's signature). */
const FUND_NAME = 'Quỹ Phát triển khoa học và công nghệ tỉnh Đắk Lắk'
const TITLE = 'Chế biến cà phê đặc sản lên men có kiểm soát tại Cư M’gar'
const REQUEST = 'Đề nghị tách chi phí thiết bị sấy khỏi chi phí vật tư và nêu rõ nguồn vốn đối ứng.'
const REVISION = 'Theo kết luận của hội đồng: nêu rõ vốn đối ứng cho thuê dịch vụ phân tích.'
const TEAM = ['Trần Thị Thẩm', 'Lê Văn Định', 'Phạm Thị Kinh', 'Hoàng Văn Phí', 'Võ Thị Toán']

/** What the first test leaves for the second: the screened application. */
const screened = { id: '', reference: '' }

/** A person's own browser, signed in from the login page. */
async function signedIn(email: string, password = DEMO_PASSWORD) {
  const session = await browser.newSession()
  await session.page.goto('/login')
  await checkA11y(session.page)
  await signIn(session.page, email, password)
  await session.page.waitForURL(pathIs('/home'))
  await checkA11y(session.page)
  return session
}

/** The applicant submits a complete draft from "check your answers"; the reference is returned. */
async function submitApplication(page: Page) {
  await page.getByRole('link', { name: vi('submission.task.check'), exact: true }).click()
  await page.waitForURL(pathIs(`${applicant.applicationPath}/check`))
  await checkA11y(page)
  await page.getByRole('button', { name: vi('submission.check.submit'), exact: true }).click()
  await page.waitForURL(pathIs(`${applicant.applicationPath}/confirmation`))
  await checkA11y(page)
  return (await page.getByRole('region', { name: vi('submission.confirmation.title'), exact: true }).locator('strong').innerText()).trim()
}

/** Opens a status change from the staff application page by its link, and waits for its form. */
async function openEvent(page: Page, event: Parameters<typeof vi>[0]) {
  await page.getByRole('link', { name: vi(event), exact: true }).click()
  await expectHeading(page, vi(event))
  await checkA11y(page)
}

/**
 * The signer opens "Documents to sign", the waiting document whose title matches, and signs it: with the key kept
 * for them, or with a certificate file and its passphrase. Returns the number the register gave it.
 */
async function signWaiting(session: Session, title: RegExp, confirm: string, key?: { keyFile: { name: string; mimeType: string; buffer: Buffer }; passphrase: string }) {
  const page = session.page
  await page.goto('/signing')
  await expectHeading(page, vi('signing.title'))
  await checkA11y(page)
  await page.getByRole('link', { name: title }).click()
  await page.getByRole('link', { name: vi('signing.preview'), exact: true }).waitFor()
  await checkA11y(page)
  if (key) {
    await page.getByLabel(vi('signing.how.file'), { exact: true }).check()
    await page.getByLabel(vi('signing.file'), { exact: true }).setInputFiles(key.keyFile)
    // A wrong passphrase is refused in words, and nothing is signed.
    await page.getByLabel(vi('signing.passphrase'), { exact: true }).fill('not-the-passphrase')
    await page.getByLabel(confirm, { exact: true }).check()
    await session.tolerating(httpStatusError(400), async () => {
      await page.getByRole('button', { name: vi('signing.button'), exact: true }).click()
      await page.getByRole('link', { name: vi('signing.e.passphrase'), exact: true }).waitFor()
    })
    await checkA11y(page)
    await page.getByLabel(vi('signing.file'), { exact: true }).setInputFiles(key.keyFile)
    await page.getByLabel(vi('signing.passphrase'), { exact: true }).fill(key.passphrase)
  } else {
    await expect(page.getByLabel(vi('signing.how.kept'), { exact: true }).isChecked()).resolves.toBe(true)
  }
  await page.getByLabel(confirm, { exact: true }).check()
  await page.getByRole('button', { name: vi('signing.button'), exact: true }).click()
  const done = page.getByText(/^Đã ký và ban hành văn bản số \S+\.$/)
  await done.waitFor()
  await checkA11y(page)
  return (await done.innerText()).match(/số (\S+)\.$/)![1]
}

describe('the Fund screens an application', () => {
  test('found in the inbox, changes requested and made, checklist, eligible; the applicant follows it all', async () => {
    // The applicant: register, organisation, eligibility, every section, submit.
    const a = await browser.newSession()
    await registerAndSignIn(a, portal(), applicant)
    await registerOrganisation(a.page, applicant)
    await checkEligibilityAndStart(a.page)
    applicant.applicationPath = await startWithOrganisation(a.page, applicant)
    await completeDraft(a.page, applicant.applicationPath, { title: TITLE, months: '18', summary: SUMMARY })
    const reference = await submitApplication(a.page)
    const id = applicant.applicationPath.split('/').pop()!
    Object.assign(screened, { id, reference })

    // The Fund's officer finds it in the inbox, without diacritics.
    const s = await browser.newSession()
    const officer = demo('staff')
    await s.page.goto('/login')
    await checkA11y(s.page)
    await signIn(s.page, officer.email, DEMO_PASSWORD)
    await s.page.waitForURL(pathIs('/home'))
    await checkA11y(s.page)
    await s.page.getByRole('navigation').getByRole('link', { name: vi('nav.staffApplications'), exact: true }).click()
    await expectHeading(s.page, vi('inbox.title'))
    await checkA11y(s.page)
    await s.page.getByLabel(vi('inbox.search'), { exact: true }).fill('ca phe dac san cu m’gar')
    await s.page.getByLabel(vi('inbox.search'), { exact: true }).press('Enter')
    await s.page.waitForURL((u) => u.pathname === '/staff/applications' && u.searchParams.has('q'))
    await checkA11y(s.page)
    const row = s.page.getByRole('row').filter({ hasText: reference })
    await row.getByRole('link', { name: TITLE, exact: true }).click()
    await s.page.waitForURL(pathIs(`/staff/applications/${id}`))
    await expectHeading(s.page, TITLE)
    await checkA11y(s.page)

    // Start screening, then ask for changes to the budget (the form first says what is missing).
    await openEvent(s.page, 'screening.event.title.start_screening')
    await s.page.getByRole('button', { name: vi('screening.event.title.start_screening'), exact: true }).click()
    await s.page.waitForURL((u) => u.pathname === `/staff/applications/${id}`)
    await s.page.getByText(vi('screening.event.done', { event: vi('workflow.status.screening') }), { exact: true }).waitFor()
    await checkA11y(s.page)
    await openEvent(s.page, 'screening.event.title.request_changes')
    await s.page.getByRole('button', { name: vi('screening.event.title.request_changes'), exact: true }).click()
    await expectErrors(s.page, [
      ['message', vi('workflow.v.message.required')],
      ['due', vi('workflow.v.due.required')],
      ['sections', vi('workflow.v.sections.required')],
    ])
    await checkA11y(s.page)
    await s.page.getByLabel(vi('screening.event.message'), { exact: true }).fill(REQUEST)
    await s.page.getByLabel(vi('screening.event.due'), { exact: true }).fill('15/12/2030')
    await s.page.getByRole('group', { name: vi('screening.event.sections'), exact: true }).getByLabel(vi('applications.section.budget'), { exact: true }).check()
    await s.page.getByRole('button', { name: vi('screening.event.title.request_changes'), exact: true }).click()
    await s.page.waitForURL((u) => u.pathname === `/staff/applications/${id}`)
    await checkA11y(s.page)

    // The applicant hears of it by mail, and reads it on the application page.
    const mail = await portal().inbox.waitFor(applicant.email, (subject) => subject.includes(vi('workflow.message.change_request')))
    expect(mail.text).toContain(REQUEST)
    expect(mail.text).toContain('15/12/2030')
    await a.page.goto(applicant.applicationPath)
    await checkA11y(a.page)
    const banner = a.page.getByRole('region', { name: vi('workflow.message.change_request'), exact: true })
    await banner.getByText(REQUEST, { exact: true }).waitFor()
    await banner.getByText(vi('workflow.message.sections', { sections: vi('applications.section.budget') }), { exact: true }).waitFor()
    // The task list: the reopened budget is to change, not completed.
    expect((await taskStates(a.page)).budget).toBe(vi('applications.state.to_change'))

    // Only the budget opens; the general information stays read-only.
    await a.page.getByRole('link', { name: vi('applications.section.general'), exact: true }).click()
    await checkA11y(a.page)
    await a.page.getByText(vi('applications.form.readOnly'), { exact: true }).waitFor()
    expect(await a.page.getByLabel(vi('applications.general.title'), { exact: true }).isDisabled()).toBe(true)
    await a.page.goBack()
    await a.page.getByRole('link', { name: vi('applications.section.budget'), exact: true }).click()
    await checkA11y(a.page)
    await budgetCell(a.page, 'services', 'own').fill('150.000.000')
    await completeSection(a.page, applicant.applicationPath)
    await a.page.getByRole('link', { name: vi('submission.task.resubmit'), exact: true }).click()
    await a.page.waitForURL(pathIs(`${applicant.applicationPath}/check`))
    await checkA11y(a.page)
    await a.page.getByRole('button', { name: vi('submission.check.resubmit'), exact: true }).click()
    await a.page.waitForURL((u) => u.pathname === applicant.applicationPath && u.searchParams.get('notice') === 'resubmitted')
    await a.page.getByText(vi('submission.resubmitted'), { exact: true }).waitFor()
    await checkA11y(a.page)

    // The officer: eligible is refused until the checklist is complete; then eligible.
    await s.page.goto(`/staff/applications/${id}`)
    await checkA11y(s.page)
    await openEvent(s.page, 'screening.event.title.start_screening')
    await s.page.getByRole('button', { name: vi('screening.event.title.start_screening'), exact: true }).click()
    await s.page.waitForURL((u) => u.pathname === `/staff/applications/${id}`)
    await checkA11y(s.page)
    await openEvent(s.page, 'screening.event.title.declare_eligible')
    await s.tolerating(/status of 409/, async () => {
      await s.page.getByRole('button', { name: vi('screening.event.title.declare_eligible'), exact: true }).click()
      await s.page.getByRole('alert').getByText(vi('workflow.refused.checklist'), { exact: true }).waitFor()
    })
    await checkA11y(s.page)
    await s.page.goto(`/staff/applications/${id}`)
    await checkA11y(s.page)
    await s.page.getByRole('link', { name: vi('screening.checklist.link'), exact: true }).click()
    await expectHeading(s.page, vi('screening.checklist.title'))
    await checkA11y(s.page)
    for (const item of ['documents', 'eligibility', 'legal'] as const) await s.page.getByLabel(vi(`screening.check.${item}`), { exact: true }).check()
    await s.page.getByRole('button', { name: vi('screening.checklist.save'), exact: true }).click()
    await s.page.getByText(vi('screening.checklist.saved'), { exact: true }).waitFor()
    await checkA11y(s.page)
    await s.page.goto(`/staff/applications/${id}`)
    await openEvent(s.page, 'screening.event.title.declare_eligible')
    await s.page.getByRole('button', { name: vi('screening.event.title.declare_eligible'), exact: true }).click()
    await s.page.waitForURL((u) => u.pathname === `/staff/applications/${id}`)
    await s.page.getByText(vi('workflow.status.eligible'), { exact: true }).first().waitFor()
    // What to do next: the councils, not "nothing".
    await s.page.getByRole('link', { name: vi('screening.next.council.new'), exact: true }).waitFor()
    await checkA11y(s.page)

    // The applicant sees the notice and the road so far.
    await portal().inbox.waitFor(applicant.email, (subject) => subject.includes(vi('workflow.message.eligible')))
    await a.page.goto(applicant.applicationPath)
    await a.page.getByRole('heading', { level: 3, name: vi('workflow.message.eligible'), exact: true }).waitFor()
    await a.page.getByText(vi('workflow.status.eligible'), { exact: true }).first().waitFor()
    await checkA11y(a.page)
  }, 240_000)

  test('a council is formed, two opponents and three members score, the secretary concludes, the director approves', async () => {
    expect(screened.id, 'the first test screens the application').not.toBe('')
    const { id, reference } = screened
    const experts = [DEMO_ACCOUNTS.find((a) => a.role === 'reviewer')!, ...DEMO_EXPERTS]
    // chair, vice-chair, secretary, four members: seven, the smallest council the rules allow.
    const seats: [account: (typeof experts)[number], role: 'chair' | 'vice_chair' | 'secretary' | 'member'][] = [
      [experts[0], 'chair'],
      [experts[1], 'vice_chair'],
      [experts[2], 'secretary'],
      [experts[3], 'member'],
      [experts[4], 'member'],
      [experts[5], 'member'],
      [experts[6], 'member'],
    ]
    const [opponent1, opponent2] = [experts[3], experts[4]]

    // The office forms the council.
    const s = await signedIn(demo('staff').email)
    await s.page.getByRole('navigation').getByRole('link', { name: vi('councils.nav'), exact: true }).click()
    await expectHeading(s.page, vi('councils.title'))
    await checkA11y(s.page)
    await s.page.getByRole('link', { name: vi('councils.new'), exact: true }).click()
    await expectHeading(s.page, vi('councils.new.title'))
    await checkA11y(s.page)
    const callOption = s.page.getByLabel(vi('councils.field.call'), { exact: true }).locator('option', { hasText: 'DMST-2026-01' })
    await s.page.getByLabel(vi('councils.field.call'), { exact: true }).selectOption((await callOption.getAttribute('value'))!)
    await s.page.getByLabel(vi('councils.field.nameVi'), { exact: true }).fill('Hội đồng tư vấn xét chọn đợt DMST-2026-01')
    await s.page.getByLabel(vi('councils.field.nameEn'), { exact: true }).fill('Selection council of call DMST-2026-01')
    await s.page.getByRole('button', { name: vi('councils.new.submit'), exact: true }).click()
    await expectHeading(s.page, 'Hội đồng tư vấn xét chọn đợt DMST-2026-01')
    await checkA11y(s.page)

    const addForm = s.page.locator('form').filter({ has: s.page.getByRole('button', { name: vi('councils.members.add.submit'), exact: true }) })
    for (const [account, role] of seats) {
      await addForm.getByLabel(vi('councils.members.add.email'), { exact: true }).fill(account.email)
      await addForm.getByLabel(vi('councils.members.add.role'), { exact: true }).selectOption(role)
      await addForm.getByRole('button', { name: vi('councils.members.add.submit'), exact: true }).click()
      await s.page.getByRole('cell', { name: account.fullName, exact: true }).waitFor()
    }
    await s.page.getByText(vi('councils.problems.none'), { exact: true }).waitFor()
    await checkA11y(s.page)

    const appSelect = s.page.getByLabel(vi('councils.apps.add.field'), { exact: true })
    await appSelect.selectOption((await appSelect.locator('option', { hasText: reference }).getAttribute('value'))!)
    await s.page.getByRole('button', { name: vi('councils.apps.add.submit'), exact: true }).click()
    await s.page.getByLabel(vi('councils.opponents.nth', { n: 1, reference }), { exact: true }).waitFor()
    await checkA11y(s.page)
    await s.page.getByLabel(vi('councils.opponents.nth', { n: 1, reference }), { exact: true }).selectOption({ label: opponent1.fullName })
    await s.page.getByLabel(vi('councils.opponents.nth', { n: 2, reference }), { exact: true }).selectOption({ label: opponent2.fullName })
    await s.page.getByRole('button', { name: vi('councils.opponents.save', { reference }), exact: true }).click()
    await s.page.waitForLoadState('load')
    await checkA11y(s.page)

    await s.page.getByLabel(vi('councils.form.due'), { exact: true }).fill('15/12/2030')
    await s.page.getByRole('button', { name: vi('councils.form.submit'), exact: true }).click()
    await s.page.getByText(vi('councils.notice.formed', { moved: 1, invited: 7 }), { exact: true }).waitFor()
    await checkA11y(s.page)
    const invitation = await portal().inbox.waitFor(opponent1.email, () => true)
    expect(invitation.text).toContain('/review')

    // Five members declare no conflict and score on the rubric (the two opponents, the chair, the secretary
    // and one member: five of seven is the quorum).
    const scorers = [experts[0], experts[2], opponent1, opponent2, experts[5]]
    for (const [n, account] of scorers.entries()) {
      const r = await signedIn(account.email)
      await r.page.getByRole('navigation').getByRole('link', { name: vi('reviewing.nav'), exact: true }).click()
      await expectHeading(r.page, vi('reviewing.list.title'))
      await checkA11y(r.page)
      await r.page.getByRole('link', { name: reference, exact: true }).click()
      await r.page.getByRole('heading', { level: 2, name: vi('reviewing.declare.title'), exact: true }).waitFor()
      await checkA11y(r.page)
      await r.page.getByLabel(vi('reviewing.declare.none'), { exact: true }).check()
      await r.page.getByRole('button', { name: vi('reviewing.declare.save'), exact: true }).click()
      await r.page.getByText(vi('reviewing.declare.done.none'), { exact: true }).waitFor()
      await checkA11y(r.page)
      // Every criterion at about 80% of its maximum (a point apart from one member to the next).
      const criteria = r.page.locator('fieldset.ballot__criterion')
      const count = await criteria.count()
      expect(count).toBeGreaterThan(3)
      for (let i = 0; i < count; i++) {
        const box = criteria.nth(i).getByLabel(/^Điểm \(tối đa/)
        const max = Number((await box.evaluate((el) => (el.closest('.form-group')?.querySelector('label')?.textContent ?? '').match(/\d+/)?.[0] ?? '0')))
        await box.fill(String(Math.max(0, Math.round(max * 0.8) - (n % 2))))
      }
      await r.page.getByLabel(vi('reviewing.recommendation.fund'), { exact: true }).check()
      await r.page.getByRole('button', { name: vi('reviewing.ballot.submit'), exact: true }).click()
      // Submitting locks the ballot: first a page to read it again, then the confirmation.
      await expectHeading(r.page, vi('reviewing.confirm.ballot.title'))
      await r.page.getByText(vi('reviewing.confirm.ballot.warning'), { exact: true }).waitFor()
      await checkA11y(r.page)
      await r.page.getByRole('button', { name: vi('reviewing.confirm.ballot.button'), exact: true }).click()
      await r.page.getByText(/^Đã nộp phiếu đánh giá lúc/).waitFor()
      await checkA11y(r.page)
      if (n === 0) {
        // Numbers in the page's language (issue 10): the dossier's counterpart share is "52,94 %" in Vietnamese
        // and "52.94%" in English, never "52,94%" beside English scores.
        const share = (label: string) => r.page.locator('.summary-list__row', { has: r.page.getByText(label, { exact: true }) }).locator('dd').first()
        expect(await share(vi('submission.check.budget.pct')).innerText()).toMatch(/^\d+,\d\d\u00a0%$/)
        const here = new URL(r.page.url()).pathname
        await r.page.goto(`${here}?lang=en`)
        expect(await share(translator('en')('submission.check.budget.pct')).innerText()).toMatch(/^\d+\.\d\d%$/)
        expect(await r.page.locator('main').innerText()).not.toMatch(/\d,\d\d\s?%/)
        await checkA11y(r.page)
        await r.page.goto(`${here}?lang=vi`)
      }
    }

    // The seventh member is the sister of the investigator: she declares the conflict (her reason ends with its
    // own full stop, and the banner adds none), and the meeting leaves her out of this application.
    const sister = experts[6]
    const reason = 'Em ruột tôi là chủ nhiệm.'
    const c = await signedIn(sister.email)
    await c.page.goto('/review')
    await checkA11y(c.page)
    await c.page.getByRole('link', { name: reference, exact: true }).click()
    await c.page.getByLabel(vi('reviewing.declare.declared'), { exact: true }).check()
    await c.page.getByLabel(vi('reviewing.declare.reason'), { exact: true }).fill(reason)
    await c.page.getByRole('button', { name: vi('reviewing.declare.save'), exact: true }).click()
    const banner = c.page.getByText(vi('reviewing.declare.done.declared', { reason }), { exact: true })
    await banner.waitFor()
    expect(await banner.innerText()).not.toContain('..')
    await checkA11y(c.page)

    // The secretary records who came and concludes.
    const secretary = await signedIn(experts[2].email)
    await secretary.page.goto('/review')
    await checkA11y(secretary.page)
    await secretary.page.getByRole('link', { name: vi('reviewing.list.meetings.link', { name: 'Hội đồng tư vấn xét chọn đợt DMST-2026-01' }), exact: true }).click()
    await expectHeading(secretary.page, vi('reviewing.meeting.title'))
    // Before the attendance is saved nothing is classed: the page says what is missing.
    await secretary.page.getByText(vi('reviewing.quorum.attendance'), { exact: true }).waitFor()
    await expect(secretary.page.getByText(vi('reviewing.scores.notRecommended'), { exact: true }).count()).resolves.toBe(0)
    await checkA11y(secretary.page)
    for (const account of scorers) {
      const seat = seats.find(([a]) => a === account)![1]
      await secretary.page.getByLabel(`${account.fullName} — ${vi(`reviewing.role.${seat}`)}`).check()
    }
    await secretary.page.getByRole('button', { name: vi('reviewing.meeting.attendanceSave'), exact: true }).click()
    await secretary.page.getByText(vi('reviewing.meeting.attendanceSaved'), { exact: true }).waitFor()
    await checkA11y(secretary.page)
    // Five of the six members without a conflict are present; the sister is named, left out.
    await secretary.page.getByText(vi('reviewing.quorum.okWithout', { present: 5, members: 6, required: 4 }), { exact: true }).waitFor()
    await secretary.page.getByText(vi('reviewing.quorum.conflict.declared', { name: sister.fullName }), { exact: true }).waitFor()
    // Scores and deviations in the page's language: "80,38" and "2,35 %" in Vietnamese, "80.38" and "2.35%" in English.
    const meetingPath = new URL(secretary.page.url()).pathname
    const viText = await secretary.page.locator('main').innerText()
    expect(viText).toMatch(/\d,\d\d\u00a0%/)
    expect(viText).toMatch(/\b\d+,\d\d\b/)
    expect(viText).not.toMatch(/\d\.\d\d%|\d,\d\d%/)
    await secretary.page.goto(`${meetingPath}?lang=en`)
    const enText = await secretary.page.locator('main').innerText()
    expect(enText).toMatch(/\d\.\d\d%/)
    expect(enText).not.toMatch(/\d,\d\d/)
    await secretary.page.goto(`${meetingPath}?lang=vi`)
    await expectHeading(secretary.page, vi('reviewing.meeting.title'))
    await secretary.page.getByRole('heading', { level: 2, name: vi('reviewing.ranking.title'), exact: true }).waitFor()
    await secretary.page.getByRole('button', { name: vi('reviewing.conclude.button'), exact: true }).click()
    await expectHeading(secretary.page, vi('reviewing.confirm.conclude.title'))
    await secretary.page.getByRole('row').filter({ hasText: reference }).getByText(vi('reviewing.scores.recommended'), { exact: true }).waitFor()
    await checkA11y(secretary.page)
    await secretary.page.getByRole('button', { name: vi('reviewing.confirm.conclude.button'), exact: true }).click()
    await secretary.page.getByText(vi('reviewing.conclude.done'), { exact: true }).waitFor()
    await checkA11y(secretary.page)

    // The secretary sends the minutes for signature: nothing is numbered until the chair, who presided, signs.
    const minutes = secretary.page.getByRole('region', { name: vi('reviewing.minutes.title'), exact: true })
    await minutes.getByRole('link', { name: vi('reviewing.minutes.preview'), exact: true }).waitFor()
    await minutes.getByRole('button', { name: vi('reviewing.minutes.issue'), exact: true }).click()
    await expectHeading(secretary.page, vi('reviewing.confirm.minutes.title'))
    await checkA11y(secretary.page)
    await secretary.page.getByRole('button', { name: vi('signing.send'), exact: true }).click()
    await secretary.page.getByText(vi('signing.sent'), { exact: true }).waitFor()
    await checkA11y(secretary.page)

    // The chair reads them and signs with the certificate kept on the server for them (the demo's).
    const chair = await signedIn(experts[0].email)
    const minutesSymbol = await signWaiting(chair, /^Biên bản họp /, vi('signing.confirm', { capacity: 'CHỦ TỊCH HỘI ĐỒNG' }))
    expect(minutesSymbol).toMatch(/^\d+\/BB-QKHCN$/)

    // From then on the meeting page serves the numbered, signed file.
    await secretary.page.goto(new URL(secretary.page.url()).pathname)
    const minutesFile = await download(secretary.page, minutes.getByRole('link', { name: vi('reviewing.minutes.download', { symbol: minutesSymbol }), exact: true }))
    expect(minutesFile.filename).toBe(`Bien-ban-${minutesSymbol.replace('/', '-')}.pdf`)
    const minutesText = (await pdfLines(minutesFile.bytes)).join('\n')
    expect(minutesText).toContain(`Số: ${minutesSymbol}`)
    expect(minutesText).toContain('BIÊN BẢN')
    expect(minutesText).toContain('Số thành viên có mặt: 5/7.')
    expect(minutesText).toContain(reference)
    const minutesSignatures = (await pdfSig(minutesFile.bytes)).signatures
    expect(minutesSignatures.map((g) => [g.commonName, g.valid])).toEqual([[experts[0].fullName, true], [FUND_NAME, true]])

    // The office asks for the revision the council concluded: the due day counts from the minutes' adoption.
    await s.page.goto(`/staff/applications/${id}`)
    await s.page.getByText(vi('workflow.status.recommended'), { exact: true }).first().waitFor()
    await openEvent(s.page, 'screening.event.title.request_revision')
    expect(await s.page.getByLabel(vi('screening.event.due'), { exact: true }).inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/)
    await s.page.getByLabel(vi('screening.event.message'), { exact: true }).fill(REVISION)
    await s.page.getByRole('group', { name: vi('screening.event.sections'), exact: true }).getByLabel(vi('applications.section.budget'), { exact: true }).check()
    await s.page.getByRole('button', { name: vi('screening.event.title.request_revision'), exact: true }).click()
    await s.page.waitForURL((u) => u.pathname === `/staff/applications/${id}`)
    await s.page.getByText(vi('workflow.status.revision'), { exact: true }).first().waitFor()
    await checkA11y(s.page)

    // The applicant is told, revises the reopened budget and resubmits; the applicant and the office hear of it.
    const revisionMail = await portal().inbox.waitFor(applicant.email, (subject) => subject.includes(vi('workflow.message.revision_request')))
    expect(revisionMail.text).toContain(REVISION)
    const r = await signedIn(applicant.email, applicant.password)
    await r.page.goto(applicant.applicationPath)
    await r.page.getByRole('region', { name: vi('workflow.message.revision_request'), exact: true }).getByText(REVISION, { exact: true }).waitFor()
    await checkA11y(r.page)
    await r.page.getByRole('link', { name: vi('applications.section.budget'), exact: true }).click()
    await r.page.waitForURL(pathIs(`${applicant.applicationPath}/sections/budget`))
    await checkA11y(r.page)
    await budgetCell(r.page, 'services', 'own').fill('160.000.000')
    await completeSection(r.page, applicant.applicationPath)
    await r.page.getByRole('link', { name: vi('submission.task.resubmit'), exact: true }).click()
    await r.page.waitForURL(pathIs(`${applicant.applicationPath}/check`))
    await checkA11y(r.page)
    await r.page.getByRole('button', { name: vi('submission.check.resubmit'), exact: true }).click()
    await r.page.waitForURL((u) => u.pathname === applicant.applicationPath)
    await r.page.getByText(vi('workflow.status.revised'), { exact: true }).first().waitFor()
    await portal().inbox.waitFor(applicant.email, (subject) => subject.includes('Đã nhận hồ sơ hoàn thiện'))

    // The office forms the cost-appraisal team of five, with its leader, and starts the appraisal.
    await s.page.goto(`/staff/applications/${id}`)
    await s.page.getByRole('link', { name: vi('screening.next.appraisal.form'), exact: true }).click()
    await expectHeading(s.page, vi('appraisal.title'))
    await checkA11y(s.page)
    for (const [i, name] of TEAM.entries()) {
      await s.page.getByRole('group', { name: vi('appraisal.team.seat', { seat: i + 1 }), exact: true }).getByLabel(vi('appraisal.team.name'), { exact: true }).fill(name)
    }
    await s.page.getByRole('group', { name: vi('appraisal.team.leader'), exact: true }).getByLabel(vi('appraisal.team.seat', { seat: 1 }), { exact: true }).check()
    await s.page.getByRole('button', { name: vi('appraisal.team.save'), exact: true }).click()
    await s.page.getByText(vi('appraisal.team.saved'), { exact: true }).waitFor()
    await checkA11y(s.page)
    await s.page.goto(`/staff/applications/${id}`)
    await openEvent(s.page, 'screening.event.title.start_appraisal')
    await s.page.getByRole('button', { name: vi('screening.event.title.start_appraisal'), exact: true }).click()
    await s.page.waitForURL((u) => u.pathname === `/staff/applications/${id}`)
    await s.page.getByText(vi('workflow.status.appraisal'), { exact: true }).first().waitFor()

    // The team meets: four of five present, the amounts per category, the lump-sum method; then its minutes.
    await s.page.getByRole('link', { name: vi('screening.next.appraisal.record'), exact: true }).click()
    await expectHeading(s.page, vi('appraisal.title'))
    await s.page.getByLabel(vi('appraisal.meeting.metOn'), { exact: true }).fill('10/12/2026')
    const present = s.page.getByRole('group', { name: vi('appraisal.meeting.present'), exact: true })
    for (const name of TEAM.slice(0, 4)) await present.getByLabel(name, { exact: true }).check()
    const category = (c: string) => vi('appraisal.meeting.appraised', { category: vi(`applications.budget.category.${c}` as Parameters<typeof vi>[0]) })
    await s.page.getByLabel(category('labour'), { exact: true }).fill('280.000.000')
    await s.page.getByLabel(category('equipment'), { exact: true }).fill('470.000.000')
    await s.page.getByRole('group', { name: vi('appraisal.meeting.method'), exact: true }).getByLabel(vi('appraisal.method.partial'), { exact: true }).check()
    await s.page.getByRole('button', { name: vi('appraisal.meeting.save'), exact: true }).click()
    await s.page.getByText(vi('appraisal.meeting.saved'), { exact: true }).waitFor()
    await checkA11y(s.page)
    // The office sends the minutes for signature; the director confirms and signs them (the team's members are
    // names, not accounts), and only then are they numbered.
    await s.page.getByRole('button', { name: vi('appraisal.minutes.issue'), exact: true }).click()
    await s.page.getByText(vi('appraisal.minutes.sent'), { exact: true }).waitFor()
    await checkA11y(s.page)
    const d = await signedIn(demo('director').email)
    await d.page.goto('/home')
    await d.page.getByRole('link', { name: /^Biên bản thẩm định kinh phí: / }).waitFor()
    const appraisalSymbol = await signWaiting(d, /^Biên bản thẩm định kinh phí: /, vi('signing.confirm', { capacity: vi('signing.signer.director') }))
    expect(appraisalSymbol).toMatch(/^\d+\/BB-QKHCN$/)
    await s.page.reload()
    const appraisalMinutes = await download(s.page, s.page.getByRole('link', { name: vi('appraisal.minutes.download', { symbol: appraisalSymbol }), exact: true }))
    expect((await pdfSig(appraisalMinutes.bytes)).signatures.map((g) => [g.commonName, g.valid])).toEqual([[demo('director').fullName, true], [FUND_NAME, true]])
    const appraisalText = (await pdfLines(appraisalMinutes.bytes)).join(' ').replace(/\s+/g, ' ')
    expect(appraisalText).toContain(`Số: ${appraisalSymbol}`)
    expect(appraisalText).toContain('TỔ TRƯỞNG TỔ THẨM ĐỊNH')
    await s.page.goto(`/staff/applications/${id}`)
    await openEvent(s.page, 'screening.event.title.complete_appraisal')
    await s.page.getByRole('button', { name: vi('screening.event.title.complete_appraisal'), exact: true }).click()
    await s.page.waitForURL((u) => u.pathname === `/staff/applications/${id}`)
    await s.page.getByText(vi('workflow.status.appraised'), { exact: true }).first().waitFor()
    await checkA11y(s.page)

    // The director approves, no more than was appraised (the form starts with the appraised total).
    await d.page.goto(`/staff/applications/${id}`)
    await d.page.getByText(vi('workflow.status.appraised'), { exact: true }).first().waitFor()
    await checkA11y(d.page)
    await openEvent(d.page, 'screening.event.title.approve')
    expect(await d.page.getByLabel(vi('screening.event.amount'), { exact: true }).inputValue()).toBe('750.000.000')
    await d.page.getByLabel(vi('screening.event.amount'), { exact: true }).fill('760.000.000')
    await d.page.getByLabel(vi('screening.event.conditions'), { exact: false }).fill('Giải ngân theo hai đợt, đợt hai sau khi nghiệm thu giai đoạn 1.')
    await d.tolerating(httpStatusError(400), async () => {
      await d.page.getByRole('button', { name: vi('screening.event.title.approve'), exact: true }).click()
      await d.page.getByText(vi('workflow.refused.aboveAppraisal', { max: '750.000.000\u00a0₫' }), { exact: false }).first().waitFor()
    })
    await checkA11y(d.page)
    await d.page.getByLabel(vi('screening.event.amount'), { exact: true }).fill('750.000.000')
    await d.page.getByLabel(vi('screening.event.conditions'), { exact: false }).fill('Giải ngân theo hai đợt, đợt hai sau khi nghiệm thu giai đoạn 1.')
    await d.page.getByRole('button', { name: vi('screening.event.title.approve'), exact: true }).click()
    await d.page.waitForURL((u) => u.pathname === `/staff/applications/${id}`)
    await d.page.getByText(vi('workflow.status.approved'), { exact: true }).first().waitFor()
    await checkA11y(d.page)

    // The applicant reads the outcome, and has it by mail.
    const mail = await portal().inbox.waitFor(applicant.email, (subject) => subject.includes(vi('workflow.message.approved')))
    expect(mail.text).toContain('Giải ngân theo hai đợt')
    expect(mail.text).toMatch(/750\.000\.000\s₫/)
    const a = await signedIn(applicant.email, applicant.password)
    await a.page.goto(applicant.applicationPath)
    await a.page.getByRole('heading', { level: 3, name: vi('workflow.message.approved'), exact: true }).waitFor()
    await a.page.getByRole('region', { name: vi('applications.decision.title'), exact: true }).getByText(/^750\.000\.000\s₫$/).waitFor()
    await a.page.getByText(vi('workflow.status.approved'), { exact: true }).first().waitFor()
    // Scores are the council's: the applicant's page shows none.
    await expect(a.page.getByText(vi('reviewing.scores.title')).count()).resolves.toBe(0)
    await checkA11y(a.page)

    // The office sends the decision for signature: the register gives its number only when the director signs.
    await s.page.goto(`/staff/applications/${id}`)
    const documents = s.page.getByRole('region', { name: vi('documents.section.title'), exact: true })
    const preview = await s.page.request.get(await documents.getByRole('link', { name: `${vi('documents.preview')}: ${vi('documents.kind.decision')}`, exact: true }).getAttribute('href') as string)
    expect(preview.headers()['content-type']).toBe('application/pdf')
    expect((await pdfLines(await preview.body())).join('\n')).toMatch(/Số: +\/QĐ-QKHCN/) // no number before it is signed
    await checkA11y(s.page)
    await documents.getByRole('button', { name: vi('signing.send'), exact: true }).click()
    // The confirmation names the document and who receives it by mail once signed.
    await expectHeading(s.page, vi('signing.send.title'))
    await s.page.getByText(vi('documents.kind.decision'), { exact: true }).waitFor()
    await s.page.getByText(`${applicant.fullName} <${applicant.email}>`, { exact: true }).waitFor()
    await checkA11y(s.page)
    await s.page.getByRole('button', { name: vi('signing.send'), exact: true }).click()
    await s.page.getByText(vi('signing.sent'), { exact: true }).waitFor()
    await checkA11y(s.page)
    // Sent once: the button is gone while it waits for the director.
    await expect(documents.getByRole('button', { name: vi('signing.send'), exact: true }).count()).resolves.toBe(0)

    // The director reads it and signs with their own certificate file and its passphrase.
    const keyFile = { name: 'giam-doc.p12', mimeType: 'application/x-pkcs12', buffer: await readFile(join(portal().dataDir, 'keys', 'signers', `${demo('director').email}.p12`)) }
    const passphrase = (await readFile(join(portal().dataDir, 'keys', 'passphrase'), 'utf8')).trim()
    const symbol = await signWaiting(d, /^Quyết định phê duyệt: /, vi('signing.confirm', { capacity: vi('signing.signer.director') }), { keyFile, passphrase })
    expect(symbol).toMatch(/^\d+\/QĐ-QKHCN$/)
    // Signed: the contract is what comes next for the office.
    await s.page.goto(`/staff/applications/${id}`)
    await s.page.getByRole('link', { name: vi('screening.next.contract.draft'), exact: true }).waitFor()

    const decisionMail = await portal().inbox.waitFor(applicant.email, vi('documents.issued.email.subject.decision', { reference, symbol }))
    expect(decisionMail.text).toContain(`${portal().url}/applications/${id}#documents`)
    const attached = (await simpleParser(decisionMail.raw)).attachments.filter((f) => f.contentType === 'application/pdf')
    expect(attached.map((f) => f.filename)).toEqual([`${symbol.replace('/', '-')}.pdf`])
    const decisionText = (await pdfLines(attached[0].content)).join('\n')
    expect(decisionText).toContain(`Số: ${symbol}`)
    expect(decisionText).toContain('QUYẾT ĐỊNH')
    expect(decisionText).toContain('Nơi nhận:')
    const words = decisionText.replace(/\s+/g, ' ')
    expect(words).toContain(TITLE)
    expect(words).toContain(applicant.organisation)
    expect(words).toContain('750.000.000')
    expect(words.toLowerCase()).toContain(amountInWords(750_000_000).toLowerCase())

    // The applicant downloads the same file from the application page.
    await a.page.goto(applicant.applicationPath)
    const theirs = a.page.getByRole('region', { name: vi('documents.section.title'), exact: true })
    const file = await download(a.page, theirs.getByRole('link', { name: new RegExp(`^Tải ${vi('documents.kind.decision')} ${symbol} \\(PDF, `) }))
    expect(file.filename).toBe(`${symbol.replace('/', '-')}.pdf`)
    expect(file.bytes.equals(attached[0].content)).toBe(true)
    await checkA11y(a.page)

    // Signed twice, both valid: the director's, then the Fund's (its seal) over the whole file.
    const { signatures } = await pdfSig(file.bytes)
    expect(signatures.map((g) => [g.commonName, g.valid])).toEqual([[demo('director').fullName, true], [FUND_NAME, true]])
    expect(signatures[1].totalDocumentSigned).toBe(true)

    // Anyone, signed in or not, checks it at /verify: the file is the Fund's; an altered copy is called so;
    // the code printed under the QR code leads to the same record.
    const visitor = await browser.newSession()
    await visitor.page.goto('/verify')
    await expectHeading(visitor.page, vi('docCheck.title'))
    await checkA11y(visitor.page)
    const check = async (buffer: Buffer) => {
      await visitor.page.getByLabel(vi('docCheck.file'), { exact: true }).setInputFiles({ name: file.filename, mimeType: 'application/pdf', buffer })
      await visitor.page.getByRole('button', { name: vi('docCheck.submit.file'), exact: true }).click()
      return visitor.page.getByRole('status')
    }
    const genuine = await check(file.bytes)
    await genuine.getByText(vi('docCheck.ok.file'), { exact: true }).waitFor()
    await genuine.getByText(symbol, { exact: true }).waitFor()
    await genuine.getByText(vi('docCheck.state.valid'), { exact: true }).waitFor()
    await checkA11y(visitor.page)
    const altered = Buffer.from(file.bytes)
    altered[11] ^= 0x01
    await (await check(altered)).getByText(vi('docCheck.altered'), { exact: true }).waitFor()
    await checkA11y(visitor.page)
    const lookup = (await pdfLines(file.bytes)).join(' ').match(/Tra cứu: (\S+\/verify\/[0-9A-Z]{5}-[0-9A-Z]{5})/)![1]
    expect(lookup.startsWith(`${portal().url}/verify/`)).toBe(true)
    await visitor.page.goto(lookup)
    await visitor.page.getByText(vi('docCheck.ok.code'), { exact: true }).waitFor()
    await visitor.page.getByText(symbol, { exact: true }).waitFor()
    await checkA11y(visitor.page)
  }, 300_000)
})
