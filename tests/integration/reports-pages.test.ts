import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import { migrateTo, migrateToLatest } from '../../db/migrate'
import { listReports, reportSchedule } from '../../app/modules/reports'
import * as taskReports from '../../app/routes/tasks.$id.reports'
import * as taskProduct from '../../app/routes/tasks.$id.products.$productId'
import * as staffReports from '../../app/routes/staff.tasks.$id.reports'
import * as staffProduct from '../../app/routes/staff.tasks.$id.products.$productId'
import * as staffList from '../../app/routes/staff.reports'
import * as inspections from '../../app/routes/staff.tasks.$id.inspections'
import { createTestDb } from '../setup/db'
import { createUser, insertFundSettings, invoke, sessionFor, testContext, testEnv } from '../setup/app'
import { type ContractedTask, createContractedTask } from '../setup/award'

// The progress pages as people use them: the grantee adds a product and submits, a viewer and an outsider
// cannot, the office asks for changes (a note required) and accepts, finds the report in its lists, downloads
// the product, and records an inspection with a follow-up it then marks done; the director reads but does not act.

let handle: DatabaseHandle
let dataDir: string
let ctx: AppLoadContext
let t: ContractedTask
const cookies = {} as Record<'owner' | 'staff' | 'director' | 'viewer' | 'outsider', string>

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'reports-pages-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
  await insertFundSettings(handle.db)
  t = await createContractedTask(handle.db, ctx.env, { startsOn: '2026-01-01', endsOn: '2027-12-31' })
  const viewer = await createUser(handle.db, { roles: ['applicant'] })
  await handle.db.insertInto('organisation_members').values({ organisation_id: t.organisationId, user_id: viewer.id, role: 'viewer' }).execute()
  const outsider = await createUser(handle.db, { roles: ['applicant'] })
  cookies.owner = await sessionFor(ctx, t.owner.id)
  cookies.staff = await sessionFor(ctx, t.staff.id)
  cookies.director = await sessionFor(ctx, t.director.id)
  cookies.viewer = await sessionFor(ctx, viewer.id)
  cookies.outsider = await sessionFor(ctx, outsider.id)
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

const path = () => `/tasks/${t.applicationId}/reports`
const staffPath = () => `/staff/tasks/${t.applicationId}/reports`
const params = () => ({ id: t.applicationId })

async function loaderData(route: { loader?: unknown }, cookie: string, p: string, extra: Record<string, string> = {}) {
  const res = await invoke(route as never, ctx, { path: p, cookie, params: { ...params(), ...extra } })
  expect(res.status).toBe(200)
  return (await res.json()) as any
}

function multipart(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type: string }) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  if (file) form.set('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name)
  return form
}

