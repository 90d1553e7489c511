// What one part of a funded task (payments, reports, acceptance, loan) asks of the grantee next, in one shape
// for every part, so the task pages gather them into one agenda (app/modules/tasks) and sort them by date.

export interface NextDue<K extends string = string> {
  /** The catalogue key naming the step, e.g. 'payments.next.request'. */
  labelKey: K
  /** The day it is due ('YYYY-MM-DD'); null when the contract sets no day (a tranche paid on a condition). */
  dueOn: string | null
  /** The grantee's page where it is done. */
  href: string
}
