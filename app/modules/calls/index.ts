import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { Call } from '../../../db/schema'

export type CallPhase = 'upcoming' | 'open' | 'closed'

/** Where a published call stands at an instant: the deadline is server time, plus the call's grace minutes. */
export function callPhase(call: Pick<Call, 'opens_at' | 'closes_at' | 'grace_minutes' | 'status'>, now = new Date()): CallPhase {
  if (call.status === 'closed') return 'closed'
  if (now < call.opens_at) return 'upcoming'
  return now.getTime() <= call.closes_at.getTime() + call.grace_minutes * 60_000 ? 'open' : 'closed'
}

export type CallSummary = Pick<
  Call,
  'id' | 'code' | 'modality' | 'priority_field' | 'title_vi' | 'title_en' | 'summary_vi' | 'summary_en' | 'opens_at' | 'closes_at' | 'grace_minutes' | 'budget_total' | 'max_amount' | 'status'
>

/** Published calls accepting applications now, the nearest deadline first. */
export async function listOpenCalls(db: DB, now = new Date()): Promise<CallSummary[]> {
  return db
    .selectFrom('calls')
    .select(['id', 'code', 'modality', 'priority_field', 'title_vi', 'title_en', 'summary_vi', 'summary_en', 'opens_at', 'closes_at', 'grace_minutes', 'budget_total', 'max_amount', 'status'])
    .where('status', '=', 'published')
    .where('opens_at', '<=', now)
    .where(sql<Date>`closes_at + make_interval(mins => grace_minutes)`, '>=', now)
    .orderBy('closes_at')
    .execute()
}
