import type { ApplicationStatus } from '../../../db/schema'

// THE status machine of an application, as data: which event moves it from which statuses to which, and who
// may cause it. Safe for the browser (no server code): the timeline and the action buttons read it, and the
// server's guards and effects (./rules.ts) hang off the same event names. Nothing else in the portal
// writes applications.status.

export const STATUSES: readonly ApplicationStatus[] = [
  'draft', 'submitted', 'screening', 'changes_requested', 'resubmitted', 'eligible', 'ineligible', 'in_review',
  'reviewed', 'recommended', 'not_recommended', 'revision', 'revised', 'appraisal', 'appraised', 'approved', 'rejected', 'contracted', 'in_progress', 'acceptance',
  'completed', 'failed', 'closed', 'withdrawn', 'cancelled',
]

/**
 * Who acts: the applicant (an owner or editor of the organisation), the fund's office, its director, and the
 * scientific secretary of the council that reviews the application (who records the council's conclusion).
 */
export type Actor = 'applicant' | 'staff' | 'director' | 'secretary'

/** Before the Fund's decision an applicant may withdraw. */
const BEFORE_DECISION: ApplicationStatus[] = [
  'draft', 'submitted', 'screening', 'changes_requested', 'resubmitted', 'eligible', 'in_review', 'reviewed',
  'recommended', 'not_recommended', 'revision', 'revised', 'appraisal', 'appraised',
]

/** Between the council's recommendation and the decision: the director may still reject. */
const BEFORE_APPROVAL: ApplicationStatus[] = ['recommended', 'not_recommended', 'revision', 'revised', 'appraisal', 'appraised']

/** After the decision the director may cancel (fraud, double funding, a missed revision deadline). */
const CANCELLABLE: ApplicationStatus[] = ['approved', 'contracted', 'in_progress']

export const TRANSITIONS = [
  { event: 'submit', from: ['draft'], to: 'submitted', by: ['applicant'] },
  { event: 'withdraw', from: BEFORE_DECISION, to: 'withdrawn', by: ['applicant'] },
  { event: 'start_screening', from: ['submitted', 'resubmitted'], to: 'screening', by: ['staff'] },
  { event: 'request_changes', from: ['screening'], to: 'changes_requested', by: ['staff'] },
  { event: 'resubmit', from: ['changes_requested'], to: 'resubmitted', by: ['applicant'] },
  { event: 'declare_eligible', from: ['screening'], to: 'eligible', by: ['staff'] },
  { event: 'declare_ineligible', from: ['screening'], to: 'ineligible', by: ['staff'] },
  { event: 'start_review', from: ['eligible'], to: 'in_review', by: ['staff'] },
  { event: 'complete_review', from: ['in_review'], to: 'reviewed', by: ['staff', 'secretary'] },
  { event: 'recommend', from: ['reviewed'], to: 'recommended', by: ['staff', 'secretary'] },
  { event: 'not_recommend', from: ['reviewed'], to: 'not_recommended', by: ['staff', 'secretary'] },
  // After the council (Circular 20/2023 Art. 11.12, 13–15): the applicant revises the dossier per its
  // conclusions, then a team appraises the costs; the director approves on the appraisal. A call whose rules
  // exempt it (calls.without_appraisal) skips each step with its reason (rules.ts).
  { event: 'request_revision', from: ['recommended'], to: 'revision', by: ['staff'] },
  { event: 'submit_revision', from: ['revision'], to: 'revised', by: ['applicant'] },
  { event: 'skip_revision', from: ['recommended'], to: 'revised', by: ['staff'] },
  { event: 'start_appraisal', from: ['revised'], to: 'appraisal', by: ['staff'] },
  { event: 'complete_appraisal', from: ['appraisal'], to: 'appraised', by: ['staff'] },
  { event: 'skip_appraisal', from: ['revised'], to: 'appraised', by: ['staff'] },
  { event: 'approve', from: ['appraised'], to: 'approved', by: ['director'] },
  { event: 'reject', from: BEFORE_APPROVAL, to: 'rejected', by: ['director'] },
  { event: 'sign_contract', from: ['approved'], to: 'contracted', by: ['staff'] },
  { event: 'start_work', from: ['contracted'], to: 'in_progress', by: ['staff'] },
  { event: 'submit_results', from: ['in_progress'], to: 'acceptance', by: ['applicant', 'staff'] },
  { event: 'pass_acceptance', from: ['acceptance'], to: 'completed', by: ['staff'] },
  { event: 'fail_acceptance', from: ['acceptance'], to: 'failed', by: ['staff'] },
  { event: 'close', from: ['completed', 'failed'], to: 'closed', by: ['staff'] },
  // A contract ended early by a signed amendment (ADR 025): the task failed and goes on to its liquidation.
  { event: 'terminate', from: ['contracted', 'in_progress'], to: 'failed', by: ['director'] },
  { event: 'cancel', from: CANCELLABLE, to: 'cancelled', by: ['director'] },
] as const satisfies readonly { event: string; from: readonly ApplicationStatus[]; to: ApplicationStatus; by: readonly Actor[] }[]

export type WorkflowEvent = (typeof TRANSITIONS)[number]['event']
export type Transition = { event: WorkflowEvent; from: readonly ApplicationStatus[]; to: ApplicationStatus; by: readonly Actor[] }

export const EVENTS: readonly WorkflowEvent[] = TRANSITIONS.map((t) => t.event)

