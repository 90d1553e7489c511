import type { DB } from '../../../db'
import type { Application, Call, MemberRole } from '../../../db/schema'
import { statement } from '../../../db/statement'
import { SESSION_SQL, type SessionColumns } from '../auth'
import { callPhase } from '../calls/phase'

export type ApplicationCall = Pick<
  Call,
  'id' | 'code' | 'title_vi' | 'title_en' | 'status' | 'opens_at' | 'closes_at' | 'grace_minutes' | 'max_amount' | 'min_counterpart_pct' | 'max_duration_months' | 'modality'
>

export interface MemberApplication {
  application: Application
  call: ApplicationCall
  organisation: { id: string; name: string }
  /** The user's role in the applicant organisation. */
  role: MemberRole
  /** While the Fund asks for changes: the sections (task keys) its open request lets the applicant edit. */
  reopened: string[]
}

type MemberApplicationRow = Application & {
  role: MemberRole
  organisation_name: string
  call_code: Call['code']
  call_title_vi: Call['title_vi']
  call_title_en: Call['title_en']
  call_status: Call['status']
  call_opens_at: Call['opens_at']
  call_closes_at: Call['closes_at']
  call_grace_minutes: Call['grace_minutes']
  call_max_amount: Call['max_amount']
  call_min_counterpart_pct: Call['min_counterpart_pct']
  call_max_duration_months: Call['max_duration_months']
  call_modality: Call['modality']
}

/** The application `application` (a parameter) as its organisation's member `user` (an SQL expression) sees it. */
const memberApplicationSql = (application: string, user: string) =>
  `SELECT a.*, m.role, o.name AS organisation_name, c.code AS call_code, c.title_vi AS call_title_vi,
     c.title_en AS call_title_en, c.status AS call_status, c.opens_at AS call_opens_at, c.closes_at AS call_closes_at,
     c.grace_minutes AS call_grace_minutes, c.max_amount AS call_max_amount, c.min_counterpart_pct AS call_min_counterpart_pct,
     c.max_duration_months AS call_max_duration_months, c.modality AS call_modality
   FROM applications a
   JOIN organisation_members m ON m.organisation_id = a.organisation_id AND m.user_id = ${user}
   JOIN organisations o ON o.id = a.organisation_id
   JOIN calls c ON c.id = a.call_id
   WHERE a.id = ${application}`

// Every request on an application's pages runs it: written once (db/statement.ts, ADR 030) rather than built per call.
const memberApplication = statement<MemberApplicationRow>(memberApplicationSql('$1', '$2'))

/**
 * The deadline-day autosave's one read (ADR 030): the live session of a hash ($1) and, in the same round trip,
 * the application ($2) as the session's user sees it as a member (its columns null for anyone else).
 */
const sessionAndMemberApplication = statement<SessionColumns & (MemberApplicationRow | { [K in keyof MemberApplicationRow]: null })>(
  `SELECT ${SESSION_SQL.columns}, x.*
   FROM ${SESSION_SQL.from}
   LEFT JOIN LATERAL (${memberApplicationSql('$2', 'u.id')}) x ON true
   WHERE ${SESSION_SQL.where}`,
)

/**
 * An application as seen by a member of its organisation, or null for anyone else: callers answer 404,
 * so an application's existence is never revealed to outsiders.
 */
export async function getApplicationForMember(db: DB, applicationId: string, userId: string): Promise<MemberApplication | null> {
  const [row] = await memberApplication(db, applicationId, userId)
  return row ? memberApplicationOfRow(db, row) : null
}

/**
 * In one round trip, the live session of a hash (its row for auth's sessionUserOfRow; undefined: signed out) and
 * the application as the session's user sees it as a member (null for anyone else): what the deadline-day autosave
 * reads before it writes (ADR 030), in one statement instead of two.
 */
export async function getApplicationForSession(
  db: DB,
  applicationId: string,
  sessionHash: string,
): Promise<{ session: SessionColumns | undefined; access: MemberApplication | null }> {
  const [row] = await sessionAndMemberApplication(db, sessionHash, applicationId)
  if (!row) return { session: undefined, access: null }
  // The row is the session's columns (all named session_…) and the member's; auth reads the first from it as is.
  const member = Object.fromEntries(Object.entries(row).filter(([column]) => !column.startsWith('session_')))
  return { session: row, access: row.id === null ? null : await memberApplicationOfRow(db, member as MemberApplicationRow) }
}

