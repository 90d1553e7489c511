// The bare baseline of the HTTP benchmark: plain node:http + postgres.js doing, for an autosave of a section,
// what the portal does for the same request, and nothing else:
//   verify the signed session cookie (Remix's format: base64(JSON) + "." + HMAC-SHA256, cookie-signature),
//   look the session, the user's roles and the membership up in one statement (the SQL of getApplicationForSession:
//   findSessionUser's and getApplicationForMember's, ADR 030), then lock the draft, write the section with the
//   version check and move the application's version in one statement (saveDraftSection's); answer JSON as the
//   portal does.
// No framework, no query builder, no validation library.
//   DATABASE_URL=… SESSION_SECRET=… PORT=… node bench/bare/server.mjs
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'
import postgres from 'postgres'

// A Unix socket named as libpq names it (`?host=/var/run/postgresql`) is read as the portal reads it (db/index.ts).
const url = new URL(process.env.DATABASE_URL)
const socketDir = url.searchParams.get('host')?.startsWith('/') ? url.searchParams.get('host') : undefined
url.searchParams.delete('host')
const sql = postgres(url.toString(), { ...(socketDir ? { host: socketDir } : {}), max: Number(process.env.POOL ?? 10), idle_timeout: 20, onnotice: () => {} })
const secret = process.env.SESSION_SECRET
const port = Number(process.env.PORT)
const ROUTE = /^\/applications\/([0-9a-f-]{36})\/sections\/(general|team|proposal|budget|declarations)(?:\?|$)/

/** The raw session id of a signed `__session` cookie, or null. */
function sessionId(header) {
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (part.slice(0, eq).trim() !== '__session') continue
    const signed = decodeURIComponent(part.slice(eq + 1).trim())
    const dot = signed.lastIndexOf('.')
    if (dot < 1) return null
    const value = signed.slice(0, dot)
    const expected = Buffer.from(`${value}.${createHmac('sha256', secret).update(value).digest('base64').replace(/=+$/, '')}`)
    const given = Buffer.from(signed)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
    try {
      const raw = JSON.parse(decodeURIComponent(escape(atob(value))))
      return typeof raw === 'string' && raw ? raw : null
    } catch {
      return null
    }
  }
  return null
}

function send(res, status, body) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

