import { describe, expect, test } from 'vitest'
import { DEMO_ACCOUNTS } from '../../db/seed'
import { usePortal } from '../e2e/support/hooks'
import { DEMO_PASSWORD } from '../e2e/support/portal'
import { get, postForm, setCookie, signIn } from './helpers'

// The session cookie over plain HTTP: its attributes, rotation at every sign-in, and sign-out.

const portal = usePortal()
const applicant = DEMO_ACCOUNTS.find((a) => a.role === 'applicant')!

const cookieHeader = (value: string) => `__session=${value}`

async function accountStatus(cookieValue: string) {
  const res = await get(`${portal().url}/account`, { Cookie: cookieHeader(cookieValue) })
  return { status: res.status, location: res.headers.get('Location') }
}

describe('session cookie', () => {
  test('signing in sets an HttpOnly, SameSite=Lax, Path=/ cookie holding no user data', async () => {
    const res = await signIn(portal().url, applicant.email, DEMO_PASSWORD)
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/home')
    const cookie = setCookie(res, '__session')
    expect(cookie).toBeDefined()
    expect(cookie!.attributes.get('httponly')).toBe(true)
    expect(String(cookie!.attributes.get('samesite')).toLowerCase()).toBe('lax')
    expect(cookie!.attributes.get('path')).toBe('/')
    // Served over http here; the cookie is Secure whenever APP_URL is https.
    expect(cookie!.attributes.has('secure')).toBe(false)
    expect(decodeURIComponent(cookie!.value)).not.toContain(applicant.email)
    expect((await accountStatus(cookie!.value)).status).toBe(200)
  })

  test('the session id rotates at a second sign-in, and the old one stops working', async () => {
    const first = setCookie(await signIn(portal().url, applicant.email, DEMO_PASSWORD), '__session')!
    expect((await accountStatus(first.value)).status).toBe(200)

    const second = setCookie(await signIn(portal().url, applicant.email, DEMO_PASSWORD, cookieHeader(first.value)), '__session')!
    expect(second.value).not.toBe(first.value)
    expect((await accountStatus(second.value)).status).toBe(200)
    expect(await accountStatus(first.value)).toEqual({ status: 302, location: '/login?redirectTo=%2Faccount' })
  })

  test('a failed sign-in sets no session cookie', async () => {
    const res = await signIn(portal().url, applicant.email, 'không phải mật khẩu này')
    expect(res.status).toBe(400)
    expect(setCookie(res, '__session')).toBeUndefined()
  })

  test('signing out ends the session on the server and clears the cookie', async () => {
    const session = setCookie(await signIn(portal().url, applicant.email, DEMO_PASSWORD), '__session')!
    const res = await postForm(`${portal().url}/logout`, {}, { Origin: portal().url, Cookie: cookieHeader(session.value) })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/login?notice=loggedOut')
    const cleared = setCookie(res, '__session')
    expect(cleared?.value).toBe('')
    expect(cleared?.attributes.get('max-age')).toBe('0')
    expect(await accountStatus(session.value)).toEqual({ status: 302, location: '/login?redirectTo=%2Faccount' })
  })

  test('a forged or tampered cookie is ignored', async () => {
    const session = setCookie(await signIn(portal().url, applicant.email, DEMO_PASSWORD), '__session')!
    const tampered = session.value.slice(0, -2) + (session.value.endsWith('AA') ? 'BB' : 'AA')
    expect((await accountStatus(tampered)).status).toBe(302)
    expect((await accountStatus('not-a-session')).status).toBe(302)
  })
})
