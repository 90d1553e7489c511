import { describe, expect, it } from 'vitest'
import {
  acceptanceRating,
  type AcceptanceVote,
  type CouncilMember,
  councilProblems,
  DEFAULT_REVIEW_RULES,
  opponentProblems,
  quorum,
  readReviewRules,
  REVIEW_PROBLEM_CODES,
  reviewRulesSchema,
} from './rules'
import { aggregateBallots, ballotProblems } from './aggregate'

const R = DEFAULT_REVIEW_RULES

/** A council of `size`: u1 chair, u2 vice-chair, u3 secretary, the rest members. */
function council(size: number): CouncilMember[] {
  return Array.from({ length: size }, (_, i) => ({
    userId: `u${i + 1}`,
    role: i === 0 ? 'chair' : i === 1 ? 'vice_chair' : i === 2 ? 'secretary' : 'member',
  }))
}
const codes = (problems: { code: string }[]) => problems.map((p) => p.code)

describe('review rules configuration', () => {
  it('defaults to the values of the regulations', () => {
    expect(DEFAULT_REVIEW_RULES).toEqual({
      councilMin: 7,
      councilMax: 9,
      quorumFraction: { num: 2, den: 3 },
      passMark: 70,
      deviationLimitPct: 20,
      zeroScoreMaxFraction: { num: 1, den: 4 },
      bonusPct: 10,
      disagreementSpread: 20,
      screeningWorkingDays: 7,
      papersBeforeMeetingWorkingDays: 7,
      reviewerReminderDays: 3,
      opponentsPerApplication: 2,
      acceptanceExcellentFraction: { num: 3, den: 4 },
      acceptanceFailFraction: { num: 1, den: 3 },
      // Circular 11/2014: the dossier is finalised within 30 working days of the acceptance minutes.
      acceptanceFinaliseWorkingDays: 30,
      acceptanceDossierDays: 30,
      // Circular 20/2023 Art. 11.12 and 13–14: 20 days to revise, a team of five meeting within 10 working days, 4 present.
      revisionDays: 20,
      appraisalWorkingDays: 10,
      appraisalTeamSize: 5,
      appraisalQuorum: 4,
      councilWorkingDays: 30,
      // Circular 20/2023: approval within 15 days; results published for at least 60 days.
      decisionWorkingDays: 15,
      resultsOnlineDays: 60,
      // The Fund's own practice for progress reports (no regulation fixes these days): ADR 020.
      reportReminderDays: 7,
      reportLateAfterDays: 0,
      reportVeryLateAfterDays: 30,
      reportProductMaxMb: 20,
    })
    expect(reviewRulesSchema.parse({})).toEqual(DEFAULT_REVIEW_RULES)
  })

  it('completes stored partial settings with the defaults', () => {
    const r = readReviewRules({ passMark: 75, quorumFraction: { num: 3, den: 4 } })
    expect(r).toEqual({ ...DEFAULT_REVIEW_RULES, passMark: 75, quorumFraction: { num: 3, den: 4 } })
  })

  it('replaces each invalid value by its default and keeps the valid ones', () => {
    const r = readReviewRules({
      passMark: '70',
      bonusPct: 12.5,
      deviationLimitPct: -1,
      councilMax: 11,
      quorumFraction: { num: 2, den: 0 },
      zeroScoreMaxFraction: { num: 5, den: 4 },
      reviewerReminderDays: Number.NaN,
      unknown: 1,
    })
    expect(r).toEqual({ ...DEFAULT_REVIEW_RULES, councilMax: 11 })
  })

  it('falls back to the default council size when the range is upside down, and caps opponents', () => {
    expect(readReviewRules({ councilMin: 10, councilMax: 8 })).toMatchObject({ councilMin: 7, councilMax: 9 })
    expect(readReviewRules({ councilMin: 3, councilMax: 5, opponentsPerApplication: 4 })).toMatchObject({ councilMin: 3, opponentsPerApplication: 2 })
    expect(reviewRulesSchema.safeParse({ councilMin: 10, councilMax: 8 }).success).toBe(false)
  })

  it('reads anything that is not an object as "nothing stored"', () => {
    for (const json of [null, undefined, 'x', 42, [1, 2]]) expect(readReviewRules(json)).toEqual(DEFAULT_REVIEW_RULES)
  })
})

