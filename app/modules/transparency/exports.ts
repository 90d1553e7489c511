import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { ApplicationStatus, Job } from '../../../db/schema'
import type { Lang, MessageKey } from '../../i18n'
import { translator } from '../../i18n'
import { formatDateTime } from '../../i18n/format'
import type { FileStorage } from '../applications'
import { readAll } from '../applications/storage'
import { recordAudit } from '../audit'
import { vnDate } from '../calendar'
import { type ClaimedJob, claimJob, endJob, LeaseLost, logClaim, logLeaseLost, renewLease } from '../decisions'
import { paymentQueue } from '../payments'
import { PAYMENT_VIEW_STATUSES, PAYMENT_VIEWS, type PaymentView } from '../payments/schemas'
import { portfolioReports } from '../reports'
import { PORTFOLIO_VIEWS, type PortfolioView } from '../reports/schemas'
import { type InboxFilter, listInbox } from '../screening'
import { startPoller } from '../../lib/poller'
import { searchParam, uuidFilter } from '../../lib/params'
import { INBOX_SORTS, INBOX_STATUSES } from '../screening/schemas'

// Exports of the Fund's lists as CSV or XLSX: applications, scores and decisions with the filters of the staff
// inbox, payment requests with the list chosen on /staff/payments, progress reports with the list chosen on
// /staff/reports. Each dataset reads its rows through the function its page uses (listInbox, paymentQueue,
// portfolioReports), so an export has exactly the rows the page shows (all pages of them); column names are in
// the reader's language, money is whole đồng as numbers (XLSX: a number format with thousands separators).
// A small export is made in the request; a large one runs as a background job (the jobs table, kind 'export')
// whose progress the page shows, and whose file is kept in the file storage until downloaded.

import { type Dataset, DATASET_PAGE, type ExportFormat } from './kinds'
const PAGE = 200
/** The default lease; the server passes JOBS_LEASE_SECONDS. */
const LEASE_SECONDS = 120

/** The filters an export carries: the inbox's for its datasets, the list (`view`) for payments and reports. */
export type ExportFilter = Pick<InboxFilter, 'callId' | 'status' | 'q' | 'sort'> & { view?: PaymentView | PortfolioView }

export interface ExportParams {
  dataset: Dataset
  format: ExportFormat
  lang: Lang
  filter: ExportFilter
}

type Cell = string | number | null
interface ColumnDef {
  key: MessageKey
  money?: boolean
  width?: number
}

/** One page of a dataset's rows and the total under the filter. */
type Page = { rows: Cell[][]; total: number }

interface DatasetDef {
  columns: ColumnDef[]
  /** The page's filter from its query string. */
  filter(params: URLSearchParams): ExportFilter
  /** Rows `page` (from 1) of `size`; a source that is not paged answers everything on page 1. */
  page(db: DB, params: ExportParams, page: number, size: number): Promise<Page>
}

/** The inbox's filters from a query string (call, status, search, order). */
function inboxFilter(params: URLSearchParams): ExportFilter {
  const status = INBOX_STATUSES.find((s) => s === params.get('status')) as ApplicationStatus | undefined
  const sort = INBOX_SORTS.find((s) => s === params.get('sort'))
  const q = searchParam(new URL(`http://x/?${new URLSearchParams({ q: params.get('q') ?? '' })}`), 'q')
  return { callId: uuidFilter(params.get('call')), status, q: q || undefined, sort }
}

/** A page of the inbox under the filter, each row made by `row` with the application's details. */
function inboxPage(row: (r: Awaited<ReturnType<typeof listInbox>>['rows'][number], d: Details | undefined, params: ExportParams) => Cell[]) {
  return async (db: DB, params: ExportParams, page: number, size: number): Promise<Page> => {
    const inbox = await listInbox(db, { ...params.filter, page, pageSize: size })
    const ids = inbox.rows.map((r) => r.id)
    const extra = ids.length ? await details(db, ids) : new Map<string, Details>()
    return { rows: inbox.rows.map((r) => row(r, extra.get(r.id), params)), total: inbox.total }
  }
}

