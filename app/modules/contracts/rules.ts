import { z } from 'zod'
import type { DB } from '../../../db'

// The contracts' numbers (ADR 018): defaults of today's practice (Circular 04/2015/TT-BKHCN on adjustments and
// the Fund's charter on tranches), stored per fund as overrides (fund_settings.contract_rules), never constants.

const pct = z.number().int().min(0).max(100)

export const contractRulesSchema = z
  .object({
    /** Months between progress reports when the appraisal or the office says nothing else. */
    reportEveryMonths: z.number().int().min(1).max(24).default(6),
    /** Share of the Fund's amount paid as the advance on signing, whole percent. */
    advancePct: pct.default(40),
    /** Share paid after an accepted progress report (interim), whole percent; the rest is the final tranche. */
    interimPct: pct.default(40),
    /** Calendar days after the decision's date the contract starts by default. */
    startAfterDays: z.number().int().min(0).default(15),
    /** The longest extension of a task's duration, months, and how many extensions a task may have. */
    maxExtensionMonths: z.number().int().min(0).default(12),
    maxExtensions: z.number().int().min(0).default(1),
    /** The most of the Fund's amount moved between budget categories without a new appraisal, whole percent. */
    maxBudgetMovePct: pct.default(10),
    /** The longest suspension the director may grant in one decision, months (ADR 025). */
    maxSuspensionMonths: z.number().int().min(0).default(6),
  })
  .refine((r) => r.advancePct + r.interimPct <= 100, { path: ['interimPct'] })

export type ContractRules = z.infer<typeof contractRulesSchema>

export const DEFAULT_CONTRACT_RULES: Readonly<ContractRules> = Object.freeze(contractRulesSchema.parse({}))

/** The fund's rules: its stored overrides over the defaults (a stored value that no longer parses is ignored). */
export async function readContractRules(db: DB): Promise<ContractRules> {
  const row = await db.selectFrom('fund_settings').select('contract_rules').orderBy('id').executeTakeFirst()
  const parsed = contractRulesSchema.safeParse({ ...DEFAULT_CONTRACT_RULES, ...(row?.contract_rules ?? {}) })
  return parsed.success ? parsed.data : { ...DEFAULT_CONTRACT_RULES }
}
