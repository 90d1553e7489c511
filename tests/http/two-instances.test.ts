import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb, type DatabaseHandle } from '../../db'
import { uploadStorage } from '../../app/modules/applications'
import { hashPassword } from '../../app/modules/auth/password'
import { createCall, fileCompleteDraft } from '../../bench/fixtures'
import { createServerDatabase, type ServerDatabase } from '../e2e/support/database'
import { DEMO_PASSWORD, freePort, type Portal, startPortal } from '../e2e/support/portal'
import { PDF } from '../fixtures/files'
import { startS3Server, type S3Server } from '../setup/s3'
import { applyTransition } from '../../app/modules/workflow'
import { testEnv } from '../setup/app'
import { createCall as createDecidedCall } from '../setup/calls'
import { concludeOnCouncil, createEligibleApplication, reviseAndAppraise } from '../setup/review'
import { setCookie, signIn } from './helpers'
import { type Nginx, readmeLocation, startNginx } from './nginx'

// The portal on more than one machine (README "Production topology"): two instances of the built server behind
// Debian's nginx, one PostgreSQL, files in an S3-compatible bucket (a real one on loopback). Nothing a user does
// may depend on which instance answers. Needs PostgreSQL (two processes cannot share embedded PGlite): it runs in
// the PostgreSQL pass of `npm test` (TEST_DATABASE_URL).

const serverUrl = process.env.TEST_DATABASE_URL
const SECTION_ROUTE = encodeURIComponent('routes/applications.$id.sections.$key')

let s3: S3Server
let database: ServerDatabase
let a: Portal
let b: Portal
/** The instance started in A's place after A was killed (the last test). */
let a2: Portal | undefined
let portalEnv: Record<string, string>
let nginx: Nginx
let appUrl: string
let handle: DatabaseHandle
let call: Awaited<ReturnType<typeof createCall>>
let applicantIndex = 0

async function applicant() {
  const storage = uploadStorage({ DATA_DIR: a.dataDir, ...s3.env } as Parameters<typeof uploadStorage>[0])
  const index = ++applicantIndex
  const filed = await fileCompleteDraft(handle.db, storage, { callId: call.id, mandatoryDocumentIds: call.mandatory, index, organisationName: `Công ty TNHH Hai Máy ${index}` })
  await handle.db.updateTable('users').set({ password_hash: await hashPassword(DEMO_PASSWORD, 14) }).where('id', '=', filed.user.id).execute()
  return filed
}

async function cookieFrom(portal: Portal, email: string) {
  const res = await signIn(portal.url, email, DEMO_PASSWORD)
  expect(res.status).toBe(302)
  return `__session=${setCookie(res, '__session')!.value}`
}

const generalVersion = async (applicationId: string) =>
  (await handle.db.selectFrom('application_sections').select('version').where('application_id', '=', applicationId).where('key', '=', 'general').executeTakeFirstOrThrow()).version

