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
