import { type Kysely, sql, type Transaction } from 'kysely'
import type { AuditEntry, Database } from '../../../db/schema'
import type { AuditAction } from './actions'

type Q = Kysely<Database> | Transaction<Database>

export { AUDIT_ACTIONS, type AuditAction } from './actions'

export interface AuditInput {
  action: AuditAction
  actor?: { id: string; email: string } | null
  subjectType?: string
  subjectId?: string
  ip?: string | null
  details?: Record<string, unknown>
}

/** Appends one entry. Pass the transaction of the change it records, so both commit or neither. */
export async function recordAudit(db: Q, input: AuditInput): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(input)).execute()
}

/** The row an entry is: for a statement that appends it along with other writes (workflow/reference.ts). */
export function auditRow(input: AuditInput) {
  return {
    action: input.action,
    actor_id: input.actor?.id ?? null,
    actor_email: input.actor?.email ?? null,
    subject_type: input.subjectType ?? null,
    subject_id: input.subjectId ?? null,
    ip: input.ip ?? null,
    details: input.details ?? {},
  }
}

export interface AuditFilter {
  action?: AuditAction
  /** Part of the actor's e-mail address. */
  actor?: string
  subjectId?: string
  from?: Date
  /** Exclusive upper bound. */
  to?: Date
  page?: number
  pageSize?: number
}

export type AuditRow = AuditEntry & { subject_label: string | null }

/** Entries newest first; a user subject is labelled with the user's e-mail address. */
export async function listAudit(db: Q, filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  const pageSize = filter.pageSize ?? 50
  const page = Math.max(1, filter.page ?? 1)
  let q = db.selectFrom('audit_log')
  if (filter.action) q = q.where('action', '=', filter.action)
  if (filter.actor) q = q.where('actor_email', 'ilike', `%${filter.actor.replace(/[\\%_]/g, '\\$&')}%`)
  if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId)
  if (filter.from) q = q.where('at', '>=', filter.from)
  if (filter.to) q = q.where('at', '<', filter.to)
  const [rows, count] = await Promise.all([
    q
      .selectAll('audit_log')
      .select((eb) =>
        eb
          .selectFrom('users')
          .select('users.email')
          .where('audit_log.subject_type', '=', 'user')
          .whereRef(sql`users.id::text`, '=', 'audit_log.subject_id')
          .as('subject_label'),
      )
      .orderBy('audit_log.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}
