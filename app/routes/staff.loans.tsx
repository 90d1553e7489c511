import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '../components/table'
import { formatDay, formatMoney } from '../i18n/format'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { vnDate } from '../modules/calendar'
import { getLoanRules, overdueInstalments } from '../modules/loans'

// The office's list of overdue loan instalments, the oldest first, with the last reminder mailed.

const ROUTE = 'routes/staff.loans'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'loans.overdue.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, ROUTE)
  const rules = await getLoanRules(args.context.db)
  return json({ rows: await overdueInstalments(args.context.db, vnDate(new Date()), rules), rules })
}

export default function StaffLoans() {
  const { rows, rules } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <>
      <h1>{t('loans.overdue.title')}</h1>
      <p>{t('loans.overdue.lead', { days: rules.overdueAfterDays, every: rules.overdueRemindEveryDays })}</p>
      {rows.length === 0 ? (
        <p>{t('loans.overdue.empty')}</p>
      ) : (
        <DataTable
          caption={t('loans.overdue.title')}
          columns={[
            { label: t('loans.col.task') },
            { label: t('loans.col.organisation') },
            { label: t('loans.col.seq'), numeric: true },
            { label: t('loans.col.due') },
            { label: t('loans.col.daysLate'), numeric: true },
            { label: t('loans.col.owed'), numeric: true },
            { label: t('loans.col.notified') },
          ]}
          rows={rows.map((r) => (
            <tr key={`${r.applicationId}-${r.seq}`}>
              <td>
                <Link to={`/staff/tasks/${r.applicationId}/loan`}>{r.reference}</Link> {r.title}
              </td>
              <td>{r.organisation}</td>
              <td className="num">{r.seq}</td>
              <td>{formatDay(r.dueOn)}</td>
              <td className="num">{t('loans.daysLate', { days: r.daysLate })}</td>
              <td className="num">{formatMoney(r.owed)}</td>
              <td>{r.overdueNotifiedOn ? formatDay(r.overdueNotifiedOn) : t('loans.notified.never')}</td>
            </tr>
          ))}
        />
      )}
    </>
  )
}
