import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import { contractOf } from '../../app/modules/contracts'
import { createTestDb } from '../setup/db'
import { insertFundSettings, testEnv } from '../setup/app'
import { createContractedTask } from '../setup/award'

// The post-award fixture gives a task in progress under a signed contract, read back as the modules read it;
// the database refuses a contract whose end is not after its start and a tranche of nothing.

let handle: DatabaseHandle
let dataDir: string
let env: ReturnType<typeof testEnv>

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'contracts-fixture-'))
  env = testEnv({ DATA_DIR: dataDir })
  await insertFundSettings(handle.db)
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

describe('a funded task under contract', () => {
  it('is in progress with its contract, its period and its tranches summing to the Fund amount', async () => {
    const task = await createContractedTask(handle.db, env)
    const app = await handle.db.selectFrom('applications').select(['status', 'approved_amount']).where('id', '=', task.applicationId).executeTakeFirstOrThrow()
    expect(app).toEqual({ status: 'in_progress', approved_amount: 450_000_000 })
    const contract = (await contractOf(handle.db, task.applicationId))!
    expect(contract).toMatchObject({ status: 'signed', fundAmount: 450_000_000, startsOn: '2027-01-01', endsOn: '2027-12-31', reportEveryMonths: 6 })
    expect(contract.tranches.map((t) => [t.seq, t.kind, t.amount, t.condition])).toEqual([
      [1, 'advance', 180_000_000, 'none'],
      [2, 'interim', 180_000_000, 'report_accepted'],
      [3, 'final', 90_000_000, 'acceptance'],
    ])
    expect(contract.tranches[0].dueOn).toBe('2027-01-01')
  })

  it('refuses a contract that ends before it starts and a tranche of nothing', async () => {
    const task = await createContractedTask(handle.db, env, { start: false })
    await expect(
      handle.db.updateTable('contracts').set({ ends_on: '2026-12-31' }).where('id', '=', task.contractId).execute(),
    ).rejects.toThrow()
    await expect(
      handle.db.insertInto('contract_tranches').values({ contract_id: task.contractId, seq: 9, kind: 'interim', amount: 0 }).execute(),
    ).rejects.toThrow()
    expect((await handle.db.selectFrom('applications').select('status').where('id', '=', task.applicationId).executeTakeFirstOrThrow()).status).toBe('contracted')
  })
})
