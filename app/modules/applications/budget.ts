import { parseMoney } from '../calls/fields'

// The budget of an application (browser-safe, pure): lines by category, each split into the amount
// requested from the Fund and counterpart funds by source; totals, the counterpart ratio and the call's rules.
// Rule problems are catalogue keys with their values as a query string ("…?max=1.000.000.000").

export const BUDGET_CATEGORIES = ['labour', 'materials', 'equipment', 'services', 'other'] as const
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number]
export const BUDGET_SOURCES = ['own', 'contribution', 'loan'] as const
export type BudgetSource = (typeof BUDGET_SOURCES)[number]

export interface BudgetLine {
  category: BudgetCategory
  requested: number
  own: number
  contribution: number
  loan: number
  counterpart: number
  total: number
}

export interface Budget {
  lines: BudgetLine[]
  requested: number
  counterpart: number
  bySource: Record<BudgetSource, number>
  total: number
  /** counterpart / (requested + counterpart), in %, two decimals; 0 for an empty budget. */
  counterpartPct: number
}

export interface BudgetRules {
  max_amount: number
  min_counterpart_pct: number
  max_duration_months: number
}

/** An amount as typed; empty or unreadable counts as 0 here (the schema reports unreadable ones). */
function amount(text: string | undefined): number {
  return text ? (parseMoney(text) ?? 0) : 0
}

export function computeBudget(lines: Omit<BudgetLine, 'counterpart' | 'total'>[]): Budget {
  const full = lines.map((l) => {
    const counterpart = l.own + l.contribution + l.loan
    return { ...l, counterpart, total: l.requested + counterpart }
  })
  const sum = (f: (l: BudgetLine) => number) => full.reduce((s, l) => s + f(l), 0)
  const requested = sum((l) => l.requested)
  const counterpart = sum((l) => l.counterpart)
  const total = requested + counterpart
  return {
    lines: full,
    requested,
    counterpart,
    bySource: { own: sum((l) => l.own), contribution: sum((l) => l.contribution), loan: sum((l) => l.loan) },
    total,
    counterpartPct: total > 0 ? Math.round((counterpart / total) * 10_000) / 100 : 0,
  }
}

/** The budget from the section's flat fields (labour_requested, labour_own, …). */
export function readBudget(data: Record<string, string | undefined>): Budget {
  return computeBudget(
    BUDGET_CATEGORIES.map((category) => ({
      category,
      requested: amount(data[`${category}_requested`]),
      own: amount(data[`${category}_own`]),
      contribution: amount(data[`${category}_contribution`]),
      loan: amount(data[`${category}_loan`]),
    })),
  )
}

const groups = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')

/**
 * The least counterpart, in whole đồng, that makes `minPct` % of the total next to `requested`:
 * counterpart / (requested + counterpart) ≥ minPct / 100, i.e. (100 − minPct) · counterpart ≥ minPct · requested,
 * in integers (BigInt), never on a rounded share. Infinity when no counterpart is enough (100 % and a request).
 */
export function minimumCounterpart(requested: number, minPct: number): number {
  if (minPct <= 0) return 0
  if (minPct >= 100) return requested > 0 ? Number.POSITIVE_INFINITY : 0
  // minPct may carry decimals in a call's settings: scale to hundredths so everything stays whole.
  const pct = BigInt(Math.round(minPct * 100))
  const rest = 10_000n - pct
  const need = pct * BigInt(Math.round(requested))
  return Number((need + rest - 1n) / rest)
}

/** Whether the counterpart meets the call's minimum share, compared in whole đồng. */
export function meetsCounterpart(budget: Pick<Budget, 'requested' | 'counterpart'>, minPct: number): boolean {
  return budget.counterpart >= minimumCounterpart(budget.requested, minPct)
}

/** The call's budget rules the budget breaks: field → catalogue key with params. */
export function budgetProblems(budget: Budget, rules: BudgetRules): Record<string, string> {
  const p: Record<string, string> = {}
  if (budget.requested > rules.max_amount) p.labour_requested = `applications.rule.maxAmount?max=${groups(rules.max_amount)}&amount=${groups(budget.requested)}`
  if (budget.total > 0 && !meetsCounterpart(budget, rules.min_counterpart_pct)) {
    const needed = minimumCounterpart(budget.requested, rules.min_counterpart_pct)
    p.labour_own = Number.isFinite(needed)
      ? `applications.rule.counterpartShort?min=${rules.min_counterpart_pct}&counterpart=${groups(budget.counterpart)}&needed=${groups(needed)}`
      : `applications.rule.minCounterpart?min=${rules.min_counterpart_pct}&pct=${budget.counterpartPct}`
  }
  return p
}

/** The duration rule: a catalogue key, or null when the duration is within the call's maximum. */
export function durationProblem(months: number, rules: Pick<BudgetRules, 'max_duration_months'>): string | null {
  return months > rules.max_duration_months ? `applications.rule.maxDuration?max=${rules.max_duration_months}&months=${months}` : null
}
