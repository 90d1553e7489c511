import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { LatenessTag, RemindersSent, ReportStatusTag } from '../components/reports'
import { DataTable } from '../components/table'
import { formatDay } from '../i18n/format'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { portfolioReports } from '../modules/reports'
import { PORTFOLIO_VIEWS } from '../modules/reports/schemas'

// The office's reports across all tasks in progress: due this week, late (with the reminders already sent),
// waiting for the office's answer, or all of them; each list exports as CSV or Excel.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reports.portfolio.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/staff.reports')
  const asked = new URL(args.request.url).searchParams.get('view')
  const view = PORTFOLIO_VIEWS.find((v) => v === asked) ?? 'week'
  return json({ view, rows: await portfolioReports(args.context.db, view) })
}

export default function StaffReports() {
  const { view, rows } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <>
      <h1>{t('reports.portfolio.title')}</h1>
      <nav aria-label={t('reports.portfolio.views')}>
        <ul className="list-bullet">
          {PORTFOLIO_VIEWS.map((v) => (
            <li key={v}>
              <Link to={`?view=${v}`} aria-current={v === view ? 'page' : undefined}>
                {t(`reports.portfolio.view.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p>
        <Link to={`/staff/exports?dataset=reports&view=${view}`}>{t('exports.link')}</Link>
      </p>
      <DataTable
        caption={t(`reports.portfolio.view.${view}`)}
        columns={[
          { label: t('reports.portfolio.col.task') },
          { label: t('reports.col.seq') },
          { label: t('reports.col.due') },
          { label: t('reports.col.status') },
          { label: t('reports.col.reminders') },
        ]}
        rows={rows.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/staff/tasks/${r.applicationId}/reports?report=${r.seq}#report`}>{r.reference}</Link> {r.title}
              <div className="hint">{r.organisation}</div>
            </td>
            <td>{r.seq}</td>
            <td>{formatDay(r.dueOn)}</td>
            <td>
              <ReportStatusTag status={r.status} /> <LatenessTag report={r} />
            </td>
            <td>
              <RemindersSent report={r} />
            </td>
          </tr>
        ))}
      />
    </>
  )
}