describe('councilProblems', () => {
  it('accepts 7 to 9 members with one chair, at most one vice-chair and one secretary', () => {
    expect(councilProblems(council(7), R)).toEqual([])
    expect(councilProblems(council(9), R)).toEqual([])
    // The vice-chair is optional.
    expect(councilProblems(council(7).map((m) => (m.role === 'vice_chair' ? { ...m, role: 'member' as const } : m)), R)).toEqual([])
  })

  it('refuses 6 and 10 members, with the numbers for the message', () => {
    expect(councilProblems(council(6), R)).toEqual([{ code: 'council.problem.size', params: { min: 7, max: 9, count: 6 } }])
    expect(councilProblems(council(10), R)).toEqual([{ code: 'council.problem.size', params: { min: 7, max: 9, count: 10 } }])
  })

  it('wants exactly one chair and one secretary, and at most one vice-chair', () => {
    const m = council(8)
    m[3] = { ...m[3], role: 'chair' }
    m[4] = { ...m[4], role: 'vice_chair' }
    m[2] = { ...m[2], role: 'member' }
    expect(councilProblems(m, R)).toEqual([
      { code: 'council.problem.chair', params: { count: 2 } },
      { code: 'council.problem.secretary', params: { count: 0 } },
      { code: 'council.problem.vice_chair', params: { count: 2 } },
    ])
    expect(codes(councilProblems(council(7).slice(1).concat({ userId: 'x', role: 'member' }), R))).toEqual(['council.problem.chair'])
  })

  it('counts a person listed twice once and names them', () => {
    const m = [...council(7), { userId: 'u5', role: 'member' as const }]
    // 8 entries but 7 people: the size is fine, the duplicate is not.
    expect(councilProblems(m, R)).toEqual([{ code: 'council.problem.duplicate', params: { userId: 'u5' } }])
    expect(codes(councilProblems([...council(6), { userId: 'u6', role: 'member' }], R))).toEqual(['council.problem.size', 'council.problem.duplicate'])
  })

  it('follows the configured size', () => {
    expect(councilProblems(council(5), { ...R, councilMin: 5 })).toEqual([])
  })
})

describe('opponentProblems', () => {
  const ids = council(7).map((m) => m.userId)

  it('accepts two distinct council members', () => {
    expect(opponentProblems(['u4', 'u5'], ids, R)).toEqual([])
  })

  it('wants exactly two', () => {
    expect(opponentProblems(['u4'], ids, R)).toEqual([{ code: 'council.problem.opponent_count', params: { required: 2, count: 1 } }])
    expect(codes(opponentProblems(['u4', 'u5', 'u6'], ids, R))).toEqual(['council.problem.opponent_count'])
    expect(codes(opponentProblems([], ids, R))).toEqual(['council.problem.opponent_count'])
  })

  it('refuses the same person twice and someone outside the council', () => {
    expect(opponentProblems(['u4', 'u4'], ids, R)).toEqual([
      { code: 'council.problem.opponent_count', params: { required: 2, count: 1 } },
      { code: 'council.problem.opponent_duplicate', params: { userId: 'u4' } },
    ])
    expect(opponentProblems(['u4', 'outsider'], ids, R)).toEqual([{ code: 'council.problem.opponent_not_member', params: { userId: 'outsider' } }])
  })
})

