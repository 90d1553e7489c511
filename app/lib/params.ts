/**
 * Text as a person typed it, made safe to store and compare: NFC (as Vietnamese must be), without NUL and
 * other control characters (PostgreSQL refuses NUL; the rest are never meant), line breaks and tabs kept.
 */
export function cleanText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.normalize('NFC').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
}

/** A free-text query parameter (search boxes): cleaned, trimmed, at most `max` characters. */
export function searchParam(url: URL, name: string, max = 100): string {
  return cleanText(url.searchParams.get(name) ?? '').trim().slice(0, max)
}

/** Reads ?page= as a positive whole number (1 when absent or nonsense). */
export function pageParam(url: URL) {
  const n = Number(url.searchParams.get('page'))
  return Number.isInteger(n) && n > 0 && n < 100_000 ? n : 1
}

/** A whole-number route parameter, or a 404 for anything else. */
export function intParam(value: string | undefined): number {
  const n = Number(value)
  if (!value || !Number.isInteger(n) || n <= 0 || n > 2_147_483_647) throw new Response('Not found', { status: 404 })
  return n
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** An optional uuid query parameter (a filter), lower-cased, or undefined when absent or malformed. */
export function uuidFilter(value: string | null): string | undefined {
  return value && UUID.test(value) ? value.toLowerCase() : undefined
}

/** A uuid route parameter, or a 404 (never a database error on a malformed id). */
export function uuidParam(value: string | undefined): string {
  if (!value || !UUID.test(value)) throw new Response('Not found', { status: 404 })
  return value.toLowerCase()
}

/** A dd/mm/yyyy date typed by a person, as the start of that day in Asia/Ho_Chi_Minh; null when not a real date. */
export function parseVnDate(text: string): Date | null {
  const m = text.trim().match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/)
  if (!m) return null
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const utc = new Date(Date.UTC(y, mo - 1, d))
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d) return null
  return new Date(utc.getTime() - 7 * 3600_000)
}

/** An HH:mm (24-hour) time typed by a person, as minutes after midnight; null when not a real time. */
export function parseVnTime(text: string): number | null {
  const m = text.trim().match(/^(\d{1,2})[:h.](\d{2})$/)
  if (!m) return null
  const [h, min] = [Number(m[1]), Number(m[2])]
  return h <= 23 && min <= 59 ? h * 60 + min : null
}

/** A dd/mm/yyyy date and an HH:mm time typed by a person, as that instant in Asia/Ho_Chi_Minh (UTC+7, no DST). */
export function parseVnDateTime(date: string, time: string): Date | null {
  const day = parseVnDate(date)
  const minutes = parseVnTime(time)
  return day && minutes !== null ? new Date(day.getTime() + minutes * 60_000) : null
}
