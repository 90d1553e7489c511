// Calendar months on Việt Nam dates ('YYYY-MM-DD'): a contract's schedule counts in months from a day.

/**
 * The date `months` calendar months after `date`, on the same day of the month, or the month's last day when
 * it has no such day (31 January + 1 month = 28 or 29 February; 31 March − 1 month = 28 or 29 February).
 */
export function addMonths(date: string, months: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`)
  if (!Number.isInteger(months)) throw new RangeError(`Not a whole number of months: ${months}`)
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const day = Math.min(Number(m[3]), lastDay)
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}
