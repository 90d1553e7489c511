import { sql } from 'kysely'
import type { DB } from '../../../db'
import { foldedWordsMatch, searchWords } from '../screening'
import { awardedAmount, fieldOf, reached, received } from './stages'

// Public statistics: per call and per year, received, eligible and approved applications, the amounts requested
// and awarded, by priority field and by kind of applicant. Only calls whose results are published are counted
// (nothing of a call still being decided is shown); no applicant is named.

export interface StatRow {
  key: string
  received: number
  eligible: number
  approved: number
  requested: number
  awarded: number
}

export interface CallStatRow extends StatRow {
  code: string
  titleVi: string
  titleEn: string
  year: number
}

export interface PublicStatistics {
  byCall: CallStatRow[]
  byYear: StatRow[]
  byField: StatRow[]
  byType: StatRow[]
  years: number[]
}

const measures = [
  sql<number>`count(*) FILTER (WHERE ${received})`.as('received'),
  sql<number>`count(*) FILTER (WHERE ${received} AND ${reached('eligible')})`.as('eligible'),
  sql<number>`count(*) FILTER (WHERE ${received} AND ${reached('approved')})`.as('approved'),
  sql<number>`coalesce(sum(a.requested_amount) FILTER (WHERE ${received}), 0)`.as('requested'),
  sql<number>`coalesce(sum(${awardedAmount}), 0)`.as('awarded'),
]
const yearOf = sql<number>`extract(year FROM (c.closes_at AT TIME ZONE 'Asia/Ho_Chi_Minh'))::int`

function row(r: { key: unknown; received: unknown; eligible: unknown; approved: unknown; requested: unknown; awarded: unknown }): StatRow {
  return {
    key: String(r.key),
    received: Number(r.received),
    eligible: Number(r.eligible),
    approved: Number(r.approved),
    requested: Number(r.requested),
    awarded: Number(r.awarded),
  }
}

/** The statistics of the published calls, optionally of one year and of the calls a search finds (without diacritics). */
export async function publicStatistics(db: DB, filter: { year?: number; q?: string } = {}): Promise<PublicStatistics> {
  let base = db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .where('c.results_published_at', 'is not', null)
  if (filter.year) base = base.where(yearOf, '=', filter.year)
  for (const condition of foldedWordsMatch(searchWords(filter.q), [sql`c.code`, sql`c.title_vi`, sql`c.title_en`])) base = base.where(condition)

  const [byCall, byYear, byField, byType, years] = await Promise.all([
    base
      .select(['c.code as key', 'c.title_vi', 'c.title_en', yearOf.as('year'), ...measures])
      .groupBy(['c.code', 'c.title_vi', 'c.title_en', 'c.closes_at'])
      .orderBy('c.closes_at', 'desc')
      .orderBy('c.code')
      .execute(),
    base.select([yearOf.as('key'), ...measures]).groupBy(yearOf).orderBy(yearOf, 'desc').execute(),
    base.select([fieldOf.as('key'), ...measures]).groupBy(fieldOf).orderBy(fieldOf).execute(),
    base.select(['o.type as key', ...measures]).groupBy('o.type').orderBy('o.type').execute(),
    db
      .selectFrom('calls as c')
      .select(yearOf.as('year'))
      .distinct()
      .where('c.results_published_at', 'is not', null)
      .orderBy('year', 'desc')
      .execute(),
  ])
  return {
    byCall: byCall.map((r) => ({ ...row(r), code: r.key, titleVi: r.title_vi, titleEn: r.title_en, year: Number(r.year) })),
    byYear: byYear.map(row),
    byField: byField.map(row),
    byType: byType.map(row),
    years: years.map((y) => Number(y.year)),
  }
}
