import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { ContractTerms } from '../../../db/schema'
import { amendmentArticles } from '../../../templates/change-decision'
import { formatDateTime } from '../../i18n/format'
import type { FileStorage } from '../applications'
import { recordAudit } from '../audit'
import { documentsQuery, type IssuedDocument, toIssuedDocument } from '../decisions/documents'
import { fundForDocuments, type SignerLines, withSigner } from '../decisions/issue'
import { takeNumber } from '../decisions/register'
import { type Signing, signAndStore } from '../decisions/signing'
import { type DocumentModel, renderDocument } from '../documents/layout'
import { getFundSettings } from '../fund'
import { enqueueEmail } from '../notifications'
import { drawReportSchedule } from '../reports/draw'
import { applicantRecipients, applyTransitionIn, officeRecipients } from '../workflow'
import { acceptAmendmentSchema } from './change-schemas'
import { type ChangeOutcome, contractBudget, contractSymbol, factsOf, type StoredDetails } from './changes'
import { amendment, mailGrantee } from './document'
import { isRepresentative } from './draft'
import { contractById } from './read'

// The amendment (phụ lục hợp đồng) a decided change becomes (ADR 025): drafted by the office from the change and
// proposed to the grantee at once; accepted in the portal by its legal representative, as the contract was;
// signed by the Fund through a request (decisions/requests.ts, kind 'amendment'), numbered "PLHĐ". Signing it
// applies its change to the contract in the same transaction: the end date (the report schedule follows it, and
// tranches due on or after the old end move with it), the category budgets, the investigator, the host, a
// suspension; a termination ends the contract and moves the task to `failed`, toward its liquidation.

type Actor = { id: string; email: string; fullName?: string }

const fail = (status: 400 | 403 | 404 | 409, errors: Record<string, string>): ChangeOutcome => ({ ok: false, status, errors })

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const dayDiff = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

async function taskOfContract(db: DB, contractId: string) {
  return db
    .selectFrom('contracts as c')
    .innerJoin('applications as a', 'a.id', 'c.application_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.reference', 'a.title', 'a.organisation_id', 'a.call_id', 'a.status', 'o.name as organisation', 'o.address_line', 'o.identifier', 'o.legal_rep_name', 'o.legal_rep_title', 'o.phone', 'o.email'])
    .where('c.id', '=', contractId)
    .executeTakeFirstOrThrow()
}

/** The office drafts the amendment of a decided change and proposes it to the grantee, who is told by mail. */
export async function draftAmendment(
  db: DB,
  input: { applicationId: string; changeId: string; actor: Actor & { roles: readonly string[] }; appUrl: string; ip?: string | null; now?: Date },
): Promise<ChangeOutcome> {
  if (!input.actor.roles.includes('staff')) return fail(403, { form: 'changes.e.office' })
  if (!UUID.test(input.changeId)) return fail(404, { form: 'changes.e.notFound' })
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx): Promise<ChangeOutcome> => {
    const change = await trx.selectFrom('contract_changes').selectAll().where('id', '=', input.changeId).forUpdate().executeTakeFirst()
    if (!change) return fail(404, { form: 'changes.e.notFound' })
    const task = await taskOfContract(trx, change.contract_id)
    if (task.id !== input.applicationId) return fail(404, { form: 'changes.e.notFound' })
    if (change.state !== 'decided') return fail(409, { form: 'changes.e.state' })
    if (await trx.selectFrom('contract_amendments').select('id').where('change_id', '=', change.id).executeTakeFirst()) return fail(409, { form: 'changes.e.state' })
    await sql`SELECT id FROM contracts WHERE id = ${change.contract_id} FOR UPDATE`.execute(trx)
    const last = await trx.selectFrom('contract_amendments').select(sql<number>`coalesce(max(seq), 0)`.as('seq')).where('contract_id', '=', change.contract_id).executeTakeFirstOrThrow()
    const c = (await contractById(trx, change.contract_id))!
    const facts = factsOf(change.details as unknown as StoredDetails, c)
    const row = await trx
      .insertInto('contract_amendments')
      .values({ contract_id: change.contract_id, change_id: change.id, seq: Number(last.seq) + 1, changes: facts as unknown as Record<string, unknown>, created_at: now })
      .returning(['id', 'seq'])
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { action: 'contract.amendment_proposed', actor: input.actor, subjectType: 'application', subjectId: task.id, ip: input.ip, details: { change: change.id, amendment: row.id, seq: row.seq } })
    for (const p of await applicantRecipients(trx, task.organisation_id)) {
      await enqueueEmail(trx, {
        template: 'contract_change_step',
        to: { address: p.email, name: p.fullName },
        lang: p.lang,
        data: { name: p.fullName, step: 'amendment_proposed', kind: change.kind, reference: task.reference ?? '', applicationTitle: task.title, by: '', link: `${input.appUrl}/tasks/${task.id}/changes#amendment-${row.id}` },
      })
    }
    return { ok: true, id: row.id }
  })
}

