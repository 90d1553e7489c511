import { z } from 'zod'

// The rules of a review council (browser-safe, pure): the configurable numbers, the council's composition,
// the quorum of a meeting and the acceptance rating. The numbers change with the law (2023, 2025), so they
// are configuration with today's values as defaults, never constants in the checks.
// Problems are catalogue keys with the values their messages need.

/** A share such as 2/3, kept as two integers so "at least 2/3 of 7" is decided exactly, without floats. */
export interface Fraction {
  num: number
  den: number
}

const count = (min: number) => z.number().int().min(min)
const fraction = (value: Fraction) =>
  z
    .object({ num: z.number().int().min(0), den: z.number().int().min(1) })
    .refine((f) => f.num <= f.den)
    .default(value)

export const reviewRulesSchema = z
  .object({
    councilMin: count(1).default(7),
    councilMax: count(1).default(9),
    quorumFraction: fraction({ num: 2, den: 3 }),
    /** Points out of 100 (two decimals at most are meaningful). */
    passMark: z.number().min(0).max(100).default(70),
    /** Whole percent: a ballot further than this from the mean of all ballots is invalid. */
    deviationLimitPct: count(0).max(100).default(20),
    zeroScoreMaxFraction: fraction({ num: 1, den: 4 }),
    /** Whole percent added to the mean when the lead organisation also proposed the task. */
    bonusPct: count(0).max(100).default(10),
    /** Points: valid totals further apart than this are flagged for the council to discuss. */
    disagreementSpread: z.number().min(0).max(100).default(20),
    screeningWorkingDays: count(0).default(7),
    papersBeforeMeetingWorkingDays: count(0).default(7),
    reviewerReminderDays: count(0).default(3),
    opponentsPerApplication: count(0).default(2),
    acceptanceExcellentFraction: fraction({ num: 3, den: 4 }),
    acceptanceFailFraction: fraction({ num: 1, den: 3 }),
    /** Working days the grantee has to finalise the results dossier after the acceptance council's minutes. */
    acceptanceFinaliseWorkingDays: count(0).default(30),
    /** Days after the contract's end within which the grantee submits the results dossier. */
    acceptanceDossierDays: count(0).default(30),
    /** Calendar days the applicant has to revise the dossier, from the adoption (issue) of the council's minutes. */
    revisionDays: count(0).default(20),
    /** Working days within which the cost-appraisal team meets, from its forming. */
    appraisalWorkingDays: count(0).default(10),
    appraisalTeamSize: count(1).default(5),
    /** Members present for the appraisal team to decide. */
    appraisalQuorum: count(1).default(4),
    /** Working days from eligibility to the council's conclusion: the Fund's own limit (no statute sets one). */
    councilWorkingDays: count(0).default(30),
    /** Working days from the appraisal (or the council, without one) to the approval or rejection. */
    decisionWorkingDays: count(0).default(15),
    /** Calendar days a call's published results stay on the public results page before they go to the archive. */
    resultsOnlineDays: count(1).default(60),
    /** Calendar days before a progress report's due date when its reminder is mailed. */
    reportReminderDays: count(0).default(7),
    /** Calendar days past the due date after which a report not yet submitted is late. */
    reportLateAfterDays: count(0).default(0),
    /** Calendar days past the due date after which it is very late (the office is told too). */
    reportVeryLateAfterDays: count(0).default(30),
    /** Largest file (MB) a report may attach as a product. */
    reportProductMaxMb: count(1).default(20),
  })
  .refine((r) => r.councilMin <= r.councilMax, { path: ['councilMax'] })
  .refine((r) => r.opponentsPerApplication <= r.councilMin, { path: ['opponentsPerApplication'] })
  .refine((r) => r.appraisalQuorum <= r.appraisalTeamSize, { path: ['appraisalQuorum'] })
  .refine((r) => r.reportLateAfterDays < r.reportVeryLateAfterDays, { path: ['reportVeryLateAfterDays'] })

export type ReviewRules = z.infer<typeof reviewRulesSchema>

const defaults = reviewRulesSchema.parse({})
for (const value of Object.values(defaults)) if (typeof value === 'object') Object.freeze(value)
/** Today's rules; frozen, because readReviewRules shares its values. */
export const DEFAULT_REVIEW_RULES: Readonly<ReviewRules> = Object.freeze(defaults)

/**
 * The rules from stored JSON (a fund's or a call's settings): missing or invalid values take their default,
 * one field at a time, so one bad value never throws away the others. A council size range that is upside
 * down falls back to the default range; more opponents than the smallest council allows fall back too.
 */
