import { Readable } from 'node:stream'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { DatabaseHandle } from '../db'
import type { Env } from '../app/config/env.server'
import { formFields } from '../app/lib/forms.server'
import { getApplicationForMember } from '../app/modules/applications'
import { saveSectionForm } from '../app/modules/applications/section-form'
import { isFormSectionKey, isSectionKey } from '../app/modules/applications/sections'
import { decide, userOfCookieHeader } from '../app/modules/auth'

// The deadline-day hot path (ADR 022): a section's autosave, which the page's script posts every few seconds
// while an applicant types (`POST /applications/:id/sections/:key?_data=<route id>`, intent=autosave), handled
// here without the framework's per-request work (route matching, a web Request and its AbortSignal, the
// response streamed in pieces). It runs the same guards as the page's action and the same function
// (saveSectionForm), and answers as Remix answers a fetcher. Anything else, and anything unusual (signed out,
// not a member, a viewer, another intent), goes to the page's action unchanged, with the body it sent.

export const SECTION_ROUTE = 'routes/applications.$id.sections.$key'
const PATH = /^\/applications\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/sections\/([a-z]+)$/
/** An autosave is a few kilobytes; a body larger than this goes to Remix. */
const MAX_BODY = 1024 * 1024

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

export function leanAutosave(env: Env, database: DatabaseHandle, remix: RequestHandler): RequestHandler {
  const db = database.db
  return (req: Request, res: Response, next: NextFunction) => {
    const match = PATH.exec(req.path)
    const type = req.headers['content-type'] ?? ''
    if (!match || req.query._data !== SECTION_ROUTE || !type.startsWith('application/x-www-form-urlencoded')) return next()
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      chunks.push(chunk)
    })
    req.once('error', next)
    req.once('end', () => {
      const body = Buffer.concat(chunks, size)
      const toRemix = () => remix(replay(req, body), res, next)
      handle(body, match[1], match[2], req.headers.cookie)
        .then(async (answer) => {
          if (!answer) return toRemix()
          res.status(answer.status)
          res.setHeader('Content-Type', answer.headers.get('Content-Type') ?? 'application/json; charset=utf-8')
          res.setHeader('X-Remix-Response', 'yes')
          res.end(await answer.text())
        })
        .catch(next)
    })
  }

  /** The page action's answer to an autosave, or null for the page's action to handle the request itself. */
  async function handle(body: Buffer, applicationId: string, key: string, cookie: string | undefined): Promise<globalThis.Response | null> {
    if (body.length > MAX_BODY || !isSectionKey(key) || !isFormSectionKey(key)) return null
    const raw = formFields(new URLSearchParams(body.toString('utf8')))
    if (raw.intent !== 'autosave') return null
    const user = await userOfCookieHeader(db, env, cookie)
    if (!user || decide(user, SECTION_ROUTE) !== 'allow') return null
    const access = await getApplicationForMember(db, applicationId, user.id)
    if (!access || access.role === 'viewer') return null
    return saveSectionForm(db, access, user, key, raw)
  }
}
