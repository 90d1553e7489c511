import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { Lang, PaymentStatus, Role, TrancheKind } from '../../../db/schema'
import { recordAudit, type AuditAction } from '../audit'
import type { NextDue } from '../contracts'
import type { MessageKey } from '../../i18n'
import { acceptedReportCount } from '../reports'
import { enqueueEmail } from '../notifications'
import { applicantRecipients, roleRecipients } from '../workflow'
import type { ApprovePaymentInput, CheckPaymentInput, RecordPaymentInput, RequestPaymentInput } from './schemas'
import { memberRole, PAYABLE_STATUSES, taskOf } from './task'

// A payment request against a tranche of the contract (issue 12, ADR 019), and its road:
//   requested (the grantee, with its evidence) → checked (the office: the evidence and the tranche's condition)
//   → approved (the chief accountant) → paid (day, amount, transfer reference) | failed (the reason);
//   the office or the chief accountant may return it to the grantee with the reason (it may then be asked again).
// Every step is one transaction: the row locked, its status and version checked, the step in payment_events,
// the audit log and the mails in the outbox. The database refuses an approval past the contract's fund amount
// (trigger payment_within_fund, migration 0025); the code checks first to say it in words.

export interface Actor {
  id: string
  email: string
  fullName: string
  roles: readonly Role[]
}

export type PaymentOutcome = { ok: true; id: string } | { ok: false; status: 400 | 403 | 404 | 409; errors: Record<string, string> }

const fail = (status: 400 | 403 | 404 | 409, form: string): PaymentOutcome => ({ ok: false, status, errors: { form } })

/** Requests whose money the Fund has promised or paid, and those still under way: counted against the fund amount. */
export const COMMITTED: readonly PaymentStatus[] = ['approved', 'paid']
export const LIVE: readonly PaymentStatus[] = ['requested', 'checked', 'approved', 'paid']

interface Context {
  db: DB
  actor: Actor
  appUrl: string
  ip?: string | null
  now?: Date
}

function isFundLimit(e: unknown): boolean {
  const err = e as { code?: unknown; constraint?: unknown; message?: unknown }
  return err?.code === '23514' && (err.constraint === 'payment_within_fund' || String(err.message ?? '').includes('fund amount'))
}

/** The grantee asks for a tranche's payment. Only an owner or editor of the task's organisation may. */
export async function requestPayment(ctx: Context & { applicationId: string }, input: RequestPaymentInput): Promise<PaymentOutcome> {
  const task = await taskOf(ctx.db, ctx.applicationId)
  if (!task) return fail(404, 'payments.v.notFound')
  const role = await memberRole(ctx.db, task.organisationId, ctx.actor.id)
  if (role !== 'owner' && role !== 'editor') return fail(403, 'payments.v.notYours')
  if (task.contract.status !== 'signed' || !PAYABLE_STATUSES.includes(task.status)) return fail(409, 'payments.v.notPayable')
  const tranche = task.contract.tranches.find((t) => t.id === input.trancheId)
  if (!tranche) return ({ ok: false, status: 400, errors: { trancheId: 'payments.v.tranche.required' } })
  if (input.amount > tranche.amount) return { ok: false, status: 400, errors: { amount: 'payments.v.amount.overTranche' } }
  try {
    const id = await ctx.db.transaction().execute(async (trx) => {
      // The contract row is the lock every money change of this task takes (the trigger takes it too).
      await sql`SELECT id FROM contracts WHERE id = ${task.contract.id} FOR UPDATE`.execute(trx)
      const live = await trx.selectFrom('payment_requests').select(['tranche_id', 'amount', 'paid_amount']).where('contract_id', '=', task.contract.id).where('status', 'in', LIVE).execute()
      if (live.some((r) => r.tranche_id === tranche.id)) return 'taken' as const
      const committed = live.reduce((s, r) => s + (r.paid_amount ?? r.amount), 0)
      if (committed + input.amount > task.contract.fundAmount) return 'over' as const
      const row = await trx
        .insertInto('payment_requests')
        .values({ contract_id: task.contract.id, tranche_id: tranche.id, amount: input.amount, evidence: input.evidence, requested_by: ctx.actor.id, updated_at: ctx.now ?? new Date() })
        .returning('id')
        .executeTakeFirstOrThrow()
      await step(trx, ctx, { requestId: row.id, from: null, to: 'requested', note: '', applicationId: task.id, amount: input.amount, trancheSeq: tranche.seq })
      return row.id
    })
    if (id === 'taken') return { ok: false, status: 409, errors: { trancheId: 'payments.v.tranche.taken' } }
    if (id === 'over') return { ok: false, status: 400, errors: { amount: 'payments.v.overFund' } }
    return { ok: true, id }
  } catch (e) {
    if ((e as { code?: unknown }).code === '23505') return { ok: false, status: 409, errors: { trancheId: 'payments.v.tranche.taken' } }
    throw e
  }
}

