import { z } from 'zod'

// Browser-safe: the legal bases form (/admin/legal-bases), one textarea per kind of decision. The server checks
// each line (app/modules/fund/legal-bases.ts); here only the size.
const list = z.string().max(10_000, 'fund.v.tooLong?max=10000').optional()
export const legalBasesFormSchema = z.looseObject({ decision_grant: list, decision_loan: list, decision_guarantee: list, decision_support: list })
