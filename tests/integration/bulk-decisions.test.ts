import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import { uploadStorage } from '../../app/modules/applications'
import { readAll } from '../../app/modules/applications/storage'
import { claimJob, getJob, latestJob, runJob, startIssueAll } from '../../app/modules/decisions'
import * as decisionsPage from '../../app/routes/staff.calls.$id_.decisions'
import * as zipRoute from '../../app/routes/staff.calls.$id_.decisions.zip'
import { applyTransition } from '../../app/modules/workflow'
import { makeKeys, testSigning } from '../setup/signing'
import { createTestDb } from '../setup/db'
import { createUser, insertFundSettings, invoke, sessionFor, testContext, testEnv } from '../setup/app'
import { createCall } from '../setup/calls'
import { concludeOnCouncil, createEligibleApplication, reviseAndAppraise } from '../setup/review'

// "Issue all decisions of this call": a background job issues every decided application's outcome document
// (numbers from the register, gap-free), mails each, and ends with one ZIP of them and a list (CSV).

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let dataDir: string

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'bulk-decisions-test-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
  await insertFundSettings(handle.db)
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

async function application(callId: string, outcome: 'approve' | 'reject' | null) {
  const app = await createEligibleApplication(handle.db, ctx.env, { callId })
  if (!outcome) return app
  const director = { ...(await createUser(handle.db, { roles: ['director'] })), fullName: 'Giám Đốc Thử' }
  await concludeOnCouncil(handle.db, { applicationId: app.applicationId, staff: app.staff })
  if (outcome === 'approve') await reviseAndAppraise(handle.db, ctx.env, app)
  const input = outcome === 'approve' ? { amount: '450.000.000', conditions: 'Giải ngân hai đợt.' } : { reasons: 'Kinh phí đối ứng chưa được bảo đảm' }
  expect(await applyTransition(handle.db, { applicationId: app.applicationId, event: outcome, actor: director, as: 'director', input, lang: 'vi' })).toMatchObject({ ok: true })
  return app
}

const storage = () => uploadStorage(ctx.env)
const documentMails = () => handle.db.selectFrom('email_outbox').select(['to_address', 'template']).where('template', '=', 'document_issued').execute()

