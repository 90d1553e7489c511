import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { Call, Modality } from '../../../db/schema'
import { type CallPhase, callPhase } from './phase'
import { type EligibilityAnswers, parseAnswers } from './eligibility'

// What the public sees of calls: published and closed calls only, never drafts.

export const PHASES = ['open', 'upcoming', 'closed'] as const satisfies readonly CallPhase[]

/** A call code as it may appear in a URL; anything else is a 404 before the database is asked. */
const CODE = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,79}$/u

export function isCallCode(value: string | undefined): value is string {
  return typeof value === 'string' && CODE.test(value)
}

const PUBLIC_COLUMNS = [
  'id',
  'code',
  'status',
  'modality',
  'priority_field',
  'title_vi',
  'title_en',
  'summary_vi',
  'summary_en',
  'opens_at',
  'closes_at',
  'grace_minutes',
  'budget_total',
  'max_amount',
  'min_counterpart_pct',
  'max_duration_months',
] as const

export type PublicCallSummary = Pick<Call, (typeof PUBLIC_COLUMNS)[number]> & { phase: CallPhase }

export interface PublicCallFilter {
  field?: string
  modality?: Modality
  phase?: CallPhase
  now?: Date
}

/** The instant after which a published call takes no more applications: its deadline plus grace minutes. */
const lastMoment = sql<Date>`closes_at + make_interval(mins => grace_minutes)`

/**
 * Published and closed calls, filtered by field, modality and phase (by server time, grace minutes
 * included): open calls first by nearest deadline, then upcoming by opening, then closed, latest first.
 */
export async function listPublishedCalls(db: DB, filter: PublicCallFilter = {}): Promise<PublicCallSummary[]> {
  const now = filter.now ?? new Date()
  let query = db.selectFrom('calls').select(PUBLIC_COLUMNS).where('status', 'in', ['published', 'closed'])
  if (filter.field) query = query.where('priority_field', '=', filter.field)
  if (filter.modality) query = query.where('modality', '=', filter.modality)
  if (filter.phase === 'open') {
    query = query.where('status', '=', 'published').where('opens_at', '<=', now).where(lastMoment, '>=', now)
  } else if (filter.phase === 'upcoming') {
    query = query.where('status', '=', 'published').where('opens_at', '>', now)
  } else if (filter.phase === 'closed') {
    query = query.where((eb) => eb.or([eb('status', '=', 'closed'), eb(lastMoment, '<', now)]))
  }
  const rank = sql<number>`CASE WHEN status = 'closed' OR ${lastMoment} < ${now} THEN 2 WHEN opens_at > ${now} THEN 1 ELSE 0 END`
  const rows = await query
    .orderBy(rank)
    .orderBy(sql`CASE WHEN ${rank} = 0 THEN closes_at END`, 'asc')
    .orderBy(sql`CASE WHEN ${rank} = 1 THEN opens_at END`, 'asc')
    .orderBy('closes_at', 'desc')
    .orderBy('code')
    .limit(500)
    .execute()
  return rows.map((row) => ({ ...row, phase: callPhase(row, now) }))
}

/** The priority fields that published or closed calls use (for the filter), in code order. */
export async function listPublicFields(db: DB): Promise<string[]> {
  const rows = await db
    .selectFrom('calls')
    .select('priority_field')
    .distinct()
    .where('status', 'in', ['published', 'closed'])
    .orderBy('priority_field')
    .execute()
  return rows.map((r) => r.priority_field)
}

export interface PublicCallDocument {
  position: number
  name_vi: string
  name_en: string
  mandatory: boolean
  accepted_types: string[]
  max_size_mb: number
}

export interface PublicRubric {
  code: string
  name_vi: string
  name_en: string
  criteria: { position: number; name_vi: string; name_en: string; max_points: number }[]
  total: number
}

export type PublicCall = Omit<Call, 'created_by' | 'created_at' | 'updated_at'> & {
  phase: CallPhase
  documents: PublicCallDocument[]
  rubric: PublicRubric | null
}

/** A published or closed call with its required documents (in order) and its rubric; null for drafts and unknown codes. */
export async function getPublicCall(db: DB, code: string, now = new Date()): Promise<PublicCall | null> {
  if (!isCallCode(code)) return null
  const call = await db
    .selectFrom('calls')
    .selectAll()
    .where('code', '=', code)
    .where('status', 'in', ['published', 'closed'])
    .executeTakeFirst()
  if (!call) return null
  const { created_by: _by, created_at: _c, updated_at: _u, ...rest } = call
  const documents = await db
    .selectFrom('call_documents')
    .select(['position', 'name_vi', 'name_en', 'mandatory', 'accepted_types', 'max_size_mb'])
    .where('call_id', '=', call.id)
    .orderBy('position')
    .execute()
  let rubric: PublicRubric | null = null
  if (call.rubric_id !== null) {
    const head = await db.selectFrom('rubrics').select(['code', 'name_vi', 'name_en']).where('id', '=', call.rubric_id).executeTakeFirst()
    if (head) {
      const criteria = await db
        .selectFrom('rubric_criteria')
        .select(['position', 'name_vi', 'name_en', 'max_points'])
        .where('rubric_id', '=', call.rubric_id)
        .orderBy('position')
        .execute()
      rubric = { ...head, criteria, total: criteria.reduce((sum, c) => sum + c.max_points, 0) }
    }
  }
  return { ...rest, phase: callPhase(call, now), documents, rubric }
}

/** getPublicCall for a route's `code` parameter: throws a 404 response for drafts, unknown and malformed codes. */
export async function requirePublicCall(db: DB, code: string | undefined, now = new Date()): Promise<PublicCall> {
  const call = isCallCode(code) ? await getPublicCall(db, code, now) : null
  if (!call) throw new Response('Not found', { status: 404 })
  return call
}

/** The name of the cookie that carries a call's eligibility answers into the application. */
export function eligibilityCookieName(code: string) {
  return `eligibility_${encodeURIComponent(code)}`
}

export const ELIGIBILITY_COOKIE_MAX_AGE = 24 * 3600

/**
 * Set-Cookie for the answers of an eligible check (JSON, URI-encoded): HttpOnly, SameSite=Lax, one day,
 * Secure over https (`secure`: cookieIsSecure(env)). Without answers, the Set-Cookie that removes an earlier one.
 */
export function eligibilityCookie(code: string, answers: EligibilityAnswers | null, options: { secure: boolean }) {
  const secure = options.secure ? '; Secure' : ''
  if (!answers) return `${eligibilityCookieName(code)}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}`
  const value = encodeURIComponent(JSON.stringify(answers))
  return `${eligibilityCookieName(code)}=${value}; Path=/; Max-Age=${ELIGIBILITY_COOKIE_MAX_AGE}; HttpOnly; SameSite=Lax${secure}`
}

/** The answers of the last eligible check of this call in this browser, or null (none, expired or tampered). */
export function readEligibilityAnswers(request: Request, code: string): EligibilityAnswers | null {
  if (!isCallCode(code)) return null
  const name = eligibilityCookieName(code)
  for (const part of (request.headers.get('Cookie') ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue
    try {
      return parseAnswers(JSON.parse(decodeURIComponent(part.slice(eq + 1).trim())))
    } catch {
      return null
    }
  }
  return null
}
