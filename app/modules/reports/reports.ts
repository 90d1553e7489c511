import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { IpType, ProductKind, ReportOutcome, ReportStatus } from '../../../db/schema'
import { recordAudit } from '../audit'
import { vnDate } from '../calendar'
import { contractById, type NextDue } from '../contracts'
import { getReviewRules } from '../fund'
import { type Lateness, lateness, type LatenessRules } from './schedule'
import { getTask, type Task } from './access'
import { mailReportReviewed, mailReportSubmitted } from './mail'
import type { PortfolioView } from './schemas'

// The periodic progress reports of a funded task: made from the contract's schedule, submitted in versions by
// the grantee (owners and editors of the host organisation), accepted by the office or sent back for changes.
// A report moves due → submitted → accepted, or submitted → changes_requested → submitted…; it is the report's
// own small lifecycle, not the task's: the task stays in_progress throughout (ADR 020).

export interface Actor {
  id: string
  email: string
  fullName: string
}

export interface ReportSummary {
  id: string
  seq: number
  periodFrom: string
  periodTo: string
  dueOn: string
  status: ReportStatus
  /** Versions submitted so far; also what a form sends back to prove it saw the latest. */
  version: number
  firstSubmittedAt: Date | null
  acceptedAt: Date | null
  remindedAt: Date | null
  lateNotifiedAt: Date | null
  veryLateNotifiedAt: Date | null
  lateness: Lateness | null
  daysPastDue: number
}

export interface ReportVersion {
  id: string
  version: number
  workDone: string
  problems: string
  nextSteps: string
  submittedBy: string | null
  submittedAt: Date
  outcome: ReportOutcome | null
  reviewNote: string
  reviewedBy: string | null
  reviewedAt: Date | null
}

export interface ReportProduct {
  id: string
  /** The version that carried it; null while it waits for the next submission. */
  version: number | null
  title: string
  description: string
  filename: string | null
  sizeBytes: number | null
  kind: ProductKind
  ipType: IpType | null
  docNumber: string | null
  /** 'YYYY-MM-DD' */
  docDate: string | null
}

export interface ReportDetail extends ReportSummary {
  versions: ReportVersion[]
  products: ReportProduct[]
}

function reportsQuery(db: DB) {
  return db
    .selectFrom('progress_reports as r')
    .select([
      'r.id', 'r.contract_id', 'r.seq', 'r.status', 'r.version', 'r.first_submitted_at', 'r.accepted_at', 'r.reminded_at', 'r.late_notified_at', 'r.very_late_notified_at',
      sql<string>`to_char(r.period_from, 'YYYY-MM-DD')`.as('period_from'),
      sql<string>`to_char(r.period_to, 'YYYY-MM-DD')`.as('period_to'),
      sql<string>`to_char(r.due_on, 'YYYY-MM-DD')`.as('due_on'),
    ])
}

type ReportRow = Awaited<ReturnType<ReturnType<typeof reportsQuery>['executeTakeFirstOrThrow']>>

function summary(row: ReportRow, today: string, rules: LatenessRules): ReportSummary {
  const late = lateness({ dueOn: row.due_on, firstSubmittedOn: row.first_submitted_at ? vnDate(row.first_submitted_at) : null }, today, rules)
  return {
    id: row.id,
    seq: row.seq,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    dueOn: row.due_on,
    status: row.status,
    version: row.version,
    firstSubmittedAt: row.first_submitted_at,
    acceptedAt: row.accepted_at,
    remindedAt: row.reminded_at,
    lateNotifiedAt: row.late_notified_at,
    veryLateNotifiedAt: row.very_late_notified_at,
    lateness: late.flag,
    daysPastDue: late.daysPastDue,
  }
}

/**
 * The task's reports in order, each with its lateness as of `now` by the Fund's rules: the schedule drawn when
 * the work started (draw.ts); none before.
 */
export async function listReports(db: DB, contractId: string, now = new Date()): Promise<ReportSummary[]> {
  const rules = await getReviewRules(db)
  const rows = await reportsQuery(db).where('r.contract_id', '=', contractId).orderBy('r.seq').execute()
  return rows.map((r) => summary(r, vnDate(now), rules))
}

