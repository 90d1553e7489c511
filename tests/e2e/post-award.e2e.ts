import { simpleParser } from 'mailparser'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { translator } from '../../app/i18n'
import { formatDay, formatMoney } from '../../app/i18n/format'
import { addCalendarDays, addMonths } from '../../app/modules/calendar/days'
import { pdfLines, pdfSig } from '../../app/modules/documents/layout/pdf-check'
import { DEMO_ACCOUNTS, DEMO_EXPERTS } from '../../db/seed'
import { createUser, PASSWORD } from '../setup/app'
import { createApprovedApplication, createContractedTask } from '../setup/award'
import { checkA11y, httpStatusError, type Session, useBrowser } from './support/browser'
import { usePortal } from './support/hooks'
import { DEMO_PASSWORD, type PrepareContext } from './support/portal'
import type { ReceivedMail } from './support/smtp'
import { demo, expectHeading, pathIs, signIn } from './support/ui'

// After the decision, in the browser (issue 12): one approved application carried from its contract to its
// closure. The application is approved and its decision issued before the portal starts (`prepare`: the browser
// tests of the pre-award road already click through registration → decision). Then, each step as its person, with
// axe on every page and the mails read in the SMTP inbox:
//   - the contract: the office drafts it from the application's page and edits it (a bad date first: the message
//     beside the field, what was typed kept), with a start six months and five days ago, twelve months, a report
//     every six months and two tranches (an advance with no condition, an interim once a report is accepted);
//     previews it and sends it; the grantee's representative opens it from the mail and accepts it (refused
//     first without the box ticked); the director signs it; the grantee receives it signed by mail; the office
//     records it and starts the work;
//   - the advance: asked by the grantee, checked by the office, approved and paid by the chief accountant;
//   - the progress report, five days late: the portal's reminder round (every few seconds here,
//     REMINDERS_EVERY_MS) mails the grantee; the grantee submits it, the office accepts it;
//   - an extension: asked, approved, its decision signed, the amendment accepted and signed;
//   - the interim tranche; the results dossier, the acceptance council (seven experts rate it), its minutes signed
//     by the member presiding, the pass; the settlement, the liquidation record the director signs; closed.
// The signed PDFs are read back (from the mail or the pages): valid signatures, the number, the words.

const vi = translator('vi')

const FUND_NAME = 'Quỹ Phát triển khoa học và công nghệ tỉnh Đắk Lắk'
/** The approved amount (createApprovedApplication's), in two tranches. */
const ADVANCE = 180_000_000
const INTERIM = 270_000_000
const AMOUNT = ADVANCE + INTERIM
/** The chief accountant: no demo account has the role, so `prepare` makes one. */
const ACCOUNTANT = { email: 'ke.toan.truong@demo.quykhcn.vn', fullName: 'Lê Thị Kế Toán' }
/** Today in Việt Nam, 'YYYY-MM-DD'. */
const vnToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
/** The contract's period as the office types it: from six months and five days ago, a year; its first report is five days late. */
const STARTS = addCalendarDays(addMonths(vnToday(), -6), -5)
const ENDS = addCalendarDays(addMonths(STARTS, 12), -1)
/** The extension asked for: six months more. */
const EXTENDED = addMonths(ENDS, 6)
const INVESTIGATOR = 'TS. Trần Văn Chủ Nhiệm'
const POSITION = 'Viện trưởng'

interface Task {
  id: string
  reference: string
  title: string
  owner: { email: string; fullName: string; password: string }
  /** The day the first progress report was due: five days ago. */
  reportDue: string
  /** A preferential loan under contract, for the loan pages. */
  loan: { id: string; owner: { email: string; password: string } }
}

/** An approved application (its decision issued, 450.000.000 ₫), the chief accountant, a loan for the sweep. */
async function approved({ db, env }: PrepareContext): Promise<Task> {
  const app = await createApprovedApplication(db, env, { amount: AMOUNT })
  await createUser(db, { roles: ['accountant'], ...ACCOUNTANT, password: DEMO_PASSWORD })
  const loan = await createContractedTask(db, env, { modality: 'preferential_loan', amount: 300_000_000, startsOn: STARTS, endsOn: ENDS })
  const row = await db.selectFrom('applications').select(['reference', 'title']).where('id', '=', app.applicationId).executeTakeFirstOrThrow()
  return {
    id: app.applicationId,
    reference: row.reference!,
    title: row.title,
    owner: { email: app.owner.email, fullName: app.owner.fullName, password: PASSWORD },
    reportDue: addMonths(STARTS, 6),
    loan: { id: loan.applicationId, owner: { email: loan.owner.email, password: PASSWORD } },
  }
}

// The reminder rounds every few seconds: the late notice of a task started in the browser comes during the test.
const portal = usePortal({ prepare: approved, env: { REMINDERS_EVERY_MS: '3000' } })
const browser = useBrowser(() => portal().url)
const task = () => portal().prepared

/** A person's own browser, signed in from the login page. */
async function signedIn(email: string, password = DEMO_PASSWORD): Promise<Session> {
  const session = await browser.newSession()
  await session.page.goto('/login')
  await checkA11y(session.page)
  await signIn(session.page, email, password)
  await session.page.waitForURL(pathIs('/home'))
  await checkA11y(session.page)
  return session
}

/** Opens a page by its path, waits for its heading and checks it. */
async function visit(page: Page, path: string, heading: string) {
  await page.goto(path)
  await expectHeading(page, heading)
  await checkA11y(page)
}

