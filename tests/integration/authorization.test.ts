import { basename } from 'node:path'
import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DatabaseHandle } from '../../db'
import type { Role } from '../../db/schema'
import { ROUTE_ACCESS, type RouteId } from '../../app/modules/auth'
import { enqueueEmail } from '../../app/modules/notifications'
import { createTestDb } from '../setup/db'
import { createUser, sessionFor, testContext } from '../setup/app'
import { createCall } from '../setup/calls'
import { createDraftApplication } from '../setup/applications'

// Every route × every role: the loader (GET) and action (POST) either let the request through or refuse it,
// exactly as the table below says. A route file that is not in this table (or in the policy) fails the test.

const calls: { request: Request; routeId: string }[] = []
vi.mock('../../app/modules/auth/request', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../app/modules/auth/request')>()
  const record = (args: { request: Request }, routeId: string) => calls.push({ request: args.request, routeId })
  return {
    ...original,
    authorize: (args: Parameters<typeof original.authorize>[0], routeId: RouteId) => (record(args, routeId), original.authorize(args, routeId)),
    authorizeUser: (args: Parameters<typeof original.authorize>[0], routeId: RouteId) => (record(args, routeId), original.authorizeUser(args, routeId)),
  }
})

type Principal = 'anonymous' | Role
const PRINCIPALS: Principal[] = ['anonymous', 'applicant', 'reviewer', 'staff', 'director', 'admin', 'accountant']
const EVERYONE = PRINCIPALS
const SIGNED_IN: Principal[] = ['applicant', 'reviewer', 'staff', 'director', 'admin', 'accountant']
const ADMIN: Principal[] = ['admin']
const STAFF: Principal[] = ['staff']
const REVIEWER: Principal[] = ['reviewer']
/** The council meeting: the office, and a reviewer (the module then admits only the council's secretary). */
const MEETING: Principal[] = ['staff', 'reviewer']
/** The Fund's people who read submitted applications: the office and the director. */
const FUND: Principal[] = ['staff', 'director']
// Every signed-in user holds the applicant role besides any other (registration grants it); the test
// users here hold one role each, so only 'applicant' opens the organisation pages.
const APPLICANT: Principal[] = ['applicant']
const SIGNERS: Principal[] = ['reviewer', 'staff', 'director']
/** The money of funded tasks: the office, the director and the chief accountant read it. */
const MONEY: Principal[] = ['staff', 'director', 'accountant']

