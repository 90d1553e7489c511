import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { aggregateBallots, type BallotInput, ballotProblems, type Criterion, type RankInput, rankApplications } from './aggregate'
import { DEFAULT_REVIEW_RULES } from './rules'

const R = DEFAULT_REVIEW_RULES

/** Two halves of 50 points: a total T is scored T/2 + T/2, enough for the examples about totals. */
const HALVES: Criterion[] = [
  { key: 'a', max: 50 },
  { key: 'b', max: 50 },
]
const ballot = (reviewerId: string, total: number): BallotInput => {
  const a = Math.floor((total * 100) / 2) / 100
  return { reviewerId, scores: { a, b: Math.round((total - a) * 100) / 100 } }
}
const totals = (...ts: number[]) => ts.map((t, i) => ballot(`r${i + 1}`, t))
const opts = (membersPresent: number, leadProposedTask = false) => ({ membersPresent, leadProposedTask })

/** The default rubric for projects (dự án). */
const PROJECT: Criterion[] = [
  { key: 'tech_market', max: 8 },
  { key: 'content_plan', max: 20 },
  { key: 'novelty', max: 12 },
  { key: 'impact', max: 12 },
  { key: 'products', max: 16 },
  { key: 'financial', max: 16 },
  { key: 'capacity', max: 16 },
]
// 7 + 17 + 10 + 10 + 13 + 13 + 13 = 83
const GOOD = { tech_market: 7, content_plan: 17, novelty: 10, impact: 10, products: 13, financial: 13, capacity: 13 }

describe('ballotProblems', () => {
  it('accepts every criterion scored once within its maximum, two decimals at most', () => {
    // 83 − 10 + 12 (novelty) − 0.5 (products) − 9.75 (impact) = 74.75
    expect(ballotProblems(GOOD, PROJECT)).toEqual([])
    expect(ballotProblems({ ...GOOD, novelty: 12, products: 12.5, impact: 0.25 }, PROJECT, 74.75)).toEqual([])
  })

  it('rejects a score above the maximum, negative, not a number, or too precise', () => {
    expect(ballotProblems({ ...GOOD, content_plan: 21 }, PROJECT)).toEqual([
      { code: 'review.ballot.above_max', params: { criterion: 'content_plan', max: 20, score: 21 } },
    ])
    expect(ballotProblems({ ...GOOD, novelty: -1, impact: Number.NaN, products: 12.345 }, PROJECT).map((p) => p.code)).toEqual([
      'review.ballot.negative',
      'review.ballot.not_number',
      'review.ballot.precision',
    ])
    expect(ballotProblems({ ...GOOD, capacity: '13' as unknown as number }, PROJECT)[0].code).toBe('review.ballot.not_number')
  })

  it('rejects a missing or unknown criterion', () => {
    const { capacity: _, ...rest } = GOOD
    expect(ballotProblems({ ...rest, charm: 5 }, PROJECT)).toEqual([
      { code: 'review.ballot.unknown', params: { criterion: 'charm' } },
      { code: 'review.ballot.missing', params: { criterion: 'capacity' } },
    ])
    // Inherited names are not scores.
    expect(ballotProblems({}, [{ key: 'toString', max: 10 }])[0].code).toBe('review.ballot.missing')
  })

  it('checks the written total against the sum', () => {
    expect(ballotProblems(GOOD, PROJECT, 83)).toEqual([])
    expect(ballotProblems(GOOD, PROJECT, 85)).toEqual([{ code: 'review.ballot.total', params: { total: '85', sum: 83 } }])
  })
})

