import type { z } from 'zod'
import type { DB } from '../../../db'
import { parseMoney } from '../calls/fields'
import { fieldErrors } from '../../lib/forms.server'
import { disburseLoan, type LoanContext, type LoanOutcome, recordRepayment } from './record'
import { rateToBp } from './schedule'
import { disburseSchema, repaySchema, vnDay } from './schemas'

// The forms of the office's loan page (staff.tasks.$id_.loan), one function per form (its hidden `intent`),
// each with its schema; the route only picks the function and turns the outcome into a redirect or errors.

export type LoanIntentOutcome = { ok: true; notice: string } | { ok: false; status: 400 | 404 | 409; errors: Record<string, string> }
type Intent = (db: DB, ctx: LoanContext, applicationId: string, raw: Record<string, string>) => Promise<LoanIntentOutcome>

const invalid = (error: z.ZodError): LoanIntentOutcome => ({ ok: false, status: 400, errors: fieldErrors(error) })
const done = (r: LoanOutcome): LoanIntentOutcome => (r.ok ? { ok: true, notice: r.repaid ? 'repaid' : 'repayment' } : r)

const repayment =
  (kind: 'scheduled' | 'early'): Intent =>
  async (db, ctx, applicationId, raw) => {
    const parsed = repaySchema.safeParse(raw)
    if (!parsed.success) return invalid(parsed.error)
    const d = parsed.data
    return done(
      await recordRepayment(db, ctx, applicationId, {
        kind,
        paidOn: vnDay(d.paid_on),
        amount: parseMoney(d.amount)!,
        reference: d.reference,
        note: d.note?.trim() ?? '',
        expectedVersion: d.version ? Number(d.version) : undefined,
      }),
    )
  }

export const LOAN_INTENTS: Record<string, Intent> = {
  async disburse(db, ctx, applicationId, raw) {
    const parsed = disburseSchema.safeParse(raw)
    if (!parsed.success) return invalid(parsed.error)
    const d = parsed.data
    const r = await disburseLoan(db, ctx, applicationId, { disbursedOn: vnDay(d.disbursed_on), amount: parseMoney(d.amount)!, reference: d.reference, rateBp: rateToBp(d.rate)!, termMonths: Number(d.term_months) })
    return r.ok ? { ok: true, notice: 'disbursed' } : r
  },
  repay: repayment('scheduled'),
  prepay: repayment('early'),
}
