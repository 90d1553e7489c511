import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import type { Role } from '../../db/schema'
import { uploadStorage } from '../../app/modules/applications'
import { requestSignature } from '../../app/modules/decisions'
import { applyTransition } from '../../app/modules/workflow'
import { contractMoney, decideSettlement, isLiquidated, liquidationOf, prepareLiquidation, recoveriesOf, recoveryAmount, submitSettlement } from '../../app/modules/payments'
import { decideSettlementSchema, settlementSchema } from '../../app/modules/payments/schemas'
import { createTestDb } from '../setup/db'
import { insertFundSettings, invoke, sessionFor, testContext, testEnv } from '../setup/app'
import * as officePage from '../../app/routes/staff.tasks.$id_.settlement'
import { openSignatureRequest } from '../../app/modules/decisions'
import { type ContractedTask, createContractedTask, throughAcceptance } from '../setup/award'
import { signPending } from '../setup/signing'

// Thanh lý: a task accepted or failed, its settlement accepted, is liquidated by a record the director signs
// through the signing mechanism; on failure the amount to recover follows the rules and is owed until repaid;
// `close` waits for the signed record.

let handle: DatabaseHandle
let dataDir: string
let env: ReturnType<typeof testEnv>
const as = (p: { id: string; email: string; fullName: string }, ...roles: Role[]) => ({ ...p, roles })

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'liquidation-'))
  env = testEnv({ DATA_DIR: dataDir })
  await insertFundSettings(handle.db)
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

async function toOutcome(task: ContractedTask, pass: boolean) {
  await throughAcceptance(handle.db, env, task, pass)
}

async function paidAndSettled(task: ContractedTask, paid: number, spent: string) {
  const tranche = await handle.db.selectFrom('contract_tranches').select('id').where('contract_id', '=', task.contractId).where('seq', '=', 1).executeTakeFirstOrThrow()
  await handle.db.insertInto('payment_requests').values({ contract_id: task.contractId, tranche_id: tranche.id, amount: paid, evidence: 'x', status: 'paid', paid_on: '2027-01-15', paid_amount: paid, transfer_ref: 'UNC 1' }).execute()
  expect((await submitSettlement({ db: handle.db, actor: as(task.owner, 'applicant'), applicationId: task.applicationId }, settlementSchema.parse({ spent_labour: spent }))).ok).toBe(true)
  expect((await decideSettlement({ db: handle.db, actor: as(task.staff, 'staff'), applicationId: task.applicationId }, decideSettlementSchema.parse({ version: '1', decision: 'accept' }))).ok).toBe(true)
}

const close = (task: ContractedTask) => applyTransition(handle.db, { applicationId: task.applicationId, event: 'close', as: 'staff', actor: task.staff, lang: 'vi' })

describe('the amount to recover', () => {
  it('is the unused money at its share plus the spent money at the share chosen, in whole đồng', () => {
    expect(recoveryAmount({ paid: 180_000_000, spent: 100_000_000, unusedPct: 100, spentPct: 30 })).toEqual({ unused: 80_000_000, amount: 110_000_000 })
    expect(recoveryAmount({ paid: 333, spent: 333, unusedPct: 100, spentPct: 12.5 })).toEqual({ unused: 0, amount: 42 })
    // Spending reported beyond what was paid recovers no more than was paid.
    expect(recoveryAmount({ paid: 100, spent: 500, unusedPct: 100, spentPct: 100 })).toEqual({ unused: 0, amount: 100 })
  })
})