export function readReviewRules(json: unknown): ReviewRules {
  const stored = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {}
  const shape = reviewRulesSchema.shape
  const rules: Record<string, unknown> = {}
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const value = Object.prototype.hasOwnProperty.call(stored, key) ? stored[key] : undefined
    const parsed = shape[key].safeParse(value)
    rules[key] = parsed.success ? parsed.data : DEFAULT_REVIEW_RULES[key]
  }
  const r = rules as ReviewRules
  if (r.councilMin > r.councilMax) {
    r.councilMin = DEFAULT_REVIEW_RULES.councilMin
    r.councilMax = DEFAULT_REVIEW_RULES.councilMax
  }
  if (r.opponentsPerApplication > r.councilMin) r.opponentsPerApplication = Math.min(DEFAULT_REVIEW_RULES.opponentsPerApplication, r.councilMin)
  if (r.appraisalQuorum > r.appraisalTeamSize) r.appraisalQuorum = r.appraisalTeamSize
  if (r.reportVeryLateAfterDays <= r.reportLateAfterDays) {
    r.reportLateAfterDays = DEFAULT_REVIEW_RULES.reportLateAfterDays
    r.reportVeryLateAfterDays = DEFAULT_REVIEW_RULES.reportVeryLateAfterDays
  }
  return r
}

/** A broken rule: a catalogue key and the values its message shows. */
export interface ReviewProblem {
  code: string
  params: Record<string, string | number>
}

const problem = (code: string, params: Record<string, string | number> = {}): ReviewProblem => ({ code, params })

/** count ≥ fraction × total, in integers. */
export function atLeastFraction(part: number, total: number, f: Fraction): boolean {
  return part * f.den >= f.num * total
}

/** count > fraction × total, in integers. */
export function moreThanFraction(part: number, total: number, f: Fraction): boolean {
  return part * f.den > f.num * total
}

export const COUNCIL_ROLES = ['chair', 'vice_chair', 'secretary', 'member'] as const
export type CouncilRole = (typeof COUNCIL_ROLES)[number]

export interface CouncilMember {
  userId: string
  role: CouncilRole
}

/**
 * What is wrong with a council's composition: its size (counting each person once), exactly one chair,
 * exactly one scientific secretary, at most one vice-chair, nobody listed twice. Empty when it may sit.
 */
export function councilProblems(members: readonly CouncilMember[], rules: ReviewRules): ReviewProblem[] {
  const problems: ReviewProblem[] = []
  const seen = new Set<string>()
  const duplicates = new Set<string>()
  for (const m of members) (seen.has(m.userId) ? duplicates : seen).add(m.userId)
  const size = seen.size
  if (size < rules.councilMin || size > rules.councilMax) {
    problems.push(problem('council.problem.size', { min: rules.councilMin, max: rules.councilMax, count: size }))
  }
  const withRole = (role: CouncilRole) => members.filter((m) => m.role === role).length
  const chairs = withRole('chair')
  if (chairs !== 1) problems.push(problem('council.problem.chair', { count: chairs }))
  const secretaries = withRole('secretary')
  if (secretaries !== 1) problems.push(problem('council.problem.secretary', { count: secretaries }))
  const vices = withRole('vice_chair')
  if (vices > 1) problems.push(problem('council.problem.vice_chair', { count: vices }))
  for (const userId of duplicates) problems.push(problem('council.problem.duplicate', { userId }))
  return problems
}

/** The opponent reviewers (phản biện) of one application: the configured number, distinct, all on the council. */
export function opponentProblems(opponentIds: readonly string[], councilMemberIds: readonly string[], rules: ReviewRules): ReviewProblem[] {
  const problems: ReviewProblem[] = []
  const distinct = new Set(opponentIds)
  if (distinct.size !== rules.opponentsPerApplication) {
    problems.push(problem('council.problem.opponent_count', { required: rules.opponentsPerApplication, count: distinct.size }))
  }
  const seen = new Set<string>()
  for (const id of opponentIds) {
    if (seen.has(id)) problems.push(problem('council.problem.opponent_duplicate', { userId: id }))
    seen.add(id)
  }
  const council = new Set(councilMemberIds)
  for (const id of distinct) if (!council.has(id)) problems.push(problem('council.problem.opponent_not_member', { userId: id }))
  return problems
}

export interface QuorumInput {
  members: readonly CouncilMember[]
  /** User ids of those present; ids not on the council are ignored. */
  present: readonly string[]
  /** The chair gave the vice-chair written authority to preside. */
  viceChairAuthorised: boolean
  /** The opponent reviewers of the application being discussed. */
  opponentIds: readonly string[]
  /**
   * Members who may not sit on this application (a conflict of interest declared, or found in the data and not
   * overridden): left out of the council's size, of those present and of the chair's and opponents' checks.
   */
  conflicted?: readonly string[]
  /** False until the meeting's attendance is saved: then nobody is known to be present, and that is the problem. */
  attendanceRecorded?: boolean
}

export interface QuorumResult {
  ok: boolean
  /** Members present, those with a conflict left out. */
  presentCount: number
  /** Members who may sit on the application: the council without those with a conflict. */
  members: number
  /** The smallest number present that satisfies the quorum fraction: ⌈2/3 × members⌉ by default. */
  required: number
  /** The members left out for a conflict of interest, in the council's order. */
  conflicted: string[]
  problems: ReviewProblem[]
}

