import { type Zippable, zipSync } from 'fflate'
import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { Job, JobKind } from '../../../db/schema'
import { recordAudit } from '../audit'
import type { FileStorage } from '../applications'
import { readAll } from '../applications/storage'
import { issueOutcome } from './issue'
import type { Signing } from './signing'
import { startPoller } from '../../lib/poller'

// "Issue all decisions of this call": a background job. Staff start it; a worker claims it with a lease
// (FOR UPDATE SKIP LOCKED, as the outbox does), issues each decided application's outcome document in its
// own transaction (issueOutcome is idempotent, so a job taken up again after a crash goes on where it
// stopped), counts its progress as it goes, and ends with ONE ZIP of the call's issued outcome documents
// and a list of them (danh-sach.csv), kept in the file storage.

type Actor = { id: string; email: string }

const ACTIVE = ['queued', 'running'] as const
const LEASE_SECONDS = 120

export interface JobView {
  id: string
  callId: string | null
  state: Job['state']
  total: number
  done: number
  failed: number
  error: string | null
  zipSize: number | null
  createdAt: Date
  finishedAt: Date | null
}

function view(row: Job): JobView {
  return {
    id: row.id,
    callId: row.call_id,
    state: row.state,
    total: row.total,
    done: row.done,
    failed: row.failed,
    error: row.error,
    zipSize: row.zip_size,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  }
}

/**
 * Queues the issuing of all the call's outcome documents. One unfinished job per call at a time: while one
 * is queued or running, its id is returned (a unique partial index makes that hold under concurrency too).
 */
export async function startIssueAll(db: DB, input: { callId: string; actor: Actor; ip?: string | null }): Promise<string> {
  const active = () =>
    db.selectFrom('jobs').select('id').where('kind', '=', 'issue_decisions').where('call_id', '=', input.callId).where('state', 'in', ACTIVE).executeTakeFirst()
  const existing = await active()
  if (existing) return existing.id
  const inserted = await db
    .insertInto('jobs')
    .values({ kind: 'issue_decisions', call_id: input.callId, created_by: input.actor.id, updated_at: new Date() })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
  if (inserted) return inserted.id
  return (await active())!.id
}

/** Takes the oldest queued job of a kind, or a running one whose worker stopped renewing its lease (it died). */
export async function claimJob(db: DB, leaseSeconds = LEASE_SECONDS, kind: JobKind = 'issue_decisions'): Promise<Job | null> {
  const result = await sql<Job>`
    UPDATE jobs SET state = 'running', locked_until = now() + make_interval(secs => ${leaseSeconds}), updated_at = now()
    WHERE id IN (
      SELECT id FROM jobs
      WHERE kind = ${kind} AND state IN ('queued', 'running') AND (locked_until IS NULL OR locked_until < now())
      ORDER BY created_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`.execute(db)
  return result.rows[0] ?? null
}

async function progress(db: DB, jobId: string, set: { total?: number; done?: number; failed?: number; error?: string | null }, leaseSeconds: number) {
  await db
    .updateTable('jobs')
    .set({ ...set, updated_at: new Date(), locked_until: sql<Date>`now() + make_interval(secs => ${leaseSeconds})` })
    .where('id', '=', jobId)
    .execute()
}

export interface RunOptions {
  /** How the person who started the job signs (the key kept on the server for them) and the Fund's seal. */
  signingFor: (actor: Actor) => Promise<Signing>
  appUrl: string
  leaseSeconds?: number
  /** Asked between applications: true leaves the job for another run (shutdown). */
  shouldStop?: () => boolean
  now?: () => Date
}

/**
 * Runs a claimed job to its end: 'done' with the ZIP stored, or 'failed' with the error. Applications that
 * fail on their own are counted in `failed` (their references in `error`) and the others go on.
 * Returns the job as it ends (or as it was left when asked to stop).
 */