/** One report of the contract with its versions (latest first) and its products; null when not the contract's. */
export async function getReport(db: DB, contractId: string, reportId: string, now = new Date()): Promise<ReportDetail | null> {
  const row = await reportsQuery(db).where('r.contract_id', '=', contractId).where('r.id', '=', reportId).executeTakeFirst()
  if (!row) return null
  const versions = await db
    .selectFrom('progress_report_versions as v')
    .leftJoin('users as s', 's.id', 'v.submitted_by')
    .leftJoin('users as w', 'w.id', 'v.reviewed_by')
    .select(['v.id', 'v.version', 'v.work_done', 'v.problems', 'v.next_steps', 'v.submitted_at', 'v.outcome', 'v.review_note', 'v.reviewed_at', 's.full_name as submitter', 'w.full_name as reviewer'])
    .where('v.report_id', '=', reportId)
    .orderBy('v.version', 'desc')
    .execute()
  const products = await db
    .selectFrom('progress_report_products as p')
    .leftJoin('progress_report_versions as v', 'v.id', 'p.version_id')
    .select(['p.id', 'v.version', 'p.title', 'p.description', 'p.filename', 'p.size_bytes', 'p.kind', 'p.ip_type', 'p.doc_number', sql<string | null>`to_char(p.doc_date, 'YYYY-MM-DD')`.as('doc_date')])
    .where('p.report_id', '=', reportId)
    .orderBy('p.added_at')
    .execute()
  return {
    ...summary(row, vnDate(now), await getReviewRules(db)),
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      workDone: v.work_done,
      problems: v.problems,
      nextSteps: v.next_steps,
      submittedBy: v.submitter,
      submittedAt: v.submitted_at,
      outcome: v.outcome,
      reviewNote: v.review_note,
      reviewedBy: v.reviewer,
      reviewedAt: v.reviewed_at,
    })),
    products: products.map((p) => ({
      id: p.id,
      version: p.version,
      title: p.title,
      description: p.description,
      filename: p.filename,
      sizeBytes: p.size_bytes,
      kind: p.kind,
      ipType: p.ip_type,
      docNumber: p.doc_number,
      docDate: p.doc_date,
    })),
  }
}

/** Who reads a task's reports page, which decides the report it opens on. */
export type ReportReader = 'grantee' | 'office'

/** The reports a reader has to act on, in the order the page looks for one: the grantee's to send; the office's to answer, then any not yet accepted. */
const TO_ACT_ON: Record<ReportReader, ((r: ReportSummary) => boolean)[]> = {
  grantee: [(r) => r.status === 'due' || r.status === 'changes_requested'],
  office: [(r) => r.status === 'submitted', (r) => r.status !== 'accepted'],
}

/**
 * What the grantee's and the office's reports pages read: the task's schedule, and one report with its versions
 * and products — the one asked for by its number, else the first the reader has to act on, else the last.
 */
export async function reportsPage(db: DB, contractId: string, reader: ReportReader, askedSeq: number, now = new Date()): Promise<{ reports: ReportSummary[]; report: ReportDetail | null }> {
  const reports = await listReports(db, contractId, now)
  let chosen = reports.find((r) => r.seq === askedSeq)
  for (const toAct of TO_ACT_ON[reader]) chosen ??= reports.find(toAct)
  chosen ??= reports.at(-1)
  return { reports, report: chosen ? await getReport(db, contractId, chosen.id, now) : null }
}

/** Why a step on a report was refused: a catalogue key (reports.refusal.*). */
export type ReportRefusal = 'stale' | 'not_open' | 'not_running' | 'not_found' | 'not_submitted'

type Result<T> = ({ ok: true } & T) | { ok: false; reason: ReportRefusal }

async function lockReport(trx: DB, contractId: string, reportId: string) {
  return trx.selectFrom('progress_reports').select(['id', 'seq', 'status', 'version']).where('id', '=', reportId).where('contract_id', '=', contractId).forUpdate().executeTakeFirst()
}

/**
 * The grantee submits a version of a report (the first, or one after the office asked for changes), carrying
 * the products added since the last version. Only while the task is in progress; `expectedVersion` is the
 * version the person saw, so two editors submitting at once cannot both win. Audited; the office is mailed.
 */
export async function submitReport(
  db: DB,
  input: { task: Task; reportId: string; expectedVersion: number; workDone: string; problems: string; nextSteps: string; actor: Actor; appUrl: string; ip?: string | null; now?: Date },
): Promise<Result<{ version: number }>> {
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx) => {
    const report = await lockReport(trx, input.task.contract.id, input.reportId)
    if (!report) return { ok: false, reason: 'not_found' } as const
    const app = await trx.selectFrom('applications').select('status').where('id', '=', input.task.applicationId).executeTakeFirstOrThrow()
    if (app.status !== 'in_progress') return { ok: false, reason: 'not_running' } as const
    if (report.status !== 'due' && report.status !== 'changes_requested') return { ok: false, reason: 'not_open' } as const
    if (report.version !== input.expectedVersion) return { ok: false, reason: 'stale' } as const
    const version = report.version + 1
    const row = await trx
      .insertInto('progress_report_versions')
      .values({ report_id: report.id, version, work_done: input.workDone, problems: input.problems, next_steps: input.nextSteps, submitted_by: input.actor.id, submitted_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx.updateTable('progress_report_products').set({ version_id: row.id }).where('report_id', '=', report.id).where('version_id', 'is', null).execute()
    await trx
      .updateTable('progress_reports')
      .set({ status: 'submitted', version, first_submitted_at: sql<Date>`coalesce(first_submitted_at, ${now})` })
      .where('id', '=', report.id)
      .execute()
    await recordAudit(trx, {
      action: 'report.submitted',
      actor: input.actor,
      subjectType: 'application',
      subjectId: input.task.applicationId,
      ip: input.ip ?? null,
      details: { report: report.id, seq: report.seq, version },
    })
    await mailReportSubmitted(trx, { task: input.task, reportId: report.id, by: input.actor.fullName, appUrl: input.appUrl, now })
    return { ok: true, version } as const
  })
}

