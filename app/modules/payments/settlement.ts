import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { RecoveryKind, SettlementLine, SettlementStatus } from '../../../db/schema'
import { parseMoney } from '../calls/fields'
import { recordAudit } from '../audit'
import { contractMoney } from './ledger'
import type { Actor, PaymentOutcome } from './requests'
import { type DecideSettlementInput, type ReceiptInput, type RecoveryInput, SETTLEMENT_CATEGORIES, type SettlementInput } from './schemas'
import { memberRole, taskOf } from './task'

// Quyết toán (issue 12): the grantee reports what was spent in each budget category against the plan (the
// Fund's share of the application's budget); the office accepts it or returns it. Accepted, it clears the
// advances: the balance is what was paid less what was accepted as spent — above zero, the grantee refunds it.
// Refunds and recoveries are amounts owed back to the Fund, received in parts until repaid (the database refuses
// receipts past the amount owed: trigger recovery_within_amount, migration 0025).

interface Context {
  db: DB
  actor: Actor
  ip?: string | null
  now?: Date
}

const fail = (status: 400 | 403 | 404 | 409, form: string): PaymentOutcome => ({ ok: false, status, errors: { form } })

/** The Fund's share planned for each budget category: as a signed amendment moved it (ADR 025), else the application's budget section. */
export async function plannedByCategory(db: DB, applicationId: string): Promise<{ category: string; planned: number }[]> {
  const contract = await db.selectFrom('contracts').select('terms').where('application_id', '=', applicationId).executeTakeFirst()
  const amended = (contract?.terms as { budget?: Record<string, number> } | undefined)?.budget
  if (amended) return SETTLEMENT_CATEGORIES.map((c) => ({ category: c, planned: Number(amended[c] ?? 0) }))
  const row = await db.selectFrom('application_sections').select('data').where('application_id', '=', applicationId).where('key', '=', 'budget').executeTakeFirst()
  const data = (row?.data ?? {}) as Record<string, unknown>
  return SETTLEMENT_CATEGORIES.map((c) => ({ category: c, planned: typeof data[`${c}_requested`] === 'string' ? (parseMoney(data[`${c}_requested`] as string) ?? 0) : 0 }))
}

export interface Settlement {
  status: SettlementStatus
  lines: SettlementLine[]
  spentTotal: number
  note: string
  decisionNote: string
  version: number
  /** paid − spent (accepted or as reported): above zero, owed back; below, spent beyond what was paid. */
  balance: number
  paid: number
}

/** The task's settlement as reported or decided, with the balance against what was paid; null before one. */
export async function settlementOf(db: DB, contractId: string): Promise<Settlement | null> {
  const row = await db.selectFrom('settlements').selectAll().where('contract_id', '=', contractId).executeTakeFirst()
  if (!row) return null
  const { paid } = await contractMoney(db, contractId)
  const lines = (typeof row.lines === 'string' ? JSON.parse(row.lines) : row.lines) as SettlementLine[]
  return { status: row.status, lines, spentTotal: row.spent_total, note: row.note, decisionNote: row.decision_note, version: row.version, paid, balance: paid - row.spent_total }
}

/** The grantee reports the spending (again, after a return); refused once accepted. */
export async function submitSettlement(ctx: Context & { applicationId: string }, input: SettlementInput): Promise<PaymentOutcome> {
  const task = await taskOf(ctx.db, ctx.applicationId)
  if (!task) return fail(404, 'payments.v.notFound')
  const role = await memberRole(ctx.db, task.organisationId, ctx.actor.id)
  if (role !== 'owner' && role !== 'editor') return fail(403, 'payments.v.notYours')
  const planned = new Map((await plannedByCategory(ctx.db, task.id)).map((p) => [p.category, p.planned]))
  const lines: SettlementLine[] = input.lines.map((l) => ({ category: l.category, planned: planned.get(l.category) ?? 0, spent: l.spent }))
  const spent = lines.reduce((s, l) => s + l.spent, 0)
  const now = ctx.now ?? new Date()
  return ctx.db.transaction().execute(async (trx): Promise<PaymentOutcome> => {
    await sql`SELECT id FROM contracts WHERE id = ${task.contract.id} FOR UPDATE`.execute(trx)
    const existing = await trx.selectFrom('settlements').select(['id', 'status', 'version']).where('contract_id', '=', task.contract.id).executeTakeFirst()
    if (existing?.status === 'accepted') return fail(409, 'payments.v.settlement.accepted')
    let id: string
    if (existing) {
      await trx
        .updateTable('settlements')
        .set({ status: 'submitted', lines: JSON.stringify(lines), spent_total: spent, note: input.note, submitted_by: ctx.actor.id, submitted_at: now, decision_note: '', version: existing.version + 1 })
        .where('id', '=', existing.id)
        .execute()
      id = existing.id
    } else {
      id = (await trx.insertInto('settlements').values({ contract_id: task.contract.id, lines: JSON.stringify(lines), spent_total: spent, note: input.note, submitted_by: ctx.actor.id }).returning('id').executeTakeFirstOrThrow()).id
    }
    await recordAudit(trx, { action: 'settlement.submitted', actor: ctx.actor, subjectType: 'application', subjectId: task.id, ip: ctx.ip ?? null, details: { spent } })
    return { ok: true, id }
  })
}

