import type { DB } from '../../../db'
import type { CouncilStatus } from '../../../db/schema'
import type { Lang } from '../../i18n'

// Where an application stands with the council that decides it: the steps a council takes (start_review,
// complete_review, recommend, not_recommend) follow a council that reviewed the application and concluded on
// it, unless the call's rules let the Fund decide without one (a small support call). The guards of those
// steps (rules.ts) and the pages that say what to do next read this.

export interface CouncilStanding {
  /** The call's rules let the Fund decide without a council (calls.without_council). */
  withoutCouncil: boolean
  /** The council the application is before, if any (an application sits on one council only), named in the reader's language. */
  council: { id: string; name: string; status: CouncilStatus } | null
  /** That council's conclusion on the application, once the council has concluded on it. */
  conclusion: { recommended: boolean } | null
}

export async function councilStanding(db: DB, applicationId: string, lang: Lang = 'vi'): Promise<CouncilStanding> {
  const row = await db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .leftJoin('council_applications as ca', 'ca.application_id', 'a.id')
    .leftJoin('councils as co', 'co.id', 'ca.council_id')
    // Only the conclusion of the council the application sits on counts: the council that reviewed it.
    .leftJoin('council_conclusions as k', (j) => j.onRef('k.application_id', '=', 'a.id').onRef('k.council_id', '=', 'ca.council_id'))
    .select(['c.without_council', 'co.id as council_id', 'co.name_vi as council_name_vi', 'co.name_en as council_name_en', 'co.status as council_status', 'k.recommended'])
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow()
  return {
    withoutCouncil: row.without_council,
    council:
      row.council_id && row.council_name_vi !== null && row.council_status !== null
        ? { id: row.council_id, name: (lang === 'en' && row.council_name_en) || row.council_name_vi, status: row.council_status }
        : null,
    conclusion: row.recommended === null ? null : { recommended: row.recommended },
  }
}

/**
 * Whether the steps a council takes are, for this application, taken by the office without one (each then
 * needs its reason): only when the call allows it and no council has the application. A council that has
 * the application decides it, whatever the call allows.
 */
export function decidedWithoutCouncil(standing: CouncilStanding): boolean {
  return standing.withoutCouncil && !standing.council
}
