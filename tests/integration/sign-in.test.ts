import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import { translator } from '../../app/i18n'
import * as forgot from '../../app/routes/forgot-password'
import * as login from '../../app/routes/login'
import * as reset from '../../app/routes/reset-password'
import { createTestDb } from '../setup/db'
import { APP_URL, createUser, invoke, linkIn, mailTo, PASSWORD, testContext, testEnv } from '../setup/app'

// Signing in: where the browser is sent afterwards, and the limit on failures per account that holds
// whatever address the guesses come from (ADR 005).

let handle: DatabaseHandle

beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(() => handle.close())

/** A sign-in from a client address, as the login form posts it. */
function attempt(email: string, password: string, ip: string, extra: Record<string, string> = {}, env = testEnv()) {
  return invoke(login, testContext(handle, env, ip), { method: 'POST', path: '/login', form: { email, password, ...extra } })
}

async function formMessage(res: Response): Promise<string> {
  return (await res.json()).errors.form.message
}

describe('the address a browser goes to after signing in', () => {
  it('is the page the user came from when it is on the portal', async () => {
    const user = await createUser(handle.db)
    for (const target of ['/applications/abc?tab=1', '/applications/abc?tab=1#budget', `${APP_URL}/account`]) {
      const res = await attempt(user.email, PASSWORD, '192.0.2.1', { redirectTo: target })
      expect(res.status, target).toBe(302)
      expect(res.headers.get('Location'), target).toBe(target.replace(APP_URL, ''))
    }
  })

  it('is the start page for any address a browser would read as another site', async () => {
    const user = await createUser(handle.db)
    const hostile = ['//x', '/\\x', '\\\\x', '/\t/x', '/\t/evil.example', '/.//x', 'https://x/', 'javascript:alert(1)', '/\r\n/x']
    for (const target of hostile) {
      const res = await attempt(user.email, PASSWORD, '192.0.2.2', { redirectTo: target })
      expect(res.status, JSON.stringify(target)).toBe(302)
      expect(res.headers.get('Location'), JSON.stringify(target)).toBe('/home')
    }
  })

  it('never breaks on CR or LF in the address: the user is signed in and sent to a page of the portal', async () => {
    const user = await createUser(handle.db)
    const res = await attempt(user.email, PASSWORD, '192.0.2.3', { redirectTo: '/account\r\nSet-Cookie: admin=1' })
    expect(res.status).toBe(302)
    const location = res.headers.get('Location')!
    expect(location).not.toMatch(/[\r\n]/)
    expect(new URL(location, APP_URL).origin).toBe(APP_URL)
    expect(res.headers.get('Set-Cookie')).toMatch(/^__session=/)
  })
})

