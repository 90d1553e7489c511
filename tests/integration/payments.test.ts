import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import type { Role } from '../../db/schema'
import { approvePayment, checkPayment, listPayments, nextDue, paymentQueue, recordPayment, requestPayment } from '../../app/modules/payments'
import { approvePaymentSchema, checkPaymentSchema, recordPaymentSchema, requestPaymentSchema } from '../../app/modules/payments/schemas'
import { concurrencyTitle, createTestDb, databaseKind, noteSerialisedOnPglite } from '../setup/db'
import { createUser, insertFundSettings, invoke, sessionFor, testContext, testEnv } from '../setup/app'
import * as taskPage from '../../app/routes/tasks.$id_.payments'
import * as stepPage from '../../app/routes/staff.payments.$id'
import * as ledgerPage from '../../app/routes/staff.ledger'
import { acceptNextReport, type ContractedTask, createContractedTask } from '../setup/award'

// A payment request's road: the grantee asks for a tranche with its evidence, the office checks it, the chief
// accountant approves it and records the transfer (or its failure); each step in the history, the audit log and
// the mails. The Fund never pays more than the contract's amount: the code says so, and the database refuses
// it even when two approvals race.

let handle: DatabaseHandle
let dataDir: string
let env: ReturnType<typeof testEnv>
let accountant: { id: string; email: string; fullName: string; roles: Role[] }

const APP_URL = 'http://localhost:3000'
const as = (p: { id: string; email: string; fullName: string }, ...roles: Role[]) => ({ ...p, roles })
const ctx = (actor: ReturnType<typeof as>) => ({ db: handle.db, actor, appUrl: APP_URL })

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'payments-'))
  env = testEnv({ DATA_DIR: dataDir })
  await insertFundSettings(handle.db)
  const a = await createUser(handle.db, { roles: ['accountant'], fullName: 'Lê Thị Kế Toán', email: `ketoan.${Date.now().toString(36)}@quykhcn.vn` })
  accountant = { ...a, fullName: 'Lê Thị Kế Toán', roles: ['accountant'] }
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

async function ask(task: ContractedTask, seq: number, amount?: number) {
  const contract = await handle.db.selectFrom('contract_tranches').select(['id', 'amount']).where('contract_id', '=', task.contractId).where('seq', '=', seq).executeTakeFirstOrThrow()
  const input = requestPaymentSchema.parse({ trancheId: contract.id, amount: (amount ?? contract.amount).toLocaleString('vi-VN'), evidence: 'Bảng kê chứng từ tạm ứng; kế hoạch chi tiết năm 2027.' })
  return requestPayment({ ...ctx(as(task.owner, 'applicant')), applicationId: task.applicationId }, input)
}

