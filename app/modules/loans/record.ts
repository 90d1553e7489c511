import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { LoanRepaymentKind } from '../../../db/schema'
import { formatDay, formatMoney } from '../../i18n/format'
import { recordAudit } from '../audit'
import { notifyBorrower } from './mail'
import { allocate } from './allocate'
import { repaymentSchedule, scheduleOver } from './schedule'

// What the Fund's office records on a loan (ADR 026): the disbursement, which fixes the schedule, and each
// repayment received, split over the instalments (the oldest first, interest before principal). An early
// repayment pays what is owed up to the current period and lowers the principal of the later instalments,
// which are computed again from the new balance on the same dates and method (smaller instalments, same term).
// Each runs in one transaction with its audit entry and the borrower's mail; errors are catalogue keys by field.


export interface LoanContext {
  actor: { id: string; email: string }
  ip: string | null
  appUrl: string
  /** Today in Việt Nam, 'YYYY-MM-DD': no date recorded may be later. */
  today: string
}

export type LoanOutcome = { ok: true; loanId: string; repaid: boolean } | { ok: false; status: 400 | 404 | 409; errors: Record<string, string> }

const refuse = (status: 400 | 404 | 409, field: string, key: string): LoanOutcome => ({ ok: false, status, errors: { [field]: key } })

export interface DisbursementInput {
  disbursedOn: string
  amount: number
  reference: string
  rateBp: number
  termMonths: number
}

/**
 * Records the disbursement of a signed loan contract: the amount (at most the contract's), the date, the transfer
 * reference, the rate and term the decision states; the schedule follows by the call's method and period.
 */