describe('aggregateBallots', () => {
  it('excludes a ballot more than 20% from the mean of all, but keeps it', () => {
    // Totals 80, 82, 78, 50: mean of all = 290 / 4 = 72.5.
    // 50 is 22.5 away = 31.03% of 72.5 → invalid. 80: 7.5 → 10.34%; 82: 9.5 → 13.10%; 78: 5.5 → 7.59%.
    // Mean of the valid ones: (80 + 82 + 78) / 3 = 80.
    const r = aggregateBallots(totals(80, 82, 78, 50), HALVES, opts(7), R)
    expect(r.ballots.map((b) => [b.total, b.valid, b.deviationPct, b.invalidReason])).toEqual([
      [80, true, 10.34, null],
      [82, true, 13.1, null],
      [78, true, 7.59, null],
      [50, false, 31.03, 'deviation'],
    ])
    expect(r).toMatchObject({ meanAll: 72.5, mean: 80, finalScore: 80, recommended: true, bonusApplied: false, spread: 4, disagreement: false })
    expect(r.criterionMeans).toEqual({ a: 40, b: 40 })
  })

  it('keeps a ballot exactly 20% away, and flags a spread above 20 points', () => {
    // 96 and 64: mean 80, each 16 away = 20.00% — not more than 20%. Spread 32 > 20.
    const r = aggregateBallots(totals(96, 64), HALVES, opts(7), R)
    expect(r.ballots.map((b) => b.valid)).toEqual([true, true])
    expect(r.ballots.map((b) => b.deviationPct)).toEqual([20, 20])
    expect(r).toMatchObject({ mean: 80, spread: 32, disagreement: true, recommended: true })
    // A spread of exactly 20 is not a disagreement.
    expect(aggregateBallots(totals(90, 70), HALVES, opts(7), R)).toMatchObject({ spread: 20, disagreement: false })
  })

  it('has no mean and no recommendation when every ballot is invalid', () => {
    // 40 and 100: mean 70, each 30 away = 42.86%.
    const r = aggregateBallots(totals(40, 100), HALVES, opts(7), R)
    expect(r.ballots.map((b) => [b.valid, b.deviationPct])).toEqual([
      [false, 42.86],
      [false, 42.86],
    ])
    expect(r).toMatchObject({ meanAll: 70, mean: null, finalScore: null, recommended: false, spread: null, disagreement: false, bonusApplied: false })
    expect(r.criterionMeans).toEqual({ a: null, b: null })
  })

  it('has nothing without ballots; a single ballot or all zeros are valid', () => {
    expect(aggregateBallots([], HALVES, opts(7), R)).toEqual({
      ballots: [],
      mean: null,
      meanAll: null,
      criterionMeans: { a: null, b: null },
      zeroCriteria: [],
      bonusApplied: false,
      finalScore: null,
      recommended: false,
      spread: null,
      disagreement: false,
    })
    expect(aggregateBallots(totals(75), HALVES, opts(1), R)).toMatchObject({ mean: 75, recommended: true, spread: 0 })
    const zeros = aggregateBallots(totals(0, 0), HALVES, opts(2), R)
    expect(zeros.ballots.map((b) => [b.valid, b.deviationPct])).toEqual([
      [true, 0],
      [true, 0],
    ])
    expect(zeros).toMatchObject({ mean: 0, recommended: false, zeroCriteria: [{ key: 'a', zeros: 2 }, { key: 'b', zeros: 2 }] })
  })

  it('is not recommended when more than 1/4 of members present scored a criterion 0', () => {
    const zero = { ...GOOD, novelty: 0 } // 73
    const ballots = (zeroCount: number) =>
      Array.from({ length: 9 }, (_, i) => ({ reviewerId: `r${i}`, scores: i < zeroCount ? zero : GOOD }))
    // 3 zeros of 9 present: 3 > 9/4 = 2.25. Mean (6 × 83 + 3 × 73) / 9 = 717 / 9 = 79.67, yet not recommended.
    const three = aggregateBallots(ballots(3), PROJECT, opts(9), R)
    expect(three).toMatchObject({ mean: 79.67, zeroCriteria: [{ key: 'novelty', zeros: 3 }], recommended: false })
    expect(three.ballots.every((b) => b.valid)).toBe(true)
    // 2 zeros: 2 ≤ 2.25. Mean (7 × 83 + 2 × 73) / 9 = 727 / 9 = 80.78.
    expect(aggregateBallots(ballots(2), PROJECT, opts(9), R)).toMatchObject({ mean: 80.78, zeroCriteria: [], recommended: true })
    // 2 of 8 present is exactly 1/4: allowed.
    expect(aggregateBallots(ballots(2).slice(0, 8), PROJECT, opts(8), R)).toMatchObject({ zeroCriteria: [], recommended: true })
    // The rule counts members present, not ballots: 2 zeros among 7 ballots when 7 are present → 2 > 1.75.
    expect(aggregateBallots(ballots(2).slice(0, 7), PROJECT, opts(7), R)).toMatchObject({ zeroCriteria: [{ key: 'novelty', zeros: 2 }] })
  })

  it('counts zeros on ballots invalid by deviation too', () => {
    const low = (reviewerId: string): BallotInput => ({ reviewerId, scores: { a: 50, b: 0 } })
    // 6 × 85 and 3 × 50 (with 0 on b): mean (510 + 150) / 9 = 73.33. 85 is 15.9% away (valid), 50 is 31.8% away
    // (invalid). Mean of the valid ones 85, but 3 of 9 present gave b a 0: 3 > 2.25 → not recommended.
    const r = aggregateBallots([...totals(85, 85, 85, 85, 85, 85), low('r7'), low('r8'), low('r9')], HALVES, opts(9), R)
    expect(r.ballots.map((b) => b.invalidReason)).toEqual([null, null, null, null, null, null, 'deviation', 'deviation', 'deviation'])
    expect(r).toMatchObject({ mean: 85, zeroCriteria: [{ key: 'b', zeros: 3 }], recommended: false })
  })

  it('counts the ballots as present when there are more ballots than members said present', () => {
    // 6 ballots, "3 present": 1 zero of 6 ≤ 1.5 is allowed (of 3 it would not be: 1 > 0.75).
    const r = aggregateBallots([...totals(85, 85, 85, 85, 85), { reviewerId: 'r6', scores: { a: 50, b: 0 } }], HALVES, opts(3), R)
    expect(r).toMatchObject({ zeroCriteria: [], recommended: true })
  })

  it('adds the 10% bonus to the ranking score when the lead organisation proposed the task and the mean reaches 70', () => {
    // 72 and 73: mean 72.5, + 10% = 79.75.
    expect(aggregateBallots(totals(72, 73), HALVES, opts(7, true), R)).toMatchObject({ mean: 72.5, bonusApplied: true, finalScore: 79.75, recommended: true })
    expect(aggregateBallots(totals(72, 73), HALVES, opts(7, false), R)).toMatchObject({ mean: 72.5, bonusApplied: false, finalScore: 72.5 })
    // 69 and 70: mean 69.5 < 70 → no bonus (it would have made 76.45), not recommended.
    expect(aggregateBallots(totals(69, 70), HALVES, opts(7, true), R)).toMatchObject({ mean: 69.5, bonusApplied: false, finalScore: 69.5, recommended: false })
    // Exactly 70 gets it: 77.
    expect(aggregateBallots(totals(70, 70), HALVES, opts(7, true), R)).toMatchObject({ bonusApplied: true, finalScore: 77 })
    // A score above 100 is possible for ranking: 95 → 104.5.
    expect(aggregateBallots(totals(95), HALVES, opts(7, true), R)).toMatchObject({ finalScore: 104.5 })
  })

  it('rounds means and the bonus half up to two decimals, in integers', () => {
    // 70.01 and 70.02: mean 70.015 → 70.02.
    expect(aggregateBallots(totals(70.01, 70.02), HALVES, opts(7), R)).toMatchObject({ mean: 70.02 })
    // 72.35 + 10% = 79.585 → 79.59 (in floats 72.35 × 1.1 is 79.58499…).
    expect(aggregateBallots(totals(72.35), HALVES, opts(7, true), R)).toMatchObject({ finalScore: 79.59 })
    // 72, 72, 72.01: 216.01 / 3 = 72.0033 → 72.
    expect(aggregateBallots(totals(72, 72, 72.01), HALVES, opts(7), R)).toMatchObject({ mean: 72 })
    // A mean of 69.995 rounds to 70 and passes: the mark is compared after rounding, as the minutes show it.
    expect(aggregateBallots(totals(69.99, 70), HALVES, opts(7), R)).toMatchObject({ mean: 70, recommended: true })
  })

  it('sets aside a malformed or second ballot of a reviewer without letting it move the mean', () => {
    const bs: BallotInput[] = [...totals(80, 80), { reviewerId: 'r3', scores: { a: 60, b: 0 } }, { reviewerId: 'r1', scores: { a: 1, b: 1 } }]
    const r = aggregateBallots(bs, HALVES, opts(7), R)
    expect(r.ballots.slice(2)).toEqual([
      {
        reviewerId: 'r3',
        total: null,
        valid: false,
        invalidReason: 'malformed',
        deviationPct: null,
        problems: [{ code: 'review.ballot.above_max', params: { criterion: 'a', max: 50, score: 60 } }],
      },
      {
        reviewerId: 'r1',
        total: null,
        valid: false,
        invalidReason: 'malformed',
        deviationPct: null,
        problems: [{ code: 'review.ballot.duplicate', params: { reviewerId: 'r1' } }],
      },
    ])
    expect(r).toMatchObject({ meanAll: 80, mean: 80, zeroCriteria: [] })
  })

  it('follows configured limits', () => {
    // With a 40% limit the 50 of the first example (31%) counts: mean 72.5.
    expect(aggregateBallots(totals(80, 82, 78, 50), HALVES, opts(7), { ...R, deviationLimitPct: 40 })).toMatchObject({ mean: 72.5 })
    expect(aggregateBallots(totals(72, 73), HALVES, opts(7, true), { ...R, passMark: 75 })).toMatchObject({ bonusApplied: false, recommended: false })
  })

  it('keeps the mean within the valid totals and every valid ballot within the limit (property)', () => {
    const total = fc.integer({ min: 0, max: 10_000 }).map((c) => c / 100)
    fc.assert(
      fc.property(fc.array(total, { maxLength: 12 }), fc.boolean(), (ts, lead) => {
        const r = aggregateBallots(totals(...ts), HALVES, opts(ts.length, lead), R)
        const valid = r.ballots.filter((b) => b.valid).map((b) => b.total as number)
        if (valid.length === 0) return r.mean === null && !r.recommended
        return (
          r.mean! >= Math.min(...valid) &&
          r.mean! <= Math.max(...valid) &&
          r.finalScore! >= r.mean! &&
          r.ballots.every((b) => !b.valid || b.deviationPct! <= R.deviationLimitPct)
        )
      }),
    )
  })
})

