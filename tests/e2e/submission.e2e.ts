import { pdfLines } from '../../app/modules/documents/layout/pdf-check'
import { simpleParser } from 'mailparser'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { translator } from '../../app/i18n'
import { formatMoney } from '../../app/i18n/format'
import {
  type Applicant,
  checkEligibilityAndStart,
  completeDraft,
  DMST,
  DOCUMENT_FILES,
  PROPOSAL,
  registerAndSignIn,
  registerOrganisation,
  startWithOrganisation,
  SUMMARY,
  TEAM,
  TITLE,
} from './support/applicant'
import { checkA11y, useBrowser } from './support/browser'
import { usePortal } from './support/hooks'
import type { ReceivedMail } from './support/smtp'
import { download, expectErrors, expectHeading, pathIs, uniqueEmail } from './support/ui'

// Submitting an application end to end, as an applicant does it: a new user registers and confirms by mail,
// registers the organisation, passes the call's eligibility check, fills every section and uploads the
// documents (support/applicant.ts); then "check your answers", submit (a double click submits once), the
// confirmation with the reference, the status on the application page and the dashboard, the confirmation
// mail received over real SMTP with the receipt PDF attached (read with poppler's pdftotext), and
// withdrawing. Once with JavaScript, once without. The built portal, Chromium; fields found by their labels
// and buttons by their names (texts from the catalogues); axe checks every page the browser shows.

const vi = translator('vi')

const portal = usePortal()
const browser = useBrowser(() => portal().url)

/** The applicant with JavaScript on, who submits and then withdraws. */
const withScripts: Applicant = {
  fullName: 'Hoàng Thị Minh Thư',
  email: uniqueEmail('minhthu.hoang'),
  password: 'nộp hồ sơ đổi mới công nghệ ở Krông Búk',
  organisation: 'Công ty Cổ phần Chế biến Cà phê Ê Đê – Chi nhánh Krông Búk',
  taxCode: '0314409058-004',
  applicationPath: '',
}

/** The applicant without JavaScript: one draft per organisation and call, so an organisation of their own. */
const withoutScripts: Applicant = {
  fullName: 'Y Blim Êban',
  email: uniqueEmail('yblim.eban'),
  password: 'nộp hồ sơ không cần JavaScript ở Ea Tu',
  organisation: 'Công ty Cổ phần Chế biến Cà phê Ê Đê – Chi nhánh Ea Tu',
  taxCode: '0314409058-005',
  applicationPath: '',
}

/** The QKHCN-2026-0001 kind of reference: the fund's short name, the year in Việt Nam, a 4-digit number. */
const REFERENCE = /^QKHCN-\d{4}-\d{4}$/
/** The subject of any submission's confirmation mail: "Đã nhận hồ sơ …". */
const submissionMail = (subject: string) => subject.startsWith(vi('submission.email.subject', { reference: '' }))
/** The first test's reference, which the second one's must differ from. */
let firstReference = ''
const vnYear = () => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date())

/** The value shown next to a term in the page's summary lists ("Tên nhiệm vụ" → the title), line breaks kept. */
async function answerTo(page: Page, term: string) {
  const row = page.getByRole('main').locator('.summary-list__row').filter({ has: page.getByRole('term').getByText(term, { exact: true }) })
  return (await row.getByRole('definition').first().innerText()).trim()
}

/** "Trạng thái: Đã nộp": the status line under the application page's heading. */
async function statusLine(page: Page) {
  const label = `${vi('applications.list.status')}:`
  return (await page.getByRole('main').locator('p').filter({ hasText: label }).first().innerText()).trim()
}

/** The entries of the application's history, newest first, as shown. */
async function timeline(page: Page) {
  return (await page.locator('ol.timeline .timeline__title').allInnerTexts()).map((s) => s.trim())
}

