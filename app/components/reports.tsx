import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { ReportStatus } from '../../db/schema'
import { formatDateTime, formatDay, formatFileSize } from '../i18n/format'
import { useLang, useT } from '../lib/i18n'
import type { ReportProduct } from '../modules/reports/reports'
import { ProductEvidence } from './report-product'
import { DataTable } from './table'
import { SummaryList, Tag } from './ui'

// What the grantee's and the office's report pages share: the schedule as a table, the lateness tag, the report
// chosen with its products and the history of its versions. Dates arrive from the loader as strings.

export interface ReportRowView {
  seq: number
  periodFrom: string
  periodTo: string
  dueOn: string
  status: ReportStatus
  version: number
  lateness: 'late' | 'very_late' | null
  daysPastDue: number
  remindedAt?: string | null
  lateNotifiedAt?: string | null
  veryLateNotifiedAt?: string | null
}

export interface VersionView {
  version: number
  workDone: string
  problems: string
  nextSteps: string
  submittedBy: string | null
  submittedAt: string
  outcome: 'accepted' | 'changes_requested' | null
  reviewNote: string
  reviewedBy: string | null
  reviewedAt: string | null
}

/** A product as the loader sends it (no dates but its document's day, already a string). */
export type ProductView = ReportProduct

export interface ReportDetailView extends ReportRowView {
  id: string
  versions: VersionView[]
  products: ProductView[]
}

const STATUS_TONE = { due: 'blue', submitted: 'yellow', changes_requested: 'red', accepted: 'green' } as const

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const t = useT()
  return <Tag tone={STATUS_TONE[status]}>{t(`reports.status.${status}`)}</Tag>
}

export function LatenessTag({ report }: { report: Pick<ReportRowView, 'lateness' | 'daysPastDue'> }) {
  const t = useT()
  if (!report.lateness) return null
  return <Tag tone={report.lateness === 'very_late' ? 'red' : 'yellow'}>{t(`reports.lateness.${report.lateness}`, { days: report.daysPastDue })}</Tag>
}

/** The reminders the job sent for a report, for the office ("one click from a late report to the reminder sent"). */
export function RemindersSent({ report }: { report: ReportRowView }) {
  const t = useT()
  const lang = useLang()
  const sent = [
    ['before', report.remindedAt],
    ['late', report.lateNotifiedAt],
    ['very_late', report.veryLateNotifiedAt],
  ].filter((s): s is [string, string] => !!s[1])
  if (sent.length === 0) return <>{t('reports.reminders.none')}</>
  return <>{sent.map(([kind, at]) => t(`reports.reminders.${kind as 'before' | 'late' | 'very_late'}`, { at: formatDateTime(at, lang) })).join('; ')}</>
}

export function ReportSchedule({ reports, hrefOf, selected, withReminders }: { reports: ReportRowView[]; hrefOf: (seq: number) => string; selected?: number; withReminders?: boolean }) {
  const t = useT()
  return (
    <DataTable
      caption={t('reports.schedule.caption')}
      columns={[
        { label: t('reports.col.seq') },
        { label: t('reports.col.period') },
        { label: t('reports.col.due') },
        { label: t('reports.col.status') },
        ...(withReminders ? [{ label: t('reports.col.reminders') }] : []),
        { label: t('reports.col.open'), hidden: true },
      ]}
      rows={reports.map((r) => (
        <tr key={r.seq} aria-current={r.seq === selected ? 'true' : undefined}>
          <td>{r.seq}</td>
          <td>
            {formatDay(r.periodFrom)} – {formatDay(r.periodTo)}
          </td>
          <td>{formatDay(r.dueOn)}</td>
          <td>
            <ReportStatusTag status={r.status} /> <LatenessTag report={r} />
          </td>
          {withReminders ? (
            <td>
              <RemindersSent report={r} />
            </td>
          ) : null}
          <td>
            <Link to={hrefOf(r.seq)}>{t('reports.open', { seq: r.seq })}</Link>
          </td>
        </tr>
      ))}
    />
  )
}

export function VersionHistory({ versions }: { versions: VersionView[] }) {
  const t = useT()
  const lang = useLang()
  if (versions.length === 0) return <p>{t('reports.versions.none')}</p>
  return (
    <>
      {versions.map((v) => (
        <section key={v.version} className="report-version" aria-labelledby={`version-${v.version}`}>
          <h3 id={`version-${v.version}`}>{t('reports.version.heading', { version: v.version, at: formatDateTime(v.submittedAt, lang), by: v.submittedBy ?? '—' })}</h3>
          <h4>{t('reports.field.workDone')}</h4>
          <p className="prewrap">{v.workDone}</p>
          {v.problems ? (
            <>
              <h4>{t('reports.field.problems')}</h4>
              <p className="prewrap">{v.problems}</p>
            </>
          ) : null}
          {v.nextSteps ? (
            <>
              <h4>{t('reports.field.nextSteps')}</h4>
              <p className="prewrap">{v.nextSteps}</p>
            </>
          ) : null}
          {v.outcome ? (
            <p>
              <strong>{t(`reports.outcome.${v.outcome}`, { at: formatDateTime(v.reviewedAt!, lang), by: v.reviewedBy ?? '—' })}</strong>
              {v.reviewNote ? <span className="prewrap"> {v.reviewNote}</span> : null}
            </p>
          ) : (
            <p>{t('reports.outcome.pending')}</p>
          )}
        </section>
      ))}
    </>
  )
}

/**
 * The report chosen, as both pages show it: its period, due date and status (and, for the office, the reminders
 * sent); what the page puts under the summary (`note`); its products, each a download by `productHref`, with what
 * it proves and the page's own control (`productAction`); the page's own forms (`children`); its versions.
 */
export function ReportDetails({
  report,
  productHref,
  withReminders,
  note,
  productAction,
  children,
}: {
  report: ReportDetailView
  productHref: (productId: string) => string
  withReminders?: boolean
  note?: ReactNode
  productAction?: (product: ProductView) => ReactNode
  children?: ReactNode
}) {
  const t = useT()
  return (
    <section id="report" aria-labelledby="report-heading">
      <h2 id="report-heading">{t('reports.heading', { seq: report.seq })}</h2>
      <SummaryList
        rows={[
          [t('reports.col.period'), `${formatDay(report.periodFrom)} – ${formatDay(report.periodTo)}`],
          [t('reports.col.due'), formatDay(report.dueOn)],
          [
            t('reports.col.status'),
            <>
              <ReportStatusTag status={report.status} /> <LatenessTag report={report} />
            </>,
          ],
          ...(withReminders ? [[t('reports.col.reminders'), <RemindersSent key="r" report={report} />] as [string, ReactNode]] : []),
        ]}
      />
      {note}
      <h3>{t('reports.products')}</h3>
      {report.products.length === 0 ? (
        <p>{t('reports.products.none')}</p>
      ) : (
        <ul className="list-bullet">
          {report.products.map((p) => (
            <li key={p.id}>
              <strong>{p.title}</strong>
              {p.description ? ` — ${p.description}` : ''}
              {p.filename ? (
                <>
                  {' '}
                  (<Link to={productHref(p.id)} reloadDocument>{p.filename}</Link>, {formatFileSize(p.sizeBytes ?? 0, t)})
                </>
              ) : null}{' '}
              {p.version === null ? t('reports.products.pending') : t('reports.products.inVersion', { version: p.version })}
              <ProductEvidence product={p} />
              {productAction?.(p)}
            </li>
          ))}
        </ul>
      )}
      {children}
      <h3>{t('reports.versions')}</h3>
      <VersionHistory versions={report.versions} />
    </section>
  )
}
