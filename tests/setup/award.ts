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

/**
 * The grantee submits the task's next report due (its schedule was drawn when the work started) and the office
 * accepts it, through the reports module as the pages do: a tranche that waits for a report accepted may then be paid.
 */
export async function acceptNextReport(db: DB, task: ContractedTask): Promise<void> {
  const r = await import('../../app/modules/reports')
  const open = (await r.listReports(db, task.contractId)).find((x) => x.status === 'due' || x.status === 'changes_requested')
  if (!open) throw new Error('no report left to accept')
  const t = (await r.getTask(db, task.applicationId))!
  const submitted = await r.submitReport(db, { task: t, reportId: open.id, expectedVersion: open.version, workDone: 'Đã thực hiện theo thuyết minh.', problems: '', nextSteps: '', actor: task.owner, appUrl: 'http://portal.test' })
  expect(submitted, 'report submitted').toMatchObject({ ok: true })
  const version = (submitted as { version: number }).version
  expect(await r.reviewReport(db, { task: t, reportId: open.id, expectedVersion: version, outcome: 'accepted', note: '', actor: task.staff, appUrl: 'http://portal.test' }), 'report accepted').toMatchObject({ ok: true })
}

const RESULTS = {
  summary: 'Tóm tắt kết quả thực hiện nhiệm vụ.',
  products: 'Quy trình nhân giống cà phê; báo cáo tổng hợp.',
  self_assessment: 'Hoàn thành đủ khối lượng và chất lượng theo hợp đồng.',
  spending_report: 'Đã sử dụng theo dự toán được duyệt.',
  self_rating: 'pass',
  spent_amount: '432.000.000',
}

/**
 * Takes a task in progress through acceptance as the portal does: the grantee submits a complete results
 * dossier, a council of seven is seated and formed, each member declares no conflict and rates it (all Đạt, or
 * all Không đạt when `pass` is false), the council concludes, the presiding member signs its minutes, and the
 * office records the outcome: `completed` or `failed`.
 */
export async function throughAcceptance(db: DB, env: Env, task: ContractedTask, pass = true) {
  const a = await import('../../app/modules/acceptance')
  const { requestSignature } = await import('../../app/modules/decisions')
  const { signPending } = await import('./signing')
  const { createReviewers } = await import('./review')
  expect(await a.saveResultsDossier(db, { applicationId: task.applicationId, values: RESULTS, actor: task.owner })).toEqual({ ok: true })
  expect(await a.submitResults(db, { applicationId: task.applicationId, actor: task.owner, as: 'applicant', lang: 'vi', appUrl: env.APP_URL })).toMatchObject({ ok: true })
  const seats = ['chair', 'vice_chair', 'secretary', 'opponent', 'opponent', 'member', 'member'] as const
  const members = await createReviewers(db, seats.length)
  for (const [i, m] of members.entries()) {
    expect(await a.addAcceptanceMember(db, { applicationId: task.applicationId, email: m.email, role: seats[i], actor: task.staff })).toEqual({ ok: true })
  }
  expect(await a.formAcceptanceCouncil(db, { applicationId: task.applicationId, meetingOn: '15/01/2099', location: 'Phòng họp Quỹ', actor: task.staff, appUrl: env.APP_URL })).toEqual({ ok: true })
  const council = (await a.getAcceptanceCouncil(db, task.applicationId))!
  for (const m of members) {
    expect(await a.declareAcceptanceConflict(db, { councilId: council.id, userId: m.id, conflict: 'none', reason: '', actor: m })).toEqual({ ok: true })
    expect(await a.castAcceptanceVote(db, { councilId: council.id, userId: m.id, vote: pass ? 'pass' : 'fail', comment: 'Nhận xét.', actor: m })).toEqual({ ok: true })
  }
  expect(await a.concludeAcceptance(db, { applicationId: task.applicationId, conclusions: pass ? 'Nhiệm vụ đạt.' : 'Nhiệm vụ không đạt.', actor: task.staff })).toMatchObject({ ok: true })
  expect(await requestSignature(db, { applicationId: task.applicationId, kind: 'acceptance_minutes', actor: task.staff, appUrl: env.APP_URL })).toMatchObject({ ok: true })
  expect(await signPending(db, uploadStorage(env), { applicationId: task.applicationId }, { ...members[0], roles: ['reviewer'] })).toMatchObject({ ok: true })
  const outcome = await applyTransition(db, {
    applicationId: task.applicationId,
    event: pass ? 'pass_acceptance' : 'fail_acceptance',
    actor: task.staff,
    as: 'staff',
    lang: 'vi',
    appUrl: env.APP_URL,
    input: pass ? {} : { reasons: 'Sản phẩm không đạt yêu cầu.' },
  })
  expect(outcome).toMatchObject({ ok: true, status: pass ? 'completed' : 'failed' })
}
