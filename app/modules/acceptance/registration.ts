import { sql } from 'kysely'
import type { DB } from '../../../db'
import { RATING_VI } from '../../../templates/acceptance-minutes'
import { resultsRegistration } from '../../../templates/results-registration'
import { fundForDocuments } from '../decisions/issue'
import { renderDocument } from '../documents/layout'
import { getFundSettings } from '../fund'
import { getAcceptanceCouncil } from './council'
import { getResultsDossier } from './dossier'
import { issuedAcceptanceMinutes } from './minutes'

// The results registration form (Circular 14/2014/TT-BKHCN, form 5) of a task the council has rated and whose
// minutes are signed: drawn from the task, its host as the dossier froze it, its contract, the minutes and the
// results dossier (the finalised text where there is one). Null before the minutes are issued.

export async function resultsRegistrationPdf(db: DB, applicationId: string): Promise<Uint8Array | null> {
  const minutes = await issuedAcceptanceMinutes(db, applicationId)
  const council = await getAcceptanceCouncil(db, applicationId)
  const dossier = await getResultsDossier(db, applicationId)
  if (!minutes || !council?.rating || !dossier) return null
  const task = await db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('wards as w', 'w.code', 'o.ward_code')
    .innerJoin('contracts as c', 'c.application_id', 'a.id')
    .leftJoin('application_sections as s', (j) => j.onRef('s.application_id', '=', 'a.id').on('s.key', '=', 'team'))
    .select([
      'a.reference',
      'a.title',
      'a.organisation_snapshot',
      'o.name',
      'o.address_line',
      'w.name as ward',
      'o.phone',
      'o.email',
      'o.legal_rep_name',
      's.data as team',
      'c.fund_amount',
      'c.counterpart_amount',
      sql<string>`to_char(c.starts_on, 'YYYY-MM-DD')`.as('starts_on'),
      sql<string>`to_char(c.ends_on, 'YYYY-MM-DD')`.as('ends_on'),
    ])
    .where('a.id', '=', applicationId)
    .executeTakeFirst()
  if (!task) return null
  const frozen = (task.organisation_snapshot ?? {}) as Partial<Record<'name' | 'address_line' | 'phone' | 'email' | 'legal_rep_name', string>>
  const fund = fundForDocuments(await getFundSettings(db))
  const model = resultsRegistration({
    fund,
    reference: task.reference ?? '',
    taskTitle: task.title,
    host: {
      name: frozen.name ?? task.name,
      address: [frozen.address_line ?? task.address_line, task.ward, fund.placeName].filter(Boolean).join(', '),
      phone: frozen.phone ?? task.phone,
      email: frozen.email ?? task.email,
      representative: frozen.legal_rep_name ?? task.legal_rep_name,
    },
    investigator: String(((task.team ?? {}) as Record<string, unknown>).pi_name ?? ''),
    contract: { startsOn: task.starts_on, endsOn: task.ends_on, fundAmount: Number(task.fund_amount), counterpartAmount: Number(task.counterpart_amount) },
    acceptance: { minutes: minutes.symbol ?? '', on: minutes.createdAt, rating: RATING_VI[council.rating] },
    summary: dossier.summary,
    products: dossier.products.split(/\n+/).map((l) => l.trim()).filter(Boolean),
  })
  return renderDocument(model)
}
