import type { DB } from '../../../db'
import { nextDue as acceptanceNext } from '../acceptance'
import { addCalendarDays, vnDate } from '../calendar'
import { type Contract, contractOf, type NextDue } from '../contracts'
import { nextDue as loanNext } from '../loans'
import { nextDue as paymentNext } from '../payments'
import { nextDue as reportNext } from '../reports'

// The agenda of a funded task: what each of its parts (contract, payments, reports, acceptance, loan) asks of
// the grantee next, gathered and put in date order, for the task pages, the list of tasks and the start page.

export interface AgendaItem extends NextDue {
  /** Its day is past (in Việt Nam). */
  overdue: boolean
}

/** How far ahead the start page looks for something due. */
export const DUE_SOON_DAYS = 30

const RUNNING: readonly Contract['status'][] = ['signed', 'liquidated', 'terminated']

/** Soonest first; steps with no day (a tranche paid on a condition) after those with one. */
function byDay(a: NextDue, b: NextDue) {
  return (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31')
}

/** The agenda of a contract already read; the contract's own step while it waits for the grantee's acceptance. */
export async function agendaOf(db: DB, contract: Contract, now = new Date()): Promise<AgendaItem[]> {
  const found: (NextDue | null)[] = []
  if (contract.status === 'proposed') {
    const accepted = await db.selectFrom('contracts').select('accepted_at').where('id', '=', contract.id).executeTakeFirst()
    if (!accepted?.accepted_at) found.push({ labelKey: 'tasks.next.acceptContract', dueOn: null, href: `/tasks/${contract.applicationId}/contract` })
  } else if (RUNNING.includes(contract.status)) {
    // One after the other: the reports' step may write the schedule, and a transaction is one connection.
    found.push(await paymentNext(db, contract.id), await reportNext(db, contract.id), await acceptanceNext(db, contract.id))
    if (contract.modality === 'preferential_loan') found.push(await loanNext(db, contract.id))
  }
  const today = vnDate(now)
  return found
    .filter((x): x is NextDue => x !== null)
    .sort(byDay)
    .map((x) => ({ ...x, overdue: x.dueOn !== null && x.dueOn < today }))
}

/** What a funded task asks of its grantee next, soonest first; empty when nothing (or no contract). */
export async function taskAgenda(db: DB, applicationId: string, now = new Date()): Promise<AgendaItem[]> {
  const contract = await contractOf(db, applicationId)
  return contract ? agendaOf(db, contract, now) : []
}

/** True when the item is due within DUE_SOON_DAYS of today, or already late. */
export function isDueSoon(item: AgendaItem, now = new Date()): boolean {
  return item.dueOn !== null && item.dueOn <= addCalendarDays(vnDate(now), DUE_SOON_DAYS)
}

/**
 * The office's page for a step of the grantee's agenda: the same part under /staff/tasks (the results dossier
 * is the acceptance page there).
 */
export function staffHref(href: string): string {
  return href.replace(/^\/tasks\/([^/#?]+)\/results/, '/staff/tasks/$1/acceptance').replace(/^\/tasks\//, '/staff/tasks/')
}
