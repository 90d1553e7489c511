import { addCalendarDays, addMonths, calendarDaysBetween } from '../calendar/days'

// The reporting schedule of a contract and how late a report is (pure, browser-safe). The periods come from
// the contract (its start, its end, a report every N months); the days that make a report late or very late
// are the Fund's rules (fund_settings.review_rules), never constants here.

export interface ReportPeriod {
  seq: number
  /** First and last day the report covers, and the day it is due: 'YYYY-MM-DD'. */
  periodFrom: string
  periodTo: string
  dueOn: string
}

/**
 * One periodic report for each whole period of `everyMonths` months from the start, due the day after the
 * period ends, as long as that day falls on or before the contract's last day; the last stretch is reported by
 * the final results dossier (acceptance), not by a periodic report. Counted from the start every time (not
 * from the previous period), so 31/01 + 1 month, + 2 months land on 28/02, 31/03.
 */
export function reportSchedule(contract: { startsOn: string; endsOn: string; reportEveryMonths: number }): ReportPeriod[] {
  const every = contract.reportEveryMonths
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`report period of ${every} months`)
  const periods: ReportPeriod[] = []
  for (let seq = 1; ; seq++) {
    const dueOn = addMonths(contract.startsOn, seq * every)
    if (dueOn > contract.endsOn) break
    periods.push({ seq, periodFrom: addMonths(contract.startsOn, (seq - 1) * every), periodTo: addCalendarDays(dueOn, -1), dueOn })
  }
  return periods
}

export type Lateness = 'late' | 'very_late'

export interface LatenessRules {
  reportLateAfterDays: number
  reportVeryLateAfterDays: number
}

/**
 * How late a report is: judged on the day its first version came in, or today while none has. Null when it was
 * (or still can be) on time. A report sent back for changes is not late again: it came in.
 */
export function lateness(report: { dueOn: string; firstSubmittedOn: string | null }, today: string, rules: LatenessRules): { flag: Lateness | null; daysPastDue: number } {
  const daysPastDue = calendarDaysBetween(report.dueOn, report.firstSubmittedOn ?? today)
  const flag = daysPastDue > rules.reportVeryLateAfterDays ? 'very_late' : daysPastDue > rules.reportLateAfterDays ? 'late' : null
  return { flag, daysPastDue: Math.max(0, daysPastDue) }
}
