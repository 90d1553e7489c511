import { TIME_ZONE } from '../../i18n/format'

// Statutory clocks in working days (browser-safe, pure). An instant becomes a local date in Việt Nam once,
// with Intl; from there on everything is calendar arithmetic on 'YYYY-MM-DD' in UTC, so neither the server's
// time zone nor anyone's daylight saving time can shift a day (Việt Nam itself has none).

export type ClockLevel = 'ok' | 'due_soon' | 'overdue'

export interface ClockState {
  /** The last local date on which the step is in time (the whole day counts). */
  dueDate: string
  /** Working days elapsed since the start date: "day 3 of 7". */
  elapsed: number
  /** Working days left after today up to the due date; 0 on the due date and once overdue. */
  remaining: number
  overdue: boolean
  level: ClockLevel
}

const DAY_MS = 86_400_000

// en-CA formats as YYYY-MM-DD.
const localDate = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })

/** The local date in Việt Nam of an instant, 'YYYY-MM-DD'. */
export function vnDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid date')
  return localDate.format(instant)
}

function toDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`)
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** Monday to Friday and not a public holiday. */
export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(toDay(date) * DAY_MS).getUTCDay()
  return weekday !== 0 && weekday !== 6 && !holidays.has(date)
}

/** The set the clocks take, from holiday rows ({ date } as in HOLIDAYS_VN or the holidays table). */
export function holidaySet(rows: readonly { date: string }[]): ReadonlySet<string> {
  return new Set(rows.map((r) => r.date))
}

/**
 * The due local date of a step of `days` working days. Counting starts on the working day after the start
 * date, whatever the hour or day it started: a dossier received on a Friday with 7 working days is due on the
 * Tuesday of the second week after (Mon…Fri are days 1–5, Mon 6, Tue 7). 0 days: due on the start date.
 */
export function addWorkingDays(startInstant: Date, days: number, holidays: ReadonlySet<string>): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Not a whole number of days: ${days}`)
  let day = toDay(vnDate(startInstant))
  for (let counted = 0; counted < days; ) {
    day += 1
    if (isWorkingDay(fromDay(day), holidays)) counted += 1
  }
  return fromDay(day)
}

/**
 * Working days elapsed from the start's local date to the local date of `toInstant`: the working days after
 * the start date up to and including that date (0 on the start date itself, and 0 if `toInstant` is earlier).
 * On the due date from addWorkingDays it equals the limit.
 */
export function workingDaysBetween(fromInstant: Date, toInstant: Date, holidays: ReadonlySet<string>): number {
  const from = toDay(vnDate(fromInstant))
  const to = toDay(vnDate(toInstant))
  let n = 0
  for (let day = from + 1; day <= to; day++) if (isWorkingDay(fromDay(day), holidays)) n += 1
  return n
}

/** Where a clock of `limitDays` working days stands at `now`: due soon with at most one working day left. */
export function clockState(startInstant: Date, limitDays: number, now: Date, holidays: ReadonlySet<string>): ClockState {
  const dueDate = addWorkingDays(startInstant, limitDays, holidays)
  const elapsed = workingDaysBetween(startInstant, now, holidays)
  // Overdue once the local date is past the due date; a weekend right after it is already late.
  const overdue = vnDate(now) > dueDate
  const remaining = overdue ? 0 : Math.max(0, limitDays - elapsed)
  const level: ClockLevel = overdue ? 'overdue' : remaining <= 1 ? 'due_soon' : 'ok'
  return { dueDate, elapsed, remaining, overdue, level }
}
