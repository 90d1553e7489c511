import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { AcceptanceRating } from '../../../db/schema'

// The facts of a task's acceptance the status machine's guards read (workflow/rules.ts): kept apart from the
// module's actions, which go through the machine, so the machine can read them without importing itself.

export const DOSSIER_PARTS = ['summary', 'products', 'self_assessment', 'spending_report'] as const
export type DossierPart = (typeof DOSSIER_PARTS)[number]

export interface DossierRow {
  summary: string
  products: string
  self_rating: AcceptanceRating | null
  self_assessment: string
  spending_report: string
  spent_amount: number | null
}

/** The parts of the dossier still empty, and a missing self-rating, as catalogue keys. */
export function dossierProblems(row: DossierRow | null | undefined): string[] {
  if (!row) return DOSSIER_PARTS.map((p) => `acceptance.dossier.missing.${p}`)
  const problems: string[] = DOSSIER_PARTS.filter((p) => !row[p].trim()).map((p) => `acceptance.dossier.missing.${p}`)
  if (!row.self_rating) problems.push('acceptance.dossier.missing.self_rating')
  if (row.spent_amount === null) problems.push('acceptance.dossier.missing.spent_amount')
  return problems
}

export async function dossierRow(db: DB, applicationId: string) {
  return db
    .selectFrom('results_dossiers')
    .selectAll()
    .select(sql<string | null>`to_char(finalise_due_on, 'YYYY-MM-DD')`.as('due_on'))
    .where('application_id', '=', applicationId)
    .executeTakeFirst()
}

/** The acceptance council's minutes as issued (signed and numbered), the latest whose number stands. */
export async function acceptanceMinutesIssued(db: DB, applicationId: string) {
  return db
    .selectFrom('documents as d')
    .innerJoin('document_register as r', 'r.id', 'd.register_id')
    .select(['d.id', 'r.symbol', 'd.created_at', sql<string>`to_char(d.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`.as('day')])
    .where('d.application_id', '=', applicationId)
    .where('d.kind', '=', 'acceptance_minutes')
    .where('r.state', '=', 'issued')
    .orderBy('d.created_at', 'desc')
    .executeTakeFirst()
}

/** The council's rating once it concluded and its minutes are issued; null before. */
export async function acceptanceOutcome(db: DB, applicationId: string): Promise<{ rating: AcceptanceRating; minutesSymbol: string; minutesAt: Date } | null> {
  const council = await db.selectFrom('acceptance_councils').select(['rating', 'status']).where('application_id', '=', applicationId).executeTakeFirst()
  if (!council?.rating || council.status !== 'concluded') return null
  const minutes = await acceptanceMinutesIssued(db, applicationId)
  return minutes ? { rating: council.rating, minutesSymbol: minutes.symbol, minutesAt: minutes.created_at } : null
}
