import { simpleParser } from 'mailparser'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { translator } from '../../app/i18n'
import { formatDay } from '../../app/i18n/format'
import { addCalendarDays, addMonths } from '../../app/modules/calendar/days'
import { pdfLines, pdfSig } from '../../app/modules/documents/layout/pdf-check'
import { PASSWORD } from '../setup/app'
import { createApprovedApplication } from '../setup/award'
import { checkA11y, httpStatusError, type Session, useBrowser } from './support/browser'
import { usePortal } from './support/hooks'
import { DEMO_PASSWORD, type PrepareContext } from './support/portal'
import type { ReceivedMail } from './support/smtp'
import { demo, expectHeading, pathIs, signIn } from './support/ui'

// The contract of a funded task, in the browser (issue 12): an application approved, its decision issued (made
// before the portal starts). The office drafts the contract from the application's page, edits it (a bad date
// first: the message beside the field, what was typed kept), previews it and sends it to the grantee; the
// grantee's representative opens it from the mail, reads it and accepts it; the director signs it; the grantee
// receives the signed contract by mail; the office records it and starts the work. Then an extension: asked by
// the grantee, approved by the office, its decision signed by the director, the amendment drawn up, accepted by
// the grantee and signed; the grantee reads the new end date. Axe on every page; the signed PDFs read back.

const vi = translator('vi')
const FUND_NAME = 'Quỹ Phát triển khoa học và công nghệ tỉnh Đắk Lắk'
/** Today in Việt Nam, 'YYYY-MM-DD'. */
const vnToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
/** The contract's period as the office types it: from the first of next month, twelve months. */
const STARTS = `${addMonths(vnToday(), 1).slice(0, 8)}01`
const ENDS = addCalendarDays(addMonths(STARTS, 12), -1)
/** The extension asked for: six months more. */
const EXTENDED = addMonths(ENDS, 6)
const INVESTIGATOR = 'TS. Trần Văn Chủ Nhiệm'
const POSITION = 'Viện trưởng'

interface Prepared {
  id: string
  reference: string
  title: string
  owner: { email: string; fullName: string }
}

async function approved({ db, env }: PrepareContext): Promise<Prepared> {
  const app = await createApprovedApplication(db, env)
  const row = await db.selectFrom('applications').select(['reference', 'title']).where('id', '=', app.applicationId).executeTakeFirstOrThrow()
  return { id: app.applicationId, reference: row.reference!, title: row.title, owner: { email: app.owner.email, fullName: app.owner.fullName } }
}

const portal = usePortal({ prepare: approved })
const browser = useBrowser(() => portal().url)
const task = () => portal().prepared

async function signedIn(email: string, password: string): Promise<Session> {
  const session = await browser.newSession()
  await session.page.goto('/login')
  await checkA11y(session.page)
  await signIn(session.page, email, password)
  await session.page.waitForURL(pathIs('/home'))
  await checkA11y(session.page)
  return session
}

async function visit(page: Page, path: string, heading: string) {
  await page.goto(path)
  await expectHeading(page, heading)
  await checkA11y(page)
}

/** A picture of the page as a person sees it first (the top of it, unless `fullPage`), to look at. */
async function shot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: `/tmp/contract-${name}.png`, fullPage })
}

const field = (page: Page | Locator, label: string) => page.getByLabel(label, { exact: true })
const press = (page: Page | Locator, name: string) => page.getByRole('button', { name, exact: true }).click()
const notice = (page: Page, text: string) => page.getByText(text, { exact: true }).waitFor()
/** The first link to the portal's `path` in a mail, as a path (with its #fragment, if any). */
function linkIn(mail: ReceivedMail, path: string) {
  const url = new URL(mail.text.match(new RegExp(`https?://[^/\\s]+${path}(#\\S+)?`))![0])
  return url.pathname + url.hash
}

/** Reads a PDF a page links to, with the page's session. */
async function pdfBehind(page: Page, link: Locator) {
  const res = await page.request.get((await link.getAttribute('href'))!)
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toBe('application/pdf')
  return res.body()
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

interface Cast {
  grantee: Session
  office: Session
  director: Session
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
  await press(o, vi('contracts.draft.save'))
  await notice(o, vi('contracts.notice.saved'))
  await checkA11y(o)
  await expect(field(o, vi('contracts.field.startsOn')).inputValue()).resolves.toBe(formatDay(STARTS))

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

/** The office records the start of the work from the application's page. */
async function startWork(c: Cast) {
  const t = task()
  const o = c.office.page
  await visit(o, `/staff/applications/${t.id}`, t.title)
  const title = vi('screening.event.title.start_work')
  await o.getByRole('link', { name: title, exact: true }).click()
  await expectHeading(o, title)
  await checkA11y(o)
  await press(o, title)
  await o.waitForURL(pathIs(`/staff/applications/${t.id}`))
  await o.getByText(vi('workflow.status.in_progress'), { exact: true }).first().waitFor()
  await checkA11y(o)
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
  await shot(g, 'grantee-contract-extended', true)
  await visit(g, `/tasks/${t.id}`, t.title)
  await g.getByRole('definition').filter({ hasText: `${formatDay(STARTS)} – ${formatDay(EXTENDED)}` }).waitFor()
  return amendment
}

describe('a contract from the approved application to its first amendment', () => {
  test('drafted, edited, accepted, signed, recorded; extended by a signed amendment', async () => {
    const started = Date.now()
    const t = task()
    const c: Cast = {
      grantee: await signedIn(t.owner.email, PASSWORD),
      office: await signedIn(demo('staff').email, DEMO_PASSWORD),
      director: await signedIn(demo('director').email, DEMO_PASSWORD),
    }
    try {
      await draftContract(c)
      await acceptContract(c)
      const symbol = await signContract(c)
      await startWork(c)
      await granteeSeesTask(c, symbol)
      await extension(c)
    } catch (error) {
      for (const [who, s] of Object.entries(c)) {
        if (s.page.isClosed()) continue
        await s.page.screenshot({ path: `/tmp/contract-fail-${who}.png`, fullPage: true }).catch(() => {})
        const alert = await s.page.getByRole('alert').allInnerTexts().catch(() => [])
        console.error(`[contract] ${who} at ${s.page.url()}${alert.length ? `: ${alert.join(' | ')}` : ''}`)
      }
      throw error
    }
    console.log(`[contract] journey in ${Math.round((Date.now() - started) / 1000)} s`)
  }, 300_000)
})
