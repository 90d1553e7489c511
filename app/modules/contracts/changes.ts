import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { ContractChangeKind, ContractChangeState } from '../../../db/schema'
import { amendmentArticles, type ChangeFacts, changeDecision } from '../../../templates/change-decision'
import { formatMoney } from '../../i18n/format'
import type { FileStorage } from '../applications'
import { BUDGET_CATEGORIES, type BudgetCategory } from '../applications/budget'
import { recordAudit } from '../audit'
import { parseMoney } from '../calls/fields'
import { type IssuedDocument, documentsQuery, toIssuedDocument } from '../decisions/documents'
import { blankNumber, fundForDocuments, type SignerLines, withSigner } from '../decisions/issue'
import { takeNumber } from '../decisions/register'
import { type Signing, signAndStore } from '../decisions/signing'
import { type DocumentModel, renderDocument } from '../documents/layout'
import { getFundSettings } from '../fund'
import { basisKindOf, legalBasesFor } from '../fund/legal-bases'
import { enqueueEmail } from '../notifications'
import { applicantRecipients, officeRecipients, roleRecipients } from '../workflow'
import { type ChangeDetails, changeRequestSchema, reviewChangeSchema } from './change-schemas'
import { addMonths, termsOf } from './draft'
import { type Contract, contractById } from './read'
import { readContractRules } from './rules'

// Changes to a funded task's contract (issue 12, ADR 025): the grantee asks (extension, a budget move between
// categories, a new investigator or host, suspension, termination) with its reasons, within the fund's limits
// (rules.ts); the office reviews it and sends its answer to the director, who signs it at /signing/:id
// (decisions/requests.ts, kind 'change_decision'): a decision when approved, a notice with the reasons when
// refused — numbered, signed, mailed. An approved change then becomes an amendment (amendments.ts).
//
// States: requested → (office) approved | rejected → (director signs) decided | rejected (decided_at set)
// → (amendment signed) amended; requested → withdrawn by the grantee.

type Actor = { id: string; email: string; fullName?: string }

export type ChangeOutcome = { ok: true; id: string } | { ok: false; status: 400 | 403 | 404 | 409; errors: Record<string, string> }

const fail = (status: 400 | 403 | 404 | 409, errors: Record<string, string>): ChangeOutcome => ({ ok: false, status, errors })
const q = (params: Record<string, string | number>) => new URLSearchParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))).toString()

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** The task statuses a contract can still be changed in. */
const RUNNING = ['contracted', 'in_progress'] as const

/** What is asked, with what it replaces, as stored (details): the words of the decision and the amendment come from it. */
export type StoredDetails = ChangeDetails & { before?: Record<string, string | number> }

export interface AmendmentView {
  id: string
  seq: number
  status: 'proposed' | 'accepted' | 'signed'
  articles: string[]
  acceptedAt: Date | null
  acceptedName: string | null
  acceptedPosition: string | null
  signedAt: Date | null
  document: { id: string; symbol: string | null } | null
  /** The open request for the Fund's signature, if one waits. */
  signatureRequestId: string | null
}

export interface ChangeView {
  id: string
  kind: ContractChangeKind
  state: ContractChangeState
  reasons: string
  facts: ChangeFacts
  requestedAt: Date
  requestedBy: string | null
  decidedAt: Date | null
  decidedBy: string | null
  decisionNote: string
  decisionDocument: { id: string; symbol: string | null } | null
  signatureRequestId: string | null
  amendment: AmendmentView | null
}

/** The change's facts for its documents: what is asked and what it was (details.before). */
export function factsOf(details: StoredDetails, c?: Pick<Contract, 'startsOn' | 'endsOn'>): ChangeFacts {
  const b = details.before ?? {}
  switch (details.kind) {
    case 'extension':
      return { kind: 'extension', startsOn: String(b.startsOn ?? c?.startsOn ?? ''), endsOn: String(b.endsOn ?? c?.endsOn ?? ''), newEndsOn: details.endsOn }
    case 'budget_move':
      return { kind: 'budget_move', from: details.from, to: details.to, amount: details.amount, fromBefore: Number(b.from ?? 0), toBefore: Number(b.to ?? 0) }
    case 'investigator':
      return { kind: 'investigator', previous: String(b.investigator ?? ''), name: details.name, idNumber: details.idNumber }
    case 'host':
      return { kind: 'host', previous: String(b.host ?? ''), name: details.name, identifier: details.identifier }
    case 'suspension':
      return { kind: 'suspension', from: details.from, until: details.until }
    case 'termination':
      return { kind: 'termination' }
  }
}

