import { expect } from 'vitest'
import type { DB } from '../../db'
import type { Env } from '../../app/config/env.server'
import type { Modality, TrancheCondition, TrancheKind } from '../../db/schema'
import { uploadStorage } from '../../app/modules/applications'
import { issueOutcome } from '../../app/modules/decisions'
import { applyTransition } from '../../app/modules/workflow'
import { createUser } from './app'
import { createCall } from './calls'
import { concludeOnCouncil, createEligibleApplication, type FixturePerson, reviseAndAppraise } from './review'
import { testSigning } from './signing'

// Fixtures for post-award (issue 12): an application the director approved and whose decision is issued and
// signed (driven through the real machine and the real documents), and a funded task under a signed contract.
// The contract row is written directly: drafting and signing it is the contracts tests' business.

export interface ApprovedApplication {
  applicationId: string
  organisationId: string
  callId: string
  owner: FixturePerson
  staff: FixturePerson
  director: FixturePerson
  /** The amount approved (đồng). */
  amount: number
}

/**
 * An application approved for `amount` (default 450.000.000 ₫, within the appraisal of reviseAndAppraise) on a
 * call of `modality` (default grant), its decision issued and signed. `env` must have a DATA_DIR.
 */
export async function createApprovedApplication(db: DB, env: Env, opts: { modality?: Modality; amount?: number; callId?: string } = {}): Promise<ApprovedApplication> {
  const callId = opts.callId ?? (await createCall(db, { modality: opts.modality ?? 'grant' })).id
  const app = await createEligibleApplication(db, env, { callId })
  const d = await createUser(db, { roles: ['director'], fullName: 'Giám Đốc Quỹ Thử', email: `director.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 7)}@quykhcn.vn` })
  const director = { ...d, fullName: 'Giám Đốc Quỹ Thử' }
  await concludeOnCouncil(db, { applicationId: app.applicationId, staff: app.staff })
  await reviseAndAppraise(db, env, app)
  const amount = opts.amount ?? 450_000_000
  const approved = await applyTransition(db, {
    applicationId: app.applicationId,
    event: 'approve',
    actor: director,
    as: 'director',
    input: { amount: amount.toLocaleString('vi-VN'), conditions: 'Giải ngân theo hợp đồng.' },
    lang: 'vi',
  })
  expect(approved).toMatchObject({ ok: true })
  const issued = await issueOutcome(db, uploadStorage(env), { applicationId: app.applicationId, actor: director, signing: await testSigning(director, env.APP_URL) })
  expect(issued).toMatchObject({ ok: true })
  return { ...app, director, amount }
}

export interface TrancheInput {
  kind: TrancheKind
  amount: number
  dueOn?: string
  condition?: TrancheCondition
}

export interface ContractedTask extends ApprovedApplication {
  contractId: string
}

/**
 * A funded task under a signed contract, `in_progress` (or `contracted` with `start: false`): by default 12
 * months from 2027-01-01, reports every 6 months, paid in an advance of 40 %, an interim 40 % after a report is
 * accepted and a final 20 % on acceptance.
 */
export async function createContractedTask(
  db: DB,
  env: Env,
  opts: { modality?: Modality; amount?: number; startsOn?: string; endsOn?: string; reportEveryMonths?: number; tranches?: TrancheInput[]; start?: boolean } = {},
): Promise<ContractedTask> {
  const approved = await createApprovedApplication(db, env, opts)
  const amount = approved.amount
  const tranches: TrancheInput[] = opts.tranches ?? [
    { kind: 'advance', amount: amount * 0.4, dueOn: opts.startsOn ?? '2027-01-01', condition: 'none' },
    { kind: 'interim', amount: amount * 0.4, condition: 'report_accepted' },
    { kind: 'final', amount: amount - 2 * amount * 0.4, condition: 'acceptance' },
  ]
  const modality = opts.modality ?? 'grant'
  const contract = await db
    .insertInto('contracts')
    .values({
      application_id: approved.applicationId,
      modality,
      status: 'signed',
      fund_amount: amount,
      counterpart_amount: 500_000_000,
      starts_on: opts.startsOn ?? '2027-01-01',
      ends_on: opts.endsOn ?? '2027-12-31',
      lump_sum: 'partial',
      report_every_months: opts.reportEveryMonths ?? 6,
      created_by: approved.staff.id,
      updated_at: new Date(),
      signed_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('contract_tranches')
    .values(tranches.map((t, i) => ({ contract_id: contract.id, seq: i + 1, kind: t.kind, amount: t.amount, due_on: t.dueOn ?? null, condition: t.condition ?? 'none' })))
    .execute()
  const move = async (event: 'sign_contract' | 'start_work') =>
    expect(await applyTransition(db, { applicationId: approved.applicationId, event, as: 'staff', actor: approved.staff, lang: 'vi' }), event).toMatchObject({ ok: true })
  await move('sign_contract')
  if (opts.start !== false) await move('start_work')
  return { ...approved, contractId: contract.id }
}