describe('quorum', () => {
  const members = council(7)
  const opponentIds = ['u4', 'u5']

  it('needs 5 of 7: 2/3 × 7 = 4.67, rounded up', () => {
    const ok = quorum({ members, present: ['u1', 'u3', 'u4', 'u5', 'u6'], viceChairAuthorised: false, opponentIds }, R)
    expect(ok).toEqual({ ok: true, presentCount: 5, members: 7, required: 5, conflicted: [], problems: [] })
    const four = quorum({ members, present: ['u1', 'u4', 'u5', 'u6'], viceChairAuthorised: false, opponentIds }, R)
    expect(four).toEqual({ ok: false, presentCount: 4, members: 7, required: 5, conflicted: [], problems: [{ code: 'council.quorum.count', params: { present: 4, required: 5, members: 7 } }] })
  })

  it('needs 6 of 9 and 6 of 8 (2/3 × 8 = 5.33)', () => {
    expect(quorum({ members: council(9), present: [], viceChairAuthorised: false, opponentIds: [] }, R).required).toBe(6)
    expect(quorum({ members: council(8), present: [], viceChairAuthorised: false, opponentIds: [] }, R).required).toBe(6)
  })

  it('ignores people who are not on the council and people counted twice', () => {
    const r = quorum({ members, present: ['u1', 'u4', 'u5', 'u6', 'u6', 'guest'], viceChairAuthorised: false, opponentIds }, R)
    expect(r).toMatchObject({ ok: false, presentCount: 4 })
  })

  it('refuses a meeting without the chair, unless the vice-chair presides with written authority', () => {
    const present = ['u2', 'u3', 'u4', 'u5', 'u6', 'u7']
    expect(quorum({ members, present, viceChairAuthorised: false, opponentIds }, R)).toMatchObject({
      ok: false,
      presentCount: 6,
      problems: [{ code: 'council.quorum.chair', params: {} }],
    })
    expect(quorum({ members, present, viceChairAuthorised: true, opponentIds }, R)).toMatchObject({ ok: true, problems: [] })
    // The authority is no use when the vice-chair is absent too.
    const neither = ['u3', 'u4', 'u5', 'u6', 'u7']
    expect(codes(quorum({ members, present: neither, viceChairAuthorised: true, opponentIds }, R).problems)).toEqual(['council.quorum.chair'])
  })

  it('needs both opponent reviewers of the application', () => {
    const r = quorum({ members, present: ['u1', 'u2', 'u3', 'u4', 'u6', 'u7'], viceChairAuthorised: false, opponentIds }, R)
    expect(r).toEqual({ ok: false, presentCount: 6, members: 7, required: 5, conflicted: [], problems: [{ code: 'council.quorum.opponent', params: { userId: 'u5' } }] })
  })

  it('lists every problem at once', () => {
    const r = quorum({ members, present: ['u2', 'u3', 'u6'], viceChairAuthorised: false, opponentIds }, R)
    expect(codes(r.problems)).toEqual(['council.quorum.count', 'council.quorum.chair', 'council.quorum.opponent', 'council.quorum.opponent'])
  })

  it('says only that the attendance is not recorded, before it is', () => {
    expect(quorum({ members, present: [], viceChairAuthorised: false, opponentIds, attendanceRecorded: false }, R)).toEqual({
      ok: false,
      presentCount: 0,
      members: 7,
      required: 5,
      conflicted: [],
      problems: [{ code: 'council.quorum.attendance', params: {} }],
    })
  })

  describe('with a conflict of interest on the application', () => {
    const nine = council(9)
    const all = nine.map((m) => m.userId)

    it('leaves the member out of the council and of those present: 8 of 8, and 6 needed of 8', () => {
      const r = quorum({ members: nine, present: all, viceChairAuthorised: false, opponentIds, conflicted: ['u7'] }, R)
      expect(r).toEqual({ ok: true, presentCount: 8, members: 8, required: 6, conflicted: ['u7'], problems: [] })
      // 5 of the 8 without a conflict present is short of 6, although 6 of the 9 are in the room.
      const six = quorum({ members: nine, present: ['u1', 'u3', 'u4', 'u5', 'u6', 'u7'], viceChairAuthorised: false, opponentIds, conflicted: ['u7'] }, R)
      expect(six).toMatchObject({ ok: false, presentCount: 5, members: 8, required: 6, problems: [{ code: 'council.quorum.count', params: { present: 5, required: 6, members: 8 } }] })
    })

    it('has the vice-chair preside when the chair has the conflict, without written authority', () => {
      const withVice = quorum({ members: nine, present: all, viceChairAuthorised: false, opponentIds, conflicted: ['u1'] }, R)
      expect(withVice).toMatchObject({ ok: true, conflicted: ['u1'] })
      const noVice = quorum({ members: nine, present: all.filter((id) => id !== 'u2'), viceChairAuthorised: false, opponentIds, conflicted: ['u1'] }, R)
      expect(codes(noVice.problems)).toEqual(['council.quorum.chair_conflict'])
    })

    it('does not wait for an opponent who has the conflict', () => {
      const r = quorum({ members: nine, present: all.filter((id) => id !== 'u5'), viceChairAuthorised: false, opponentIds, conflicted: ['u5'] }, R)
      expect(r).toMatchObject({ ok: true, presentCount: 8, members: 8, problems: [] })
    })
  })
})

