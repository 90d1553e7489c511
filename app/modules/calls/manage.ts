import { sql, type Transaction } from 'kysely'
import type { DB } from '../../../db'
import type { Call, CallDocument, CallStatus, Database } from '../../../db/schema'
import type { MessageKey } from '../../i18n'
import { recordAudit } from '../audit'
import { CALL_STATUSES, type CallInput } from './schemas'

export { CALL_STATUSES }

// The staff side of calls: drafts, publishing, closing and extending the deadline. Every change runs in one
// transaction with its audit entry. Once published, a call's rules are frozen: applicants rely on them.

type Trx = Transaction<Database>
type Actor = { id: string; email: string }
type Meta = { ip: string | null }


export interface StaffCallRow {
  id: string
  code: string
  status: CallStatus
  title_vi: string
  title_en: string
  opens_at: Date
  closes_at: Date
  grace_minutes: number
  documents: number
  questions: number
}

/** Every call, whatever its status, the latest closing first; with the number of calls in each status. */
export async function listCallsForStaff(db: DB, filter: { status?: CallStatus; page?: number; pageSize?: number } = {}) {
  const pageSize = filter.pageSize ?? 50
  const page = Math.max(1, filter.page ?? 1)
  let q = db.selectFrom('calls')
  if (filter.status) q = q.where('status', '=', filter.status)
  const [rows, total, byStatus] = await Promise.all([
    q
      .select(['id', 'code', 'status', 'title_vi', 'title_en', 'opens_at', 'closes_at', 'grace_minutes'])
      .select((eb) => [
        eb.selectFrom('call_documents as d').whereRef('d.call_id', '=', 'calls.id').select((e) => e.fn.countAll<number>().as('n')).as('documents'),
        sql<number>`jsonb_array_length(eligibility_questions)`.as('questions'),
      ])
      .orderBy('closes_at', 'desc')
      .orderBy('code')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('calls').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute(),
  ])
  const counts = Object.fromEntries(CALL_STATUSES.map((s) => [s, 0])) as Record<CallStatus, number>
  for (const r of byStatus) counts[r.status] = Number(r.n)
  return {
    rows: rows.map((r) => ({ ...r, documents: Number(r.documents ?? 0), questions: Number(r.questions) })) as StaffCallRow[],
    total: Number(total.n),
    counts,
  }
}

export interface StaffCall extends Call {
  documents: CallDocument[]
  rubric: { id: number; code: string; name_vi: string; name_en: string } | null
}

async function loadCall(db: DB | Trx, id: string, lock = false): Promise<StaffCall | null> {
  let q = db.selectFrom('calls').selectAll().where('id', '=', id)
  if (lock) q = q.forUpdate()
  const call = await q.executeTakeFirst()
  if (!call) return null
  const [documents, rubric] = await Promise.all([
    db.selectFrom('call_documents').selectAll().where('call_id', '=', id).orderBy('position').execute(),
    call.rubric_id === null ? undefined : db.selectFrom('rubrics').select(['id', 'code', 'name_vi', 'name_en']).where('id', '=', call.rubric_id).executeTakeFirst(),
  ])
  return { ...call, documents, rubric: rubric ?? null }
}

/** One call with its documents and rubric, for staff; null when there is no such call. */
export function getCallForStaff(db: DB, id: string): Promise<StaffCall | null> {
  return loadCall(db, id)
}

export async function listRubrics(db: DB) {
  return db.selectFrom('rubrics').select(['id', 'code', 'name_vi', 'name_en']).orderBy('id').execute()
}

export type SaveResult = { ok: true; id: string } | { ok: false; field: 'code' | 'rubric_id' | 'form'; error: MessageKey }

async function checkInput(trx: Trx, input: CallInput, exceptId?: string): Promise<SaveResult | null> {
  let taken = trx.selectFrom('calls').select('id').where(sql`upper(code)`, '=', input.code.toUpperCase())
  if (exceptId) taken = taken.where('id', '<>', exceptId)
  if (await taken.executeTakeFirst()) return { ok: false, field: 'code', error: 'staff.v.code.taken' }
  if (input.rubric_id !== null && !(await trx.selectFrom('rubrics').select('id').where('id', '=', input.rubric_id).executeTakeFirst())) {
    return { ok: false, field: 'rubric_id', error: 'staff.v.rubric.invalid' }
  }
  return null
}