async function autosave(req, res, applicationId, key) {
  const raw = sessionId(req.headers.cookie)
  if (!raw) return send(res, 401, { error: 'sign in' })
  const hash = createHash('sha256').update(raw).digest('hex')
  const [row] = await sql`
    SELECT u.id AS session_user_id, u.email AS session_email, u.full_name AS session_full_name, u.lang AS session_lang,
      u.status AS session_user_status, s.created_at AS session_created_at, s.last_seen_at AS session_last_seen_at,
      s.expires_at AS session_expires_at,
      (SELECT coalesce(array_agg(role ORDER BY role), '{}') FROM user_roles WHERE user_roles.user_id = u.id) AS session_roles, x.*
    FROM sessions s JOIN users u ON u.id = s.user_id
    LEFT JOIN LATERAL (
      SELECT a.*, m.role, o.name AS organisation_name, c.code AS call_code, c.title_vi AS call_title_vi, c.title_en AS call_title_en,
        c.status AS call_status, c.opens_at AS call_opens_at, c.closes_at AS call_closes_at, c.grace_minutes AS call_grace_minutes,
        c.max_amount AS call_max_amount, c.min_counterpart_pct AS call_min_counterpart_pct, c.max_duration_months AS call_max_duration_months,
        c.modality AS call_modality
      FROM applications a
      JOIN organisation_members m ON m.organisation_id = a.organisation_id AND m.user_id = u.id
      JOIN organisations o ON o.id = a.organisation_id
      JOIN calls c ON c.id = a.call_id
      WHERE a.id = ${applicationId}
    ) x ON true
    WHERE s.id_hash = ${hash} AND s.expires_at > now()`
  if (!row || row.session_user_status !== 'active' || !row.session_roles.includes('applicant')) return send(res, 403, { error: 'forbidden' })
  const user = { id: row.session_user_id }
  const access = row.id === null ? null : row
  if (!access) return send(res, 404, { error: 'not found' })
  if (access.role === 'viewer') return send(res, 403, { error: 'forbidden' })
  const chunks = []
  for await (const chunk of req) chunks.push(chunk)
  const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
  const data = {}
  for (const [k, v] of form) if (k !== 'intent' && k !== 'baseVersion' && !(k in data)) data[k] = v
  const baseVersion = Number(form.get('baseVersion') ?? 0)
  const now = new Date()
  const readConflict = async () => {
    const [current] = await sql`SELECT s.version, s.updated_at, u.full_name FROM application_sections s LEFT JOIN users u ON u.id = s.updated_by
      WHERE s.application_id = ${applicationId} AND s.key = ${key}`
    return { conflict: { version: current?.version ?? 0, savedAt: current?.version ? current.updated_at : null, savedBy: current?.full_name ?? null } }
  }
  // The portal's statements (saveSection). A section saved before, in a draft: one statement (saveDraftSection,
  // ADR 030), the draft locked and checked, the section written over the version the form had, the application's
  // version moved only then; the transaction below when the application is no longer a draft.
  if (baseVersion > 0) {
    const [r] = await sql`
      WITH draft AS (
        SELECT id FROM applications WHERE id = ${applicationId} AND status = 'draft' FOR UPDATE
      ), saved AS (
        UPDATE application_sections SET data = ${sql.json(data)}, completed = false, updated_at = ${now}, updated_by = ${user.id}, version = version + 1
        WHERE application_id = ${applicationId} AND key = ${key} AND version = ${baseVersion} AND EXISTS (SELECT 1 FROM draft)
        RETURNING version, updated_at
      ), moved AS (
        UPDATE applications SET version = version + 1, updated_at = ${now}, title = coalesce(${key === 'general' ? (data.title ?? '') : null}, title)
        WHERE id IN (SELECT id FROM draft) AND EXISTS (SELECT 1 FROM saved)
        RETURNING id
      )
      SELECT EXISTS (SELECT 1 FROM draft) AS draft, (SELECT version FROM saved) AS version, (SELECT updated_at FROM saved) AS updated_at`
    if (r?.draft) {
      if (r.version === null) return send(res, 409, await readConflict())
      return send(res, 200, { saved: { version: r.version, savedAt: r.updated_at } })
    }
  }
  // Otherwise: the draft locked, checked and its version moved in one statement; the section written over the
  // version the form had (created from version 0); a conflict rolls the version back.
  const conflict = new Error('conflict')
  const result = await sql
    .begin(async (trx) => {
      const [draft] =
        key === 'general'
          ? await trx`UPDATE applications SET version = version + 1, updated_at = ${now}, title = ${data.title ?? ''} WHERE id = ${applicationId} AND status = 'draft' RETURNING id`
          : await trx`UPDATE applications SET version = version + 1, updated_at = ${now} WHERE id = ${applicationId} AND status = 'draft' RETURNING id`
      if (!draft) return { refused: true }
      // As an object (postgres.js serialises it once, as Kysely's does): a JSON string sent for a jsonb parameter
      // would be stored as a JSON string, not the section's fields.
      const json = sql.json(data)
      const [saved] =
        baseVersion === 0
          ? await trx`INSERT INTO application_sections (application_id, key, version, data, completed, updated_at, updated_by)
              VALUES (${applicationId}, ${key}, 1, ${json}, false, ${now}, ${user.id})
              ON CONFLICT (application_id, key) DO UPDATE SET data = ${json}, completed = false, updated_at = ${now}, updated_by = ${user.id},
                version = application_sections.version + 1
              WHERE application_sections.version = 0 RETURNING version, updated_at`
          : await trx`UPDATE application_sections SET data = ${json}, completed = false, updated_at = ${now}, updated_by = ${user.id}, version = version + 1
              WHERE application_id = ${applicationId} AND key = ${key} AND version = ${baseVersion} RETURNING version, updated_at`
      if (!saved) throw conflict
      return { saved: { version: saved.version, savedAt: saved.updated_at } }
    })
    .catch(async (error) => {
      if (error !== conflict) throw error
      return readConflict()
    })
  if (result.refused) return send(res, 403, { error: 'read-only' })
  if (result.conflict) return send(res, 409, { conflict: result.conflict })
  send(res, 200, result)
}

const server = createServer((req, res) => {
  const match = req.method === 'POST' ? ROUTE.exec(req.url) : null
  if (req.url === '/healthz') return send(res, 200, { ok: true })
  if (!match) return send(res, 404, { error: 'not found' })
  autosave(req, res, match[1], match[2]).catch((error) => {
    console.error(error)
    if (!res.headersSent) send(res, 500, { error: 'server error' })
    else res.end()
  })
})
server.keepAliveTimeout = 65_000
server.listen(port, '127.0.0.1', () => console.log(`bare baseline on ${port}`))
process.on('SIGTERM', () => server.close(() => sql.end().then(() => process.exit(0))))
