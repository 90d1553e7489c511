// The deadline rush, against a real database created for the run: N applicants with complete drafts autosave
// one section (with its version check) and then all submit, C requests in flight. See bench/README.md.
//
//   BENCH_DATABASE_URL  PostgreSQL server to create the run's database on (default: embedded PGlite)
//   BENCH_N             applicants in the rush (default 200 on PGlite, 600 on PostgreSQL)
//   BENCH_CONCURRENCY   requests in flight (default 50)
//   BENCH_SAVES         autosaves per applicant (default 3)
//   BENCH_CONFLICT_PCT  % of applicants with two writers on one section at once (default 10)
//   BENCH_DOUBLE_PCT    % of submissions clicked twice with the same version (default 10)
//   BENCH_SERIAL        submissions first made one at a time, for the uncontended latency (default 20)
//   BENCH_POOL          PostgreSQL connection pool (default 10, the app's default)
//   BENCH_MIX_SECONDS   seconds of the quality.md mix at its target rate, open loop (default 10 on PostgreSQL, 0 on PGlite)
//   BENCH_MIX_SAVES_PER_S / BENCH_MIX_SUBMITS_PER_S   its rates (default 333 and 20)
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import postgres from 'postgres'
import { createDb, type DatabaseHandle, type DB } from '../db'
import { migrateToLatest } from '../db/migrate'
import { getApplicationForMember, saveSection, uploadStorage, type MemberApplication } from '../app/modules/applications'
import { deliverDueEmails, fileTransport, startOutboxWorker } from '../app/modules/notifications'
import { applyTransition, MAIL_ATTACHMENT_RENDERERS, type TransitionResult } from '../app/modules/workflow'
import { cpuMs, emit, intEnv, perOp, perSecond, runPool, summarize, timed } from './stats'
import { COMPLETE_SECTIONS } from '../tests/setup/sections'
import { createCall, fileCompleteDraft } from './fixtures'

/** A conflict in the bare baseline's save: thrown to roll its transaction back, as saveSection does. */
class BareConflict extends Error {}

const serverUrl = process.env.BENCH_DATABASE_URL || undefined
const kind = serverUrl ? 'postgresql' : 'pglite'
const N = intEnv('BENCH_N', serverUrl ? 600 : 200)
const C = intEnv('BENCH_CONCURRENCY', 50)
const SAVES = intEnv('BENCH_SAVES', 3)
const CONFLICT_PCT = intEnv('BENCH_CONFLICT_PCT', 10)
const DOUBLE_PCT = intEnv('BENCH_DOUBLE_PCT', 10)
const SERIAL = intEnv('BENCH_SERIAL', 20)
const POOL = intEnv('BENCH_POOL', 10)
// The mix of quality.md at its target rate (open loop: arrivals do not wait for answers), PostgreSQL only by default.
const MIX_SECONDS = intEnv('BENCH_MIX_SECONDS', serverUrl ? 10 : 0)
const MIX_SAVES = intEnv('BENCH_MIX_SAVES_PER_S', 333)
const MIX_SUBMITS = intEnv('BENCH_MIX_SUBMITS_PER_S', 20)
const MIX_N = Math.ceil(MIX_SECONDS * MIX_SUBMITS)
const TOTAL = SERIAL + N + MIX_N

const log = (...args: unknown[]) => console.error(`[deadline-rush ${kind}]`, ...args)

// ---- the run's database -------------------------------------------------------------------------------

async function openDatabase(): Promise<DatabaseHandle & { sampleLocks?: () => Promise<{ waiting: number; active: number }> }> {
  if (!serverUrl) return createDb({})
  const name = `fund_bench_${process.pid}_${Date.now().toString(36)}`
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`CREATE DATABASE ${name}`)
  const u = new URL(serverUrl)
  u.pathname = `/${name}`
  const handle = await createDb({ url: u.toString(), max: POOL })
  return {
    ...handle,
    // Sessions of the run's database waiting on a lock (row locks show as wait_event_type 'Lock').
    async sampleLocks() {
      const [row] = await admin<{ waiting: number; active: number }[]>`
        SELECT count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS waiting, count(*) FILTER (WHERE state = 'active')::int AS active
        FROM pg_stat_activity WHERE datname = ${name} AND pid <> pg_backend_pid()`
      return row
    },
    async close() {
      await handle.close()
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    },
  }
}

