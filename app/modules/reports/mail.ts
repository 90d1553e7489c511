import type { DB } from '../../../db'
import type { ReportOutcome } from '../../../db/schema'
import { formatDay } from '../../i18n/format'
import { enqueueEmail } from '../notifications'
import { applicantRecipients, officeRecipients } from '../workflow'
import type { Task } from './access'

// The mails of progress reports, each in the recipient's language, written to the outbox inside the
// transaction of the step they tell about.

async function reportFacts(trx: DB, reportId: string) {
  const r = await trx.selectFrom('progress_reports').select(['seq', 'version', 'period_from', 'period_to', 'due_on']).where('id', '=', reportId).executeTakeFirstOrThrow()
  const day = (d: Date) => d.toISOString().slice(0, 10)
  return { seq: r.seq, version: r.version, period: `${formatDay(day(r.period_from))} – ${formatDay(day(r.period_to))}`, due: formatDay(day(r.due_on)) }
}

/** A version came in: the office is told, with the link to review it. */
export async function mailReportSubmitted(trx: DB, input: { task: Task; reportId: string; by: string; appUrl: string; now: Date }): Promise<void> {
  const facts = await reportFacts(trx, input.reportId)
  for (const p of await officeRecipients(trx)) {
    await enqueueEmail(trx, {
      template: 'report_submitted',
      to: { address: p.email, name: p.fullName },
      lang: p.lang,
      data: { name: p.fullName, reference: input.task.reference, title: input.task.title, organisation: input.task.organisation, ...facts, by: input.by, link: `${input.appUrl}/staff/tasks/${input.task.applicationId}/reports#report-${facts.seq}` },
    })
  }
}

/** The office answered: the grantee's owners and editors are told, with the office's note. */
export async function mailReportReviewed(trx: DB, input: { task: Task; reportId: string; outcome: ReportOutcome; note: string; appUrl: string }): Promise<void> {
  const facts = await reportFacts(trx, input.reportId)
  for (const p of await applicantRecipients(trx, input.task.organisationId)) {
    await enqueueEmail(trx, {
      template: 'report_reviewed',
      to: { address: p.email, name: p.fullName },
      lang: p.lang,
      data: { name: p.fullName, reference: input.task.reference, title: input.task.title, ...facts, outcome: input.outcome, note: input.note, link: `${input.appUrl}/tasks/${input.task.applicationId}/reports#report-${facts.seq}` },
    })
  }
}

export type ReminderKind = 'before' | 'late' | 'very_late'

/**
 * A report is due soon, late, or very late: the grantee's owners and editors are told; when very late, the
 * office too (it decides what follows).
 */
export async function mailReportReminder(
  trx: DB,
  input: { kind: ReminderKind; reportId: string; applicationId: string; reference: string; title: string; organisationId: string; organisation: string; daysPastDue: number; appUrl: string },
): Promise<number> {
  const facts = await reportFacts(trx, input.reportId)
  const common = { reference: input.reference, title: input.title, organisation: input.organisation, seq: facts.seq, period: facts.period, due: facts.due, days: input.daysPastDue }
  let sent = 0
  for (const p of await applicantRecipients(trx, input.organisationId)) {
    const link = `${input.appUrl}/tasks/${input.applicationId}/reports#report-${facts.seq}`
    if (input.kind === 'before') {
      await enqueueEmail(trx, { template: 'report_reminder', to: { address: p.email, name: p.fullName }, lang: p.lang, data: { name: p.fullName, ...common, link } })
    } else {
      await enqueueEmail(trx, { template: 'report_overdue', to: { address: p.email, name: p.fullName }, lang: p.lang, data: { name: p.fullName, audience: 'grantee', level: input.kind, ...common, link } })
    }
    sent++
  }
  if (input.kind === 'very_late') {
    for (const p of await officeRecipients(trx)) {
      const link = `${input.appUrl}/staff/tasks/${input.applicationId}/reports#report-${facts.seq}`
      await enqueueEmail(trx, { template: 'report_overdue', to: { address: p.email, name: p.fullName }, lang: p.lang, data: { name: p.fullName, audience: 'office', level: 'very_late', ...common, link } })
      sent++
    }
  }
  return sent
}
