import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely'
import type { DB } from '../../../db'
import type { ApplicationStatus } from '../../../db/schema'
import { type ClockLevel, clockState, holidaySet, vnDate, workingDaysBetween } from '../calendar'
import { getReviewRules } from '../fund'
// The machine's table directly: the workflow module's index reaches back into screening (a cycle).
import { INBOX_STATUSES, type InboxSort } from './schemas'

// The Fund office's inbox: every application that has left the applicant's hands (drafts are their private
// work), in the order they arrived, with the statutory screening clock in working days and the due date of
// an open request for changes. Reads only; status changes go through the workflow module.


/** The statuses the Fund's screening clock runs in. */
const SCREENING: readonly ApplicationStatus[] = ['submitted', 'screening', 'resubmitted']

export interface InboxFilter {
  callId?: string
  status?: ApplicationStatus
  /** Any of these statuses (the start page's lists: the dossiers to screen, the decisions waiting). */
  statuses?: readonly ApplicationStatus[]
  /** Only applications whose open request for changes is past its due date (in Việt Nam) on `now`. */
  changesOverdue?: boolean
  /** Free text over reference, title and organisation name, ignoring diacritics and case; every word must match. */
  q?: string
  sort?: InboxSort
  page: number
  pageSize: number
}

/**
 * Where a row's clock stands. `screening`: the Fund's N working days from the call's close (or from the resubmission),
 * day `elapsed` of `limit`. `changes`: the applicant's due date for the open request for changes.
 */
export type InboxClock =
  | { kind: 'screening'; elapsed: number; limit: number; remaining: number; dueDate: string; level: ClockLevel }
  | { kind: 'changes'; dueDate: string; level: ClockLevel }

export interface InboxRow {
  id: string
  reference: string | null
  title: string
  organisationName: string
  callId: string
  callCode: string
  status: ApplicationStatus
  submittedAt: Date | null
  requestedAmount: number
  clock: InboxClock | null
}

export interface InboxCall {
  id: string
  code: string
  title_vi: string
  title_en: string
}

export interface InboxPage {
  rows: InboxRow[]
  total: number
  /** Applications per status (drafts left out) within the call filter, whatever the other filters. */
  counts: Record<ApplicationStatus, number>
  /** The calls that have applications past draft, for the call filter. */
  calls: InboxCall[]
}

/** The public holidays the working-day clocks skip, as local dates 'YYYY-MM-DD'. */
export async function loadHolidays(db: DB): Promise<ReadonlySet<string>> {
  const rows = await db.selectFrom('holidays').select(sql<string>`to_char(day, 'YYYY-MM-DD')`.as('date')).execute()
  return holidaySet(rows)
}

/** The screening limit in working days: the fund's setting, 7 by default. */
async function screeningLimit(db: DB): Promise<number> {
  return (await getReviewRules(db)).screeningWorkingDays
}

/** LIKE's wildcards and its escape character, taken literally. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** The words of a search, at most 8 (each must appear in one of the searched columns). */
export function searchWords(q: string | undefined): string[] {
  return (q ?? '').normalize('NFC').split(/\s+/).filter(Boolean).slice(0, 8)
}

/**
 * The portal's one search without diacritics or case ("dak lak" finds "Đắk Lắk"): one condition per word, each
 * word found in at least one of the columns, both sides folded by the SQL function vn_fold (migration 0005).
 */
export function foldedWordsMatch(words: readonly string[], columns: readonly RawBuilder<unknown>[]): Expression<SqlBool>[] {
  return words.map((word) => {
    const w = escapeLike(word)
    return sql<boolean>`(${sql.join(
      columns.map((c) => sql`vn_fold(coalesce(${c}, '')) LIKE '%' || vn_fold(${w}) || '%'`),
      sql` OR `,
    )})`
  })
}

/**
 * Where the screening clock starts, as a local date in Việt Nam: the call's close (Circular 20/2023 Art. 7: the
 * office opens the dossiers after the close and screens them within N working days of it), not each dossier's
 * arrival — a dossier received during the grace minutes after the close starts it on its receipt; a
 * resubmission restarts it.
 */
const clockStartDate = sql<string>`((CASE WHEN a.status = 'resubmitted' THEN coalesce(a.status_changed_at, a.submitted_at) ELSE greatest(a.submitted_at, c.closes_at) END) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`

/**
 * The clock's due date in SQL, for sorting by urgency across pages: the same rule as calendar/addWorkingDays
 * (the limit-th working day after the start date, weekends and the holidays table skipped) for the screening
 * statuses, the open change request's due date for changes_requested, nothing otherwise. The dates shown
 * come from the calendar module; this only orders the rows.
 */
function dueDateOrder(limit: number) {
  const screening =
    limit === 0
      ? clockStartDate
      : sql`(SELECT ${clockStartDate} + g.i FROM generate_series(1, ${sql.lit(limit * 3 + 30)}) AS g(i)
          WHERE extract(isodow FROM ${clockStartDate} + g.i) < 6
            AND NOT EXISTS (SELECT 1 FROM holidays h WHERE h.day = ${clockStartDate} + g.i)
          ORDER BY g.i OFFSET ${sql.lit(limit - 1)} LIMIT 1)`
  return sql<string | null>`CASE
    WHEN a.status IN ('submitted', 'screening', 'resubmitted') THEN ${screening}
    WHEN a.status = 'changes_requested' THEN (SELECT min(m.due_on) FROM application_messages m
      WHERE m.application_id = a.id AND m.kind = 'change_request' AND m.resolved_at IS NULL)
  END`
}