/** Who may use each route. Adding a route means adding a line here, on purpose. */
const EXPECTED: Record<string, Principal[]> = {
  root: EVERYONE,
  'routes/_index': EVERYONE,
  'routes/$': EVERYONE,
  'routes/healthz': EVERYONE,
  'routes/login': EVERYONE,
  'routes/logout': EVERYONE,
  'routes/register': EVERYONE,
  'routes/check-email': EVERYONE,
  'routes/verify-email': EVERYONE,
  'routes/verify-email.resend': EVERYONE,
  'routes/forgot-password': EVERYONE,
  'routes/reset-password': EVERYONE,
  'routes/accept-invitation': EVERYONE,
  'routes/calls._index': EVERYONE,
  'routes/calls.$code._index': EVERYONE,
  'routes/calls.$code.eligibility': EVERYONE,
  'routes/staff.calls._index': STAFF,
  'routes/staff.calls.new': STAFF,
  'routes/staff.calls.$id': STAFF,
  'routes/staff.calls.$id_.decisions': FUND,
  'routes/staff.calls.$id_.decisions.zip': FUND,
  'routes/staff.calls.$id_.opening': STAFF,
  'routes/staff.applications._index': FUND,
  'routes/staff.applications.$id._index': FUND,
  'routes/staff.applications.$id.screening': STAFF,
  'routes/staff.applications.$id.appraisal': STAFF,
  'routes/staff.applications.$id.appraisal.minutes': FUND,
  'routes/staff.applications.$id.message': STAFF,
  'routes/staff.applications.$id.events.$event': FUND,
  'routes/staff.applications.$id.attachments.$attachmentId': FUND,
  'routes/staff.applications.$id.documents.preview': FUND,
  'routes/staff.applications.$id.documents.issue': STAFF,
  'routes/staff.applications.$id.documents.$documentId': FUND,
  'routes/staff.register': STAFF,
  'routes/tasks.$id_.loan': APPLICANT,
  'routes/staff.tasks.$id_.loan': STAFF,
  'routes/staff.loans': FUND,
  'routes/staff.emails._index': STAFF,
  'routes/staff.emails.$name': STAFF,
  'routes/staff.emails.$name.html': STAFF,
  'routes/staff.councils._index': STAFF,
  'routes/staff.councils.new': STAFF,
  'routes/staff.councils.$id._index': STAFF,
  'routes/staff.councils.$id.meeting': MEETING,
  'routes/staff.councils.$id.minutes': MEETING,
  'routes/staff.councils.$id.conclude': MEETING,
  'routes/staff.councils.$id.minutes_.issue': MEETING,
  'routes/review._index': REVIEWER,
  'routes/review.relations': REVIEWER,
  'routes/review.$assignmentId._index': REVIEWER,
  'routes/review.$assignmentId.attachments.$attachmentId': REVIEWER,
  'routes/review.$assignmentId.sheet': REVIEWER,
  'routes/review.$assignmentId.submit': REVIEWER,
  'routes/organisations._index': APPLICANT,
  'routes/organisations.new': APPLICANT,
  'routes/organisations.$orgId._index': APPLICANT,
  'routes/organisations.$orgId.members': APPLICANT,
  'routes/organisation-invitation': APPLICANT,
  'routes/applications._index': APPLICANT,
  'routes/applications.new': APPLICANT,
  'routes/applications.$id._index': APPLICANT,
  'routes/applications.$id.sections.$key': APPLICANT,
  'routes/applications.$id.attachments': APPLICANT,
  'routes/applications.$id.attachments.$attachmentId': APPLICANT,
  'routes/applications.$id.check': APPLICANT,
  'routes/applications.$id.confirmation': APPLICANT,
  'routes/applications.$id.receipt': APPLICANT,
  'routes/applications.$id.withdraw': APPLICANT,
  'routes/applications.$id.documents.$documentId': APPLICANT,
  'routes/home': SIGNED_IN,
  'routes/account': SIGNED_IN,
  'routes/account.password': SIGNED_IN,
  'routes/admin._index': ADMIN,
  'routes/admin.users._index': ADMIN,
  'routes/admin.users.invite': ADMIN,
  'routes/admin.users.$userId': ADMIN,
  'routes/admin.outbox._index': ADMIN,
  'routes/admin.outbox.$id': ADMIN,
  'routes/admin.outbox.$id.eml': ADMIN,
  'routes/admin.outbox.$id.html': ADMIN,
  'routes/admin.audit': ADMIN,
  'routes/admin.settings': ADMIN,
  'routes/admin.rules': ADMIN,
  'routes/admin.signing': ADMIN,
  // Whoever may be asked to sign (the director; a council's presiding member) and the office that asks: the
  // module then admits a request's signer, and the office to look and withdraw.
  'routes/signing._index': SIGNERS,
  'routes/signing.$id._index': SIGNERS,
  'routes/signing.$id.preview': SIGNERS,
  'routes/verify._index': EVERYONE,
  'routes/verify.$code': EVERYONE,
  'routes/admin.legal-bases': ADMIN,
  // Transparency (issue 14): the public's results, statistics and open data; the Fund's dashboards and exports.
  'routes/results._index': EVERYONE,
  'routes/results.$code': EVERYONE,
  'routes/statistics': EVERYONE,
  'routes/open-data._index': EVERYONE,
  'routes/open-data.grants[.]csv': EVERYONE,
  'routes/open-data.grants[.]json': EVERYONE,
  'routes/open-data.grants[.]schema[.]json': EVERYONE,
  'routes/api.grants': EVERYONE,
  'routes/staff.calls.$id_.results': STAFF,
  'routes/staff.dashboard': FUND,
  'routes/staff.targets._index': FUND,
  'routes/staff.targets.report': FUND,
  'routes/admin.targets': ADMIN,
  'routes/staff.exports._index': FUND,
  'routes/staff.exports.$jobId': FUND,
  'routes/tasks.$id_.payments': APPLICANT,
  'routes/staff.tasks.$id_.payments': MONEY,
  'routes/staff.tasks.$id_.contract': FUND,
  'routes/staff.tasks.$id_.contract.preview': FUND,
  'routes/tasks.$id_.contract': APPLICANT,
  'routes/tasks.$id_.contract.preview': APPLICANT,
  'routes/staff.payments._index': MONEY,
  'routes/staff.payments.$id': MONEY,
  'routes/staff.ledger': MONEY,
  'routes/tasks.$id.results': APPLICANT,
  'routes/tasks.$id.results.registration': APPLICANT,
  'routes/staff.tasks.$id.acceptance': STAFF,
  'routes/review.acceptance.$councilId': REVIEWER,
  'routes/tasks.$id_.settlement': APPLICANT,
  'routes/staff.tasks.$id_.settlement': MONEY,
  'routes/staff.exports.file': FUND,
  'routes/tasks.$id.reports': APPLICANT,
  'routes/tasks.$id.products.$productId': APPLICANT,
  'routes/staff.reports': FUND,
  'routes/staff.tasks.$id.reports': FUND,
  'routes/staff.tasks.$id.products.$productId': FUND,
  'routes/staff.tasks.$id.inspections': FUND,
  // The hub of a funded task: the grantee's list and page; the office's portfolio and page (the money's readers too).
  'routes/tasks._index': APPLICANT,
  'routes/tasks.$id._index': APPLICANT,
  'routes/staff.tasks._index': MONEY,
  'routes/staff.tasks.$id._index': MONEY,
  'routes/tasks.$id_.changes': APPLICANT,
  'routes/staff.tasks.$id_.changes': FUND,
}