interface Locked {
  id: string
  contract_id: string
  tranche_id: string
  status: PaymentStatus
  version: number
  amount: number
  application_id: string
  condition: string
  seq: number
}

/** Locks a request (and, first, its contract: the order every money change takes) for a step. */
async function lock(trx: DB, requestId: string): Promise<Locked | undefined> {
  const head = await trx.selectFrom('payment_requests').select('contract_id').where('id', '=', requestId).executeTakeFirst()
  if (!head) return undefined
  await sql`SELECT id FROM contracts WHERE id = ${head.contract_id} FOR UPDATE`.execute(trx)
  const rows = await sql<Locked>`
    SELECT p.id, p.contract_id, p.tranche_id, p.status, p.version, p.amount, c.application_id, t.condition, t.seq
    FROM payment_requests p
    JOIN contracts c ON c.id = p.contract_id
    JOIN contract_tranches t ON t.id = p.tranche_id
    WHERE p.id = ${requestId}
    FOR UPDATE OF p`.execute(trx)
  const r = rows.rows[0]
  return r ? { ...r, amount: Number(r.amount), version: Number(r.version), seq: Number(r.seq) } : undefined
}

type Step = (trx: DB, row: Locked) => Promise<{ to: PaymentStatus; note: string } | { refuse: PaymentOutcome }>

/** Runs one step on a locked request: status and version checked, then the change, its history, audit and mails. */
async function advance(ctx: Context, requestId: string, version: number, from: readonly PaymentStatus[], change: Step): Promise<PaymentOutcome> {
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await lock(trx, requestId)
      if (!row) return fail(404, 'payments.v.notFound')
      if (row.version !== version) return fail(409, 'payments.v.stale')
      if (!from.includes(row.status)) return fail(409, 'payments.v.state')
      const done = await change(trx, row)
      if ('refuse' in done) return done.refuse
      await step(trx, ctx, { requestId, from: row.status, to: done.to, note: done.note, applicationId: row.application_id, amount: row.amount, trancheSeq: row.seq })
      return { ok: true, id: requestId } as const
    })
  } catch (e) {
    if (isFundLimit(e)) return fail(409, 'payments.v.overFund')
    throw e
  }
}

const can = (actor: Actor, role: Role) => actor.roles.includes(role)

/** A tranche's condition as the records answer it: met or not (with why), or null when only the office can say. */
export type ConditionAnswer = { met: true; evidence: MessageKey; count?: number } | { met: false; why: MessageKey; count?: number; needed?: number } | { met: null }

export async function conditionOf(db: DB, tranche: { contract_id: string; condition: string; seq: number; application_id: string }): Promise<ConditionAnswer> {
  if (tranche.condition === 'none') return { met: true, evidence: 'payments.condition.evidence.none' }
  if (tranche.condition === 'report_accepted') {
    // The n-th tranche that waits for a report needs n reports accepted.
    const needed = await db
      .selectFrom('contract_tranches')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('contract_id', '=', tranche.contract_id)
      .where('condition', '=', 'report_accepted')
      .where('seq', '<=', tranche.seq)
      .executeTakeFirstOrThrow()
    const count = await acceptedReportCount(db, tranche.contract_id)
    return count >= Number(needed.n)
      ? { met: true, evidence: 'payments.condition.evidence.reports', count }
      : { met: false, why: 'payments.v.condition.reportNotAccepted', count, needed: Number(needed.n) }
  }
  if (tranche.condition === 'acceptance') {
    const app = await db.selectFrom('applications').select('status').where('id', '=', tranche.application_id).executeTakeFirstOrThrow()
    return app.status === 'completed' || app.status === 'closed'
      ? { met: true, evidence: 'payments.condition.evidence.accepted' }
      : { met: false, why: 'payments.v.condition.notAccepted' }
  }
  return { met: null }
}

