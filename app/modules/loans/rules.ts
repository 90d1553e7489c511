import { z } from 'zod'
import type { DB } from '../../../db'

// The Fund's periods for loans, as data (fund_settings.loan_rules over these defaults): when an instalment's
// reminder goes out, when an unpaid instalment counts as overdue, and how often the overdue notice repeats.

const days = (value: number) => z.number().int().min(0).max(365).default(value)

export const loanRulesSchema = z.object({
  /** Calendar days before an instalment's due date when the borrower is reminded. */
  reminderDaysBefore: days(7),
  /** Calendar days after the due date during which an unpaid instalment is not yet overdue. */
  overdueAfterDays: days(0),
  /** Calendar days between two overdue notices of the same instalment (at least one day). */
  overdueRemindEveryDays: z.number().int().min(1).max(365).default(7),
})

export type LoanRules = z.infer<typeof loanRulesSchema>

export const DEFAULT_LOAN_RULES: Readonly<LoanRules> = Object.freeze(loanRulesSchema.parse({}))

/** The rules from stored JSON: a missing or invalid value takes its default, one field at a time. */
export function readLoanRules(json: unknown): LoanRules {
  const stored = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {}
  const shape = loanRulesSchema.shape
  const rules: Record<string, unknown> = {}
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const parsed = shape[key].safeParse(stored[key])
    rules[key] = parsed.success ? parsed.data : DEFAULT_LOAN_RULES[key]
  }
  return rules as LoanRules
}

/** The Fund's loan rules as stored now. */
export async function getLoanRules(db: DB): Promise<LoanRules> {
  const row = await db.selectFrom('fund_settings').select('loan_rules').orderBy('id').executeTakeFirst()
  return readLoanRules(row?.loan_rules)
}