// ---- applicants with complete drafts (the tests' dossier; bench-local helpers, without vitest) ------

const COMPLETE = COMPLETE_SECTIONS

const PARAGRAPH =
  'Xây dựng quy trình sấy cà phê nhân bằng năng lượng mặt trời kết hợp bơm nhiệt, giữ độ ẩm 12,5% và hương vị đặc trưng của cà phê Buôn Ma Thuột; '
/** What an applicant typing the proposal autosaves: three long fields (≈ 5 KB of JSON), different each time. */
function proposalDraft(applicant: number, save: number, writer = '') {
  const text = (n: number) => `${PARAGRAPH.repeat(n)} [${applicant}.${save}${writer}]`
  return { ...COMPLETE.proposal, necessity: text(5), objectives: text(4), content_methods: text(8) }
}

interface Applicant {
  index: number
  user: { id: string; email: string; fullName: string }
  applicationId: string
  access: MemberApplication
  /** The proposal section's version and content_methods as last acknowledged. */
  version: number
  last: string
}

async function createApplicant(db: DB, storage: ReturnType<typeof uploadStorage>, call: Awaited<ReturnType<typeof createCall>>, index: number): Promise<Applicant> {
  const filed = await fileCompleteDraft(db, storage, { callId: call.id, mandatoryDocumentIds: call.mandatory, index, organisationName: `Công ty TNHH Cà phê Thử Tải ${index}` })
  return { index, user: filed.user, applicationId: filed.applicationId, access: filed.access, version: 1, last: COMPLETE.proposal.content_methods }
}