/** The office checks the evidence and the tranche's condition, and passes the request on or returns it. */
export async function checkPayment(ctx: Context, input: CheckPaymentInput): Promise<PaymentOutcome> {
  if (!can(ctx.actor, 'staff')) return fail(403, 'payments.v.role')
  return advance(ctx, input.requestId, input.version, ['requested'], async (trx, row) => {
    const now = ctx.now ?? new Date()
    if (input.decision === 'return') {
      await trx.updateTable('payment_requests').set({ status: 'returned', returned_reason: input.note, checked_by: ctx.actor.id, checked_at: now, version: row.version + 1, updated_at: now }).where('id', '=', row.id).execute()
      return { to: 'returned', note: input.note }
    }
    // What the records hold decides a condition they can answer (a report accepted, the task accepted): a tranche
    // whose condition the records say is not met is refused; one they cannot answer (a product delivered) the
    // office states met, with the note saying how it knows.
    const known = await conditionOf(trx, row)
    if (known.met === false) return { refuse: { ok: false, status: 409, errors: { conditionMet: known.why } } }
    if (known.met === null && (!input.conditionMet || !input.note)) return { refuse: { ok: false, status: 400, errors: { conditionMet: 'payments.v.condition.required' } } }
    await trx
      .updateTable('payment_requests')
      .set({ status: 'checked', check_note: input.note, condition_met: row.condition === 'none' ? null : true, checked_by: ctx.actor.id, checked_at: now, version: row.version + 1, updated_at: now })
      .where('id', '=', row.id)
      .execute()
    return { to: 'checked', note: input.note }
  })
}

/** The chief accountant approves a checked request (within the fund amount: the database holds the line) or returns it. */
export async function approvePayment(ctx: Context, input: ApprovePaymentInput): Promise<PaymentOutcome> {
  if (!can(ctx.actor, 'accountant')) return fail(403, 'payments.v.role')
  return advance(ctx, input.requestId, input.version, ['checked'], async (trx, row) => {
    const now = ctx.now ?? new Date()
    if (input.decision === 'return') {
      await trx.updateTable('payment_requests').set({ status: 'returned', returned_reason: input.note, version: row.version + 1, updated_at: now }).where('id', '=', row.id).execute()
      return { to: 'returned', note: input.note }
    }
    const committed = await trx
      .selectFrom('payment_requests')
      .select(sql<string>`coalesce(sum(coalesce(paid_amount, amount)), 0)`.as('sum'))
      .where('contract_id', '=', row.contract_id)
      .where('status', 'in', COMMITTED)
      .executeTakeFirstOrThrow()
    const cap = await trx.selectFrom('contracts').select('fund_amount').where('id', '=', row.contract_id).executeTakeFirstOrThrow()
    if (Number(committed.sum) + row.amount > cap.fund_amount) return { refuse: fail(409, 'payments.v.overFund') }
    await trx.updateTable('payment_requests').set({ status: 'approved', approved_by: ctx.actor.id, approved_at: now, version: row.version + 1, updated_at: now }).where('id', '=', row.id).execute()
    return { to: 'approved', note: input.note }
  })
}

/** The chief accountant records the transfer: paid (day, amount, reference) or failed (the reason). */
export async function recordPayment(ctx: Context, input: RecordPaymentInput): Promise<PaymentOutcome> {
  if (!can(ctx.actor, 'accountant')) return fail(403, 'payments.v.role')
  return advance(ctx, input.requestId, input.version, ['approved'], async (trx, row) => {
    const now = ctx.now ?? new Date()
    if (input.outcome === 'failed') {
      await trx.updateTable('payment_requests').set({ status: 'failed', failed_reason: input.reason, recorded_by: ctx.actor.id, version: row.version + 1, updated_at: now }).where('id', '=', row.id).execute()
      return { to: 'failed', note: input.reason }
    }
    if (input.paidAmount! > row.amount) return { refuse: { ok: false, status: 400, errors: { paidAmount: 'payments.v.amount.overApproved' } } }
    await trx
      .updateTable('payment_requests')
      .set({ status: 'paid', paid_on: input.paidOn, paid_amount: input.paidAmount, transfer_ref: input.transferRef, recorded_by: ctx.actor.id, version: row.version + 1, updated_at: now })
      .where('id', '=', row.id)
      .execute()
    return { to: 'paid', note: input.transferRef }
  })
}

const AUDIT: Record<PaymentStatus, AuditAction> = {
  requested: 'payment.requested',
  checked: 'payment.checked',
  returned: 'payment.returned',
  approved: 'payment.approved',
  paid: 'payment.paid',
  failed: 'payment.failed',
}

/** Who is told of each step, besides the grantee (told of every step but its own request). */
const FUND_AUDIENCE: Record<PaymentStatus, Role[]> = {
  requested: ['staff'],
  checked: ['accountant'],
  returned: ['staff'],
  approved: ['staff'],
  paid: ['staff'],
  failed: ['staff'],
}