/** The office accepts the settlement (the advances are cleared) or returns it with the reason. */
export async function decideSettlement(ctx: Context & { applicationId: string }, input: DecideSettlementInput): Promise<PaymentOutcome> {
  if (!ctx.actor.roles.includes('staff')) return fail(403, 'payments.v.role')
  const task = await taskOf(ctx.db, ctx.applicationId)
  if (!task) return fail(404, 'payments.v.notFound')
  const now = ctx.now ?? new Date()
  return ctx.db.transaction().execute(async (trx): Promise<PaymentOutcome> => {
    const row = await trx.selectFrom('settlements').select(['id', 'status', 'version', 'spent_total']).where('contract_id', '=', task.contract.id).forUpdate().executeTakeFirst()
    if (!row) return fail(404, 'payments.v.notFound')
    if (row.version !== input.version) return fail(409, 'payments.v.stale')
    if (row.status !== 'submitted') return fail(409, 'payments.v.state')
    const status = input.decision === 'accept' ? 'accepted' : 'returned'
    await trx.updateTable('settlements').set({ status, decided_by: ctx.actor.id, decided_at: now, decision_note: input.note, version: row.version + 1 }).where('id', '=', row.id).execute()
    await recordAudit(trx, { action: input.decision === 'accept' ? 'settlement.accepted' : 'settlement.returned', actor: ctx.actor, subjectType: 'application', subjectId: task.id, ip: ctx.ip ?? null, details: { spent: row.spent_total, ...(input.note ? { note: input.note } : {}) } })
    return { ok: true, id: row.id }
  })
}

export interface Recovery {
  id: string
  kind: RecoveryKind
  amount: number
  reason: string
  dueOn: string | null
  received: number
  /** Owed and not yet received. */
  remaining: number
}

/** The amounts owed back for a contract, each with what was received; oldest first. */
export async function recoveriesOf(db: DB, contractId: string): Promise<Recovery[]> {
  const rows = await db
    .selectFrom('recoveries as r')
    .select(['r.id', 'r.kind', 'r.amount', 'r.reason', sql<string | null>`to_char(r.due_on, 'YYYY-MM-DD')`.as('due_on'), sql<string>`(SELECT coalesce(sum(x.amount), 0) FROM recovery_receipts x WHERE x.recovery_id = r.id)`.as('received')])
    .where('r.contract_id', '=', contractId)
    .orderBy('r.created_at')
    .execute()
  return rows.map((r) => ({ id: r.id, kind: r.kind, amount: r.amount, reason: r.reason, dueOn: r.due_on, received: Number(r.received), remaining: r.amount - Number(r.received) }))
}

/** The office records an amount the grantee owes back (in the caller's transaction when given one). */
export async function recordRecovery(ctx: Context & { applicationId: string }, input: RecoveryInput): Promise<PaymentOutcome> {
  if (!ctx.actor.roles.includes('staff')) return fail(403, 'payments.v.role')
  const task = await taskOf(ctx.db, ctx.applicationId)
  if (!task) return fail(404, 'payments.v.notFound')
  return ctx.db.transaction().execute(async (trx) => ({ ok: true as const, id: await insertRecovery(trx, { ...ctx, contractId: task.contract.id, applicationId: task.id }, input) }))
}

export async function insertRecovery(trx: DB, ctx: Context & { contractId: string; applicationId: string }, input: RecoveryInput): Promise<string> {
  const row = await trx
    .insertInto('recoveries')
    .values({ contract_id: ctx.contractId, kind: input.kind, amount: input.amount, reason: input.reason, due_on: input.dueOn, created_by: ctx.actor.id })
    .returning('id')
    .executeTakeFirstOrThrow()
  await recordAudit(trx, { action: 'recovery.recorded', actor: ctx.actor, subjectType: 'application', subjectId: ctx.applicationId, ip: ctx.ip ?? null, details: { recovery: row.id, kind: input.kind, amount: input.amount } })
  return row.id
}

/** The chief accountant records money received against an amount owed; never more than is still owed. */
export async function recordReceipt(ctx: Context, input: ReceiptInput): Promise<PaymentOutcome> {
  if (!ctx.actor.roles.includes('accountant')) return fail(403, 'payments.v.role')
  try {
    return await ctx.db.transaction().execute(async (trx): Promise<PaymentOutcome> => {
      const owed = await trx
        .selectFrom('recoveries as r')
        .innerJoin('contracts as c', 'c.id', 'r.contract_id')
        .select(['r.id', 'r.amount', 'c.application_id'])
        .where('r.id', '=', input.recoveryId)
        .forUpdate()
        .executeTakeFirst()
      if (!owed) return fail(404, 'payments.v.notFound')
      const got = await trx.selectFrom('recovery_receipts').select(sql<string>`coalesce(sum(amount), 0)`.as('s')).where('recovery_id', '=', owed.id).executeTakeFirstOrThrow()
      if (Number(got.s) + input.amount > owed.amount) return { ok: false, status: 400, errors: { amount: 'payments.v.receipt.over' } }
      const row = await trx
        .insertInto('recovery_receipts')
        .values({ recovery_id: owed.id, amount: input.amount, received_on: input.receivedOn, transfer_ref: input.transferRef, recorded_by: ctx.actor.id })
        .returning('id')
        .executeTakeFirstOrThrow()
      await recordAudit(trx, { action: 'recovery.receipt_recorded', actor: ctx.actor, subjectType: 'application', subjectId: owed.application_id, ip: ctx.ip ?? null, details: { recovery: owed.id, amount: input.amount, ref: input.transferRef } })
      return { ok: true, id: row.id }
    })
  } catch (e) {
    if ((e as { code?: unknown }).code === '23514') return { ok: false, status: 400, errors: { amount: 'payments.v.receipt.over' } }
    throw e
  }
}