/** Everything at once, for a source its page does not split (the page shows one list). */
const whole = (rows: Cell[][], page: number): Page => ({ rows: page === 1 ? rows : [], total: rows.length })

const statusOf = (params: ExportParams, status: string) => translator(params.lang)(`workflow.status.${status}` as MessageKey)
const day = (value: string | null) => (value ? value.split('-').reverse().join('/') : null)

const DATASETS_DEF: Record<Dataset, DatasetDef> = {
  applications: {
    columns: [
      { key: 'exports.col.reference', width: 18 },
      { key: 'exports.col.call', width: 16 },
      { key: 'exports.col.title', width: 50 },
      { key: 'exports.col.organisation', width: 40 },
      { key: 'exports.col.status', width: 22 },
      { key: 'exports.col.submitted', width: 18 },
      { key: 'exports.col.requested', money: true, width: 18 },
    ],
    filter: inboxFilter,
    page: inboxPage((r, _d, p) => [r.reference, r.callCode, r.title, r.organisationName, statusOf(p, r.status), r.submittedAt ? formatDateTime(r.submittedAt, p.lang) : null, r.requestedAmount]),
  },
  scores: {
    columns: [
      { key: 'exports.col.reference', width: 18 },
      { key: 'exports.col.title', width: 50 },
      { key: 'exports.col.organisation', width: 40 },
      { key: 'exports.col.mean', width: 12 },
      { key: 'exports.col.finalScore', width: 12 },
      { key: 'exports.col.rank', width: 8 },
      { key: 'exports.col.recommended', width: 16 },
    ],
    filter: inboxFilter,
    page: inboxPage((r, d, p) => [
      r.reference,
      r.title,
      r.organisationName,
      d?.mean ?? null,
      d?.finalScore ?? null,
      d?.rank ?? null,
      d?.recommended === undefined || d.recommended === null ? null : translator(p.lang)(d.recommended ? 'exports.yes' : 'exports.no'),
    ]),
  },
  decisions: {
    columns: [
      { key: 'exports.col.reference', width: 18 },
      { key: 'exports.col.title', width: 50 },
      { key: 'exports.col.organisation', width: 40 },
      { key: 'exports.col.status', width: 22 },
      { key: 'exports.col.approved', money: true, width: 18 },
      { key: 'exports.col.counterpart', money: true, width: 18 },
      { key: 'exports.col.decisionNumber', width: 18 },
      { key: 'exports.col.decisionDate', width: 14 },
    ],
    filter: inboxFilter,
    page: inboxPage((r, d, p) => [r.reference, r.title, r.organisationName, statusOf(p, r.status), d?.approved ?? null, d?.counterpart ?? 0, d?.decisionNumber ?? null, d?.decisionDate ?? null]),
  },
  payments: {
    columns: [
      { key: 'exports.col.reference', width: 18 },
      { key: 'exports.col.title', width: 40 },
      { key: 'exports.col.organisation', width: 36 },
      { key: 'exports.col.tranche', width: 8 },
      { key: 'exports.col.amountRequested', money: true, width: 18 },
      { key: 'exports.col.amountApproved', money: true, width: 18 },
      { key: 'exports.col.amountPaid', money: true, width: 18 },
      { key: 'exports.col.status', width: 24 },
      { key: 'exports.col.requestedAt', width: 18 },
      { key: 'exports.col.approvedAt', width: 18 },
      { key: 'exports.col.paidOn', width: 14 },
      { key: 'exports.col.transferRef', width: 22 },
    ],
    filter: (params) => ({ view: PAYMENT_VIEWS.find((v) => v === params.get('view')) ?? 'waiting' }),
    page: async (db, params, page) => {
      const view = PAYMENT_VIEWS.find((v) => v === params.filter.view) ?? 'waiting'
      const t = translator(params.lang)
      const rows = (await paymentQueue(db, PAYMENT_VIEW_STATUSES[view])).map((r): Cell[] => [
        r.reference,
        r.title,
        r.organisation,
        r.trancheSeq,
        r.amount,
        // The chief accountant approves the amount asked (or returns the request): approved or paid, it is that.
        r.status === 'approved' || r.status === 'paid' ? r.amount : null,
        r.paidAmount,
        t(`payments.status.${r.status}`),
        formatDateTime(r.requestedAt, params.lang),
        r.approvedAt ? formatDateTime(r.approvedAt, params.lang) : null,
        day(r.paidOn),
        r.transferRef,
      ])
      return whole(rows, page)
    },
  },
  reports: {
    columns: [
      { key: 'exports.col.reference', width: 18 },
      { key: 'exports.col.title', width: 40 },
      { key: 'exports.col.organisation', width: 36 },
      { key: 'exports.col.reportSeq', width: 8 },
      { key: 'exports.col.period', width: 24 },
      { key: 'exports.col.dueOn', width: 14 },
      { key: 'exports.col.submittedOn', width: 18 },
      { key: 'exports.col.lateness', width: 22 },
      { key: 'exports.col.outcome', width: 24 },
    ],
    filter: (params) => ({ view: PORTFOLIO_VIEWS.find((v) => v === params.get('view')) ?? 'week' }),
    page: async (db, params, page) => {
      const view = PORTFOLIO_VIEWS.find((v) => v === params.filter.view) ?? 'week'
      const t = translator(params.lang)
      const rows = (await portfolioReports(db, view, new Date(), { limit: null })).map((r): Cell[] => [
        r.reference,
        r.title,
        r.organisation,
        r.seq,
        `${day(r.periodFrom)} – ${day(r.periodTo)}`,
        day(r.dueOn),
        r.firstSubmittedAt ? formatDateTime(r.firstSubmittedAt, params.lang) : null,
        r.lateness ? t(`reports.lateness.${r.lateness}`, { days: r.daysPastDue }) : null,
        t(`reports.status.${r.status}`),
      ])
      return whole(rows, page)
    },
  },
}