/** With E2E_SCREENSHOTS=dir, a full-page picture of the page as it is, to look at as a person would. */
async function shot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS
  if (dir) await page.screenshot({ path: `${dir}/post-award-${name}.png`, fullPage: true })
}

const money = (amount: number) => formatMoney(amount)
const field = (page: Page | Locator, label: string) => page.getByLabel(label, { exact: true })
/** A field marked "(optional)" after its label. */
const optional = (page: Page, label: string) => page.getByLabel(`${label} ${vi('form.optional')}`, { exact: true })
const choose = (page: Page, legend: string, option: string) => page.getByRole('group', { name: legend, exact: true }).getByRole('radio', { name: option, exact: true }).check()
const press = (page: Page | Locator, name: string) => page.getByRole('button', { name, exact: true }).click()
const notice = (page: Page, text: string) => page.getByText(text, { exact: true }).waitFor()
const paymentMail = (kind: 'requested' | 'checked' | 'approved' | 'paid', n: number) => vi(`payments.email.subject.${kind}`, { reference: task().reference, n })

/** The first link to the portal's `path` in a mail, as a path (with its #fragment, if any). */
function linkIn(mail: ReceivedMail, path: string) {
  const url = new URL(mail.text.match(new RegExp(`https?://[^/\\s]+${path}(#\\S+)?`))![0])
  return url.pathname + url.hash
}

/** The PDF attached to a mail: signed twice (the director, the Fund's seal), numbered, its words. */
async function signedAttachment(mail: ReceivedMail, symbol: string) {
  const parsed = await simpleParser(mail.raw)
  const pdfs = parsed.attachments.filter((a) => a.contentType === 'application/pdf')
  expect(pdfs).toHaveLength(1)
  const { signatures } = await pdfSig(pdfs[0]!.content)
  expect(signatures.map((s) => [s.commonName, s.valid])).toEqual([[demo('director').fullName, true], [FUND_NAME, true]])
  const words = (await pdfLines(pdfs[0]!.content)).join('\n').replace(/\s+/g, ' ')
  expect(words).toContain(`Số: ${symbol}`)
  return words
}

/** The director finds the document of `kind` waiting at /signing (from /home) and signs it; returns its number. */
async function directorSigns(page: Page, kind: 'contract' | 'change_decision' | 'amendment') {
  await visit(page, '/home', vi('start.title'))
  await page.getByRole('link', { name: vi('signing.title') }).first().click()
  await expectHeading(page, vi('signing.title'))
  await checkA11y(page)
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: vi(`signing.kind.${kind}`), exact: true }) })
  await row.getByRole('link').click()
  await page.getByRole('link', { name: vi('signing.preview'), exact: true }).waitFor()
  await checkA11y(page)
  await expect(field(page, vi('signing.how.kept')).isChecked()).resolves.toBe(true)
  await page.getByRole('checkbox').check()
  await press(page, vi('signing.button'))
  const done = page.getByText(/^Đã ký và ban hành văn bản số \S+\.$/)
  await done.waitFor()
  await checkA11y(page)
  return (await done.innerText()).match(/số (\S+)\.$/)![1]!
}

/** The people of the journey, each in their own browser. */
interface Cast {
  grantee: Session
  office: Session
  accountant: Session
  director: Session
}

async function cast(): Promise<Cast> {
  return {
    grantee: await signedIn(task().owner.email, task().owner.password),
    office: await signedIn(demo('staff').email),
    accountant: await signedIn(ACCOUNTANT.email),
    director: await signedIn(demo('director').email),
  }
}

/** A workflow event taken from the office's application page, by its link and its form's button. */
async function officeEvent(office: Page, event: 'start_work' | 'close') {
  await visit(office, `/staff/applications/${task().id}`, task().title)
  const title = vi(`screening.event.title.${event}`)
  await office.getByRole('link', { name: title, exact: true }).click()
  await expectHeading(office, title)
  await checkA11y(office)
  await press(office, title)
  await office.waitForURL(pathIs(`/staff/applications/${task().id}`))
  await checkA11y(office)
}

// ---------------------------------------------------------------------------------------------------
// The steps.