export async function runJob(db: DB, storage: FileStorage, job: Pick<Job, 'id' | 'call_id' | 'created_by'>, options: RunOptions): Promise<JobView> {
  const lease = options.leaseSeconds ?? LEASE_SECONDS
  try {
    if (!job.call_id) throw new Error('job without a call')
    const actor = job.created_by ? await db.selectFrom('users').select(['id', 'email']).where('id', '=', job.created_by).executeTakeFirst() : undefined
    if (!actor) throw new Error('the person who started the job no longer exists')
    // Without a key kept on the server for them, nothing can be signed: the job fails with that reason.
    const signing = await options.signingFor(actor)
    const apps = await db
      .selectFrom('applications')
      .select(['id', 'reference'])
      .where('call_id', '=', job.call_id)
      .where('status', 'in', ['approved', 'rejected'])
      .orderBy('reference')
      .orderBy('id')
      .execute()
    // Counted afresh on every run: applications already issued (before, or by a run that died) go fast.
    let done = 0
    let failed = 0
    const errors: string[] = []
    await progress(db, job.id, { total: apps.length, done, failed, error: null }, lease)
    for (const app of apps) {
      if (options.shouldStop?.()) {
        await db.updateTable('jobs').set({ locked_until: null, updated_at: new Date() }).where('id', '=', job.id).execute()
        return view(await db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow())
      }
      try {
        const result = await issueOutcome(db, storage, { applicationId: app.id, actor, now: options.now?.(), signing })
        if (result.ok) done++
        else {
          failed++
          errors.push(`${app.reference ?? app.id}: ${result.reason}`)
        }
      } catch (error) {
        failed++
        errors.push(`${app.reference ?? app.id}: ${error instanceof Error ? error.message : String(error)}`)
      }
      await progress(db, job.id, { done, failed, error: errors.length ? errors.join('\n').slice(0, 4000) : null }, lease)
    }

    const zip = await buildZip(db, storage, job.call_id)
    const stored = await storage.put(zip.bytes)
    const finished = await db
      .updateTable('jobs')
      .set({ state: 'done', zip_key: stored.key, zip_size: stored.size, zip_sha256: stored.sha256, locked_until: null, updated_at: new Date(), finished_at: new Date() })
      .where('id', '=', job.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(db, {
      action: 'document.bulk_issued',
      actor,
      subjectType: 'call',
      subjectId: job.call_id,
      details: { job: job.id, total: apps.length, done, failed, files: zip.files, sha256: stored.sha256 },
    })
    return view(finished)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const row = await db
      .updateTable('jobs')
      .set({ state: 'failed', error: message.slice(0, 4000), locked_until: null, updated_at: new Date(), finished_at: new Date() })
      .where('id', '=', job.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    return view(row)
  }
}

/** A CSV cell: quoted when needed; a leading =, +, - or @ is defused so a spreadsheet never runs it. */
function cell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * One ZIP of the call's issued (not cancelled) outcome documents, each named after the application's
 * reference and the document's own file name ("QKHCN-2026-0001_01-QĐ-QKHCN.pdf", UTF-8 names), and
 * danh-sach.csv listing them. Deterministic: the same documents give the same bytes.
 */
export async function buildZip(db: DB, storage: FileStorage, callId: string): Promise<{ bytes: Uint8Array; files: number }> {
  const rows = await db
    .selectFrom('documents as d')
    .innerJoin('applications as a', 'a.id', 'd.application_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('document_register as r', 'r.id', 'd.register_id')
    .select(['d.id', 'd.kind', 'd.filename', 'd.storage_key', 'd.created_at', 'r.symbol', 'a.reference', 'a.title', 'a.approved_amount', 'a.organisation_snapshot', 'o.name as organisation'])
    .where('d.call_id', '=', callId)
    .where('d.kind', 'in', ['decision', 'notice'])
    .where((eb) => eb.or([eb('r.state', 'is', null), eb('r.state', '<>', 'cancelled')]))
    .orderBy('a.reference')
    .orderBy('d.kind')
    .orderBy('d.created_at')
    .execute()
  const entries: Zippable = {}
  const used = new Set<string>()
  const lines = [['Mã hồ sơ', 'Tổ chức chủ trì', 'Tên nhiệm vụ', 'Số văn bản', 'Kinh phí được duyệt (đồng)'].map(cell).join(',')]
  for (const row of rows) {
    let name = `${row.reference ?? row.id}_${row.filename}`
    for (let n = 2; used.has(name); n++) name = `${row.reference ?? row.id}_${n}_${row.filename}`
    used.add(name)
    const bytes = new Uint8Array(await readAll(storage.get(row.storage_key)))
    // PDFs are compressed already: stored as they are.
    entries[name] = [bytes, { level: 0, mtime: row.created_at }]
    const organisation = ((row.organisation_snapshot ?? {}) as { name?: string }).name ?? row.organisation
    const amount = row.kind === 'decision' && row.approved_amount !== null ? Number(row.approved_amount) : null
    lines.push([row.reference, organisation, row.title, row.symbol, amount].map(cell).join(','))
  }
  // With a byte-order mark, so that spreadsheets read the Vietnamese letters as UTF-8.
  const csv = new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`)
  const latest = rows.reduce((m, r) => (r.created_at > m ? r.created_at : m), new Date('2020-01-01T00:00:00Z'))
  entries['danh-sach.csv'] = [csv, { level: 6, mtime: latest }]
  return { bytes: zipSync(entries), files: rows.length }
}

export async function getJob(db: DB, jobId: string): Promise<JobView | null> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst()
  return row ? view(row) : null
}

/** The call's newest issuing job, if any. */
export async function latestJob(db: DB, callId: string): Promise<JobView | null> {
  const row = await db
    .selectFrom('jobs')
    .selectAll()
    .where('kind', '=', 'issue_decisions')
    .where('call_id', '=', callId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? view(row) : null
}

/** The ZIP of the call's newest finished job, to download (the caller checked who may). */
export async function getJobZip(db: DB, storage: FileStorage, callId: string) {
  const row = await db
    .selectFrom('jobs as j')
    .innerJoin('calls as c', 'c.id', 'j.call_id')
    .select(['j.zip_key', 'j.zip_size', 'c.code'])
    .where('j.kind', '=', 'issue_decisions')
    .where('j.call_id', '=', callId)
    .where('j.state', '=', 'done')
    .where('j.zip_key', 'is not', null)
    .orderBy('j.finished_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row?.zip_key || !row.zip_size) return null
  return {
    attachment: { media_type: 'application/zip', size_bytes: row.zip_size, filename: `van-ban-ket-qua_${row.code}.zip` },
    stream: storage.get(row.zip_key),
  }
}

/** The call's decided applications, and how many already have their outcome document. */
export async function decidedSummary(db: DB, callId: string) {
  const rows = await db
    .selectFrom('applications as a')
    .leftJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select((eb) => [
      'a.id',
      'a.reference',
      'a.title',
      'a.status',
      'a.approved_amount',
      'o.name as organisation',
      eb
        .selectFrom('documents as d')
        .leftJoin('document_register as r', 'r.id', 'd.register_id')
        .select('r.symbol')
        .whereRef('d.application_id', '=', 'a.id')
        .where('d.kind', 'in', ['decision', 'notice'])
        .where((w) => w.or([w('r.state', 'is', null), w('r.state', '<>', 'cancelled')]))
        .orderBy('d.created_at', 'desc')
        .limit(1)
        .as('symbol'),
    ])
    .where('a.call_id', '=', callId)
    .where('a.status', 'in', ['approved', 'rejected'])
    .orderBy('a.reference')
    .execute()
  const applications = rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    organisation: r.organisation,
    status: r.status as 'approved' | 'rejected',
    amount: r.approved_amount === null ? null : Number(r.approved_amount),
    symbol: r.symbol ?? null,
  }))
  return {
    applications,
    approved: applications.filter((a) => a.status === 'approved').length,
    rejected: applications.filter((a) => a.status === 'rejected').length,
    issued: applications.filter((a) => a.symbol).length,
  }
}

/**
 * Polls for jobs until stopped. Errors of the database are logged and the loop goes on. On stop, a job in
 * hand is left (its lease released) after the application being issued, for the next start to finish.
 */
export function startJobWorker(db: DB, storage: FileStorage, options: { pollMs: number; appUrl: string; leaseSeconds?: number; signingFor: RunOptions['signingFor'] }) {
  return startPoller('jobs', options.pollMs, async (stopped) => {
    for (;;) {
      const job = await claimJob(db, options.leaseSeconds)
      if (!job) break
      const result = await runJob(db, storage, job, { appUrl: options.appUrl, leaseSeconds: options.leaseSeconds, shouldStop: stopped, signingFor: options.signingFor })
      if (result.state === 'failed') console.error(`[jobs] job ${job.id} failed: ${result.error}`)
      if (stopped()) break
    }
  })
}
