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

const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' }
const numberFormats = new Map<string, Intl.NumberFormat>()

/**
 * THE number formatter of the portal: every count, score and percentage shown on a page, in a mail or a sheet goes
 * through it (money through formatMoney, which is the same in both languages). Vietnamese writes "1.234,5", English
 * "1,234.5". `decimals` is the most decimals shown (default 2); with `fixed` exactly that many ("80,40").
 * Without a language: Vietnamese (the PDFs, and the values put back into Vietnamese-style form fields).
 */
export function formatNumber(n: number, lang: Lang = 'vi', opts: { decimals?: number; fixed?: boolean } = {}): string {
  const decimals = opts.decimals ?? 2
  const key = `${lang}:${decimals}:${opts.fixed ? 1 : 0}`
  let f = numberFormats.get(key)
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: decimals, minimumFractionDigits: opts.fixed ? decimals : 0 })
    numberFormats.set(key, f)
  }
  return f.format(n)
}

/**
 * A percentage given in percent (53.85 for 53.85 %): "53,85 %" in Vietnamese (a no-break space before the sign, as
 * Vietnamese typography writes it), "53.85%" in English.
 */
export function formatPercent(pct: number, lang: Lang = 'vi', opts: { decimals?: number; fixed?: boolean } = {}): string {
  const n = formatNumber(pct, lang, opts)
  return lang === 'vi' ? `${n}${NBSP}%` : `${n}%`
}

/** A score (points, a mean of ballots): always two decimals, "80,38" / "80.38"; "—" when there is none. */
export function formatScore(score: number | null | undefined, lang: Lang = 'vi'): string {
  return score === null || score === undefined ? '—' : formatNumber(score, lang, { decimals: 2, fixed: true })
}

function parts(date: Date | string) {
  const d = typeof date === 'string' ? new Date(date) : date
  const p = Object.fromEntries(dateParts.formatToParts(d).map((x) => [x.type, x.value]))
  return { day: p.day, month: p.month, year: p.year, hour: p.hour, minute: p.minute }
}

/**
 * Text typed by someone (a title, a reason, a place) as the end of a sentence: with one full stop, whether or
 * not it was typed with one ("Hà Nội" and "Hà Nội." both give "Hà Nội."; "Tại sao?" stays).
 */
export function endSentence(text: string): string {
  const t = text.trim()
  return /[.!?…]$/.test(t) ? t : `${t}.`
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

/**
 * A file size in the reader's words and number format: "512 byte", "12,5 KB" / "12.5 KB". The language is the
 * translator's (the size messages format `{n, number}` themselves).
 */
export function formatFileSize(bytes: number, t: (key: 'attachments.size.bytes' | 'attachments.size.kb' | 'attachments.size.mb', params: { n: string | number }) => string) {
  const oneDecimal = (n: number) => Math.round(n * 10) / 10
  if (bytes < 1024) return t('attachments.size.bytes', { n: bytes })
  if (bytes < 1024 * 1024) return t('attachments.size.kb', { n: oneDecimal(bytes / 1024) })
  return t('attachments.size.mb', { n: oneDecimal(bytes / (1024 * 1024)) })
}