// ---- the run --------------------------------------------------------------------------------------------

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'fund-bench-'))
  const storage = uploadStorage({ DATA_DIR: dataDir })
  const handle = await openDatabase()
  const db = handle.db
  const errors: string[] = []
  const fail = (what: string, detail: unknown) => {
    if (errors.length < 20) errors.push(`${what}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`)
    else errors.push('…')
  }
  try {
    let t0 = performance.now()
    await migrateToLatest(db)
    const migrateMs = performance.now() - t0
    log(`migrated in ${Math.round(migrateMs)} ms; creating ${TOTAL} applicants with complete drafts…`)

    t0 = performance.now()
    const call = await createCall(db)
    const applicants: Applicant[] = new Array(TOTAL)
    await runPool(
      Array.from({ length: TOTAL }, (_, i) => i),
      Math.min(C, 10),
      async (i) => {
        applicants[i] = await createApplicant(db, storage, call, i + 1)
      },
    )
    const seedMs = performance.now() - t0
    log(`seeded in ${Math.round(seedMs / 1000)} s`)

    // ---- autosave: each applicant saves the proposal SAVES times (draft saves), C applicants at a time --------
    // One request = what the section route does: load the application as a member, then saveSection.
    const saveLat: number[] = []
    let cpu0 = cpuMs()
    const rushers = applicants.slice(SERIAL, SERIAL + N)
    const mixSubmitters = applicants.slice(SERIAL + N)
    const autosaveMs = await runPool(rushers, C, async (a) => {
      for (let s = 1; s <= SAVES; s++) {
        const data = proposalDraft(a.index, s)
        try {
          const r = await timed(saveLat, async () => {
            const access = (await getApplicationForMember(db, a.applicationId, a.user.id))!
            return saveSection(db, access, a.user, 'proposal', { data, baseVersion: a.version, complete: false })
          })
          if ('ok' in r) {
            a.version = r.version
            a.last = data.content_methods
          } else fail('autosave', r)
        } catch (e) {
          fail('autosave threw', String(e))
        }
      }
    })
    const autosaveCpu = cpuMs() - cpu0
    log(`autosave: ${saveLat.length} saves in ${Math.round(autosaveMs)} ms`)

    // (The JSON goes as text and is cast: postgres.js would otherwise encode a string parameter typed jsonb
    // a second time, storing a JSON string; the read-back check below caught that.)
    // ---- the bare baseline: the same statements as one autosave, as raw SQL (no validation, no query builder
    // objects, no access object), on the same pool and the same applicants. quality.md asks the module's
    // throughput to be ≥ 50% of a bare baseline; this one has no HTTP in either side.
    const bareLat: number[] = []
    cpu0 = cpuMs()
    const bareMs = await runPool(rushers, C, async (a) => {
      for (let s = 1; s <= SAVES; s++) {
        const data = proposalDraft(a.index, 500 + s)
        try {
          const version = await timed(bareLat, async () => {
            await sql`SELECT a.*, m.role, o.name, c.code, c.status, c.opens_at, c.closes_at, c.grace_minutes FROM applications a
              JOIN organisation_members m ON m.organisation_id = a.organisation_id AND m.user_id = ${a.user.id}
              JOIN organisations o ON o.id = a.organisation_id JOIN calls c ON c.id = a.call_id WHERE a.id = ${a.applicationId}`.execute(db)
            // saveSection's statements (ADR 029): the draft locked, checked and its version moved in one; the
            // section written over the version the form had in one; a conflict rolls back.
            return db
              .transaction()
              .execute(async (trx) => {
                const draft = await sql`UPDATE applications SET version = version + 1, updated_at = now() WHERE id = ${a.applicationId} AND status = 'draft' RETURNING id`.execute(trx)
                if (!draft.rows[0]) return null
                const json = JSON.stringify(data)
                const saved =
                  a.version === 0
                    ? await sql<{ version: number }>`INSERT INTO application_sections (application_id, key, version, data, completed, updated_at, updated_by)
                        VALUES (${a.applicationId}, 'proposal', 1, ${json}::text::jsonb, false, now(), ${a.user.id})
                        ON CONFLICT (application_id, key) DO UPDATE SET data = ${json}::text::jsonb, completed = false, updated_at = now(),
                          updated_by = ${a.user.id}, version = application_sections.version + 1
                        WHERE application_sections.version = 0 RETURNING version, updated_at`.execute(trx)
                    : await sql<{ version: number }>`UPDATE application_sections SET data = ${json}::text::jsonb, version = version + 1,
                        completed = false, updated_at = now(), updated_by = ${a.user.id}
                        WHERE application_id = ${a.applicationId} AND key = 'proposal' AND version = ${a.version} RETURNING version, updated_at`.execute(trx)
                if (!saved.rows[0]) throw new BareConflict()
                return saved.rows[0].version
              })
              .catch((error) => {
                if (error instanceof BareConflict) return null
                throw error
              })
          })
          if (version === null) fail('bare autosave', 'refused')
          else {
            a.version = version
            a.last = data.content_methods
          }
        } catch (e) {
          fail('bare autosave threw', String(e))
        }
      }
    })
    const bareCpu = cpuMs() - cpu0
    log(`bare baseline: ${bareLat.length} saves in ${Math.round(bareMs)} ms`)

    // ---- conflicts: two writers (two tabs, or two co-applicants) save one section from the same version ----
    const conflictEvery = CONFLICT_PCT ? Math.max(1, Math.round(100 / CONFLICT_PCT)) : 0
    const conflictSet = conflictEvery ? rushers.filter((_, i) => i % conflictEvery === 0) : []
    const conflictLat: number[] = []
    let conflictsRefused = 0
    let conflictsLost = 0
    const conflictMs = await runPool(conflictSet, Math.max(1, Math.floor(C / 2)), async (a) => {
      const base = a.version
      const writers = ['A', 'B'].map((w) => proposalDraft(a.index, 99, w))
      const [ra, rb] = await Promise.all(
        writers.map((data) => timed(conflictLat, () => saveSection(db, a.access, a.user, 'proposal', { data, baseVersion: base, complete: false }))),
      )
      const oks = [ra, rb].filter((r) => 'ok' in r)
      const refused = [ra, rb].filter((r) => 'conflict' in r) as { conflict: { version: number } }[]
      if (oks.length !== 1 || refused.length !== 1 || refused[0].conflict.version !== base + 1) {
        conflictsLost++
        fail('conflict pair', [ra, rb])
        return
      }
      const winner = 'ok' in ra ? writers[0] : writers[1]
      const row = await db.selectFrom('application_sections').select(['data', 'version']).where('application_id', '=', a.applicationId).where('key', '=', 'proposal').executeTakeFirstOrThrow()
      if (row.version !== base + 1 || (row.data as Record<string, string>).content_methods !== winner.content_methods) {
        conflictsLost++
        fail('conflict overwrote', { version: row.version })
        return
      }
      conflictsRefused++
      a.version = base + 1
      a.last = winner.content_methods
    })

    // ---- the mix at its target rate: autosaves of the rushers and submissions of other complete drafts --------
    // Open loop: request k of a stream starts at k / rate seconds whatever happened to the others, and its
    // latency counts from that moment (so a stall is not hidden by requests that were never sent).
    // Run twice: the autosaves alone (the control), then autosaves and submissions together.
    const mixVersions = new Map(
      mixSubmitters.length
        ? (await db.selectFrom('applications').select(['id', 'version']).where('id', 'in', mixSubmitters.map((a) => a.applicationId)).execute()).map((r) => [r.id, r.version])
        : [],
    )
    const runMix = async (savesPerS: number, submitsPerS: number) => {
      const saveLat: number[] = []
      const submitLat: number[] = []
      let saveErrors = 0
      let submitErrors = 0
      let skipped = 0
      const submitters = submitsPerS ? mixSubmitters : []
      const busy = new Set<number>()
      let nextSaver = 0
      const inflight: Promise<void>[] = []
      let issuedSaves = 0
      let issuedSubmits = 0
      const saveOnce = async (a: Applicant, due: number, n: number) => {
        busy.add(a.index)
        const data = proposalDraft(a.index, 1000 + n)
        try {
          const access = (await getApplicationForMember(db, a.applicationId, a.user.id))!
          const r = await saveSection(db, access, a.user, 'proposal', { data, baseVersion: a.version, complete: false })
          if ('ok' in r) {
            a.version = r.version
            a.last = data.content_methods
          } else {
            saveErrors++
            fail('mix autosave', r)
          }
        } catch (e) {
          saveErrors++
          fail('mix autosave threw', String(e))
        } finally {
          saveLat.push(performance.now() - due)
          busy.delete(a.index)
        }
      }
      const submitOnce = async (a: Applicant, due: number) => {
        try {
          const r = await applyTransition(db, {
            applicationId: a.applicationId,
            event: 'submit',
            as: 'applicant',
            actor: { id: a.user.id, email: a.user.email, fullName: a.user.fullName },
            expectedVersion: mixVersions.get(a.applicationId)!,
            lang: 'vi',
            appUrl: 'https://quykhcn.daklak.example.vn',
          })
          if (!r.ok || r.already) {
            submitErrors++
            fail('mix submit', r)
          }
        } catch (e) {
          submitErrors++
          fail('mix submit threw', String(e))
        } finally {
          submitLat.push(performance.now() - due)
        }
      }
      const totalSaves = MIX_SECONDS * savesPerS
      const start = performance.now()
      while (issuedSaves < totalSaves || issuedSubmits < submitters.length) {
        const elapsed = (performance.now() - start) / 1000
        while (issuedSaves < Math.min(totalSaves, Math.floor(elapsed * savesPerS))) {
          const due = start + (issuedSaves / savesPerS) * 1000
          issuedSaves++
          // An applicant whose previous autosave is still on its way waits for it (the page sends one at a time).
          let a: Applicant | undefined
          for (let tries = 0; tries < rushers.length && !a; tries++) {
            const c = rushers[nextSaver++ % rushers.length]
            if (!busy.has(c.index)) a = c
          }
          if (a) inflight.push(saveOnce(a, due, issuedSaves))
          else skipped++
        }
        while (issuedSubmits < Math.min(submitters.length, Math.floor(elapsed * submitsPerS))) {
          const due = start + (issuedSubmits / submitsPerS) * 1000
          inflight.push(submitOnce(submitters[issuedSubmits++], due))
        }
        await new Promise((r) => setTimeout(r, 5))
      }
      await Promise.all(inflight)
      const wallMs = performance.now() - start
      log(`mix ${savesPerS}+${submitsPerS}/s: ${saveLat.length} autosaves and ${submitLat.length} submissions in ${Math.round(wallMs)} ms`)
      return {
        seconds: MIX_SECONDS,
        wallMs: Math.round(wallMs),
        autosave: { targetPerSecond: savesPerS, ...summarize(saveLat), errors: saveErrors, skippedBusy: skipped },
        submit: submitsPerS ? { targetPerSecond: submitsPerS, ...summarize(submitLat), errors: submitErrors } : null,
      }
    }
    // The outbox worker runs in the process, as in the server (server/main.ts): it draws each submission's receipt
    // after the commit and writes the mail as an .eml file (the file transport; no SMTP round trip measured).
    const transport = fileTransport(join(dataDir, 'mail'), 'quykhcn@bench.example.vn')
    const policy = { pollMs: 1000, maxAttempts: 5, backoffBaseMs: 1000, renderers: MAIL_ATTACHMENT_RENDERERS }
    const worker = startOutboxWorker(db, transport, policy)
    const mixes = MIX_SECONDS > 0 ? [await runMix(MIX_SAVES, 0), await runMix(MIX_SAVES, MIX_SUBMITS)] : []

    // ---- every acknowledged write is readable afterwards ------------------------------------------------------
    const stored = await db
      .selectFrom('application_sections')
      .select(['application_id', 'version', 'data'])
      .where('key', '=', 'proposal')
      .execute()
    const byApp = new Map(stored.map((r) => [r.application_id, r]))
    let unreadable = 0
    for (const a of applicants) {
      const row = byApp.get(a.applicationId)
      if (!row || row.version !== a.version || (row.data as Record<string, string>).content_methods !== a.last) unreadable++
    }

    // ---- "save and complete": the last save before submitting (full checks of the section) -------------------
    const completeLat: number[] = []
    const completeMs = await runPool(applicants.slice(0, SERIAL + N), C, async (a) => {
      const access = (await getApplicationForMember(db, a.applicationId, a.user.id))!
      const r = await timed(completeLat, () => saveSection(db, access, a.user, 'proposal', { data: proposalDraft(a.index, 100), baseVersion: a.version, complete: true }))
      if ('ok' in r && r.completed) a.version = r.version
      else fail('complete', r)
    })

    // ---- submission ------------------------------------------------------------------------------------------
    const versions = new Map(
      (await db.selectFrom('applications').select(['id', 'version']).where('call_id', '=', call.id).execute()).map((r) => [r.id, r.version]),
    )
    const submit = (a: Applicant) =>
      applyTransition(db, {
        applicationId: a.applicationId,
        event: 'submit',
        as: 'applicant',
        actor: { id: a.user.id, email: a.user.email, fullName: a.user.fullName },
        expectedVersion: versions.get(a.applicationId)!,
        lang: 'vi',
        appUrl: 'https://quykhcn.daklak.example.vn',
        ip: '203.0.113.7',
      })
    const check = (what: string, r: TransitionResult) => {
      if (!r.ok) fail(what, r)
    }

    // First, one at a time: the uncontended latency of a submission (≈ how long one holds the counter row).
    const serialLat: number[] = []
    cpu0 = cpuMs()
    for (const a of applicants.slice(0, SERIAL)) {
      try {
        check('serial submit', await timed(serialLat, () => submit(a)))
      } catch (e) {
        fail('serial submit threw', String(e))
      }
    }

    const serialCpu = cpuMs() - cpu0
    // Then the rush: the other N at once, C in flight; DOUBLE_PCT of them clicked twice (same version).
    const doubleEvery = DOUBLE_PCT ? Math.max(1, Math.round(100 / DOUBLE_PCT)) : 0
    const submitLat: number[] = []
    let doubles = 0
    let doublesAnsweredAlready = 0
    const lockSamples: { waiting: number; active: number }[] = []
    let sampling = true
    const sampler = (async () => {
      while (sampling && handle.sampleLocks) {
        lockSamples.push(await handle.sampleLocks())
        await new Promise((r) => setTimeout(r, 20))
      }
    })()
    cpu0 = cpuMs()
    const submitMs = await runPool(rushers, C, async (a, i) => {
      try {
        if (doubleEvery && i % doubleEvery === 0) {
          doubles++
          const pair = await Promise.all([timed(submitLat, () => submit(a)), timed(submitLat, () => submit(a))])
          pair.forEach((r) => check('double submit', r))
          const already = pair.filter((r) => r.ok && r.already).length
          const fresh = pair.filter((r) => r.ok && !r.already).length
          if (already === 1 && fresh === 1) doublesAnsweredAlready++
          else fail('double submit not idempotent', pair)
        } else {
          const r = await timed(submitLat, () => submit(a))
          check('submit', r)
          if (r.ok && r.already) fail('single submit answered already', r)
        }
      } catch (e) {
        fail('submit threw', String(e))
      }
    })
    const rushCpu = cpuMs() - cpu0
    sampling = false
    await sampler
    log(`submission: ${submitLat.length} requests in ${Math.round(submitMs)} ms`)

    // The mail goes on after the last answer: how long until every confirmation, its receipt drawn, is sent.
    t0 = performance.now()
    await worker.stop()
    while ((await deliverDueEmails(db, fileTransport(join(dataDir, 'mail'), 'quykhcn@bench.example.vn'), policy)).claimed > 0) {
      /* drain */
    }
    const drainMs = performance.now() - t0

    // ---- correctness of the submissions ----------------------------------------------------------------------
    const rows = await db.selectFrom('applications').select(['id', 'status', 'reference']).where('call_id', '=', call.id).execute()
    const submitted = rows.filter((r) => r.status === 'submitted').length
    const refs = rows.map((r) => r.reference).filter((r): r is string => !!r)
    const uniqueRefs = new Set(refs).size
    const numbers = refs.map((r) => Number(r.split('-').at(-1))).sort((a, b) => a - b)
    const gapFree = numbers.length === TOTAL && numbers.every((n, i) => n === i + 1)
    const mails = await db
      .selectFrom('email_outbox')
      .select(['to_address', (eb) => eb.fn.countAll<number>().as('n')])
      .where('template', '=', 'application_submitted')
      .groupBy('to_address')
      .execute()
    const mailCount = new Map(mails.map((m) => [m.to_address, Number(m.n)]))
    const oneMailEach = applicants.every((a) => mailCount.get(a.user.email) === 1) && mails.length === TOTAL
    const mailTotal = mails.reduce((s, m) => s + Number(m.n), 0)
    const outboxBytes = await db
      .selectFrom('email_outbox')
      .select((eb) => eb.fn.avg<number>(eb.fn('octet_length', [eb.cast('attachments', 'text')])).as('avg'))
      .where('template', '=', 'application_submitted')
      .executeTakeFirst()
    // Each confirmation sent with its receipt drawn: a PDF ("%PDF-" is "JVBERi0" in base64).
    const sentWithReceipt = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM email_outbox
      WHERE template = 'application_submitted' AND state = 'sent'
        AND jsonb_array_length(attachments) = 1 AND attachments -> 0 ->> 'contentBase64' LIKE 'JVBERi0%'`.execute(db)

    // The first submission of the process also reads the fonts and warms the code: kept apart.
    const serial = summarize(serialLat.slice(1))
    const rush = summarize(submitLat)
    const submitRate = perSecond(N, submitMs)
    const waiting = lockSamples.map((s) => s.waiting)
    const result = {
      bench: 'deadline-rush',
      database: kind,
      serverVersion: kind === 'postgresql' ? (await db.selectNoFrom((eb) => eb.fn<string>('version', []).as('v')).executeTakeFirst())?.v : 'PGlite',
      params: { N, mixSubmitters: MIX_N, concurrency: C, savesPerApplicant: SAVES, conflictPct: CONFLICT_PCT, doubleSubmitPct: DOUBLE_PCT, serialSubmits: SERIAL, pool: kind === 'postgresql' ? POOL : 1, cpus: cpus().length },
      setup: { migrateMs: Math.round(migrateMs), seedMs: Math.round(seedMs), applicants: TOTAL },
      // cpuMsPerOp: this process's CPU time per request (the app's side; the database's is apart on PostgreSQL).
      autosave: { ...summarize(saveLat), wallMs: Math.round(autosaveMs), perSecond: perSecond(saveLat.length, autosaveMs), cpuMsPerOp: perOp(autosaveCpu, saveLat.length) },
      autosaveBare: { ...summarize(bareLat), wallMs: Math.round(bareMs), perSecond: perSecond(bareLat.length, bareMs), cpuMsPerOp: perOp(bareCpu, bareLat.length) },
      conflicts: { pairs: conflictSet.length, refusedNotOverwritten: conflictsRefused, lostOrWrong: conflictsLost, latency: summarize(conflictLat), wallMs: Math.round(conflictMs) },
      readBack: { applicants: TOTAL, unreadable },
      mixes,
      saveComplete: { ...summarize(completeLat), wallMs: Math.round(completeMs), perSecond: perSecond(completeLat.length, completeMs) },
      submitSerial: { ...serial, firstMs: Math.round((serialLat[0] ?? 0) * 10) / 10, perSecond: serial.mean ? Math.round((1000 / serial.mean) * 10) / 10 : 0, cpuMsPerOp: perOp(serialCpu, serialLat.length) },
      submitRush: {
        ...rush,
        requests: submitLat.length,
        applications: N,
        wallMs: Math.round(submitMs),
        perSecond: submitRate,
        cpuMsPerOp: perOp(rushCpu, N),
        // If submissions serialise on the counter row, one completes every (wall / N) ms whatever C is.
        msPerSubmission: Math.round((submitMs / N) * 10) / 10,
        lockWaiters: waiting.length ? { samples: waiting.length, mean: Math.round((waiting.reduce((a, b) => a + b, 0) / waiting.length) * 10) / 10, max: Math.max(...waiting) } : null,
      },
      checks: {
        submitted,
        expected: TOTAL,
        references: refs.length,
        uniqueReferences: uniqueRefs,
        gapFreeFrom1: gapFree,
        confirmationEmails: mailTotal,
        oneEmailPerApplication: oneMailEach,
        avgAttachmentJsonBytes: Math.round(Number(outboxBytes?.avg ?? 0)),
        confirmationsSentWithReceipt: Number(sentWithReceipt.rows[0]?.n ?? 0),
        mailDrainedMsAfterRush: Math.round(drainMs),
        doubleSubmits: doubles,
        doublesAnsweredAlready,
        errors: errors.length,
        errorSamples: errors.slice(0, 5),
      },
    }
    await emit(result)
  } finally {
    await handle.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