export async function disburseLoan(db: DB, ctx: LoanContext, applicationId: string, input: DisbursementInput): Promise<LoanOutcome> {
  return db.transaction().execute(async (trx): Promise<LoanOutcome> => {
    const contract = await trx
      .selectFrom('contracts as k')
      .innerJoin('applications as a', 'a.id', 'k.application_id')
      .innerJoin('calls as c', 'c.id', 'a.call_id')
      .select(['k.id', 'k.modality', 'k.status', 'k.fund_amount', 'c.loan_repayment_method', 'c.loan_repayment_every_months'])
      .where('k.application_id', '=', applicationId)
      .forUpdate('k')
      .executeTakeFirst()
    if (!contract) return refuse(404, 'form', 'loans.error.noContract')
    if (contract.modality !== 'preferential_loan') return refuse(409, 'form', 'loans.error.notLoan')
    if (contract.status !== 'signed') return refuse(409, 'form', 'loans.error.notSigned')
    if (await trx.selectFrom('loans').select('id').where('contract_id', '=', contract.id).executeTakeFirst()) return refuse(409, 'form', 'loans.error.alreadyDisbursed')
    if (input.amount > contract.fund_amount) return { ok: false, status: 400, errors: { amount: `loans.v.amount.overContract?max=${formatMoney(contract.fund_amount)}` } }
    if (input.disbursedOn > ctx.today) return refuse(400, 'disbursed_on', 'loans.v.date.future')
    const schedule = repaymentSchedule({
      principal: input.amount,
      rateBp: input.rateBp,
      termMonths: input.termMonths,
      everyMonths: contract.loan_repayment_every_months,
      method: contract.loan_repayment_method,
      startsOn: input.disbursedOn,
    })
    const loan = await trx
      .insertInto('loans')
      .values({
        contract_id: contract.id,
        principal: input.amount,
        rate_bp: input.rateBp,
        term_months: input.termMonths,
        every_months: contract.loan_repayment_every_months,
        method: contract.loan_repayment_method,
        disbursed_on: input.disbursedOn,
        disbursement_reference: input.reference,
        recorded_by: ctx.actor.id,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('loan_instalments')
      .values(schedule.map((i) => ({ loan_id: loan.id, seq: i.seq, due_on: i.dueOn, months: i.months, principal: i.principal, interest: i.interest })))
      .execute()
    await recordAudit(trx, {
      action: 'loan.disbursed',
      actor: ctx.actor,
      subjectType: 'application',
      subjectId: applicationId,
      ip: ctx.ip,
      details: { amount: input.amount, disbursed_on: input.disbursedOn, reference: input.reference, rate_bp: input.rateBp, term_months: input.termMonths, method: contract.loan_repayment_method, instalments: schedule.length },
    })
    await notifyBorrower(trx, ctx.appUrl, applicationId, 'loan_disbursed', {
      amount: formatMoney(input.amount),
      date: formatDay(input.disbursedOn),
      firstDue: formatDay(schedule[0]!.dueOn),
      firstAmount: formatMoney(schedule[0]!.principal + schedule[0]!.interest),
    })
    return { ok: true, loanId: loan.id, repaid: false }
  })
}

export interface RepaymentInput {
  kind: LoanRepaymentKind
  paidOn: string
  amount: number
  reference: string
  note: string
  /** The loan's version the form was drawn from: a repayment recorded meanwhile refuses this one. */
  expectedVersion?: number
}

/**
 * Records a repayment. A scheduled one may pay at most what is owed up to the current period (the first
 * instalment due on or after the day it was paid); more is an early repayment, which may pay at most the whole
 * balance. When nothing is owed any more, the loan is repaid.
 */
export async function recordRepayment(db: DB, ctx: LoanContext, applicationId: string, input: RepaymentInput): Promise<LoanOutcome> {
  return db.transaction().execute(async (trx): Promise<LoanOutcome> => {
    const loan = await trx
      .selectFrom('loans as l')
      .innerJoin('contracts as k', 'k.id', 'l.contract_id')
      .select(['l.id', 'l.status', 'l.version', 'l.rate_bp', 'l.method', sql<string>`to_char(l.disbursed_on, 'YYYY-MM-DD')`.as('disbursed_on')])
      .where('k.application_id', '=', applicationId)
      .forUpdate('l')
      .executeTakeFirst()
    if (!loan) return refuse(404, 'form', 'loans.error.noLoan')
    if (loan.status !== 'active') return refuse(409, 'form', 'loans.error.repaid')
    if (input.expectedVersion !== undefined && input.expectedVersion !== loan.version) return refuse(409, 'form', 'loans.error.stale')
    if (input.paidOn > ctx.today) return refuse(400, 'paid_on', 'loans.v.date.future')
    if (input.paidOn < loan.disbursed_on) return refuse(400, 'paid_on', 'loans.v.date.beforeDisbursement')

    const rows = await trx
      .selectFrom('loan_instalments')
      .select(['id', 'seq', 'months', 'principal', 'interest', 'paid_principal', 'paid_interest', sql<string>`to_char(due_on, 'YYYY-MM-DD')`.as('due_on')])
      .where('loan_id', '=', loan.id)
      .orderBy('seq')
      .execute()
    const currentIndex = rows.findIndex((r) => r.due_on >= input.paidOn)
    const throughCurrent = currentIndex === -1 ? rows : rows.slice(0, currentIndex + 1)
    const later = currentIndex === -1 ? [] : rows.slice(currentIndex + 1)
    const owed = throughCurrent.map((r) => ({ id: r.id, interest: r.interest - r.paid_interest, principal: r.principal - r.paid_principal }))
    const dueNow = owed.reduce((a, o) => a + o.interest + o.principal, 0)
    const laterPrincipal = later.reduce((a, r) => a + r.principal - r.paid_principal, 0)

    const { parts, rest } = allocate(owed, input.amount)
    if (rest > 0 && input.kind === 'scheduled') {
      return { ok: false, status: 400, errors: { amount: laterPrincipal > 0 ? `loans.v.amount.overDue?max=${formatMoney(dueNow)}` : `loans.v.amount.overOwed?max=${formatMoney(dueNow)}` } }
    }
    if (rest > laterPrincipal) return { ok: false, status: 400, errors: { amount: `loans.v.amount.overOwed?max=${formatMoney(dueNow + laterPrincipal)}` } }

    // What pays the later principal early is booked on the current instalment (principal and paid alike), so the
    // instalments still add up to the loan's principal; the later ones are computed again from what remains.
    const current = throughCurrent.at(-1)
    const byId = new Map(parts.map((p) => [p.id, p]))
    if (rest > 0 && current) {
      const part = byId.get(current.id) ?? { id: current.id, interest: 0, principal: 0 }
      byId.set(current.id, { ...part, principal: part.principal + rest })
      await trx.updateTable('loan_instalments').set({ principal: current.principal + rest }).where('id', '=', current.id).execute()
      const balance = laterPrincipal - rest
      if (balance === 0) {
        await trx.deleteFrom('loan_instalments').where('id', 'in', later.map((r) => r.id)).execute()
      } else {
        const again = scheduleOver(balance, loan.rate_bp, loan.method, later.map((r) => ({ dueOn: r.due_on, months: r.months })))
        for (const [k, r] of later.entries()) {
          await trx.updateTable('loan_instalments').set({ principal: again[k]!.principal, interest: again[k]!.interest, reminded_at: null }).where('id', '=', r.id).execute()
        }
      }
    }

    const principal = [...byId.values()].reduce((a, p) => a + p.principal, 0)
    const interest = [...byId.values()].reduce((a, p) => a + p.interest, 0)
    const repayment = await trx
      .insertInto('loan_repayments')
      .values({ loan_id: loan.id, kind: input.kind, paid_on: input.paidOn, amount: input.amount, principal, interest, reference: input.reference, note: input.note, recorded_by: ctx.actor.id })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const p of byId.values()) {
      await trx.insertInto('loan_repayment_parts').values({ repayment_id: repayment.id, instalment_id: p.id, principal: p.principal, interest: p.interest }).execute()
      await trx
        .updateTable('loan_instalments')
        .set((eb) => ({ paid_principal: eb('paid_principal', '+', p.principal), paid_interest: eb('paid_interest', '+', p.interest) }))
        .where('id', '=', p.id)
        .execute()
    }

    const left = await trx
      .selectFrom('loan_instalments')
      .select(sql<string>`coalesce(sum(principal - paid_principal + interest - paid_interest), 0)`.as('owed'))
      .where('loan_id', '=', loan.id)
      .executeTakeFirstOrThrow()
    const repaid = Number(left.owed) === 0
    await trx
      .updateTable('loans')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date(), ...(repaid ? { status: 'repaid' as const, repaid_on: input.paidOn } : {}) }))
      .where('id', '=', loan.id)
      .execute()
    await recordAudit(trx, {
      action: 'loan.repayment_recorded',
      actor: ctx.actor,
      subjectType: 'application',
      subjectId: applicationId,
      ip: ctx.ip,
      details: { kind: input.kind, paid_on: input.paidOn, amount: input.amount, principal, interest, reference: input.reference, rescheduled: rest > 0 },
    })
    if (repaid) {
      await recordAudit(trx, { action: 'loan.repaid', actor: ctx.actor, subjectType: 'application', subjectId: applicationId, ip: ctx.ip, details: { repaid_on: input.paidOn } })
      await notifyBorrower(trx, ctx.appUrl, applicationId, 'loan_repaid', { date: formatDay(input.paidOn) })
    }
    return { ok: true, loanId: loan.id, repaid }
  })
}
