import { z } from 'zod'
import { parseMoney } from '../calls/fields'
import { parseVnDate } from '../../lib/params'
import { rateToBp } from './schedule'

// The office's loan forms (browser-safe): one schema each, checking what is typed; the server reads the same
// values to what the module records. Messages are catalogue keys (messages/loans.ts).

const dateField = z.string('loans.v.date').refine((v) => parseVnDate(v) !== null, 'loans.v.date')
const moneyField = z.string('loans.v.amount').refine((v) => (parseMoney(v) ?? 0) > 0, 'loans.v.amount')
const referenceField = z.string('loans.v.reference').trim().min(1, 'loans.v.reference').max(100, 'loans.v.reference')

export const disburseSchema = z.object({
  disbursed_on: dateField,
  amount: moneyField,
  reference: referenceField,
  rate: z.string('loans.v.rate').refine((v) => rateToBp(v) !== null, 'loans.v.rate'),
  term_months: z.string('loans.v.term').regex(/^\d{1,3}$/, 'loans.v.term').refine((v) => Number(v) >= 1 && Number(v) <= 600, 'loans.v.term'),
})

export const repaySchema = z.object({
  paid_on: dateField,
  amount: moneyField,
  reference: referenceField,
  note: z.string().max(1000, 'loans.v.note').optional(),
  version: z.string().regex(/^\d+$/).optional(),
})

/** 'dd/mm/yyyy' typed to the Việt Nam date 'YYYY-MM-DD'. */
export function vnDay(text: string): string {
  const m = text.trim().match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/)!
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`
}