/** From the task list to "check your answers", where every answer of the draft is shown before submitting. */
async function checkAnswers(page: Page, applicant: Applicant, title: string) {
  const appPath = applicant.applicationPath
  await page.getByRole('link', { name: vi('submission.task.check'), exact: true }).click()
  await page.waitForURL(pathIs(`${appPath}/check`))
  await expectHeading(page, vi('submission.check.title'))
  await page.getByText(DMST.title, { exact: true }).first().waitFor()
  await checkA11y(page)

  // Nothing stands in the way: no list of problems.
  await expect(page.getByRole('heading', { name: vi('submission.check.problems'), exact: true }).count()).resolves.toBe(0)
  // The answers, section by section.
  expect(await answerTo(page, vi('applications.general.title'))).toBe(title)
  expect(await answerTo(page, vi('applications.general.priority_field'))).toBe(vi('field.digital_transformation'))
  expect(await answerTo(page, vi('submission.check.organisation.name'))).toBe(applicant.organisation)
  expect(await answerTo(page, vi('submission.check.organisation.identifier'))).toBe(applicant.taxCode)
  expect(await answerTo(page, vi('applications.team.pi'))).toBe([TEAM.pi.name, TEAM.pi.qualification, TEAM.pi.email].join('\n'))
  expect(await answerTo(page, vi('applications.proposal.objectives'))).toBe(PROPOSAL.objectives)
  expect(await answerTo(page, vi('submission.check.budget.requested'))).toBe(formatMoney(800_000_000))
  expect(await answerTo(page, vi('submission.check.budget.counterpart'))).toBe(formatMoney(900_000_000))
  expect(await answerTo(page, vi('submission.check.budget.total'))).toBe(formatMoney(1_700_000_000))
  // The call's three rules are met.
  await expect(page.getByRole('definition').getByText(vi('submission.check.rule.met'), { exact: true }).count()).resolves.toBe(3)
  for (const [name, filename] of DOCUMENT_FILES) expect(await answerTo(page, name)).toBe(filename)
  expect(await answerTo(page, vi('applications.declarations.truthful'))).toBe(vi('submission.check.yes'))
  expect(await answerTo(page, vi('applications.declarations.consent'))).toBe(vi('submission.check.yes'))
  // Each answer can be changed, until it is submitted.
  await page.getByRole('link', { name: `${vi('submission.check.change')} ${vi('applications.general.title')}`, exact: true }).waitFor()
  await page.getByRole('heading', { level: 2, name: vi('submission.check.declaration.title'), exact: true }).waitFor()
  await page.getByText(vi('submission.check.declaration'), { exact: true }).waitFor()
}

/**
 * "Đồng ý và nộp hồ sơ", double-clicked as people do: the confirmation page, whose reference is returned.
 * Whether the browser sends the form once or twice (with JavaScript the button is disabled while
 * submitting; without it Chromium may send it again), it is one submission: the history and the mails
 * show one, checked by the callers.
 */
async function submit(page: Page, applicant: Applicant) {
  await page.getByRole('button', { name: vi('submission.check.submit'), exact: true }).dblclick()
  await page.waitForURL(pathIs(`${applicant.applicationPath}/confirmation`))
  const panel = page.getByRole('region', { name: vi('submission.confirmation.title'), exact: true })
  await panel.getByRole('heading', { level: 1, name: vi('submission.confirmation.title'), exact: true }).waitFor()
  await panel.getByText(vi('submission.confirmation.reference')).waitFor()
  const reference = (await panel.locator('strong').innerText()).trim()
  expect(reference).toMatch(REFERENCE)
  expect(reference.slice(6, 10)).toBe(vnYear())
  await page.getByText(vi('submission.confirmation.sent', { email: applicant.email }), { exact: true }).waitFor()
  await page.getByRole('heading', { level: 2, name: vi('submission.confirmation.next'), exact: true }).waitFor()
  await checkA11y(page)
  // The receipt is there to download too, whatever becomes of the mail.
  const receipt = await download(page, page.getByRole('link', { name: vi('submission.receipt.download'), exact: true }))
  expect(receipt.filename).toBe(`${vi('submission.receipt.filename')}-${reference}.pdf`)
  expect(await pdfText(receipt.bytes)).toMatch(new RegExp(`${vi('doc.receipt.reference')}\\s+${reference}\\s`))
  return reference
}

/** The application page once submitted: read-only, the reference, one submission in the history. */
async function expectSubmitted(page: Page, applicant: Applicant, title: string, reference: string) {
  await page.getByRole('link', { name: vi('submission.confirmation.view'), exact: true }).click()
  await page.waitForURL(pathIs(applicant.applicationPath))
  await expectHeading(page, title)
  await page.getByText(vi('applications.task.readOnly.status'), { exact: true }).waitFor()
  expect(await statusLine(page)).toBe(`${vi('applications.list.status')}: ${vi('workflow.status.submitted')}`)
  await page.getByRole('heading', { level: 2, name: vi('submission.task.submitted'), exact: true }).waitFor()
  expect(await answerTo(page, vi('submission.task.reference'))).toBe(reference)
  // No more "check and submit" step; the submission is in the history, once.
  await expect(page.getByRole('link', { name: vi('submission.task.check'), exact: true }).count()).resolves.toBe(0)
  const history = await timeline(page)
  expect(history[0]).toBe(vi('workflow.event.submit', { reference }))
  expect(history.filter((e) => e.startsWith(vi('workflow.event.submit', { reference: '' })))).toHaveLength(1)
  await checkA11y(page)
}

