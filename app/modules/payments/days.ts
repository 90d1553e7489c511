/** A calendar day 'YYYY-MM-DD' plus `days` calendar days. */
export function addDaysIso(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