describe('acceptanceRating', () => {
  const votes = (excellent: number, pass: number, fail: number): AcceptanceVote[] => [
    ...Array<AcceptanceVote>(excellent).fill('excellent'),
    ...Array<AcceptanceVote>(pass).fill('pass'),
    ...Array<AcceptanceVote>(fail).fill('fail'),
  ]

  it('is excellent with at least 3/4 excellent and no fail', () => {
    // 3 of 4 = 3/4 exactly; 6 of 8 too.
    expect(acceptanceRating(votes(3, 1, 0))).toBe('excellent')
    expect(acceptanceRating(votes(6, 2, 0))).toBe('excellent')
    // 5 of 7 = 0.714 < 0.75.
    expect(acceptanceRating(votes(5, 2, 0))).toBe('pass')
    // One fail is enough to lose "excellent".
    expect(acceptanceRating(votes(8, 0, 1))).toBe('pass')
  })

  it('fails with more than 1/3 fail', () => {
    // 3 of 9 = 1/3 exactly: not more than 1/3.
    expect(acceptanceRating(votes(6, 0, 3))).toBe('pass')
    // 4 of 9 = 0.44; 2 of 5 = 0.4; 3 of 7 = 0.43.
    expect(acceptanceRating(votes(5, 0, 4))).toBe('fail')
    expect(acceptanceRating(votes(0, 3, 2))).toBe('fail')
    expect(acceptanceRating(votes(2, 2, 3))).toBe('fail')
  })

  it('is pass otherwise, and null without votes', () => {
    expect(acceptanceRating(votes(0, 7, 0))).toBe('pass')
    expect(acceptanceRating([])).toBeNull()
  })

  it('follows configured thresholds', () => {
    expect(acceptanceRating(votes(2, 1, 0), { ...R, acceptanceExcellentFraction: { num: 2, den: 3 } })).toBe('excellent')
  })
})

describe('REVIEW_PROBLEM_CODES', () => {
  it('lists every code the checks produce, for the catalogues', () => {
    const members = council(5)
    members[1] = { ...members[1], role: 'chair' }
    members[2] = { ...members[2], role: 'member' }
    members.push({ userId: 'u9', role: 'vice_chair' }, { userId: 'u9', role: 'vice_chair' })
    const criteria = [{ key: 'a', max: 10 }, { key: 'b', max: 10 }, { key: 'c', max: 10 }, { key: 'd', max: 10 }, { key: 'e', max: 10 }]
    const produced = [
      ...councilProblems(members, R),
      ...opponentProblems(['u4', 'u4', 'x', 'y'], ['u4'], R),
      ...quorum({ members, present: [], viceChairAuthorised: false, opponentIds: ['u4'] }, R).problems,
      ...quorum({ members, present: [], viceChairAuthorised: false, opponentIds: [], conflicted: ['u2'] }, R).problems,
      ...quorum({ members, present: [], viceChairAuthorised: false, opponentIds: [], attendanceRecorded: false }, R).problems,
      ...ballotProblems({ a: 11, b: -1, c: Number.NaN, d: 0.001, z: 1 }, criteria),
      ...ballotProblems({ a: 1, b: 1, c: 1, d: 1, e: 1 }, criteria, 6),
      ...aggregateBallots([{ reviewerId: 'r', scores: {} }, { reviewerId: 'r', scores: {} }], criteria, { membersPresent: 2, leadProposedTask: false }, R).ballots.flatMap((b) => b.problems),
    ].map((p) => p.code)
    expect(new Set(produced)).toEqual(new Set(REVIEW_PROBLEM_CODES))
  })
})