describe('the limit on failed sign-ins per account', () => {
  const en = translator('en')
  // 20 addresses, 10 guesses each: within the per-address limit (RATE_LIMIT_LOGIN = 10 per address and e-mail).
  const addresses = Array.from({ length: 20 }, (_, i) => `198.51.100.${i + 1}`)

  async function guessFromEverywhere(email: string, guesses: number) {
    const statuses: number[] = []
    for (let i = 0; i < guesses; i++) {
      const res = await attempt(email, `đoán sai lần thứ ${i}`, addresses[i % addresses.length])
      statuses.push(res.status)
    }
    return statuses
  }

  it('refuses an account after 10 failures from 20 addresses, the right password too, and mails its owner once', async () => {
    const owner = await createUser(handle.db, { fullName: 'Jane Owner' })
    await handle.db.updateTable('users').set({ lang: 'en' }).where('id', '=', owner.id).execute()

    const statuses = await guessFromEverywhere(owner.email, 200)
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400))
    expect(statuses.slice(10)).toEqual(Array(190).fill(429))

    const right = await attempt(owner.email, PASSWORD, '203.0.113.200')
    expect(right.status).toBe(429)
    expect(right.headers.get('Set-Cookie')).toBeNull()
    expect(await formMessage(right)).toMatch(/^login\.rateLimited\?minutes=([1-9]|1[0-5])$/)

    const mails = (await mailTo(handle.db, owner.email)).filter((m) => m.template === 'sign_in_paused')
    expect(mails).toHaveLength(1)
    expect(mails[0]).toMatchObject({ lang: 'en', subject: en('email.signInPaused.subject'), to_name: 'Jane Owner' })
    expect(mails[0].text_body).toContain('Dear Jane Owner,')
    expect(mails[0].text_body).toContain(`${APP_URL}/forgot-password`)
    expect(mails[0].text_body).toMatch(/until \d\d\/\d\d\/\d{4} \d\d:\d\d/)
  })

  it('answers an address without an account exactly as an existing one, and mails no one', async () => {
    const owner = await createUser(handle.db)
    const nobody = 'khong.co.tai.khoan@example.vn'
    const known = await guessFromEverywhere(owner.email, 11)
    const unknown = await guessFromEverywhere(nobody, 11)
    expect(unknown).toEqual(known)
    expect(unknown.at(-1)).toBe(429)

    const fromOwner = await formMessage(await attempt(owner.email, 'một lần nữa', '203.0.113.201'))
    const fromNobody = await formMessage(await attempt(nobody, 'một lần nữa', '203.0.113.201'))
    const withoutMinutes = (m: string) => m.replace(/=\d+$/, '=')
    expect(withoutMinutes(fromNobody)).toBe(withoutMinutes(fromOwner))
    expect(withoutMinutes(fromNobody)).toBe('login.rateLimited?minutes=')
    expect(await mailTo(handle.db, nobody)).toEqual([])
  })

  it('counts failures only: a right password on the way gives its attempt back', async () => {
    const user = await createUser(handle.db)
    const env = testEnv({ RATE_LIMIT_LOGIN_ACCOUNT: '3' })
    const statuses = []
    for (const [password, ip] of [
      ['sai một', '192.0.2.11'],
      ['sai hai', '192.0.2.12'],
      [PASSWORD, '192.0.2.13'],
      ['sai ba', '192.0.2.14'],
      [PASSWORD, '192.0.2.15'],
    ]) {
      statuses.push((await attempt(user.email, password, ip, {}, env)).status)
    }
    expect(statuses).toEqual([400, 400, 302, 400, 429])
  })

  it('holds against a burst of parallel guesses: no more than the limit get their password checked', async () => {
    const user = await createUser(handle.db)
    const results = await Promise.all(addresses.map((ip, i) => attempt(user.email, `song song ${i}`, ip).then((r) => r.status)))
    expect(results.filter((s) => s === 400)).toHaveLength(10)
    expect(results.filter((s) => s === 429)).toHaveLength(10)
    expect((await mailTo(handle.db, user.email)).filter((m) => m.template === 'sign_in_paused')).toHaveLength(1)
  })

  it('is lifted when the owner sets a new password from the link mailed to them', async () => {
    const user = await createUser(handle.db)
    await guessFromEverywhere(user.email, 10)
    expect((await attempt(user.email, PASSWORD, '203.0.113.202')).status).toBe(429)

    const ctx = testContext(handle, testEnv(), '203.0.113.203')
    await invoke(forgot, ctx, { method: 'POST', path: '/forgot-password', form: { email: user.email } })
    const path = linkIn((await mailTo(handle.db, user.email)).at(-1)!.text_body, '/reset-password')
    const token = new URL(path, APP_URL).searchParams.get('token')!
    const done = await invoke(reset, ctx, { method: 'POST', path: '/reset-password', form: { token, password: 'mật khẩu mới sau khi bị dò 2026' } })
    expect(done.headers.get('Location')).toBe('/login?notice=passwordReset')

    expect((await attempt(user.email, 'mật khẩu mới sau khi bị dò 2026', '203.0.113.204')).status).toBe(302)
  })

  it('keeps the per-address limits as well', async () => {
    const user = await createUser(handle.db)
    const env = testEnv({ RATE_LIMIT_LOGIN: '2', RATE_LIMIT_LOGIN_ACCOUNT: '100' })
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await attempt(user.email, `sai ${i}`, '192.0.2.30', {}, env)).status)
    expect(statuses).toEqual([400, 400, 429])
    // Another address may still try that account.
    expect((await attempt(user.email, PASSWORD, '192.0.2.31', {}, env)).status).toBe(302)
  })
})
