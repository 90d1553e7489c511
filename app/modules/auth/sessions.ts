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

/** The session's columns as `SESSION_SQL` reads them (prefixed, so that a statement can read other rows beside). */
export interface SessionColumns {
  session_user_id: string
  session_email: string
  session_full_name: string
  session_lang: Lang
  session_user_status: string
  session_created_at: Date
  session_last_seen_at: Date
  session_expires_at: Date
  session_roles: unknown
}

/**
 * A live session and its user, as SQL: the columns, the tables and the condition ($1 is the session's hash).
 * One definition for findSessionUser and for a statement that reads the session with what the request needs in
 * the same round trip (the deadline-day autosave's membership: applications/access.ts, ADR 030).
 */
export const SESSION_SQL = {
  columns: `u.id AS session_user_id, u.email AS session_email, u.full_name AS session_full_name, u.lang AS session_lang,
     u.status AS session_user_status, s.created_at AS session_created_at, s.last_seen_at AS session_last_seen_at,
     s.expires_at AS session_expires_at,
     (SELECT coalesce(array_agg(role ORDER BY role), '{}') FROM user_roles WHERE user_roles.user_id = u.id) AS session_roles`,
  from: 'sessions s JOIN users u ON u.id = s.user_id',
  where: 's.id_hash = $1 AND s.expires_at > now()',
} as const

// Every signed-in request runs it: written once (db/statement.ts, ADR 030) rather than built per call.
const sessionUserOfHash = statement<SessionColumns>(`SELECT ${SESSION_SQL.columns} FROM ${SESSION_SQL.from} WHERE ${SESSION_SQL.where}`)

/** The signed-in user of a raw session id, or null. Slides the idle expiry, never past the absolute limit. */
export async function findSessionUser(db: Q, raw: string): Promise<SessionUser | null> {
  const hash = sha256(raw)
  const [row] = await sessionUserOfHash(db, hash)
  return sessionUserOfRow(db, hash, row)
}

/**
 * The signed-in user of a live session's row read by `SESSION_SQL` (none: signed out), or null for a user who
 * may no longer sign in. Slides the idle expiry, never past the absolute limit.
 */
export async function sessionUserOfRow(db: Q, hash: string, row: SessionColumns | undefined): Promise<SessionUser | null> {
  if (!row || row.session_user_status !== 'active') return null
  const now = Date.now()
  if (now - row.session_last_seen_at.getTime() > TOUCH_EVERY_MS) {
    const expires = Math.min(now + days(SESSION_IDLE_DAYS), row.session_created_at.getTime() + days(SESSION_MAX_DAYS))
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now), expires_at: new Date(expires) })
      .where('id_hash', '=', hash)
      .execute()
  }
  return {
    id: row.session_user_id,
    email: row.session_email,
    fullName: row.session_full_name,
    lang: row.session_lang,
    roles: parseRoles(row.session_roles),
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