/** The grantee's legal representative accepts the proposed amendment; the office is told to send it for signature. */
export async function acceptAmendment(
  db: DB,
  input: { applicationId: string; user: Actor & { fullName: string }; form: Record<string, unknown>; appUrl: string; ip?: string | null; now?: Date },
): Promise<ChangeOutcome> {
  const parsed = acceptAmendmentSchema.safeParse(input.form)
  if (!parsed.success) {
    const errors: Record<string, string> = {}
    for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message
    return fail(400, errors)
  }
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx): Promise<ChangeOutcome> => {
    const a = await trx.selectFrom('contract_amendments').selectAll().where('id', '=', parsed.data.amendmentId).forUpdate().executeTakeFirst()
    if (!a) return fail(404, { form: 'changes.e.notFound' })
    const task = await taskOfContract(trx, a.contract_id)
    if (task.id !== input.applicationId) return fail(404, { form: 'changes.e.notFound' })
    if (!(await isRepresentative(trx, task.id, input.user.id))) return fail(403, { form: 'contracts.e.not_representative' })
    if (a.status !== 'proposed') return fail(409, { form: 'changes.e.state' })
    await trx
      .updateTable('contract_amendments')
      .set({ status: 'accepted', accepted_at: now, accepted_by: input.user.id, accepted_name: input.user.fullName, accepted_position: parsed.data.position })
      .where('id', '=', a.id)
      .execute()
    await recordAudit(trx, { action: 'contract.amendment_accepted', actor: input.user, subjectType: 'application', subjectId: task.id, ip: input.ip, details: { amendment: a.id, seq: a.seq, position: parsed.data.position } })
    for (const p of await officeRecipients(trx)) {
      await enqueueEmail(trx, {
        template: 'contract_accepted',
        to: { address: p.email, name: p.fullName },
        lang: p.lang,
        data: { name: p.fullName, kind: 'amendment', reference: task.reference ?? '', applicationTitle: task.title, by: input.user.fullName, at: formatDateTime(now, p.lang), link: `${input.appUrl}/staff/tasks/${task.id}/changes#amendment-${a.id}` },
      })
    }
    return { ok: true, id: a.id }
  })
}

/** What a signature request for an amendment names: due once the grantee accepted it and until it is signed. */
export async function amendmentDue(trx: DB, amendmentId: string) {
  const a = await trx.selectFrom('contract_amendments').select(['id', 'contract_id', 'seq', 'status']).where('id', '=', amendmentId).forUpdate().executeTakeFirst()
  if (!a) return null
  const task = await taskOfContract(trx, a.contract_id)
  const seq = a.seq < 10 ? `0${a.seq}` : String(a.seq)
  return { due: a.status === 'accepted', applicationId: task.id, callId: task.call_id, title: `Phụ lục hợp đồng số ${seq}: ${task.reference ? `${task.reference} – ` : ''}${task.title}` }
}

