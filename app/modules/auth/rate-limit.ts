import { sql } from 'kysely'
import type { DB } from '../../../db'

// Fixed-window counters kept in the database (`rate_limits`), so every instance of the portal shares one count.

function windowOf(windowMinutes: number) {
  const windowMs = windowMinutes * 60_000
  const start = Math.floor(Date.now() / windowMs) * windowMs
  return { start: new Date(start), end: new Date(start + windowMs) }
}

const secondsUntil = (end: Date) => Math.ceil((end.getTime() - Date.now()) / 1000)

/**
 * Counts a hit. Returns whether this hit is allowed and, if not, how long until the window ends.
 */
export async function consumeRateLimit(db: DB, key: string, limit: number, windowMinutes: number) {
  const window = windowOf(windowMinutes)
  const row = await sql<{ hits: number }>`
    INSERT INTO rate_limits (key, window_start, hits) VALUES (${key}, ${window.start}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1
    RETURNING hits`.execute(db)
  const hits = row.rows[0].hits
  return { allowed: hits <= limit, retryAfterSeconds: secondsUntil(window.end) }
}

export interface RateLimitSlot {
  key: string
  /** The count with this slot, 1 to limit. */
  hits: number
  windowStart: Date
  windowEnd: Date
}

/**
 * Takes one of the window's `limit` slots, atomically: of many concurrent callers at most `limit` get one,
 * and a refused call does not count. Null when the window is full. A slot whose attempt turned out not to
 * count (a right password) is given back with releaseRateLimit.
 */
export async function reserveRateLimit(db: DB, key: string, limit: number, windowMinutes: number): Promise<RateLimitSlot | { full: true; retryAfterSeconds: number }> {
  const window = windowOf(windowMinutes)
  const row = await sql<{ hits: number }>`
    INSERT INTO rate_limits (key, window_start, hits) VALUES (${key}, ${window.start}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1 WHERE rate_limits.hits < ${limit}
    RETURNING hits`.execute(db)
  if (!row.rows.length) return { full: true, retryAfterSeconds: secondsUntil(window.end) }
  return { key, hits: row.rows[0].hits, windowStart: window.start, windowEnd: window.end }
}

export async function releaseRateLimit(db: DB, slot: RateLimitSlot) {
  await db
    .updateTable('rate_limits')
    .set((eb) => ({ hits: eb('hits', '-', 1) }))
    .where('key', '=', slot.key)
    .where('window_start', '=', slot.windowStart)
    .where('hits', '>', 0)
    .execute()
}

/** Forgets every window of a key (an account whose owner proved they hold its mailbox). */
export async function clearRateLimit(db: DB, key: string) {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute()
}

export async function pruneRateLimits(db: DB, olderThanMinutes = 24 * 60) {
  await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', new Date(Date.now() - olderThanMinutes * 60_000))
    .execute()
}
