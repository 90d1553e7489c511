import type { AppLoadContext } from '@remix-run/node'
import { sql } from 'kysely'
import type { DatabaseHandle, DB } from '../../db'
import type { Role } from '../../db/schema'
import { parseEnv, type Env } from '../../app/config/env.server'
import { hashPassword } from '../../app/modules/auth'
import { createSession } from '../../app/modules/auth/sessions'
import { sessionCookie } from '../../app/modules/auth/request'

export const APP_URL = 'http://localhost:3000'

export function testEnv(overrides: Record<string, string> = {}): Env {
  return parseEnv({
    NODE_ENV: 'test',
    APP_URL,
    SESSION_SECRET: 'test-secret-that-is-long-enough-for-hmac-0123456789',
    PASSWORD_SCRYPT_LOG_N: '14',
    ...overrides,
  })
}

export function testContext(handle: DatabaseHandle, env: Env = testEnv(), clientIp = '203.0.113.7'): AppLoadContext {
  return { db: handle.db, dbKind: handle.kind, env, cspNonce: 'test-nonce', clientIp }
}

export const PASSWORD = 'cà phê Buôn Ma Thuột 2026'

let seq = 0
/** A verified, active user with the given roles. */
export async function createUser(db: DB, opts: { roles?: Role[]; email?: string; fullName?: string; password?: string } = {}) {
  const email = opts.email ?? `user${++seq}.${Date.now().toString(36)}@example.vn`
  const user = await db
    .insertInto('users')
    .values({
      email,
      full_name: opts.fullName ?? 'Nguyễn Văn Thử',
      password_hash: await hashPassword(opts.password ?? PASSWORD, 14),
      email_verified_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const role of opts.roles ?? ['applicant']) {
    await db.insertInto('user_roles').values({ user_id: user.id, role, granted_by: null }).execute()
  }
  return { id: user.id, email, fullName: opts.fullName ?? 'Nguyễn Văn Thử', roles: opts.roles ?? (['applicant'] as Role[]) }
}

/** The Cookie header of a fresh session for the user. */
export async function sessionFor(context: AppLoadContext, userId: string) {
  const raw = await createSession(context.db, userId, {})
  const setCookie = await sessionCookie(context.env).serialize(raw)
  return setCookie.split(';')[0]
}

type Handler = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => unknown

export interface Invoke {
  method?: 'GET' | 'POST'
  path: string
  cookie?: string
  form?: Record<string, string>
  body?: BodyInit
  headers?: Record<string, string>
  params?: Record<string, string>
}

/**
 * Runs a route's loader (GET) or action (POST) as Remix would, and returns its Response, including the
 * ones it throws (redirects, 403, 404). Real errors propagate and fail the test.
 */
export async function invoke(route: { loader?: Handler; action?: Handler }, context: AppLoadContext, req: Invoke): Promise<Response> {
  const method = req.method ?? 'GET'
  const headers = new Headers(req.headers)
  if (req.cookie) headers.set('Cookie', req.cookie)
  let body = req.body
  if (req.form) {
    body = new URLSearchParams(req.form)
    headers.set('Content-Type', 'application/x-www-form-urlencoded')
  }
  const request = new Request(`${APP_URL}${req.path}`, { method, headers, body: method === 'GET' ? undefined : body })
  const handler = method === 'GET' ? route.loader : route.action
  if (!handler) throw new Error(`route has no ${method === 'GET' ? 'loader' : 'action'}`)
  try {
    const result = await handler({ request, context, params: req.params ?? {} })
    if (result instanceof Response) return result
    return Response.json(result ?? null)
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

/** The messages queued for an address, oldest first. */
export async function mailTo(db: DB, address: string) {
  return db.selectFrom('email_outbox').selectAll().where('to_address', '=', address).orderBy('id').execute()
}

/** The path and query of the first portal link in a message's text. */
export function linkIn(text: string, path: string): string {
  const m = text.match(new RegExp(`${APP_URL.replace(/[.]/g, '\\.')}(${path}\\?token=[A-Za-z0-9_%-]+)`))
  if (!m) throw new Error(`no ${path} link in:\n${text}`)
  return m[1]
}

export async function auditActions(db: DB, subjectId: string) {
  const rows = await db.selectFrom('audit_log').select('action').where('subject_id', '=', subjectId).orderBy('id').execute()
  return rows.map((r) => r.action)
}

export async function expireTokens(db: DB) {
  await sql`UPDATE user_tokens SET expires_at = now() - interval '1 minute'`.execute(db)
}

/** The fund's settings as official documents print them (the seed's, shortened): for tests that issue documents. */
export async function insertFundSettings(db: DB) {
  await db
    .insertInto('fund_settings')
    .values({
      parent_body_vi: 'UBND TỈNH ĐẮK LẮK', parent_body_en: '', name_vi: 'Quỹ Phát triển khoa học và công nghệ tỉnh Đắk Lắk', name_en: '', short_name: 'QKHCN',
      address: '', phone: '', email: '', website: null, updated_at: new Date(), document_symbol: 'QKHCN', place_name: 'Đắk Lắk', signer_title: 'GIÁM ĐỐC',
      signer_name: 'Y Dhăm Êban', legal_bases: ['Căn cứ Điều lệ của Quỹ'], recipients: ['Như Điều 3', 'Lưu: VT, NV'],
    })
    .execute()
}
