import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type NextFunction, type Request, type Response } from 'express'
import helmet from 'helmet'
import type { DatabaseHandle } from '../db'
import { cookieIsSecure, type Env } from '../app/config/env.server'
import { translator } from '../app/i18n'
import { leanAutosave, replayAutosave } from './autosave'
import { checkOrigin, contentSecurityPolicy, languageOfRequest, languageSwitch } from './security'

export interface PortalOptions {
  env: Env
  database: DatabaseHandle
  build: ServerBuild
  /** Where the client assets of the build are (build/client). */
  clientDir: string
}

/** The HTTP application: security headers, static assets, the Remix request handler, a friendly last resort. */
export function createApp({ env, database, build, clientDir }: PortalOptions) {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', env.TRUST_PROXY ? 1 : false)

  const securityHeaders = helmet({
    contentSecurityPolicy: false, // set per response, with a nonce (security.ts)
    strictTransportSecurity: cookieIsSecure(env) ? { maxAge: 15552000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    // Set once per response by contentSecurityPolicy(): a route that sends a file sets it itself, and the Remix
    // adapter appends a route's headers, so helmet's copy would make it "nosniff, nosniff".
    xContentTypeOptions: false,
  })
  // The autosave of a section, the deadline day's most frequent request, ahead of the rest (ADRs 022, 030).
  app.post('/applications/:id/sections/:key', leanAutosave(env, database, securityHeaders))

  app.use(compression())
  app.use(securityHeaders)
  app.use(contentSecurityPolicy())

  app.use('/assets', express.static(`${clientDir}/assets`, { immutable: true, maxAge: '1y', index: false }))
  app.use(express.static(clientDir, { maxAge: '1h', index: false }))

  app.use(languageSwitch(env))
  app.use(checkOrigin(env))

  const remix = createRequestHandler({
    build,
    mode: env.NODE_ENV === 'production' ? 'production' : 'development',
    getLoadContext: (req, res) => ({
      db: database.db,
      dbKind: database.kind,
      env,
      cspNonce: res.locals.cspNonce as string,
      clientIp: req.ip ?? null,
    }),
  })
  // An autosave the lean handler passed on, with the body it read.
  app.post('/applications/:id/sections/:key', replayAutosave(remix))
  app.all('*', remix)

  // Never a stack trace. A client's mistake that Express itself detects (a malformed URL, a body too
  // large) keeps its 4xx status; anything else is logged and answered as a 500, in the user's language.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: unknown })?.status
    const clientError = typeof status === 'number' && status >= 400 && status < 500
    if (!clientError) console.error('[http] unhandled error on', req.method, req.originalUrl, error)
    if (res.headersSent) return res.end()
    const t = translator(languageOfRequest(req))
    res
      .status(clientError ? status : 500)
      .type('text/plain; charset=utf-8')
      .send(clientError ? t('error.400.body') : t('error.500.body'))
  })
  return app
}
