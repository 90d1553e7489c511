import { type Zippable, zipSync } from 'fflate'
import { sql, type Updateable } from 'kysely'
import type { DB } from '../../../db'
import type { Job, JobKind, JobsTable } from '../../../db/schema'
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
//
// The lease is also the claim's token: each renewal and the job's end are written only while the lease is
// still the one this worker set. A worker that stalled past its lease (or whose database was cut off) and
// comes back after another instance took the job over finds the token changed and leaves the job alone:
// one worker's count, one ZIP and one audit entry per job, however many instances run.

type Actor = { id: string; email: string }

const ACTIVE = ['queued', 'running'] as const
/** The default lease; the server passes JOBS_LEASE_SECONDS. */
const LEASE_SECONDS = 120

/** A job as a worker holds it. */
export type ClaimedJob = Job & {
  /** The claim's token: the end of the lease as the database keeps it, in microseconds. Changes at each renewal. */
  lease: string
  /** It was running under a worker that stopped or whose lease ran out: taken up again, not started. */
  takenOver: boolean
}

/** The lease's end in microseconds, exactly as stored (a JS Date would round it to milliseconds). */
const LEASE_TOKEN = sql<string>`(extract(epoch from locked_until) * 1000000)::bigint::text`
const held = (lease: string) => sql<boolean>`${LEASE_TOKEN} = ${lease}`

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
export async function claimJob(db: DB, leaseSeconds = LEASE_SECONDS, kind: JobKind = 'issue_decisions'): Promise<ClaimedJob | null> {
  const result = await sql<Job & { was: Job['state']; lease: string }>`
    WITH picked AS (
      SELECT id, state FROM jobs
      WHERE kind = ${kind} AND state IN ('queued', 'running') AND (locked_until IS NULL OR locked_until < now())
      ORDER BY created_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    UPDATE jobs SET state = 'running', locked_until = now() + make_interval(secs => ${leaseSeconds}), updated_at = now()
    FROM picked
    WHERE jobs.id = picked.id
    RETURNING jobs.*, picked.state AS was, ${LEASE_TOKEN} AS lease`.execute(db)
  const row = result.rows[0]
  if (!row) return null
  const { was, ...job } = row
  return { ...job, takenOver: was === 'running' }
}

type JobProgress = { total?: number; done?: number; failed?: number; error?: string | null }

/**
 * Renews the claim for another `leaseSeconds`, writing the progress with it, while the job is still this
 * worker's (`lease` unchanged). The new token, or null: another worker took the job over, so leave it.
 */
export async function renewLease(db: DB, job: { id: string; lease: string }, leaseSeconds: number, set: JobProgress = {}): Promise<string | null> {
  const row = await db
    .updateTable('jobs')
    .set({ ...set, updated_at: new Date(), locked_until: sql<Date>`now() + make_interval(secs => ${leaseSeconds})` })
    .where('id', '=', job.id)
    .where(held(job.lease))
    .returning(LEASE_TOKEN.as('lease'))
    .executeTakeFirst()
  return row?.lease ?? null
}

/**
 * Ends the job ('done' or 'failed', with what goes with it) while it is still this worker's. The row as it
 * ends, or null: another worker took the job over, and its run ends it.
 */
export async function endJob(db: DB, job: { id: string; lease: string }, set: Pick<Updateable<JobsTable>, 'state' | 'total' | 'done' | 'error' | 'zip_key' | 'zip_size' | 'zip_sha256'>): Promise<Job | null> {
  const row = await db
    .updateTable('jobs')
    .set({ ...set, locked_until: null, updated_at: new Date(), finished_at: new Date() })
    .where('id', '=', job.id)
    .where(held(job.lease))
    .returningAll()
    .executeTakeFirst()
  return row ?? null
}

/** The claim was lost: another worker took the job over (this one stalled past its lease). */
export class LeaseLost extends Error {
  constructor() {
    super('the lease ran out and another worker took the job over')
  }
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

/** How a run ended: the job as it was left, and whether another worker had taken it over meanwhile. */
export type RunResult = JobView & { leaseLost: boolean }

/**
 * Runs a claimed job to its end: 'done' with the ZIP stored, or 'failed' with the error. Applications that
 * fail on their own are counted in `failed` (their references in `error`) and the others go on.
 * Returns the job as it ends (or as it was left when asked to stop, or when another worker took it over).
 */
export async function runJob(db: DB, storage: FileStorage, job: Pick<ClaimedJob, 'id' | 'call_id' | 'created_by' | 'lease'>, options: RunOptions): Promise<RunResult> {
  const leaseSeconds = options.leaseSeconds ?? LEASE_SECONDS
  let lease = job.lease
  const current = async (leaseLost: boolean): Promise<RunResult> => ({ ...view(await db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow()), leaseLost })
  const progress = async (set: JobProgress) => {
    const renewed = await renewLease(db, { id: job.id, lease }, leaseSeconds, set)
    if (!renewed) throw new LeaseLost()
    lease = renewed
  }
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
    await progress({ total: apps.length, done, failed, error: null })
    for (const app of apps) {
      if (options.shouldStop?.()) {
        // Left for the next start: the lease released (if still ours), the job still running.
        const released = await db.updateTable('jobs').set({ locked_until: null, updated_at: new Date() }).where('id', '=', job.id).where(held(lease)).executeTakeFirst()
        return current(Number(released.numUpdatedRows) === 0)
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
      await progress({ done, failed, error: errors.length ? errors.join('\n').slice(0, 4000) : null })
    }

    const callId = job.call_id
    const zip = await buildZip(db, storage, callId)
    const stored = await storage.put(zip.bytes)
    // The end and its audit entry together, by the worker that still holds the job only.
    const finished = await db.transaction().execute(async (trx) => {
      const row = await endJob(trx, { id: job.id, lease }, { state: 'done', zip_key: stored.key, zip_size: stored.size, zip_sha256: stored.sha256 })
      if (!row) return null
      await recordAudit(trx, {
        action: 'document.bulk_issued',
        actor,
        subjectType: 'call',
        subjectId: callId,
        details: { job: job.id, total: apps.length, done, failed, files: zip.files, sha256: stored.sha256 },
      })
      return row
    })
    if (!finished) throw new LeaseLost()
    return { ...view(finished), leaseLost: false }
  } catch (error) {
    if (error instanceof LeaseLost) return current(true)
    const message = error instanceof Error ? error.message : String(error)
    const row = await endJob(db, { id: job.id, lease }, { state: 'failed', error: message.slice(0, 4000) })
    return row ? { ...view(row), leaseLost: false } : current(true)
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

/** What a worker says when it takes a job, and when it had to leave one to another worker. */
export function logClaim(name: string, job: ClaimedJob) {
  console.log(`[${name}] job ${job.id}: ${job.takenOver ? 'taken up again (its worker stopped, or its lease ran out)' : 'started'}`)
}
export function logLeaseLost(name: string, jobId: string) {
  console.error(`[${name}] job ${jobId}: its lease ran out before this worker renewed it; left to the worker that took it over`)
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
      logClaim('jobs', job)
      const result = await runJob(db, storage, job, { appUrl: options.appUrl, leaseSeconds: options.leaseSeconds, shouldStop: stopped, signingFor: options.signingFor })
      if (result.leaseLost) logLeaseLost('jobs', job.id)
      else if (result.state === 'failed') console.error(`[jobs] job ${job.id} failed: ${result.error}`)
      if (stopped()) break
    }
  })
}
