import { moreThanFraction, type ReviewProblem, type ReviewRules } from './rules'

// The council's scores (browser-safe, pure): checking a ballot, the result of one application from its
// ballots, and the ranking of a call against its budget.
//
// Arithmetic: scores have at most two decimals, so every score and total is turned into an integer number of
// hundredths of a point and all sums and comparisons are exact integers. A mean is rounded once, half up, to
// two decimals (72.125 → 72.13). The deviation and zero-score rules compare exact sums, never a rounded mean,
// so rounding cannot move a ballot across their limits; the pass mark and the bonus use the rounded mean, the
// number the minutes show (a mean of 69.995 is written 70.00 and passes).

export interface Criterion {
  key: string
  /** Maximum points of the criterion (at most two decimals). */
  max: number
}

export interface BallotInput {
  reviewerId: string
  scores: Record<string, number>
  /** The total as the reviewer wrote it on the sheet, checked against the sum when given. */
  total?: number
}

const problem = (code: string, params: Record<string, string | number> = {}): ReviewProblem => ({ code, params })

/** Points → integer hundredths. */
const cents = (points: number) => Math.round(points * 100)
/** Integer hundredths → points. */
const points = (hundredths: number) => hundredths / 100
/** a / b rounded half up, for a ≥ 0 and b > 0 integers. */
const divRound = (a: number, b: number) => Math.floor((2 * a + b) / (2 * b))
/** A number with at most two decimals (allowing for the binary error of typing 12.34). */
const hasTwoDecimals = (x: number) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6

/** Criteria prepared once per application: a ballot is checked against the same keys and maxima nine times. */
interface Rubric {
  criteria: readonly Criterion[]
  keys: Set<string>
  maxCents: number[]
}
const rubric = (criteria: readonly Criterion[]): Rubric => ({ criteria, keys: new Set(criteria.map((c) => c.key)), maxCents: criteria.map((c) => cents(c.max)) })

/** The problems of a ballot and, when it has none, its scores and total in hundredths. */
function readBallot(scores: Record<string, number>, r: Rubric, total?: number): { problems: ReviewProblem[]; scoreCents: number[]; totalCents: number } {
  const problems: ReviewProblem[] = []
  for (const key of Object.keys(scores)) if (!r.keys.has(key)) problems.push(problem('review.ballot.unknown', { criterion: key }))
  const scoreCents: number[] = []
  let sum = 0
  r.criteria.forEach((c, i) => {
    const score: unknown = Object.prototype.hasOwnProperty.call(scores, c.key) ? scores[c.key] : undefined
    if (score === undefined) problems.push(problem('review.ballot.missing', { criterion: c.key }))
    else if (typeof score !== 'number' || !Number.isFinite(score)) problems.push(problem('review.ballot.not_number', { criterion: c.key }))
    else if (score < 0) problems.push(problem('review.ballot.negative', { criterion: c.key, score }))
    else if (cents(score) > r.maxCents[i]) problems.push(problem('review.ballot.above_max', { criterion: c.key, max: c.max, score }))
    else if (!hasTwoDecimals(score)) problems.push(problem('review.ballot.precision', { criterion: c.key, score }))
    else {
      scoreCents.push(cents(score))
      sum += cents(score)
    }
  })
  if (problems.length === 0 && total !== undefined && (typeof total !== 'number' || !hasTwoDecimals(total) || cents(total) !== sum)) {
    problems.push(problem('review.ballot.total', { total: String(total), sum: points(sum) }))
  }
  return { problems, scoreCents, totalCents: sum }
}

/** What is wrong with one ballot: every criterion scored once, a number from 0 to its maximum, two decimals at most. */
export function ballotProblems(scores: Record<string, number>, criteria: readonly Criterion[], total?: number): ReviewProblem[] {
  return readBallot(scores, rubric(criteria), total).problems
}

