import type { Call } from '../../../db/schema'

export type CallPhase = 'upcoming' | 'open' | 'closed'

/** Where a published call stands at an instant: the deadline is server time, plus the call's grace minutes. */
export function callPhase(call: Pick<Call, 'opens_at' | 'closes_at' | 'grace_minutes' | 'status'>, now = new Date()): CallPhase {
  if (call.status === 'closed') return 'closed'
  if (now < call.opens_at) return 'upcoming'
  return now.getTime() <= call.closes_at.getTime() + call.grace_minutes * 60_000 ? 'open' : 'closed'
}
