import { createCookie, redirect, type AppLoadContext } from '@remix-run/node'
import { cookieIsSecure, type Env } from '../../config/env.server'
import { languageOf } from '../../i18n'
import type { RequestMeta } from './accounts'
import { decide, type RouteId } from './policy'
import { createSession, destroySession, findSessionUser, type SessionUser } from './sessions'
import { sha256 } from './tokens'

// The bridge between HTTP and the auth module: the session cookie and the guards every route calls.

interface Args {
  request: Request
  context: AppLoadContext
}

const cookies = new WeakMap<Env, ReturnType<typeof createCookie>>()

/** The session cookie holds only the session's random id, signed with SESSION_SECRET. */
export function sessionCookie(env: Env) {
  let cookie = cookies.get(env)
  if (!cookie) {
    cookie = createCookie('__session', {
      httpOnly: true,
      sameSite: 'lax',
      secure: cookieIsSecure(env),
      path: '/',
      secrets: [env.SESSION_SECRET!],
      maxAge: 30 * 24 * 3600,
    })
    cookies.set(env, cookie)
  }
  return cookie
}

const resolved = new WeakMap<Request, Promise<SessionUser | null>>()

async function rawSessionId({ request, context }: Args): Promise<string | null> {
  return sessionIdOfCookie(context.env, request.headers.get('Cookie'))
}

async function sessionIdOfCookie(env: Env, header: string | null | undefined): Promise<string | null> {
  const value = await sessionCookie(env).parse(header ?? null)
  return typeof value === 'string' && value.length > 0 ? value : null
}

/**
 * The hash of the session a Cookie header's signed cookie names (as the database keeps it), or null: for a handler
 * outside Remix (ADR 022), which reads the session's row itself (SESSION_SQL) and gives it to sessionUserOfRow.
 */
export async function sessionHashOfCookieHeader(env: Env, header: string | null | undefined): Promise<string | null> {
  const raw = await sessionIdOfCookie(env, header)
  return raw ? sha256(raw) : null
}

/** The signed-in user, or null. Looked up once per request. */
export function currentUser(args: Args): Promise<SessionUser | null> {
  let pending = resolved.get(args.request)
  if (!pending) {
    pending = rawSessionId(args).then((raw) => (raw ? findSessionUser(args.context.db, raw) : null))
    resolved.set(args.request, pending)
  }
  return pending
}

function loginUrl(request: Request) {
  const url = new URL(request.url)
  return `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`
}

/**
 * The one guard every loader and action calls with its route id: lets the request through, sends a
 * visitor to sign in, or answers 403. Returns the user (null on public routes for visitors).
 */
export async function authorize(args: Args, routeId: RouteId): Promise<SessionUser | null> {
  const user = await currentUser(args)
  const decision = decide(user, routeId)
  if (decision === 'sign-in') throw redirect(loginUrl(args.request))
  if (decision === 'forbidden') throw new Response('Forbidden', { status: 403 })
  return user
}

/** For routes that need a user: authorize() and the guarantee that there is one. */
export async function authorizeUser(args: Args, routeId: RouteId): Promise<SessionUser> {
  const user = await authorize(args, routeId)
  if (!user) throw redirect(loginUrl(args.request))
  return user
}

/** Starts a new session (a fresh id: any session the browser had is ended) and returns its Set-Cookie. */
export async function startSession(args: Args, userId: string): Promise<string> {
  const old = await rawSessionId(args)
  if (old) await destroySession(args.context.db, old)
  const raw = await createSession(args.context.db, userId, {
    ip: args.context.clientIp,
    userAgent: args.request.headers.get('User-Agent'),
  })
  return sessionCookie(args.context.env).serialize(raw)
}

/** Ends the session server-side and returns the Set-Cookie that clears it. */
export async function endSession(args: Args): Promise<string> {
  const raw = await rawSessionId(args)
  if (raw) await destroySession(args.context.db, raw)
  return sessionCookie(args.context.env).serialize('', { maxAge: 0, expires: new Date(0) })
}

export function requestMeta({ request, context }: Args): RequestMeta {
  return {
    appUrl: context.env.APP_URL,
    ip: context.clientIp,
    lang: languageOf(request),
    scryptLogN: context.env.PASSWORD_SCRYPT_LOG_N,
  }
}