async function versionOf(id: string) {
  return (await handle.db.selectFrom('payment_requests').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version
}

async function check(task: ContractedTask, id: string, extra: Record<string, string> = {}) {
  return checkPayment(ctx(as(task.staff, 'staff')), checkPaymentSchema.parse({ requestId: id, version: String(await versionOf(id)), decision: 'pass', ...extra }))
}

async function approve(id: string, version?: number) {
  return approvePayment(ctx(accountant), approvePaymentSchema.parse({ requestId: id, version: String(version ?? (await versionOf(id))), decision: 'approve' }))
}

describe('a payment request', () => {
  it('goes from the grantee through the office and the chief accountant to paid, each step recorded and mailed', async () => {
    const task = await createContractedTask(handle.db, env)
    expect(await nextDue(handle.db, task.contractId)).toEqual({ labelKey: 'payments.next.request', dueOn: '2027-01-01', href: `/tasks/${task.applicationId}/payments` })

    const asked = await ask(task, 1)
    expect(asked.ok).toBe(true)
    const id = (asked as { id: string }).id
    expect((await paymentQueue(handle.db)).map((r) => r.id)).toContain(id)
    // The advance is asked for: the next thing due is the interim tranche, which has no day.
    expect(await nextDue(handle.db, task.contractId)).toMatchObject({ dueOn: null })

    // Only the office checks, only the chief accountant approves.
    expect(await approve(id)).toMatchObject({ ok: false, status: 409, errors: { form: 'payments.v.state' } })
    expect(await checkPayment(ctx(accountant), checkPaymentSchema.parse({ requestId: id, version: '1', decision: 'pass' }))).toMatchObject({ ok: false, status: 403 })
    expect(await check(task, id, { note: 'Chứng từ đầy đủ.' })).toEqual({ ok: true, id })
    expect(await approvePayment(ctx(as(task.staff, 'staff')), approvePaymentSchema.parse({ requestId: id, version: '2', decision: 'approve' }))).toMatchObject({ ok: false, status: 403 })
    // A page left open on an older version is told to reload.
    expect(await approve(id, 1)).toMatchObject({ ok: false, status: 409, errors: { form: 'payments.v.stale' } })
    expect(await approve(id)).toEqual({ ok: true, id })

    const paid = recordPaymentSchema.parse({ requestId: id, version: '3', outcome: 'paid', paidOn: '15/01/2027', paidAmount: '180.000.000', transferRef: 'UNC 0452/2027' })
    expect(await recordPayment(ctx(accountant), paid)).toEqual({ ok: true, id })

    const { requests, events } = await listPayments(handle.db, task.contractId)
    expect(requests[0]).toMatchObject({ status: 'paid', amount: 180_000_000, paidAmount: 180_000_000, paidOn: '2027-01-15', transferRef: 'UNC 0452/2027', trancheSeq: 1 })
    expect(events.map((e) => [e.from, e.to, e.actor])).toEqual([
      [null, 'requested', task.owner.fullName],
      ['requested', 'checked', task.staff.fullName],
      ['checked', 'approved', 'Lê Thị Kế Toán'],
      ['approved', 'paid', 'Lê Thị Kế Toán'],
    ])
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'actor_email']).where('subject_id', '=', task.applicationId).where('action', 'like', 'payment.%').orderBy('id').execute()
    expect(audit).toEqual([
      { action: 'payment.requested', actor_email: task.owner.email },
      { action: 'payment.checked', actor_email: task.staff.email },
      { action: 'payment.approved', actor_email: accountant.email },
      { action: 'payment.paid', actor_email: accountant.email },
    ])
    const mails = await handle.db.selectFrom('email_outbox').select(['to_address', 'subject']).where('template', '=', 'payment_step').where('subject', 'like', `%${(await handle.db.selectFrom('applications').select('reference').where('id', '=', task.applicationId).executeTakeFirstOrThrow()).reference}%`).orderBy('id').execute()
    // The office hears of the request; the chief accountant of the check; the grantee of every step after its own.
    expect(mails.filter((m) => m.to_address === task.staff.email).map((m) => m.subject)).toContainEqual(expect.stringContaining('Đề nghị thanh toán đợt 1'))
    expect(mails.filter((m) => m.to_address === accountant.email).map((m) => m.subject)).toEqual([expect.stringContaining('đã được kiểm tra')])
    expect(mails.filter((m) => m.to_address === task.owner.email).map((m) => m.subject)).toEqual([
      expect.stringContaining('đã được kiểm tra'),
      expect.stringContaining('đã được duyệt'),
      expect.stringContaining('Đã chuyển tiền đợt 1'),
    ])
  })

  it('is refused for a tranche already asked for, past the tranche, and by someone outside the organisation', async () => {
    const task = await createContractedTask(handle.db, env)
    expect(await ask(task, 1, 180_000_001)).toMatchObject({ ok: false, status: 400, errors: { amount: 'payments.v.amount.overTranche' } })
    expect((await ask(task, 1)).ok).toBe(true)
    expect(await ask(task, 1)).toMatchObject({ ok: false, status: 409, errors: { trancheId: 'payments.v.tranche.taken' } })
    const stranger = await createUser(handle.db)
    const tranche = await handle.db.selectFrom('contract_tranches').select('id').where('contract_id', '=', task.contractId).where('seq', '=', 2).executeTakeFirstOrThrow()
    const input = requestPaymentSchema.parse({ trancheId: tranche.id, amount: '1.000', evidence: 'x' })
    expect(await requestPayment({ ...ctx(as(stranger, 'applicant')), applicationId: task.applicationId }, input)).toMatchObject({ ok: false, status: 403 })
  })

  it('with a condition the records hold is refused until they show it met; one they do not hold the office states met', async () => {
    // The interim tranche waits for a report accepted: refused, the page saying so, until the office accepts one.
    const task = await createContractedTask(handle.db, env)
    const interim = (await ask(task, 2)) as { id: string }
    expect(await check(task, interim.id, { conditionMet: 'on', note: 'Theo báo cáo.' })).toMatchObject({ ok: false, status: 409, errors: { conditionMet: 'payments.v.condition.reportNotAccepted' } })
    await acceptNextReport(handle.db, task)
    expect(await check(task, interim.id)).toEqual({ ok: true, id: interim.id })
    // The final tranche waits for the acceptance: refused while the task is in progress.
    const final = (await ask(task, 3)) as { id: string }
    expect(await check(task, final.id)).toMatchObject({ ok: false, status: 409, errors: { conditionMet: 'payments.v.condition.notAccepted' } })
  })

  it('with a condition only the office can judge is checked when it states the condition met, and may be returned and asked again', async () => {
    const task = await createContractedTask(handle.db, env, {
      tranches: [
        { kind: 'advance', amount: 180_000_000, dueOn: '2027-01-01', condition: 'none' },
        { kind: 'interim', amount: 180_000_000, condition: 'product_delivered' },
        { kind: 'final', amount: 90_000_000, condition: 'acceptance' },
      ],
    })
    const asked = (await ask(task, 2)) as { id: string }
    expect(await check(task, asked.id)).toMatchObject({ ok: false, status: 400, errors: { conditionMet: 'payments.v.condition.required' } })
    const returned = await checkPayment(ctx(as(task.staff, 'staff')), checkPaymentSchema.parse({ requestId: asked.id, version: '1', decision: 'return', note: 'Chưa có báo cáo giữa kỳ được chấp nhận.' }))
    expect(returned.ok).toBe(true)
    expect(checkPaymentSchema.safeParse({ requestId: asked.id, version: '2', decision: 'return' }).success).toBe(false)
    const again = (await ask(task, 2)) as { id: string }
    expect(again.id).toBeTruthy()
    expect(await check(task, again.id, { conditionMet: 'on', note: 'Báo cáo kỳ 1 được chấp nhận ngày 10/07/2027.' })).toEqual({ ok: true, id: again.id })
    const row = await handle.db.selectFrom('payment_requests').select(['status', 'condition_met', 'check_note']).where('id', '=', again.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'checked', condition_met: true, check_note: 'Báo cáo kỳ 1 được chấp nhận ngày 10/07/2027.' })
  })

  it('recorded as failed keeps the reason, and the tranche may be asked for again', async () => {
    const task = await createContractedTask(handle.db, env)
    const { id } = (await ask(task, 1)) as { id: string }
    await check(task, id)
    await approve(id)
    const failed = recordPaymentSchema.parse({ requestId: id, version: '3', outcome: 'failed', reason: 'Sai số tài khoản thụ hưởng.' })
    expect(await recordPayment(ctx(accountant), failed)).toEqual({ ok: true, id })
    expect(recordPaymentSchema.safeParse({ requestId: id, version: '3', outcome: 'paid', paidOn: '31/02/2027', paidAmount: '0', transferRef: '' }).error?.issues.map((i) => i.path[0]).sort()).toEqual([
      'paidAmount',
      'paidOn',
      'transferRef',
    ])
    const row = await handle.db.selectFrom('payment_requests').select(['status', 'failed_reason']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'failed', failed_reason: 'Sai số tài khoản thụ hưởng.' })
    expect((await ask(task, 1)).ok).toBe(true)
  })
})

