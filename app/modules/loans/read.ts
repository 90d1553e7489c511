import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { FundingTerms, LoanRepaymentKind, LoanRepaymentMethod, LoanStatus } from '../../../db/schema'
import { addCalendarDays, calendarDaysBetween } from '../calendar'
import type { NextDue } from '../contracts'
import type { LoanRules } from './rules'

// A loan as the pages read it: its terms, its instalments with what is still owed and their state on a given
// day, and its repayments. Dates are Việt Nam calendar days, 'YYYY-MM-DD'.

/** paid: nothing owed; overdue: unpaid past the due date and the rules' grace; due: unpaid, due soon or today;
 * late: past its due date but within the grace; upcoming: later. */
export type InstalmentState = 'paid' | 'overdue' | 'late' | 'due' | 'upcoming'

export interface LoanInstalment {
  id: string
  seq: number
  dueOn: string
  months: number
  principal: number
  interest: number
  paidPrincipal: number
  paidInterest: number
  /** What is still owed on it, principal and interest. */
  owed: number
  state: InstalmentState
  /** Calendar days past its due date (0 when not past). */
  daysLate: number
  overdueNotifiedOn: string | null
}

export interface LoanRepayment {
  id: string
  kind: LoanRepaymentKind
  paidOn: string
  amount: number
  principal: number
  interest: number
  reference: string
  note: string
  recordedBy: string | null
}