function autosave(baseUrl: string, cookie: string, applicationId: string, baseVersion: number, summary: string) {
  return fetch(`${baseUrl}/applications/${applicationId}/sections/general?_data=${SECTION_ROUTE}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl, Cookie: cookie },
    body: new URLSearchParams({ intent: 'autosave', baseVersion: String(baseVersion), title: 'Sấy cà phê hai máy', priority_field: 'renewable_energy', duration_months: '18', summary }),
    redirect: 'manual',
  })
}

type Director = { id: string; email: string; fullName: string }

/**
 * A call of its own with decided applications (four approved, two rejected), made as the integration tests make
 * them; their attachments go to the bucket the instances use.
 */
async function decidedApplications() {
  const fixtureEnv = testEnv({ DATA_DIR: b.dataDir, APP_URL: appUrl, ...s3.env })
  const decidedCall = await createDecidedCall(handle.db)
  const directorRow = await handle.db.selectFrom('users').select(['id', 'email', 'full_name']).where('email', '=', 'giam.doc@demo.quykhcn.vn').executeTakeFirstOrThrow()
  const director: Director = { id: directorRow.id, email: directorRow.email, fullName: directorRow.full_name }
  const apps = []
  for (const outcome of ['approve', 'reject', 'approve', 'approve', 'reject', 'approve'] as const) {
    const app = await createEligibleApplication(handle.db, fixtureEnv, { callId: decidedCall.id })
    await concludeOnCouncil(handle.db, { applicationId: app.applicationId, staff: app.staff })
    if (outcome === 'approve') await reviseAndAppraise(handle.db, fixtureEnv, app)
    const input = outcome === 'approve' ? { amount: '450.000.000', conditions: 'Giải ngân hai đợt.' } : { reasons: 'Kinh phí đối ứng chưa được bảo đảm' }
    expect(await applyTransition(handle.db, { applicationId: app.applicationId, event: outcome, actor: director, as: 'director', input, lang: 'vi' })).toMatchObject({ ok: true })
    apps.push(app)
  }
  return { decidedCall, director, apps }
}

/** The director (a demo account: each instance made a kept demo key for them at its start) starts the job on `portal`. */
async function startIssuing(portal: Portal, callId: string, cookie: string) {
  const started = await fetch(`${portal.url}/staff/calls/${callId}/decisions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl, Cookie: cookie },
    body: '',
    redirect: 'manual',
  })
  expect(started.status).toBe(302)
  expect(started.headers.get('Location')).toBe(`/staff/calls/${callId}/decisions`)
}

/**
 * Each application: exactly one outcome document, with one number of the register, the next six of the year's one
 * sequence without a gap; one bulk audit entry for the call. Returns the register's entries.
 */
async function expectIssuedOnce(callId: string, ids: string[], registerBefore: { number: number }[]) {
  const documents = await handle.db.selectFrom('documents').select(['application_id']).where('application_id', 'in', ids).where('kind', 'in', ['decision', 'notice']).execute()
  expect(documents.map((d) => d.application_id).sort()).toEqual([...ids].sort())
  const register = await handle.db
    .selectFrom('document_register')
    .select(['number', 'subject_id', 'symbol', 'state'])
    .where('subject_id', 'in', ids)
    .where('doc_type', '!=', 'minutes')
    .execute()
  expect(register).toHaveLength(6)
  expect(register.every((r) => r.state === 'issued')).toBe(true)
  // The next six numbers of the year's one sequence, one after another: unique, no gap, none taken twice.
  const numbers = register.map((r) => r.number).sort((x, y) => x - y)
  const last = Math.max(0, ...registerBefore.map((r) => r.number))
  expect(numbers).toEqual([1, 2, 3, 4, 5, 6].map((n) => last + n))
  expect(new Set(register.map((r) => r.symbol)).size).toBe(6)
  const year = (await handle.db.selectFrom('document_register').select('number').execute()).map((r) => r.number).sort((x, y) => x - y)
  expect(year).toEqual(year.map((_, i) => i + 1))
  // The job counted each application once: one bulk audit entry for the call.
  const bulkAudit = await handle.db.selectFrom('audit_log').select(['details']).where('action', '=', 'document.bulk_issued').where('subject_id', '=', callId).execute()
  expect(bulkAudit).toHaveLength(1)
  expect(bulkAudit[0].details).toMatchObject({ total: 6, done: 6, failed: 0, files: 6 })
  return register
}