export function columnTitles(params: Pick<ExportParams, 'dataset' | 'lang'>): string[] {
  const t = translator(params.lang)
  return DATASETS_DEF[params.dataset].columns.map((c) => t(c.key))
}

/** The filters of the dataset's page from a query string, as the export reads them. */
export function exportFilter(params: URLSearchParams, dataset: Dataset = 'applications'): ExportFilter {
  return DATASETS_DEF[dataset].filter(params)
}

/** The query string of the dataset's page for a filter (the link back to it, and to the file). */
export function exportQuery(dataset: Dataset, filter: ExportFilter): string {
  const entries: [string, string | undefined][] =
    DATASET_PAGE[dataset] === 'applications'
      ? [['call', filter.callId], ['status', filter.status], ['q', filter.q], ['sort', filter.sort]]
      : [['dataset', dataset], ['view', filter.view]]
  return new URLSearchParams(entries.filter((e): e is [string, string] => !!e[1])).toString()
}

/** How many rows the export will have (the page's total under the filters). */
export async function exportSize(db: DB, params: ExportParams): Promise<number> {
  return (await DATASETS_DEF[params.dataset].page(db, params, 1, 1)).total
}

/** The rows of the export, page by page of its source, `onPage` told of the progress. */
async function exportRows(db: DB, params: ExportParams, onPage?: (done: number, total: number) => Promise<void>): Promise<Cell[][]> {
  const out: Cell[][] = []
  for (let page = 1; ; page++) {
    const { rows, total } = await DATASETS_DEF[params.dataset].page(db, params, page, PAGE)
    out.push(...rows)
    await onPage?.(out.length, total)
    if (rows.length === 0 || out.length >= total) return out
  }
}

