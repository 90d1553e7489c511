import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import type { ApplicationStatus, OrganisationType } from '../../db/schema'
import { uploadStorage } from '../../app/modules/applications'
import { claimJob } from '../../app/modules/decisions'
import { listInbox } from '../../app/modules/screening'
import { getTask, listReports, reviewReport, submitReport } from '../../app/modules/reports'
import {
  allGrants,
  buildExport,
  callDashboard,
  csvToGrants,
  exportFile,
  exportFilter,
  grantsToCsv,
  listPublishedCalls,
  listPublishedTasks,
  listTargetProgress,
  publicStatistics,
  publishResults,
  recordTargetValue,
  runExportJob,
  startExport,
} from '../../app/modules/transparency'
import schema from '../../app/modules/transparency/grants.schema.json'
import * as apiRoute from '../../app/routes/api.grants'
import * as csvRoute from '../../app/routes/open-data.grants[.]csv'
import * as resultsRoute from '../../app/routes/results.$code'
import * as statisticsRoute from '../../app/routes/statistics'
import * as paymentsRoute from '../../app/routes/staff.payments._index'
import * as staffReportsRoute from '../../app/routes/staff.reports'
import * as targetsRoute from '../../app/routes/staff.targets._index'
import * as taskReportsRoute from '../../app/routes/tasks.$id.reports'
import { createTestDb } from '../setup/db'
import { createUser, insertFundSettings, invoke, sessionFor, testContext, testEnv } from '../setup/app'
import { type ContractedTask, createContractedTask } from '../setup/award'
import { createCall } from '../setup/calls'

// Transparency with data whose numbers were worked out by hand (below, beside each expectation): one call with
// six applications that went different ways (approved, contracted, rejected, withdrawn, ineligible, a draft),
// dated in March–April 2026 (no public holiday in that span before 26/4), the clocks in working days.

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let dataDir: string
let staff: { id: string; email: string }
let callId: string
let callCode: string
let otherCallId: string
const apps: Record<string, string> = {}

const at = (day: string) => new Date(`${day}T12:00:00+07:00`)
const M = 1_000_000