/** Each applicant: one "document issued" mail, sent once by one of the outbox workers, with the document's number. */
async function expectMailedOnce(apps: { applicationId: string; owner: { email: string } }[], register: { subject_id: string | null; symbol: string }[], portals: Portal[]) {
  const owners = apps.map((x) => x.owner.email)
  const issuedMails = () => handle.db.selectFrom('email_outbox').select(['to_address', 'state']).where('template', '=', 'document_issued').where('to_address', 'in', owners).execute()
  const mailDeadline = Date.now() + 60_000
  while ((await issuedMails()).some((m) => m.state !== 'sent') && Date.now() < mailDeadline) await new Promise((r) => setTimeout(r, 250))
  const mails = await issuedMails()
  expect(mails.map((m) => m.to_address).sort()).toEqual([...owners].sort())
  expect(mails.every((m) => m.state === 'sent')).toBe(true)
  // Every mail to them (their earlier ones too) went out once, by one of the outbox workers.
  const toOwners = () => handle.db.selectFrom('email_outbox').select(['state']).where('to_address', 'in', owners).execute()
  while ((await toOwners()).some((m) => m.state !== 'sent') && Date.now() < mailDeadline) await new Promise((r) => setTimeout(r, 250))
  const allToOwners = await toOwners()
  expect(allToOwners.every((m) => m.state === 'sent')).toBe(true)
  await new Promise((r) => setTimeout(r, 500))
  const received = portals.flatMap((p) => p.inbox.messages).filter((m) => m.to.some((t) => owners.includes(t)))
  expect(received).toHaveLength(allToOwners.length)
  const messageIds = received.map((m) => String(m.headers.get('message-id')))
  expect(new Set(messageIds).size).toBe(messageIds.length)
  // The mail of each document, with its number, reached its applicant once.
  for (const app of apps) {
    const symbol = register.find((r) => r.subject_id === app.applicationId)!.symbol
    expect(received.filter((m) => m.to.includes(app.owner.email) && m.text.includes(symbol)), app.owner.email).toHaveLength(1)
  }
}