describe('rankApplications', () => {
  const item = (applicationId: string, over: Partial<RankInput> = {}): RankInput => ({
    applicationId,
    finalScore: 80,
    recommended: true,
    requestedAmount: 500_000_000,
    priorExcellentWithin5Years: false,
    contentScore: 15,
    ...over,
  })
  const order = (ranked: { applicationId: string }[]) => ranked.map((r) => r.applicationId)
  const BIG = 10_000_000_000

  it('ranks by score, recommended ones first', () => {
    const ranked = rankApplications(
      [item('low', { finalScore: 71 }), item('out', { finalScore: 95, recommended: false }), item('top', { finalScore: 88.5 }), item('none', { finalScore: null, recommended: false })],
      BIG,
    )
    expect(order(ranked)).toEqual(['top', 'low', 'out', 'none'])
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4])
    expect(ranked.map((r) => r.fundable)).toEqual([true, true, false, false])
  })

  it('breaks a tie by less state budget requested first', () => {
    const ranked = rankApplications([item('a', { requestedAmount: 900_000_000, priorExcellentWithin5Years: true, contentScore: 20 }), item('b', { requestedAmount: 800_000_000 })], BIG)
    expect(order(ranked)).toEqual(['b', 'a'])
  })

  it('then by a prior task rated excellent within 5 years', () => {
    const ranked = rankApplications([item('a', { contentScore: 19 }), item('b', { priorExcellentWithin5Years: true })], BIG)
    expect(order(ranked)).toEqual(['b', 'a'])
  })

  it('then by the higher score on content and plan', () => {
    const ranked = rankApplications([item('a', { contentScore: 16.5 }), item('b', { contentScore: 17 })], BIG)
    expect(order(ranked)).toEqual(['b', 'a'])
  })

  it('then by application id, whatever the input order', () => {
    expect(order(rankApplications([item('c'), item('a'), item('b')], BIG))).toEqual(['a', 'b', 'c'])
    // Scores differing only by float noise are a tie: 79.75 either way.
    expect(order(rankApplications([item('b', { finalScore: 72.5 * 1.1 }), item('a', { finalScore: 79.75 })], BIG))).toEqual(['a', 'b'])
  })

  it('funds in strict ranking order: the first that does not fit ends the list', () => {
    // Budget 1,000 million: 400 → 400, 500 → 900 (fits), 200 → 1,100 (does not), so 50 below it is not funded
    // although it would fit on its own. The cut line is after "second".
    const ranked = rankApplications(
      [
        item('first', { finalScore: 90, requestedAmount: 400_000_000 }),
        item('second', { finalScore: 85, requestedAmount: 500_000_000 }),
        item('third', { finalScore: 80, requestedAmount: 200_000_000 }),
        item('fourth', { finalScore: 75, requestedAmount: 50_000_000 }),
        item('rejected', { finalScore: 60, recommended: false, requestedAmount: 1_000_000 }),
      ],
      1_000_000_000,
    )
    expect(ranked.map((r) => [r.applicationId, r.rank, r.cumulativeRequested, r.fundable])).toEqual([
      ['first', 1, 400_000_000, true],
      ['second', 2, 900_000_000, true],
      ['third', 3, 1_100_000_000, false],
      ['fourth', 4, 1_150_000_000, false],
      ['rejected', 5, 1_151_000_000, false],
    ])
  })

  it('funds up to exactly the budget, and nothing with no budget', () => {
    const items = [item('a', { requestedAmount: 600 }), item('b', { finalScore: 79, requestedAmount: 400 })]
    expect(rankApplications(items, 1000).map((r) => r.fundable)).toEqual([true, true])
    expect(rankApplications(items, 0).map((r) => r.fundable)).toEqual([false, false])
    expect(rankApplications([], 1000)).toEqual([])
  })

  it('keeps the caller’s own fields', () => {
    const [r] = rankApplications([{ ...item('a'), title: 'Cà phê' }], BIG)
    expect(r.title).toBe('Cà phê')
  })

  const itemsArb = fc.uniqueArray(
    fc.record({
      applicationId: fc.string({ minLength: 1, maxLength: 4 }),
      finalScore: fc.option(fc.integer({ min: 0, max: 11_000 }).map((c) => c / 100), { nil: null }),
      recommended: fc.boolean(),
      requestedAmount: fc.integer({ min: 0, max: 5_000_000_000 }),
      priorExcellentWithin5Years: fc.boolean(),
      contentScore: fc.integer({ min: 0, max: 2000 }).map((c) => c / 100),
    }),
    { selector: (i) => i.applicationId, maxLength: 30 },
  )
  const budgetArb = fc.integer({ min: 0, max: 50_000_000_000 })

  it('is a permutation with ranks 1..n and rising cumulative amounts (property)', () => {
    fc.assert(
      fc.property(itemsArb, budgetArb, (items, budget) => {
        const ranked = rankApplications(items, budget)
        expect([...order(ranked)].sort()).toEqual(order(items).sort())
        expect(ranked.map((r) => r.rank)).toEqual(items.map((_, i) => i + 1))
        ranked.forEach((r, i) => expect(r.cumulativeRequested).toBe((i > 0 ? ranked[i - 1].cumulativeRequested : 0) + r.requestedAmount))
      }),
    )
  })

  it('funds a prefix of the recommended ones, within the budget, whatever the input order (property)', () => {
    fc.assert(
      fc.property(itemsArb, budgetArb, fc.infiniteStream(fc.nat()), (items, budget, rnd) => {
        const ranked = rankApplications(items, budget)
        const recommended = ranked.filter((r) => r.recommended)
        // Recommended ones come first.
        expect(ranked.slice(0, recommended.length).every((r) => r.recommended)).toBe(true)
        const funded = ranked.filter((r) => r.fundable)
        expect(funded).toEqual(ranked.slice(0, funded.length))
        expect(funded.reduce((s, r) => s + r.requestedAmount, 0)).toBeLessThanOrEqual(budget)
        // The cut is where the next recommended one no longer fits.
        const next = ranked[funded.length]
        if (next?.recommended) expect(next.cumulativeRequested).toBeGreaterThan(budget)
        const shuffled = items.map((it) => ({ it, k: rnd.next().value })).sort((x, y) => x.k - y.k).map((x) => x.it)
        expect(rankApplications(shuffled, budget)).toEqual(ranked)
      }),
    )
  })
})
