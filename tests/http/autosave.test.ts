import { describe, expect, test } from 'vitest'
import { uploadStorage } from '../../app/modules/applications'
import { hashPassword } from '../../app/modules/auth/password'
import { translator } from '../../app/i18n'
import { createCall, fileCompleteDraft } from '../../bench/fixtures'
import { usePortal } from '../e2e/support/hooks'
import { DEMO_PASSWORD } from '../e2e/support/portal'
import { setCookie, signIn } from './helpers'

// The autosave of a section over HTTP, answered ahead of the rest of the app (server/autosave.ts, ADRs 022 and
// 030): what the page's script and the browser see of it must be what the page's action would give (the same
// JSON, the same security headers), the CSRF defence must hold before it, and whatever it does not answer must
// reach the page's action with the body it sent.

const ROUTE = 'routes/applications.$id.sections.$key'
const vi = translator('vi')

const portal = usePortal({
  prepare: async ({ db, env }) => {
    const call = await createCall(db)
    const filed = await fileCompleteDraft(db, uploadStorage(env), { callId: call.id, mandatoryDocumentIds: call.mandatory, index: 1, organisationName: 'Công ty TNHH Lưu Nháp' })
    await db.updateTable('users').set({ password_hash: await hashPassword(DEMO_PASSWORD, 14) }).where('id', '=', filed.user.id).execute()
    return { applicationId: filed.applicationId, email: filed.user.email, fullName: filed.user.fullName }
  },
})

let cookie = ''
async function signedIn() {
  if (!cookie) {
    const res = await signIn(portal().url, portal().prepared.email, DEMO_PASSWORD)
    expect(res.status).toBe(302)
    cookie = `__session=${setCookie(res, '__session')!.value}`
  }
  return cookie
}

const general = (fields: Record<string, string>) =>
  new URLSearchParams({ title: 'Sấy cà phê bằng năng lượng mặt trời', priority_field: 'renewable_energy', duration_months: '18', ...fields })

async function post(fields: Record<string, string>, headers: Record<string, string> = {}, withData = true) {
  const path = `/applications/${portal().prepared.applicationId}/sections/general${withData ? `?_data=${encodeURIComponent(ROUTE)}` : ''}`
  return fetch(`${portal().url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: portal().url, Cookie: await signedIn(), ...headers },
    body: general(fields),
    redirect: 'manual',
  })
}

/** The section as its page's loader gives it to the page. */
async function section() {
  const res = await fetch(`${portal().url}/applications/${portal().prepared.applicationId}/sections/general?_data=${encodeURIComponent(ROUTE)}`, { headers: { Cookie: await signedIn() } })
  expect(res.status).toBe(200)
  return ((await res.json()) as { section: { version: number; data: Record<string, string> } }).section
}

describe('autosave over HTTP', () => {
  test('is acknowledged in JSON with the version saved, and carries the headers every answer carries', async () => {
    const before = await section()
    const res = await post({ intent: 'autosave', baseVersion: String(before.version), summary: 'Bản nháp lưu tự động' })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(res.headers.get('X-Remix-Response')).toBe('yes')
    const body = (await res.json()) as { saved: { version: number; savedAt: string } }
    expect(body.saved.version).toBe(before.version + 1)
    expect(Number.isNaN(Date.parse(body.saved.savedAt))).toBe(false)

    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(res.headers.get('X-Frame-Options')).toBe('SAMEORIGIN')
    expect(res.headers.get('Referrer-Policy')).toBe('same-origin')
    expect(res.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin')
    expect(res.headers.get('X-Powered-By')).toBeNull()
    const csp = res.headers.get('Content-Security-Policy') ?? ''
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive)
    expect(csp).not.toContain('unsafe-inline')

    const after = await section()
    expect(after.version).toBe(before.version + 1)
    expect(after.data.summary).toBe('Bản nháp lưu tự động')
  })

  test('from another site it is refused with 403 and the message in Vietnamese, and nothing is saved', async () => {
    const before = await section()
    const res = await post({ intent: 'autosave', baseVersion: String(before.version), summary: 'Từ trang lạ' }, { Origin: 'https://evil.example' })
    expect(res.status).toBe(403)
    expect(await res.text()).toBe(vi('error.origin'))
    const after = await section()
    expect(after.version).toBe(before.version)
    expect(after.data.summary).not.toBe('Từ trang lạ')
  })

  test('based on an older version it is a conflict (409) naming who saved, and nothing is written', async () => {
    const before = await section()
    const res = await post({ intent: 'autosave', baseVersion: String(before.version - 1), summary: 'Từ bản cũ' })
    expect(res.status).toBe(409)
    const body = (await res.json()) as { conflict: { version: number; savedBy: string }; errors: { form: { message: string } } }
    expect(body.conflict.version).toBe(before.version)
    expect(body.conflict.savedBy).toBe(portal().prepared.fullName)
    expect(body.errors.form.message).toMatch(/^applications\.form\.conflict\?/)
    expect((await section()).version).toBe(before.version)
  })

  test('what it does not answer reaches the page’s action with the body it sent: "Save as draft" without JavaScript', async () => {
    const before = await section()
    // The same address and body as the page's fetcher, another intent: the page's action saves and redirects.
    const viaFetcher = await post({ intent: 'save', baseVersion: String(before.version), summary: 'Lưu nháp qua trang' })
    expect(viaFetcher.status).toBe(204)
    expect(viaFetcher.headers.get('X-Remix-Redirect')).toBe(`/applications/${portal().prepared.applicationId}/sections/general`)
    const saved = await section()
    expect(saved.version).toBe(before.version + 1)
    expect(saved.data.summary).toBe('Lưu nháp qua trang')

    // A plain form post (no script at all) is the page's action's alone.
    const plain = await post({ intent: 'save', baseVersion: String(saved.version), summary: 'Lưu nháp không có JavaScript' }, {}, false)
    expect(plain.status).toBe(302)
    expect((await section()).data.summary).toBe('Lưu nháp không có JavaScript')
  })

  test('signed out, an autosave is sent to sign in, and nothing is saved', async () => {
    const before = await section()
    const res = await post({ intent: 'autosave', baseVersion: String(before.version), summary: 'Không đăng nhập' }, { Cookie: '' })
    expect(res.status).toBe(204)
    expect(res.headers.get('X-Remix-Redirect')).toMatch(/^\/login\?redirectTo=/)
    expect((await section()).version).toBe(before.version)
  })
})
