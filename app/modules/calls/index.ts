import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { Call } from '../../../db/schema'

export { type CallPhase, callPhase } from './phase'
export {
  type ApplicantType,
  type EligibilityAnswers,
  type EligibilityReason,
  type EligibilityResult,
  evaluateEligibility,
} from './eligibility'
export {
  eligibilityCookie,
  eligibilityCookieName,
  getPublicCall,
  isCallCode,
  listPublicFields,
  listPublishedCalls,
  PHASES,
  type PublicCall,
  type PublicCallFilter,
  type PublicCallSummary,
  readEligibilityAnswers,
  requirePublicCall,
} from './public'

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
export { closeCall, createCall, extendDeadline, getCallForStaff, listCallsForStaff, listRubrics, missingForPublication, publishCall, updateDraftCall, CALL_STATUSES, type StaffCall, type StaffCallRow } from './manage'
export { MODALITIES } from './schemas'
