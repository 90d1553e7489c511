import { addMonths } from '../calendar'

// The repayment schedule of a preferential loan (cho vay ưu đãi), pure: from the principal, the yearly rate,
// the term and the method the call sets, in whole đồng (ADR 026).
//
// The rounding rule, the same everywhere:
// - a period's interest is the balance at the start of the period × the yearly rate × the period's months / 12,
//   rounded half up to the đồng (computed in integers, so 10 billion đồng at any rate is exact);
// - equal principal (dư nợ giảm dần, gốc chia đều): each instalment repays ⌊principal / n⌋, the last one what
//   remains (the remainder of the division);
// - annuity (niên kim, trả đều gốc và lãi): the instalment P·r / (1 − (1 + r)^−n), r the rate of one period,
//   rounded to the đồng; its principal is that instalment less the period's interest (never below 0, never
//   above the balance), and the last instalment repays whatever remains.
// So the principal parts always add up to the principal exactly, and no part is negative.

export const REPAYMENT_METHODS = ['equal_principal', 'annuity'] as const
export type RepaymentMethod = (typeof REPAYMENT_METHODS)[number]

/** One repayment period: its due date and how many months of interest it carries. */
export interface Period {
  dueOn: string
  months: number
}

export interface ScheduledInstalment {
  seq: number
  dueOn: string
  months: number
  /** The principal outstanding at the start of the period. */
  opening: number
  principal: number
  interest: number
}

export interface ScheduleTerms {
  principal: number
  /** The yearly rate in hundredths of a percent: 350 is 3,50 % a year. */
  rateBp: number
  termMonths: number
  /** Months between two instalments (1 monthly, 3 quarterly…); the last period may be shorter. */
  everyMonths: number
  method: RepaymentMethod
  /** The disbursement date, 'YYYY-MM-DD': the schedule counts from it. */
  startsOn: string
}

const BP_YEAR = 12n * 10_000n

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new RangeError(message)
}

/** A period's interest on `balance`: balance × rateBp/10 000 × months/12, rounded half up to the đồng. */
export function periodInterest(balance: number, rateBp: number, months: number): number {
  check(Number.isSafeInteger(balance) && balance >= 0, `Not a whole amount: ${balance}`)
  check(Number.isInteger(rateBp) && rateBp >= 0, `Not a rate in basis points: ${rateBp}`)
  check(Number.isInteger(months) && months >= 0, `Not a whole number of months: ${months}`)
  const num = BigInt(balance) * BigInt(rateBp) * BigInt(months)
  return Number((num * 2n + BP_YEAR) / (2n * BP_YEAR))
}

/** The periods of a loan: one every `everyMonths` from `startsOn`, the last on the term's end. */
export function repaymentPeriods(startsOn: string, termMonths: number, everyMonths: number): Period[] {
  check(Number.isInteger(termMonths) && termMonths >= 1, `Not a term: ${termMonths}`)
  check(Number.isInteger(everyMonths) && everyMonths >= 1, `Not a period: ${everyMonths}`)
  const periods: Period[] = []
  for (let end = 0; end < termMonths; ) {
    const next = Math.min(end + everyMonths, termMonths)
    periods.push({ dueOn: addMonths(startsOn, next), months: next - end })
    end = next
  }
  return periods
}

/** The instalment of an annuity over `n` periods at `rateBp` for periods of `months`, rounded to the đồng. */
export function annuityPayment(principal: number, rateBp: number, months: number, n: number): number {
  if (rateBp === 0) return Math.floor(principal / n)
  const r = (rateBp * months) / 120_000
  return Math.round((principal * r) / (1 - (1 + r) ** -n))
}

/**
 * The instalments that repay `principal` over `periods` (in order) by `method`. The annuity's rate of one period
 * is that of the first period's months (the regular period; only the last may be shorter).
 */
export function scheduleOver(principal: number, rateBp: number, method: RepaymentMethod, periods: readonly Period[]): ScheduledInstalment[] {
  check(Number.isSafeInteger(principal) && principal >= 0, `Not a whole amount: ${principal}`)
  check(periods.length >= 1, 'No period to repay in')
  const n = periods.length
  const equal = Math.floor(principal / n)
  const payment = method === 'annuity' ? annuityPayment(principal, rateBp, periods[0]!.months, n) : 0
  let balance = principal
  return periods.map((p, i) => {
    const interest = periodInterest(balance, rateBp, p.months)
    const last = i === n - 1
    const part = last ? balance : Math.min(balance, Math.max(0, method === 'annuity' ? payment - interest : equal))
    const row = { seq: i + 1, dueOn: p.dueOn, months: p.months, opening: balance, principal: part, interest }
    balance -= part
    return row
  })
}

/** The full schedule of a loan from its disbursement. */
export function repaymentSchedule(terms: ScheduleTerms): ScheduledInstalment[] {
  check(terms.principal > 0, 'A loan lends something')
  return scheduleOver(terms.principal, terms.rateBp, terms.method, repaymentPeriods(terms.startsOn, terms.termMonths, terms.everyMonths))
}

/** A yearly rate in percent as people write it (3.5 or "3,5") to hundredths of a percent; null when it is not one. */
export function rateToBp(rate: number | string): number | null {
  const text = typeof rate === 'number' ? String(rate) : rate.trim().replace(/\s*%$/, '').replace(',', '.')
  if (!/^\d{1,3}(?:\.\d{1,2})?$/.test(text)) return null
  const bp = Math.round(Number(text) * 100)
  return bp <= 10_000 ? bp : null
}
