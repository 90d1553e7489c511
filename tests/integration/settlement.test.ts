import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import type { Role } from '../../db/schema'
import { contractMoney, decideSettlement, recordReceipt, recordRecovery, recoveriesOf, settlementOf, submitSettlement } from '../../app/modules/payments'
import { decideSettlementSchema, receiptSchema, recoverySchema, settlementSchema } from '../../app/modules/payments/schemas'
import { createTestDb } from '../setup/db'
import { createUser, insertFundSettings, invoke, sessionFor, testContext, testEnv } from '../setup/app'
import * as granteePage from '../../app/routes/tasks.$id_.settlement'
import * as officePage from '../../app/routes/staff.tasks.$id_.settlement'
import { createContractedTask } from '../setup/award'

// Quyết toán: the grantee reports spending by budget category; once the office accepts it the balance against
// what was paid is known, and what is owed back is recorded and received in parts until repaid — never more.

let handle: DatabaseHandle
let dataDir: string
let env: ReturnType<typeof testEnv>
const as = (p: { id: string; email: string; fullName: string }, ...roles: Role[]) => ({ ...p, roles })

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'settlement-'))
  env = testEnv({ DATA_DIR: dataDir })
  await insertFundSettings(handle.db)
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

describe('the settlement of a task', () => {
  it('is reported by category, returned, reported again and accepted; the balance is owed back and received until repaid', async () => {
    const task = await createContractedTask(handle.db, env)
    // 180.000.000 paid as the advance.
    const tranche = await handle.db.selectFrom('contract_tranches').select('id').where('contract_id', '=', task.contractId).where('seq', '=', 1).executeTakeFirstOrThrow()
    await handle.db.insertInto('payment_requests').values({ contract_id: task.contractId, tranche_id: tranche.id, amount: 180_000_000, evidence: 'x', status: 'paid', paid_on: '2027-01-15', paid_amount: 180_000_000, transfer_ref: 'UNC 1' }).execute()
    const owner = { db: handle.db, actor: as(task.owner, 'applicant'), applicationId: task.applicationId }
    const staff = { db: handle.db, actor: as(task.staff, 'staff'), applicationId: task.applicationId }

    expect(settlementSchema.safeParse({ spent_labour: 'nhiều' }).success).toBe(false)
    expect((await submitSettlement(owner, settlementSchema.parse({ spent_labour: '100.000.000', spent_materials: '50.000.000', note: 'Kỳ 1' }))).ok).toBe(true)
    const first = (await settlementOf(handle.db, task.contractId))!
    expect(first).toMatchObject({ status: 'submitted', spentTotal: 150_000_000, paid: 180_000_000, balance: 30_000_000 })
    expect(first.lines.map((l) => l.category)).toEqual(['labour', 'materials', 'equipment', 'services', 'other'])
    // Only the office decides.
    expect(await decideSettlement(owner, decideSettlementSchema.parse({ version: '1', decision: 'accept' }))).toMatchObject({ ok: false, status: 403 })
    expect((await decideSettlement(staff, decideSettlementSchema.parse({ version: '1', decision: 'return', note: 'Thiếu chứng từ vật tư.' }))).ok).toBe(true)
    expect((await submitSettlement(owner, settlementSchema.parse({ spent_labour: '100.000.000', spent_materials: '60.000.000' }))).ok).toBe(true)
    expect(await decideSettlement(staff, decideSettlementSchema.parse({ version: '2', decision: 'accept' }))).toMatchObject({ ok: false, status: 409, errors: { form: 'payments.v.stale' } })
    expect((await decideSettlement(staff, decideSettlementSchema.parse({ version: '3', decision: 'accept' }))).ok).toBe(true)
    expect(await submitSettlement(owner, settlementSchema.parse({ spent_labour: '1' }))).toMatchObject({ ok: false, errors: { form: 'payments.v.settlement.accepted' } })
    const accepted = (await settlementOf(handle.db, task.contractId))!
    expect(accepted).toMatchObject({ status: 'accepted', spentTotal: 160_000_000, balance: 20_000_000 })

    // The unspent 20.000.000 is a refund, received in two parts; a third past the amount is refused.
    const refund = await recordRecovery(staff, recoverySchema.parse({ kind: 'refund', amount: '20.000.000', reason: 'Kinh phí tạm ứng chưa sử dụng', dueOn: '31/03/2028' }))
    expect(refund.ok).toBe(true)
    const recoveryId = (refund as { id: string }).id
    const accountant = await createUser(handle.db, { roles: ['accountant'] })
    const acc = { db: handle.db, actor: as(accountant, 'accountant') }
    expect(await recordReceipt({ db: handle.db, actor: as(task.staff, 'staff') }, receiptSchema.parse({ recoveryId, amount: '5.000.000', receivedOn: '01/02/2028', transferRef: 'GBC 7' }))).toMatchObject({ ok: false, status: 403 })
    expect((await recordReceipt(acc, receiptSchema.parse({ recoveryId, amount: '15.000.000', receivedOn: '01/02/2028', transferRef: 'GBC 7' }))).ok).toBe(true)
    expect(await recordReceipt(acc, receiptSchema.parse({ recoveryId, amount: '5.000.001', receivedOn: '02/02/2028', transferRef: 'GBC 8' }))).toMatchObject({ ok: false, errors: { amount: 'payments.v.receipt.over' } })
    // The database refuses it too, whatever the code does.
    await expect(handle.db.insertInto('recovery_receipts').values({ recovery_id: recoveryId, amount: 5_000_001, received_on: '2028-02-02', transfer_ref: 'x' }).execute()).rejects.toThrow(/exceed the amount owed/)
    expect((await recordReceipt(acc, receiptSchema.parse({ recoveryId, amount: '5.000.000', receivedOn: '03/02/2028', transferRef: 'GBC 9' }))).ok).toBe(true)
    expect(await recoveriesOf(handle.db, task.contractId)).toEqual([expect.objectContaining({ kind: 'refund', amount: 20_000_000, received: 20_000_000, remaining: 0, dueOn: '2028-03-31' })])
    expect(await contractMoney(handle.db, task.contractId)).toMatchObject({ paid: 180_000_000, owed: 20_000_000, recovered: 20_000_000 })
    const audit = await handle.db.selectFrom('audit_log').select('action').where('subject_id', '=', task.applicationId).where('action', 'like', 's%').orderBy('id').execute()
    expect(audit.map((a) => a.action)).toEqual(['settlement.submitted', 'settlement.returned', 'settlement.submitted', 'settlement.accepted'])
  })
})

