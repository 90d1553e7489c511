import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import onHeaders from 'on-headers'
import { cookieIsSecure, type Env } from '../app/config/env.server'
import { isLang, type Lang, languageOf, translator } from '../app/i18n'
import { pathOnPortal } from '../app/modules/auth/redirect'

/**
 * A per-response nonce and the Content-Security-Policy that allows only our own scripts and those
 * carrying the nonce; and `X-Content-Type-Options: nosniff` on every response that has not set it itself. A route that needs another policy (the e-mail preview) sets its own header; the
 * default is added only when none was set.
 */
export function contentSecurityPolicy() {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString('base64')
    res.locals.cspNonce = nonce
    onHeaders(res, () => {
      if (!res.getHeader('X-Content-Type-Options')) res.setHeader('X-Content-Type-Options', 'nosniff')
      if (res.getHeader('Content-Security-Policy')) return
      res.setHeader('Content-Security-Policy', policy(`'nonce-${nonce}'`))
    })
    next()
  }
}

/** The policy of an answer that runs no script of its own (JSON to the page's script): no nonce to make. */
export const POLICY_WITHOUT_INLINE_SCRIPT = policy()

function policy(nonce?: string) {
  return [
    "default-src 'self'",
    nonce ? `script-src 'self' ${nonce}` : "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ')
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses state-changing requests sent from another site: the Origin (or, failing that, the Referer)
 * must be the portal itself, that is APP_URL's origin or the portal's own origin as this request names it
 * (ownOrigin). Together with SameSite=Lax cookies this is the CSRF defence (ADR 005).
 */
export function checkOrigin(env: Pick<Env, 'APP_URL' | 'TRUST_PROXY'>) {
  const sameSite = fromThePortal(env)
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE.has(req.method)) return next()
    const origin = sameSite(req)
    if (origin) {
      // Remix checks the Origin of a form POST once more, against X-Forwarded-Host (trusted or not), else
      // Host. Behind a proxy that rewrites Host that check throws, a 500 for a request accepted here: it is
      // given the host this check accepted.
      req.headers['x-forwarded-host'] = new URL(origin).host
      return next()
    }
    res.status(403).type('text/plain; charset=utf-8').send(translator(languageOfRequest(req))('error.origin'))
  }
}

/**
 * The origin a state-changing request came from, when that is the portal (checkOrigin's test, for a handler
 * that answers before it: server/autosave.ts), else null.
 */
export function fromThePortal(env: Pick<Env, 'APP_URL' | 'TRUST_PROXY'>) {
  const configured = new URL(env.APP_URL).origin
  return (req: Request): string | null => {
    const origin = req.get('Origin') ?? originOf(req.get('Referer'))
    return origin && origin !== 'null' && (origin === configured || origin === ownOrigin(req, env.TRUST_PROXY)) ? origin : null
  }
}

/**
 * The portal's origin as this request names it. Behind a trusted proxy (TRUST_PROXY) that is the scheme and
 * host the browser asked the proxy for (X-Forwarded-Proto, X-Forwarded-Host, else Host); otherwise the
 * connection's scheme and the Host header. Null when the headers make no origin.
 */
function ownOrigin(req: Request, trustProxy: boolean): string | null {
  const forwardedHost = trustProxy ? req.get('X-Forwarded-Host')?.split(',')[0].trim() : undefined
  const host = forwardedHost || req.get('Host')
  if (!host) return null
  try {
    return new URL(`${req.protocol}://${host}`).origin
  } catch {
    return null
  }
}

function originOf(referer: string | undefined) {
  if (!referer) return undefined
  try {
    return new URL(referer).origin
  } catch {
    return undefined
  }
}

/**
 * The visitor's language for an answer Express gives by itself, before Remix has a request: `?lang=`, then
 * the cookie, then Vietnamese. Built from neither Host nor the path, so no header can make it throw.
 */
export function languageOfRequest(req: Request): Lang {
  const lang = req.query.lang
  return languageOf(new globalThis.Request(`http://portal.invalid/${isLang(lang) ? `?lang=${lang}` : ''}`, { headers: { Cookie: req.get('Cookie') ?? '' } }))
}

/**
 * `?lang=vi|en` on any page sets the language cookie and reloads the same address without it. The address
 * is the request's own path, kept only if it stays on the portal (pathOnPortal: `/.//evil.example` is
 * a path here, but `//evil.example` in a Location header).
 */
export function languageSwitch(env: Env) {
  const secure = cookieIsSecure(env)
  return (req: Request, res: Response, next: NextFunction) => {
    const lang = req.query.lang
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (lang !== 'vi' && lang !== 'en')) return next()
    res.cookie('lang', lang, { path: '/', maxAge: 365 * 24 * 3600_000, sameSite: 'lax', secure, httpOnly: false })
    const url = new URL(pathOnPortal(req.originalUrl, env.APP_URL), env.APP_URL)
    url.searchParams.delete('lang')
    res.redirect(303, url.pathname + url.search)
  }
}
