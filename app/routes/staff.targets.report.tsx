import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { TargetsTable } from '../components/targets-table'
import { formatDay } from '../i18n/format'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { vnDate } from '../modules/calendar'
import { getFundSettings } from '../modules/fund'
import { listTargetProgress } from '../modules/transparency'

// The one-page report for the People's Committee: the targets, charts and numbers, laid out for A4 by the print
// style sheet (the site's header, navigation and footer are not printed).

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'targets.report.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/staff.targets.report')
  const [targets, fund] = await Promise.all([listTargetProgress(args.context.db), getFundSettings(args.context.db)])
  return json({ targets, fundName: fund?.name_vi ?? '', today: vnDate(new Date()) })
}

export default function TargetsReport() {
  const { targets, fundName, today } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <article className="print-report">
      <p className="print-report__from">{fundName}</p>
      <h1>{t('targets.report.title')}</h1>
      <p>{t('targets.report.to')}</p>
      <p className="secondary">{t('targets.report.asOf', { date: formatDay(today) })}</p>
      <TargetsTable targets={targets} />
      <p className="no-print hint">{t('targets.report.print')}: Ctrl+P</p>
    </article>
  )
}
