import { basename } from 'node:path'
import type { AppLoadContext } from '@remix-run/node'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import { createTestDb } from '../setup/db'
import { createUser, sessionFor, testContext } from '../setup/app'

// Hostile and random input to every loader and action: the answer is a page or a 4xx, never a 500 or a throw.

type RouteModule = { loader?: (a: unknown) => unknown; action?: (a: unknown) => unknown }
const files = import.meta.glob<RouteModule>(['../../app/routes/*.ts', '../../app/routes/*.tsx', '!../../app/routes/*.test.*'])
const routes = Object.entries(files).map(([path, load]) => ({ id: basename(path).replace(/\.tsx?$/, ''), load }))

const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    "' OR 1=1; DROP TABLE users; --",
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '\u0000\u0001\u0002',
    '\ud800',
    'Đắk Lắk'.normalize('NFD'),
    '../../../../etc/passwd',
    '%00%ff',
    '9'.repeat(400),
    '-1',
    'NaN',
    '{"__proto__":{"admin":true}}',
    'a'.repeat(100_000),
  ),
)
const formArb = fc.dictionary(
  fc.oneof(fc.constantFrom('email', 'password', 'fullName', 'token', 'role', 'intent', 'lang', 'redirectTo', 'currentPassword', 'newPassword', '__proto__'), fc.string()),
  hostile,
  { maxKeys: 8 },
)
const paramArb = fc.oneof(hostile, fc.uuid(), fc.integer().map(String))

let handle: DatabaseHandle
let ctx: AppLoadContext
let adminCookie: string

beforeAll(async () => {
  handle = await createTestDb()
  ctx = testContext(handle, undefined, '192.0.2.99')
  // Generous limits: this test is about input handling, not rate limiting.
  ctx = { ...ctx, env: { ...ctx.env, RATE_LIMIT_LOGIN: 100_000, RATE_LIMIT_REGISTER: 100_000, RATE_LIMIT_RESET: 100_000 } }
  const admin = await createUser(handle.db, { roles: ['admin', 'applicant'] })
  adminCookie = await sessionFor(ctx, admin.id)
})
afterAll(() => handle.close())

async function outcome(fn: (a: unknown) => unknown, request: Request, params: Record<string, string>) {
  try {
    const r = await fn({ request, context: ctx, params })
    return r instanceof Response ? r.status : 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

describe('hostile input', () => {
  for (const route of routes) {
    it(`${route.id} answers every payload without a server error`, async () => {
      const mod = await route.load()
      await fc.assert(
        fc.asyncProperty(formArb, paramArb, hostile, fc.boolean(), async (form, param, query, signedIn) => {
          const headers: Record<string, string> = signedIn ? { Cookie: adminCookie } : {}
          const params = { userId: param, id: param, '*': param }
          const url = `http://localhost:3000/x?${new URLSearchParams({ q: query, page: query, token: query, from: query, state: query, action: query, role: query, notice: query })}`
          if (mod.loader) {
            const status = await outcome(mod.loader, new Request(url, { headers }), params)
            expect(status, `GET ${route.id}`).toBeLessThan(500)
          }
          if (mod.action) {
            const body = new URLSearchParams(form)
            const status = await outcome(
              mod.action,
              new Request(url, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body }),
              params,
            )
            expect(status, `POST ${route.id} ${JSON.stringify(form).slice(0, 200)}`).toBeLessThan(500)
          }
        }),
        { numRuns: 15 },
      )
    })
  }

  it('refuses bodies that are not forms with a 4xx', async () => {
    const login = await import('../../app/routes/login')
    for (const [type, body] of [
      ['application/json', '{"email":"a@b.vn","password":"x"}'],
      ['multipart/form-data; boundary=zzz', '--zzz\r\nbroken'],
      ['application/x-www-form-urlencoded', new Uint8Array([0xff, 0xfe, 0x00, 0x3d, 0x26])],
    ] as const) {
      const status = await outcome(
        login.action as (a: unknown) => unknown,
        new Request('http://localhost:3000/login', { method: 'POST', headers: { 'Content-Type': type }, body }),
        {},
      )
      expect(status, type).toBeGreaterThanOrEqual(400)
      expect(status, type).toBeLessThan(500)
    }
  })
})