/** The Fund's share of each budget category under the contract: as amended, else the application's budget. */
export async function contractBudget(db: DB, c: Pick<Contract, 'applicationId' | 'terms'>): Promise<Record<BudgetCategory, number>> {
  const amended = (c.terms as { budget?: Partial<Record<BudgetCategory, number>> }).budget
  if (amended) return Object.fromEntries(BUDGET_CATEGORIES.map((k) => [k, Number(amended[k] ?? 0)])) as Record<BudgetCategory, number>
  const row = await db.selectFrom('application_sections').select('data').where('application_id', '=', c.applicationId).where('key', '=', 'budget').executeTakeFirst()
  const data = (row?.data ?? {}) as Record<string, unknown>
  return Object.fromEntries(BUDGET_CATEGORIES.map((k) => [k, typeof data[`${k}_requested`] === 'string' ? (parseMoney(data[`${k}_requested`] as string) ?? 0) : 0])) as Record<BudgetCategory, number>
}

/** Whole months from one day to a later one, rounded up (31/12 → 30/06 is 6; 31/12 → 01/07 is 7). */
export function monthsBetween(from: string, to: string): number {
  let n = 0
  while (addMonths(from, n) < to) n++
  return n
}

/** A change still in the works: asked, answered but not yet signed, or decided without its amendment signed. */
const OPEN = sql<boolean>`(state IN ('requested', 'approved', 'decided') OR (state = 'rejected' AND decided_at IS NULL))`

async function memberRole(db: DB, organisationId: string, userId: string) {
  const row = await db.selectFrom('organisation_members').select('role').where('organisation_id', '=', organisationId).where('user_id', '=', userId).executeTakeFirst()
  return row?.role ?? null
}

/** The Fund's people told of a request: the office and the directors, once each. */
async function fundRecipients(trx: DB) {
  const all = [...(await officeRecipients(trx)), ...(await roleRecipients(trx, 'director'))]
  return all.filter((p, i) => all.findIndex((o) => o.email === p.email) === i)
}

/**
 * The grantee (an owner or editor of the host organisation) asks for a change, with its reasons; refused with the
 * field to fix when it goes beyond the fund's limits (the longest extension, the share of money that may move,
 * the longest suspension), and while another change is in the works.
 */
