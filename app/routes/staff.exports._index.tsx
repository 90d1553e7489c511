import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { Banner, Tag } from '../components/ui'
import { formatDateTime, formatFileSize } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { exportFilter, exportSize, listExports } from '../modules/transparency'
import { DATASETS, FORMATS, INLINE_MAX_ROWS } from '../modules/transparency/kinds'

// Exports with the filters of the staff inbox (call, status, search, order: the query string it links here with).
// A small one is sent back at once; a large one is a background job whose progress this page shows.

const ROUTE = 'routes/staff.exports._index'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'exports.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const url = new URL(args.request.url)
  const filter = exportFilter(url.searchParams)
  const db = args.context.db
  const [rows, jobs, call] = await Promise.all([
    exportSize(db, { dataset: 'applications', format: 'csv', lang: 'vi', filter }),
    listExports(db, user.id),
    filter.callId ? db.selectFrom('calls').select('code').where('id', '=', filter.callId).executeTakeFirst() : undefined,
  ])
  const query = new URLSearchParams(Object.entries({ call: filter.callId ?? '', status: filter.status ?? '', q: filter.q ?? '', sort: filter.sort ?? '' }).filter(([, v]) => v))
  return json(
    { rows, jobs, query: query.toString(), summary: [call?.code, filter.status, filter.q].filter(Boolean).join(' · '), status: filter.status ?? null, notice: url.searchParams.get('notice') },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

const TONE = { queued: 'grey', running: 'blue', done: 'green', failed: 'red' } as const

export default function Exports() {
  const { rows, jobs, query, summary, notice } = useLoaderData<typeof loader>()
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
        <Link to={`/staff/applications${query ? `?${query}` : ''}`}>← {t('nav.staffApplications')}</Link>
      </p>
      <h1>{t('exports.title')}</h1>
      {notice === 'started' ? <Banner kind="success">{t('exports.started')}</Banner> : null}
      <p className="lead">{t('exports.lead')}</p>
      <p>
        {t('exports.filters', { filters: summary || t('exports.filters.none') })} — {t('exports.rows', { n: rows })}
      </p>
      {rows > INLINE_MAX_ROWS ? <p className="hint">{t('exports.background', { n: INLINE_MAX_ROWS })}</p> : null}
      {/* A resource route makes the file: a page's action cannot answer with a download. */}
      <Form method="post" reloadDocument action={`/staff/exports/file${query ? `?${query}` : ''}`}>
        <fieldset className="fieldset">
          <legend className="label">{t('exports.dataset')}</legend>
          {DATASETS.map((d, i) => (
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
