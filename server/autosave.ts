import { Readable } from 'node:stream'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { DatabaseHandle } from '../db'
import type { Env } from '../app/config/env.server'
import { formFields } from '../app/lib/forms.server'
import { getApplicationForSession } from '../app/modules/applications'
import { answerSectionForm } from '../app/modules/applications/section-form'
import { fromThePortal, POLICY_WITHOUT_INLINE_SCRIPT } from './security'
import { isFormSectionKey, isSectionKey } from '../app/modules/applications/sections'
import { decide, sessionHashOfCookieHeader, sessionUserOfRow } from '../app/modules/auth'

// The deadline-day hot path (ADRs 022, 030): a section's autosave, which the page's script posts every few
// seconds while an applicant types (`POST /applications/:id/sections/:key?_data=<route id>`, intent=autosave),
// handled ahead of the rest of the app: without the framework's per-request work (route matching, a web Request
// and its AbortSignal, a web Response streamed in pieces) and ahead of the middleware that an answer in JSON to
// the page's own script does not need (compression, which leaves answers this small as they are; a nonce for a
// policy that has no script to allow). It checks the origin as checkOrigin does, runs the same guards as the
// page's action and the same function (answerSectionForm, which the action's saveSectionForm wraps), and
// answers as Remix answers a fetcher, with the headers every answer has (helmet's, nosniff, a policy).
// Anything else, and anything unusual (another origin, signed out, not a member, a viewer, another intent),
// goes on through the app unchanged (replayAutosave below gives the page's action the body it sent).

export const SECTION_ROUTE = 'routes/applications.$id.sections.$key'
const PATH = /^\/applications\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/sections\/([a-z]+)$/
/** An autosave is a few kilobytes; a body larger than this goes to Remix. */
const MAX_BODY = 1024 * 1024
const BODY_READ = Symbol('autosave body')

type WithBody = Request & { [BODY_READ]?: Buffer }

/** The request again, with the body already read, for the Remix handler (which reads only these of it). */
function replay(req: Request, body: Buffer) {
  return Object.assign(Readable.from([body], { objectMode: false }), {
    method: req.method,
    headers: req.headers,
    url: req.url,
    originalUrl: req.originalUrl,
    protocol: req.protocol,
    hostname: req.hostname,
    ip: req.ip,
    get: req.get.bind(req),
  }) as unknown as Request
}

/**
 * Mounted first: answers an autosave, or passes the request on (its body, if read, kept for replayAutosave).
 * `securityHeaders` is the middleware that sets the headers every answer carries (helmet): they do not vary by
 * request, so they are read off it once.
 */
export function leanAutosave(env: Env, database: DatabaseHandle, securityHeaders: RequestHandler): RequestHandler {
  const db = database.db
  const fromPortal = fromThePortal(env)
  const headers = { ...headersSetBy(securityHeaders), 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': POLICY_WITHOUT_INLINE_SCRIPT }
  return (req: Request, res: Response, next: NextFunction) => {
    const match = PATH.exec(req.path)
    const type = req.headers['content-type'] ?? ''
    if (!match || req.query._data !== SECTION_ROUTE || !type.startsWith('application/x-www-form-urlencoded') || !fromPortal(req)) return next()
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      chunks.push(chunk)
    })
    req.once('error', next)
    req.once('end', () => {
      const body = Buffer.concat(chunks, size)
      handle(body, match[1], match[2], req.headers.cookie)
        .then((answer) => {
          if (!answer) {
            ;(req as WithBody)[BODY_READ] = body
            return next()
          }
          const text = JSON.stringify(answer.json)
          res.writeHead(answer.status, {
            ...headers,
            'Content-Type': 'application/json; charset=utf-8',
            'Content-Length': Buffer.byteLength(text),
            'X-Remix-Response': 'yes',
          })
          res.end(text)
        })
        .catch(next)
    })
  }

  /** The page action's answer to an autosave, or null for the page's action to handle the request itself. */
  async function handle(body: Buffer, applicationId: string, key: string, cookie: string | undefined): Promise<{ json: object; status: number } | null> {
    if (body.length > MAX_BODY || !isSectionKey(key) || !isFormSectionKey(key)) return null
    const raw = formFields(new URLSearchParams(body.toString('utf8')))
    if (raw.intent !== 'autosave') return null
    const hash = await sessionHashOfCookieHeader(env, cookie)
    if (!hash) return null
    // The session and the membership in one round trip (ADR 030), then the same checks as the page's action.
    const { session, access } = await getApplicationForSession(db, applicationId, hash)
    const user = await sessionUserOfRow(db, hash, session)
    if (!user || decide(user, SECTION_ROUTE) !== 'allow') return null
    if (!access || access.role === 'viewer') return null
    const answer = await answerSectionForm(db, access, user, key, raw)
    return 'json' in answer ? answer : null // an autosave always answers in JSON
  }
}

/** At the section page's place in the app: a request whose body leanAutosave read goes to Remix with that body. */
export function replayAutosave(remix: RequestHandler): RequestHandler {
  return (req, res, next) => {
    const body = (req as WithBody)[BODY_READ]
    if (!body) return next()
    remix(replay(req, body), res, next)
  }
}

/** The headers a middleware that only sets headers sets, read once on a stand-in response. */
function headersSetBy(middleware: RequestHandler): Record<string, string> {
  const headers: Record<string, string> = {}
  const res = {
    setHeader: (name: string, value: unknown) => void (headers[name] = String(value)),
    removeHeader: (name: string) => void delete headers[name],
  }
  middleware({} as Request, res as unknown as Response, () => {})
  return headers
}