export interface BallotResult {
  reviewerId: string
  /** Sum of the scores in points; null for a ballot that cannot be read (see problems). */
  total: number | null
  valid: boolean
  /** Why the ballot does not count: it breaks ballotProblems, or it is too far from the mean of all ballots. */
  invalidReason: 'malformed' | 'deviation' | null
  /** Distance of the total from the mean of all readable ballots, in % of that mean, two decimals. */
  deviationPct: number | null
  problems: ReviewProblem[]
}

export interface ZeroCriterion {
  key: string
  /** How many members present scored it 0. */
  zeros: number
}

export interface ApplicationScore {
  ballots: BallotResult[]
  /** Mean total of the valid ballots (two decimals, half up); null when no ballot is valid. */
  mean: number | null
  /** Mean total of every readable ballot, the reference of the deviation rule; null without one. */
  meanAll: number | null
  /** Mean of each criterion over the valid ballots (the "content and plan" one breaks ranking ties). */
  criterionMeans: Record<string, number | null>
  /** Criteria scored 0 by more than the allowed share of members present; any one stops the recommendation. */
  zeroCriteria: ZeroCriterion[]
  bonusApplied: boolean
  /** The score the call is ranked by: the mean, plus the bonus when it applies. */
  finalScore: number | null
  recommended: boolean
  /** Highest minus lowest valid total, in points; null when no ballot is valid. */
  spread: number | null
  /** The valid totals are further apart than the rules' disagreementSpread: worth a discussion before voting. */
  disagreement: boolean
}

export interface AggregateOptions {
  /** Members present at the meeting; the zero-score rule counts against it. */
  membersPresent: number
  /** The lead organisation also proposed the task (đề xuất đặt hàng). */
  leadProposedTask: boolean
}

/**
 * The result of one application from the ballots of its council.
 *
 * - Deviation: a readable ballot whose total is more than deviationLimitPct away from the mean of all readable
 *   ballots is invalid; it stays in the list, shown, and out of the mean. With two very different ballots
 *   (40 and 100: mean 70, both 43% away) every ballot can be invalid: then there is no mean, and no
 *   recommendation, and the council has to score again.
 * - Zero scores: counted on every readable ballot, invalid ones included, because the rule is about members
 *   present, not valid ballots. More ballots than membersPresent means the count was wrong: the ballots win.
 * - Bonus: our reading is that the bonus is part of the score used for ranking (finalScore), it applies when the
 *   mean itself reaches the pass mark (the "≥ 70" of the rule) and it never changes the recommendation, which
 *   stays on the mean. It is added to the rounded mean, so the shown numbers add up (72.50 + 10% = 79.75).
 */