describe('issuing all the decisions of a call', () => {
  it('issues each decided application once, counts its progress, and ends with one ZIP and the list', async () => {
    const call = await createCall(handle.db)
    const approved = [await application(call.id, 'approve'), await application(call.id, 'approve'), await application(call.id, 'approve')]
    const rejected = await application(call.id, 'reject')
    const undecided = await application(call.id, null)
    const staff = approved[0].staff
    const cookie = await sessionFor(ctx, staff.id)
    // The office sees the page but does not sign them all at once: the director does, with a key kept for them.
    const director = await createUser(handle.db, { roles: ['director'], fullName: 'Giám Đốc Ký Loạt' })
    const directorCookie = await sessionFor(ctx, director.id)
    expect((await (await invoke(decisionsPage, ctx, { path: `/staff/calls/${call.id}/decisions`, cookie, params: { id: call.id } })).json()).signer).toBe('office')
    expect((await invoke(decisionsPage, ctx, { method: 'POST', path: `/staff/calls/${call.id}/decisions`, cookie, params: { id: call.id }, form: {} })).status).toBe(403)
    expect((await (await invoke(decisionsPage, ctx, { path: `/staff/calls/${call.id}/decisions`, cookie: directorCookie, params: { id: call.id } })).json()).signer).toBe('no_key')
    await makeKeys(ctx.env.DATA_DIR, [{ email: director.email, name: director.fullName }])
    expect((await (await invoke(decisionsPage, ctx, { path: `/staff/calls/${call.id}/decisions`, cookie: directorCookie, params: { id: call.id } })).json()).signer).toBe('ready')

    // The page before: four decided, none issued, no job.
    const before = await (await invoke(decisionsPage, ctx, { path: `/staff/calls/${call.id}/decisions`, cookie, params: { id: call.id } })).json()
    expect(before.summary).toMatchObject({ approved: 3, rejected: 1, issued: 0 })
    expect(before.job).toBeNull()
    expect((await invoke(zipRoute, ctx, { path: `/staff/calls/${call.id}/decisions/zip`, cookie, params: { id: call.id } })).status).toBe(404)

    // Started from the page (POST redirects back); starting twice gives the same job.
    const posted = await invoke(decisionsPage, ctx, { method: 'POST', path: `/staff/calls/${call.id}/decisions`, cookie: directorCookie, params: { id: call.id }, form: {} })
    expect(posted.status).toBe(302)
    expect(posted.headers.get('Location')).toBe(`/staff/calls/${call.id}/decisions`)
    const jobId = (await latestJob(handle.db, call.id))!.id
    expect(await startIssueAll(handle.db, { callId: call.id, actor: staff })).toBe(jobId)
    expect((await getJob(handle.db, jobId))!.state).toBe('queued')

    const claimed = await claimJob(handle.db)
    expect(claimed!.id).toBe(jobId)
    expect(claimed!.state).toBe('running')
    // Held by its lease: nobody else takes it meanwhile.
    expect(await claimJob(handle.db)).toBeNull()

    const seen: number[] = []
    const result = await runJob(handle.db, storage(), claimed!, { appUrl: ctx.env.APP_URL, signingFor: (actor) => testSigning(actor, ctx.env.APP_URL), shouldStop: () => (seen.push(1), false) })
    expect(result).toMatchObject({ state: 'done', total: 4, done: 4, failed: 0, error: null })
    expect(seen).toHaveLength(4)

    // One sequence a year for all the Fund's documents; the appraisals' minutes were numbered before the decisions.
    const register = await handle.db.selectFrom('document_register').select(['symbol', 'subject_id']).where('doc_type', '!=', 'minutes').orderBy('number').execute()
    expect(register.filter((r) => r.symbol.includes('/QĐ-QKHCN'))).toHaveLength(3)
    const notice = register.find((r) => r.subject_id === rejected.applicationId)!.symbol
    expect(notice).toMatch(/^\d{2}\/TB-QKHCN$/)
    expect(register.map((r) => r.subject_id)).not.toContain(undecided.applicationId)
    const mails = await documentMails()
    expect(mails).toHaveLength(4)
    expect(mails.map((m) => m.to_address).sort()).toEqual([...approved, rejected].map((a) => a.owner.email).sort())

    // The ZIP: four PDFs named after the reference and the document, and the CSV list.
    const zipResponse = await invoke(zipRoute, ctx, { path: `/staff/calls/${call.id}/decisions/zip`, cookie, params: { id: call.id } })
    expect(zipResponse.status).toBe(200)
    expect(zipResponse.headers.get('Content-Type')).toBe('application/zip')
    expect(zipResponse.headers.get('Content-Disposition')).toContain('attachment')
    expect(zipResponse.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(zipResponse.headers.get('Cache-Control')).toContain('no-store')
    const files = unzipSync(new Uint8Array(await zipResponse.arrayBuffer()))
    const names = Object.keys(files).sort()
    expect(names).toHaveLength(5)
    expect(names).toContain('danh-sach.csv')
    const pdfs = names.filter((n) => n.endsWith('.pdf'))
    expect(pdfs).toHaveLength(4)
    for (const name of pdfs) {
      expect(name).toMatch(/^[A-Z0-9-]+_\d{2}-(QĐ|TB)-QKHCN\.pdf$/)
      expect(new TextDecoder().decode(files[name].subarray(0, 5))).toBe('%PDF-')
    }
    const refs = await handle.db.selectFrom('applications').select(['id', 'reference']).where('call_id', '=', call.id).execute()
    const refOf = (id: string) => refs.find((r) => r.id === id)!.reference!
    expect(pdfs).toContain(`${refOf(rejected.applicationId)}_${notice.replace('/', '-')}.pdf`)
    const csv = new TextDecoder().decode(files['danh-sach.csv'])
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toBe('Mã hồ sơ,Tổ chức chủ trì,Tên nhiệm vụ,Số văn bản,Kinh phí được duyệt (đồng)')
    expect(lines).toHaveLength(5)
    expect(lines.find((l) => l.startsWith(refOf(rejected.applicationId)))).toContain(notice)
    expect(lines.filter((l) => l.endsWith(',450000000'))).toHaveLength(3)
    expect(csv).not.toContain(refOf(undecided.applicationId))

    // The page after: all issued, the job done with its ZIP; the audit has the bulk issue.
    const after = await (await invoke(decisionsPage, ctx, { path: `/staff/calls/${call.id}/decisions`, cookie, params: { id: call.id } })).json()
    expect(after.summary).toMatchObject({ approved: 3, rejected: 1, issued: 4 })
    expect(after.job).toMatchObject({ state: 'done', total: 4, done: 4 })
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'subject_id']).where('action', '=', 'document.bulk_issued').execute()
    expect(audit).toEqual([{ action: 'document.bulk_issued', subject_id: call.id }])

    // Running it again on the claim it ended with does nothing: the job is no longer held by it.
    const first = (await handle.db.selectFrom('jobs').select(['zip_sha256']).where('id', '=', jobId).executeTakeFirstOrThrow()).zip_sha256
    const again = await runJob(handle.db, storage(), claimed!, { appUrl: ctx.env.APP_URL, signingFor: (actor) => testSigning(actor, ctx.env.APP_URL) })
    expect(again).toMatchObject({ state: 'done', total: 4, done: 4, failed: 0, leaseLost: true })
    expect(await handle.db.selectFrom('document_register').select('id').where('doc_type', '!=', 'minutes').execute()).toHaveLength(4)
    expect(await documentMails()).toHaveLength(4)
    expect((await handle.db.selectFrom('jobs').select(['zip_sha256']).where('id', '=', jobId).executeTakeFirstOrThrow()).zip_sha256).toBe(first)

    // A new start after completion is a new job, which issues nothing new either, and gives the same ZIP.
    const second = await startIssueAll(handle.db, { callId: call.id, actor: staff })
    expect(second).not.toBe(jobId)
    const job2 = await claimJob(handle.db)
    expect(await runJob(handle.db, storage(), job2!, { appUrl: ctx.env.APP_URL, signingFor: (actor) => testSigning(actor, ctx.env.APP_URL) })).toMatchObject({ state: 'done', total: 4, done: 4 })
    expect(await handle.db.selectFrom('documents').select('id').where('kind', '!=', 'appraisal_minutes').execute()).toHaveLength(4)
    expect(await documentMails()).toHaveLength(4)
    expect((await handle.db.selectFrom('jobs').select(['zip_sha256']).where('id', '=', second).executeTakeFirstOrThrow()).zip_sha256).toBe(first)
  }, 90_000)

  it('takes up again a job whose process died (its lease expired) and finishes it', async () => {
    const call = await createCall(handle.db)
    const a = await application(call.id, 'approve')
    const b = await application(call.id, 'approve')
    const jobId = await startIssueAll(handle.db, { callId: call.id, actor: a.staff })
    const registerBefore = (await handle.db.selectFrom('document_register').select('id').execute()).length

    // The first worker claims it, issues one application and "dies" (asked to stop, it leaves the lease).
    const first = await claimJob(handle.db, 60)
    expect(first!.id).toBe(jobId)
    let calls = 0
    const left = await runJob(handle.db, storage(), first!, { appUrl: ctx.env.APP_URL, signingFor: (actor) => testSigning(actor, ctx.env.APP_URL), leaseSeconds: 60, shouldStop: () => calls++ >= 1 })
    expect(left).toMatchObject({ state: 'running', total: 2, done: 1 })
    // A dead process keeps its lease until it expires: simulate one that did not release it.
    await handle.db.updateTable('jobs').set({ locked_until: sql<Date>`now() + interval '60 seconds'` }).where('id', '=', jobId).execute()
    expect(await claimJob(handle.db)).toBeNull()
    await handle.db.updateTable('jobs').set({ locked_until: sql<Date>`now() - interval '1 second'` }).where('id', '=', jobId).execute()

    const again = await claimJob(handle.db)
    expect(again!.id).toBe(jobId)
    expect(await runJob(handle.db, storage(), again!, { appUrl: ctx.env.APP_URL, signingFor: (actor) => testSigning(actor, ctx.env.APP_URL) })).toMatchObject({ state: 'done', total: 2, done: 2, failed: 0 })
    // Two numbers for two applications: nothing issued twice.
    expect((await handle.db.selectFrom('document_register').select('id').execute()).length - registerBefore).toBe(2)
    for (const app of [a, b]) {
      expect(await handle.db.selectFrom('documents').select('id').where('application_id', '=', app.applicationId).where('kind', '!=', 'appraisal_minutes').execute()).toHaveLength(1)
    }
    const row = await handle.db.selectFrom('jobs').select(['zip_key', 'zip_size']).where('id', '=', jobId).executeTakeFirstOrThrow()
    const zip = unzipSync(new Uint8Array(await readAll(storage().get(row.zip_key!))))
    expect(Object.keys(zip)).toHaveLength(3)
    expect(zip[Object.keys(zip).find((n) => n.endsWith('.pdf'))!].byteLength).toBeGreaterThan(1000)
  })

  it('a worker that stalled past its lease finds the job taken over and leaves it: nothing issued twice, one end, one audit entry', async () => {
    const call = await createCall(handle.db)
    const apps = [await application(call.id, 'approve'), await application(call.id, 'reject'), await application(call.id, 'approve')]
    const owners = apps.map((x) => x.owner.email)
    const registerBefore = (await handle.db.selectFrom('document_register').select('id').execute()).length
    const signingFor = (actor: { id: string }) => testSigning(actor, ctx.env.APP_URL)
    const bulkAudit = () => handle.db.selectFrom('audit_log').select('details').where('action', '=', 'document.bulk_issued').where('subject_id', '=', call.id).execute()

    // Worker 1 claims the job with a one-second lease and stalls before its first application (a long pause, a
    // network cut off); meanwhile its lease runs out, worker 2 takes the job over and issues everything.
    const jobId = await startIssueAll(handle.db, { callId: call.id, actor: apps[0].staff })
    const stalled = (await claimJob(handle.db, 1))!
    expect(stalled).toMatchObject({ id: jobId, takenOver: false })
    let takenOver: Awaited<ReturnType<typeof runJob>> | undefined
    const takeOver = async () => {
      await new Promise((r) => setTimeout(r, 1200))
      const again = (await claimJob(handle.db, 60))!
      expect(again).toMatchObject({ id: jobId, takenOver: true })
      takenOver = await runJob(handle.db, storage(), again, { appUrl: ctx.env.APP_URL, signingFor, leaseSeconds: 60 })
    }
    const left = await runJob(handle.db, storage(), stalled, { appUrl: ctx.env.APP_URL, leaseSeconds: 1, signingFor: async (actor) => (await takeOver(), signingFor(actor)) })
    expect(takenOver).toMatchObject({ state: 'done', total: 3, done: 3, failed: 0, leaseLost: false })
    expect(await bulkAudit()).toHaveLength(1)
    // Worker 1 comes back: it finds the lease no longer its own and leaves the job as worker 2 ended it.
    expect(left).toMatchObject({ state: 'done', total: 3, done: 3, failed: 0, leaseLost: true })
    expect((await handle.db.selectFrom('document_register').select('id').execute()).length - registerBefore).toBe(3)
    expect((await documentMails()).filter((m) => owners.includes(m.to_address)).map((m) => m.to_address).sort()).toEqual([...owners].sort())
    const ended = await handle.db.selectFrom('jobs').select(['state', 'zip_key', 'locked_until']).where('id', '=', jobId).executeTakeFirstOrThrow()
    expect(ended).toMatchObject({ state: 'done', locked_until: null })

    // The same with a worker that fails when it comes back (its key unreadable): the job another worker
    // finished stays done; it is not marked failed.
    const second = await startIssueAll(handle.db, { callId: call.id, actor: apps[0].staff })
    const stalledAgain = (await claimJob(handle.db, 1))!
    expect(stalledAgain.id).toBe(second)
    const failedLate = await runJob(handle.db, storage(), stalledAgain, {
      appUrl: ctx.env.APP_URL,
      leaseSeconds: 1,
      signingFor: async () => {
        await new Promise((r) => setTimeout(r, 1200))
        expect(await runJob(handle.db, storage(), (await claimJob(handle.db, 60))!, { appUrl: ctx.env.APP_URL, signingFor, leaseSeconds: 60 })).toMatchObject({ state: 'done', done: 3 })
        throw new Error('the signer key could not be read')
      },
    })
    expect(failedLate).toMatchObject({ state: 'done', total: 3, done: 3, error: null, leaseLost: true })
    expect(await getJob(handle.db, second)).toMatchObject({ state: 'done', error: null })
    expect((await handle.db.selectFrom('document_register').select('id').execute()).length - registerBefore).toBe(3)
    expect(await bulkAudit()).toHaveLength(2)
  }, 60_000)
})