export async function requestChange(
  db: DB,
  input: { applicationId: string; user: Actor & { fullName: string }; form: Record<string, unknown>; appUrl: string; ip?: string | null; now?: Date },
): Promise<ChangeOutcome> {
  const parsed = changeRequestSchema.safeParse(input.form)
  if (!parsed.success) {
    const errors: Record<string, string> = {}
    for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message
    return fail(400, errors)
  }
  const { kind, reasons, details } = parsed.data
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx): Promise<ChangeOutcome> => {
    const row = await trx.selectFrom('contracts').select(['id', 'status']).where('application_id', '=', input.applicationId).forUpdate().executeTakeFirst()
    const app = await trx.selectFrom('applications').select(['id', 'status', 'organisation_id', 'reference', 'title']).where('id', '=', input.applicationId).executeTakeFirst()
    if (!row || !app) return fail(404, { form: 'changes.e.notFound' })
    const role = await memberRole(trx, app.organisation_id, input.user.id)
    if (role !== 'owner' && role !== 'editor') return fail(403, { form: 'changes.e.notYours' })
    if (row.status !== 'signed' || !(RUNNING as readonly string[]).includes(app.status)) return fail(409, { form: 'changes.e.notRunning' })
    if (await trx.selectFrom('contract_changes').select('id').where('contract_id', '=', row.id).where(OPEN).executeTakeFirst()) return fail(409, { form: 'changes.e.open' })
    const c = (await contractById(trx, row.id))!
    const rules = await readContractRules(trx)
    const amended = (k: ContractChangeKind) => trx.selectFrom('contract_changes').select('details').where('contract_id', '=', c.id).where('kind', '=', k).where('state', '=', 'amended').execute()
    let before: Record<string, string | number> = {}
    switch (details.kind) {
      case 'extension': {
        if (details.endsOn <= c.endsOn) return fail(400, { endsOn: `changes.e.extension.notLater?${q({ date: c.endsOn.split('-').reverse().join('/') })}` })
        if (monthsBetween(c.endsOn, details.endsOn) > rules.maxExtensionMonths) return fail(400, { endsOn: `changes.e.extension.tooLong?${q({ max: rules.maxExtensionMonths })}` })
        if ((await amended('extension')).length >= rules.maxExtensions) return fail(409, { form: `changes.e.extension.count?${q({ max: rules.maxExtensions })}` })
        before = { startsOn: c.startsOn, endsOn: c.endsOn }
        break
      }
      case 'budget_move': {
        const budget = await contractBudget(trx, c)
        if (details.amount > budget[details.from]) return fail(400, { amount: `changes.e.budget.available?${q({ available: formatMoney(budget[details.from]) })}` })
        const movedBefore = (await amended('budget_move')).reduce((s, r) => s + Number((r.details as { amount?: number }).amount ?? 0), 0)
        const limit = Math.floor((c.fundAmount * rules.maxBudgetMovePct) / 100)
        if (movedBefore + details.amount > limit)
          return fail(400, { amount: `changes.e.budget.limit?${q({ pct: rules.maxBudgetMovePct, max: formatMoney(limit), left: formatMoney(Math.max(0, limit - movedBefore)) })}` })
        before = { from: budget[details.from], to: budget[details.to] }
        break
      }
      case 'investigator':
        before = { investigator: termsOf(c).investigator }
        break
      case 'host': {
        const org = await trx.selectFrom('organisations').select('name').where('id', '=', app.organisation_id).executeTakeFirstOrThrow()
        before = { host: (c.terms as { host?: { name?: string } }).host?.name ?? org.name }
        break
      }
      case 'suspension':
        if (details.from < c.startsOn || details.from > c.endsOn) return fail(400, { suspendFrom: `changes.e.suspension.outside?${q({ from: c.startsOn.split('-').reverse().join('/'), to: c.endsOn.split('-').reverse().join('/') })}` })
        if (monthsBetween(details.from, details.until) > rules.maxSuspensionMonths) return fail(400, { suspendUntil: `changes.e.suspension.tooLong?${q({ max: rules.maxSuspensionMonths })}` })
        break
      case 'termination':
        break
    }
    const stored: StoredDetails = { ...details, before }
    const inserted = await trx
      .insertInto('contract_changes')
      .values({ contract_id: c.id, kind, reasons, details: stored as unknown as Record<string, unknown>, requested_by: input.user.id, requested_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { action: 'contract.change_requested', actor: input.user, subjectType: 'application', subjectId: app.id, ip: input.ip, details: { change: inserted.id, kind } })
    for (const p of await fundRecipients(trx)) {
      await enqueueEmail(trx, {
        template: 'contract_change_requested',
        to: { address: p.email, name: p.fullName },
        lang: p.lang,
        data: { name: p.fullName, kind, reference: app.reference ?? '', applicationTitle: app.title, by: input.user.fullName, reasons, link: `${input.appUrl}/staff/tasks/${app.id}/changes#change-${inserted.id}` },
      })
    }
    return { ok: true, id: inserted.id }
  })
}

/** The change with its task, locked; null when it does not exist. */
async function lockedChange(trx: DB, changeId: string) {
  if (!UUID.test(changeId)) return null
  const change = await trx.selectFrom('contract_changes').selectAll().where('id', '=', changeId).forUpdate().executeTakeFirst()
  if (!change) return null
  const task = await trx
    .selectFrom('contracts as c')
    .innerJoin('applications as a', 'a.id', 'c.application_id')
    .select(['a.id', 'a.reference', 'a.title', 'a.organisation_id', 'a.call_id', 'a.status', 'c.id as contract_id', 'c.modality'])
    .where('c.id', '=', change.contract_id)
    .executeTakeFirstOrThrow()
  return { change, task }
}

