import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import onHeaders from 'on-headers'
import { cookieIsSecure, type Env } from '../app/config/env.server'
import { languageOf, translator } from '../app/i18n'
import { pathOnPortal } from '../app/modules/auth/redirect'

/**
 * A per-response nonce and the Content-Security-Policy that allows only our own scripts and those
 * carrying the nonce. A route that needs another policy (the e-mail preview) sets its own header; the
 * default is added only when none was set.
 */
export function contentSecurityPolicy() {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString('base64')
    res.locals.cspNonce = nonce
    onHeaders(res, () => {
      if (res.getHeader('Content-Security-Policy')) return
      res.setHeader(
        'Content-Security-Policy',
        [
          "default-src 'self'",
          `script-src 'self' 'nonce-${nonce}'`,
          "style-src 'self'",
          "img-src 'self' data:",
          "font-src 'self'",
          "connect-src 'self'",
          "frame-src 'self'",
          "form-action 'self'",
          "frame-ancestors 'none'",
          "base-uri 'none'",
          "object-src 'none'",
        ].join('; '),
      )
    })
    next()
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses state-changing requests sent from another site: the Origin (or, failing that, the Referer)
 * must be the portal itself. Together with SameSite=Lax cookies this is the CSRF defence (ADR 005).
 */
export function checkOrigin(appUrl: string) {
  const allowed = new URL(appUrl).origin
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE.has(req.method)) return next()
    const own = `${req.protocol}://${req.get('host')}`
    const origin = req.get('Origin') ?? originOf(req.get('Referer'))
    if (origin && origin !== 'null' && (origin === allowed || origin === own)) return next()
    const t = translator(languageOf(new globalThis.Request(`${own}${req.originalUrl}`, { headers: { Cookie: req.get('Cookie') ?? '' } })))
    res.status(403).type('text/plain; charset=utf-8').send(t('error.origin'))
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
