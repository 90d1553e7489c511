import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { translator } from '../../app/i18n'
import { formatMoney } from '../../app/i18n/format'
import { addCalendarDays, addMonths } from '../../app/modules/calendar/days'
import { pdfLines, pdfSig } from '../../app/modules/documents/layout/pdf-check'
import { DEMO_ACCOUNTS, DEMO_EXPERTS } from '../../db/seed'
import { createUser, PASSWORD } from '../setup/app'
import { createContractedTask } from '../setup/award'
import { checkA11y, type Session, useBrowser } from './support/browser'
import { usePortal } from './support/hooks'
import { DEMO_PASSWORD, type PrepareContext } from './support/portal'
import { demo, expectHeading, pathIs, signIn } from './support/ui'

// After the decision, in the browser (issue 12): a funded task from its signed contract to its closure. The
// contract is made before the portal starts (`prepare`: the browser tests of the pre-award road already click
// through registration → decision, and the contract pages are tested on their own): two tranches, its one progress
// report already a few days late. Then, each step as its person, with axe on every page and the mails read in the
// SMTP inbox: the grantee is told the report is late; the office starts the work if it has not; the grantee asks for the advance, the office checks it, the chief
// accountant approves it and records the transfer; the grantee sees the report flagged late, submits it, the office
// accepts it; the second tranche the same way; the results dossier, the acceptance council (seven experts rate it),
// its minutes signed by the member presiding, the pass; the settlement, the liquidation record the director signs,
// and the task closed. The signed PDFs are read back: two valid signatures, the number, the amounts.
//
// Each step is a function of the journey, so the steps before it (the contract drafted, proposed, accepted and
// signed in the browser) and between them (an extension asked for after the late report) can be added in order.

const vi = translator('vi')

const FUND_NAME = 'Quỹ Phát triển khoa học và công nghệ tỉnh Đắk Lắk'
const ADVANCE = 180_000_000
const INTERIM = 270_000_000
const AMOUNT = ADVANCE + INTERIM
/** The chief accountant: no demo account has the role, so `prepare` makes one. */
const ACCOUNTANT = { email: 'ke.toan.truong@demo.quykhcn.vn', fullName: 'Lê Thị Kế Toán' }
/** Today in Việt Nam, 'YYYY-MM-DD'. */
const vnToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)

interface Task {
  id: string
  reference: string
  title: string
  organisation: string
  owner: { email: string; fullName: string; password: string }
  /** The day the only progress report was due: a few days ago. */
  reportDue: string
  /** Whether the work is recorded as started (`in_progress`) or the task waits for the office (`contracted`). */
  started: boolean
  /** A preferential loan under contract, for the loan pages. */
  loan: { id: string; owner: { email: string; password: string } }
}

/**
 * The work is recorded as started before the portal starts: the portal's reminder round, run as it starts and then
 * hourly, then finds the report late and mails the grantee during the test. (A task only `contracted` would be
 * found late an hour later: then the office starts the work in the browser, `startWork`.)
 */
const STARTED = true

/**
 * A task under a signed grant contract: 450.000.000 ₫ in two tranches (an advance of
 * 180.000.000 ₫ with no condition, then 270.000.000 ₫ once a progress report is accepted), twelve months from a
 * start six months and five days ago with a report every six months, so its one report is five days late.
 */
async function signedContract({ db, env }: PrepareContext): Promise<Task> {
  const startsOn = addCalendarDays(addMonths(vnToday(), -6), -5)
  const endsOn = addCalendarDays(addMonths(startsOn, 12), -1)
  const task = await createContractedTask(db, env, {
    amount: AMOUNT,
    startsOn,
    endsOn,
    reportEveryMonths: 6,
    start: STARTED,
    tranches: [
      { kind: 'advance', amount: ADVANCE, dueOn: startsOn, condition: 'none' },
      { kind: 'interim', amount: INTERIM, condition: 'report_accepted' },
    ],
  })
  await createUser(db, { roles: ['accountant'], ...ACCOUNTANT, password: DEMO_PASSWORD })
  const loan = await createContractedTask(db, env, { modality: 'preferential_loan', amount: 300_000_000, startsOn, endsOn })
  const app = await db
    .selectFrom('applications')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .select(['applications.reference', 'applications.title', 'organisations.name'])
    .where('applications.id', '=', task.applicationId)
    .executeTakeFirstOrThrow()
  return {
    id: task.applicationId,
    reference: app.reference!,
    title: app.title,
    organisation: app.name,
    owner: { email: task.owner.email, fullName: task.owner.fullName, password: PASSWORD },
    reportDue: addMonths(startsOn, 6),
    started: STARTED,
    loan: { id: loan.applicationId, owner: { email: loan.owner.email, password: PASSWORD } },
  }
}

const portal = usePortal({ prepare: signedContract })
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
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true })
/** A field marked "(optional)" after its label. */
const optional = (page: Page, label: string) => page.getByLabel(`${label} ${vi('form.optional')}`, { exact: true })
const choose = (page: Page, legend: string, option: string) => page.getByRole('group', { name: legend, exact: true }).getByRole('radio', { name: option, exact: true }).check()
const press = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click()
const paymentMail = (kind: 'requested' | 'checked' | 'approved' | 'paid', n: number) => vi(`payments.email.subject.${kind}`, { reference: task().reference, n })

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

/** The office records that the work has started (the contract was signed: the task is `contracted`). */
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
  // The portal's reminder round found it late when it started, and told the grantee.
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

describe('a funded task from its signed contract to its closure', () => {
  test('paid in two tranches, a late report, acceptance, settlement, liquidation, closed', async () => {
    // The portal started on the prepared database: migrated and seeded before, it did neither again.
    expect(portal().output()).not.toMatch(/Demo data seeded|Migrations applied/)
    const started = Date.now()
    const c = await cast()
    try {
      if (!task().started) await startWork(c)
      await payTranche(c, 1, ADVANCE, 'UNC-2026-0145')
      await lateReport(c)
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
  }, 360_000)

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