export function aggregateBallots(
  ballots: readonly BallotInput[],
  criteria: readonly Criterion[],
  opts: AggregateOptions,
  rules: ReviewRules,
): ApplicationScore {
  const r = rubric(criteria)
  const seen = new Set<string>()
  const read = ballots.map((b) => {
    const { problems, scoreCents, totalCents } = readBallot(b.scores, r, b.total)
    if (seen.has(b.reviewerId)) problems.unshift(problem('review.ballot.duplicate', { reviewerId: b.reviewerId }))
    seen.add(b.reviewerId)
    return { reviewerId: b.reviewerId, problems, scoreCents, total: problems.length === 0 ? totalCents : null }
  })
  const readable = read.filter((b) => b.total !== null)
  const n = readable.length
  const sumAll = readable.reduce((s, b) => s + (b.total ?? 0), 0)

  const results: BallotResult[] = read.map(({ reviewerId, problems, total }) => {
    if (total === null) return { reviewerId, total: null, valid: false, invalidReason: 'malformed', deviationPct: null, problems }
    // |total − sumAll/n| / (sumAll/n), multiplied through by n to stay in integers; all totals 0 deviate by 0.
    const distance = Math.abs(total * n - sumAll)
    const deviates = distance * 100 > rules.deviationLimitPct * sumAll
    const deviationPct = sumAll === 0 ? 0 : points(divRound(distance * 10_000, sumAll))
    return { reviewerId, total: points(total), valid: !deviates, invalidReason: deviates ? 'deviation' : null, deviationPct, problems }
  })

  const valid = read.filter((_, i) => results[i].valid)
  const validTotals = valid.map((b) => b.total ?? 0)
  const meanCents = valid.length > 0 ? divRound(validTotals.reduce((s, t) => s + t, 0), valid.length) : null

  const criterionMeans: Record<string, number | null> = {}
  const present = Math.max(opts.membersPresent, n)
  const zeroCriteria: ZeroCriterion[] = []
  criteria.forEach((c, i) => {
    criterionMeans[c.key] = valid.length > 0 ? points(divRound(valid.reduce((s, b) => s + b.scoreCents[i], 0), valid.length)) : null
    const zeros = readable.reduce((s, b) => s + (b.scoreCents[i] === 0 ? 1 : 0), 0)
    if (zeros > 0 && moreThanFraction(zeros, present, rules.zeroScoreMaxFraction)) zeroCriteria.push({ key: c.key, zeros })
  })

  const passes = meanCents !== null && meanCents >= cents(rules.passMark)
  const bonusApplied = passes && opts.leadProposedTask && rules.bonusPct > 0
  const finalCents = meanCents === null ? null : bonusApplied ? divRound(meanCents * (100 + rules.bonusPct), 100) : meanCents
  const spreadCents = validTotals.length > 0 ? Math.max(...validTotals) - Math.min(...validTotals) : null

  return {
    ballots: results,
    mean: meanCents === null ? null : points(meanCents),
    meanAll: n > 0 ? points(divRound(sumAll, n)) : null,
    criterionMeans,
    zeroCriteria,
    bonusApplied,
    finalScore: finalCents === null ? null : points(finalCents),
    recommended: passes && zeroCriteria.length === 0,
    spread: spreadCents === null ? null : points(spreadCents),
    disagreement: spreadCents !== null && spreadCents > cents(rules.disagreementSpread),
  }
}

export interface RankInput {
  applicationId: string
  /** ApplicationScore.finalScore; null ranks last among its group. */
  finalScore: number | null
  recommended: boolean
  /** State budget requested, whole VND. */
  requestedAmount: number
  /** The host organisation or the principal investigator (either one) had a task rated excellent at acceptance within the last 5 years. */
  priorExcellentWithin5Years: boolean
  /** Mean score on the "content and plan" criterion (ApplicationScore.criterionMeans). */
  contentScore: number
}

export interface RankPlacement {
  /** 1..n, every application its own place: ties are broken down to the application id. */
  rank: number
  /** Requested amounts summed down the ranking, this application included. */
  cumulativeRequested: number
  /** Recommended and within the budget; the last fundable application is the cut line. */
  fundable: boolean
}

const byScore = (x: number | null) => (x === null ? -Infinity : cents(x))

/** Recommended first, then higher score, less state budget, a prior excellent task, higher content score, id. */
function compareForRanking(a: RankInput, b: RankInput): number {
  return (
    Number(b.recommended) - Number(a.recommended) ||
    byScore(b.finalScore) - byScore(a.finalScore) ||
    a.requestedAmount - b.requestedAmount ||
    Number(b.priorExcellentWithin5Years) - Number(a.priorExcellentWithin5Years) ||
    cents(b.contentScore) - cents(a.contentScore) ||
    (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0)
  )
}

/**
 * The ranking of a call's applications and the cut line against its budget. Not-recommended applications
 * come after every recommended one and are never fundable. The budget is spent in strict ranking order: the
 * first recommended application that does not fit ends the funded list, even when a cheaper one below it would
 * fit, because the official rule is the ranking order; staff may still decide otherwise, on the record.
 */
export function rankApplications<T extends RankInput>(items: readonly T[], budgetTotal: number): (T & RankPlacement)[] {
  let cumulative = 0
  let open = true
  return [...items].sort(compareForRanking).map((item, i) => {
    cumulative += item.requestedAmount
    const fundable = open && item.recommended && cumulative <= budgetTotal
    if (!fundable) open = false
    return { ...item, rank: i + 1, cumulativeRequested: cumulative, fundable }
  })
}
