import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import * as login from '../../app/routes/login'
import { createTestDb } from '../setup/db'
import { APP_URL, createUser, invoke, PASSWORD, testContext, testEnv } from '../setup/app'

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

describe('the address a browser goes to after signing in', () => {
  it('is the page the user came from when it is on the portal', async () => {
    const user = await createUser(handle.db)
    for (const target of ['/applications/abc?tab=1', '/applications/abc?tab=1#budget', `${APP_URL}/account`]) {
      const res = await attempt(user.email, PASSWORD, '192.0.2.1', { redirectTo: target })
      expect(res.status, target).toBe(302)
      expect(res.headers.get('Location'), target).toBe(target.replace(APP_URL, ''))
    }
  })

  it('is the home page for any address a browser would read as another site', async () => {
    const user = await createUser(handle.db)
    const hostile = ['//x', '/\\x', '\\\\x', '/\t/x', '/\t/evil.example', '/.//x', 'https://x/', 'javascript:alert(1)', '/\r\n/x']
    for (const target of hostile) {
      const res = await attempt(user.email, PASSWORD, '192.0.2.2', { redirectTo: target })
      expect(res.status, JSON.stringify(target)).toBe(302)
      expect(res.headers.get('Location'), JSON.stringify(target)).toBe('/')
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