/**
 * Whether the council may decide on one application: at least the quorum fraction of its members present,
 * including the chair (or the vice-chair with written authority) and every opponent reviewer of the application.
 *
 * A member with a conflict of interest on the application does not sit on it: the fraction is taken of the
 * members without a conflict, and of those present only they count. When the chair has the conflict, the
 * vice-chair presides over this application (no written authority is needed: the chair is not absent but may
 * not act) and must be present. An opponent with a conflict reviews nothing and is not waited for. Before the
 * attendance is saved there is no quorum, and the only problem said is that.
 */
export function quorum(input: QuorumInput, rules: ReviewRules): QuorumResult {
  const conflicted = new Set(input.conflicted ?? [])
  const sitting = input.members.filter((m) => !conflicted.has(m.userId))
  const memberIds = new Set(sitting.map((m) => m.userId))
  const present = new Set(input.present.filter((id) => memberIds.has(id)))
  const { num, den } = rules.quorumFraction
  // ⌈size × num / den⌉ in integers.
  const required = Math.floor((memberIds.size * num + den - 1) / den)
  const left = input.members.filter((m) => conflicted.has(m.userId)).map((m) => m.userId)
  const result = (problems: ReviewProblem[]): QuorumResult => ({ ok: problems.length === 0, presentCount: present.size, members: memberIds.size, required, conflicted: [...new Set(left)], problems })
  if (input.attendanceRecorded === false) return result([problem('council.quorum.attendance')])
  const problems: ReviewProblem[] = []
  if (present.size < required) problems.push(problem('council.quorum.count', { present: present.size, required, members: memberIds.size }))
  const isPresent = (role: CouncilRole) => sitting.some((m) => m.role === role && present.has(m.userId))
  const chairConflicted = input.members.some((m) => m.role === 'chair' && conflicted.has(m.userId))
  if (chairConflicted) {
    if (!isPresent('vice_chair')) problems.push(problem('council.quorum.chair_conflict'))
  } else if (!isPresent('chair') && !(input.viceChairAuthorised && isPresent('vice_chair'))) problems.push(problem('council.quorum.chair'))
  for (const id of new Set(input.opponentIds)) if (!conflicted.has(id) && !present.has(id)) problems.push(problem('council.quorum.opponent', { userId: id }))
  return result(problems)
}

export const ACCEPTANCE_VOTES = ['excellent', 'pass', 'fail'] as const
export type AcceptanceVote = (typeof ACCEPTANCE_VOTES)[number]

/**
 * The acceptance (nghiệm thu) rating from the members' votes: excellent when at least 3/4 vote excellent and
 * nobody votes fail; fail when more than 1/3 vote fail; pass otherwise. Null without votes: nobody has rated.
 */
export function acceptanceRating(votes: readonly AcceptanceVote[], rules: ReviewRules = DEFAULT_REVIEW_RULES): AcceptanceVote | null {
  const n = votes.length
  if (n === 0) return null
  const excellent = votes.filter((v) => v === 'excellent').length
  const fail = votes.filter((v) => v === 'fail').length
  if (fail === 0 && atLeastFraction(excellent, n, rules.acceptanceExcellentFraction)) return 'excellent'
  if (moreThanFraction(fail, n, rules.acceptanceFailFraction)) return 'fail'
  return 'pass'
}

/** Every problem code of this module, for the catalogue test. */
export const REVIEW_PROBLEM_CODES = [
  'council.problem.size',
  'council.problem.chair',
  'council.problem.secretary',
  'council.problem.vice_chair',
  'council.problem.duplicate',
  'council.problem.opponent_count',
  'council.problem.opponent_duplicate',
  'council.problem.opponent_not_member',
  'council.quorum.count',
  'council.quorum.chair',
  'council.quorum.chair_conflict',
  'council.quorum.opponent',
  'council.quorum.attendance',
  'review.ballot.duplicate',
  'review.ballot.missing',
  'review.ballot.unknown',
  'review.ballot.not_number',
  'review.ballot.negative',
  'review.ballot.above_max',
  'review.ballot.precision',
  'review.ballot.total',
] as const

/**
 * Whether a reviewer is blocked from an assignment by a conflict found in the data (`detected`, a list) that the
 * office has not overridden.
 */
export function blockedByConflict(assignment: { detected: unknown; override_reason: string | null }): boolean {
  return Array.isArray(assignment.detected) && assignment.detected.length > 0 && !assignment.override_reason
}

/** What an expert does next with one assignment, as a catalogue key (their reviewing page and start page). */
export function assignmentNextStep(a: { conflict: string; blocked: boolean; ballot: 'none' | 'draft' | 'submitted' }) {
  if (a.conflict === 'declared') return 'reviewing.next.declared' as const
  if (a.conflict === 'undeclared') return 'reviewing.next.declare' as const
  if (a.blocked) return 'reviewing.next.blocked' as const
  if (a.ballot === 'submitted') return 'reviewing.next.submitted' as const
  if (a.ballot === 'draft') return 'reviewing.next.continue' as const
  return 'reviewing.next.score' as const
}