describe('the liquidation of a contract', () => {
  it('of a failed task: refused before the settlement, computed by the rules, signed, the contract liquidated, the recovery owed, then closed', async () => {
    const task = await createContractedTask(handle.db, env)
    const staff = { db: handle.db, actor: as(task.staff, 'staff'), applicationId: task.applicationId }
    expect(await prepareLiquidation(staff, { cause: 'subjective' })).toMatchObject({ ok: false, errors: { form: 'payments.v.liquidation.notDue' } })
    await toOutcome(task, false)
    expect(await prepareLiquidation(staff, { cause: 'subjective' })).toMatchObject({ ok: false, errors: { form: 'payments.v.liquidation.settlement' } })
    await paidAndSettled(task, 180_000_000, '100.000.000')
    expect(await prepareLiquidation(staff, {})).toMatchObject({ ok: false, errors: { cause: 'payments.v.cause.required' } })
    // A subjective cause recovers at least 30 % of what was spent.
    expect(await prepareLiquidation(staff, { cause: 'subjective', spentPct: 20 })).toMatchObject({ ok: false, errors: { spentPct: 'payments.v.spentPct.bounds' } })
    expect((await prepareLiquidation(staff, { cause: 'subjective' })).ok).toBe(true)
    expect(await liquidationOf(handle.db, task.contractId)).toMatchObject({ outcome: 'failed', status: 'draft', paidTotal: 180_000_000, spentAccepted: 100_000_000, unusedPct: 100, spentPct: 30, recoverAmount: 110_000_000 })

    expect(await close(task)).toMatchObject({ ok: false, problem: 'workflow.refused.notLiquidated' })
    const sent = await requestSignature(handle.db, { applicationId: task.applicationId, kind: 'liquidation', actor: task.staff, appUrl: env.APP_URL })
    expect(sent).toMatchObject({ ok: true, already: false })
    const signed = await signPending(handle.db, uploadStorage(env), { applicationId: task.applicationId }, { ...task.director, roles: ['director'] })
    expect(signed).toMatchObject({ ok: true, document: { kind: 'liquidation', symbol: expect.stringMatching(/^\d{2,}\/BB-/) } })
    expect(await isLiquidated(handle.db, task.applicationId)).toBe(true)
    const contract = await handle.db.selectFrom('contracts').select('status').where('id', '=', task.contractId).executeTakeFirstOrThrow()
    expect(contract.status).toBe('liquidated')
    expect(await recoveriesOf(handle.db, task.contractId)).toEqual([expect.objectContaining({ kind: 'recovery', amount: 110_000_000, received: 0, remaining: 110_000_000 })])
    expect(await contractMoney(handle.db, task.contractId)).toMatchObject({ paid: 180_000_000, owed: 110_000_000, recovered: 0 })

    // The record reads back with its figures, and pdfsig validates both signatures.
    const doc = await handle.db.selectFrom('documents').select(['storage_key']).where('kind', '=', 'liquidation').where('application_id', '=', task.applicationId).executeTakeFirstOrThrow()
    const file = join(dataDir, 'liquidation.pdf')
    const chunks: Buffer[] = []
    for await (const chunk of uploadStorage(env).get(doc.storage_key)) chunks.push(chunk as Buffer)
    await writeFile(file, Buffer.concat(chunks))
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize('NFC')
    expect(text).toMatch(/BIÊN BẢN/)
    expect(text).toMatch(/110\.000\.000 đồng/)
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toMatch(/Signature #2/)

    expect(await prepareLiquidation(staff, { cause: 'subjective' })).toMatchObject({ ok: false, errors: { form: 'payments.v.liquidation.signed' } })
    expect(await close(task)).toMatchObject({ ok: true })
  })

  it('of a completed task owes nothing by recovery and closes once signed', async () => {
    const task = await createContractedTask(handle.db, env)
    await toOutcome(task, true)
    await paidAndSettled(task, 180_000_000, '180.000.000')
    expect((await prepareLiquidation({ db: handle.db, actor: as(task.staff, 'staff'), applicationId: task.applicationId }, {})).ok).toBe(true)
    expect(await liquidationOf(handle.db, task.contractId)).toMatchObject({ outcome: 'completed', recoverAmount: 0 })
    await requestSignature(handle.db, { applicationId: task.applicationId, kind: 'liquidation', actor: task.staff, appUrl: env.APP_URL })
    expect(await signPending(handle.db, uploadStorage(env), { applicationId: task.applicationId }, { ...task.director, roles: ['director'] })).toMatchObject({ ok: true })
    expect(await recoveriesOf(handle.db, task.contractId)).toEqual([])
    expect(await close(task)).toMatchObject({ ok: true })
  })

  it('is prepared and sent for signature from the settlement page: the cause of a failure asked for, sent once', async () => {
    const task = await createContractedTask(handle.db, env)
    await toOutcome(task, false)
    const context = testContext(handle, env)
    const cookie = await sessionFor(context, task.staff.id)
    const params = { id: task.applicationId }
    const path = `/staff/tasks/${task.applicationId}/settlement`
    const view = async () => (await (await invoke(officePage, context, { path, cookie, params })).json()) as { canLiquidate: boolean; failed: boolean; liquidation: { status: string } | null; signatureId: string | null }
    // Before the settlement is accepted there is nothing to send.
    expect(await view()).toMatchObject({ canLiquidate: false, liquidation: null })
    await paidAndSettled(task, 180_000_000, '100.000.000')
    expect(await view()).toMatchObject({ canLiquidate: true, failed: true, signatureId: null })

    // A failed task's record needs its cause: a 400 that says so, nothing sent.
    const bad = await invoke(officePage, context, { method: 'POST', path, cookie, params, form: { intent: 'liquidate' } })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toContain('payments.v.cause.required')
    expect(await openSignatureRequest(handle.db, { applicationId: task.applicationId }, 'liquidation')).toBeNull()

    const sent = await invoke(officePage, context, { method: 'POST', path, cookie, params, form: { intent: 'liquidate', cause: 'objective' } })
    expect(sent.status).toBe(302)
    expect(sent.headers.get('Location')).toBe(`${path}?notice=liquidation`)
    const request = await openSignatureRequest(handle.db, { applicationId: task.applicationId }, 'liquidation')
    expect(request).not.toBeNull()
    // It reads as sent, links to the request, and is not offered again.
    expect(await view()).toMatchObject({ canLiquidate: false, liquidation: { status: 'sent' }, signatureId: request!.id })
    expect(await liquidationOf(handle.db, task.contractId)).toMatchObject({ outcome: 'failed', cause: 'objective' })
  })
})
