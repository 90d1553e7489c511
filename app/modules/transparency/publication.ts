import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { ApplicationStatus, OrganisationType } from '../../../db/schema'
import { recordAudit } from '../audit'
import { vnDate } from '../calendar'
import { getReviewRules } from '../fund'
import { foldedWordsMatch, searchWords } from '../screening'

// A call's results, published by the Fund's office once every application of the call has its decision:
// one frozen row per approved task with what the public may see (reference, title, organisation and its tax
// code, field, amount, counterpart, duration, the decision's number and date). A rejected, withdrawn or
// cancelled applicant is never published. The rows stay on the results page for the fund's setting
// (resultsOnlineDays, at least 60 days) from the first publication, then move to the archive; the open data
// always carries all of them.

type Actor = { id: string; email: string }

/** The statuses of an awarded task: approved and everything the task goes through after its decision. */
export const AWARDED: readonly ApplicationStatus[] = ['approved', 'contracted', 'in_progress', 'acceptance', 'completed', 'failed', 'closed']
/** Still on the way to a decision: the call's results cannot be published while any application is here. */
const UNDECIDED: readonly ApplicationStatus[] = [
  'submitted', 'screening', 'changes_requested', 'resubmitted', 'eligible', 'in_review', 'reviewed', 'recommended', 'revision', 'revised', 'appraisal', 'appraised',
]

export interface PublicationState {
  publishedAt: Date | null
  /** The day the results leave the results page for the archive. */
  onlineUntil: Date | null
  awarded: number
  undecided: number
  published: number
}

/** Where a call's publication stands, for the office's page. */
export async function publicationState(db: DB, callId: string): Promise<PublicationState | null> {
  const call = await db.selectFrom('calls').select(['results_published_at']).where('id', '=', callId).executeTakeFirst()
  if (!call) return null
  const [counts, published, rules] = await Promise.all([
    db
      .selectFrom('applications')
      .select([
        sql<number>`count(*) FILTER (WHERE status IN (${sql.join(AWARDED)}))`.as('awarded'),
        sql<number>`count(*) FILTER (WHERE status IN (${sql.join(UNDECIDED)}))`.as('undecided'),
      ])
      .where('call_id', '=', callId)
      .executeTakeFirstOrThrow(),
    db.selectFrom('published_results').select((eb) => eb.fn.countAll<number>().as('n')).where('call_id', '=', callId).executeTakeFirstOrThrow(),
    getReviewRules(db),
  ])
  return {
    publishedAt: call.results_published_at,
    onlineUntil: call.results_published_at ? addDays(call.results_published_at, rules.resultsOnlineDays) : null,
    awarded: Number(counts.awarded),
    undecided: Number(counts.undecided),
    published: Number(published.n),
  }
}

const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000)

export type PublishResult = { ok: true; published: number } | { ok: false; reason: 'not_found' | 'undecided' | 'nothing_awarded' }

/**
 * Publishes (or refreshes) a call's results: the awarded tasks as the public sees them, in one transaction.
 * A row whose content changed since the last publication gets a new dateModified; a task no longer awarded
 * (cancelled after its decision) leaves the list. The first publication starts the time online.
 */
export async function publishResults(db: DB, input: { callId: string; actor: Actor; ip?: string | null; now?: Date }): Promise<PublishResult> {
  const now = input.now ?? new Date()
  const state = await publicationState(db, input.callId)
  if (!state) return { ok: false, reason: 'not_found' }
  if (state.undecided > 0) return { ok: false, reason: 'undecided' }
  if (state.awarded === 0) return { ok: false, reason: 'nothing_awarded' }
  return db.transaction().execute(async (trx) => {
    const rows = await awardedRows(trx, input.callId)
    const existing = new Map((await trx.selectFrom('published_results').selectAll().where('call_id', '=', input.callId).execute()).map((r) => [r.application_id, r]))
    for (const row of rows) {
      const before = existing.get(row.application_id)
      existing.delete(row.application_id)
      const values = { ...row, call_id: input.callId }
      if (!before) {
        await trx.insertInto('published_results').values({ ...values, published_at: now, modified_at: now }).execute()
      } else if (changed(before, row)) {
        await trx.updateTable('published_results').set({ ...values, modified_at: now }).where('application_id', '=', row.application_id).execute()
      }
    }
    if (existing.size) await trx.deleteFrom('published_results').where('application_id', 'in', [...existing.keys()]).execute()
    await trx
      .updateTable('calls')
      .set({ results_published_at: sql`coalesce(results_published_at, ${now})`, results_published_by: input.actor.id })
      .where('id', '=', input.callId)
      .execute()
    await recordAudit(trx, {
      action: 'results.published',
      actor: input.actor,
      subjectType: 'call',
      subjectId: input.callId,
      ip: input.ip,
      details: { published: rows.length, removed: existing.size },
    })
    return { ok: true as const, published: rows.length }
  })
}