interface Details {
  mean: number | null
  finalScore: number | null
  rank: number | null
  recommended: boolean | null
  approved: number | null
  counterpart: number
  decisionNumber: string | null
  decisionDate: string | null
}

async function details(db: DB, ids: string[]): Promise<Map<string, Details>> {
  const rows = await db
    .selectFrom('applications as a')
    .leftJoin('council_conclusions as cc', 'cc.application_id', 'a.id')
    .select(['a.id', 'a.approved_amount', 'a.counterpart_amount', 'a.status', 'cc.mean', 'cc.final_score', 'cc.rank', 'cc.recommended'])
    .select((eb) => [
      eb
        .selectFrom('documents as d')
        .innerJoin('document_register as r', 'r.id', 'd.register_id')
        .select(sql<string>`r.symbol || '|' || to_char((r.issued_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'DD/MM/YYYY')`.as('x'))
        .whereRef('d.application_id', '=', 'a.id')
        .where('d.kind', 'in', ['decision', 'notice'])
        .where('r.state', '<>', 'cancelled')
        .orderBy('d.created_at', 'desc')
        .limit(1)
        .as('decision'),
    ])
    .where('a.id', 'in', ids)
    .execute()
  return new Map(
    rows.map((r) => {
      const [number, date] = r.decision ? r.decision.split('|') : [null, null]
      const approved = (['approved', 'contracted', 'in_progress', 'acceptance', 'completed', 'failed', 'closed'] as ApplicationStatus[]).includes(r.status)
      return [
        r.id,
        {
          mean: r.mean === null ? null : Number(r.mean),
          finalScore: r.final_score === null ? null : Number(r.final_score),
          rank: r.rank,
          recommended: r.recommended ?? null,
          approved: approved && r.approved_amount !== null ? Number(r.approved_amount) : null,
          counterpart: Number(r.counterpart_amount),
          decisionNumber: number,
          decisionDate: date,
        },
      ]
    }),
  )
}