async function amendmentModel(db: DB, amendmentId: string, number: number | null, now: Date, signer?: SignerLines): Promise<DocumentModel | null> {
  const a = await db.selectFrom('contract_amendments').selectAll().where('id', '=', amendmentId).executeTakeFirst()
  if (!a) return null
  const change = await db.selectFrom('contract_changes').select(['decision_document_id']).where('id', '=', a.change_id).executeTakeFirstOrThrow()
  const decision = change.decision_document_id
    ? await db.selectFrom('documents as d').innerJoin('document_register as r', 'r.id', 'd.register_id').select(['r.symbol', 'r.issued_at']).where('d.id', '=', change.decision_document_id).executeTakeFirst()
    : undefined
  const task = await taskOfContract(db, a.contract_id)
  const contract = await contractSymbol(db, a.contract_id)
  const fund = withSigner(fundForDocuments(await getFundSettings(db)), signer)
  return amendment({
    fund,
    number,
    date: now,
    seq: a.seq,
    contract: { symbol: contract.symbol, date: contract.date ?? now, title: task.title },
    decision: decision ? { symbol: decision.symbol, date: decision.issued_at } : null,
    grantee: { name: task.organisation, address: task.address_line, identifier: task.identifier, representative: task.legal_rep_name, position: a.accepted_position ?? task.legal_rep_title, phone: task.phone, email: task.email },
    changes: amendmentArticles(a.changes as unknown as ReturnType<typeof factsOf>),
    acceptance: a.accepted_at ? { name: a.accepted_name ?? '', position: a.accepted_position ?? '', at: a.accepted_at } : null,
  })
}

/** The amendment as it would be signed now, unnumbered (the grantee's, the office's and the signer's preview). */
export async function previewAmendment(db: DB, amendmentId: string, now = new Date()): Promise<Uint8Array | null> {
  const model = await amendmentModel(db, amendmentId, null, now)
  return model ? renderDocument(model) : null
}

export type IssueAmendmentResult = { ok: true; document: IssuedDocument; already: boolean } | { ok: false; reason: 'not_found' | 'changed' }

/**
 * The Fund signs the amendment (in the signing transaction): numbered "PLHĐ", signed, stored with the contract;
 * its change applied to the contract; the change amended; the grantee gets the PDF. A termination moves the task
 * to `failed` through the machine, in the same transaction.
 */
export async function issueAmendmentIn(trx: DB, storage: FileStorage, input: { amendmentId: string; actor: Actor; ip?: string | null; now: Date; signing: Signing }): Promise<IssueAmendmentResult> {
  const a = await trx.selectFrom('contract_amendments').selectAll().where('id', '=', input.amendmentId).forUpdate().executeTakeFirst()
  if (!a) return { ok: false, reason: 'not_found' }
  if (a.status === 'signed' && a.document_id) {
    const row = await documentsQuery(trx).where('d.id', '=', a.document_id).executeTakeFirstOrThrow()
    return { ok: true, document: toIssuedDocument(row), already: true }
  }
  if (a.status !== 'accepted') return { ok: false, reason: 'changed' }
  await sql`SELECT id FROM contracts WHERE id = ${a.contract_id} FOR UPDATE`.execute(trx)
  const task = await taskOfContract(trx, a.contract_id)
  const change = await trx.selectFrom('contract_changes').selectAll().where('id', '=', a.change_id).forUpdate().executeTakeFirstOrThrow()
  const register = await takeNumber(trx, { type: 'amendment', title: `Phụ lục hợp đồng: ${task.title}`, subjectType: 'application', subjectId: task.id, actor: input.actor, now: input.now, ip: input.ip })
  const { party } = input.signing
  const model = (await amendmentModel(trx, a.id, register.number, input.now, { name: party.user.fullName, capacity: party.capacity, authority: party.authority }))!
  const { document, pdf } = await signAndStore(trx, storage, { register, kind: 'amendment', model, prefix: 'Phu-luc-hop-dong-', applicationId: task.id, callId: task.call_id, actor: input.actor, now: input.now, signing: input.signing })
  await trx.updateTable('documents').set({ contract_id: a.contract_id }).where('id', '=', document.id).execute()
  await trx.updateTable('contract_amendments').set({ status: 'signed', signed_at: input.now, document_id: document.id }).where('id', '=', a.id).execute()
  await trx.updateTable('contract_changes').set({ state: 'amended' }).where('id', '=', change.id).execute()
  const applied = await applyToContract(trx, a.contract_id, change.details as unknown as StoredDetails, input.now)
  // Once the work has started the report schedule follows the amended contract, in this transaction (an
  // extension adds or moves the reports nobody has sent yet); before, start_work draws it from the amended dates.
  if (task.status === 'in_progress') await drawReportSchedule(trx, a.contract_id)
  await recordAudit(trx, { action: 'contract.amended', actor: input.actor, subjectType: 'application', subjectId: task.id, ip: input.ip, details: { amendment: a.id, change: change.id, kind: change.kind, symbol: register.symbol, applied } })
  if (change.kind === 'termination') {
    const moved = await applyTransitionIn(trx, {
      applicationId: task.id,
      event: 'terminate',
      actor: { id: party.user.id, email: input.actor.email, fullName: party.user.fullName },
      as: 'director',
      input: { reasons: `Chấm dứt hợp đồng theo Phụ lục số ${register.symbol}: ${change.reasons}`.slice(0, 5000) },
      lang: 'vi',
      appUrl: input.signing.appUrl,
      ip: input.ip,
      now: input.now,
    })
    // The signer is the director who decided it; a refusal here means the task moved on meanwhile: sign nothing.
    if (!moved.ok) throw new Error(`the termination of ${task.id} was refused by the machine: ${moved.reason}`)
  }
  await mailGrantee(trx, { app: task, kind: 'amendment', document, pdf, appUrl: input.signing.appUrl })
  return { ok: true, document, already: false }
}

