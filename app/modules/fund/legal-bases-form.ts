import { z } from 'zod'
import type { LegalBasisKind } from '../../../db/schema'

/** The kinds of decision whose bases an admin edits, in the order the page shows them. */
export const LEGAL_BASIS_KINDS: readonly LegalBasisKind[] = ['decision_grant', 'decision_loan', 'decision_guarantee', 'decision_support']

// Browser-safe: the legal bases form (/admin/legal-bases), one textarea per kind of decision. The server checks
// each line (app/modules/fund/legal-bases.ts); here only the size.
const list = z.string().max(10_000, 'fund.v.tooLong?max=10000').optional()
export const legalBasesFormSchema = z.looseObject({ decision_grant: list, decision_loan: list, decision_guarantee: list, decision_support: list })