/** The history row, the audit entry and the mails of one step, in the step's transaction. */
async function step(
  trx: DB,
  ctx: Context,
  s: { requestId: string; from: PaymentStatus | null; to: PaymentStatus; note: string; applicationId: string; amount: number; trancheSeq: number },
): Promise<void> {
  await trx.insertInto('payment_events').values({ request_id: s.requestId, from_status: s.from, to_status: s.to, actor_id: ctx.actor.id, note: s.note, at: ctx.now ?? new Date() }).execute()
  await recordAudit(trx, {
    action: AUDIT[s.to],
    actor: ctx.actor,
    subjectType: 'application',
    subjectId: s.applicationId,
    ip: ctx.ip ?? null,
    details: { request: s.requestId, from: s.from, amount: s.amount, tranche: s.trancheSeq, ...(s.note ? { note: s.note } : {}) },
  })
  const app = await trx.selectFrom('applications').select(['title', 'reference', 'organisation_id']).where('id', '=', s.applicationId).executeTakeFirstOrThrow()
  const send = async (audience: 'grantee' | 'fund', people: { email: string; fullName: string; lang: Lang }[], link: string) => {
    for (const p of people) {
      await enqueueEmail(trx, {
        template: 'payment_step',
        to: { address: p.email, name: p.fullName },
        lang: p.lang,
        data: { name: p.fullName, step: s.to, audience, reference: app.reference ?? '', applicationTitle: app.title, tranche: s.trancheSeq, amount: s.amount, note: s.note, link },
      })
    }
  }
  if (s.to !== 'requested') await send('grantee', await applicantRecipients(trx, app.organisation_id), `${ctx.appUrl}/tasks/${s.applicationId}/payments`)
  const seen = new Set<string>()
  for (const role of FUND_AUDIENCE[s.to]) {
    const people = (await roleRecipients(trx, role)).filter((p) => p.email !== ctx.actor.email && !seen.has(p.email))
    people.forEach((p) => seen.add(p.email))
    await send('fund', people, `${ctx.appUrl}/staff/tasks/${s.applicationId}/payments`)
  }
}

export interface PaymentRow {
  id: string
  trancheId: string
  trancheSeq: number
  trancheKind: TrancheKind
  status: PaymentStatus
  amount: number
  evidence: string
  requestedAt: Date
  requestedBy: string | null
  checkNote: string
  conditionMet: boolean | null
  paidOn: string | null
  paidAmount: number | null
  transferRef: string | null
  failedReason: string | null
  returnedReason: string | null
  version: number
}

export interface PaymentEvent {
  requestId: string
  from: PaymentStatus | null
  to: PaymentStatus
  actor: string | null
  note: string
  at: Date
}

/** The requests of a contract, newest first, with each one's history. */
export async function listPayments(db: DB, contractId: string): Promise<{ requests: PaymentRow[]; events: PaymentEvent[] }> {
  const rows = await db
    .selectFrom('payment_requests as p')
    .innerJoin('contract_tranches as t', 't.id', 'p.tranche_id')
    .leftJoin('users as u', 'u.id', 'p.requested_by')
    .select([
      'p.id', 'p.tranche_id', 't.seq', 't.kind', 'p.status', 'p.amount', 'p.evidence', 'p.requested_at', 'u.full_name', 'p.check_note', 'p.condition_met',
      'p.paid_amount', 'p.transfer_ref', 'p.failed_reason', 'p.returned_reason', 'p.version',
      sql<string | null>`to_char(p.paid_on, 'YYYY-MM-DD')`.as('paid_on'),
    ])
    .where('p.contract_id', '=', contractId)
    .orderBy('p.requested_at', 'desc')
    .execute()
  const events = rows.length
    ? await db
        .selectFrom('payment_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_id')
        .select(['e.request_id', 'e.from_status', 'e.to_status', 'u.full_name', 'e.note', 'e.at'])
        .where('e.request_id', 'in', rows.map((r) => r.id))
        .orderBy('e.id')
        .execute()
    : []
  return {
    requests: rows.map((r) => ({
      id: r.id,
      trancheId: r.tranche_id,
      trancheSeq: r.seq,
      trancheKind: r.kind,
      status: r.status,
      amount: r.amount,
      evidence: r.evidence,
      requestedAt: r.requested_at,
      requestedBy: r.full_name,
      checkNote: r.check_note,
      conditionMet: r.condition_met,
      paidOn: r.paid_on,
      paidAmount: r.paid_amount,
      transferRef: r.transfer_ref,
      failedReason: r.failed_reason,
      returnedReason: r.returned_reason,
      version: r.version,
    })),
    events: events.map((e) => ({ requestId: e.request_id, from: e.from_status, to: e.to_status, actor: e.full_name, note: e.note, at: e.at })),
  }
}

