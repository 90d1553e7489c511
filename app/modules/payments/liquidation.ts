import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { FailureCause } from '../../../db/schema'
import { liquidationRecord } from '../../../templates/liquidation'
import type { FileStorage } from '../applications'
import { recordAudit } from '../audit'
import { addDaysIso } from './days'
import { documentsQuery, type IssuedDocument, toIssuedDocument } from '../decisions/documents'
import { blankNumber, fundForDocuments, type SignerLines, withSigner } from '../decisions/issue'
import { takeNumber } from '../decisions/register'
import { type Signing, signAndStore } from '../decisions/signing'
import { renderDocument } from '../documents/layout'
import { getFundSettings } from '../fund'
import { vnDate } from '../calendar'
import { contractMoney } from './ledger'
import type { Actor, PaymentOutcome } from './requests'
import { getMoneyRules, recoveryAmount } from './rules'
import { insertRecovery, settlementOf } from './settlement'
import { taskOf } from './task'

// Thanh lý hợp đồng (issue 12, ADR 019): once the task is accepted (completed) or failed and its settlement is
// accepted, the office prepares the liquidation — the final figures, and on failure the amount to recover by the
// rules (rules.ts) — and sends the record for signature like the Fund's other documents (decisions/requests.ts,
// kind 'liquidation'). Signing numbers and signs it, marks the contract liquidated and records the amount to
// recover, tracked until repaid (settlement.ts). `close` waits for it (workflow/rules.ts).

export const LIQUIDATION_KIND = 'liquidation'

interface Context {
  db: DB
  actor: Actor
  ip?: string | null
  now?: Date
}

const fail = (status: 400 | 403 | 404 | 409, field: string, key: string): PaymentOutcome => ({ ok: false, status, errors: { [field]: key } })

export interface LiquidationInput {
  cause?: FailureCause | null
  /** The share of the money spent to recover, in %; the rule's bound when not given. */
  spentPct?: number | null
  note?: string
}

/** The office prepares (or, before it is signed, prepares again) the liquidation of a completed or failed task. */
export async function prepareLiquidation(ctx: Context & { applicationId: string }, input: LiquidationInput): Promise<PaymentOutcome> {
  if (!ctx.actor.roles.includes('staff')) return fail(403, 'form', 'payments.v.role')
  const task = await taskOf(ctx.db, ctx.applicationId)
  if (!task) return fail(404, 'form', 'payments.v.notFound')
  if (task.status !== 'completed' && task.status !== 'failed') return fail(409, 'form', 'payments.v.liquidation.notDue')
  const settlement = await settlementOf(ctx.db, task.contract.id)
  if (settlement?.status !== 'accepted') return fail(409, 'form', 'payments.v.liquidation.settlement')
  const rules = await getMoneyRules(ctx.db)
  const money = await contractMoney(ctx.db, task.contract.id)
  const failed = task.status === 'failed'
  let cause: FailureCause | null = null
  let unusedPct = 0
  let spentPct = 0
  let recover = 0
  if (failed) {
    if (!input.cause) return fail(400, 'cause', 'payments.v.cause.required')
    cause = input.cause
    spentPct = input.spentPct ?? (cause === 'subjective' ? rules.spentRecoveryMinPctSubjective : rules.spentRecoveryMaxPctObjective)
    if (cause === 'subjective' ? spentPct < rules.spentRecoveryMinPctSubjective || spentPct > 100 : spentPct > rules.spentRecoveryMaxPctObjective || spentPct < 0)
      return fail(400, 'spentPct', 'payments.v.spentPct.bounds')
    unusedPct = rules.unusedRecoveryPct
    recover = recoveryAmount({ paid: money.paid, spent: settlement.spentTotal, unusedPct, spentPct }).amount
  }
  return ctx.db.transaction().execute(async (trx): Promise<PaymentOutcome> => {
    await sql`SELECT id FROM contracts WHERE id = ${task.contract.id} FOR UPDATE`.execute(trx)
    const existing = await trx.selectFrom('liquidations').select(['id', 'status']).where('contract_id', '=', task.contract.id).executeTakeFirst()
    if (existing && existing.status === 'signed') return fail(409, 'form', 'payments.v.liquidation.signed')
    const values = {
      outcome: failed ? ('failed' as const) : ('completed' as const),
      paid_total: money.paid,
      spent_accepted: settlement.spentTotal,
      cause,
      unused_pct: unusedPct,
      spent_pct: spentPct,
      recover_amount: recover,
      note: input.note ?? '',
    }
    const id = existing
      ? (await trx.updateTable('liquidations').set(values).where('id', '=', existing.id).returning('id').executeTakeFirstOrThrow()).id
      : (await trx.insertInto('liquidations').values({ contract_id: task.contract.id, created_by: ctx.actor.id, ...values }).returning('id').executeTakeFirstOrThrow()).id
    await recordAudit(trx, { action: 'liquidation.prepared', actor: ctx.actor, subjectType: 'application', subjectId: task.id, ip: ctx.ip ?? null, details: { outcome: values.outcome, paid: money.paid, spent: settlement.spentTotal, recover } })
    return { ok: true, id }
  })
}

