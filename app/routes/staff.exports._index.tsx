import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { Banner, Tag } from '../components/ui'
import { formatDateTime, formatFileSize } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { exportFilter, exportQuery, exportSize, listExports } from '../modules/transparency'
import { DATASET_PAGE, DATASETS, FORMATS, INLINE_MAX_ROWS } from '../modules/transparency/kinds'

// Exports with the filters of the page that links here: the staff inbox (call, status, search, order), or the
// list chosen on /staff/payments or /staff/reports (`?dataset=payments&view=…`). A small one is sent back at once;
// a large one is a background job whose progress this page shows.

const ROUTE = 'routes/staff.exports._index'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'exports.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const url = new URL(args.request.url)
  // The page it came from: the inbox (three datasets) by default, or the payments' or the reports' list.
  const single = (['payments', 'reports'] as const).find((d) => d === url.searchParams.get('dataset'))
  const dataset = single ?? 'applications'
  const filter = exportFilter(url.searchParams, dataset)
  const db = args.context.db
  const [rows, jobs, call] = await Promise.all([
    exportSize(db, { dataset, format: 'csv', lang: 'vi', filter }),
    listExports(db, user.id),
    filter.callId ? db.selectFrom('calls').select('code').where('id', '=', filter.callId).executeTakeFirst() : undefined,
  ])
  return json(
    {
      page: DATASET_PAGE[dataset],
      datasets: DATASETS.filter((d) => DATASET_PAGE[d] === DATASET_PAGE[dataset]),
      rows,
      jobs,
      query: exportQuery(dataset, filter),
      summary: [call?.code, filter.status, filter.q].filter(Boolean).join(' · '),
      view: filter.view ?? null,
      notice: url.searchParams.get('notice'),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

/** Where each list lives, for the link back. */
const BACK = { applications: ['/staff/applications', 'nav.staffApplications'], payments: ['/staff/payments', 'payments.queue.title'], reports: ['/staff/reports', 'reports.portfolio.title'] } as const

const TONE = { queued: 'grey', running: 'blue', done: 'green', failed: 'red' } as const

export default function Exports() {
  const { page, datasets, rows, jobs, query, summary, view, notice } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const active = jobs.some((j) => j.state === 'queued' || j.state === 'running')
  const { revalidate, state } = useRevalidator()
  useEffect(() => {
    if (!active) return
    const timer = setTimeout(() => state === 'idle' && revalidate(), 2000)
    return () => clearTimeout(timer)
  }, [active, revalidate, state, jobs])
  return (
    <>
      <p>
        <Link to={page === 'applications' ? `${BACK.applications[0]}${query ? `?${query}` : ''}` : `${BACK[page][0]}${view ? `?view=${view}` : ''}`}>← {t(BACK[page][1])}</Link>
      </p>
      <h1>{t('exports.title')}</h1>
      {notice === 'started' ? <Banner kind="success">{t('exports.started')}</Banner> : null}
      <p className="lead">{t(page === 'applications' ? 'exports.lead' : `exports.lead.${page}`)}</p>
      <p>
        {page === 'payments' && view
          ? t('exports.list', { list: t(`payments.queue.view.${view as 'waiting' | 'paid' | 'all'}`) })
          : page === 'reports' && view
            ? t('exports.list', { list: t(`reports.portfolio.view.${view as 'week' | 'late' | 'submitted' | 'all'}`) })
            : t('exports.filters', { filters: summary || t('exports.filters.none') })}{' '}
        — {t('exports.rows', { n: rows })}
      </p>
      {rows > INLINE_MAX_ROWS ? <p className="hint">{t('exports.background', { n: INLINE_MAX_ROWS })}</p> : null}
      {/* A resource route makes the file: a page's action cannot answer with a download. */}
      <Form method="post" reloadDocument action={`/staff/exports/file${query ? `?${query}` : ''}`}>
        <fieldset className="fieldset">
          <legend className="label">{t('exports.dataset')}</legend>
          {datasets.map((d, i) => (
            <div className="radio" key={d}>
              <input type="radio" id={`dataset-${d}`} name="dataset" value={d} defaultChecked={i === 0} />
              <label htmlFor={`dataset-${d}`}>{t(`exports.dataset.${d}`)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset className="fieldset">
          <legend className="label">{t('exports.format')}</legend>
          {FORMATS.map((f, i) => (
            <div className="radio" key={f}>
              <input type="radio" id={`format-${f}`} name="format" value={f} defaultChecked={i === 1} />
              <label htmlFor={`format-${f}`}>{t(`exports.format.${f}`)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button">
          {t('exports.submit')}
        </button>
      </Form>
      {jobs.length ? (
        <section aria-labelledby="exports-jobs">
          {active ? (
            <noscript>
              <meta httpEquiv="refresh" content="3" />
            </noscript>
          ) : null}
          <h2 id="exports-jobs">{t('exports.jobs')}</h2>
          <ul className="plain-list" aria-live="polite">
            {jobs.map((j) => (
              <li key={j.id}>
                <Tag tone={TONE[j.state]}>{t(`exports.state.${j.state}`)}</Tag> {t(`exports.dataset.${j.dataset}`)} ({j.format.toUpperCase()}) · {formatDateTime(j.createdAt, lang)}{' '}
                <label htmlFor={`p-${j.id}`} className="visually-hidden">
                  {t('exports.progress', { done: j.done, total: j.total })}
                </label>
                <progress id={`p-${j.id}`} max={Math.max(j.total, 1)} value={j.state === 'done' ? Math.max(j.total, 1) : j.done} />{' '}
                {t('exports.progress', { done: j.done, total: j.total })}
                {j.state === 'done' && j.size ? (
                  <>
                    {' '}
                    <a href={`/staff/exports/${j.id}`} download>
                      {t('exports.download', { size: formatFileSize(j.size, t) })}
                    </a>
                  </>
                ) : null}
                {j.state === 'failed' && j.error ? <span className="error-message"> {j.error}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}
