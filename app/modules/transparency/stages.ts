import { type RawBuilder, sql } from 'kysely'
import type { ApplicationStatus } from '../../../db/schema'

// How far an application has come, read the same way by the public statistics and the Fund's dashboard: a stage
// is reached when the history records the move into it, or when the application stands in a status that only
// comes after it on the machine's road (app/modules/workflow/machine.ts) — so a task withdrawn after its
// eligibility still counts as eligible, and one contracted counts as approved.

const POST_AWARD: readonly ApplicationStatus[] = ['contracted', 'in_progress', 'acceptance', 'completed', 'failed', 'closed']
const AFTER_RECOMMENDED: readonly ApplicationStatus[] = ['revision', 'revised', 'appraisal', 'appraised', 'approved', ...POST_AWARD]
const AFTER_REVIEWED: readonly ApplicationStatus[] = ['reviewed', 'recommended', 'not_recommended', 'rejected', ...AFTER_RECOMMENDED]

export const STAGES = {
  eligible: ['eligible', 'in_review', ...AFTER_REVIEWED],
  reviewed: AFTER_REVIEWED,
  recommended: ['recommended', ...AFTER_RECOMMENDED],
  approved: ['approved', ...POST_AWARD],
  contracted: POST_AWARD,
} as const satisfies Record<string, readonly ApplicationStatus[]>
export type Stage = keyof typeof STAGES

/** SQL: the application `a` has reached the stage. */
export function reached(stage: Stage): RawBuilder<boolean> {
  return sql<boolean>`(a.status IN (${sql.join(STAGES[stage])}) OR EXISTS (SELECT 1 FROM application_events e WHERE e.application_id = a.id AND e.to_status = ${stage}))`
}

/** SQL: the application `a` left the applicant's hands (drafts, and drafts withdrawn, never did). */
export const received = sql<boolean>`(a.submitted_at IS NOT NULL)`

/** SQL: the application's priority field (its general section's, else its call's). */
export const fieldOf = sql<string>`coalesce(nullif((SELECT g.data->>'priority_field' FROM application_sections g WHERE g.application_id = a.id AND g.key = 'general'), ''), c.priority_field)`

/** SQL: the state money awarded to an awarded application. */
export const awardedAmount = sql<number>`CASE WHEN a.status IN (${sql.join(STAGES.approved)}) THEN coalesce(a.approved_amount, 0) ELSE 0 END`