/** The grantee takes back a change the office has not answered yet; the office is told. */
export async function withdrawChange(db: DB, input: { applicationId: string; changeId: string; user: Actor & { fullName: string }; appUrl: string; ip?: string | null }): Promise<ChangeOutcome> {
  return db.transaction().execute(async (trx): Promise<ChangeOutcome> => {
    const found = await lockedChange(trx, input.changeId)
    if (!found || found.task.id !== input.applicationId) return fail(404, { form: 'changes.e.notFound' })
    const role = await memberRole(trx, found.task.organisation_id, input.user.id)
    if (role !== 'owner' && role !== 'editor') return fail(403, { form: 'changes.e.notYours' })
    if (found.change.state !== 'requested') return fail(409, { form: 'changes.e.state' })
    await trx.updateTable('contract_changes').set({ state: 'withdrawn' }).where('id', '=', found.change.id).execute()
    await recordAudit(trx, { action: 'contract.change_withdrawn', actor: input.user, subjectType: 'application', subjectId: found.task.id, ip: input.ip, details: { change: found.change.id, kind: found.change.kind } })
    for (const p of await officeRecipients(trx)) {
      await enqueueEmail(trx, {
        template: 'contract_change_step',
        to: { address: p.email, name: p.fullName },
        lang: p.lang,
        data: { name: p.fullName, step: 'withdrawn', kind: found.change.kind, reference: found.task.reference ?? '', applicationTitle: found.task.title, by: input.user.fullName, link: `${input.appUrl}/staff/tasks/${found.task.id}/changes` },
      })
    }
    return { ok: true, id: found.change.id }
  })
}

/**
 * The office answers a change — approve (with conditions, if any) or refuse (with reasons) — to be signed by the
 * director. It may answer again until the director has signed; the request waiting for the earlier answer is
 * then withdrawn. The caller sends it for signature (requestSignature, kind 'change_decision').
 */
export async function reviewChange(db: DB, input: { applicationId: string; form: Record<string, unknown>; actor: Actor & { roles: readonly string[] }; ip?: string | null }): Promise<ChangeOutcome> {
  if (!input.actor.roles.includes('staff')) return fail(403, { form: 'changes.e.office' })
  const parsed = reviewChangeSchema.safeParse(input.form)
  if (!parsed.success) {
    const errors: Record<string, string> = {}
    for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message
    return fail(400, errors)
  }
  return db.transaction().execute(async (trx): Promise<ChangeOutcome> => {
    const found = await lockedChange(trx, parsed.data.changeId)
    if (!found || found.task.id !== input.applicationId) return fail(404, { form: 'changes.e.notFound' })
    const { change } = found
    const answerable = change.state === 'requested' || ((change.state === 'approved' || change.state === 'rejected') && !change.decided_at)
    if (!answerable) return fail(409, { form: 'changes.e.state' })
    const withdrawn = await trx
      .updateTable('signature_requests')
      .set({ state: 'withdrawn', closed_by: input.actor.id, closed_at: new Date() })
      .where('subject_id', '=', change.id)
      .where('state', '=', 'pending')
      .returning('id')
      .execute()
    const state = parsed.data.outcome === 'approve' ? 'approved' : 'rejected'
    await trx.updateTable('contract_changes').set({ state, decision_note: parsed.data.note }).where('id', '=', change.id).execute()
    await recordAudit(trx, {
      action: 'contract.change_reviewed',
      actor: input.actor,
      subjectType: 'application',
      subjectId: found.task.id,
      ip: input.ip,
      details: { change: change.id, kind: change.kind, outcome: parsed.data.outcome, withdrawnRequests: withdrawn.map((r) => r.id) },
    })
    return { ok: true, id: change.id }
  })
}

// The decision on a change, signed through a request (decisions/requests.ts calls these).