/** Writes the change into the contract (ADR 025); returns what changed, for the audit. */
async function applyToContract(trx: DB, contractId: string, details: StoredDetails, now: Date): Promise<Record<string, unknown>> {
  const c = (await contractById(trx, contractId))!
  const terms = { ...(c.terms as Record<string, unknown>) }
  const bump = { version: sql<number>`version + 1`, updated_at: now }
  switch (details.kind) {
    case 'extension': {
      const shift = dayDiff(c.endsOn, details.endsOn)
      await trx.updateTable('contracts').set({ ends_on: details.endsOn, ...bump }).where('id', '=', c.id).execute()
      const moved = c.tranches.filter((t) => t.dueOn && t.dueOn >= c.endsOn)
      for (const t of moved) await trx.updateTable('contract_tranches').set({ due_on: addDays(t.dueOn!, shift) }).where('id', '=', t.id).execute()
      return { endsOn: [c.endsOn, details.endsOn], tranchesMoved: moved.map((t) => t.seq) }
    }
    case 'budget_move': {
      const budget = await contractBudget(trx, c)
      budget[details.from] -= details.amount
      budget[details.to] += details.amount
      terms.budget = budget
      await trx.updateTable('contracts').set({ terms: terms as ContractTerms, ...bump }).where('id', '=', c.id).execute()
      return { budget }
    }
    case 'investigator':
      terms.investigator = details.name
      terms.investigatorId = details.idNumber
      await trx.updateTable('contracts').set({ terms: terms as ContractTerms, ...bump }).where('id', '=', c.id).execute()
      return { investigator: details.name }
    case 'host':
      terms.host = { name: details.name, identifier: details.identifier }
      await trx.updateTable('contracts').set({ terms: terms as ContractTerms, ...bump }).where('id', '=', c.id).execute()
      return { host: terms.host }
    case 'suspension': {
      const prior = Array.isArray(terms.suspensions) ? (terms.suspensions as unknown[]) : []
      terms.suspensions = [...prior, { from: details.from, until: details.until }]
      await trx.updateTable('contracts').set({ terms: terms as ContractTerms, ...bump }).where('id', '=', c.id).execute()
      return { suspension: { from: details.from, until: details.until } }
    }
    case 'termination':
      await trx.updateTable('contracts').set({ status: 'terminated', ...bump }).where('id', '=', c.id).execute()
      return { status: 'terminated' }
  }
}

/** The suspensions an amendment recorded on the contract (terms.suspensions). */
export function suspensionsOf(terms: ContractTerms): { from: string; until: string }[] {
  const s = (terms as { suspensions?: unknown }).suspensions
  return Array.isArray(s) ? (s as { from: string; until: string }[]) : []
}
