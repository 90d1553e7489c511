import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { useFieldLabel } from '../components/call-card'
import { DataTable, FilterBar, FilterSearch } from '../components/table'
import { Pagination } from '../components/ui'
import { formatDate, formatDay, formatMoney } from '../i18n/format'
import { pageParam, searchParam } from '../lib/params'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorize } from '../modules/auth'
import { listPublishedTasks, publishedCall } from '../modules/transparency'

// One call's published results: each approved task with its reference, title, organisation and tax code, field,
// amount, counterpart, duration and decision; searched without diacritics ("dak lak" finds "Đắk Lắk").

const PAGE_SIZE = 50

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, 'results.call.title', { code: data?.call.code ?? '' })

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/results.$code')
  const call = await publishedCall(args.context.db, args.params.code ?? '')
  if (!call) throw new Response('Not found', { status: 404 })
  const url = new URL(args.request.url)
  const q = searchParam(url, 'q')
  const page = pageParam(url)
  const { rows, total } = await listPublishedTasks(args.context.db, { callCode: call.code, q, page, pageSize: PAGE_SIZE })
  return json({ call, rows, total, q, page, pageSize: PAGE_SIZE })
}

export default function CallResults() {
  const { call, rows, total, q, page, pageSize } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const fieldLabel = useFieldLabel()
  const location = useLocation()
  return (
    <>
      <p>
        <Link to="/results">← {t('results.title')}</Link>
      </p>
      <h1>{t('results.call.title', { code: call.code })}</h1>
      <p className="lead" lang={lang}>
        {lang === 'vi' ? call.title_vi : call.title_en || call.title_vi}
      </p>
      <p className="secondary">{t('results.call.published', { date: formatDate(call.results_published_at!) })}</p>
      <FilterBar>
        <FilterSearch name="q" label={t('results.search')} value={q} />
      </FilterBar>
      <p className="secondary" role="status">
        {t('results.call.count', { n: total })}
      </p>
      <DataTable
        caption={t('results.call.title', { code: call.code })}
        scrollLabel={t('results.call.title', { code: call.code })}
        columns={[
          { label: t('results.col.reference') },
          { label: t('results.col.title') },
          { label: t('results.col.organisation') },
          { label: t('results.col.taxCode') },
          { label: t('results.col.field') },
          { label: t('results.col.amount'), numeric: true },
          { label: t('results.col.counterpart'), numeric: true },
          { label: t('results.col.duration'), numeric: true },
          { label: t('results.col.decision') },
        ]}
        rows={rows.map((r) => (
          <tr key={r.applicationId}>
            <td>{r.reference}</td>
            <td>{r.title}</td>
            <td>{r.organisationName}</td>
            <td>{r.organisationTaxCode ?? '—'}</td>
            <td>{fieldLabel(r.priorityField)}</td>
            <td className="num">{formatMoney(r.amount)}</td>
            <td className="num">{formatMoney(r.counterpart)}</td>
            <td className="num">{r.durationMonths === null ? '—' : t('results.months', { n: r.durationMonths })}</td>
            <td>{r.decisionNumber ? t('results.decision', { number: r.decisionNumber, date: r.decisionDate ? formatDay(r.decisionDate) : '' }) : '—'}</td>
          </tr>
        ))}
      />
      <Pagination page={page} pageSize={pageSize} total={total} search={location.search} />
    </>
  )
}
