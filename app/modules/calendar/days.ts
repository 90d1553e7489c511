// Calendar-day arithmetic on Việt Nam dates ('YYYY-MM-DD'), without time zones: a date is a day number.

const DAY_MS = 86_400_000
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function parts(date: string): [number, number, number] {
  const m = DATE.exec(date)
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`)
  return [Number(m[1]), Number(m[2]), Number(m[3])]
}

const dayNumber = (date: string) => {
  const [y, m, d] = parts(date)
  return Date.UTC(y, m - 1, d) / DAY_MS
}
const fromDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10)

/** The date `days` calendar days after `date` (before it when negative). */
export function addCalendarDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days)
}

/** Calendar days from `from` to `to`: positive when `to` is later. */
export function calendarDaysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from)
}

/**
 * The same day `months` months later; a day the month lacks becomes its last day (31/01 + 1 month = 28/02 or
 * 29/02), as contracts count periods in months.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date)
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return fromDayNumber(Date.UTC(year, month, Math.min(d, last)) / DAY_MS)
}