export interface Liquidation {
  id: string
  outcome: 'completed' | 'failed'
  status: 'draft' | 'sent' | 'signed'
  paidTotal: number
  spentAccepted: number
  cause: FailureCause | null
  unusedPct: number
  spentPct: number
  recoverAmount: number
  documentId: string | null
  signedAt: Date | null
}

export async function liquidationOf(db: DB, contractId: string): Promise<Liquidation | null> {
  const r = await db.selectFrom('liquidations').selectAll().where('contract_id', '=', contractId).executeTakeFirst()
  if (!r) return null
  return {
    id: r.id,
    outcome: r.outcome,
    status: r.status,
    paidTotal: r.paid_total,
    spentAccepted: r.spent_accepted,
    cause: r.cause,
    unusedPct: Number(r.unused_pct),
    spentPct: Number(r.spent_pct),
    recoverAmount: r.recover_amount,
    documentId: r.document_id,
    signedAt: r.signed_at,
  }
}

/** Whether the application's liquidation is prepared and waits to be signed (the signing request's check). */
export async function liquidationDue(db: DB, applicationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('liquidations as l')
    .innerJoin('contracts as c', 'c.id', 'l.contract_id')
    .select('l.id')
    .where('c.application_id', '=', applicationId)
    .where('l.status', '!=', 'signed')
    .executeTakeFirst()
  return !!row
}

/** Whether the contract of the application is liquidated (the guard of `close`). */
export async function isLiquidated(db: DB, applicationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('liquidations as l')
    .innerJoin('contracts as c', 'c.id', 'l.contract_id')
    .select('l.id')
    .where('c.application_id', '=', applicationId)
    .where('l.status', '=', 'signed')
    .executeTakeFirst()
  return !!row
}

async function draw(db: DB, applicationId: string, number: number | null, now: Date, signer?: SignerLines) {
  const task = await taskOf(db, applicationId)
  const liq = task ? await liquidationOf(db, task.contract.id) : null
  if (!task || !liq) return null
  const model = liquidationRecord({
    fund: withSigner(fundForDocuments(await getFundSettings(db)), signer),
    number: number ?? 0,
    date: now,
    reference: task.reference ?? '',
    taskTitle: task.title,
    organisation: task.organisationName,
    contractSignedOn: task.contract.signedAt ? vnDate(task.contract.signedAt).split('-').reverse().join('/') : '',
    outcome: liq.outcome,
    fundAmount: task.contract.fundAmount,
    paid: liq.paidTotal,
    spentAccepted: liq.spentAccepted,
    recovery:
      liq.outcome === 'failed' && liq.cause
        ? { cause: liq.cause, unused: Math.max(0, liq.paidTotal - liq.spentAccepted), unusedPct: String(liq.unusedPct).replace('.', ','), spentPct: String(liq.spentPct).replace('.', ','), amount: liq.recoverAmount }
        : null,
    note: '',
  })
  return { task, liq, model: number ? model : blankNumber(model) }
}