function columns(input: CallInput) {
  const { documents: _documents, ...rest } = input
  return rest
}

async function writeDocuments(trx: Trx, callId: string, input: CallInput) {
  await trx.deleteFrom('call_documents').where('call_id', '=', callId).execute()
  if (input.documents.length === 0) return
  await trx
    .insertInto('call_documents')
    .values(input.documents.map((d, i) => ({ call_id: callId, position: i + 1, ...d })))
    .execute()
}

const isUniqueViolation = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505'

/** A new call, as a draft: nobody outside the staff sees it until it is published. */
export async function createCall(db: DB, actor: Actor, input: CallInput, meta: Meta): Promise<SaveResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const problem = await checkInput(trx, input)
      if (problem) return problem
      const { id } = await trx
        .insertInto('calls')
        .values({ ...columns(input), status: 'draft', created_by: actor.id })
        .returning('id')
        .executeTakeFirstOrThrow()
      await writeDocuments(trx, id, input)
      await recordAudit(trx, { action: 'call.created', actor, subjectType: 'call', subjectId: id, ip: meta.ip, details: { code: input.code } })
      return { ok: true as const, id }
    })
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, field: 'code', error: 'staff.v.code.taken' }
    throw e
  }
}

export type UpdateResult = SaveResult | { ok: false; field: 'form'; error: 'staff.error.notDraft' | 'staff.error.notFound'; status: 404 | 409 }

/** Replaces a draft's content. A published or closed call is refused: its rules no longer change. */
export async function updateDraftCall(db: DB, actor: Actor, id: string, input: CallInput, meta: Meta): Promise<UpdateResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('calls').select(['status']).where('id', '=', id).forUpdate().executeTakeFirst()
      if (!current) return { ok: false as const, field: 'form' as const, error: 'staff.error.notFound' as const, status: 404 as const }
      if (current.status !== 'draft') return { ok: false as const, field: 'form' as const, error: 'staff.error.notDraft' as const, status: 409 as const }
      const problem = await checkInput(trx, input, id)
      if (problem) return problem
      await trx
        .updateTable('calls')
        .set({ ...columns(input), updated_at: new Date() })
        .where('id', '=', id)
        .execute()
      await writeDocuments(trx, id, input)
      await recordAudit(trx, { action: 'call.updated', actor, subjectType: 'call', subjectId: id, ip: meta.ip, details: { code: input.code } })
      return { ok: true as const, id }
    })
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, field: 'code', error: 'staff.v.code.taken' }
    throw e
  }
}

/** What a call still lacks before it can be published, as catalogue keys (empty when it is complete). */
export function missingForPublication(call: StaffCall, now = new Date()): MessageKey[] {
  const missing: MessageKey[] = []
  for (const field of ['title_vi', 'title_en', 'summary_vi', 'summary_en', 'description_vi', 'description_en'] as const) {
    if (!call[field].trim()) missing.push(`staff.missing.${field}`)
  }
  if (call.eligible_types.length === 0) missing.push('staff.missing.eligibleTypes')
  if (!call.documents.some((d) => d.mandatory)) missing.push('staff.missing.mandatoryDocument')
  if (!call.rubric) missing.push('staff.missing.rubric')
  if (call.closes_at <= call.opens_at) missing.push('staff.missing.closesAfterOpens')
  if (call.closes_at <= now) missing.push('staff.missing.closesInFuture')
  return missing
}

export type TransitionError = 'staff.error.notFound' | 'staff.error.notDraft' | 'staff.error.notPublished'
export type PublishResult = { ok: true } | { ok: false; error: TransitionError; missing?: undefined } | { ok: false; error: 'staff.error.incomplete'; missing: MessageKey[] }