/**
 * The office answers the submitted version: accepted, or changes asked with a note that says what to change.
 * Audited; the grantee's owners and editors are mailed.
 */
export async function reviewReport(
  db: DB,
  input: { task: Task; reportId: string; expectedVersion: number; outcome: ReportOutcome; note: string; actor: Actor; appUrl: string; ip?: string | null; now?: Date },
): Promise<Result<{ status: ReportStatus }>> {
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx) => {
    const report = await lockReport(trx, input.task.contract.id, input.reportId)
    if (!report) return { ok: false, reason: 'not_found' } as const
    if (report.status !== 'submitted') return { ok: false, reason: 'not_submitted' } as const
    if (report.version !== input.expectedVersion) return { ok: false, reason: 'stale' } as const
    await trx
      .updateTable('progress_report_versions')
      .set({ outcome: input.outcome, review_note: input.note, reviewed_by: input.actor.id, reviewed_at: now })
      .where('report_id', '=', report.id)
      .where('version', '=', report.version)
      .execute()
    const status: ReportStatus = input.outcome
    await trx
      .updateTable('progress_reports')
      .set({ status, accepted_at: input.outcome === 'accepted' ? now : null })
      .where('id', '=', report.id)
      .execute()
    await recordAudit(trx, {
      action: input.outcome === 'accepted' ? 'report.accepted' : 'report.changes_requested',
      actor: input.actor,
      subjectType: 'application',
      subjectId: input.task.applicationId,
      ip: input.ip ?? null,
      details: { report: report.id, seq: report.seq, version: report.version },
    })
    await mailReportReviewed(trx, { task: input.task, reportId: report.id, outcome: input.outcome, note: input.note, appUrl: input.appUrl })
    return { ok: true, status } as const
  })
}

/** How many of the contract's reports the office has accepted (a tranche may wait for one). */
export async function acceptedReportCount(db: DB, contractId: string): Promise<number> {
  const row = await db.selectFrom('progress_reports').select((eb) => eb.fn.countAll<string>().as('n')).where('contract_id', '=', contractId).where('status', '=', 'accepted').executeTakeFirstOrThrow()
  return Number(row.n)
}

/** What the task page shows as due next from the reports: the earliest report the grantee still has to send. */
export async function nextDue(db: DB, contractId: string): Promise<NextDue<'reports.next.due' | 'reports.next.changes'> | null> {
  const contract = await contractById(db, contractId)
  if (!contract) return null
  const row = await reportsQuery(db).where('r.contract_id', '=', contractId).where('r.status', 'in', ['due', 'changes_requested']).orderBy('r.seq').executeTakeFirst()
  if (!row) return null
  return { labelKey: row.status === 'due' ? 'reports.next.due' : 'reports.next.changes', dueOn: row.due_on, href: `/tasks/${contract.applicationId}/reports#report-${row.seq}` }
}

export { getTask }

export type { PortfolioView } from './schemas'

export interface PortfolioReport extends ReportSummary {
  applicationId: string
  reference: string
  title: string
  organisation: string
}

/**
 * The office's list of reports across every task in progress: `week` — due in the next seven days and not yet
 * in; `late` — past the Fund's "late" days and not yet in (the reminders sent are on each row); `submitted` —
 * waiting for the office's answer, oldest first; `all` — every report of those tasks, by due date. The page shows
 * at most 500 rows; an export asks for all (`limit: null`).
 */
export async function portfolioReports(db: DB, view: PortfolioView, now = new Date(), options: { limit?: number | null } = {}): Promise<PortfolioReport[]> {
  const rules = await getReviewRules(db)
  const today = vnDate(now)
  let q = reportsQuery(db)
    .innerJoin('contracts as c', 'c.id', 'r.contract_id')
    .innerJoin('applications as a', 'a.id', 'c.application_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id as application_id', 'a.reference', 'a.title', 'o.name as organisation'])
    .where('c.status', '=', 'signed')
    .where('a.status', '=', 'in_progress')
  if (view === 'all') q = q.orderBy('r.due_on').orderBy('a.reference').orderBy('r.seq')
  else if (view === 'submitted') q = q.where('r.status', '=', 'submitted').orderBy('r.first_submitted_at')
  else {
    q = q.where('r.status', '=', 'due').orderBy('r.due_on')
    q =
      view === 'week'
        ? q.where('r.due_on', '>=', sql<Date>`${today}::date`).where('r.due_on', '<', sql<Date>`${today}::date + 7`)
        : q.where('r.due_on', '<', sql<Date>`${today}::date - ${rules.reportLateAfterDays}::int`)
  }
  const rows = await (options.limit === null ? q : q.limit(options.limit ?? 500)).execute()
  return rows.map((r) => ({ ...summary(r, today, rules), applicationId: r.application_id, reference: r.reference ?? '', title: r.title, organisation: r.organisation }))
}
