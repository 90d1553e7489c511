import type { DB } from '../../../db'
import type { PaymentStatus } from '../../../db/schema'
import { contractMoney } from './ledger'
import { listPayments } from './requests'
import type { Task } from './task'

/** What the payments pages of a task show: the figures, each tranche with its latest request, and the requests. */
export async function taskPayments(db: DB, task: Task) {
  const [money, { requests, events }] = await Promise.all([contractMoney(db, task.contract.id), listPayments(db, task.contract.id)])
  // requests come newest first: the first one met for a tranche is where it stands.
  const latest = new Map<string, PaymentStatus>()
  for (const r of requests) if (!latest.has(r.trancheId)) latest.set(r.trancheId, r.status)
  const tranches = task.contract.tranches.map((t) => ({ ...t, status: latest.get(t.id) ?? null }))
  /** Tranches the grantee may ask for now: none under way or paid. */
  const requestable = tranches.filter((t) => t.status === null || t.status === 'returned' || t.status === 'failed')
  return { money, tranches, requestable, requests, events }
}