describe('the fund amount', () => {
  // Tranches that add up to more than the contract (a drafting mistake): the payments must still stop at it.
  const over = { amount: 450_000_000, tranches: [{ kind: 'advance' as const, amount: 300_000_000 }, { kind: 'final' as const, amount: 300_000_000 }] }

  it('is never exceeded: the request is refused in words, and the database refuses an approval written past the code', async () => {
    const task = await createContractedTask(handle.db, env, over)
    const first = (await ask(task, 1)) as { id: string }
    expect(await ask(task, 2)).toMatchObject({ ok: false, status: 400, errors: { amount: 'payments.v.overFund' } })
    await check(task, first.id)
    expect(await approve(first.id)).toEqual({ ok: true, id: first.id })
    // A second request written straight into the table, then approved by SQL: the trigger refuses it.
    const tranche2 = await handle.db.selectFrom('contract_tranches').select('id').where('contract_id', '=', task.contractId).where('seq', '=', 2).executeTakeFirstOrThrow()
    const row = await handle.db.insertInto('payment_requests').values({ contract_id: task.contractId, tranche_id: tranche2.id, amount: 300_000_000, evidence: 'x', requested_by: task.owner.id }).returning('id').executeTakeFirstOrThrow()
    await expect(handle.db.updateTable('payment_requests').set({ status: 'approved' }).where('id', '=', row.id).execute()).rejects.toThrow(/exceed its fund amount/)
    await expect(
      handle.db.insertInto('payment_requests').values({ contract_id: task.contractId, tranche_id: tranche2.id, amount: 270_000_001, evidence: 'x', status: 'approved' }).execute(),
    ).rejects.toThrow(/exceed its fund amount/)
    // Up to the amount exactly is allowed.
    await handle.db.updateTable('payment_requests').set({ status: 'approved', amount: 150_000_000 }).where('id', '=', row.id).execute()
    const sum = await handle.db.selectFrom('payment_requests').select(sql<string>`sum(amount)`.as('s')).where('contract_id', '=', task.contractId).where('status', '=', 'approved').executeTakeFirstOrThrow()
    expect(Number(sum.s)).toBe(450_000_000)
  })

  it(concurrencyTitle('holds when two approvals race: one is approved, the other refused'), async () => {
    noteSerialisedOnPglite('two concurrent payment approvals')
    const task = await createContractedTask(handle.db, env, over)
    const tranches = await handle.db.selectFrom('contract_tranches').select(['id', 'seq']).where('contract_id', '=', task.contractId).orderBy('seq').execute()
    // Both requests written as checked (the code would refuse the second request; the approvals are the race).
    const ids: string[] = []
    for (const t of tranches) {
      const r = await handle.db.insertInto('payment_requests').values({ contract_id: task.contractId, tranche_id: t.id, amount: 300_000_000, evidence: 'x', status: 'checked' }).returning('id').executeTakeFirstOrThrow()
      ids.push(r.id)
    }
    const outcomes = await Promise.all(ids.map((id) => approve(id, 1)))
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1)
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, status: 409, errors: { form: 'payments.v.overFund' } }])
    const approved = await handle.db.selectFrom('payment_requests').select('id').where('contract_id', '=', task.contractId).where('status', '=', 'approved').execute()
    expect(approved).toHaveLength(1)
  })

  it.skipIf(databaseKind() === 'pglite')('holds in the database alone when two transactions approve at once (PostgreSQL)', async () => {
    const task = await createContractedTask(handle.db, env, over)
    const tranches = await handle.db.selectFrom('contract_tranches').select(['id']).where('contract_id', '=', task.contractId).orderBy('seq').execute()
    const ids: string[] = []
    for (const t of tranches) ids.push((await handle.db.insertInto('payment_requests').values({ contract_id: task.contractId, tranche_id: t.id, amount: 300_000_000, evidence: 'x', status: 'checked' }).returning('id').executeTakeFirstOrThrow()).id)
    // The first transaction approves and holds its lock; the second approves meanwhile (it waits on the contract
    // row), and must fail once the first commits — no code check in between, only the trigger.
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    let firstDone!: () => void
    const firstWrote = new Promise<void>((r) => (firstDone = r))
    const first = handle.db.transaction().execute(async (trx) => {
      await trx.updateTable('payment_requests').set({ status: 'approved' }).where('id', '=', ids[0]).execute()
      firstDone()
      await held
    })
    await firstWrote
    const second = handle.db.transaction().execute(async (trx) => {
      await trx.updateTable('payment_requests').set({ status: 'approved' }).where('id', '=', ids[1]).execute()
    })
    await new Promise((r) => setTimeout(r, 200))
    release()
    await first
    await expect(second).rejects.toThrow(/exceed its fund amount/)
    const approved = await handle.db.selectFrom('payment_requests').select('id').where('contract_id', '=', task.contractId).where('status', '=', 'approved').execute()
    expect(approved.map((r) => r.id)).toEqual([ids[0]])
  })
})

