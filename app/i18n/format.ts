import type { Lang } from './index'

export const TIME_ZONE = 'Asia/Ho_Chi_Minh'

const NBSP = '\u00a0'
const groups = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 })
const dateParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** Whole VND with dot separators, the symbol after a no-break space: "12.345.678 ₫". Same in both languages. */
export function formatMoney(amount: number): string {
  return `${groups.format(Math.round(amount))}${NBSP}₫`
}

/** Plain number with Vietnamese grouping: "1.234". */
export function formatNumber(n: number): string {
  return groups.format(n)
}

function parts(date: Date | string) {
  const d = typeof date === 'string' ? new Date(date) : date
  const p = Object.fromEntries(dateParts.formatToParts(d).map((x) => [x.type, x.value]))
  return { day: p.day, month: p.month, year: p.year, hour: p.hour, minute: p.minute }
}

/** dd/mm/yyyy in Asia/Ho_Chi_Minh. */
export function formatDate(date: Date | string): string {
  const p = parts(date)
  return `${p.day}/${p.month}/${p.year}`
}

/** A calendar day stored as 'YYYY-MM-DD' (a due date), as people write it: dd/mm/yyyy. */
export function formatDay(day: string): string {
  return formatDate(new Date(`${day}T12:00:00+07:00`))
}

/** HH:mm in Asia/Ho_Chi_Minh. */
export function formatTime(date: Date | string): string {
  const p = parts(date)
  return `${p.hour}:${p.minute}`
}

/** "14:32 dd/mm/yyyy" in Vietnamese (time first, as Vietnamese notices write it); "dd/mm/yyyy 14:32" in English. */
export function formatDateTime(date: Date | string, lang: Lang = 'vi'): string {
  return lang === 'vi' ? `${formatTime(date)} ${formatDate(date)}` : `${formatDate(date)} ${formatTime(date)}`
}

/** The value of an <input type="date"> (yyyy-mm-dd) for an instant, in Asia/Ho_Chi_Minh. */
export function toDateInputValue(date: Date | string): string {
  const p = parts(date)
  return `${p.year}-${p.month}-${p.day}`
}

const oneDecimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 })

/** A file size in the reader's words: "512 byte", "12,5 KB", "3,2 MB" (Vietnamese decimal comma in both languages). */
export function formatFileSize(bytes: number, t: (key: 'attachments.size.bytes' | 'attachments.size.kb' | 'attachments.size.mb', params: { n: string | number }) => string) {
  if (bytes < 1024) return t('attachments.size.bytes', { n: bytes })
  if (bytes < 1024 * 1024) return t('attachments.size.kb', { n: oneDecimal.format(bytes / 1024) })
  return t('attachments.size.mb', { n: oneDecimal.format(bytes / (1024 * 1024)) })
}