/** The office drafts the contract from the application's page, edits it (one bad date first), previews it. */
async function draftContract(c: Cast) {
  const t = task()
  const o = c.office.page
  await visit(o, `/staff/applications/${t.id}`, t.title)
  await o.getByRole('link', { name: vi('screening.next.contract.draft'), exact: true }).click()
  await o.waitForURL(pathIs(`/staff/tasks/${t.id}/contract`))
  await expectHeading(o, vi('contracts.page.title'))
  await checkA11y(o)
  await press(o, vi('contracts.draft.button'))
  await notice(o, vi('contracts.notice.drafted'))
  await checkA11y(o)
  await shot(o, 'office-draft')

  // A date that does not exist: refused beside its field, with what was typed kept.
  await field(o, vi('contracts.field.investigator')).fill(INVESTIGATOR)
  await field(o, vi('contracts.field.startsOn')).fill('31/02/2027')
  await field(o, vi('contracts.field.endsOn')).fill(formatDay(ENDS))
  await c.office.tolerating(httpStatusError(400), async () => {
    await press(o, vi('contracts.draft.save'))
    await o.locator('#startsOn-error').getByText(vi('contracts.e.date')).waitFor()
  })
  await checkA11y(o)
  await shot(o, 'office-bad-date')
  await expect(field(o, vi('contracts.field.startsOn')).inputValue()).resolves.toBe('31/02/2027')
  await expect(field(o, vi('contracts.field.endsOn')).inputValue()).resolves.toBe(formatDay(ENDS))
  await expect(field(o, vi('contracts.field.investigator')).inputValue()).resolves.toBe(INVESTIGATOR)
  // One mistake, one message: the end date is not also called wrong, and the last step's notice is gone.
  await expect(o.getByRole('alert').getByRole('link').allInnerTexts()).resolves.toEqual([vi('contracts.e.date')])
  await expect(o.getByText(vi('contracts.notice.drafted'), { exact: true }).count()).resolves.toBe(0)

  await field(o, vi('contracts.field.startsOn')).fill(formatDay(STARTS))
  await field(o, vi('contracts.field.reportEveryMonths')).fill('6')
  // Two tranches: the advance on signing, the interim once a progress report is accepted; the other rows dropped.
  const tranche = (seq: number) => o.getByRole('group', { name: vi('contracts.field.tranche', { seq }), exact: true })
  const rows = await o.getByRole('group', { name: /^Đợt \d+$/ }).count()
  const plan = [
    { kind: 'advance', amount: ADVANCE, dueOn: formatDay(STARTS), condition: 'none' },
    { kind: 'interim', amount: INTERIM, dueOn: '', condition: 'report_accepted' },
  ] as const
  for (let i = 0; i < rows; i++) {
    const row = tranche(i + 1)
    const p = plan[i]
    if (p) {
      await field(row, vi('payments.tranches.kind')).selectOption({ label: vi(`payments.tranche.${p.kind}`) })
      await field(row, vi('payments.tranches.condition')).selectOption({ label: vi(`payments.condition.${p.condition}`) })
      await field(row, vi('contracts.field.trancheDue')).fill(p.dueOn)
    }
    await field(row, vi('contracts.field.trancheAmount')).fill(p ? money(p.amount).replace(/\s*₫$/, '') : '')
  }
  await press(o, vi('contracts.draft.save'))
  await notice(o, vi('contracts.notice.saved'))
  await checkA11y(o)
  await shot(o, 'office-saved')
  await expect(field(o, vi('contracts.field.startsOn')).inputValue()).resolves.toBe(formatDay(STARTS))
  await expect(field(tranche(2), vi('contracts.field.trancheAmount')).inputValue()).resolves.toBe(money(INTERIM).replace(/\s*₫$/, ''))

  // The preview: the text as edited, not numbered yet.
  const preview = await pdfBehind(o, o.getByRole('link', { name: vi('contracts.preview'), exact: true }))
  const words = (await pdfLines(preview)).join('\n').replace(/\s+/g, ' ')
  expect(words).toContain(t.title)
  expect(words).toContain(INVESTIGATOR)
  expect(words).toContain(formatDay(ENDS))

  await press(o, vi('contracts.propose.button'))
  await notice(o, vi('contracts.notice.proposed'))
  await o.getByText(vi('contracts.wait.grantee'), { exact: true }).waitFor()
  await checkA11y(o)
}

/** The grantee's representative opens the contract from the mail, reads its terms and accepts it. */
async function acceptContract(c: Cast) {
  const t = task()
  const g = c.grantee.page
  const mail = await portal().inbox.waitFor(t.owner.email, vi('contracts.email.proposed.subject', { reference: t.reference }))
  await visit(g, linkIn(mail, `/tasks/${t.id}/contract`), vi('contracts.page.title'))
  const terms = g.getByRole('region', { name: vi('contracts.terms.title'), exact: true })
  await terms.getByText(vi('contracts.terms.period', { from: formatDay(STARTS), to: formatDay(ENDS) })).waitFor()
  await g.getByRole('link', { name: vi('contracts.preview'), exact: true }).waitFor()
  // Not confirmed: refused, the position kept.
  await field(g, vi('contracts.accept.position')).fill(POSITION)
  await c.grantee.tolerating(httpStatusError(400), async () => {
    await press(g, vi('contracts.accept.button'))
    await g.locator('#confirmed-error').getByText(vi('contracts.e.confirm')).waitFor()
  })
  await checkA11y(g)
  await expect(field(g, vi('contracts.accept.position')).inputValue()).resolves.toBe(POSITION)
  await field(g, vi('contracts.accept.confirm')).check()
  await shot(g, 'grantee-accept')
  await press(g, vi('contracts.accept.button'))
  await notice(g, vi('contracts.notice.accepted'))
  await g.getByText(vi('contracts.wait.fund'), { exact: true }).waitFor()
  await checkA11y(g)
}

/** The office sends it for signature, the director signs, the grantee gets it by mail, the office records it. */
async function signContract(c: Cast) {
  const t = task()
  const o = c.office.page
  await visit(o, `/staff/tasks/${t.id}/contract`, vi('contracts.page.title'))
  await press(o, vi('contracts.sign.button'))
  await notice(o, vi('contracts.notice.sent'))
  await checkA11y(o)

  const symbol = await directorSigns(c.director.page, 'contract')
  expect(symbol).toMatch(/HĐ/)
  const mail = await portal().inbox.waitFor(t.owner.email, vi('contracts.email.issued.subject.contract', { symbol, reference: t.reference }))
  const words = await signedAttachment(mail, symbol)
  expect(words).toContain(INVESTIGATOR)
  expect(words).toContain(formatDay(ENDS))

  await visit(o, `/staff/tasks/${t.id}/contract`, vi('contracts.page.title'))
  await o.getByRole('link', { name: vi('contracts.signedPdf', { symbol }), exact: true }).waitFor()
  await press(o, vi('contracts.record.button'))
  await notice(o, vi('contracts.notice.recorded'))
  await o.getByText(vi('workflow.status.contracted'), { exact: true }).first().waitFor()
  await checkA11y(o)
  await shot(o, 'office-recorded')
  return symbol
}

