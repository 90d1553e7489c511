import { describe, expect, test } from 'vitest'
import { DEMO_ACCOUNTS } from '../../db/seed'
import { usePortal } from '../e2e/support/hooks'
import { DEMO_PASSWORD } from '../e2e/support/portal'
import { postForm, setCookie } from './helpers'

// Signing in over HTTP, as a browser without JavaScript does: where the portal sends the browser afterwards.
// Each sign-in comes from a client address of its own (behind a trusted proxy, X-Forwarded-For names it).

const portal = usePortal({ env: { TRUST_PROXY: 'true' } })
const applicant = DEMO_ACCOUNTS.find((a) => a.role === 'applicant')!

let client = 0
/** A sign-in from a client address of its own, through the (trusted) proxy. */
function signInFrom(fields: Record<string, string>, ip = `192.0.2.${++client}`) {
  return postForm(`${portal().url}/login`, fields, { Origin: portal().url, 'X-Forwarded-For': ip })
}

describe('after signing in', () => {
  const hostile = ['//x', '/\\x', '\\\\x', '/\t/x', '/\t/evil.example', '/\r\n/x', '/.//x', 'https://x/', 'javascript:alert(1)']

  test.each(hostile)('the browser goes home, not to %j', async (redirectTo) => {
    const res = await signInFrom({ email: applicant.email, password: DEMO_PASSWORD, redirectTo })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/')
  })

  test('the request the issue reported (`redirectTo=/%09/evil.example`, a tab once decoded) goes home', async () => {
    const body = `email=${encodeURIComponent(applicant.email)}&password=${encodeURIComponent(DEMO_PASSWORD)}&redirectTo=/%09/evil.example`
    const res = await fetch(`${portal().url}/login`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: portal().url, 'X-Forwarded-For': '192.0.2.250' },
      redirect: 'manual',
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/')
  })

  test('a page of the portal is kept, with its query (and a literal %09 stays a path here)', async () => {
    for (const [redirectTo, location] of [
      ['/applications/abc?tab=1', '/applications/abc?tab=1'],
      ['/%09/x', '/%09/x'],
      [`${portal().url}/account`, '/account'],
    ]) {
      const res = await signInFrom({ email: applicant.email, password: DEMO_PASSWORD, redirectTo })
      expect(res.status, redirectTo).toBe(302)
      expect(res.headers.get('Location'), redirectTo).toBe(location)
    }
  })

  test('CR/LF in the address is never a server error: the user is signed in and stays on the portal', async () => {
    const res = await signInFrom({ email: applicant.email, password: DEMO_PASSWORD, redirectTo: '/account\r\nSet-Cookie: admin=1' })
    expect(res.status).toBe(302)
    const location = res.headers.get('Location')!
    expect(new URL(location, portal().url).origin).toBe(portal().url)
    expect(setCookie(res, '__session')?.value).toBeTruthy()
    expect(setCookie(res, 'admin')).toBeUndefined()
  })
})