type Row = {
  application_id: string
  reference: string
  title: string
  summary: string
  organisation_name: string
  organisation_tax_code: string | null
  organisation_type: OrganisationType
  priority_field: string
  amount: number
  counterpart: number
  duration_months: number | null
  decision_number: string | null
  decision_date: string | null
}

function changed(before: Record<string, unknown>, after: Row): boolean {
  for (const [key, value] of Object.entries(after)) {
    let old = before[key]
    if (old instanceof Date) old = vnDate(old)
    if (typeof value === 'number' || typeof old === 'number' || typeof old === 'bigint') {
      if (Number(old) !== Number(value) || (old === null) !== (value === null)) return true
    } else if ((old ?? null) !== (value ?? null)) return true
  }
  return false
}

/** The call's awarded tasks, read from the applications, their general section and their decision. */
async function awardedRows(db: DB, callId: string): Promise<Row[]> {
  const rows = await db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .leftJoin('application_sections as g', (j) => j.onRef('g.application_id', '=', 'a.id').on('g.key', '=', 'general'))
    .select([
      'a.id',
      'a.reference',
      'a.title',
      'a.approved_amount',
      'a.requested_amount',
      'a.counterpart_amount',
      'a.organisation_snapshot',
      'o.name',
      'o.identifier',
      'o.identifier_kind',
      'o.type',
      'c.priority_field as call_field',
      'g.data as general',
    ])
    .select((eb) => [
      eb
        .selectFrom('documents as d')
        .innerJoin('document_register as r', 'r.id', 'd.register_id')
        .select('r.symbol')
        .whereRef('d.application_id', '=', 'a.id')
        .where('d.kind', '=', 'decision')
        .where('r.state', '<>', 'cancelled')
        .orderBy('d.created_at', 'desc')
        .limit(1)
        .as('decision_number'),
      eb
        .selectFrom('documents as d')
        .innerJoin('document_register as r', 'r.id', 'd.register_id')
        .select(sql<string>`to_char((r.issued_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD')`.as('d'))
        .whereRef('d.application_id', '=', 'a.id')
        .where('d.kind', '=', 'decision')
        .where('r.state', '<>', 'cancelled')
        .orderBy('d.created_at', 'desc')
        .limit(1)
        .as('decision_date'),
    ])
    .where('a.call_id', '=', callId)
    .where('a.status', 'in', AWARDED)
    .orderBy('a.reference')
    .execute()
  return rows.map((r) => {
    const general = (r.general ?? {}) as { priority_field?: unknown; duration_months?: unknown; summary?: unknown }
    const duration = Number(general.duration_months)
    const snapshotName = ((r.organisation_snapshot ?? {}) as { name?: unknown }).name
    return {
      application_id: r.id,
      reference: r.reference ?? r.id,
      title: r.title,
      summary: typeof general.summary === 'string' ? general.summary : '',
      organisation_name: typeof snapshotName === 'string' && snapshotName ? snapshotName : r.name,
      // A citizen ID is personal data: only a tax code is published.
      organisation_tax_code: r.identifier_kind === 'tax_code' ? r.identifier : null,
      organisation_type: r.type,
      priority_field: typeof general.priority_field === 'string' && general.priority_field ? general.priority_field : r.call_field,
      amount: Number(r.approved_amount ?? r.requested_amount),
      counterpart: Number(r.counterpart_amount),
      duration_months: Number.isInteger(duration) && duration > 0 ? duration : null,
      decision_number: r.decision_number ?? null,
      decision_date: r.decision_date ?? null,
    }
  })
}