/**
 * Where a POST is narrower than the page: the status-change page is the Fund's, but each event belongs to one
 * capacity (the request for changes, used here, to the office; the director is refused by the machine).
 */
const POST_EXPECTED: Record<string, Principal[]> = {
  'routes/staff.applications.$id.events.$event': STAFF,
  // The office sees the call's outcome documents; signing them all at once is the director's.
  'routes/staff.calls.$id_.decisions': ['director'],
  // The director reads the resolution's targets; the office enters their values.
  'routes/staff.targets._index': STAFF,
  // A payment request just asked for: checking it is the office's step (the chief accountant's come after).
  'routes/staff.payments.$id': STAFF,
  // Accepting or returning a settlement is the office's.
  'routes/staff.tasks.$id_.settlement': STAFF,
  // The director reads the contract; drafting, sending and recording it are the office's.
  'routes/staff.tasks.$id_.contract': STAFF,
  // The director reads a task's changes and signs their documents at /signing; answering them is the office's.
  'routes/staff.tasks.$id_.changes': STAFF,
}

type RouteModule = { loader?: (a: unknown) => unknown; action?: (a: unknown) => unknown }
const files = import.meta.glob<RouteModule>(['../../app/routes/*.ts', '../../app/routes/*.tsx', '!../../app/routes/*.test.*'])
const modules: Record<string, () => Promise<RouteModule>> = {
  root: () => import('../../app/root') as Promise<RouteModule>,
}
for (const [path, load] of Object.entries(files)) modules[`routes/${basename(path).replace(/\.tsx?$/, '')}`] = load

let handle: DatabaseHandle
let ctx: AppLoadContext
const users = {} as Record<Role, string>
const params: Record<string, Record<string, string>> = {}

