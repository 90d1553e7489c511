// The money of a funded task (issue 12, ADR 019): payment requests against the contract's tranches, the
// settlement, refunds and recoveries, the liquidation, and the ledger. Its public face.
export {
  approvePayment,
  checkPayment,
  COMMITTED,
  listPayments,
  nextDue,
  paymentQueue,
  recordPayment,
  requestPayment,
  type Actor,
  getPayment,
  type PaymentDetail,
  type PaymentEvent,
  type PaymentOutcome,
  type PaymentRow,
  type QueueRow,
} from './requests'
export { authorizeGranteeMoney, PAYABLE_STATUSES, taskOf, type Task } from './task'
export { contractMoney, ledger, type LedgerRow, type Money, totalsByYear, type YearRow } from './ledger'
export { taskPayments } from './view'
export {
  decideSettlement,
  plannedByCategory,
  type Recovery,
  recordReceipt,
  recordRecovery,
  recoveriesOf,
  type Settlement,
  settlementOf,
  submitSettlement,
} from './settlement'
export { isLiquidated, type Liquidation, liquidationOf, prepareLiquidation } from './liquidation'
export { DEFAULT_MONEY_RULES, getMoneyRules, type MoneyRules, recoveryAmount } from './rules'