/** The grantee finds the task under /tasks, with its contract's number. */
async function granteeSeesTask(c: Cast, symbol: string) {
  const t = task()
  const g = c.grantee.page
  await visit(g, '/tasks', vi('tasks.title'))
  await g.getByRole('row').filter({ hasText: t.title }).getByRole('link', { name: t.reference, exact: true }).click()
  await g.waitForURL(pathIs(`/tasks/${t.id}`))
  await checkA11y(g)
  await g.getByRole('definition').filter({ hasText: symbol }).first().waitFor()
  await shot(g, 'grantee-task')
}

/** An extension: asked, approved, decided, amended, accepted, signed; the grantee reads the new end date. */
async function extension(c: Cast) {
  const t = task()
  const g = c.grantee.page
  await visit(g, `/tasks/${t.id}/changes`, vi('changes.title'))
  await g.getByRole('link', { name: vi('changes.kindTitle.extension'), exact: true }).click()
  await g.getByRole('heading', { name: vi('changes.kindTitle.extension'), exact: true }).waitFor()
  await checkA11y(g)
  await field(g, vi('changes.field.endsOn')).fill(formatDay(EXTENDED))
  await field(g, vi('changes.field.reasons')).fill('Mưa kéo dài làm chậm thu hái; cần thêm sáu tháng để lên men thử nghiệm đủ ba vụ.')
  await press(g, vi('changes.submit'))
  await notice(g, vi('changes.notice.requested'))
  await checkA11y(g)
  const asked = await portal().inbox.waitFor(demo('staff').email, (s) => s.startsWith('Đề nghị điều chỉnh (') && s.endsWith(t.reference))

  // The office approves it from the mail's link; the decision goes to the director.
  const o = c.office.page
  await visit(o, linkIn(asked, `/staff/tasks/${t.id}/changes`), vi('changes.title'))
  await o.getByRole('group', { name: vi('changes.review.outcome'), exact: true }).getByRole('radio', { name: vi('changes.review.approve'), exact: true }).check()
  await field(o, vi('changes.review.note')).fill('Gia hạn một lần; không điều chỉnh kinh phí.')
  await press(o, vi('changes.review.submit'))
  await notice(o, vi('changes.notice.reviewed'))
  await checkA11y(o)

  const decision = await directorSigns(c.director.page, 'change_decision')
  expect(decision).toMatch(/QĐ/)
  // The grantee is told, the signed decision attached.
  const decided = await portal().inbox.waitFor(t.owner.email, vi('contracts.email.changeDecided.subject.approved', { reference: t.reference }))
  expect(await signedAttachment(decided, decision)).toContain(formatDay(EXTENDED))

  await visit(o, `/staff/tasks/${t.id}/changes`, vi('changes.title'))
  await press(o, vi('changes.amendment.draft'))
  await notice(o, vi('changes.notice.drafted'))
  await checkA11y(o)

  // The grantee's representative accepts the amendment from the mail.
  const proposed = await portal().inbox.waitFor(t.owner.email, vi('contracts.email.changeStep.subject.amendment_proposed', { reference: t.reference }))
  await visit(g, linkIn(proposed, `/tasks/${t.id}/changes`), vi('changes.title'))
  await shot(g, 'grantee-amendment')
  await expect(g.url()).toMatch(/#amendment-/)
  await field(g, vi('changes.amendment.position')).fill(POSITION)
  await field(g, vi('changes.amendment.confirm')).check()
  await press(g, vi('changes.amendment.accept'))
  await notice(g, vi('changes.notice.accepted'))
  await checkA11y(g)

  await visit(o, `/staff/tasks/${t.id}/changes`, vi('changes.title'))
  await press(o, vi('changes.amendment.send'))
  await notice(o, vi('changes.notice.sent'))
  await checkA11y(o)

  const amendment = await directorSigns(c.director.page, 'amendment')
  expect(amendment).toMatch(/PLHĐ/)
  const mail = await portal().inbox.waitFor(t.owner.email, vi('contracts.email.issued.subject.amendment', { symbol: amendment, reference: t.reference }))
  const words = await signedAttachment(mail, amendment)
  expect(words).toContain(formatDay(EXTENDED))

  // The contract now ends later, on its page and on the task's.
  await visit(g, `/tasks/${t.id}/contract`, vi('contracts.page.title'))
  await g.getByRole('region', { name: vi('contracts.terms.title'), exact: true }).getByText(vi('contracts.terms.period', { from: formatDay(STARTS), to: formatDay(EXTENDED) })).waitFor()
  await shot(g, 'grantee-contract-extended')
  await visit(g, `/tasks/${t.id}`, t.title)
  await g.getByRole('definition').filter({ hasText: `${formatDay(STARTS)} – ${formatDay(EXTENDED)}` }).waitFor()
  return amendment
}

/** The office records that the work has started (the contract was signed and recorded: the task is `contracted`). */
async function startWork(c: Cast) {
  await officeEvent(c.office.page, 'start_work')
  await c.office.page.getByText(vi('workflow.status.in_progress'), { exact: true }).first().waitFor()
}

/**
 * A tranche from the grantee's request to the transfer: the grantee asks with evidence; the office checks it
 * (and, for a tranche with a condition, says it is met); the chief accountant approves and records the transfer
 * with its reference; the grantee reads it on the page and in the mail.
 */
async function payTranche(c: Cast, n: number, amount: number, transferRef: string) {
  const t = task()
  const g = c.grantee.page
  await visit(g, `/tasks/${t.id}/payments`, vi('payments.task.title'))
  const tranche = field(g, vi('payments.request.tranche'))
  await tranche.selectOption({ label: vi('payments.request.trancheOption', { n, kind: vi(n === 1 ? 'payments.tranche.advance' : 'payments.tranche.interim'), amount: money(amount) }) })
  await field(g, vi('payments.request.amount')).fill(money(amount).replace(/\s*₫$/, ''))
  await field(g, vi('payments.request.evidence')).fill(`Bảng kê chứng từ đợt ${n}; kế hoạch chi tiết kèm theo.`)
  await press(g, vi('payments.request.submit'))
  await g.getByText(vi('payments.task.requested'), { exact: true }).waitFor()
  await checkA11y(g)
  await portal().inbox.waitFor(demo('staff').email, paymentMail('requested', n))

  // The office finds it from the queue and checks it.
  const o = c.office.page
  await visit(o, '/staff/payments', vi('payments.queue.title'))
  await o.getByRole('link', { name: vi('payments.queue.openLabel', { reference: t.reference, n }), exact: true }).click()
  await expectHeading(o, vi('payments.step.heading', { n, amount: money(amount) }))
  await checkA11y(o)
  await choose(o, vi('payments.step.decision'), vi('payments.step.check.pass'))
  // The interim tranche waits for a report accepted: the page says what the records show, nothing to tick.
  if (n > 1) {
    await o.getByText(vi('payments.condition.evidence.reports', { count: 1 }), { exact: true }).waitFor()
    expect(await o.getByLabel(vi('payments.step.conditionMet')).count()).toBe(0)
  }
  await optional(o, vi('payments.step.note')).fill(n > 1 ? 'Báo cáo định kỳ kỳ 1 đã được chấp nhận.' : 'Chứng từ đầy đủ.')
  await press(o, vi('payments.step.submit'))
  await o.getByText(vi('payments.notice.check'), { exact: true }).waitFor()
  await checkA11y(o)

  // The chief accountant hears of it, approves, then records the transfer.
  const checked = await portal().inbox.waitFor(ACCOUNTANT.email, paymentMail('checked', n))
  const a = c.accountant.page
  await a.goto(new URL(checked.text.match(/https?:\/\/\S+\/staff\/tasks\/\S+\/payments/)![0]).pathname)
  await expectHeading(a, vi('payments.task.title'))
  await checkA11y(a)
  await a.getByRole('link', { name: vi('payments.history.open', { n }), exact: true }).click()
  await expectHeading(a, vi('payments.step.heading', { n, amount: money(amount) }))
  await checkA11y(a)
  const step = a.url()
  await choose(a, vi('payments.step.decision'), vi('payments.step.approve.yes'))
  await press(a, vi('payments.step.submit'))
  await a.getByText(vi('payments.notice.approve'), { exact: true }).waitFor()
  await checkA11y(a)
  await visit(a, new URL(step).pathname, vi('payments.step.heading', { n, amount: money(amount) }))
  await choose(a, vi('payments.step.outcome'), vi('payments.status.paid'))
  await field(a, vi('payments.step.paidOn')).fill(vnToday().split('-').reverse().join('/'))
  await expect(field(a, vi('payments.step.paidAmount')).inputValue()).resolves.toBe(money(amount).replace(/\s*₫$/, ''))
  await field(a, vi('payments.step.transferRef')).fill(transferRef)
  await press(a, vi('payments.step.submit'))
  await a.getByText(vi('payments.notice.record'), { exact: true }).waitFor()
  await checkA11y(a)

  // The grantee: the mail, and the page says paid, with the reference.
  const paid = await portal().inbox.waitFor(t.owner.email, paymentMail('paid', n))
  expect(paid.text).toContain(money(amount).replace(/\s*₫$/, ''))
  await visit(g, `/tasks/${t.id}/payments`, vi('payments.task.title'))
  await shot(g, `payments-${n}`)
  const today = vnToday().split('-').reverse().join('/')
  await g.getByRole('definition').filter({ hasText: vi('payments.history.paidLine', { day: today, amount: money(amount), ref: transferRef }) }).waitFor()
}

/** The report is late: the grantee was told by mail, sees it flagged, and submits it; the office accepts it. */
async function lateReport(c: Cast) {
  const t = task()
  const g = c.grantee.page
  // The portal's reminder round (every few seconds here) found it late once the work started, and told the grantee.
  const late = await portal().inbox.waitFor(t.owner.email, vi('reports.email.overdue.subject.late', { reference: t.reference, seq: 1 }))
  expect(late.text).toContain(t.reportDue.split('-').reverse().join('/'))
  await g.goto(new URL(late.text.match(/https?:\/\/\S+\/tasks\/\S+\/reports/)![0]).pathname)
  await expectHeading(g, vi('reports.title'))
  await checkA11y(g)
  const report = g.getByRole('region', { name: vi('reports.heading', { seq: 1 }), exact: true })
  await report.getByText(/^Chậm \d+ ngày$/).waitFor()
  await shot(g, 'report-late')
  await field(g, vi('reports.field.workDone')).fill('Đã hoàn thành khảo sát 30 hộ trồng cà phê và thiết kế quy trình lên men thử nghiệm.')
  await optional(g, vi('reports.field.problems')).fill('Mưa kéo dài làm chậm thu hái hai tuần.')
  await optional(g, vi('reports.field.nextSteps')).fill('Lên men thử nghiệm ba mẻ; đánh giá cảm quan.')
  await press(g, vi('reports.submit.button'))
  await g.getByText(vi('reports.notice.submitted'), { exact: true }).waitFor()
  await checkA11y(g)

  const o = c.office.page
  await visit(o, `/staff/tasks/${t.id}/reports`, vi('reports.title'))
  await choose(o, vi('reports.review.outcome'), vi('reports.review.accept'))
  await optional(o, vi('reports.review.note')).fill('Báo cáo đầy đủ; lưu ý nộp đúng hạn kỳ sau.')
  await press(o, vi('reports.review.button'))
  await o.getByText(vi('reports.notice.accepted'), { exact: true }).waitFor()
  await checkA11y(o)
  await portal().inbox.waitFor(t.owner.email, vi('reports.email.reviewed.subject.accepted', { reference: t.reference, seq: 1 }))
}

/** The grantee fills in the results dossier and submits it for acceptance. */
async function submitResults(c: Cast) {
  const t = task()
  const g = c.grantee.page
  await visit(g, `/tasks/${t.id}/results`, vi('acceptance.results.title'))
  await field(g, vi('acceptance.results.summary')).fill('Xây dựng và thử nghiệm thành công quy trình lên men cà phê có kiểm soát.')
  await field(g, vi('acceptance.results.products')).fill('Quy trình lên men có kiểm soát; báo cáo tổng hợp; 500 kg cà phê nhân thử nghiệm.')
  await choose(g, vi('acceptance.results.selfRating'), vi('acceptance.rating.pass'))
  await field(g, vi('acceptance.results.selfAssessment')).fill('Hoàn thành đủ khối lượng và chất lượng theo hợp đồng.')
  await field(g, vi('acceptance.results.spendingReport')).fill('Đã sử dụng theo dự toán được duyệt.')
  await field(g, vi('acceptance.results.spentAmount')).fill(money(AMOUNT).replace(/\s*₫$/, ''))
  await press(g, vi('acceptance.results.save'))
  await g.getByText(vi('acceptance.results.saved'), { exact: true }).waitFor()
  await checkA11y(g)
  await press(g, vi('acceptance.results.submit'))
  await g.waitForURL((u) => u.pathname === `/tasks/${t.id}/results` && u.searchParams.get('notice') === 'submitted')
  // Submitted: the dossier is read-only now, the forms gone.
  await g.getByRole('term').filter({ hasText: vi('acceptance.results.summary') }).waitFor()
  await expect(g.getByRole('button', { name: vi('acceptance.results.submit'), exact: true }).count()).resolves.toBe(0)
  await checkA11y(g)
}

const SEATS = [
  [DEMO_ACCOUNTS.find((a) => a.role === 'reviewer')!, 'chair'],
  [DEMO_EXPERTS[0], 'vice_chair'],
  [DEMO_EXPERTS[1], 'secretary'],
  [DEMO_EXPERTS[2], 'opponent'],
  [DEMO_EXPERTS[3], 'opponent'],
  [DEMO_EXPERTS[4], 'member'],
  [DEMO_EXPERTS[5], 'member'],
] as const

/** The office seats seven experts and forms the council; each member declares no conflict and rates the task. */
async function acceptanceCouncil(c: Cast) {
  const t = task()
  const o = c.office.page
  await visit(o, `/staff/tasks/${t.id}/acceptance`, vi('acceptance.staff.title'))
  for (const [person, seat] of SEATS) {
    await field(o, vi('acceptance.staff.email')).fill(person.email)
    await field(o, vi('acceptance.staff.role')).selectOption({ label: vi(`acceptance.role.${seat}`) })
    await press(o, vi('acceptance.staff.add'))
    await o.getByRole('cell', { name: new RegExp(`^${person.fullName}`) }).waitFor()
  }
  await checkA11y(o)
  await field(o, vi('acceptance.staff.meetingOn')).fill(addCalendarDays(vnToday(), 7).split('-').reverse().join('/'))
  await field(o, vi('acceptance.staff.location')).fill('Phòng họp Quỹ, 15 Lê Duẩn, Buôn Ma Thuột')
  await press(o, vi('acceptance.staff.form'))
  await o.getByText(vi('acceptance.staff.notice.formed'), { exact: true }).waitFor()
  await checkA11y(o)

  for (const [person] of SEATS) {
    const invitation = await portal().inbox.waitFor(person.email, vi('acceptance.email.invited.subject', { reference: t.reference }))
    const path = new URL(invitation.text.match(/https?:\/\/\S+\/review\/acceptance\/[0-9a-f-]{36}/)![0]).pathname
    const m = await signedIn(person.email)
    await visit(m.page, path, vi('acceptance.member.title'))
    await choose(m.page, vi('acceptance.member.conflict.title'), vi('acceptance.member.conflict.none'))
    await press(m.page, vi('acceptance.member.conflict.save'))
    await m.page.getByRole('group', { name: vi('acceptance.member.vote'), exact: true }).waitFor()
    await checkA11y(m.page)
    await choose(m.page, vi('acceptance.member.vote'), vi('acceptance.rating.pass'))
    await field(m.page, vi('acceptance.member.comment')).fill('Sản phẩm đạt yêu cầu đặt hàng; hồ sơ đầy đủ.')
    await press(m.page, vi('acceptance.member.vote.save'))
    await m.page.getByText(vi('acceptance.member.vote.saved', { rating: vi('acceptance.rating.pass') }), { exact: true }).waitFor()
    await checkA11y(m.page)
    if (person === SEATS[0][0]) await shot(m.page, 'acceptance-member')
    await m.context.close()
  }
}

/**
 * The signer opens "Documents to sign", the waiting document whose title matches, and signs it with the key kept
 * for them. Returns the number the register gave it.
 */
async function signWaiting(page: Page, title: RegExp) {
  await visit(page, '/signing', vi('signing.title'))
  await page.getByRole('link', { name: title }).click()
  await page.getByRole('link', { name: vi('signing.preview'), exact: true }).waitFor()
  await checkA11y(page)
  await expect(field(page, vi('signing.how.kept')).isChecked()).resolves.toBe(true)
  await page.getByRole('checkbox').check()
  await press(page, vi('signing.button'))
  const done = page.getByText(/^Đã ký và ban hành văn bản số \S+\.$/)
  await done.waitFor()
  await checkA11y(page)
  return (await done.innerText()).match(/số (\S+)\.$/)![1]
}

/** Fetches a PDF the page links to, with the page's session. */
async function pdfBehind(page: Page, link: ReturnType<Page['getByRole']>) {
  const res = await page.request.get((await link.getAttribute('href'))!)
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toBe('application/pdf')
  return res.body()
}

/** The office concludes, the presiding member signs the minutes, the office records the pass. */
async function passAcceptance(c: Cast) {
  const t = task()
  const o = c.office.page
  await visit(o, `/staff/tasks/${t.id}/acceptance`, vi('acceptance.staff.title'))
  await field(o, vi('acceptance.staff.conclusions')).fill('Nhiệm vụ hoàn thành đủ sản phẩm theo hợp đồng; xếp loại Đạt.')
  await press(o, vi('acceptance.staff.conclude'))
  await o.getByText(vi('acceptance.staff.notice.concluded'), { exact: true }).waitFor()
  await checkA11y(o)
  await press(o, vi('acceptance.staff.minutes.request'))
  await o.getByText(vi('acceptance.staff.notice.requested'), { exact: true }).waitFor()
  await checkA11y(o)

  const [chair] = SEATS[0]
  const ch = await signedIn(chair.email)
  const symbol = await signWaiting(ch.page, /^Biên bản/)
  await ch.context.close()

  await visit(o, `/staff/tasks/${t.id}/acceptance`, vi('acceptance.staff.title'))
  const issued = o.getByRole('paragraph').filter({ hasText: vi('acceptance.staff.minutes.issued', { symbol }) })
  const pdf = await pdfBehind(o, issued.getByRole('link', { name: vi('acceptance.staff.minutes.download', { symbol }), exact: true }))
  const { signatures } = await pdfSig(pdf)
  expect(signatures.map((s) => [s.commonName, s.valid])).toEqual([[chair.fullName, true], [FUND_NAME, true]])
  const text = (await pdfLines(pdf)).join('\n')
  expect(text).toContain(`Số: ${symbol}`)
  expect(text.replace(/\s+/g, ' ')).toContain(t.title)

  await press(o, vi('acceptance.staff.pass'))
  await o.getByText(vi('acceptance.staff.notice.passed'), { exact: true }).waitFor()
  await checkA11y(o)
  await shot(o, 'acceptance-staff')
  await portal().inbox.waitFor(t.owner.email, vi('acceptance.email.passed.subject', { reference: t.reference, rating: vi('acceptance.rating.pass') }))
  return symbol
}

/** The grantee reports the spending by category; the office accepts it. */
async function settle(c: Cast) {
  const t = task()
  const g = c.grantee.page
  await visit(g, `/tasks/${t.id}/settlement`, vi('settlement.title'))
  const fields = g.getByRole('textbox', { name: /^Đã chi – / })
  const n = await fields.count()
  expect(n).toBeGreaterThan(0)
  // All the money paid, spent in the first category; nothing in the others.
  for (let i = 0; i < n; i++) await fields.nth(i).fill(i === 0 ? money(AMOUNT).replace(/\s*₫$/, '') : '0')
  await shot(g, 'settlement-grantee-form')
  await press(g, vi('settlement.submit'))
  await g.getByText(vi('settlement.submitted'), { exact: true }).waitFor()
  await checkA11y(g)

  const o = c.office.page
  await visit(o, `/staff/tasks/${t.id}/settlement`, vi('settlement.title'))
  await choose(o, vi('payments.step.decision'), vi('settlement.accept'))
  await press(o, vi('payments.step.submit'))
  await o.getByText(vi('settlement.decided'), { exact: true }).waitFor()
  await checkA11y(o)
}

/** The office prepares the liquidation record and sends it; the director signs it; the office closes the task. */
async function liquidateAndClose(c: Cast) {
  const t = task()
  const o = c.office.page
  await visit(o, `/staff/tasks/${t.id}/settlement`, vi('settlement.title'))
  await press(o, vi('liquidation.send'))
  await o.getByText(vi('liquidation.sent'), { exact: true }).waitFor()
  // Sent once: it waits for the director, and the button is gone.
  await o.getByText(vi('liquidation.status.sent', { amount: money(0) })).waitFor()
  await expect(o.getByRole('button', { name: vi('liquidation.send'), exact: true }).count()).resolves.toBe(0)
  await checkA11y(o)
  await shot(o, 'settlement-staff')

  const symbol = await signWaiting(c.director.page, /^Biên bản thanh lý/)
  await visit(o, `/staff/tasks/${t.id}/settlement`, vi('settlement.title'))
  await o.getByText(vi('liquidation.status.signed', { amount: money(0) }), { exact: true }).waitFor()

  // The signed record, from the application's documents.
  await visit(o, `/staff/applications/${t.id}`, t.title)
  const documents = o.getByRole('region', { name: vi('documents.section.title'), exact: true })
  const pdf = await pdfBehind(o, documents.getByRole('link', { name: new RegExp(`${symbol.replace(/[/.]/g, '\\$&')}`) }))
  const { signatures } = await pdfSig(pdf)
  expect(signatures.map((s) => [s.commonName, s.valid])).toEqual([[demo('director').fullName, true], [FUND_NAME, true]])
  const words = (await pdfLines(pdf)).join('\n').replace(/\s+/g, ' ')
  expect(words).toContain(`Số: ${symbol}`)
  expect(words).toContain(money(AMOUNT).replace(/\s*₫$/, ''))

  await officeEvent(o, 'close')
  await o.getByText(vi('workflow.status.closed'), { exact: true }).first().waitFor()
  return symbol
}

describe('an approved application from its contract to its closure', () => {
  test('contract signed, two tranches, a late report, an extension, acceptance, liquidation, closed', async () => {
    // The portal started on the prepared database: migrated and seeded before, it did neither again.
    expect(portal().output()).not.toMatch(/Demo data seeded|Migrations applied/)
    const started = Date.now()
    const c = await cast()
    try {
      await draftContract(c)
      await acceptContract(c)
      const symbol = await signContract(c)
      await startWork(c)
      await granteeSeesTask(c, symbol)
      await payTranche(c, 1, ADVANCE, 'UNC-2026-0145')
      await lateReport(c)
      await extension(c)
      await payTranche(c, 2, INTERIM, 'UNC-2026-0198')
      await submitResults(c)
      await acceptanceCouncil(c)
      await passAcceptance(c)
      await settle(c)
      await liquidateAndClose(c)
    } catch (error) {
      // What each person's browser showed when it failed, for whoever reads the failure.
      for (const [who, s] of Object.entries(c)) {
        if (s.page.isClosed()) continue
        await s.page.screenshot({ path: `/tmp/post-award-${who}.png`, fullPage: true }).catch(() => {})
        const alert = await s.page.getByRole('alert').allInnerTexts().catch(() => [])
        console.error(`[post-award] ${who} at ${s.page.url()}${alert.length ? `: ${alert.join(' | ')}` : ''}`)
      }
      throw error
    }
    console.log(`[post-award] journey in ${Math.round((Date.now() - started) / 1000)} s`)
  }, 600_000)

  // The pages the journey does not pass through, each opened by the people who use them and checked with axe:
  // the portfolio and the task's own page for the office, the lists of reports, payments and the ledger, the
  // inspections, changes and exports, the results registration, and a loan's pages on both sides.
  test('every post-award page opens for its people and passes axe', async () => {
    const t = task()
    const sweep = async (session: Session, paths: string[]) => {
      for (const path of paths) {
        const res = await session.page.goto(path)
        expect(res?.status(), path).toBe(200)
        await checkA11y(session.page)
      }
      await session.context.close()
    }
    await sweep(await signedIn(demo('staff').email), [
      '/staff/tasks',
      '/staff/tasks?due=week',
      `/staff/tasks/${t.id}`,
      `/staff/tasks/${t.id}/contract`,
      `/staff/tasks/${t.id}/changes`,
      `/staff/tasks/${t.id}/inspections`,
      `/staff/tasks/${t.id}/payments`,
      '/staff/reports',
      '/staff/payments?view=all',
      '/staff/ledger',
      '/staff/loans',
      `/staff/tasks/${t.loan.id}`,
      `/staff/tasks/${t.loan.id}/loan`,
      '/staff/exports?dataset=payments&view=all',
    ])
    await sweep(await signedIn(ACCOUNTANT.email), ['/home', '/staff/tasks', '/staff/payments', '/staff/ledger'])
    await sweep(await signedIn(t.owner.email, t.owner.password), [
      '/tasks',
      `/tasks/${t.id}`,
      `/tasks/${t.id}/contract`,
      `/tasks/${t.id}/changes`,
      `/tasks/${t.id}/payments`,
      `/tasks/${t.id}/reports`,
      `/tasks/${t.id}/results`,
      `/tasks/${t.id}/settlement`,
    ])
    await sweep(await signedIn(t.loan.owner.email, t.loan.owner.password), ['/tasks', `/tasks/${t.loan.id}`, `/tasks/${t.loan.id}/loan`, `/tasks/${t.loan.id}/payments`])
  }, 240_000)
})