/**
 * The steps a council takes: the council pages cause them (forming it, concluding it), after its conclusion;
 * the office only on a call decided without a council, each with its reason (rules.ts).
 */
export const COUNCIL_EVENTS = ['start_review', 'complete_review', 'recommend', 'not_recommend'] as const satisfies readonly WorkflowEvent[]
export type CouncilEvent = (typeof COUNCIL_EVENTS)[number]

export function isCouncilEvent(event: string): event is CouncilEvent {
  return (COUNCIL_EVENTS as readonly string[]).includes(event)
}

/** The steps skipped under the call's exemption (calls.without_appraisal), each with its reason. */
export const EXEMPTION_EVENTS = ['skip_revision', 'skip_appraisal'] as const satisfies readonly WorkflowEvent[]

/** Statuses nothing leaves: the end of the road, whichever road. */
export const TERMINAL: readonly ApplicationStatus[] = STATUSES.filter((s) => !TRANSITIONS.some((t) => (t.from as readonly string[]).includes(s)))

export function transitionOf(event: string): Transition | undefined {
  return (TRANSITIONS as readonly Transition[]).find((t) => t.event === event)
}

/** The status an event leads to from `status` for this actor, or why not. */
export function step(status: ApplicationStatus, event: string, actor: Actor): { ok: true; to: ApplicationStatus } | { ok: false; reason: 'unknown' | 'state' | 'role' } {
  const t = transitionOf(event)
  if (!t) return { ok: false, reason: 'unknown' }
  if (!t.from.includes(status)) return { ok: false, reason: 'state' }
  if (!t.by.includes(actor)) return { ok: false, reason: 'role' }
  return { ok: true, to: t.to }
}

/** The events an actor may cause from a status (the buttons a page offers). */
export function eventsFor(status: ApplicationStatus, actor: Actor): WorkflowEvent[] {
  return (TRANSITIONS as readonly Transition[]).filter((t) => t.from.includes(status) && t.by.includes(actor)).map((t) => t.event)
}

/**
 * The usual road of an application, for the timeline: each stage is reached when the application has been
 * in any of its statuses. Side exits (withdrawn, ineligible, rejected, cancelled, failed) end the road where
 * they happen.
 */
export const STAGES: readonly { key: string; statuses: readonly ApplicationStatus[] }[] = [
  { key: 'draft', statuses: ['draft'] },
  { key: 'submitted', statuses: ['submitted'] },
  { key: 'screening', statuses: ['screening', 'changes_requested', 'resubmitted'] },
  { key: 'review', statuses: ['eligible', 'in_review', 'reviewed'] },
  { key: 'council', statuses: ['recommended', 'not_recommended'] },
  { key: 'revision', statuses: ['revision', 'revised'] },
  { key: 'appraisal', statuses: ['appraisal', 'appraised'] },
  { key: 'decision', statuses: ['approved'] },
  { key: 'contract', statuses: ['contracted', 'in_progress'] },
  { key: 'acceptance', statuses: ['acceptance', 'completed'] },
  { key: 'closed', statuses: ['closed'] },
]

export type StageState = 'done' | 'current' | 'upcoming' | 'stopped'

/** A stage of an application's road now; a stopped stage names the side exit that stopped it. */
export interface StageView {
  key: string
  state: StageState
  outcome?: ApplicationStatus
}

/**
 * The timeline's stages for an application now: done, current, upcoming; or the side exit it stopped at,
 * drawn at the stage whose act it is (exitStage). `exitedFrom`: the status the side exit left. Derived from
 * the table's statuses, so a status added to the machine shows up here or fails the test.
 */
export function stagesOf(status: ApplicationStatus, exitedFrom?: ApplicationStatus | null): StageView[] {
  // Closed after failing acceptance: the road still says where it failed.
  const stop = status === 'closed' && exitedFrom === 'failed' ? { at: stageIndex('acceptance'), outcome: 'failed' as const } : null
  const at = STAGES.findIndex((s) => s.statuses.includes(status))
  const exit = at >= 0 ? -1 : exitStage(status, exitedFrom)
  const current = at >= 0 ? at : exit
  return STAGES.map((s, i) => {
    if (stop && i === stop.at) return { key: s.key, state: 'stopped', outcome: stop.outcome }
    if (i < current) return { key: s.key, state: 'done' }
    if (i > current) return { key: s.key, state: 'upcoming' }
    if (at < 0) return { key: s.key, state: 'stopped', outcome: status }
    return { key: s.key, state: TERMINAL.includes(status) ? 'done' : 'current' }
  })
}

const stageIndex = (key: string) => STAGES.findIndex((s) => s.key === key)

/**
 * The stage a side exit stops the road at: the stage whose act it is. Ineligible is the screening's
 * finding; rejected is the director's decision, whatever the council concluded; cancelled ends the contract
 * and the work; failed is the acceptance's finding. A withdrawal stops where the application was.
 */
function exitStage(status: ApplicationStatus, exitedFrom?: ApplicationStatus | null): number {
  switch (status) {
    case 'withdrawn': {
      const from = exitedFrom ? STAGES.findIndex((s) => s.statuses.includes(exitedFrom)) : -1
      return from >= 0 ? from : stageIndex('submitted')
    }
    case 'ineligible':
      return stageIndex('screening')
    case 'rejected':
      return stageIndex('decision')
    case 'cancelled':
      return stageIndex('contract')
    case 'failed':
      return stageIndex('acceptance')
    default:
      return -1
  }
}
