// Preferential loans (cho vay ưu đãi, issue 12, ADR 026): the repayment schedule, the disbursement and the
// repayments the office records, the overdue instalments and their reminders.
export { allocate, type Allocation, type Owed } from './allocate'
export { type InstalmentState, type Loan, type LoanInstalment, type LoanRepayment, type LoanTask, loanOfContract, loanTask, nextDue, type OverdueInstalment, overdueInstalments } from './read'
export { disburseLoan, type DisbursementInput, type LoanContext, type LoanOutcome, recordRepayment, type RepaymentInput } from './record'
export { sendLoanReminders, startLoanReminders } from './reminders'
export { DEFAULT_LOAN_RULES, getLoanRules, type LoanRules, readLoanRules } from './rules'
export { annuityPayment, periodInterest, rateToBp, REPAYMENT_METHODS, type RepaymentMethod, repaymentPeriods, repaymentSchedule, scheduleOver } from './schedule'