describe.skipIf(!serverUrl)('two instances behind nginx, one PostgreSQL, files in S3', () => {
  beforeAll(async () => {
    s3 = await startS3Server()
    database = await createServerDatabase(serverUrl!)
    const proxyPort = await freePort()
    appUrl = `http://127.0.0.1:${proxyPort}`
    // A short job lease and poll, so that a job whose instance died is taken over in seconds (the last test).
    const env = { DATABASE_URL: database.url, APP_URL: appUrl, TRUST_PROXY: 'true', RATE_LIMIT_LOGIN: '1000', RATE_LIMIT_LOGIN_ACCOUNT: '1000', JOBS_LEASE_SECONDS: '4', JOBS_POLL_MS: '250', ...s3.env }
    portalEnv = { ...env, SEED_DEMO: 'never' }
    a = await startPortal({ env })
    b = await startPortal({ env: portalEnv })
    nginx = await startNginx([a.port, b.port], [{ port: proxyPort, location: readmeLocation() }])
    handle = await createDb({ url: database.url, max: 4 })
    call = await createCall(handle.db)
  }, 240_000)
  afterAll(async () => {
    await nginx?.stop()
    await handle?.close()
    await a2?.stop()
    await b?.stop()
    await a?.stop()
    await database?.drop()
    await s3?.close()
  })

  test('signed in through one instance, the applicant carries on through the other; a stale autosave there is a conflict', async () => {
    const filed = await applicant()
    const cookie = await cookieFrom(a, filed.user.email)
    const page = await fetch(`${b.url}/applications/${filed.applicationId}`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(page.status).toBe(200)
    const base = await generalVersion(filed.applicationId)
    const saved = await autosave(b.url, cookie, filed.applicationId, base, 'Lưu trên máy B')
    expect(saved.status).toBe(200)
    expect(saved.headers.get('X-Remix-Response')).toBe('yes')
    expect(await saved.json()).toMatchObject({ saved: { version: base + 1 } })
    // Instance A, from the version the page had before: the other tab's save is not overwritten.
    const stale = await autosave(a.url, cookie, filed.applicationId, base, 'Lưu trên máy A, từ bản cũ')
    expect(stale.status).toBe(409)
    expect(await stale.json()).toMatchObject({ conflict: { version: base + 1, savedBy: filed.user.fullName } })
    // Signed out on B: the session is gone for A too.
    expect((await fetch(`${b.url}/logout`, { method: 'POST', headers: { Origin: appUrl, Cookie: cookie }, redirect: 'manual' })).status).toBe(302)
    expect((await fetch(`${a.url}/applications/${filed.applicationId}`, { headers: { Cookie: cookie }, redirect: 'manual' })).status).toBe(302)
  })

  test('a file uploaded through one instance downloads through the other, from the bucket', async () => {
    const filed = await applicant()
    const cookie = await cookieFrom(a, filed.user.email)
    const optional = await handle.db.selectFrom('call_documents').select('id').where('call_id', '=', call.id).where('mandatory', '=', false).executeTakeFirstOrThrow()
    const bytes = Buffer.concat([Buffer.from(PDF), Buffer.from('\n% tải lên máy A\n')])
    const form = new FormData()
    form.set('documentId', String(optional.id))
    form.set('file', new Blob([bytes], { type: 'application/pdf' }), 'Tài liệu khác.pdf')
    const uploaded = await fetch(`${a.url}/applications/${filed.applicationId}/attachments`, { method: 'POST', body: form, headers: { Origin: appUrl, Cookie: cookie }, redirect: 'manual' })
    expect(uploaded.status).toBeLessThan(400)
    const row = await handle.db.selectFrom('attachments').select(['id', 'storage_key']).where('application_id', '=', filed.applicationId).where('call_document_id', '=', optional.id).executeTakeFirstOrThrow()
    const download = await fetch(`${b.url}/applications/${filed.applicationId}/attachments/${row.id}`, { headers: { Cookie: cookie } })
    expect(download.status).toBe(200)
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true)
    // Neither instance keeps it on its own disk.
    const { existsSync } = await import('node:fs')
    expect(existsSync(`${a.dataDir}/uploads/${row.storage_key}`) || existsSync(`${b.dataDir}/uploads/${row.storage_key}`)).toBe(false)
  })

  test('submissions through both instances: each mail is sent once, by one of the two outbox workers', async () => {
    const filed = await Promise.all(Array.from({ length: 6 }, () => applicant()))
    for (const [i, f] of filed.entries()) {
      const portal = i % 2 ? b : a
      const cookie = await cookieFrom(portal, f.user.email)
      const version = (await handle.db.selectFrom('applications').select('version').where('id', '=', f.applicationId).executeTakeFirstOrThrow()).version
      const res = await fetch(`${portal.url}/applications/${f.applicationId}/check`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl, Cookie: cookie },
        body: new URLSearchParams({ version: String(version) }),
        redirect: 'manual',
      })
      expect(res.headers.get('Location')).toBe(`/applications/${f.applicationId}/confirmation`)
    }
    const emails = filed.map((f) => f.user.email)
    const outbox = () => handle.db.selectFrom('email_outbox').select(['to_address', 'state']).where('to_address', 'in', emails).execute()
    const deadline = Date.now() + 60_000
    while ((await outbox()).some((m) => m.state !== 'sent') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250))
    const rows = await outbox()
    expect(rows.length).toBeGreaterThanOrEqual(emails.length)
    expect(rows.every((m) => m.state === 'sent')).toBe(true)
    await new Promise((r) => setTimeout(r, 500))
    const received = [...a.inbox.messages, ...b.inbox.messages].filter((m) => m.to.some((t) => emails.includes(t)))
    expect(received).toHaveLength(rows.length)
    const ids = received.map((m) => String(m.headers.get('message-id')))
    expect(new Set(ids).size).toBe(ids.length)
  })

  test('issuing all the decisions of a call: one of the two job workers issues each once, numbers without a gap, one mail each', async () => {
    // Six decided applications of a call of their own. No kill here: the last test kills the instance that
    // holds a job.
    const { decidedCall, director, apps } = await decidedApplications()
    const ids = apps.map((x) => x.applicationId)
    const registerBefore = await handle.db.selectFrom('document_register').select('number').execute()

    // The director starts it on A.
    const cookie = await cookieFrom(a, director.email)
    await startIssuing(a, decidedCall.id, cookie)

    // Its progress, as the page shows it, through B.
    const DECISIONS_ROUTE = encodeURIComponent('routes/staff.calls.$id_.decisions')
    type Page = { summary: { approved: number; rejected: number; issued: number }; job: { id: string; state: string; total: number; done: number; failed: number; error: string | null } | null }
    const page = async (): Promise<Page> => {
      const res = await fetch(`${b.url}/staff/calls/${decidedCall.id}/decisions?_data=${DECISIONS_ROUTE}`, { headers: { Cookie: cookie } })
      expect(res.status).toBe(200)
      return (await res.json()) as Page
    }
    const deadline = Date.now() + 120_000
    let seen = await page()
    while ((seen.job?.state === 'queued' || seen.job?.state === 'running') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500))
      seen = await page()
    }
    expect(seen.job).toMatchObject({ state: 'done', total: 6, done: 6, failed: 0, error: null })
    expect(seen.summary).toMatchObject({ approved: 4, rejected: 2, issued: 6 })
    const jobs = await handle.db.selectFrom('jobs').select(['id', 'state']).where('call_id', '=', decidedCall.id).execute()
    expect(jobs).toEqual([{ id: seen.job!.id, state: 'done' }])

    // Each application: exactly one outcome document, with one number of the register; each applicant one mail.
    const register = await expectIssuedOnce(decidedCall.id, ids, registerBefore)
    await expectMailedOnce(apps, register, [a, b])
  }, 240_000)

  test('one instance dies mid-rush: every acknowledged save is kept, and the other carries on', async () => {
    const filed = await Promise.all(Array.from({ length: 8 }, () => applicant()))
    const writers = await Promise.all(
      filed.map(async (f) => ({ f, cookie: await cookieFrom(b, f.user.email), version: await generalVersion(f.applicationId), acked: 0, last: '', failed: 0 })),
    )
    let stop = false
    const rush = Promise.all(
      writers.map(async (w) => {
        for (let n = 0; !stop; n++) {
          const summary = `Bản ${n} của ${w.f.user.email}`
          try {
            const res = await autosave(appUrl, w.cookie, w.f.applicationId, w.version, summary)
            if (res.status !== 200) throw new Error(String(res.status))
            w.version = ((await res.json()) as { saved: { version: number } }).saved.version
            w.acked++
            w.last = summary
          } catch {
            // In flight on the instance that died: may fail. The version is read again before going on.
            w.failed++
            w.version = await generalVersion(w.f.applicationId)
          }
        }
      }),
    )
    await new Promise((r) => setTimeout(r, 1500))
    await a.kill()
    const ackedAtKill = writers.reduce((n, w) => n + w.acked, 0)
    await new Promise((r) => setTimeout(r, 2500))
    stop = true
    await rush
    const acked = writers.reduce((n, w) => n + w.acked, 0)
    expect(acked).toBeGreaterThan(ackedAtKill) // the other instance carried on
    for (const w of writers) {
      const row = await handle.db.selectFrom('application_sections').select(['version', 'data']).where('application_id', '=', w.f.applicationId).where('key', '=', 'general').executeTakeFirstOrThrow()
      expect(row.version).toBe(w.version)
      if (w.last) expect((row.data as { summary: string }).summary).toBe(w.last)
    }
    // Through nginx, new requests now all go to the instance left.
    expect((await fetch(`${appUrl}/healthz`)).status).toBe(200)
  })

  test('the instance issuing a call\'s decisions dies midway: the other takes the job over when its lease runs out and issues the rest, each once', async () => {
    // A was killed in the test before: a new instance takes its place (a machine restarted). Two instances run the
    // job worker again, with a 4-second lease (JOBS_LEASE_SECONDS) renewed after each application.
    a2 = await startPortal({ env: portalEnv })
    const portals = [a2, b]
    const { decidedCall, director, apps } = await decidedApplications()
    const ids = apps.map((x) => x.applicationId)
    const owners = apps.map((x) => x.owner.email)
    const registerBefore = await handle.db.selectFrom('document_register').select('number').execute()
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
    async function until(what: string, ok: () => Promise<boolean>, ms = 60_000) {
      const deadline = Date.now() + ms
      while (!(await ok())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
        await sleep(100)
      }
    }

    // The job issues the applications in the order of their references. The third is held here, as a slow item
    // would hold it: the worker that has the job issues two, then waits at the third, in its transaction. So the
    // kill comes with some but not all done, whatever the machine's speed.
    const order = await handle.db.selectFrom('applications').select('id').where('id', 'in', ids).orderBy('reference').orderBy('id').execute()
    let release!: () => void
    const released = new Promise<void>((r) => (release = r))
    let heldNow!: () => void
    const isHeld = new Promise<void>((r) => (heldNow = r))
    const holding = handle.db.transaction().execute(async (trx) => {
      await trx.selectFrom('applications').select('id').where('id', '=', order[2].id).forUpdate().execute()
      heldNow()
      await released
    })
    await isHeld

    const cookie = await cookieFrom(a2, director.email)
    await startIssuing(a2, decidedCall.id, cookie)
    const job = () => handle.db.selectFrom('jobs').select(['id', 'state', 'total', 'done', 'failed', 'error']).where('call_id', '=', decidedCall.id).executeTakeFirstOrThrow()
    await until('two applications issued', async () => (await job()).done === 2)
    const jobId = (await job()).id
    // Which instance has it: each says so when it takes a job.
    await until('the job worker to say it started the job', async () => portals.some((p) => p.output().includes(`job ${jobId}: started`)))
    const [dying, other] = a2.output().includes(`job ${jobId}: started`) ? [a2, b] : [b, a2]
    expect(await job()).toMatchObject({ state: 'running', total: 6, done: 2, failed: 0 })
    // The mail of the first two went out (a mail in the middle of its sending when the instance dies is sent
    // again only when the outbox's own lease, 120 s, runs out: not what this test is about).
    const unsent = () => handle.db.selectFrom('email_outbox').select('id').where('to_address', 'in', owners).where('state', 'in', ['pending', 'sending']).execute()
    await until('the mail so far to be sent', async () => (await unsent()).length === 0)

    // The instance holding the job dies: its transaction in flight (the third application) is rolled back.
    await dying.kill()
    release()
    await holding
    const killedAt = Date.now()
    await until('the job to be done', async () => (await job()).state !== 'running', 60_000)
    expect(await job()).toMatchObject({ state: 'done', total: 6, done: 6, failed: 0, error: null })
    // Taken over by the other once the lease had run out (4 s after its last renewal): seconds, not minutes.
    expect(other.output()).toContain(`job ${jobId}: taken up again`)
    expect(Date.now() - killedAt).toBeLessThan(30_000)

    // Nothing issued twice: one document and one number each, gap-free, one end of the job; one mail each.
    const register = await expectIssuedOnce(decidedCall.id, ids, registerBefore)
    await expectMailedOnce(apps, register, [a, b, a2])
    // Its page, through the instance left, shows the job done and everything issued.
    const DECISIONS_ROUTE = encodeURIComponent('routes/staff.calls.$id_.decisions')
    const page = await fetch(`${other.url}/staff/calls/${decidedCall.id}/decisions?_data=${DECISIONS_ROUTE}`, { headers: { Cookie: cookie } })
    expect(page.status).toBe(200)
    expect(await page.json()).toMatchObject({ summary: { approved: 4, rejected: 2, issued: 6 }, job: { id: jobId, state: 'done', done: 6 } })
  }, 240_000)
})