/** What a signature request for a change's decision names: due while the office's answer waits for the director. */
export async function changeDecisionDue(trx: DB, changeId: string) {
  const found = await lockedChange(trx, changeId)
  if (!found) return null
  const { change, task } = found
  const due = (change.state === 'approved' || change.state === 'rejected') && !change.decided_at
  const what = change.state === 'rejected' ? 'Thông báo không chấp thuận điều chỉnh nhiệm vụ' : 'Quyết định điều chỉnh nhiệm vụ'
  return { due, applicationId: task.id, callId: task.call_id, title: `${what}: ${task.reference ? `${task.reference} – ` : ''}${task.title}` }
}

/** The symbol and date of the signed contract (blank marks when it was signed on paper before the portal). */
export async function contractSymbol(db: DB, contractId: string): Promise<{ symbol: string; date: Date | null }> {
  const row = await db
    .selectFrom('contracts as c')
    .leftJoin('documents as d', 'd.id', 'c.document_id')
    .leftJoin('document_register as r', 'r.id', 'd.register_id')
    .select(['r.symbol', 'c.signed_at'])
    .where('c.id', '=', contractId)
    .executeTakeFirst()
  return { symbol: row?.symbol ?? '…', date: row?.signed_at ?? null }
}

async function decisionModel(db: DB, changeId: string, number: number | null, now: Date, signer?: SignerLines): Promise<DocumentModel | null> {
  const change = await db.selectFrom('contract_changes').selectAll().where('id', '=', changeId).executeTakeFirst()
  if (!change || !(change.state === 'approved' || change.state === 'rejected' || change.state === 'decided')) return null
  const c = (await contractById(db, change.contract_id))!
  const app = await db.selectFrom('applications as a').innerJoin('organisations as o', 'o.id', 'a.organisation_id').select(['a.title', 'a.reference', 'o.name']).where('a.id', '=', c.applicationId).executeTakeFirstOrThrow()
  const fund = withSigner(fundForDocuments(await getFundSettings(db)), signer)
  const model = changeDecision({
    fund,
    number: number ?? 0,
    date: now,
    approved: change.state !== 'rejected',
    task: { title: app.title, reference: app.reference ?? '' },
    organisation: app.name,
    contract: await contractSymbol(db, c.id),
    requestedOn: change.requested_at,
    reasons: change.reasons,
    facts: factsOf(change.details as unknown as StoredDetails, c),
    note: change.decision_note,
    legalBases: await legalBasesFor(db, basisKindOf(c.modality)),
  })
  return number === null ? blankNumber(model) : model
}

/** The decision (or refusal) as it would be signed now, unnumbered, for the director to read. */
export async function previewChangeDecision(db: DB, changeId: string, now = new Date()): Promise<Uint8Array | null> {
  const model = await decisionModel(db, changeId, null, now)
  return model ? renderDocument(model) : null
}

export type IssueChangeDecisionResult = { ok: true; document: IssuedDocument; already: boolean } | { ok: false; reason: 'not_found' | 'changed' }

/**
 * The director signs the answer (in the signing transaction): numbered (a decision "QĐ" when approved, a notice
 * "TB" when refused), signed, stored with the contract; the change decided (or refused) by them, and the grantee
 * told with the signed PDF attached.
 */
