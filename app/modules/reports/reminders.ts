import { sql } from 'kysely'
import type { DB } from '../../../db'
import { startPoller } from '../../lib/poller'
import { addCalendarDays, vnDate } from '../calendar'
import { getReviewRules } from '../fund'
import type { ReviewRules } from '../review'
import { mailReportReminder, type ReminderKind } from './mail'
import { lateness } from './schedule'

// The reports' reminders, run on a schedule like the reviewers' (review/meeting.ts): before the due date, when
// the report becomes late, and when it becomes very late (the office is told too), by the Fund's days. Each is
// claimed by setting its timestamp in the same transaction as its mails, so running twice (or on two
// processes) sends each once. Only reports nobody has submitted, of tasks in progress, are reminded.

type Rules = Pick<ReviewRules, 'reportReminderDays' | 'reportLateAfterDays' | 'reportVeryLateAfterDays'>

const COLUMN = { before: 'reminded_at', late: 'late_notified_at', very_late: 'very_late_notified_at' } as const

export async function sendReportReminders(db: DB, now: Date, rules: Rules, appUrl = ''): Promise<Record<ReminderKind, number>> {
  const today = vnDate(now)
  const candidates = await db
    .selectFrom('progress_reports as r')
    .innerJoin('contracts as c', 'c.id', 'r.contract_id')
    .innerJoin('applications as a', 'a.id', 'c.application_id')
    .select(['r.id', 'r.reminded_at', 'r.late_notified_at', 'r.very_late_notified_at', sql<string>`to_char(r.due_on, 'YYYY-MM-DD')`.as('due_on')])
    .where('r.status', '=', 'due')
    .where('c.status', '=', 'signed')
    .where('a.status', '=', 'in_progress')
    .where('r.due_on', '<=', sql<Date>`${addCalendarDays(today, rules.reportReminderDays)}::date`)
    .where((eb) => eb.or([eb('r.reminded_at', 'is', null), eb('r.late_notified_at', 'is', null), eb('r.very_late_notified_at', 'is', null)]))
    .execute()
  const sent: Record<ReminderKind, number> = { before: 0, late: 0, very_late: 0 }
  for (const c of candidates) {
    const { flag, daysPastDue } = lateness({ dueOn: c.due_on, firstSubmittedOn: null }, today, rules)
    // One mail a round, the one the report's state calls for: a report found very late is not also told it is late.
    const kind: ReminderKind | null = flag === 'very_late' ? (c.very_late_notified_at ? null : 'very_late') : flag === 'late' ? (c.late_notified_at ? null : 'late') : c.reminded_at || flag !== null ? null : 'before'
    if (!kind) continue
    await db.transaction().execute(async (trx) => {
      const column = COLUMN[kind]
      const claimed = await trx
        .updateTable('progress_reports')
        .set({ [column]: now })
        .where('id', '=', c.id)
        .where(column, 'is', null)
        .where('status', '=', 'due')
        .returning('contract_id')
        .executeTakeFirst()
      if (!claimed) return
      // A report that is late has had its "before" chance; mark the earlier levels so they are not sent after.
      if (kind !== 'before') await trx.updateTable('progress_reports').set({ reminded_at: sql<Date>`coalesce(reminded_at, ${now})` }).where('id', '=', c.id).execute()
      if (kind === 'very_late') await trx.updateTable('progress_reports').set({ late_notified_at: sql<Date>`coalesce(late_notified_at, ${now})` }).where('id', '=', c.id).execute()
      const task = await trx
        .selectFrom('contracts as c')
        .innerJoin('applications as a', 'a.id', 'c.application_id')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .select(['a.id', 'a.reference', 'a.title', 'a.organisation_id', 'o.name'])
        .where('c.id', '=', claimed.contract_id)
        .executeTakeFirstOrThrow()
      await mailReportReminder(trx, {
        kind,
        reportId: c.id,
        applicationId: task.id,
        reference: task.reference ?? '',
        title: task.title,
        organisationId: task.organisation_id,
        organisation: task.name,
        daysPastDue,
        appUrl,
      })
      sent[kind]++
    })
  }
  return sent
}

/** Starts the reminders job: now, then every `everyMs`; the timer does not keep the process alive. */
export function startReportReminders(db: DB, opts: { everyMs: number; appUrl: string }) {
  return startPoller('reports', opts.everyMs, async () => {
    await sendReportReminders(db, new Date(), await getReviewRules(db), opts.appUrl)
  }, { unref: true })
}