describe('the settlement pages', () => {
  it('take the grantee\'s spending and the office\'s decision by plain posts; a bad amount is a 400 in words', async () => {
    const context = testContext(handle, env)
    const task = await createContractedTask(handle.db, env)
    const owner = await sessionFor(context, task.owner.id)
    const params = { id: task.applicationId }
    const bad = await invoke(granteePage, context, { method: 'POST', path: `/tasks/${task.applicationId}/settlement`, cookie: owner, params, form: { spent_labour: 'mười triệu' } })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ errors: { spent_labour: { message: 'payments.v.amount.format' } } })
    const ok = await invoke(granteePage, context, { method: 'POST', path: `/tasks/${task.applicationId}/settlement`, cookie: owner, params, form: { spent_labour: '10.000.000', spent_other: '0' } })
    expect(ok.headers.get('Location')).toBe(`/tasks/${task.applicationId}/settlement?notice=submitted`)
    const staff = await sessionFor(context, task.staff.id)
    const page = (await (await invoke(officePage, context, { path: `/staff/tasks/${task.applicationId}/settlement`, cookie: staff, params })).json()) as { canDecide: boolean; settlement: { spentTotal: number } }
    expect(page).toMatchObject({ canDecide: true, settlement: { spentTotal: 10_000_000 } })
    const decided = await invoke(officePage, context, { method: 'POST', path: `/staff/tasks/${task.applicationId}/settlement`, cookie: staff, params, form: { version: '1', decision: 'accept' } })
    expect(decided.status).toBe(302)
    expect((await settlementOf(handle.db, task.contractId))?.status).toBe('accepted')
  })
})