describe('the payments pages', () => {
  it('take the grantee\'s request and the Fund\'s steps by plain form posts, answer bad input with a 400 in words, and feed the ledger', async () => {
    const context = testContext(handle, env)
    const task = await createContractedTask(handle.db, env)
    const owner = await sessionFor(context, task.owner.id)
    const path = `/tasks/${task.applicationId}/payments`
    const params = { id: task.applicationId }
    const page = (await (await invoke(taskPage, context, { path, cookie: owner, params })).json()) as { requestable: { id: string; seq: number }[]; canRequest: boolean }
    expect(page.canRequest).toBe(true)
    expect(page.requestable.map((t) => t.seq)).toEqual([1, 2, 3])
    const bad = await invoke(taskPage, context, { method: 'POST', path, cookie: owner, params, form: { trancheId: page.requestable[0].id, amount: 'một trăm', evidence: '<b>chứng từ</b>' } })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ errors: { amount: { message: 'payments.v.amount.format' } }, defaultValues: { evidence: '<b>chứng từ</b>' } })
    const sent = await invoke(taskPage, context, { method: 'POST', path, cookie: owner, params, form: { trancheId: page.requestable[0].id, amount: '180.000.000 ₫', evidence: 'Bảng kê chứng từ' } })
    expect(sent.status).toBe(302)
    expect(sent.headers.get('Location')).toBe(`${path}?notice=requested`)
    // Someone from another organisation learns nothing of the task.
    const stranger = await createUser(handle.db)
    expect((await invoke(taskPage, context, { path, cookie: await sessionFor(context, stranger.id), params })).status).toBe(404)

    const id = (await handle.db.selectFrom('payment_requests').select('id').where('contract_id', '=', task.contractId).executeTakeFirstOrThrow()).id
    const step = (cookie: string, form: Record<string, string>) => invoke(stepPage, context, { method: 'POST', path: `/staff/payments/${id}`, cookie, params: { id }, form })
    const staff = await sessionFor(context, task.staff.id)
    const acc = await sessionFor(context, accountant.id)
    // The chief accountant may not check; the office may not approve.
    expect((await step(acc, { version: '1', decision: 'pass' })).status).toBe(403)
    expect((await step(staff, { version: '1', decision: 'return' })).status).toBe(400)
    expect((await step(staff, { version: '1', decision: 'pass' })).headers.get('Location')).toBe(`/staff/tasks/${task.applicationId}/payments?notice=check`)
    expect((await step(staff, { version: '2', decision: 'approve' })).status).toBe(403)
    expect((await step(acc, { version: '2', decision: 'approve' })).status).toBe(302)
    const wrong = await step(acc, { version: '3', outcome: 'paid', paidOn: '30/02/2027', paidAmount: '180.000.000', transferRef: '' })
    expect(await wrong.json()).toMatchObject({ errors: { paidOn: { message: 'payments.v.day.format' }, transferRef: { message: 'payments.v.transferRef.required' } } })
    expect((await step(acc, { version: '3', outcome: 'paid', paidOn: '20/01/2027', paidAmount: '180.000.000', transferRef: 'UNC 12' })).status).toBe(302)

    const ledger = (await (await invoke(ledgerPage, context, { path: '/staff/ledger', cookie: acc })).json()) as { rows: { key: string; paid: number; committed: number }[]; years: { year: number; paid: number }[] }
    const row = ledger.rows.find((r) => r.key === task.callId)!
    expect(row).toMatchObject({ committed: 450_000_000, paid: 180_000_000 })
    expect(ledger.years.find((y) => y.year === 2027)?.paid).toBeGreaterThanOrEqual(180_000_000)
    const byTask = (await (await invoke(ledgerPage, context, { path: `/staff/ledger?call=${task.callId}`, cookie: acc })).json()) as { rows: { key: string; outstanding: number }[] }
    expect(byTask.rows).toEqual([expect.objectContaining({ key: task.applicationId, outstanding: 270_000_000 })])
  })
})
