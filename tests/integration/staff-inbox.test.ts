import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import type { ApplicationStatus } from '../../db/schema'
import * as inboxPage from '../../app/routes/staff.applications._index'
import { listInbox, loadHolidays, type InboxRow } from '../../app/modules/screening'
import { createTestDb } from '../setup/db'
import { createUser, invoke, sessionFor, testContext } from '../setup/app'
import { createOrganisation } from '../setup/applications'
import { createCall } from '../setup/calls'

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let ownerId: string
let staffCookie: string

beforeAll(async () => {
  handle = await createTestDb()
  ctx = testContext(handle)
  ownerId = (await createUser(handle.db, { roles: ['applicant'] })).id
  staffCookie = await sessionFor(ctx, (await createUser(handle.db, { roles: ['staff'] })).id)
})
afterAll(() => handle.close())

/** An instant given as Việt Nam wall-clock time (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`)

let seq = 0
/**
 * An application in the given status, inserted as it would stand after the workflow moved it there. The
 * inbox only reads applications, so the fixtures set status, reference and submitted_at directly instead of
 * completing every section and driving each one through applyTransition (tests/integration/submission.test.ts
 * covers that road).
 */
async function application(
  callId: string,
  o: { status: ApplicationStatus; title?: string; orgName?: string; reference?: string; submittedAt?: Date; statusChangedAt?: Date; amount?: number },
) {
  const organisationId = await createOrganisation(handle.db, [{ userId: ownerId, role: 'owner' }])
  const n = ++seq
  // The helper names every organisation after coffee; a neutral name keeps the searches below exact.
  await handle.db.updateTable('organisations').set({ name: o.orgName ?? `Viện Nghiên cứu Thử nghiệm ${n}` }).where('id', '=', organisationId).execute()
  const draft = o.status === 'draft'
  const row = await handle.db
    .insertInto('applications')
    .values({
      call_id: callId,
      organisation_id: organisationId,
      created_by: ownerId,
      eligibility_answers: {},
      status: o.status,
      title: o.title ?? `Nhiệm vụ thử nghiệm số ${n}`,
      reference: draft ? null : (o.reference ?? `TEST-2026-${String(n).padStart(4, '0')}`),
      submitted_at: draft ? null : (o.submittedAt ?? vn(`2026-03-${String(n % 28 || 1).padStart(2, '0')}T09:00:00`)),
      status_changed_at: o.statusChangedAt ?? null,
      requested_amount: o.amount ?? 500_000_000,
    })
    .returning(['id', 'reference'])
    .executeTakeFirstOrThrow()
  return row
}

async function page(query = '', cookie = staffCookie) {
  return invoke(inboxPage, ctx, { path: `/staff/applications${query}`, cookie })
}
async function pageJson(query = '') {
  const res = await page(query)
  expect(res.status).toBe(200)
  return (await res.json()) as { rows: (Omit<InboxRow, 'submittedAt'> & { submittedAt: string | null })[]; total: number; counts: Record<string, number>; calls: { id: string; code: string }[] }
}
const refs = (rows: { reference: string | null }[]) => rows.map((r) => r.reference)

