import { randomBytes } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database, Lang, Role } from '../../../db/schema'
import { statement } from '../../../db/statement'
import { sha256 } from './tokens'

type Q = Kysely<Database> | Transaction<Database>

export const SESSION_IDLE_DAYS = 7
export const SESSION_MAX_DAYS = 30
const TOUCH_EVERY_MS = 10 * 60_000

export interface SessionUser {
  id: string
  email: string
  fullName: string
  lang: Lang
  roles: Role[]
  sessionHash: string
}

const days = (n: number) => n * 24 * 3600_000

/** Starts a session; returns the raw id for the (signed) cookie. The database keeps only its hash. */
export async function createSession(db: Q, userId: string, meta: { ip?: string | null; userAgent?: string | null }) {
  const raw = randomBytes(32).toString('base64url')
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(raw),
      user_id: userId,
      expires_at: new Date(Date.now() + days(SESSION_IDLE_DAYS)),
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute()
  return raw
}

// Every signed-in request runs it: written once (db/statement.ts, ADR 030) rather than built per call.
const sessionUserOfHash = statement<{
  id: string
  email: string
  full_name: string
  lang: Lang
  status: string
  created_at: Date
  last_seen_at: Date
  expires_at: Date
  roles: unknown
}>(
  `SELECT u.id, u.email, u.full_name, u.lang, u.status, s.created_at, s.last_seen_at, s.expires_at,
     (SELECT coalesce(array_agg(role ORDER BY role), '{}') FROM user_roles WHERE user_roles.user_id = u.id) AS roles
   FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.id_hash = $1 AND s.expires_at > now()`,
)

/** The signed-in user of a raw session id, or null. Slides the idle expiry, never past the absolute limit. */
export async function findSessionUser(db: Q, raw: string): Promise<SessionUser | null> {
  const hash = sha256(raw)
  const [row] = await sessionUserOfHash(db, hash)
  if (!row || row.status !== 'active') return null
  const now = Date.now()
  if (now - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    const expires = Math.min(now + days(SESSION_IDLE_DAYS), row.created_at.getTime() + days(SESSION_MAX_DAYS))
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now), expires_at: new Date(expires) })
      .where('id_hash', '=', hash)
      .execute()
  }
  return {
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    lang: row.lang,
    roles: parseRoles(row.roles),
    sessionHash: hash,
  }
}

// postgres.js returns text[] as an array; PGlite too, but be tolerant of the '{a,b}' literal form.
function parseRoles(value: unknown): Role[] {
  if (Array.isArray(value)) return value as Role[]
  if (typeof value === 'string') return value.replace(/[{}]/g, '').split(',').filter(Boolean) as Role[]
  return []
}

export async function destroySession(db: Q, raw: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', sha256(raw)).execute()
}

/** Ends every session of a user (after a password reset), or every other one (after a change). */
export async function destroyUserSessions(db: Q, userId: string, exceptHash?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (exceptHash) q = q.where('id_hash', '!=', exceptHash)
  await q.execute()
}

export async function pruneExpiredSessions(db: Q) {
  await db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).execute()
  await db.deleteFrom('user_tokens').where('expires_at', '<', sql<Date>`now() - interval '30 days'`).execute()
}