export interface PublishedCall {
  id: string
  code: string
  titleVi: string
  titleEn: string
  modality: string
  publishedAt: Date
  onlineUntil: Date
  tasks: number
  awarded: number
}

/** The calls whose results are published: on the results page (`archive` false) or in the archive. */
export async function listPublishedCalls(db: DB, opts: { archive: boolean; now?: Date }): Promise<PublishedCall[]> {
  const now = opts.now ?? new Date()
  const days = (await getReviewRules(db)).resultsOnlineDays
  const rows = await db
    .selectFrom('calls as c')
    .innerJoin('published_results as p', 'p.call_id', 'c.id')
    .select(['c.id', 'c.code', 'c.title_vi', 'c.title_en', 'c.modality', 'c.results_published_at'])
    .select((eb) => [eb.fn.countAll<number>().as('tasks'), eb.fn.sum<number>('p.amount').as('awarded')])
    .where('c.results_published_at', 'is not', null)
    .where(sql<boolean>`(c.results_published_at + make_interval(days => ${days})) ${sql.raw(opts.archive ? '<=' : '>')} ${now}`)
    .groupBy(['c.id', 'c.code', 'c.title_vi', 'c.title_en', 'c.modality', 'c.results_published_at'])
    .orderBy('c.results_published_at', 'desc')
    .orderBy('c.code')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    titleVi: r.title_vi,
    titleEn: r.title_en,
    modality: r.modality,
    publishedAt: r.results_published_at!,
    onlineUntil: addDays(r.results_published_at!, days),
    tasks: Number(r.tasks),
    awarded: Number(r.awarded),
  }))
}

export interface PublishedTask {
  applicationId: string
  callId: string
  callCode: string
  reference: string
  title: string
  summary: string
  organisationName: string
  organisationTaxCode: string | null
  organisationType: OrganisationType
  priorityField: string
  amount: number
  counterpart: number
  durationMonths: number | null
  decisionNumber: string | null
  decisionDate: string | null
  publishedAt: Date
  modifiedAt: Date
}

export interface PublishedFilter {
  callCode?: string
  /** Searched without diacritics over reference, title and organisation. */
  q?: string
  page: number
  pageSize: number
}

/** Published tasks, oldest publication first then by reference (a stable order for paging). */
export async function listPublishedTasks(db: DB, filter: PublishedFilter): Promise<{ rows: PublishedTask[]; total: number }> {
  let base = db.selectFrom('published_results as p').innerJoin('calls as c', 'c.id', 'p.call_id')
  if (filter.callCode) base = base.where('c.code', '=', filter.callCode)
  for (const condition of foldedWordsMatch(searchWords(filter.q), [sql`p.reference`, sql`p.title`, sql`p.organisation_name`])) base = base.where(condition)
  const pageSize = Math.max(1, filter.pageSize)
  const page = Math.max(1, filter.page)
  const [rows, total] = await Promise.all([
    base
      .selectAll('p')
      .select(['c.code as call_code', sql<string | null>`to_char(p.decision_date, 'YYYY-MM-DD')`.as('decision_day')])
      .orderBy('p.published_at')
      .orderBy('p.reference')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({
      applicationId: r.application_id,
      callId: r.call_id,
      callCode: r.call_code,
      reference: r.reference,
      title: r.title,
      summary: r.summary,
      organisationName: r.organisation_name,
      organisationTaxCode: r.organisation_tax_code,
      organisationType: r.organisation_type,
      priorityField: r.priority_field,
      amount: Number(r.amount),
      counterpart: Number(r.counterpart),
      durationMonths: r.duration_months,
      decisionNumber: r.decision_number,
      decisionDate: r.decision_day,
      publishedAt: r.published_at,
      modifiedAt: r.modified_at,
    })),
  }
}

/** A published call for its public page, or null when its results are not published. */
export async function publishedCall(db: DB, code: string) {
  const days = (await getReviewRules(db)).resultsOnlineDays
  const call = await db
    .selectFrom('calls')
    .select(['id', 'code', 'title_vi', 'title_en', 'modality', 'budget_total', 'results_published_at'])
    .where('code', '=', code)
    .where('results_published_at', 'is not', null)
    .executeTakeFirst()
  if (!call?.results_published_at) return null
  return { ...call, budget_total: Number(call.budget_total), onlineUntil: addDays(call.results_published_at, days) }
}
