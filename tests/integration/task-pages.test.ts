import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import * as tasksList from '../../app/routes/tasks._index'
import * as taskPage from '../../app/routes/tasks.$id._index'
import * as portfolio from '../../app/routes/staff.tasks._index'
import * as staffTask from '../../app/routes/staff.tasks.$id._index'
import * as home from '../../app/routes/home'
import * as documentDownload from '../../app/routes/applications.$id.documents.$documentId'
import { addCalendarDays, vnDate } from '../../app/modules/calendar'
import { checkPayment, requestPayment } from '../../app/modules/payments'
import { checkPaymentSchema, requestPaymentSchema } from '../../app/modules/payments/schemas'
import { createTestDb } from '../setup/db'
import { createUser, insertFundSettings, invoke, sessionFor, testContext, testEnv } from '../setup/app'
import { type ContractedTask, createApprovedApplication, createContractedTask } from '../setup/award'

// The hub of a funded task as people use it: the grantee finds their task (and only theirs) with what is due
// next, opens it and its documents; an outsider and the office cannot open the grantee's page; the office's
// portfolio filters by call and by a tranche due this week, and its page points to the office's parts; the
// grantee's start page lists the task due soon, the chief accountant's the payment request waiting for approval.

let handle: DatabaseHandle
let dataDir: string
let ctx: AppLoadContext
/** Its advance is due in three days; B's in sixty, on another call and for another organisation. */
let a: ContractedTask
let b: ContractedTask
const today = vnDate(new Date())
const soon = addCalendarDays(today, 3)
const later = addCalendarDays(today, 60)
const cookies = {} as Record<'owner' | 'ownerB' | 'staff' | 'director' | 'accountant' | 'outsider', string>

const tranches = (amount: number, dueOn: string) => [
  { kind: 'advance' as const, amount: amount * 0.4, dueOn, condition: 'none' as const },
  { kind: 'interim' as const, amount: amount * 0.4, condition: 'report_accepted' as const },
  { kind: 'final' as const, amount: amount * 0.2, condition: 'acceptance' as const },
]

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'task-pages-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
  await insertFundSettings(handle.db)
  a = await createContractedTask(handle.db, ctx.env, { tranches: tranches(450_000_000, soon) })
  b = await createContractedTask(handle.db, ctx.env, { tranches: tranches(450_000_000, later) })
  const accountant = await createUser(handle.db, { roles: ['accountant'] })
  const outsider = await createUser(handle.db, { roles: ['applicant'] })
  cookies.owner = await sessionFor(ctx, a.owner.id)
  cookies.ownerB = await sessionFor(ctx, b.owner.id)
  cookies.staff = await sessionFor(ctx, a.staff.id)
  cookies.director = await sessionFor(ctx, a.director.id)
  cookies.accountant = await sessionFor(ctx, accountant.id)
  cookies.outsider = await sessionFor(ctx, outsider.id)
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

async function loaderData(route: { loader?: unknown }, cookie: string, path: string, params: Record<string, string> = {}) {
  const res = await invoke(route as never, ctx, { path, cookie, params })
  expect(res.status).toBe(200)
  return (await res.json()) as any
}

