// Browser-safe: the ballot form's field names and how a typed score is read, shared by the page (live total)
// and the module (saving).

export const RECOMMENDATIONS = ['fund', 'fund_with_changes', 'do_not_fund'] as const

/** Form names of the ballot: flat, one per criterion. */
export const scoreField = (key: string) => `score_${key}`
export const commentField = (key: string) => `comment_${key}`

/** "12,5" or "12.5" → 12.5; empty → undefined; anything else → NaN. */
export function readScore(text: string | undefined): number | undefined {
  const s = (text ?? '').trim().replace(',', '.')
  if (s === '') return undefined
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN
}

/** A ballot's total, added in hundredths so that 0,1 + 0,2 is 0,3; what is not a number counts nothing. */
export function ballotTotal(scores: Iterable<number | undefined>): number {
  let hundredths = 0
  for (const x of scores) if (x !== undefined && Number.isFinite(x)) hundredths += Math.round(x * 100)
  return hundredths / 100
}