/** A CSV cell: quoted when needed; a leading =, +, - or @ is defused so a spreadsheet never runs it. */
function csvCell(value: Cell): string {
  let s = value === null ? '' : String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

async function render(params: ExportParams, rows: Cell[][]): Promise<Uint8Array> {
  const titles = columnTitles(params)
  if (params.format === 'csv') {
    const lines = [titles.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))]
    // With a byte-order mark, so that spreadsheets read the Vietnamese letters as UTF-8.
    return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`)
  }
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Quỹ Phát triển KH&CN tỉnh Đắk Lắk'
  const sheet = workbook.addWorksheet(translator(params.lang)(`exports.dataset.${params.dataset}` as MessageKey).slice(0, 31))
  const defs = DATASETS_DEF[params.dataset].columns
  sheet.columns = defs.map((c, i) => ({ header: titles[i], width: c.width ?? 16, style: c.money ? { numFmt: '#,##0' } : {} }))
  sheet.getRow(1).font = { bold: true }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  for (const row of rows) sheet.addRow(row)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

export const MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export function exportFilename(params: Pick<ExportParams, 'dataset' | 'format'>, now = new Date()): string {
  return `${params.dataset}-${vnDate(now)}.${params.format}`
}

/** The export made now, in the request. */
export async function buildExport(db: DB, params: ExportParams, actor?: { id: string; email: string }): Promise<{ bytes: Uint8Array; rows: number }> {
  const rows = await exportRows(db, params)
  if (actor) await recordAudit(db, { action: 'export.made', actor, details: { ...params, rows: rows.length } })
  return { bytes: await render(params, rows), rows: rows.length }
}

export interface ExportJobView {
  id: string
  state: Job['state']
  total: number
  done: number
  error: string | null
  size: number | null
  dataset: Dataset
  format: ExportFormat
  createdAt: Date
  finishedAt: Date | null
}

function jobView(row: Job): ExportJobView {
  const p = row.params as Partial<ExportParams>
  return {
    id: row.id,
    state: row.state,
    total: row.total,
    done: row.done,
    error: row.error,
    size: row.zip_size,
    dataset: p.dataset ?? 'applications',
    format: p.format ?? 'csv',
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  }
}

/** Queues a large export for its author. */
export async function startExport(db: DB, input: { params: ExportParams; actor: { id: string; email: string } }): Promise<string> {
  const row = await db
    .insertInto('jobs')
    .values({ kind: 'export', params: { ...input.params }, created_by: input.actor.id, updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow()
  await recordAudit(db, { action: 'export.made', actor: input.actor, subjectType: 'job', subjectId: row.id, details: { ...input.params, background: true } })
  return row.id
}

/** The person's recent exports, newest first. */
export async function listExports(db: DB, userId: string): Promise<ExportJobView[]> {
  const rows = await db.selectFrom('jobs').selectAll().where('kind', '=', 'export').where('created_by', '=', userId).orderBy('created_at', 'desc').limit(10).execute()
  return rows.map(jobView)
}

/** A finished export's file, for the person who asked for it only. */
export async function exportFile(db: DB, storage: FileStorage, input: { jobId: string; userId: string }) {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', input.jobId).where('kind', '=', 'export').where('created_by', '=', input.userId).executeTakeFirst()
  if (!row || row.state !== 'done' || !row.zip_key) return null
  const view = jobView(row)
  return { filename: exportFilename(view, row.created_at), mediaType: MEDIA_TYPES[view.format], bytes: new Uint8Array(await readAll(storage.get(row.zip_key))) }
}

/**
 * Runs a claimed export job to its end, counting its rows as they come (each page renews the lease). A worker
 * that finds its lease taken over (it stalled past it) stops and leaves the job to the one that took it.
 */
export async function runExportJob(
  db: DB,
  storage: FileStorage,
  job: Pick<ClaimedJob, 'id' | 'params' | 'lease'>,
  leaseSeconds = LEASE_SECONDS,
): Promise<ExportJobView & { leaseLost: boolean }> {
  let lease = job.lease
  const current = async () => ({ ...jobView(await db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow()), leaseLost: true })
  try {
    const params = job.params as unknown as ExportParams
    const rows = await exportRows(db, params, async (done, total) => {
      const renewed = await renewLease(db, { id: job.id, lease }, leaseSeconds, { done, total })
      if (!renewed) throw new LeaseLost()
      lease = renewed
    })
    const stored = await storage.put(await render(params, rows))
    const row = await endJob(db, { id: job.id, lease }, { state: 'done', done: rows.length, total: rows.length, zip_key: stored.key, zip_size: stored.size, zip_sha256: stored.sha256 })
    return row ? { ...jobView(row), leaseLost: false } : current()
  } catch (error) {
    if (error instanceof LeaseLost) return current()
    const message = error instanceof Error ? error.message : String(error)
    const row = await endJob(db, { id: job.id, lease }, { state: 'failed', error: message.slice(0, 4000) })
    return row ? { ...jobView(row), leaseLost: false } : current()
  }
}

/** Polls for export jobs until stopped. */
export function startExportWorker(db: DB, storage: FileStorage, options: { pollMs: number; leaseSeconds?: number }) {
  return startPoller('exports', options.pollMs, async (stopped) => {
    for (;;) {
      const job = await claimJob(db, options.leaseSeconds ?? LEASE_SECONDS, 'export')
      if (!job) break
      logClaim('exports', job)
      const result = await runExportJob(db, storage, job, options.leaseSeconds)
      if (result.leaseLost) logLeaseLost('exports', job.id)
      else if (result.state === 'failed') console.error(`[exports] job ${job.id} failed: ${result.error}`)
      if (stopped()) break
    }
  })
}