describe('the staff inbox', () => {
  let callA: { id: string; code: string }
  let callB: { id: string; code: string }
  let callDraftOnly: { id: string; code: string }

  beforeAll(async () => {
    callA = await createCall(handle.db, { code: 'INBOX-A' })
    callB = await createCall(handle.db, { code: 'INBOX-B' })
    callDraftOnly = await createCall(handle.db, { code: 'INBOX-DRAFTS' })
    // Call A, in the order received: 0003 first, then 0001, 0002, 0004.
    await application(callA.id, { status: 'submitted', reference: 'QK-2026-0001', title: 'Sấy cà phê bằng năng lượng mặt trời', submittedAt: vn('2026-03-03T10:00:00') })
    await application(callA.id, { status: 'submitted', reference: 'QK-2026-0002', title: 'Ứng dụng IoT trong tưới tiêu', submittedAt: vn('2026-03-04T10:00:00'), orgName: 'Công ty Cà phê Đắk Lắk' })
    await application(callA.id, { status: 'screening', reference: 'QK-2026-0003', title: 'Bảo tồn nguồn gen cây bơ', submittedAt: vn('2026-03-02T08:00:00') })
    await application(callA.id, { status: 'changes_requested', reference: 'QK-2026-0004', title: 'Chế biến sầu riêng đông lạnh', submittedAt: vn('2026-03-05T08:00:00') })
    await application(callA.id, { status: 'draft', title: 'Bản nháp bí mật của người nộp', orgName: 'Hợp tác xã Bí Mật' })
    // Call B.
    await application(callB.id, { status: 'resubmitted', reference: 'QK-2026-0005', title: 'Nuôi cá tầm ở Lắk', submittedAt: vn('2026-03-01T08:00:00'), statusChangedAt: vn('2026-03-20T08:00:00') })
    await application(callB.id, { status: 'eligible', reference: 'QK-2026-0006', title: 'Giống cà phê chịu hạn', submittedAt: vn('2026-03-06T08:00:00') })
    // A call with a draft only.
    await application(callDraftOnly.id, { status: 'draft', title: 'Một bản nháp khác' })
  })

  it('lists every application past draft, oldest received first, and never a draft', async () => {
    const { rows, total, calls } = await pageJson()
    expect(refs(rows)).toEqual(['QK-2026-0005', 'QK-2026-0003', 'QK-2026-0001', 'QK-2026-0002', 'QK-2026-0004', 'QK-2026-0006'])
    expect(total).toBe(6)
    expect(rows.some((r) => r.title.includes('nháp'))).toBe(false)
    expect(rows.find((r) => r.reference === 'QK-2026-0002')).toMatchObject({
      title: 'Ứng dụng IoT trong tưới tiêu',
      organisationName: 'Công ty Cà phê Đắk Lắk',
      callCode: 'INBOX-A',
      status: 'submitted',
      requestedAmount: 500_000_000,
      submittedAt: vn('2026-03-04T10:00:00').toISOString(),
    })
    // Only calls with applications past draft are offered as a filter.
    expect(calls.map((c) => c.code).sort()).toEqual(['INBOX-A', 'INBOX-B'])
    // Searching for a draft's own words finds nothing; ?status=draft is not a filter the inbox offers.
    expect((await pageJson('?q=bi+mat')).total).toBe(0)
    expect((await pageJson('?status=draft')).total).toBe(6)
  })

  it('counts the applications per status within the call filter, drafts left out', async () => {
    const all = await pageJson()
    expect(all.counts).toMatchObject({ submitted: 2, screening: 1, changes_requested: 1, resubmitted: 1, eligible: 1, in_review: 0 })
    expect(all.counts.draft).toBeUndefined()
    const a = await pageJson(`?call=${callA.id}&status=screening`)
    // The counts follow the call, not the status chosen: the options show what each status would give.
    expect(a.counts).toMatchObject({ submitted: 2, screening: 1, changes_requested: 1, resubmitted: 0, eligible: 0 })
  })

  it('filters by call and by status', async () => {
    expect(refs((await pageJson(`?call=${callB.id}`)).rows)).toEqual(['QK-2026-0005', 'QK-2026-0006'])
    expect(refs((await pageJson('?status=submitted')).rows)).toEqual(['QK-2026-0001', 'QK-2026-0002'])
    expect(refs((await pageJson(`?call=${callA.id}&status=screening`)).rows)).toEqual(['QK-2026-0003'])
    expect((await pageJson(`?call=${callB.id}&status=screening`)).total).toBe(0)
    // Nonsense in the query string is ignored, never a database error.
    expect((await pageJson('?call=not-a-uuid&status=nope&sort=drop+table&page=-3')).total).toBe(6)
  })

  it('searches reference, title and organisation ignoring diacritics and case', async () => {
    const found = async (q: string) => refs((await pageJson(`?q=${encodeURIComponent(q)}`)).rows)
    expect(await found('dak lak')).toEqual(['QK-2026-0002'])
    // Every word must match, in any order.
    expect(await found('ca phe dak lak')).toEqual(['QK-2026-0002'])
    expect(await found('ĐẮK lắk CÀ PHÊ')).toEqual(['QK-2026-0002'])
    expect(await found('say CA PHE')).toEqual(['QK-2026-0001'])
    expect(await found('cà phê')).toEqual(['QK-2026-0001', 'QK-2026-0002', 'QK-2026-0006'])
    // "Lắk" is in the title of 0005 ("Nuôi cá tầm ở Lắk") and in 0002's organisation.
    expect(await found('lak')).toEqual(['QK-2026-0005', 'QK-2026-0002'])
    expect(await found('qk-2026-0004')).toEqual(['QK-2026-0004'])
    expect(await found('0003')).toEqual(['QK-2026-0003'])
    // LIKE's wildcards are taken literally.
    expect(await found('%')).toEqual([])
    expect(await found('_')).toEqual([])
  })

  it('sorts by reference and by title', async () => {
    expect(refs((await pageJson('?sort=reference')).rows)).toEqual(['QK-2026-0001', 'QK-2026-0002', 'QK-2026-0003', 'QK-2026-0004', 'QK-2026-0005', 'QK-2026-0006'])
    // Folded titles: bao, che, giong, nuoi, say, ung.
    expect(refs((await pageJson('?sort=title')).rows)).toEqual(['QK-2026-0003', 'QK-2026-0004', 'QK-2026-0006', 'QK-2026-0005', 'QK-2026-0001', 'QK-2026-0002'])
  })

  it('pages 50 at a time on the page, any size in the module', async () => {
    const first = await listInbox(handle.db, { page: 1, pageSize: 4 })
    const second = await listInbox(handle.db, { page: 2, pageSize: 4 })
    expect(first.total).toBe(6)
    expect(refs(first.rows)).toEqual(['QK-2026-0005', 'QK-2026-0003', 'QK-2026-0001', 'QK-2026-0002'])
    expect(refs(second.rows)).toEqual(['QK-2026-0004', 'QK-2026-0006'])
  })
})

