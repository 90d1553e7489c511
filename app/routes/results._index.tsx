import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '../components/table'
import { formatDate, formatMoney } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorize } from '../modules/auth'
import { listPublishedCalls } from '../modules/transparency'

// The published results of the Fund's calls: the calls whose results are online (the fund's setting, at least
// 60 days from publication), or the archive after that. Only approved tasks were ever published.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'results.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/results._index')
  const archive = new URL(args.request.url).searchParams.get('archive') === '1'
  return json({ archive, calls: await listPublishedCalls(args.context.db, { archive }) })
}

export default function Results() {
  const { archive, calls } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  return (
    <>
      <h1>{t(archive ? 'results.archive.title' : 'results.title')}</h1>
      <p className="lead">{t('results.lead')}</p>
      <p>
        {archive ? <Link to="/results">{t('results.current.link')}</Link> : <Link to="/results?archive=1">{t('results.archive.link')}</Link>}
        {' · '}
        <Link to="/statistics">{t('stats.nav')}</Link>
        {' · '}
        <Link to="/open-data">{t('openData.nav')}</Link>
      </p>
      <DataTable
        caption={t(archive ? 'results.archive.title' : 'results.title')}
        columns={[
          { label: t('results.col.call') },
          { label: t('results.col.published') },
          { label: t('results.col.tasks'), numeric: true },
          { label: t('results.col.awarded'), numeric: true },
        ]}
        rows={calls.map((c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/results/${encodeURIComponent(c.code)}`}>{c.code}</Link> — {lang === 'vi' ? c.titleVi : c.titleEn || c.titleVi}
            </td>
            <td>{formatDate(c.publishedAt)}</td>
            <td className="num">{c.tasks}</td>
            <td className="num">{formatMoney(c.awarded)}</td>
          </tr>
        ))}
      />
    </>
  )
}