export interface Loan {
  id: string
  contractId: string
  principal: number
  rateBp: number
  termMonths: number
  everyMonths: number
  method: LoanRepaymentMethod
  disbursedOn: string
  disbursementReference: string
  status: LoanStatus
  repaidOn: string | null
  version: number
  instalments: LoanInstalment[]
  repayments: LoanRepayment[]
  totals: {
    principalPaid: number
    interestPaid: number
    principalOutstanding: number
    interestScheduled: number
    /** Owed on instalments past their due date. */
    overdue: number
  }
}

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`

export function instalmentState(row: { dueOn: string; owed: number }, today: string, rules: Pick<LoanRules, 'reminderDaysBefore' | 'overdueAfterDays'>): InstalmentState {
  if (row.owed === 0) return 'paid'
  if (today > addCalendarDays(row.dueOn, rules.overdueAfterDays)) return 'overdue'
  if (today > row.dueOn) return 'late'
  if (addCalendarDays(today, rules.reminderDaysBefore) >= row.dueOn) return 'due'
  return 'upcoming'
}

/** The loan under a contract, on `today`; null before its disbursement is recorded. */
export async function loanOfContract(db: DB, contractId: string, today: string, rules: LoanRules): Promise<Loan | null> {
  const loan = await db
    .selectFrom('loans')
    .select(['id', 'contract_id', 'principal', 'rate_bp', 'term_months', 'every_months', 'method', 'disbursement_reference', 'status', 'version', day('disbursed_on').as('disbursed_on'), day('repaid_on').as('repaid_on')])
    .where('contract_id', '=', contractId)
    .executeTakeFirst()
  if (!loan) return null
  const [instalments, repayments] = await Promise.all([
    db
      .selectFrom('loan_instalments')
      .select(['id', 'seq', 'months', 'principal', 'interest', 'paid_principal', 'paid_interest', day('due_on').as('due_on'), day('overdue_notified_on').as('overdue_notified_on')])
      .where('loan_id', '=', loan.id)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('loan_repayments as r')
      .leftJoin('users as u', 'u.id', 'r.recorded_by')
      .select(['r.id', 'r.kind', 'r.amount', 'r.principal', 'r.interest', 'r.reference', 'r.note', 'u.full_name', day('r.paid_on').as('paid_on')])
      .where('r.loan_id', '=', loan.id)
      .orderBy('r.paid_on')
      .orderBy('r.created_at')
      .execute(),
  ])
  const rows: LoanInstalment[] = instalments.map((i) => {
    const owed = i.principal - i.paid_principal + (i.interest - i.paid_interest)
    return {
      id: i.id,
      seq: i.seq,
      dueOn: i.due_on,
      months: i.months,
      principal: i.principal,
      interest: i.interest,
      paidPrincipal: i.paid_principal,
      paidInterest: i.paid_interest,
      owed,
      state: instalmentState({ dueOn: i.due_on, owed }, today, rules),
      daysLate: owed > 0 ? Math.max(0, calendarDaysBetween(i.due_on, today)) : 0,
      overdueNotifiedOn: i.overdue_notified_on,
    }
  })
  const sum = (f: (i: LoanInstalment) => number) => rows.reduce((a, i) => a + f(i), 0)
  const principalPaid = sum((i) => i.paidPrincipal)
  return {
    id: loan.id,
    contractId: loan.contract_id,
    principal: loan.principal,
    rateBp: loan.rate_bp,
    termMonths: loan.term_months,
    everyMonths: loan.every_months,
    method: loan.method,
    disbursedOn: loan.disbursed_on,
    disbursementReference: loan.disbursement_reference,
    status: loan.status,
    repaidOn: loan.repaid_on,
    version: loan.version,
    instalments: rows,
    repayments: repayments.map((r) => ({
      id: r.id,
      kind: r.kind,
      paidOn: r.paid_on,
      amount: r.amount,
      principal: r.principal,
      interest: r.interest,
      reference: r.reference,
      note: r.note,
      recordedBy: r.full_name,
    })),
    totals: {
      principalPaid,
      interestPaid: sum((i) => i.paidInterest),
      principalOutstanding: loan.principal - principalPaid,
      interestScheduled: sum((i) => i.interest),
      overdue: sum((i) => (i.state === 'overdue' || i.state === 'late' ? i.owed : 0)),
    },
  }
}

/** A funded task's loan side: its contract, the call's repayment method, the decision's terms and the loan. */
export interface LoanTask {
  applicationId: string
  reference: string | null
  title: string
  organisationId: string
  organisation: string
  callCode: string
  contract: { id: string; modality: string; status: string; fundAmount: number; startsOn: string } | null
  method: LoanRepaymentMethod
  everyMonths: number
  terms: FundingTerms
  loan: Loan | null
}

/** The loan side of a funded task (an application), or null when there is no such application. */
export async function loanTask(db: DB, applicationId: string, today: string, rules: LoanRules): Promise<LoanTask | null> {
  const row = await db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('contracts as k', 'k.application_id', 'a.id')
    .select([
      'a.id',
      'a.reference',
      'a.title',
      'a.organisation_id',
      'a.funding_terms',
      'o.name as organisation',
      'c.code',
      'c.loan_repayment_method',
      'c.loan_repayment_every_months',
      'k.id as contract_id',
      'k.modality',
      'k.status as contract_status',
      'k.fund_amount',
      sql<string | null>`to_char(k.starts_on, 'YYYY-MM-DD')`.as('starts_on'),
    ])
    .where('a.id', '=', applicationId)
    .executeTakeFirst()
  if (!row) return null
  return {
    applicationId: row.id,
    reference: row.reference,
    title: row.title,
    organisationId: row.organisation_id,
    organisation: row.organisation,
    callCode: row.code,
    contract: row.contract_id
      ? { id: row.contract_id, modality: row.modality!, status: row.contract_status!, fundAmount: row.fund_amount!, startsOn: row.starts_on! }
      : null,
    method: row.loan_repayment_method,
    everyMonths: row.loan_repayment_every_months,
    terms: row.funding_terms ?? {},
    loan: row.contract_id ? await loanOfContract(db, row.contract_id, today, rules) : null,
  }
}

export interface OverdueInstalment {
  applicationId: string
  reference: string | null
  title: string
  organisation: string
  seq: number
  dueOn: string
  owed: number
  daysLate: number
  overdueNotifiedOn: string | null
}

/** Every instalment overdue on `today` (past its due date and the grace), the oldest first. */
export async function overdueInstalments(db: DB, today: string, rules: LoanRules): Promise<OverdueInstalment[]> {
  const rows = await db
    .selectFrom('loan_instalments as i')
    .innerJoin('loans as l', 'l.id', 'i.loan_id')
    .innerJoin('contracts as k', 'k.id', 'l.contract_id')
    .innerJoin('applications as a', 'a.id', 'k.application_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select([
      'a.id as application_id',
      'a.reference',
      'a.title',
      'o.name as organisation',
      'i.seq',
      sql<number>`i.principal - i.paid_principal + i.interest - i.paid_interest`.as('owed'),
      day('i.due_on').as('due_on'),
      day('i.overdue_notified_on').as('overdue_notified_on'),
    ])
    .where('l.status', '=', 'active')
    .where(sql<boolean>`(i.paid_principal < i.principal OR i.paid_interest < i.interest)`)
    .where(sql<boolean>`i.due_on + ${rules.overdueAfterDays}::int < ${today}::date`)
    .orderBy('i.due_on')
    .orderBy('a.reference')
    .execute()
  return rows.map((r) => ({
    applicationId: r.application_id,
    reference: r.reference,
    title: r.title,
    organisation: r.organisation,
    seq: r.seq,
    dueOn: r.due_on,
    owed: Number(r.owed),
    daysLate: calendarDaysBetween(r.due_on, today),
    overdueNotifiedOn: r.overdue_notified_on,
  }))
}

/** What the task page shows as the loan's next step: the next instalment not fully paid, and where to see it. */
export async function nextDue(db: DB, contractId: string): Promise<NextDue<'loans.next.instalment'> | null> {
  const row = await db
    .selectFrom('loan_instalments as i')
    .innerJoin('loans as l', 'l.id', 'i.loan_id')
    .innerJoin('contracts as k', 'k.id', 'l.contract_id')
    .select(['k.application_id', day('i.due_on').as('due_on')])
    .where('l.contract_id', '=', contractId)
    .where('l.status', '=', 'active')
    .where(sql<boolean>`(i.paid_principal < i.principal OR i.paid_interest < i.interest)`)
    .orderBy('i.seq')
    .limit(1)
    .executeTakeFirst()
  return row ? { labelKey: 'loans.next.instalment', dueOn: row.due_on, href: `/tasks/${row.application_id}/loan` } : null
}