export interface QueueRow {
  id: string
  applicationId: string
  reference: string | null
  title: string
  organisation: string
  trancheSeq: number
  amount: number
  status: PaymentStatus
  requestedAt: Date
  version: number
  approvedAt: Date | null
  /** 'YYYY-MM-DD' */
  paidOn: string | null
  paidAmount: number | null
  transferRef: string | null
}

/**
 * The Fund's queue: requests waiting for the office's check, the chief accountant's approval, or the transfer
 * (by default); `statuses` chooses another list of /staff/payments (the paid ones, all), oldest first.
 */
export async function paymentQueue(db: DB, statuses: readonly PaymentStatus[] = ['requested', 'checked', 'approved']): Promise<QueueRow[]> {
  const rows = await db
    .selectFrom('payment_requests as p')
    .innerJoin('contracts as c', 'c.id', 'p.contract_id')
    .innerJoin('applications as a', 'a.id', 'c.application_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .innerJoin('contract_tranches as t', 't.id', 'p.tranche_id')
    .select(['p.id', 'a.id as application_id', 'a.reference', 'a.title', 'o.name', 't.seq', 'p.amount', 'p.status', 'p.requested_at', 'p.version', 'p.approved_at', 'p.paid_amount', 'p.transfer_ref'])
    .select(sql<string | null>`to_char(p.paid_on, 'YYYY-MM-DD')`.as('paid_on'))
    .where('p.status', 'in', statuses)
    .orderBy('p.requested_at')
    .orderBy('p.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    applicationId: r.application_id,
    reference: r.reference,
    title: r.title,
    organisation: r.name,
    trancheSeq: r.seq,
    amount: Number(r.amount),
    status: r.status,
    requestedAt: r.requested_at,
    version: r.version,
    approvedAt: r.approved_at,
    paidOn: r.paid_on,
    paidAmount: r.paid_amount === null ? null : Number(r.paid_amount),
    transferRef: r.transfer_ref,
  }))
}

/** The grantee's next money step, for the task page: the first tranche not yet asked for or paid. */
export async function nextDue(db: DB, contractId: string): Promise<NextDue<'payments.next.request'> | null> {
  const contract = await db.selectFrom('contracts').select(['application_id', 'status']).where('id', '=', contractId).executeTakeFirst()
  if (!contract || contract.status !== 'signed') return null
  const open = await db
    .selectFrom('contract_tranches as t')
    .select(['t.seq', sql<string | null>`to_char(t.due_on, 'YYYY-MM-DD')`.as('due_on')])
    .where('t.contract_id', '=', contractId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('payment_requests as p').select('p.id').whereRef('p.tranche_id', '=', 't.id').where('p.status', 'in', LIVE))))
    .orderBy('t.seq')
    .executeTakeFirst()
  return open ? { labelKey: 'payments.next.request', dueOn: open.due_on, href: `/tasks/${contract.application_id}/payments` } : null
}


export interface PaymentDetail extends PaymentRow {
  applicationId: string
  contractId: string
  trancheAmount: number
  condition: string
  conditionNote: string
  /** What the records say of the tranche's condition now. */
  conditionAnswer: ConditionAnswer
  events: PaymentEvent[]
}

/** One request with its tranche and history (the page where the Fund takes its step). */
export async function getPayment(db: DB, requestId: string): Promise<PaymentDetail | null> {
  const head = await db
    .selectFrom('payment_requests as p')
    .innerJoin('contracts as c', 'c.id', 'p.contract_id')
    .innerJoin('contract_tranches as t', 't.id', 'p.tranche_id')
    .select(['c.id as contract_id', 'c.application_id', 't.amount', 't.condition', 't.condition_note', 't.seq'])
    .where('p.id', '=', requestId)
    .executeTakeFirst()
  if (!head) return null
  const conditionAnswer = await conditionOf(db, { contract_id: head.contract_id, condition: head.condition, seq: Number(head.seq), application_id: head.application_id })
  const { requests, events } = await listPayments(db, head.contract_id)
  const row = requests.find((r) => r.id === requestId)!
  return {
    ...row,
    applicationId: head.application_id,
    contractId: head.contract_id,
    trancheAmount: head.amount,
    condition: head.condition,
    conditionNote: head.condition_note,
    conditionAnswer,
    events: events.filter((e) => e.requestId === requestId),
  }
}