export async function issueChangeDecisionIn(trx: DB, storage: FileStorage, input: { changeId: string; actor: Actor; ip?: string | null; now: Date; signing: Signing }): Promise<IssueChangeDecisionResult> {
  const found = await lockedChange(trx, input.changeId)
  if (!found) return { ok: false, reason: 'not_found' }
  const { change, task } = found
  if (change.decided_at && change.decision_document_id) {
    const row = await documentsQuery(trx).where('d.id', '=', change.decision_document_id).executeTakeFirstOrThrow()
    return { ok: true, document: toIssuedDocument(row), already: true }
  }
  if (!(change.state === 'approved' || change.state === 'rejected')) return { ok: false, reason: 'changed' }
  const approved = change.state === 'approved'
  const register = await takeNumber(trx, {
    type: approved ? 'decision' : 'notice',
    title: `${approved ? 'Quyết định điều chỉnh nhiệm vụ' : 'Thông báo không chấp thuận điều chỉnh nhiệm vụ'}: ${task.title}`,
    subjectType: 'application',
    subjectId: task.id,
    actor: input.actor,
    now: input.now,
    ip: input.ip,
  })
  const { party } = input.signing
  const model = (await decisionModel(trx, change.id, register.number, input.now, { name: party.user.fullName, capacity: party.capacity, authority: party.authority }))!
  const { document, pdf } = await signAndStore(trx, storage, {
    register,
    kind: 'change_decision',
    model,
    prefix: approved ? 'Quyet-dinh-dieu-chinh-' : 'Thong-bao-dieu-chinh-',
    applicationId: task.id,
    callId: task.call_id,
    actor: input.actor,
    now: input.now,
    signing: input.signing,
  })
  await trx.updateTable('documents').set({ contract_id: task.contract_id }).where('id', '=', document.id).execute()
  await trx
    .updateTable('contract_changes')
    .set({ state: approved ? 'decided' : 'rejected', decided_by: party.user.id, decided_at: input.now, decision_document_id: document.id })
    .where('id', '=', change.id)
    .execute()
  await recordAudit(trx, { action: 'contract.change_decided', actor: input.actor, subjectType: 'application', subjectId: task.id, ip: input.ip, details: { change: change.id, kind: change.kind, approved, symbol: register.symbol } })
  for (const p of await applicantRecipients(trx, task.organisation_id)) {
    await enqueueEmail(trx, {
      template: 'contract_change_decided',
      to: { address: p.email, name: p.fullName },
      lang: p.lang,
      data: { name: p.fullName, kind: change.kind, approved, reference: task.reference ?? '', applicationTitle: task.title, note: change.decision_note, link: `${input.signing.appUrl}/tasks/${task.id}/changes` },
      attachments: [{ filename: document.filename, contentType: 'application/pdf', content: pdf }],
    })
  }
  return { ok: true, document, already: false }
}

/** The changes of a contract, newest first, each with its decision, its amendment and any request waiting for a signature. */
export async function listChanges(db: DB, contractId: string): Promise<ChangeView[]> {
  const rows = await db
    .selectFrom('contract_changes as x')
    .leftJoin('users as r', 'r.id', 'x.requested_by')
    .leftJoin('users as d', 'd.id', 'x.decided_by')
    .selectAll('x')
    .select(['r.full_name as requested_name', 'd.full_name as decided_name'])
    .where('x.contract_id', '=', contractId)
    .orderBy('x.requested_at', 'desc')
    .execute()
  if (rows.length === 0) return []
  const c = await contractById(db, contractId)
  const amendments = await db.selectFrom('contract_amendments').selectAll().where('contract_id', '=', contractId).execute()
  const ids = [...rows.map((r) => r.id), ...amendments.map((a) => a.id)]
  const pending = await db.selectFrom('signature_requests').select(['id', 'subject_id']).where('subject_id', 'in', ids).where('state', '=', 'pending').execute()
  const docIds = [...rows.map((r) => r.decision_document_id), ...amendments.map((a) => a.document_id)].filter((x): x is string => !!x)
  const docs = docIds.length ? await documentsQuery(db).where('d.id', 'in', docIds).execute() : []
  const docOf = (id: string | null) => {
    const d = id ? docs.find((x) => x.id === id) : undefined
    return d ? { id: d.id, symbol: d.symbol } : null
  }
  const requestOf = (id: string) => pending.find((p) => p.subject_id === id)?.id ?? null
  return rows.map((r) => {
    const facts = factsOf(r.details as unknown as StoredDetails, c ?? undefined)
    const a = amendments.find((x) => x.change_id === r.id)
    return {
      id: r.id,
      kind: r.kind,
      state: r.state,
      reasons: r.reasons,
      facts,
      requestedAt: r.requested_at,
      requestedBy: r.requested_name,
      decidedAt: r.decided_at,
      decidedBy: r.decided_name,
      decisionNote: r.decision_note,
      decisionDocument: docOf(r.decision_document_id),
      signatureRequestId: requestOf(r.id),
      amendment: a
        ? {
            id: a.id,
            seq: a.seq,
            status: a.status,
            articles: amendmentArticles(facts),
            acceptedAt: a.accepted_at,
            acceptedName: a.accepted_name,
            acceptedPosition: a.accepted_position,
            signedAt: a.signed_at,
            document: docOf(a.document_id),
            signatureRequestId: requestOf(a.id),
          }
        : null,
    }
  })
}
