import type { DB } from '../../../db'

// The money rules, as data: the Fund stores overrides in fund_settings.money_rules, these are the defaults.
// On failure (Circular 27/2015/TTLT-BKHCN-BTC, its successors and the Fund's charter): the money paid and not
// spent is recovered in full; of the money spent, at least 30 % when the cause is the grantee's (subjective), at
// most 10 % when it is not (objective). The office chooses the share within those bounds.

export interface MoneyRules {
  /** % of the money paid and not spent that is recovered on failure. */
  unusedRecoveryPct: number
  /** The least % of the money spent recovered on failure from a subjective cause. */
  spentRecoveryMinPctSubjective: number
  /** The most % of the money spent recovered on failure from an objective cause. */
  spentRecoveryMaxPctObjective: number
  /** Days the grantee has to repay an amount recovered. */
  recoveryDueDays: number
}

export const DEFAULT_MONEY_RULES: MoneyRules = { unusedRecoveryPct: 100, spentRecoveryMinPctSubjective: 30, spentRecoveryMaxPctObjective: 10, recoveryDueDays: 30 }

export function readMoneyRules(stored: Record<string, unknown> | null | undefined): MoneyRules {
  const out = { ...DEFAULT_MONEY_RULES }
  for (const k of Object.keys(out) as (keyof MoneyRules)[]) {
    const v = stored?.[k]
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[k] = v
  }
  return out
}

export async function getMoneyRules(db: DB): Promise<MoneyRules> {
  const row = await db.selectFrom('fund_settings').select('money_rules').orderBy('id').executeTakeFirst()
  return readMoneyRules(row?.money_rules)
}

/** `pct` % of an amount of đồng, rounded half up, in integers (the shares carry two decimals). */
export function share(amount: number, pct: number): number {
  const hundredths = BigInt(Math.round(pct * 100))
  return Number((BigInt(amount) * hundredths + 5_000n) / 10_000n)
}

/** The amount to recover on failure: the unused money at its share, plus the spent money at the share chosen. */
export function recoveryAmount(input: { paid: number; spent: number; unusedPct: number; spentPct: number }): { unused: number; amount: number } {
  const spent = Math.min(input.spent, input.paid)
  const unused = input.paid - spent
  return { unused, amount: share(unused, input.unusedPct) + share(spent, input.spentPct) }
}