/** The record as it would be issued, unnumbered, for its signer to read. */
export async function previewLiquidation(db: DB, applicationId: string, now = new Date()): Promise<Uint8Array | null> {
  const drawn = await draw(db, applicationId, null, now)
  return drawn ? renderDocument(drawn.model) : null
}

export type IssueLiquidationResult = { ok: true; document: IssuedDocument; already: boolean } | { ok: false; reason: 'not_found' }

/**
 * Issues the liquidation record in the caller's transaction (the signing request's): number, drawn with the
 * signer's block, signed and stored; the contract liquidated; on failure the amount to recover owed from now.
 */
export async function issueLiquidationIn(
  trx: DB,
  storage: FileStorage,
  input: { applicationId: string; actor: { id: string; email: string }; ip?: string | null; now?: Date; signing: Signing },
): Promise<IssueLiquidationResult> {
  const now = input.now ?? new Date()
  const task = await taskOf(trx, input.applicationId)
  if (!task) return { ok: false, reason: 'not_found' }
  await sql`SELECT id FROM contracts WHERE id = ${task.contract.id} FOR UPDATE`.execute(trx)
  const liq = await liquidationOf(trx, task.contract.id)
  if (!liq) return { ok: false, reason: 'not_found' }
  if (liq.status === 'signed' && liq.documentId) {
    const row = await documentsQuery(trx).where('d.id', '=', liq.documentId).executeTakeFirstOrThrow()
    return { ok: true, document: toIssuedDocument(row), already: true }
  }
  const register = await takeNumber(trx, { type: 'minutes', title: `Biên bản thanh lý hợp đồng ${task.reference ?? ''}`.trim(), subjectType: 'application', subjectId: task.id, actor: input.actor, now, ip: input.ip })
  const { party } = input.signing
  const drawn = await draw(trx, task.id, register.number, now, { name: party.user.fullName, capacity: party.capacity, authority: party.authority })
  if (!drawn) throw new Error(`the liquidation record of ${task.id} could not be drawn`)
  const { document } = await signAndStore(trx, storage, { register, kind: LIQUIDATION_KIND, model: drawn.model, prefix: 'Bien-ban-thanh-ly-', applicationId: task.id, callId: task.callId, actor: input.actor, now, signing: input.signing })
  let recoveryId: string | null = null
  if (liq.outcome === 'failed' && liq.recoverAmount > 0) {
    const rules = await getMoneyRules(trx)
    recoveryId = await insertRecovery(trx, { db: trx, actor: { ...input.actor, fullName: '', roles: [] }, ip: input.ip, contractId: task.contract.id, applicationId: task.id }, {
      kind: 'recovery',
      amount: liq.recoverAmount,
      reason: `Thu hồi kinh phí theo biên bản thanh lý ${register.symbol}`,
      dueOn: addDaysIso(vnDate(now), rules.recoveryDueDays),
    })
  }
  await trx.updateTable('liquidations').set({ status: 'signed', document_id: document.id, signed_at: now, recovery_id: recoveryId }).where('id', '=', liq.id).execute()
  await trx.updateTable('contracts').set({ status: 'liquidated', updated_at: now, version: sql`version + 1` }).where('id', '=', task.contract.id).execute()
  await recordAudit(trx, { action: 'liquidation.signed', actor: input.actor, subjectType: 'application', subjectId: task.id, ip: input.ip ?? null, details: { symbol: register.symbol, recover: liq.recoverAmount } })
  return { ok: true, document, already: false }
}