describe('the grantee’s task pages', () => {
  it('list the organisation’s own tasks, with the next thing due, and not another organisation’s', async () => {
    const { tasks } = await loaderData(tasksList, cookies.owner, '/tasks')
    expect(tasks.map((t: any) => t.applicationId)).toEqual([a.applicationId])
    expect(tasks[0]).toMatchObject({ fundAmount: 450_000_000, endsOn: '2027-12-31', next: { labelKey: 'payments.next.request', dueOn: soon, href: `/tasks/${a.applicationId}/payments`, overdue: false } })
    expect((await loaderData(tasksList, cookies.ownerB, '/tasks')).tasks.map((t: any) => t.applicationId)).toEqual([b.applicationId])
    // Someone with no task sees the empty state, not an error.
    expect((await loaderData(tasksList, cookies.outsider, '/tasks')).tasks).toEqual([])
  })

  it('show the task: its contract, its agenda soonest first, and its documents to download; nobody else opens it', async () => {
    const path = `/tasks/${a.applicationId}`
    const data = await loaderData(taskPage, cookies.owner, path, { id: a.applicationId })
    expect(data.contract).toMatchObject({ fundAmount: 450_000_000, startsOn: '2027-01-01', endsOn: '2027-12-31', status: 'signed', loan: false })
    expect(data.agenda.map((s: any) => [s.labelKey, s.dueOn, s.href])).toEqual([
      ['payments.next.request', soon, `/tasks/${a.applicationId}/payments`],
      ['reports.next.due', '2027-07-01', `/tasks/${a.applicationId}/reports#report-1`],
      // The results dossier is due 30 days after the contract's end.
      ['acceptance.next.submit', '2028-01-30', `/tasks/${a.applicationId}/results`],
    ])
    const decision = data.documents.find((d: any) => d.kind === 'decision')
    expect(decision).toBeTruthy()
    const download = await invoke(documentDownload, ctx, { path: `/applications/${a.applicationId}/documents/${decision.id}`, cookie: cookies.owner, params: { id: a.applicationId, documentId: decision.id } })
    expect(download.status).toBe(200)
    expect(download.headers.get('Content-Disposition')).toContain('attachment')

    expect((await invoke(taskPage, ctx, { path, cookie: cookies.outsider, params: { id: a.applicationId } })).status).toBe(404)
    expect((await invoke(taskPage, ctx, { path, cookie: cookies.ownerB, params: { id: a.applicationId } })).status).toBe(404)
    expect((await invoke(taskPage, ctx, { path, cookie: cookies.staff, params: { id: a.applicationId } })).status).toBe(403)
    expect((await invoke(taskPage, ctx, { path: '/tasks/not-an-id', cookie: cookies.owner, params: { id: 'not-an-id' } })).status).toBe(404)
  })

  it('show a contract the Fund sent with its acceptance as the next step, and keep a draft the office’s own', async () => {
    const c = await createApprovedApplication(handle.db, ctx.env)
    const contract = await handle.db
      .insertInto('contracts')
      .values({ application_id: c.applicationId, modality: 'grant', status: 'draft', fund_amount: c.amount, starts_on: '2027-01-01', ends_on: '2027-12-31', created_by: c.staff.id, updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow()
    const cookie = await sessionFor(ctx, c.owner.id)
    const path = `/tasks/${c.applicationId}`
    expect((await loaderData(tasksList, cookie, '/tasks')).tasks).toEqual([])
    expect((await invoke(taskPage, ctx, { path, cookie, params: { id: c.applicationId } })).status).toBe(404)
    expect((await loaderData(staffTask, cookies.staff, `/staff${path}`, { id: c.applicationId })).agenda).toEqual([])

    await handle.db.updateTable('contracts').set({ status: 'proposed' }).where('id', '=', contract.id).execute()
    const step = { labelKey: 'tasks.next.acceptContract', dueOn: null, href: `${path}/contract`, overdue: false }
    expect((await loaderData(tasksList, cookie, '/tasks')).tasks).toMatchObject([{ applicationId: c.applicationId, contractStatus: 'proposed', next: step }])
    const data = await loaderData(taskPage, cookie, path, { id: c.applicationId })
    expect(data.agenda).toEqual([step])
    expect(data.contract).toMatchObject({ status: 'proposed', signedAt: null, number: null })
    expect((await loaderData(staffTask, cookies.staff, `/staff${path}`, { id: c.applicationId })).agenda).toEqual([{ ...step, href: `/staff${path}/contract` }])
  })

  it('put the task due soon on the grantee’s start page', async () => {
    const data = await loaderData(home, cookies.owner, '/home')
    expect(data.tasks.items.map((t: any) => [t.applicationId, t.next.labelKey, t.next.dueOn])).toEqual([[a.applicationId, 'payments.next.request', soon]])
    // B's next step is sixty days away: beyond the start page's horizon.
    expect((await loaderData(home, cookies.ownerB, '/home')).tasks).toMatchObject({ items: [] })
    expect((await loaderData(home, cookies.outsider, '/home')).tasks).toBeNull()
  })
})

describe('the office’s task pages', () => {
  it('filter the portfolio by call and by a tranche due this week', async () => {
    const all = await loaderData(portfolio, cookies.staff, '/staff/tasks')
    expect(all.rows.map((r: any) => r.applicationId)).toEqual(expect.arrayContaining([a.applicationId, b.applicationId]))
    const callB = all.rows.find((r: any) => r.applicationId === b.applicationId).callCode
    const byCall = await loaderData(portfolio, cookies.director, `/staff/tasks?call=${encodeURIComponent(callB)}`)
    expect(byCall.rows.map((r: any) => r.applicationId)).toEqual([b.applicationId])
    expect(byCall).toMatchObject({ filtered: true, total: 450_000_000 })
    const week = await loaderData(portfolio, cookies.accountant, '/staff/tasks?due=week')
    expect(week.rows.map((r: any) => [r.applicationId, r.nextDueOn])).toEqual([[a.applicationId, soon]])
    // A value the lists do not offer is no filter, not an error.
    expect((await loaderData(portfolio, cookies.staff, '/staff/tasks?call=%27%3B--&status=nope')).rows).toHaveLength(all.rows.length)
    expect((await invoke(portfolio, ctx, { path: '/staff/tasks', cookie: cookies.owner })).status).toBe(403)
  })

  it('show the task with the same agenda, linking to the office’s parts, and hide what a reader may not open', async () => {
    const path = `/staff/tasks/${a.applicationId}`
    const data = await loaderData(staffTask, cookies.staff, path, { id: a.applicationId })
    expect(data.agenda.map((s: any) => [s.labelKey, s.dueOn, s.href])).toEqual([
      ['payments.next.request', soon, `/staff/tasks/${a.applicationId}/payments`],
      ['reports.next.due', '2027-07-01', `/staff/tasks/${a.applicationId}/reports#report-1`],
      ['acceptance.next.submit', '2028-01-30', `/staff/tasks/${a.applicationId}/acceptance`],
    ])
    expect(data.may).toMatchObject({ contract: true, payments: true, reports: true, acceptance: true, loan: false, application: true })
    expect(data.documents.map((d: any) => d.kind)).toContain('decision')
    // The chief accountant reads the task and its money, not the application and its documents.
    const acc = await loaderData(staffTask, cookies.accountant, path, { id: a.applicationId })
    expect(acc.may).toMatchObject({ payments: true, application: false, acceptance: false })
    expect(acc.documents).toEqual([])
    expect((await invoke(staffTask, ctx, { path, cookie: cookies.owner, params: { id: a.applicationId } })).status).toBe(403)
  })

  it('show the chief accountant, on the start page, the payment request the office checked', async () => {
    const tranche = await handle.db.selectFrom('contract_tranches').select(['id', 'amount']).where('contract_id', '=', b.contractId).where('seq', '=', 1).executeTakeFirstOrThrow()
    const asked = await requestPayment(
      { db: handle.db, actor: { ...b.owner, roles: ['applicant'] }, appUrl: ctx.env.APP_URL, applicationId: b.applicationId },
      requestPaymentSchema.parse({ trancheId: tranche.id, amount: tranche.amount.toLocaleString('vi-VN'), evidence: 'Bảng kê chứng từ tạm ứng.' }),
    )
    expect(asked).toMatchObject({ ok: true })
    const id = (await handle.db.selectFrom('payment_requests').select('id').where('contract_id', '=', b.contractId).executeTakeFirstOrThrow()).id
    let data = await loaderData(home, cookies.accountant, '/home')
    expect(data.accountant.toApprove).toEqual([])
    expect(await checkPayment({ db: handle.db, actor: { ...b.staff, roles: ['staff'] }, appUrl: ctx.env.APP_URL }, checkPaymentSchema.parse({ requestId: id, version: '1', decision: 'pass' }))).toMatchObject({ ok: true })
    data = await loaderData(home, cookies.accountant, '/home')
    expect(data.accountant.toApprove.map((r: any) => [r.id, r.applicationId, r.amount])).toEqual([[id, b.applicationId, tranche.amount]])
    // The office and the director do not approve: no such part for them.
    expect((await loaderData(home, cookies.staff, '/home')).accountant).toBeNull()
    // The grantee's next money step moved on to the next tranche, which has no day: after the dated ones.
    const agenda = (await loaderData(taskPage, cookies.ownerB, `/tasks/${b.applicationId}`, { id: b.applicationId })).agenda
    expect(agenda.at(-1)).toMatchObject({ labelKey: 'payments.next.request', dueOn: null })
  })
})
