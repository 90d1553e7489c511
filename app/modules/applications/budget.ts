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

/** The call's budget rules the budget breaks: field → catalogue key with params. */
export function budgetProblems(budget: Budget, rules: BudgetRules): Record<string, string> {
  const p: Record<string, string> = {}
  if (budget.requested > rules.max_amount) p.labour_requested = `applications.rule.maxAmount?max=${groups(rules.max_amount)}&amount=${groups(budget.requested)}`
  if (budget.total > 0 && budget.counterpartPct < rules.min_counterpart_pct) {
    p.labour_own = `applications.rule.minCounterpart?min=${rules.min_counterpart_pct}&pct=${budget.counterpartPct}`
  }
  return p
}

/** The duration rule: a catalogue key, or null when the duration is within the call's maximum. */
export function durationProblem(months: number, rules: Pick<BudgetRules, 'max_duration_months'>): string | null {
  return months > rules.max_duration_months ? `applications.rule.maxDuration?max=${rules.max_duration_months}&months=${months}` : null
}