describe('the clocks', () => {
  let call: { id: string; code: string }
  let friday: string
  let early: string
  let resubmitted: string
  let changes: string

  beforeAll(async () => {
    // The call closes on Friday 24/4/2026 at 17:00: the screening clock starts then, for every dossier.
    call = await createCall(handle.db, { code: 'INBOX-CLOCK', opens_at: vn('2026-03-01T08:00:00'), closes_at: vn('2026-04-24T17:00:00') })
    // Friday 24/4/2026: Mon 27/4 (Giỗ Tổ in lieu), Thu 30/4 and Fri 1/5 are holidays in the table, so the
    // 7 working days are 28, 29/4 and 4, 5, 6, 7, 8/5: due Friday 8/5 (Tuesday 5/5 without the holidays).
    friday = (await application(call.id, { status: 'submitted', reference: 'CLK-0001', submittedAt: vn('2026-04-24T16:30:00') })).id
    // Received two weeks before the close: its 7 days also start at the close, not on its arrival.
    early = (await application(call.id, { status: 'screening', reference: 'CLK-0005', submittedAt: vn('2026-04-10T09:00:00') })).id
    // Resubmitted on Monday 11/5: the clock restarts then, whatever the first receipt; due Wednesday 20/5.
    resubmitted = (await application(call.id, { status: 'resubmitted', reference: 'CLK-0002', submittedAt: vn('2026-04-01T09:00:00'), statusChangedAt: vn('2026-05-11T09:00:00') })).id
    // Waiting for the applicant's changes, due 15/5; an earlier request was answered and no longer counts.
    changes = (await application(call.id, { status: 'changes_requested', reference: 'CLK-0003', submittedAt: vn('2026-04-02T09:00:00') })).id
    await handle.db
      .insertInto('application_messages')
      .values([
        { application_id: changes, kind: 'change_request', body: 'Bổ sung lần 1', due_on: '2026-04-20', resolved_at: vn('2026-04-18T10:00:00') },
        { application_id: changes, kind: 'change_request', body: 'Bổ sung lần 2', due_on: '2026-05-15' },
        { application_id: changes, kind: 'message', body: 'Thông báo', due_on: '2026-04-25' },
      ])
      .execute()
    // Past screening: no clock.
    await application(call.id, { status: 'in_review', reference: 'CLK-0004', submittedAt: vn('2026-03-02T09:00:00') })
  })

  const at = async (now: Date, sort: 'received' | 'clock' = 'received') => {
    const { rows } = await listInbox(handle.db, { callId: call.id, sort, page: 1, pageSize: 50 }, now)
    return Object.fromEntries(rows.map((r) => [r.id, r]))
  }

  it('reads the holidays from the table', async () => {
    const holidays = await loadHolidays(handle.db)
    expect(holidays.has('2026-04-27')).toBe(true)
    expect(holidays.has('2026-05-01')).toBe(true)
    expect(holidays.has('2026-04-28')).toBe(false)
  })

  it('counts the screening days from a Friday receipt over the holidays', async () => {
    expect((await at(vn('2026-04-24T17:00:00')))[friday].clock).toEqual({ kind: 'screening', elapsed: 0, limit: 7, remaining: 7, dueDate: '2026-05-08', level: 'ok' })
    expect((await at(vn('2026-05-04T09:00:00')))[friday].clock).toMatchObject({ elapsed: 3, remaining: 4, level: 'ok' })
    expect((await at(vn('2026-05-07T09:00:00')))[friday].clock).toMatchObject({ elapsed: 6, remaining: 1, level: 'due_soon' })
    expect((await at(vn('2026-05-08T23:59:00')))[friday].clock).toMatchObject({ elapsed: 7, remaining: 0, level: 'due_soon', dueDate: '2026-05-08' })
    // Overdue from the first minute of Saturday 9/5 in Việt Nam (17:00 UTC on the 8th).
    expect((await at(new Date('2026-05-08T17:00:00Z')))[friday].clock).toMatchObject({ level: 'overdue', dueDate: '2026-05-08' })
    expect((await at(vn('2026-05-12T09:00:00')))[friday].clock).toMatchObject({ elapsed: 9, level: 'overdue' })
  })

  it('starts the screening clock at the call’s close, not at each dossier’s arrival; before the close nothing is due', async () => {
    // Received 10/4, when the clock would have been due 21/4: it is due 8/5, like the dossier of the last day.
    expect((await at(vn('2026-04-24T17:00:00')))[early].clock).toEqual({ kind: 'screening', elapsed: 0, limit: 7, remaining: 7, dueDate: '2026-05-08', level: 'ok' })
    expect((await at(vn('2026-05-04T09:00:00')))[early].clock).toMatchObject({ elapsed: 3, remaining: 4, dueDate: '2026-05-08' })
    // While the call is open, no clock runs.
    expect((await at(vn('2026-04-20T09:00:00')))[early].clock).toBeNull()
  })

  it('takes a holiday added to the table into account', async () => {
    await handle.db.insertInto('holidays').values({ day: '2026-05-06', name_vi: 'Ngày nghỉ thử', name_en: 'Test day off' }).execute()
    try {
      expect((await at(vn('2026-05-04T09:00:00')))[friday].clock).toMatchObject({ dueDate: '2026-05-11' })
    } finally {
      await handle.db.deleteFrom('holidays').where(sql`day`, '=', '2026-05-06').execute()
    }
  })

  it('restarts the screening clock at the resubmission', async () => {
    expect((await at(vn('2026-05-12T09:00:00')))[resubmitted].clock).toEqual({ kind: 'screening', elapsed: 1, limit: 7, remaining: 6, dueDate: '2026-05-20', level: 'ok' })
  })

  it("shows the open change request's due date and flags it once past", async () => {
    expect((await at(vn('2026-05-04T09:00:00')))[changes].clock).toEqual({ kind: 'changes', dueDate: '2026-05-15', level: 'ok' })
    expect((await at(vn('2026-05-14T09:00:00')))[changes].clock).toEqual({ kind: 'changes', dueDate: '2026-05-15', level: 'due_soon' })
    expect((await at(vn('2026-05-15T23:00:00')))[changes].clock).toEqual({ kind: 'changes', dueDate: '2026-05-15', level: 'due_soon' })
    expect((await at(vn('2026-05-16T00:00:00')))[changes].clock).toEqual({ kind: 'changes', dueDate: '2026-05-15', level: 'overdue' })
  })

  it('has no clock outside screening and changes', async () => {
    const rows = Object.values(await at(vn('2026-05-12T09:00:00')))
    expect(rows.find((r) => r.reference === 'CLK-0004')!.clock).toBeNull()
  })

  it('sorts by urgency: the earliest due date first, those without a clock last', async () => {
    const rows = await listInbox(handle.db, { callId: call.id, sort: 'clock', page: 1, pageSize: 50 }, vn('2026-05-12T09:00:00'))
    // Due 8/5 (CLK-0005 received first, then CLK-0001: both from the close), 15/5 (CLK-0003), 20/5 (CLK-0002), then no clock (CLK-0004).
    expect(refs(rows.rows)).toEqual(['CLK-0005', 'CLK-0001', 'CLK-0003', 'CLK-0002', 'CLK-0004'])
    const dues = rows.rows.map((r) => r.clock?.dueDate).filter(Boolean)
    expect(dues).toEqual([...dues].sort())
  })

  it('takes the screening limit from the fund settings', async () => {
    // The test database has no fund settings (the demo seed writes them): without a row the default holds.
    expect(await handle.db.selectFrom('fund_settings').select('id').executeTakeFirst()).toBeUndefined()
    await handle.db
      .insertInto('fund_settings')
      .values({
        parent_body_vi: 'UBND tỉnh Đắk Lắk', parent_body_en: 'Đắk Lắk Provincial People’s Committee',
        name_vi: 'Quỹ Phát triển Khoa học và Công nghệ', name_en: 'Science and Technology Development Fund', short_name: 'QKHCN',
        address: 'Buôn Ma Thuột', phone: '0262 000 000', email: 'quy@example.vn', review_rules: { screeningWorkingDays: 5 },
      })
      .execute()
    try {
      expect((await at(vn('2026-05-04T09:00:00')))[friday].clock).toMatchObject({ limit: 5, dueDate: '2026-05-06' })
      // A value that is not a whole number of days falls back to the default.
      await handle.db.updateTable('fund_settings').set({ review_rules: { screeningWorkingDays: 'năm' } }).execute()
      expect((await at(vn('2026-05-04T09:00:00')))[friday].clock).toMatchObject({ limit: 7, dueDate: '2026-05-08' })
    } finally {
      await handle.db.deleteFrom('fund_settings').execute()
    }
  })
})

describe('who may see the inbox', () => {
  it('lets a director in', async () => {
    const director = await createUser(handle.db, { roles: ['director'] })
    expect((await page('', await sessionFor(ctx, director.id))).status).toBe(200)
  })

  it('refuses applicants and reviewers', async () => {
    const applicant = await createUser(handle.db, { roles: ['applicant'] })
    const reviewer = await createUser(handle.db, { roles: ['reviewer'] })
    expect((await page('', await sessionFor(ctx, applicant.id))).status).toBe(403)
    expect((await page('', await sessionFor(ctx, reviewer.id))).status).toBe(403)
  })

  it('sends an anonymous visitor to the login page', async () => {
    const res = await invoke(inboxPage, ctx, { path: '/staff/applications?status=screening' })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe(`/login?redirectTo=${encodeURIComponent('/staff/applications?status=screening')}`)
  })
})
