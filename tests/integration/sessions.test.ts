import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import * as account from '../../app/routes/account'
import { SESSION_IDLE_DAYS, SESSION_MAX_DAYS } from '../../app/modules/auth/sessions'
import { createTestDb } from '../setup/db'
import { createUser, invoke, sessionFor, testContext } from '../setup/app'

// How long a session lives (ADR 005): 7 days idle, sliding, never more than 30 days after sign-in. The
// clock is moved by dating the session's row back, as if it had been opened that long ago.

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>

beforeAll(async () => {
  handle = await createTestDb()
  ctx = testContext(handle)
})
afterAll(() => handle.close())

const DAY = 24 * 3600_000
const MINUTE = 60_000

/** A signed-in user whose session was opened `openedDaysAgo` ago, last used `idleMinutes` ago, ending at `expiresIn`. */
async function sessionDated(opts: { openedDaysAgo: number; idleMinutes: number; expiresInMs: number }) {
  const user = await createUser(handle.db)
  const cookie = await sessionFor(ctx, user.id)
  const now = Date.now()
  await handle.db
    .updateTable('sessions')
    .set({
      created_at: new Date(now - opts.openedDaysAgo * DAY),
      last_seen_at: new Date(now - opts.idleMinutes * MINUTE),
      expires_at: new Date(now + opts.expiresInMs),
    })
    .where('user_id', '=', user.id)
    .execute()
  return { user, cookie }
}

async function sessionRow(userId: string) {
  return handle.db.selectFrom('sessions').select(['created_at', 'expires_at']).where('user_id', '=', userId).executeTakeFirstOrThrow()
}

const accountPage = (cookie: string) => invoke(account, ctx, { path: '/account', cookie })

describe('a session past its expiry', () => {
  it('is refused: the user is signed out and sent to sign in again', async () => {
    const { cookie, user } = await sessionDated({ openedDaysAgo: 8, idleMinutes: 7 * 24 * 60 + 1, expiresInMs: -MINUTE })
    const res = await accountPage(cookie)
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/login?redirectTo=%2Faccount')
    // Refusing it did not bring it back to life.
    expect((await sessionRow(user.id)).expires_at.getTime()).toBeLessThan(Date.now())
  })

  it('works up to that moment', async () => {
    const { cookie, user } = await sessionDated({ openedDaysAgo: 2, idleMinutes: 1, expiresInMs: MINUTE })
    const res = await accountPage(cookie)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ email: user.email })
  })
})

describe('sliding renewal', () => {
  it('pushes the expiry to 7 days from now when the session is used', async () => {
    const { cookie, user } = await sessionDated({ openedDaysAgo: 8, idleMinutes: 60, expiresInMs: 6 * DAY })
    const before = Date.now()
    expect((await accountPage(cookie)).status).toBe(200)
    const { expires_at } = await sessionRow(user.id)
    expect(expires_at.getTime()).toBeGreaterThanOrEqual(before + SESSION_IDLE_DAYS * DAY - MINUTE)
    expect(expires_at.getTime()).toBeLessThanOrEqual(Date.now() + SESSION_IDLE_DAYS * DAY)
  })

  it('never pushes it past 30 days after sign-in', async () => {
    const { cookie, user } = await sessionDated({ openedDaysAgo: 29, idleMinutes: 60, expiresInMs: 6 * 3600_000 })
    expect((await accountPage(cookie)).status).toBe(200)
    const { created_at, expires_at } = await sessionRow(user.id)
    expect(expires_at.getTime()).toBe(created_at.getTime() + SESSION_MAX_DAYS * DAY)
  })

  it('signs the user out once the 30 days are over, however recently the session was used', async () => {
    const { cookie, user } = await sessionDated({ openedDaysAgo: 29.9, idleMinutes: 11, expiresInMs: 0.1 * DAY })
    expect((await accountPage(cookie)).status).toBe(200)
    const { created_at, expires_at } = await sessionRow(user.id)
    expect(expires_at.getTime()).toBeLessThanOrEqual(created_at.getTime() + SESSION_MAX_DAYS * DAY)

    // Three hours later the 30 days are over: the session, used a moment ago, ends all the same.
    await sql`UPDATE sessions SET created_at = created_at - interval '3 hours', expires_at = expires_at - interval '3 hours', last_seen_at = last_seen_at - interval '3 hours' WHERE user_id = ${user.id}`.execute(handle.db)
    const res = await accountPage(cookie)
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/login?redirectTo=%2Faccount')
  })
})
