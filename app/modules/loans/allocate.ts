// How a repayment is split over the instalments, pure (ADR 026): the oldest instalment first, and within one
// instalment its interest before its principal — so what stays unpaid is the newest principal, never interest
// on an old period. What is left after the last instalment offered is returned, not spread.

export interface Owed {
  id: string
  /** Interest still owed on this instalment, đồng. */
  interest: number
  /** Principal still owed on this instalment, đồng. */
  principal: number
}

export interface Allocation {
  id: string
  interest: number
  principal: number
}

export function allocate(owed: readonly Owed[], amount: number): { parts: Allocation[]; rest: number } {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`Not a whole amount: ${amount}`)
  let rest = amount
  const parts: Allocation[] = []
  for (const o of owed) {
    if (rest === 0) break
    const interest = Math.min(rest, o.interest)
    rest -= interest
    const principal = Math.min(rest, o.principal)
    rest -= principal
    if (interest > 0 || principal > 0) parts.push({ id: o.id, interest, principal })
  }
  return { parts, rest }
}
