import { sql } from 'kysely'
import type { DB } from '../../../db'

/**
 * Fixed-window counter kept in the database, so every instance of the portal shares one count.
 * Returns whether this hit is allowed and, if not, how long until the window ends.
 */
export async function consumeRateLimit(db: DB, key: string, limit: number, windowMinutes: number) {
  const windowMs = windowMinutes * 60_000
  const start = Math.floor(Date.now() / windowMs) * windowMs
  const row = await sql<{ hits: number }>`
    INSERT INTO rate_limits (key, window_start, hits) VALUES (${key}, ${new Date(start)}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1
    RETURNING hits`.execute(db)
  const hits = row.rows[0].hits
  return { allowed: hits <= limit, retryAfterSeconds: Math.ceil((start + windowMs - Date.now()) / 1000) }
}

export async function pruneRateLimits(db: DB, olderThanMinutes = 24 * 60) {
  await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', new Date(Date.now() - olderThanMinutes * 60_000))
    .execute()
}