beforeAll(async () => {
  handle = await createTestDb()
  ctx = testContext(handle)
  for (const role of SIGNED_IN as Role[]) users[role] = (await createUser(handle.db, { roles: [role] })).id
  const messageId = await enqueueEmail(handle.db, {
    template: 'verify_email',
    to: { address: 'someone@example.vn' },
    lang: 'vi',
    data: { name: 'Ai Đó', link: 'http://localhost:3000/verify-email?token=x', hours: 48 },
  })
  params['routes/admin.users.$userId'] = { userId: users.applicant }
  params['routes/admin.outbox.$id'] = { id: String(messageId) }
  params['routes/admin.outbox.$id.eml'] = { id: String(messageId) }
  params['routes/admin.outbox.$id.html'] = { id: String(messageId) }
  params['routes/staff.emails.$name'] = { name: 'verify_email' }
  params['routes/staff.emails.$name.html'] = { name: 'verify_email' }
  params['routes/$'] = { '*': 'khong-co-trang-nay' }
  params['routes/staff.calls.$id'] = { id: (await handle.db.insertInto('calls').values({ code: 'AUTHZ-DRAFT', modality: 'grant', priority_field: 'ai', title_vi: 'Đợt nháp', title_en: '', summary_vi: '', summary_en: '', opens_at: new Date(Date.now() + 86_400_000), closes_at: new Date(Date.now() + 30 * 86_400_000), budget_total: 1_000_000_000, max_amount: 100_000_000, max_duration_months: 12 }).returning('id').executeTakeFirstOrThrow()).id }
  for (const r of ['decisions', 'decisions.zip', 'opening', 'results']) params[`routes/staff.calls.$id_.${r}`] = params['routes/staff.calls.$id']
  const publicCall = await createCall(handle.db)
  params['routes/calls.$code._index'] = { code: publicCall.code }
  params['routes/calls.$code.eligibility'] = { code: publicCall.code }
  params['routes/results.$code'] = { code: publicCall.code }
  params['routes/staff.exports.$jobId'] = { jobId: '00000000-0000-4000-8000-000000000000' }
  const org = await handle.db
    .insertInto('organisations')
    .values({ type: 'enterprise', name: 'Công ty TNHH Thử', identifier: '0100233488', identifier_kind: 'tax_code', address_line: '1 Lê Duẩn', ward_code: '001', legal_rep_name: 'Nguyễn Văn Thử', legal_rep_title: 'Giám đốc', phone: '0912345678', email: 'thu@example.vn', created_by: users.applicant, updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow()
  await handle.db.insertInto('organisation_members').values({ organisation_id: org.id, user_id: users.applicant, role: 'owner' }).execute()
  params['routes/organisations.$orgId._index'] = { orgId: org.id }
  params['routes/organisations.$orgId.members'] = { orgId: org.id }
  const draft = await createDraftApplication(handle.db, users.applicant)
  params['routes/applications.$id._index'] = { id: draft.applicationId }
  params['routes/applications.$id.sections.$key'] = { id: draft.applicationId, key: 'general' }
  params['routes/applications.$id.check'] = { id: draft.applicationId }
  params['routes/applications.$id.confirmation'] = { id: draft.applicationId }
  params['routes/applications.$id.withdraw'] = { id: draft.applicationId }
  const attApp = await handle.db.insertInto('applications').values({ call_id: publicCall.id, organisation_id: org.id, created_by: users.applicant }).returning('id').executeTakeFirstOrThrow()
  const attDoc = await handle.db.selectFrom('call_documents').select('id').where('call_id', '=', publicCall.id).executeTakeFirstOrThrow()
  const attRow = await handle.db.insertInto('attachments').values({ application_id: attApp.id, call_document_id: attDoc.id, filename: 'a.pdf', size_bytes: 5, media_type: 'application/pdf', sha256: '0'.repeat(64), storage_key: `00/${'0'.repeat(64)}` }).returning('id').executeTakeFirstOrThrow()
  params['routes/applications.$id.attachments'] = { id: attApp.id }
  params['routes/applications.$id.attachments.$attachmentId'] = { id: attApp.id, attachmentId: attRow.id }
  // A submitted application, for the Fund's pages (drafts are not theirs to see).
  await handle.db.updateTable('applications').set({ status: 'screening', reference: 'QKHCN-2026-0999', submitted_at: new Date() }).where('id', '=', attApp.id).execute()
  for (const page of ['_index', 'screening', 'message', 'appraisal', 'appraisal.minutes']) params[`routes/staff.applications.$id.${page}`] = { id: attApp.id }
  params['routes/staff.applications.$id.events.$event'] = { id: attApp.id, event: 'request_changes' }
  params['routes/staff.applications.$id.attachments.$attachmentId'] = { id: attApp.id, attachmentId: attRow.id }
  for (const page of ['preview', 'issue']) params[`routes/staff.applications.$id.documents.${page}`] = { id: attApp.id }
  params['routes/staff.applications.$id.documents.$documentId'] = { id: attApp.id, documentId: attRow.id }
  params['routes/applications.$id.documents.$documentId'] = { id: attApp.id, documentId: attRow.id }
  params['routes/applications.$id.receipt'] = { id: attApp.id }
  for (const page of ['results', 'results.registration']) params[`routes/tasks.$id.${page}`] = { id: attApp.id }
  params['routes/staff.tasks.$id.acceptance'] = { id: attApp.id }
  params['routes/tasks.$id_.loan'] = { id: attApp.id }
  params['routes/staff.tasks.$id_.loan'] = { id: attApp.id }
  // A council on that call, the reviewer on it, assigned the application.
  const council = await handle.db.insertInto('councils').values({ call_id: publicCall.id, name_vi: 'Hội đồng thử', name_en: 'Test council', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow()
  await handle.db.insertInto('council_members').values({ council_id: council.id, user_id: users.reviewer, role: 'secretary' }).execute()
  await handle.db.insertInto('council_applications').values({ council_id: council.id, application_id: attApp.id }).execute()
  const assignment = await handle.db.insertInto('review_assignments').values({ council_id: council.id, application_id: attApp.id, reviewer_id: users.reviewer }).returning('id').executeTakeFirstOrThrow()
  params['routes/staff.councils.$id._index'] = { id: council.id }
  params['routes/staff.councils.$id.meeting'] = { id: council.id }
  params['routes/staff.councils.$id.minutes'] = { id: council.id }
  params['routes/staff.councils.$id.conclude'] = { id: council.id }
  params['routes/staff.councils.$id.minutes_.issue'] = { id: council.id }
  params['routes/review.$assignmentId.sheet'] = { assignmentId: assignment.id }
  params['routes/review.$assignmentId.submit'] = { assignmentId: assignment.id }
  params['routes/review.$assignmentId._index'] = { assignmentId: assignment.id }
  // An acceptance council on that application, the reviewer sitting on it.
  const acceptance = await handle.db.insertInto('acceptance_councils').values({ application_id: attApp.id }).returning('id').executeTakeFirstOrThrow()
  await handle.db.insertInto('acceptance_members').values({ council_id: acceptance.id, user_id: users.reviewer, role: 'chair' }).execute()
  params['routes/review.acceptance.$councilId'] = { councilId: acceptance.id }
  params['routes/review.$assignmentId.attachments.$attachmentId'] = { assignmentId: assignment.id, attachmentId: attRow.id }
  // A contract on that application with one tranche and a payment request just asked for.
  const contract = await handle.db.insertInto('contracts').values({ application_id: attApp.id, modality: 'grant', status: 'signed', fund_amount: 100_000_000, starts_on: '2027-01-01', ends_on: '2027-12-31', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow()
  const tranche = await handle.db.insertInto('contract_tranches').values({ contract_id: contract.id, seq: 1, kind: 'advance', amount: 100_000_000 }).returning('id').executeTakeFirstOrThrow()
  const payment = await handle.db.insertInto('payment_requests').values({ contract_id: contract.id, tranche_id: tranche.id, amount: 100_000_000, evidence: 'Bảng kê', requested_by: users.applicant }).returning('id').executeTakeFirstOrThrow()
  params['routes/tasks.$id_.payments'] = { id: attApp.id }
  params['routes/staff.tasks.$id_.payments'] = { id: attApp.id }
  params['routes/staff.payments.$id'] = { id: payment.id }
  params['routes/tasks.$id_.settlement'] = { id: attApp.id }
  params['routes/staff.tasks.$id_.settlement'] = { id: attApp.id }
  params['routes/tasks.$id._index'] = { id: attApp.id }
  params['routes/staff.tasks.$id._index'] = { id: attApp.id }
  for (const r of ['staff.tasks.$id_.contract', 'staff.tasks.$id_.contract.preview', 'tasks.$id_.contract', 'tasks.$id_.contract.preview']) params[`routes/${r}`] = { id: attApp.id }
  params['routes/tasks.$id_.changes'] = { id: attApp.id }
  params['routes/staff.tasks.$id_.changes'] = { id: attApp.id }
})
afterAll(() => handle.close())

type Outcome = 'allow' | 'sign-in' | 'forbidden'

async function attempt(routeId: string, method: 'GET' | 'POST', who: Principal): Promise<Outcome> {
  const mod = await modules[routeId]()
  const handler = method === 'GET' ? mod.loader : mod.action
  const headers = new Headers()
  // A fresh session each time: a POST to /logout ends the one it is given.
  if (who !== 'anonymous') headers.set('Cookie', await sessionFor(ctx, users[who]))
  const path = `/${routeId.replace(/^routes\/?/, '').replace(/_index$/, '').replace(/\./g, '/')}`
  const request = new Request(`http://localhost:3000${path}`, {
    method,
    headers,
    body: method === 'POST' ? new URLSearchParams() : undefined,
  })
  let response: unknown
  try {
    response = await handler!({ request, context: ctx, params: params[routeId] ?? {} })
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown
    response = thrown
  }
  const checked = calls.filter((c) => c.request === request).map((c) => c.routeId)
  expect(checked, `${method} ${routeId} must call authorize with its own route id`).toContain(routeId)
  if (response instanceof Response) {
    if (response.status === 403) return 'forbidden'
    if (response.status === 302 && response.headers.get('Location')?.startsWith('/login?redirectTo=')) return 'sign-in'
  }
  return 'allow'
}

describe('the authorisation matrix', () => {
  it('lists every route file, in the policy and in this test', () => {
    const routeIds = Object.keys(modules).sort()
    expect(Object.keys(ROUTE_ACCESS).sort()).toEqual(routeIds)
    expect(Object.keys(EXPECTED).sort()).toEqual(routeIds)
  })

  const cases = Object.entries(EXPECTED).flatMap(([routeId, allowed]) =>
    PRINCIPALS.map((who) => ({ routeId, who, allowed: allowed.includes(who) })),
  )

  it.each(cases)('$routeId as $who → allowed: $allowed', async ({ routeId, who, allowed }) => {
    const mod = await modules[routeId]()
    const methods = (['GET', 'POST'] as const).filter((m) => (m === 'GET' ? mod.loader : mod.action))
    expect(methods.length).toBeGreaterThan(0)
    for (const method of methods) {
      const outcome = await attempt(routeId, method, who)
      const ok = method === 'POST' && POST_EXPECTED[routeId] ? POST_EXPECTED[routeId].includes(who) : allowed
      const expected: Outcome = ok ? 'allow' : who === 'anonymous' ? 'sign-in' : 'forbidden'
      expect(outcome, `${method} ${routeId} as ${who}`).toBe(expected)
    }
  })
})
