import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useFieldLabel } from '../components/call-card'
import { DataTable, FilterBar, FilterSearch, FilterSelect } from '../components/table'
import { formatMoney } from '../i18n/format'
import { searchParam } from '../lib/params'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorize } from '../modules/auth'
import { publicStatistics, type StatRow } from '../modules/transparency'

// Public statistics of the calls whose results are published, per call and per year, by field and by kind of
// applicant; the calls searched without diacritics.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'stats.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/statistics')
  const url = new URL(args.request.url)
  const q = searchParam(url, 'q')
  const yearParam = Number(url.searchParams.get('year'))
  const all = await publicStatistics(args.context.db)
  const year = all.years.includes(yearParam) ? yearParam : undefined
  const stats = q || year ? await publicStatistics(args.context.db, { q, year }) : all
  return json({ stats, years: all.years, q, year: year ? String(year) : '' })
}

function Measures({ r }: { r: StatRow }) {
  return (
    <>
      <td className="num">{r.received}</td>
      <td className="num">{r.eligible}</td>
      <td className="num">{r.approved}</td>
      <td className="num">{formatMoney(r.requested)}</td>
      <td className="num">{formatMoney(r.awarded)}</td>
    </>
  )
}

export default function Statistics() {
  const { stats, years, q, year } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const fieldLabel = useFieldLabel()
  const measures = [
    { label: t('stats.col.received'), numeric: true },
    { label: t('stats.col.eligible'), numeric: true },
    { label: t('stats.col.approved'), numeric: true },
    { label: t('stats.col.requested'), numeric: true },
    { label: t('stats.col.awarded'), numeric: true },
  ]
  return (
    <>
      <h1>{t('stats.title')}</h1>
      <p className="lead">{t('stats.lead')}</p>
      <FilterBar>
        <FilterSearch name="q" label={t('stats.search')} value={q} />
        <FilterSelect name="year" label={t('stats.filter.year')} value={year} any={t('stats.filter.anyYear')} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
      </FilterBar>
      <h2>{t('stats.byCall')}</h2>
      <DataTable
        caption={t('stats.byCall')}
        scrollLabel={t('stats.byCall')}
        columns={[{ label: t('stats.col.call') }, { label: t('stats.col.year') }, ...measures]}
        rows={stats.byCall.map((r) => (
          <tr key={r.key}>
            <td>
              {r.code} — {lang === 'vi' ? r.titleVi : r.titleEn || r.titleVi}
            </td>
            <td>{r.year}</td>
            <Measures r={r} />
          </tr>
        ))}
      />
      <h2>{t('stats.byYear')}</h2>
      <DataTable
        caption={t('stats.byYear')}
        columns={[{ label: t('stats.col.year') }, ...measures]}
        rows={stats.byYear.map((r) => (
          <tr key={r.key}>
            <td>{r.key}</td>
            <Measures r={r} />
          </tr>
        ))}
      />
      <h2>{t('stats.byField')}</h2>
      <DataTable
        caption={t('stats.byField')}
        columns={[{ label: t('stats.col.field') }, ...measures]}
        rows={stats.byField.map((r) => (
          <tr key={r.key}>
            <td>{fieldLabel(r.key)}</td>
            <Measures r={r} />
          </tr>
        ))}
      />
      <h2>{t('stats.byType')}</h2>
      <DataTable
        caption={t('stats.byType')}
        columns={[{ label: t('stats.col.type') }, ...measures]}
        rows={stats.byType.map((r) => (
          <tr key={r.key}>
            <td>{t(`org.type.${r.key}` as 'org.type.enterprise')}</td>
            <Measures r={r} />
          </tr>
        ))}
      />
    </>
  )
}