/** One page of the inbox with the counts per status and the calls to filter by. */
export async function listInbox(db: DB, filter: InboxFilter, now = new Date()): Promise<InboxPage> {
  const pageSize = Math.max(1, filter.pageSize)
  const page = Math.max(1, filter.page)
  const sort = filter.sort ?? 'received'
  const words = searchWords(filter.q)

  let base = db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .where('a.status', '<>', 'draft')
  if (filter.callId) base = base.where('a.call_id', '=', filter.callId)
  if (filter.status) base = base.where('a.status', '=', filter.status)
  if (filter.statuses) base = base.where('a.status', 'in', filter.statuses.length ? filter.statuses : ['draft'])
  if (filter.changesOverdue) {
    base = base.where('a.status', '=', 'changes_requested').where(
      sql<boolean>`EXISTS (SELECT 1 FROM application_messages m WHERE m.application_id = a.id AND m.kind = 'change_request'
        AND m.resolved_at IS NULL AND m.due_on < ${vnDate(now)}::date)`,
    )
  }
  for (const condition of foldedWordsMatch(words, [sql`a.reference`, sql`a.title`, sql`o.name`])) base = base.where(condition)

  const limitP = screeningLimit(db)
  const rowsP = (async () => {
    let q = base
      .innerJoin('calls as c', 'c.id', 'a.call_id')
      .select([
        'a.id',
        'a.reference',
        'a.title',
        'o.name as organisation_name',
        'a.call_id',
        'c.code as call_code',
        'a.status',
        'a.submitted_at',
        'a.status_changed_at',
        'a.requested_amount',
        'c.closes_at',
      ])
      .select(
        sql<string | null>`(SELECT to_char(min(m.due_on), 'YYYY-MM-DD') FROM application_messages m
          WHERE m.application_id = a.id AND m.kind = 'change_request' AND m.resolved_at IS NULL)`.as('change_due_on'),
      )
    if (sort === 'clock') q = q.orderBy(dueDateOrder(await limitP), (ob) => ob.asc().nullsLast())
    if (sort === 'reference') q = q.orderBy('a.reference', (ob) => ob.asc().nullsLast())
    if (sort === 'title') q = q.orderBy(sql`vn_fold(a.title)`).orderBy('a.title')
    return q
      .orderBy('a.submitted_at', (ob) => ob.asc().nullsLast())
      .orderBy('a.reference', (ob) => ob.asc().nullsLast())
      .orderBy('a.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute()
  })()

  let byStatus = db.selectFrom('applications').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('status', '<>', 'draft')
  if (filter.callId) byStatus = byStatus.where('call_id', '=', filter.callId)

  const [rows, total, statusRows, calls, limit, holidays] = await Promise.all([
    rowsP,
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    byStatus.groupBy('status').execute(),
    db
      .selectFrom('calls as c')
      .select(['c.id', 'c.code', 'c.title_vi', 'c.title_en'])
      .where((eb) => eb.exists(eb.selectFrom('applications as x').select('x.id').whereRef('x.call_id', '=', 'c.id').where('x.status', '<>', 'draft')))
      .orderBy('c.opens_at', 'desc')
      .orderBy('c.code')
      .execute(),
    limitP,
    loadHolidays(db),
  ])

  const counts = Object.fromEntries(INBOX_STATUSES.map((s) => [s, 0])) as Record<ApplicationStatus, number>
  for (const r of statusRows) counts[r.status] = Number(r.n)

  return {
    rows: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      title: r.title,
      organisationName: r.organisation_name,
      callId: r.call_id,
      callCode: r.call_code,
      status: r.status,
      submittedAt: r.submitted_at,
      requestedAmount: Number(r.requested_amount),
      clock: clockOf(r, limit, now, holidays),
    })),
    total: Number(total.n),
    counts,
    calls,
  }
}

/** The instant the screening clock starts: the later of the receipt and the call's close, or the resubmission. */
export function screeningClockStart(r: { status: ApplicationStatus; submitted_at: Date | null; status_changed_at: Date | null; closes_at: Date }): Date | null {
  if (r.status === 'resubmitted') return r.status_changed_at ?? r.submitted_at
  if (!r.submitted_at) return null
  return r.submitted_at > r.closes_at ? r.submitted_at : r.closes_at
}

function clockOf(
  r: { status: ApplicationStatus; submitted_at: Date | null; status_changed_at: Date | null; change_due_on: string | null; closes_at: Date },
  limit: number,
  now: Date,
  holidays: ReadonlySet<string>,
): InboxClock | null {
  if (SCREENING.includes(r.status)) {
    const start = screeningClockStart(r)
    // Before the call closes the clock has not started: nothing is due yet.
    if (!start || now < start) return null
    const c = clockState(start, limit, now, holidays)
    return { kind: 'screening', elapsed: c.elapsed, limit, remaining: c.remaining, dueDate: c.dueDate, level: c.level }
  }
  if (r.status === 'changes_requested' && r.change_due_on) {
    const dueDate = r.change_due_on
    const today = vnDate(now)
    if (today > dueDate) return { kind: 'changes', dueDate, level: 'overdue' }
    // Due soon with at most one working day left after today, as for the screening clock.
    const left = workingDaysBetween(now, new Date(`${dueDate}T12:00:00+07:00`), holidays)
    return { kind: 'changes', dueDate, level: left <= 1 ? 'due_soon' : 'ok' }
  }
  return null
}