/** Publishes a complete draft; an incomplete one is refused with the list of what is missing. */
export async function publishCall(db: DB, actor: Actor, id: string, meta: Meta, now = new Date()): Promise<PublishResult> {
  return db.transaction().execute(async (trx): Promise<PublishResult> => {
    const call = await loadCall(trx, id, true)
    if (!call) return { ok: false, error: 'staff.error.notFound' }
    if (call.status !== 'draft') return { ok: false, error: 'staff.error.notDraft' }
    const missing = missingForPublication(call, now)
    if (missing.length > 0) return { ok: false, error: 'staff.error.incomplete', missing }
    await trx.updateTable('calls').set({ status: 'published', published_at: now, updated_at: now }).where('id', '=', id).execute()
    await recordAudit(trx, {
      action: 'call.published',
      actor,
      subjectType: 'call',
      subjectId: id,
      ip: meta.ip,
      details: { code: call.code, opens_at: call.opens_at.toISOString(), closes_at: call.closes_at.toISOString() },
    })
    return { ok: true }
  })
}

/** Stops a published call taking applications, now. */
export async function closeCall(db: DB, actor: Actor, id: string, meta: Meta, now = new Date()): Promise<{ ok: true } | { ok: false; error: TransitionError }> {
  return db.transaction().execute(async (trx) => {
    const call = await trx.selectFrom('calls').select(['status', 'code', 'closes_at']).where('id', '=', id).forUpdate().executeTakeFirst()
    if (!call) return { ok: false as const, error: 'staff.error.notFound' as const }
    if (call.status !== 'published') return { ok: false as const, error: 'staff.error.notPublished' as const }
    await trx.updateTable('calls').set({ status: 'closed', closed_at: now, updated_at: now }).where('id', '=', id).execute()
    await recordAudit(trx, {
      action: 'call.closed',
      actor,
      subjectType: 'call',
      subjectId: id,
      ip: meta.ip,
      details: { code: call.code, closes_at: call.closes_at.toISOString(), closed_before_deadline: now < call.closes_at },
    })
    return { ok: true as const }
  })
}

export type ExtendResult =
  | { ok: true }
  | { ok: false; error: TransitionError }
  | { ok: false; error: 'staff.v.extend.notLater' | 'staff.v.extend.inPast'; field: 'new_date' }
  | { ok: false; error: 'staff.v.extend.graceLower'; field: 'grace_minutes' }

/**
 * Moves a published call's deadline later (the only change its rules allow), with the reason; the grace
 * minutes may stay or grow. The audit entry keeps the old and new times and the reason.
 */
export async function extendDeadline(
  db: DB,
  actor: Actor,
  id: string,
  input: { closes_at: Date; grace_minutes: number; reason: string },
  meta: Meta,
  now = new Date(),
): Promise<ExtendResult> {
  return db.transaction().execute(async (trx): Promise<ExtendResult> => {
    const call = await trx.selectFrom('calls').select(['status', 'code', 'closes_at', 'grace_minutes']).where('id', '=', id).forUpdate().executeTakeFirst()
    if (!call) return { ok: false, error: 'staff.error.notFound' }
    if (call.status !== 'published') return { ok: false, error: 'staff.error.notPublished' }
    if (input.closes_at <= call.closes_at) return { ok: false, error: 'staff.v.extend.notLater', field: 'new_date' }
    if (input.closes_at <= now) return { ok: false, error: 'staff.v.extend.inPast', field: 'new_date' }
    if (input.grace_minutes < call.grace_minutes) return { ok: false, error: 'staff.v.extend.graceLower', field: 'grace_minutes' }
    await trx
      .updateTable('calls')
      .set({ closes_at: input.closes_at, grace_minutes: input.grace_minutes, updated_at: now })
      .where('id', '=', id)
      .execute()
    await recordAudit(trx, {
      action: 'call.deadline_extended',
      actor,
      subjectType: 'call',
      subjectId: id,
      ip: meta.ip,
      details: {
        code: call.code,
        from: call.closes_at.toISOString(),
        to: input.closes_at.toISOString(),
        grace_from: call.grace_minutes,
        grace_to: input.grace_minutes,
        reason: input.reason,
      },
    })
    return { ok: true }
  })
}
