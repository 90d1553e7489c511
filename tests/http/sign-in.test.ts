import { describe, expect, test } from 'vitest'
import { translator } from '../../app/i18n'
import { DEMO_ACCOUNTS } from '../../db/seed'
import { usePortal } from '../e2e/support/hooks'
import { DEMO_PASSWORD } from '../e2e/support/portal'
import { postForm, setCookie } from './helpers'

// Signing in over HTTP, as a browser without JavaScript does: where the portal sends the browser afterwards,
// and the limit on failed sign-ins per account, with guesses arriving from many client addresses (behind a
// trusted proxy, X-Forwarded-For names the client).

const portal = usePortal({ env: { TRUST_PROXY: 'true' } })
const vi = translator('vi')
const applicant = DEMO_ACCOUNTS.find((a) => a.role === 'applicant')!
const director = DEMO_ACCOUNTS.find((a) => a.role === 'director')!

/**
 * A page's HTML, which never holds a NUL byte. (React 18.3.1 pads a 2 KB chunk of its stream with NULs when a
 * multi-byte letter crosses the chunk's end, react#31134: the paused sign-in page read "thử l\0\0ại" until
 * entry.server.tsx dropped them.)
 */
async function pageText(res: Response) {
  const html = await res.text()
  expect(html.includes('\0'), 'a NUL byte in the page').toBe(false)
  return html
}

let client = 0
/** A sign-in from a client address of its own, through the (trusted) proxy. */
function signInFrom(fields: Record<string, string>, ip = `192.0.2.${++client}`) {
  return postForm(`${portal().url}/login`, fields, { Origin: portal().url, 'X-Forwarded-For': ip })
}

describe('after signing in', () => {
  const hostile = ['//x', '/\\x', '\\\\x', '/\t/x', '/\t/evil.example', '/\r\n/x', '/.//x', 'https://x/', 'javascript:alert(1)']

  test.each(hostile)('the browser goes to the start page, not to %j', async (redirectTo) => {
    const res = await signInFrom({ email: applicant.email, password: DEMO_PASSWORD, redirectTo })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/home')
  })

  test('the request the issue reported (`redirectTo=/%09/evil.example`, a tab once decoded) goes to the start page', async () => {
    const body = `email=${encodeURIComponent(applicant.email)}&password=${encodeURIComponent(DEMO_PASSWORD)}&redirectTo=/%09/evil.example`
    const res = await fetch(`${portal().url}/login`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: portal().url, 'X-Forwarded-For': '192.0.2.250' },
      redirect: 'manual',
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/home')
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

describe('guessing one account’s password from many addresses', () => {
  const message = new RegExp(vi('login.rateLimited').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\\{minutes\\}', '(\\d+)'))
  const addresses = Array.from({ length: 20 }, (_, i) => `198.51.100.${i + 1}`)

  async function guess(email: string, times: number) {
    const statuses: number[] = []
    for (let i = 0; i < times; i++) {
      const res = await signInFrom({ email, password: `đoán mò ${i}` }, addresses[i % addresses.length])
      statuses.push(res.status)
    }
    return statuses
  }

  test('200 guesses from 20 addresses: refused after 10, the right password too; the owner gets one mail', async () => {
    const statuses = await guess(director.email, 200)
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400))
    expect(statuses.slice(10)).toEqual(Array(190).fill(429))

    const right = await signInFrom({ email: director.email, password: DEMO_PASSWORD }, '203.0.113.77')
    expect(right.status).toBe(429)
    expect(setCookie(right, '__session')).toBeUndefined()
    const minutes = Number((await pageText(right)).match(message)?.[1])
    expect(minutes).toBeGreaterThanOrEqual(1)
    expect(minutes).toBeLessThanOrEqual(15)

    const mail = await portal().inbox.waitFor(director.email, vi('email.signInPaused.subject'))
    expect(mail.text).toContain(`Kính gửi ${director.fullName},`)
    expect(mail.text).toContain(`${portal().url}/forgot-password`)
    expect(portal().inbox.all(director.email, vi('email.signInPaused.subject'))).toHaveLength(1)
  })

  test('an address without an account gets the same answers and the same message', async () => {
    const nobody = 'khong.ai.ca@example.vn'
    const statuses = await guess(nobody, 11)
    expect(statuses).toEqual([...Array(10).fill(400), 429])
    const res = await signInFrom({ email: nobody, password: 'thêm một lần' }, '203.0.113.78')
    expect(res.status).toBe(429)
    expect(await pageText(res)).toMatch(message)
    expect(portal().inbox.all(nobody)).toEqual([])
  })
})