describe('the progress pages', () => {
  it('let the grantee add a product and submit the first report, and nobody else', async () => {
    const data = await loaderData(taskReports, cookies.owner, path())
    // In 2026 the first report (due 01/07/2026) is long past: it is chosen, open and very late.
    expect(data.report).toMatchObject({ seq: 1, status: 'due', dueOn: '2026-07-01', lateness: 'very_late' })
    expect(data.canAct).toBe(true)
    const reportId = data.report.id
    expect((await invoke(taskReports, ctx, { path: path(), cookie: cookies.outsider, params: params() })).status).toBe(404)
    expect((await invoke(taskReports, ctx, { path: path(), cookie: cookies.staff, params: params() })).status).toBe(403)
    expect((await invoke(taskReports, ctx, { method: 'POST', path: path(), cookie: cookies.viewer, params: params(), form: { intent: 'submit', reportId, expectedVersion: '0', workDone: 'x' } })).status).toBe(403)

    const exe = await invoke(taskReports, ctx, { method: 'POST', path: path(), cookie: cookies.owner, params: params(), body: multipart({ reportId, title: 'Chương trình' }, { name: 'a.pdf', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), type: 'application/pdf' }) })
    expect(exe.status).toBe(415)
    expect(((await exe.json()) as any).errors.file.message).toBe('reports.product.refusal.type')
    const added = await invoke(taskReports, ctx, { method: 'POST', path: path(), cookie: cookies.owner, params: params(), body: multipart({ reportId, title: 'Báo cáo thử nghiệm', description: 'Kết quả vụ 1' }, { name: 'thu-nghiem.pdf', bytes: PDF, type: 'application/pdf' }) })
    expect(added.status).toBe(302)

    const empty = await invoke(taskReports, ctx, { method: 'POST', path: path(), cookie: cookies.owner, params: params(), form: { intent: 'submit', reportId, expectedVersion: '0', workDone: '  ' } })
    expect(empty.status).toBe(400)
    expect(((await empty.json()) as any).errors.workDone.message).toBe('reports.v.required')
    const sent = await invoke(taskReports, ctx, { method: 'POST', path: path(), cookie: cookies.owner, params: params(), form: { intent: 'submit', reportId, expectedVersion: '0', workDone: 'Hoàn thành nội dung 1.', problems: '', nextSteps: '' } })
    expect(sent.status).toBe(302)
    expect(sent.headers.get('Location')).toContain('notice=submitted')
    const product = (await loaderData(taskReports, cookies.owner, `${path()}?report=1`)).report.products[0]
    expect(product).toMatchObject({ title: 'Báo cáo thử nghiệm', version: 1, filename: 'thu-nghiem.pdf' })
    const download = await invoke(taskProduct, ctx, { path: `/tasks/${t.applicationId}/products/${product.id}`, cookie: cookies.owner, params: { ...params(), productId: product.id } })
    expect(download.status).toBe(200)
    expect(download.headers.get('Content-Disposition')).toContain('attachment')
  })

  it('let the office find it waiting, ask for changes with a note, and download the product; the director only reads', async () => {
    const list = await loaderData(staffList, cookies.staff, '/staff/reports?view=submitted')
    expect(list.rows.map((r: any) => [r.applicationId, r.seq])).toEqual([[t.applicationId, 1]])
    const late = await loaderData(staffList, cookies.staff, '/staff/reports?view=late')
    // Report 2 (due 01/01/2027) is not late before that day; report 1 came in.
    expect(late.rows.filter((r: any) => r.applicationId === t.applicationId).map((r: any) => r.seq)).not.toContain(1)

    const data = await loaderData(staffReports, cookies.director, staffPath())
    expect(data.canReview).toBe(false)
    const reportId = data.report.id
    expect((await invoke(staffReports, ctx, { method: 'POST', path: staffPath(), cookie: cookies.director, params: params(), form: { intent: 'review', reportId, expectedVersion: '1', outcome: 'accepted', note: '' } })).status).toBe(403)

    const noNote = await invoke(staffReports, ctx, { method: 'POST', path: staffPath(), cookie: cookies.staff, params: params(), form: { intent: 'review', reportId, expectedVersion: '1', outcome: 'changes_requested', note: '' } })
    expect(noNote.status).toBe(400)
    expect(((await noNote.json()) as any).errors.note.message).toBe('reports.v.noteRequired')
    const asked = await invoke(staffReports, ctx, { method: 'POST', path: staffPath(), cookie: cookies.staff, params: params(), form: { intent: 'review', reportId, expectedVersion: '1', outcome: 'changes_requested', note: 'Bổ sung số liệu.' } })
    expect(asked.status).toBe(302)
    const again = await invoke(staffReports, ctx, { method: 'POST', path: staffPath(), cookie: cookies.staff, params: params(), form: { intent: 'review', reportId, expectedVersion: '1', outcome: 'accepted', note: '' } })
    expect(again.status).toBe(409)
    expect(((await again.json()) as any).errors.form.message).toBe('reports.refusal.not_submitted')

    const product = (await loaderData(staffReports, cookies.staff, `${staffPath()}?report=1`)).report.products[0]
    const download = await invoke(staffProduct, ctx, { path: `/staff/tasks/${t.applicationId}/products/${product.id}`, cookie: cookies.staff, params: { ...params(), productId: product.id } })
    expect(download.status).toBe(200)
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF)
  })

  it('only read the schedule: a running contract without one shows none and gets none from a page, until migration 0033 draws it', async () => {
    // A task whose work started before its schedule was drawn at start_work: month ends, a report every month.
    const terms = { startsOn: '2027-01-31', endsOn: '2027-05-15', reportEveryMonths: 1 }
    const other = await createContractedTask(handle.db, ctx.env, terms)
    await handle.db.deleteFrom('progress_reports').where('contract_id', '=', other.contractId).execute()
    const rows = async () => Number((await handle.db.selectFrom('progress_reports').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
    const before = await rows()

    for (const view of ['all', 'week', 'late', 'submitted']) {
      const list = await loaderData(staffList, cookies.staff, `/staff/reports?view=${view}`)
      expect(list.rows.map((r: any) => r.applicationId), view).not.toContain(other.applicationId)
    }
    expect((await loaderData(staffList, cookies.staff, '/staff/reports?view=all')).rows.map((r: any) => r.applicationId)).toContain(t.applicationId)
    expect((await loaderData(staffReports, cookies.staff, `/staff/tasks/${other.applicationId}/reports`, { id: other.applicationId })).reports).toEqual([])
    expect(await rows()).toBe(before)

    // The one-off backfill draws it as start_work does: a report nobody sent follows the contract, one the
    // schedule does not have is removed, the missing ones are added; the other task's reports are untouched.
    const mine = async (contractId: string) => (await listReports(handle.db, contractId)).map((r) => [r.seq, r.periodFrom, r.periodTo, r.dueOn, r.status])
    const first = await mine(t.contractId)
    await handle.db
      .insertInto('progress_reports')
      .values([
        { contract_id: other.contractId, seq: 1, period_from: '2027-01-31', period_to: '2027-03-14', due_on: '2027-03-15' },
        { contract_id: other.contractId, seq: 7, period_from: '2027-07-31', period_to: '2027-08-30', due_on: '2027-08-31' },
      ])
      .execute()
    await migrateTo(handle.db, '0032_target_evidence')
    await migrateToLatest(handle.db)
    expect(await mine(other.contractId)).toEqual([
      [1, '2027-01-31', '2027-02-27', '2027-02-28', 'due'],
      [2, '2027-02-28', '2027-03-30', '2027-03-31', 'due'],
      [3, '2027-03-31', '2027-04-29', '2027-04-30', 'due'],
    ])
    expect(await mine(other.contractId)).toEqual(reportSchedule(terms).map((p) => [p.seq, p.periodFrom, p.periodTo, p.dueOn, 'due']))
    expect(await mine(t.contractId)).toEqual(first)
  })

  it('record an inspection with a follow-up, then mark it done', async () => {
    const p = `/staff/tasks/${t.applicationId}/inspections`
    const bad = await invoke(inspections, ctx, { method: 'POST', path: p, cookie: cookies.staff, params: params(), form: { intent: 'inspection', inspectedOn: '31/02/2027', inspectors: 'Lê Văn A', findings: 'Đúng tiến độ.', assessment: 'on_track' } })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as any).errors.inspectedOn.message).toBe('reports.v.date')
    expect((await invoke(inspections, ctx, { method: 'POST', path: p, cookie: cookies.staff, params: params(), form: { intent: 'inspection', inspectedOn: '15/09/2026', inspectors: 'Lê Văn A, chuyên viên', findings: 'Chậm nội dung 2.', assessment: 'behind' } })).status).toBe(302)
    let data = await loaderData(inspections, cookies.staff, p)
    expect(data.inspections).toHaveLength(1)
    expect(data.inspections[0]).toMatchObject({ inspectedOn: '2026-09-15', assessment: 'behind', recordedBy: t.staff.fullName })
    const inspectionId = data.inspections[0].id
    expect((await invoke(inspections, ctx, { method: 'POST', path: p, cookie: cookies.staff, params: params(), form: { intent: 'followUp', inspectionId, action: 'Nộp kế hoạch khắc phục', dueOn: '30/09/2026' } })).status).toBe(302)
    data = await loaderData(inspections, cookies.staff, p)
    const followUp = data.inspections[0].followUps[0]
    expect(followUp).toMatchObject({ action: 'Nộp kế hoạch khắc phục', dueOn: '2026-09-30', doneAt: null })
    expect((await invoke(inspections, ctx, { method: 'POST', path: p, cookie: cookies.director, params: params(), form: { intent: 'done', followUpId: followUp.id } })).status).toBe(403)
    expect((await invoke(inspections, ctx, { method: 'POST', path: p, cookie: cookies.staff, params: params(), form: { intent: 'done', followUpId: followUp.id, note: 'Đã nhận kế hoạch.' } })).status).toBe(302)
    expect((await invoke(inspections, ctx, { method: 'POST', path: p, cookie: cookies.staff, params: params(), form: { intent: 'done', followUpId: followUp.id } })).status).toBe(409)
    data = await loaderData(inspections, cookies.staff, p)
    expect(data.inspections[0].followUps[0]).toMatchObject({ doneNote: 'Đã nhận kế hoạch.' })
    expect(data.inspections[0].followUps[0].doneAt).not.toBeNull()
  })
})