async function org(name: string, type: OrganisationType, identifier: string, kind: 'tax_code' | 'citizen_id' = 'tax_code') {
  return (
    await handle.db
      .insertInto('organisations')
      .values({ type, name, identifier, identifier_kind: kind, address_line: '1 Lê Duẩn', ward_code: '001', legal_rep_name: 'Nguyễn Văn An', legal_rep_title: 'Giám đốc', phone: '0912345678', email: `${identifier}@example.vn`, updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}

async function app(input: {
  key: string
  call?: string
  org: string
  status: ApplicationStatus
  reference?: string
  title: string
  requested: number
  counterpart: number
  approved?: number
  general?: Record<string, string>
  events?: [ApplicationStatus, string][]
}) {
  const row = await handle.db
    .insertInto('applications')
    .values({
      call_id: input.call ?? callId,
      organisation_id: input.org,
      status: input.status,
      reference: input.reference ?? null,
      title: input.title,
      eligibility_answers: {},
      requested_amount: input.requested,
      counterpart_amount: input.counterpart,
      approved_amount: input.approved ?? null,
      submitted_at: input.reference ? at('2026-03-01') : null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  apps[input.key] = row.id
  if (input.general) await handle.db.insertInto('application_sections').values({ application_id: row.id, key: 'general', data: input.general, updated_at: new Date(), updated_by: null }).execute()
  for (const [to, day] of input.events ?? []) {
    await handle.db.insertInto('application_events').values({ application_id: row.id, at: at(day), actor_id: null, event: to, from_status: null, to_status: to, details: {}, from_version: null }).execute()
  }
  return row.id
}

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'transparency-test-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
  await insertFundSettings(handle.db)
  const user = await createUser(handle.db, { roles: ['staff'] })
  staff = { id: user.id, email: user.email }
  const call = await createCall(handle.db, {
    priority_field: 'automation',
    opens_at: at('2026-01-05'),
    published_at: at('2026-01-05'),
    closes_at: new Date('2026-03-02T17:00:00+07:00'),
    budget_total: 3_000 * M,
  })
  callId = call.id
  callCode = call.code
  otherCallId = (await createCall(handle.db, { title_vi: 'Đợt khác đang xét', opens_at: at('2026-01-05'), published_at: at('2026-01-05'), closes_at: new Date('2026-03-02T17:00:00+07:00') })).id

  const dakLak = await org('Công ty TNHH Cà phê Đắk Lắk', 'enterprise', '0100233488')
  const coop = await org('Hợp tác xã Buôn Ma Thuột', 'cooperative', '0314409058')
  const person = await org('Nguyễn Văn Bị Từ Chối', 'individual', '066090000123', 'citizen_id')
  const quitter = await org('Công ty Rút Hồ Sơ', 'enterprise', '0100109106')

  await app({
    key: 'approved', org: dakLak, status: 'approved', reference: 'QKHCN-2026-0001', title: 'Máy sấy cà phê thông minh', requested: 500 * M, counterpart: 600 * M, approved: 450 * M,
    general: { priority_field: 'ai', duration_months: '18', summary: 'Sấy cà phê bằng trí tuệ nhân tạo.' },
    events: [['eligible', '2026-03-05'], ['in_review', '2026-03-10'], ['reviewed', '2026-04-02'], ['recommended', '2026-04-02'], ['appraised', '2026-04-06'], ['approved', '2026-04-10']],
  })
  await app({
    key: 'contracted', org: coop, status: 'contracted', reference: 'QKHCN-2026-0002', title: 'Nhà màng trồng sầu riêng', requested: 300 * M, counterpart: 300 * M, approved: 300 * M,
    general: { priority_field: 'hitech_agriculture', duration_months: '24', summary: 'Nhà màng.' },
    events: [['eligible', '2026-03-16'], ['recommended', '2026-03-20'], ['approved', '2026-04-14'], ['contracted', '2026-04-20']],
  })
  await app({
    key: 'rejected', org: person, status: 'rejected', reference: 'QKHCN-2026-0003', title: 'Đề tài bị từ chối', requested: 200 * M, counterpart: 100 * M,
    general: { priority_field: 'ai', duration_months: '12', summary: 'x' },
    events: [['eligible', '2026-03-04'], ['not_recommended', '2026-04-24'], ['rejected', '2026-05-04']],
  })
  await app({ key: 'withdrawn', org: quitter, status: 'withdrawn', reference: 'QKHCN-2026-0004', title: 'Hồ sơ đã rút', requested: 100 * M, counterpart: 100 * M, events: [['withdrawn', '2026-03-03']] })
  await app({ key: 'ineligible', org: dakLak, status: 'ineligible', reference: 'QKHCN-2026-0005', title: 'Hồ sơ không hợp lệ', requested: 150 * M, counterpart: 100 * M, events: [['ineligible', '2026-03-06']] })
  await app({ key: 'draft', org: coop, status: 'draft', title: 'Bản nháp', requested: 80 * M, counterpart: 80 * M })
  await app({ key: 'pending', call: otherCallId, org: coop, status: 'eligible', reference: 'QKHCN-2026-0006', title: 'Đang xét', requested: 100 * M, counterpart: 100 * M })

  // The decision of the approved task, numbered in the register.
  const reg = await handle.db
    .insertInto('document_register')
    .values({ year: 2026, doc_type: 'decision', number: 12, symbol: '12/QĐ-QKHCN', subject_type: 'application', subject_id: apps.approved, issued_by: staff.id, issued_at: at('2026-04-10'), cancelled_by: null, cancelled_at: null, cancel_reason: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  await handle.db
    .insertInto('documents')
    .values({ register_id: reg.id, kind: 'decision', application_id: apps.approved, call_id: callId, filename: '12-QĐ-QKHCN.pdf', size_bytes: 5, sha256: '0'.repeat(64), storage_key: `00/${'0'.repeat(64)}`, created_by: staff.id })
    .execute()
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

describe('publishing a call’s results', () => {
  it('refuses a call whose applications are not all decided', async () => {
    expect(await publishResults(handle.db, { callId: otherCallId, actor: staff })).toEqual({ ok: false, reason: 'undecided' })
    expect(await listPublishedCalls(handle.db, { archive: false })).toEqual([])
  })

  it('publishes each approved task with what the public may see, and never a rejected or withdrawn applicant', async () => {
    const now = new Date('2026-05-10T09:00:00+07:00')
    expect(await publishResults(handle.db, { callId, actor: staff, now })).toEqual({ ok: true, published: 2 })
    const { rows, total } = await listPublishedTasks(handle.db, { callCode, page: 1, pageSize: 50 })
    expect(total).toBe(2)
    expect(rows.map((r) => [r.reference, r.organisationName, r.organisationTaxCode, r.priorityField, r.amount, r.counterpart, r.durationMonths, r.decisionNumber, r.decisionDate])).toEqual([
      ['QKHCN-2026-0001', 'Công ty TNHH Cà phê Đắk Lắk', '0100233488', 'ai', 450 * M, 600 * M, 18, '12/QĐ-QKHCN', '2026-04-10'],
      ['QKHCN-2026-0002', 'Hợp tác xã Buôn Ma Thuột', '0314409058', 'hitech_agriculture', 300 * M, 300 * M, 24, null, null],
    ])
    // The public page's data, as the browser gets it.
    const response = await invoke(resultsRoute, ctx, { method: 'GET', path: `/results/${callCode}`, params: { code: callCode } })
    const text = await response.text()
    expect(text).toContain('Máy sấy cà phê thông minh')
    for (const hidden of ['Nguyễn Văn Bị Từ Chối', 'Công ty Rút Hồ Sơ', 'Đề tài bị từ chối', 'Hồ sơ đã rút', '066090000123']) expect(text).not.toContain(hidden)
    const csv = await (await invoke(csvRoute, ctx, { method: 'GET', path: '/open-data/grants.csv' })).text()
    for (const hidden of ['Nguyễn Văn Bị Từ Chối', 'Công ty Rút Hồ Sơ']) expect(csv).not.toContain(hidden)
  })

  it('finds a task without diacritics', async () => {
    expect((await listPublishedTasks(handle.db, { q: 'dak lak', page: 1, pageSize: 10 })).rows.map((r) => r.reference)).toEqual(['QKHCN-2026-0001'])
    expect((await listPublishedTasks(handle.db, { q: 'BUON MA thuot', page: 1, pageSize: 10 })).rows.map((r) => r.reference)).toEqual(['QKHCN-2026-0002'])
    expect((await listPublishedTasks(handle.db, { q: 'tu choi', page: 1, pageSize: 10 })).total).toBe(0)
  })

  it('keeps the results online for the setting’s 60 days, then in the archive', async () => {
    const published = new Date('2026-05-10T09:00:00+07:00')
    const day = 86_400_000
    expect((await listPublishedCalls(handle.db, { archive: false, now: new Date(published.getTime() + 59 * day) })).map((c) => c.code)).toEqual([callCode])
    expect(await listPublishedCalls(handle.db, { archive: true, now: new Date(published.getTime() + 59 * day) })).toEqual([])
    expect(await listPublishedCalls(handle.db, { archive: false, now: new Date(published.getTime() + 61 * day) })).toEqual([])
    expect((await listPublishedCalls(handle.db, { archive: true, now: new Date(published.getTime() + 61 * day) })).map((c) => [c.code, c.tasks, c.awarded])).toEqual([[callCode, 2, 750 * M]])
  })
})

describe('open data', () => {
  it('validates against the committed JSON Schema and round-trips through the CSV', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true })
    addFormats(ajv)
    const validate = ajv.compile(schema)
    const grants = await allGrants(handle.db)
    expect(grants).toHaveLength(2)
    const ok = validate({ license: 'https://creativecommons.org/licenses/by/4.0/', grants })
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
    expect(grants[0]).toMatchObject({
      id: '360G-QKHCN-DAKLAK-QKHCN-2026-0001',
      currency: 'VND',
      amountAwarded: 450 * M,
      awardDate: '2026-04-10',
      recipientOrganization: [{ id: 'VN-MST-0100233488', name: 'Công ty TNHH Cà phê Đắk Lắk' }],
      grantProgramme: [{ code: callCode }],
      plannedDates: [{ duration: 18 }],
    })
    // A broken record is refused by the schema (the test can fail).
    expect(validate({ license: 'https://creativecommons.org/licenses/by/4.0/', grants: [{ ...grants[0], amountAwarded: '450' }] })).toBe(false)
    expect(csvToGrants(grantsToCsv(grants))).toEqual(grants)
    const csv = await (await invoke(csvRoute, ctx, { method: 'GET', path: '/open-data/grants.csv' })).text()
    expect(csvToGrants(csv)).toEqual(grants)
  })

  it('pages the API and refuses a bad page size with a 400', async () => {
    const first = await (await invoke(apiRoute, ctx, { method: 'GET', path: '/api/grants?page=1&pageSize=1' })).json()
    expect(first).toMatchObject({ page: 1, pageSize: 1, total: 2, next: '/api/grants?page=2&pageSize=1' })
    expect(first.grants.map((g: { id: string }) => g.id)).toEqual(['360G-QKHCN-DAKLAK-QKHCN-2026-0001'])
    const second = await (await invoke(apiRoute, ctx, { method: 'GET', path: '/api/grants?page=2&pageSize=1' })).json()
    expect(second.next).toBeNull()
    expect(second.grants.map((g: { id: string }) => g.id)).toEqual(['360G-QKHCN-DAKLAK-QKHCN-2026-0002'])
    expect((await invoke(apiRoute, ctx, { method: 'GET', path: '/api/grants?pageSize=9999' })).status).toBe(400)
  })
})

describe('public statistics', () => {
  it('counts the published call only, by call, year, field and kind of applicant', async () => {
    const stats = await publicStatistics(handle.db)
    // Received: the five submitted (the draft never was); eligible: approved, contracted, rejected; approved: 2.
    expect(stats.byCall.map((r) => [r.code, r.year, r.received, r.eligible, r.approved, r.requested, r.awarded])).toEqual([[callCode, 2026, 5, 3, 2, 1_250 * M, 750 * M]])
    expect(stats.byField.map((r) => [r.key, r.received, r.approved, r.requested, r.awarded])).toEqual([
      ['ai', 2, 1, 700 * M, 450 * M],
      ['automation', 2, 0, 250 * M, 0],
      ['hitech_agriculture', 1, 1, 300 * M, 300 * M],
    ])
    expect(stats.byType.map((r) => [r.key, r.received, r.approved])).toEqual([
      ['cooperative', 1, 1],
      ['enterprise', 3, 1],
      ['individual', 1, 0],
    ])
    expect((await publicStatistics(handle.db, { q: 'dot thu nghiem nong nghiep' })).byCall).toHaveLength(1)
    expect((await publicStatistics(handle.db, { q: 'dang xet' })).byCall).toHaveLength(0)
    const page = await (await invoke(statisticsRoute, ctx, { method: 'GET', path: '/statistics' })).text()
    expect(page).not.toContain('Đợt khác đang xét')
  })
})

describe('the call’s dashboard', () => {
  it('matches the funnel, money and clocks worked out by hand', async () => {
    const d = (await callDashboard(handle.db, callId, new Date('2026-06-01T09:00:00+07:00')))!
    expect(d.funnel).toEqual({ started: 6, submitted: 5, eligible: 3, reviewed: 3, recommended: 2, approved: 2, contracted: 1 })
    expect([d.call.budget, d.requested, d.awarded]).toEqual([3_000 * M, 1_250 * M, 750 * M])
    expect(d.byType.map((r) => [r.key, r.received, r.approved, r.requested, r.awarded])).toEqual([
      ['cooperative', 1, 1, 300 * M, 300 * M],
      ['enterprise', 3, 1, 750 * M, 450 * M],
      ['individual', 1, 0, 200 * M, 0],
    ])
    // Screening from the close (Mon 2/3): 3, 10, 2 and 4 working days; limit 7, due 11/3.
    // Council from eligibility: 20 (5/3→2/4), 4 (16/3→20/3), 37 (4/3→24/4); limit 30, due 15/4.
    // Decision from the appraisal or the recommendation: 4 (6/4→10/4), 17 (20/3→14/4); limit 15, due 10/4.
    expect(d.clocks).toEqual([
      { kind: 'screening', limit: 7, finished: 4, running: 0, meanDays: 4.8, maxDays: 10, late: 1 },
      { kind: 'council', limit: 30, finished: 3, running: 0, meanDays: 20.3, maxDays: 37, late: 1 },
      { kind: 'decision', limit: 15, finished: 2, running: 0, meanDays: 10.5, maxDays: 17, late: 1 },
    ])
    expect(d.late.map((l) => [l.reference, l.kind, l.elapsed, l.dueDate, l.open])).toEqual([
      ['QKHCN-2026-0002', 'screening', 10, '2026-03-11', false],
      ['QKHCN-2026-0003', 'council', 37, '2026-04-15', false],
      ['QKHCN-2026-0002', 'decision', 17, '2026-04-10', false],
    ])
  })
})

describe('the resolution’s targets', () => {
  it('computes co-investment from the records and takes staff values with their source elsewhere', async () => {
    const refused = await recordTargetValue(handle.db, { values: { id: '2', value: 'mười hai', as_of: '31/12/2026', source: '' }, actor: staff })
    expect(refused).toEqual({ ok: false, errors: { value: 'targets.v.number', source: 'targets.v.source' } })
    const ocop = (await listTargetProgress(handle.db)).find((t) => t.code === 'ocop_ip_products')!
    expect(await recordTargetValue(handle.db, { values: { id: String(ocop.id), value: '12', as_of: '30/06/2026', source: 'Báo cáo của Sở KH&CN số 45/BC-SKHCN' }, actor: staff })).toEqual({ ok: true })
    const targets = await listTargetProgress(handle.db)
    // Counterpart 600 + 300 million against 450 + 300 million of state money: 120 %.
    expect(targets.find((t) => t.code === 'co_investment')).toMatchObject({ current: 120, origin: 'records', target: 100, progressPct: 100 })
    expect(targets.find((t) => t.code === 'ocop_ip_products')).toMatchObject({ current: 12, origin: 'entered', source: 'Báo cáo của Sở KH&CN số 45/BC-SKHCN', asOf: '2026-06-30', progressPct: 40 })
    expect(targets.find((t) => t.code === 'new_st_enterprises')).toMatchObject({ current: null, origin: 'none' })
  })
})

describe('exports', () => {
  it('an XLSX opens with exceljs and holds the rows the inbox shows, money as numbers', async () => {
    const filter = { callId }
    const params = { dataset: 'applications' as const, format: 'xlsx' as const, lang: 'en' as const, filter }
    const { bytes } = await buildExport(handle.db, params, staff)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual(['Reference', 'Call', 'Title', 'Organisation', 'Status', 'Submitted at', 'Requested (đồng)'])
    const inbox = await listInbox(handle.db, { ...filter, page: 1, pageSize: 50 })
    const refs: unknown[] = []
    sheet.eachRow((row, n) => {
      if (n > 1) refs.push(row.getCell(1).value)
    })
    expect(refs).toEqual(inbox.rows.map((r) => r.reference))
    const money = sheet.getRow(2).getCell(7)
    expect(typeof money.value).toBe('number')
    expect(money.numFmt).toBe('#,##0')
  })

  it('a large export runs as a job of its own kind, with progress and a file for its author', async () => {
    const jobId = await startExport(handle.db, { params: { dataset: 'decisions', format: 'csv', lang: 'vi', filter: { callId } }, actor: staff })
    // The decisions' worker never takes an export.
    expect(await claimJob(handle.db, 60)).toBeNull()
    const job = (await claimJob(handle.db, 60, 'export'))!
    expect(job.id).toBe(jobId)
    const done = await runExportJob(handle.db, uploadStorage(ctx.env), job)
    expect(done).toMatchObject({ state: 'done', done: 5, total: 5 })
    const file = (await exportFile(handle.db, uploadStorage(ctx.env), { jobId, userId: staff.id }))!
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes)
    expect(text.split('\r\n')[0]).toBe('\uFEFFMã hồ sơ,Tên nhiệm vụ,Tổ chức chủ trì,Trạng thái,Kinh phí được duyệt (đồng),Vốn đối ứng (đồng),Số văn bản,Ngày ban hành')
    expect(text).toContain('QKHCN-2026-0001,Máy sấy cà phê thông minh,Công ty TNHH Cà phê Đắk Lắk')
    expect(text).toContain('450000000,600000000,12/QĐ-QKHCN,10/04/2026')
    expect(await exportFile(handle.db, uploadStorage(ctx.env), { jobId, userId: (await createUser(handle.db, { roles: ['staff'] })).id })).toBeNull()
  })

  it('an export worker that stalled past its lease finds the export taken over and leaves it', async () => {
    const jobId = await startExport(handle.db, { params: { dataset: 'decisions', format: 'csv', lang: 'vi', filter: { callId } }, actor: staff })
    const stalled = (await claimJob(handle.db, 1, 'export'))!
    await new Promise((r) => setTimeout(r, 1200))
    const again = (await claimJob(handle.db, 60, 'export'))!
    expect(again).toMatchObject({ id: jobId, takenOver: true })
    const done = await runExportJob(handle.db, uploadStorage(ctx.env), again)
    expect(done).toMatchObject({ state: 'done', done: 5, total: 5, leaseLost: false })
    const kept = await handle.db.selectFrom('jobs').select(['zip_key', 'finished_at']).where('id', '=', jobId).executeTakeFirstOrThrow()
    // The first worker comes back: it makes no second file and does not end the job again.
    expect(await runExportJob(handle.db, uploadStorage(ctx.env), stalled)).toMatchObject({ state: 'done', done: 5, leaseLost: true })
    expect(await handle.db.selectFrom('jobs').select(['zip_key', 'finished_at']).where('id', '=', jobId).executeTakeFirstOrThrow()).toEqual(kept)
  })
})

// Post-award evidence and lists, on a database of their own (two funded tasks would change the hand-worked
// numbers above): the targets counted from the products of accepted progress reports, and the exports of the
// payments' and the reports' lists.
describe('after the award', () => {
  let db: DatabaseHandle
  let postCtx: ReturnType<typeof testContext>
  let postDir: string
  let first: ContractedTask
  let second: ContractedTask

  /** The reports of a task, by their number. */
  const reportsOf = async (task: ContractedTask) => new Map((await listReports(db.db, task.contractId)).map((r) => [r.seq, r]))

  /** The grantee adds products (through the page, as the browser posts them), submits, and the office answers. */
  async function report(task: ContractedTask, seq: number, products: Record<string, string>[], outcome: 'accepted' | 'changes_requested' | null) {
    const cookie = await sessionFor(postCtx, task.owner.id)
    const reportId = (await reportsOf(task)).get(seq)!.id
    for (const p of products) {
      const form = new FormData()
      for (const [k, v] of Object.entries({ reportId, ...p })) form.set(k, v)
      const res = await invoke(taskReportsRoute, postCtx, { method: 'POST', path: `/tasks/${task.applicationId}/reports`, cookie, params: { id: task.applicationId }, body: form })
      expect(res.status, p.title).toBe(302)
    }
    const task_ = (await getTask(db.db, task.applicationId))!
    expect(await submitReport(db.db, { task: task_, reportId, expectedVersion: 0, workDone: 'Đã thực hiện theo thuyết minh.', problems: '', nextSteps: '', actor: task.owner, appUrl: 'http://portal.test' })).toMatchObject({ ok: true })
    if (outcome) expect(await reviewReport(db.db, { task: task_, reportId, expectedVersion: 1, outcome, note: outcome === 'accepted' ? '' : 'Bổ sung số liệu.', actor: task.staff, appUrl: 'http://portal.test' })).toMatchObject({ ok: true })
  }

  const protection = (title: string, ipType: string, docNumber: string, docDate: string) => ({ title, kind: 'ip_protection', ipType, docNumber, docDate })

  beforeAll(async () => {
    db = await createTestDb()
    postDir = await mkdtemp(join(tmpdir(), 'transparency-post-'))
    postCtx = testContext(db, testEnv({ DATA_DIR: postDir }))
    await insertFundSettings(db.db)
    // Reports every six months: the first task's are due 01/07/2025, 01/01/2026, 01/07/2026; the second's
    // 01/07/2027, 01/01/2028, 01/07/2028.
    first = await createContractedTask(db.db, postCtx.env, { startsOn: '2025-01-01', endsOn: '2026-12-31' })
    second = await createContractedTask(db.db, postCtx.env, { startsOn: '2027-01-01', endsOn: '2028-12-31' })

    // The target year is 2030: the period counted is 2026–2030, the one before 2021–2025.
    await report(first, 1, [
      protection('Giải pháp sấy cà phê', 'utility_solution', '2-0001111', '01/01/2021'), // before: the period's first day
      protection('Nhãn hiệu Cà phê Ea Tu', 'trademark', 'VN-4-0123456', '31/12/2025'), // before: its last day
      protection('Sáng chế cũ', 'patent', '1-0000001', '31/12/2020'), // outside both periods
      { title: 'Quy trình sấy', kind: 'other', ipType: 'patent', docNumber: '1-2025', docDate: '01/01/2025' }, // as a form without JavaScript sends it
    ], 'accepted')
    await report(first, 2, [
      protection('Máy sấy', 'patent', '1-0034567', '01/01/2026'), // now: the period's first day
      { title: 'Cà phê Ea Tu OCOP 4 sao', kind: 'ocop_ip', ipType: 'trademark', docNumber: '4-0555555', docDate: '01/04/2026' }, // now, and an OCOP product
      { title: 'Công ty TNHH Cà phê Ea Tu', kind: 'st_enterprise', docNumber: '12/2026/DNKHCN', docDate: '20/05/2026' },
      { title: 'Đơn sáng chế máy rang', kind: 'ip_filing', ipType: 'patent', docNumber: '1-2026-01234', docDate: '01/02/2026' }, // a filing is no title
    ], 'accepted')
    // The same OCOP title reported again (spaces and case aside) counts once; a new title counts.
    await report(second, 1, [
      { title: 'Cà phê Ea Tu (nhắc lại)', kind: 'ocop_ip', ipType: 'trademark', docNumber: '4-0555 555', docDate: '01/04/2026' },
      protection('Kiểu dáng bao bì', 'industrial_design', '3-0088888', '08/08/2026'),
    ], 'accepted')
    // Not accepted: neither the report waiting for the office nor the one sent back counts.
    await report(second, 2, [protection('Sáng chế chờ', 'patent', '1-0099999', '01/06/2026'), { title: 'Doanh nghiệp chờ', kind: 'st_enterprise', docNumber: '99/2026/DNKHCN', docDate: '01/06/2026' }], null)
    await report(first, 3, [{ title: 'Doanh nghiệp bị trả lại', kind: 'st_enterprise', docNumber: '98/2026/DNKHCN', docDate: '01/06/2026' }], 'changes_requested')

    // Payments: the first task's advance paid, its second tranche asked; the second task's advance checked.
    const tranches = async (task: ContractedTask) => (await db.db.selectFrom('contract_tranches').select(['id', 'seq', 'amount']).where('contract_id', '=', task.contractId).orderBy('seq').execute())
    const [a1, a2] = await tranches(first)
    const [b1] = await tranches(second)
    const pay = (task: ContractedTask, tranche: { id: string; amount: number }, at: string, extra: Record<string, unknown>) =>
      db.db.insertInto('payment_requests').values({ contract_id: task.contractId, tranche_id: tranche.id, amount: tranche.amount, evidence: 'Hồ sơ đề nghị', requested_by: task.owner.id, requested_at: vn(at), ...extra }).execute()
    await pay(first, a1, '2025-01-05', { status: 'paid', approved_at: vn('2025-01-08'), paid_on: '2025-01-10', paid_amount: a1.amount, transfer_ref: 'UNC-2025-0001' })
    await pay(first, a2, '2026-02-01', { status: 'requested' })
    await pay(second, b1, '2027-01-06', { status: 'checked', checked_at: vn('2027-01-07') })
  })
  afterAll(async () => {
    await db.close()
    await rm(postDir, { recursive: true, force: true })
  })

  const vn = (day: string) => new Date(`${day}T12:00:00+07:00`)

  it('keeps what the grantee typed and says what is missing when a title has no number', async () => {
    const reportId = (await reportsOf(second)).get(3)!.id
    const form = new FormData()
    for (const [k, v] of Object.entries({ reportId, title: 'Văn bằng thiếu số', kind: 'ip_protection', ipType: '', docNumber: '', docDate: '31/02/2026' })) form.set(k, v)
    const res = await invoke(taskReportsRoute, postCtx, { method: 'POST', path: `/tasks/${second.applicationId}/reports`, cookie: await sessionFor(postCtx, second.owner.id), params: { id: second.applicationId }, body: form })
    expect(res.status).toBe(400)
    const data = await res.json()
    expect(Object.fromEntries(Object.entries(data.errors as Record<string, { message: string }>).map(([k, v]) => [k, v.message]))).toEqual({
      ipType: 'reports.v.ipType',
      docNumber: 'reports.v.docNumber.ip_protection',
      docDate: 'reports.v.date',
    })
    expect(data.defaultValues).toMatchObject({ title: 'Văn bằng thiếu số', kind: 'ip_protection', docDate: '31/02/2026' })
    // A product of another kind keeps none of the document's fields a form without JavaScript sent along.
    const other = await db.db.selectFrom('progress_report_products').select(['kind', 'ip_type', 'doc_number', 'doc_date']).where('title', '=', 'Quy trình sấy').executeTakeFirstOrThrow()
    expect(other).toEqual({ kind: 'other', ip_type: null, doc_number: null, doc_date: null })
  })

  it('counts the resolution’s targets from accepted reports, as worked out by hand', async () => {
    // A staff value is replaced by the records once they hold the target's evidence.
    const enterprises = (await listTargetProgress(db.db)).find((t) => t.code === 'new_st_enterprises')!
    await recordTargetValue(db.db, { values: { id: String(enterprises.id), value: '3', as_of: '30/06/2026', source: 'Sở KH&CN' }, actor: first.staff })
    const targets = await listTargetProgress(db.db)
    // Titles 2026–2030: 1-0034567, 4-0555555 (twice, once counted), 3-0088888 = 3; 2021–2025: 2-0001111,
    // VN-4-0123456 = 2 (1-0000001 of 2020 is in neither; the filing and the unaccepted reports do not count).
    // 3 / 2 = 1.5 times, the target: progress (1.5 − 1) / (1.5 − 1) = 100 %.
    expect(targets.find((t) => t.code === 'ip_protection_growth')).toMatchObject({ current: 1.5, origin: 'records', progressPct: 100 })
    // OCOP: 4-0555555 once; 1 of 30 = 3.3 %.
    expect(targets.find((t) => t.code === 'ocop_ip_products')).toMatchObject({ current: 1, origin: 'records', progressPct: 3.3 })
    // Enterprises: 12/2026/DNKHCN only (99/… waits for the office, 98/… was sent back); 1 of 5 = 20 %.
    expect(targets.find((t) => t.code === 'new_st_enterprises')).toMatchObject({ current: 1, origin: 'records', source: null, progressPct: 20 })
    // The dashboard says how each is computed.
    const page = await invoke(targetsRoute, postCtx, { path: '/staff/targets?lang=en', cookie: await sessionFor(postCtx, first.staff.id) })
    expect(page.status).toBe(200)
    const data = await page.json()
    expect(data.targets.map((t: { code: string; current: number | null }) => [t.code, t.current])).toEqual([
      ['ip_protection_growth', 1.5],
      ['ocop_ip_products', 1],
      ['new_st_enterprises', 1],
      ['co_investment', expect.any(Number)],
      ['st_budget_share', null],
    ])
  })

  it('exports the payments of the list chosen, the rows the page shows', async () => {
    const cookie = await sessionFor(postCtx, first.staff.id)
    for (const view of ['waiting', 'paid'] as const) {
      const shown = await (await invoke(paymentsRoute, postCtx, { path: `/staff/payments?view=${view}`, cookie })).json()
      const { bytes, rows } = await buildExport(db.db, { dataset: 'payments', format: 'xlsx', lang: 'vi', filter: exportFilter(new URLSearchParams({ view }), 'payments') }, first.staff)
      const sheet = await firstSheet(bytes)
      expect(rows).toBe(shown.rows.length)
      expect(cells(sheet).slice(1).map((r) => [r[0], r[3]])).toEqual(shown.rows.map((r: { reference: string; trancheSeq: number }) => [r.reference, r.trancheSeq]))
    }
    const { bytes } = await buildExport(db.db, { dataset: 'payments', format: 'xlsx', lang: 'vi', filter: { view: 'paid' } })
    const sheet = await firstSheet(bytes)
    expect(cells(sheet)[0]).toEqual(['Mã hồ sơ', 'Tên nhiệm vụ', 'Tổ chức chủ trì', 'Đợt cấp', 'Số tiền đề nghị (đồng)', 'Số tiền được duyệt (đồng)', 'Số tiền đã chuyển (đồng)', 'Trạng thái', 'Thời điểm đề nghị', 'Thời điểm duyệt', 'Ngày chuyển tiền', 'Số chứng từ chuyển tiền'])
    // The advance: 40 % of 450.000.000 ₫, asked, approved and paid in full.
    expect(cells(sheet)[1].slice(3, 8)).toEqual([1, 180_000_000, 180_000_000, 180_000_000, 'Đã chuyển tiền'])
    expect(cells(sheet)[1].slice(10)).toEqual(['10/01/2025', 'UNC-2025-0001'])
    expect(sheet.getRow(2).getCell(5).numFmt).toBe('#,##0')
    // Waiting: the second tranche asked (nothing approved or paid yet) and the second task's advance checked.
    const waiting = cells(await firstSheet((await buildExport(db.db, { dataset: 'payments', format: 'xlsx', lang: 'en', filter: { view: 'waiting' } })).bytes))
    expect(waiting.slice(1).map((r) => [r[3], r[4], r[5], r[6], r[7]])).toEqual([
      [2, 180_000_000, null, null, 'Requested'],
      [1, 180_000_000, null, null, 'Checked by the office'],
    ])
    // The same rows through the background job (one loop for every dataset), with its progress.
    const jobId = await startExport(db.db, { params: { dataset: 'payments', format: 'csv', lang: 'vi', filter: { view: 'all' } }, actor: first.staff })
    const job = (await claimJob(db.db, 60, 'export'))!
    expect(job.id).toBe(jobId)
    expect(await runExportJob(db.db, uploadStorage(postCtx.env), job)).toMatchObject({ state: 'done', done: 3, total: 3, dataset: 'payments' })
  })

  it('exports the reports of the list chosen, the rows the page shows, as CSV', async () => {
    const cookie = await sessionFor(postCtx, first.staff.id)
    const shown = await (await invoke(staffReportsRoute, postCtx, { path: '/staff/reports?view=submitted', cookie })).json()
    const filter = exportFilter(new URLSearchParams({ view: 'submitted' }), 'reports')
    const { bytes } = await buildExport(db.db, { dataset: 'reports', format: 'xlsx', lang: 'en', filter })
    const sheet = cells(await firstSheet(bytes))
    expect(sheet[0]).toEqual(['Reference', 'Title', 'Organisation', 'Report no.', 'Period', 'Due on', 'First submitted at', 'Late', 'Outcome'])
    expect(sheet.slice(1).map((r) => [r[0], r[3]])).toEqual(shown.rows.map((r: { reference: string; seq: number }) => [r.reference, r.seq]))
    // Only the second task's second report waits for the office: due 01/01/2028, submitted (early) today.
    expect(sheet.slice(1).map((r) => [r[3], r[4], r[5], r[7], r[8]])).toEqual([[2, '01/07/2027 – 31/12/2027', '01/01/2028', null, 'Submitted, under review']])
    // Every report: the first task's three (two accepted, one sent back: submitted long after its due date) and the second's.
    const all = await buildExport(db.db, { dataset: 'reports', format: 'csv', lang: 'vi', filter: { view: 'all' } })
    const lines = new TextDecoder().decode(all.bytes).trim().split('\r\n')
    expect(lines).toHaveLength(1 + all.rows)
    expect(all.rows).toBe((await (await invoke(staffReportsRoute, postCtx, { path: '/staff/reports?view=all', cookie })).json()).rows.length)
    expect(lines.filter((l) => l.includes(',Đã chấp nhận'))).toHaveLength(3)
    expect(lines.filter((l) => l.includes(',Cần chỉnh sửa'))).toHaveLength(1)
    expect(lines.find((l) => l.includes(',3,01/01/2026 – 30/06/2026,01/07/2026,'))).toMatch(/Chậm nghiêm trọng \(\d+ ngày\),Cần chỉnh sửa$/)
  })
})

async function firstSheet(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  return workbook.worksheets[0]
}

/** A sheet's rows as plain values (an empty cell is null). */
function cells(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = []
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: unknown[] = []
    for (let i = 1; i <= sheet.columnCount; i++) values.push(row.getCell(i).value ?? null)
    out.push(values)
  })
  return out
}
