import { sql } from 'kysely'
import type { DB } from '../../../db'
import { formatDay, formatMoney } from '../../i18n/format'
import { startPoller } from '../../lib/poller'
import { calendarDaysBetween, vnDate } from '../calendar'
import { notifyBorrower } from './mail'
import { getLoanRules, type LoanRules } from './rules'

// The loans' reminders, run on a schedule like the reviewers' (review/meeting.ts): a reminder once when an
// unpaid instalment falls due within rules.reminderDaysBefore days, and an overdue notice once it is past its due
// date and the grace, repeated every rules.overdueRemindEveryDays while it stays unpaid. Each instalment is
// claimed by its timestamp in the same transaction as the mail, so two runs (or two processes) send one mail.

const unpaid = sql<boolean>`(i.paid_principal < i.principal OR i.paid_interest < i.interest)`

export async function sendLoanReminders(db: DB, now: Date, rules: LoanRules, appUrl = ''): Promise<{ reminders: number; overdue: number }> {
  const today = vnDate(now)
  const candidates = await db
    .selectFrom('loan_instalments as i')
    .innerJoin('loans as l', 'l.id', 'i.loan_id')
    .select(['i.id', sql<boolean>`i.due_on + ${rules.overdueAfterDays}::int < ${today}::date`.as('overdue')])
    .where('l.status', '=', 'active')
    .where(unpaid)
    .where((eb) =>
      eb.or([
        eb.and([
          sql<boolean>`i.due_on + ${rules.overdueAfterDays}::int < ${today}::date`,
          eb.or([eb('i.overdue_notified_on', 'is', null), sql<boolean>`i.overdue_notified_on + ${rules.overdueRemindEveryDays}::int <= ${today}::date`]),
        ]),
        eb.and([eb('i.reminded_at', 'is', null), sql<boolean>`i.due_on >= ${today}::date`, sql<boolean>`i.due_on <= ${today}::date + ${rules.reminderDaysBefore}::int`]),
      ]),
    )
    .orderBy('i.due_on')
    .execute()
  let reminders = 0
  let overdue = 0
  for (const c of candidates) {
    await db.transaction().execute(async (trx) => {
      const claim = trx.updateTable('loan_instalments as i').where('i.id', '=', c.id).where(unpaid)
      const claimed = await (c.overdue
        ? claim
            .set({ overdue_notified_on: today })
            .where((eb) => eb.or([eb('i.overdue_notified_on', 'is', null), sql<boolean>`i.overdue_notified_on + ${rules.overdueRemindEveryDays}::int <= ${today}::date`]))
        : claim.set({ reminded_at: now }).where('i.reminded_at', 'is', null)
      )
        .returning(['i.loan_id', 'i.seq', sql<string>`to_char(i.due_on, 'YYYY-MM-DD')`.as('due_on'), sql<string>`i.principal - i.paid_principal + i.interest - i.paid_interest`.as('owed')])
        .executeTakeFirst()
      if (!claimed) return
      const { application_id } = await trx
        .selectFrom('loans as l')
        .innerJoin('contracts as k', 'k.id', 'l.contract_id')
        .select('k.application_id')
        .where('l.id', '=', claimed.loan_id)
        .executeTakeFirstOrThrow()
      const data = { seq: claimed.seq, due: formatDay(claimed.due_on), amount: formatMoney(Number(claimed.owed)) }
      if (c.overdue) {
        await notifyBorrower(trx, appUrl, application_id, 'loan_instalment_overdue', { ...data, days: calendarDaysBetween(claimed.due_on, today) })
        overdue++
      } else {
        await notifyBorrower(trx, appUrl, application_id, 'loan_instalment_due', data)
        reminders++
      }
    })
  }
  return { reminders, overdue }
}

/** Starts the loans' reminders: now, then every `everyMs`; the timer does not keep the process alive. */
export function startLoanReminders(db: DB, opts: { everyMs: number; appUrl: string }) {
  return startPoller('loans', opts.everyMs, async () => {
    await sendLoanReminders(db, new Date(), await getLoanRules(db), opts.appUrl)
  }, { unref: true })
}