async function memberApplicationOfRow(db: DB, row: MemberApplicationRow): Promise<MemberApplication> {
  const reopened = REOPENED_STATUSES.includes(row.status) ? await openRequestSections(db, row.id) : []
  const {
    role,
    organisation_name,
    call_code,
    call_title_vi,
    call_title_en,
    call_status,
    call_opens_at,
    call_closes_at,
    call_grace_minutes,
    call_max_amount,
    call_min_counterpart_pct,
    call_max_duration_months,
    call_modality,
    ...application
  } = row
  return {
    application,
    role,
    reopened,
    organisation: { id: application.organisation_id, name: organisation_name },
    call: {
      id: application.call_id,
      code: call_code,
      title_vi: call_title_vi,
      title_en: call_title_en,
      status: call_status,
      opens_at: call_opens_at,
      closes_at: call_closes_at,
      grace_minutes: call_grace_minutes,
      max_amount: call_max_amount,
      min_counterpart_pct: call_min_counterpart_pct,
      max_duration_months: call_max_duration_months,
      modality: call_modality,
    },
  }
}

/**
 * The requests that reopen sections of a submitted dossier, and the statuses they hold it in: the office's
 * request for changes at screening, and the revision after the council (issue 11), one mechanism for both.
 */
export const REOPENING_KINDS = ['change_request', 'revision_request'] as const
export const REOPENED_STATUSES: readonly string[] = ['changes_requested', 'revision']

/** The open request for changes (the latest, unresolved): when it was made and the sections it reopens. */
export async function openChangeRequest(db: DB, applicationId: string): Promise<{ createdAt: Date; sections: string[] } | undefined> {
  const request = await db
    .selectFrom('application_messages')
    .select(['created_at', 'sections'])
    .where('application_id', '=', applicationId)
    .where('kind', 'in', REOPENING_KINDS)
    .where('resolved_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return request ? { createdAt: request.created_at, sections: request.sections ?? [] } : undefined
}

/** The sections the open request for changes reopens. */
async function openRequestSections(db: DB, applicationId: string): Promise<string[]> {
  return (await openChangeRequest(db, applicationId))?.sections ?? []
}

/**
 * Whether this member may change the dossier now (one section or file slot, by its task key; or any, when
 * no key is given): editors and owners, while it is a draft and the call is open, or, while the Fund asks
 * for changes, in the sections its request reopened (the call's deadline no longer applies then).
 */
export function canEditDraft(access: MemberApplication, now = new Date(), key?: string): boolean {
  if (access.role === 'viewer') return false
  if (access.application.status === 'draft') return callPhase(access.call, now) === 'open'
  if (REOPENED_STATUSES.includes(access.application.status)) return key === undefined ? access.reopened.length > 0 : access.reopened.includes(key)
  return false
}

/**
 * Inside a transaction that changes the dossier: whether it may still change (a draft, or a section reopened
 * by the Fund's open request). The row is locked FOR UPDATE (not SHARE): the change then waits for a
 * submission in progress and is refused after it, and two changes of one application queue instead of
 * deadlocking when both move its version (dossierChanged).
 */
export async function stillDraft(trx: DB, applicationId: string, key?: string): Promise<boolean> {
  const row = await trx.selectFrom('applications').select('status').where('id', '=', applicationId).forUpdate().executeTakeFirst()
  if (row?.status === 'draft') return true
  if (!row || !REOPENED_STATUSES.includes(row.status) || key === undefined) return false
  return (await openRequestSections(trx, applicationId)).includes(key)
}

/**
 * Moves the application's version after any change to its dossier (a section, a file), so that a
 * "check your answers" page read before the change cannot submit what the applicant has not seen.
 */
export async function dossierChanged(trx: DB, applicationId: string): Promise<void> {
  await trx
    .updateTable('applications')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', applicationId)
    .execute()
}
