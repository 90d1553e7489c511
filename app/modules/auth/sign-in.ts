import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { Env } from '../../config/env.server'
import { formatDateTime } from '../../i18n/format'
import { recordAudit } from '../audit'
import { enqueueEmail } from '../notifications'
import type { RequestMeta } from './accounts'
import { decoyHash, verifyPassword } from './password'
import { clearRateLimit, consumeRateLimit, releaseRateLimit, type RateLimitSlot, reserveRateLimit } from './rate-limit'

export type SignInLimits = Pick<Env, 'RATE_LIMIT_LOGIN' | 'RATE_LIMIT_LOGIN_ACCOUNT' | 'RATE_LIMIT_WINDOW_MINUTES'>

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: 'invalid' | 'unverified' }
  | { ok: false; reason: 'rate-limited'; minutes: number }

const accountKey = (email: string) => `login-account:${email.toLowerCase()}`
const warnedKey = (email: string) => `login-account-warned:${email.toLowerCase()}`
const minutesUntil = (seconds: number) => Math.max(1, Math.ceil(seconds / 60))

/**
 * Checks e-mail and password under three limits (ADR 005), each shared by every instance through the
 * database: attempts per client address and e-mail, attempts per client address, and failures per account
 * from any address. The last holds against guesses spread over many addresses: once an account has had
 * RATE_LIMIT_LOGIN_ACCOUNT failures in the window, every further attempt on it, the right password
 * included, is refused until the window ends, and its owner gets one mail. An address without an account
 * is counted and refused alike, so the answer says nothing about who has an account.
 */
export async function signIn(db: DB, input: { email: string; password: string }, meta: RequestMeta, limits: SignInLimits): Promise<SignInResult> {
  for (const [key, limit] of [
    [`login:${meta.ip}:${input.email}`, limits.RATE_LIMIT_LOGIN],
    [`login:${meta.ip}`, limits.RATE_LIMIT_LOGIN * 5],
  ] as const) {
    const hit = await consumeRateLimit(db, key, limit, limits.RATE_LIMIT_WINDOW_MINUTES)
    if (!hit.allowed) return { ok: false, reason: 'rate-limited', minutes: minutesUntil(hit.retryAfterSeconds) }
  }
  // The slot is taken before the password is checked, so that a burst of parallel guesses cannot all slip
  // in while the first ones are still hashing; an attempt that was not a failure gives its slot back.
  const slot = await reserveRateLimit(db, accountKey(input.email), limits.RATE_LIMIT_LOGIN_ACCOUNT, limits.RATE_LIMIT_WINDOW_MINUTES)
  if ('full' in slot) return { ok: false, reason: 'rate-limited', minutes: minutesUntil(slot.retryAfterSeconds) }
  const result = await authenticate(db, input, meta)
  if (result.ok || result.reason === 'unverified') {
    await releaseRateLimit(db, slot)
    return result
  }
  if (slot.hits >= limits.RATE_LIMIT_LOGIN_ACCOUNT) await warnOwner(db, input.email, slot, meta, limits)
  return result
}

/** Checks e-mail and password; records the login or the failure in the audit log. */
async function authenticate(db: DB, input: { email: string; password: string }, meta: RequestMeta): Promise<SignInResult> {
  const user = await db.selectFrom('users').selectAll().where(sql`lower(email)`, '=', input.email.toLowerCase()).executeTakeFirst()
  const valid = user?.status === 'active' && user.password_hash
    ? await verifyPassword(input.password, user.password_hash)
    : (await verifyPassword(input.password, await decoyHash(meta.scryptLogN)), false)
  if (!user || !valid) {
    await recordAudit(db, {
      action: 'auth.login_failed',
      actor: user ? { id: user.id, email: user.email } : null,
      subjectType: 'user',
      subjectId: user?.id,
      ip: meta.ip,
      details: { email: input.email, reason: user ? 'password' : 'unknown_account' },
    })
    return { ok: false, reason: 'invalid' }
  }
  if (!user.email_verified_at) return { ok: false, reason: 'unverified' }
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ lang: meta.lang }).where('id', '=', user.id).execute()
    await recordAudit(trx, { action: 'auth.login', actor: { id: user.id, email: user.email }, subjectType: 'user', subjectId: user.id, ip: meta.ip })
  })
  return { ok: true, userId: user.id }
}

/** Tells the owner of the account, if there is one, that its sign-in is paused: once per window. */
async function warnOwner(db: DB, email: string, slot: RateLimitSlot, meta: RequestMeta, limits: SignInLimits) {
  const first = await consumeRateLimit(db, warnedKey(email), 1, limits.RATE_LIMIT_WINDOW_MINUTES)
  if (!first.allowed) return
  const owner = await db
    .selectFrom('users')
    .select(['email', 'full_name', 'lang'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('status', '=', 'active')
    .executeTakeFirst()
  if (!owner) return
  await enqueueEmail(db, {
    template: 'sign_in_paused',
    to: { address: owner.email, name: owner.full_name },
    lang: owner.lang,
    data: {
      name: owner.full_name,
      until: formatDateTime(slot.windowEnd, owner.lang),
      link: `${meta.appUrl}/forgot-password`,
    },
  })
}

/** Lifts the pause on an account: its owner has just set a new password from a link sent to its mailbox. */
export async function clearSignInFailures(db: DB, email: string) {
  await clearRateLimit(db, accountKey(email))
}