/** The status of the application as "my applications" lists it. */
async function dashboardStatus(page: Page, title: string) {
  await page.getByRole('link', { name: `← ${vi('applications.list.title')}`, exact: true }).click()
  await page.waitForURL(pathIs('/applications'))
  await expectHeading(page, vi('applications.list.title'))
  await checkA11y(page)
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: title, exact: true }) })
  return (await row.getByRole('cell').nth(3).innerText()).trim()
}

/** A PDF's text as poppler's pdftotext lays it out, line by line: a label and its value on one line. */
const pdfText = async (pdf: Uint8Array) => (await pdfLines(pdf)).join('\n')

/**
 * The confirmation mail, received over SMTP by the applicant: the reference in its subject and text, a link
 * to the application, and the receipt attached as a PDF whose text carries the reference.
 */
async function expectConfirmationMail(applicant: Applicant, title: string, reference: string): Promise<ReceivedMail> {
  const subject = vi('submission.email.subject', { reference })
  const mail = await portal().inbox.waitFor(applicant.email, subject)
  expect(mail.text).toContain(vi('email.greeting', { name: applicant.fullName }))
  // "Quỹ đã nhận hồ sơ “…” của … gửi đợt “…” lúc {at}. Mã hồ sơ: QKHCN-…": either side of the time.
  const [received, referenceSentence] = vi('submission.email.body', { title, organisation: applicant.organisation, call: DMST.title, at: '\u0000', reference }).split('\u0000')
  expect(mail.text).toContain(received)
  expect(mail.text).toContain(referenceSentence)
  expect(mail.text).toContain(vi('submission.email.receipt'))
  expect(mail.text).toContain(`${portal().url}${applicant.applicationPath}`)

  const parsed = await simpleParser(mail.raw)
  const pdfs = parsed.attachments.filter((a) => a.contentType === 'application/pdf')
  expect(pdfs.map((a) => a.filename)).toEqual([`${vi('submission.receipt.filename')}-${reference}.pdf`])
  const receipt = pdfs[0].content
  expect(receipt.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const text = await pdfText(receipt)
  expect(text).toContain(vi('doc.receipt.title'))
  expect(text).toMatch(new RegExp(`${vi('doc.receipt.reference')}\\s+${reference}\\s`))
  // Long values wrap across lines in the PDF: compared without the line breaks.
  const words = (s: string) => s.replace(/\s+/g, ' ')
  expect(words(text)).toContain(`${DMST.code} – ${DMST.title}`)
  expect(words(text)).toContain(applicant.organisation)
  expect(words(text)).toContain(title)
  expect(text).toContain(vi('doc.receipt.documents', { n: DOCUMENT_FILES.length }))
  return mail
}

describe('submitting an application in the browser', () => {
  test('register, draft every section, check the answers, submit (once, on a double click): reference, mail with the receipt; then withdraw', async () => {
    const session = await browser.newSession()
    const { page } = session
    const applicant = withScripts

    // A complete draft, from a new account (support/applicant.ts).
    await registerAndSignIn(session, portal(), applicant)
    await registerOrganisation(page, applicant)
    await checkEligibilityAndStart(page)
    applicant.applicationPath = await startWithOrganisation(page, applicant)
    await completeDraft(page, applicant.applicationPath, { title: TITLE, months: '18', summary: SUMMARY })
    // A draft, without a reference yet.
    expect(await statusLine(page)).toBe(`${vi('applications.list.status')}: ${vi('workflow.status.draft')}`)
    await expect(page.getByRole('heading', { name: vi('submission.task.submitted'), exact: true }).count()).resolves.toBe(0)

    // Check the answers, then submit.
    await checkAnswers(page, applicant, TITLE)
    expect(await answerTo(page, vi('applications.general.summary'))).toBe(SUMMARY)
    expect(await answerTo(page, vi('applications.general.duration_months'))).toBe('18')
    const reference = await submit(page, applicant)

    // The application page and the dashboard say it is submitted.
    await expectSubmitted(page, applicant, TITLE, reference)
    expect(await dashboardStatus(page, TITLE)).toBe(vi('workflow.status.submitted'))

    // The mail and its receipt.
    await expectConfirmationMail(applicant, TITLE, reference)

    // The answers stay readable, no longer changeable.
    await page.getByRole('row').filter({ hasText: TITLE }).getByRole('link', { name: vi('applications.next.view'), exact: true }).click()
    await page.waitForURL(pathIs(applicant.applicationPath))
    await expectHeading(page, TITLE)
    await checkA11y(page)
    await page.getByRole('link', { name: vi('submission.task.viewAnswers'), exact: true }).click()
    await page.waitForURL(pathIs(`${applicant.applicationPath}/check`))
    await expectHeading(page, vi('submission.check.title'))
    await page.getByText(vi('submission.check.notDraft'), { exact: true }).waitFor()
    expect(await answerTo(page, vi('applications.general.title'))).toBe(TITLE)
    await expect(page.getByRole('button', { name: vi('submission.check.submit'), exact: true }).count()).resolves.toBe(0)
    await expect(page.getByRole('link', { name: new RegExp(`^${vi('submission.check.change')} `) }).count()).resolves.toBe(0)
    await checkA11y(page)

    // Withdrawing: a reason is required.
    await page.getByRole('link', { name: `← ${vi('applications.form.back')}`, exact: true }).click()
    await page.waitForURL(pathIs(applicant.applicationPath))
    await expectHeading(page, TITLE)
    await checkA11y(page)
    await page.getByRole('link', { name: vi('submission.task.withdraw'), exact: true }).click()
    await page.waitForURL(pathIs(`${applicant.applicationPath}/withdraw`))
    await expectHeading(page, vi('submission.withdraw.title'))
    await page.getByText(`${DMST.title} · ${reference}`, { exact: true }).waitFor()
    await page.getByText(vi('submission.withdraw.lead'), { exact: true }).waitFor()
    await checkA11y(page)

    const submitWithdrawal = () => page.getByRole('button', { name: vi('submission.withdraw.submit'), exact: true }).click()
    await submitWithdrawal()
    await expectErrors(page, [['reason', vi('submission.withdraw.reason.required')]])
    expect(await page.getByLabel(vi('submission.withdraw.reason'), { exact: true }).getAttribute('aria-invalid')).toBe('true')
    expect(new URL(page.url()).pathname).toBe(`${applicant.applicationPath}/withdraw`)
    await checkA11y(page)

    const reason = 'Doanh nghiệp đã được hỗ trợ từ chương trình khuyến công của tỉnh cho cùng nội dung.'
    await page.getByLabel(vi('submission.withdraw.reason'), { exact: true }).fill(reason)
    await submitWithdrawal()
    await page.waitForURL((u) => u.pathname === applicant.applicationPath && u.searchParams.get('notice') === 'withdrawn')
    await page.getByText(vi('submission.withdraw.done'), { exact: true }).waitFor()
    expect(await answerTo(page, vi('submission.task.reference'))).toBe(reference)
    expect(await answerTo(page, vi('submission.task.withdrawReason'))).toBe(reason)
    expect((await timeline(page))[0]).toBe(vi('workflow.event.withdraw', { reason }))
    expect(await statusLine(page)).toBe(`${vi('applications.list.status')}: ${vi('workflow.status.withdrawn')}`)
    // Nothing left to withdraw.
    await expect(page.getByRole('link', { name: vi('submission.task.withdraw'), exact: true }).count()).resolves.toBe(0)
    await checkA11y(page)
    expect(await dashboardStatus(page, TITLE)).toBe(vi('workflow.status.withdrawn'))

    // The double click submitted once: one confirmation mail, long after the submission.
    expect(portal().inbox.all(applicant.email, submissionMail)).toHaveLength(1)
    firstReference = reference
  })

  test('without JavaScript: a new applicant drafts, checks the answers and submits (a double click too); reference and mail with the receipt', async () => {
    const session = await browser.newSession({ javaScriptEnabled: false })
    const { page } = session
    const applicant = withoutScripts
    const title = 'Số hóa truy xuất nguồn gốc cà phê Buôn Ma Thuột bằng mã QR'
    const summary = 'Gắn mã QR cho từng lô cà phê, ghi nhật ký từ vườn đến nhà máy rang xay.'

    await registerAndSignIn(session, portal(), applicant)
    await registerOrganisation(page, applicant)
    await checkEligibilityAndStart(page)
    applicant.applicationPath = await startWithOrganisation(page, applicant)
    await completeDraft(page, applicant.applicationPath, { title, months: '12', summary })

    await checkAnswers(page, applicant, title)
    expect(await answerTo(page, vi('applications.general.summary'))).toBe(summary)
    const reference = await submit(page, applicant)
    // A number of its own (one counter for every application of the year).
    if (firstReference) expect(reference).not.toBe(firstReference)

    await expectConfirmationMail(applicant, title, reference)
    await expectSubmitted(page, applicant, title, reference)
    expect(await dashboardStatus(page, title)).toBe(vi('workflow.status.submitted'))
    // The double click submitted once: one confirmation mail.
    expect(portal().inbox.all(applicant.email, submissionMail)).toHaveLength(1)
  })
})
