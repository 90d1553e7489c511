import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { NextDue } from '../contracts'
import { getReviewRules } from '../fund'

// What acceptance asks of the grantee next, for the task page (B's /tasks/:id): the results dossier once the
// contract's period ends (due the fund's number of days after its end, 30 by default), then finalising the dossier after the council. Null when nothing is due from the grantee.

export async function nextDue(db: DB, contractId: string): Promise<NextDue<'acceptance.next.submit' | 'acceptance.next.finalise'> | null> {
  const days = (await getReviewRules(db)).acceptanceDossierDays
  const row = await db
    .selectFrom('contracts as c')
    .innerJoin('applications as a', 'a.id', 'c.application_id')
    .leftJoin('results_dossiers as r', 'r.application_id', 'a.id')
    .select([
      'a.id',
      'a.status',
      'r.submitted_at',
      'r.finalised_at',
      sql<string>`to_char(c.ends_on + ${days}::int, 'YYYY-MM-DD')`.as('results_due'),
      sql<string | null>`to_char(r.finalise_due_on, 'YYYY-MM-DD')`.as('finalise_due'),
    ])
    .where('c.id', '=', contractId)
    .executeTakeFirst()
  if (!row) return null
  const href = `/tasks/${row.id}/results`
  if (row.status === 'in_progress' && !row.submitted_at) return { labelKey: 'acceptance.next.submit', dueOn: row.results_due, href }
  if ((row.status === 'completed' || row.status === 'failed') && row.finalise_due && !row.finalised_at) return { labelKey: 'acceptance.next.finalise', dueOn: row.finalise_due, href }
  return null
}
