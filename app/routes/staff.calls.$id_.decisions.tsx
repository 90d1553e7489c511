import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { DataTable } from '../components/table'
import { Tag } from '../components/ui'
import { formatDateTime, formatFileSize, formatMoney } from '../i18n/format'
import { uuidParam } from '../lib/params'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeUser, can } from '../modules/auth'
import { keptSigner } from '../modules/decisions/keys.server'
import { decidedSummary, latestJob, startIssueAll } from '../modules/decisions'

// Issuing all the outcome documents of a call: the decided applications, the button that starts the
// background job (decisions/bulk.ts), its progress (the page refreshes itself while it runs) and the ZIP.

const ROUTE = 'routes/staff.calls.$id_.decisions'

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, 'bulk.title', { code: data?.call.code ?? '' })

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const id = uuidParam(args.params.id)
  const db = args.context.db
  const call = await db.selectFrom('calls').select(['id', 'code', 'title_vi', 'title_en', 'status']).where('id', '=', id).executeTakeFirst()
  if (!call) throw new Response('Not found', { status: 404 })
  const [summary, job] = await Promise.all([decidedSummary(db, id), latestJob(db, id)])
  // Signing them all at once is the director's, with the key kept on the server for them (ADR 017).
  const director = can(user, 'application:decide')
  const kept = director && !!(await keptSigner(args.context.env, user.email).catch(() => null))
  return json({ call, summary, job, signer: (director ? (kept ? 'ready' : 'no_key') : 'office') as 'ready' | 'no_key' | 'office' }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  if (!can(user, 'application:decide')) throw new Response('Forbidden', { status: 403 })
  const id = uuidParam(args.params.id)
  const db = args.context.db
  const call = await db.selectFrom('calls').select('id').where('id', '=', id).executeTakeFirst()
  if (!call) throw new Response('Not found', { status: 404 })
  // Nothing decided, nothing to issue: no job (the page shows no button then).
  const summary = await decidedSummary(db, id)
  if (summary.applications.length > 0) await startIssueAll(db, { callId: id, actor: user, ip: args.context.clientIp })
  return redirect(`/staff/calls/${id}/decisions`)
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

export default function CallDecisions() {
  const { call, summary, job, signer } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const navigation = useNavigation()
  const active = job?.state === 'queued' || job?.state === 'running'
  const decided = summary.approved + summary.rejected
  return (
    <>
      <p>
        <Link to={`/staff/calls/${call.id}`}>← {t('bulk.back', { code: call.code })}</Link>
      </p>
      <h1>{t('bulk.title', { code: call.code })}</h1>
      <p lang={lang}>{lang === 'vi' ? call.title_vi : call.title_en || call.title_vi}</p>
      <p>{t('bulk.lead')}</p>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('bulk.count.approved')}</dt>
          <dd>{summary.approved}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('bulk.count.rejected')}</dt>
          <dd>{summary.rejected}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('bulk.count.issued')}</dt>
          <dd>
            {summary.issued}/{decided}
          </dd>
        </div>
      </dl>

      {decided === 0 ? (
        <p>{t('bulk.none')}</p>
      ) : signer !== 'ready' ? (
        <p className="hint">{t(signer === 'office' ? 'bulk.signer.office' : 'bulk.signer.no_key')}</p>
      ) : (
        <Form method="post">
          <button type="submit" className="button" disabled={active || navigation.state === 'submitting'}>
            {t('bulk.start')}
          </button>
        </Form>
      )}

      {job ? <Progress job={job} callId={call.id} /> : null}

      {decided > 0 ? <h2>{t('bulk.applications')}</h2> : null}
      {decided > 0 ? (
        <DataTable
          columns={[
            { label: t('bulk.col.reference') },
            { label: t('bulk.col.organisation') },
            { label: t('bulk.col.title') },
            { label: t('bulk.col.outcome') },
            { label: t('bulk.col.amount'), numeric: true },
            { label: t('bulk.col.document') },
          ]}
          rows={summary.applications.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/staff/applications/${a.id}`}>{a.reference}</Link>
              </td>
              <td>{a.organisation}</td>
              <td>{a.title}</td>
              <td>
                <Tag tone={a.status === 'approved' ? 'green' : 'red'}>{t(a.status === 'approved' ? 'bulk.count.approved' : 'bulk.count.rejected')}</Tag>
              </td>
              <td className="num">{a.status === 'approved' && a.amount !== null ? formatMoney(a.amount) : ''}</td>
              <td>{a.symbol ?? t('bulk.notIssued')}</td>
            </tr>
          ))}
        />
      ) : null}
    </>
  )
}

const TONE = { queued: 'grey', running: 'blue', done: 'green', failed: 'red' } as const

function Progress({ job, callId }: { job: NonNullable<Data['job']>; callId: string }) {
  const t = useT()
  const lang = useLang()
  const active = job.state === 'queued' || job.state === 'running'
  const processed = job.done + job.failed
  const { revalidate, state } = useRevalidator()
  // While the job runs, ask the server again every 2 seconds (no inline script: CSP; see the noscript too).
  useEffect(() => {
    if (!active) return
    const timer = setTimeout(() => {
      if (state === 'idle') revalidate()
    }, 2000)
    return () => clearTimeout(timer)
  }, [active, revalidate, state, job.done, job.failed, job.state])
  return (
    <section aria-labelledby="bulk-progress-title">
      {active ? (
        <noscript>
          <meta httpEquiv="refresh" content="3" />
        </noscript>
      ) : null}
      <h2 id="bulk-progress-title">{t('bulk.progress.title')}</h2>
      <p>
        <Tag tone={TONE[job.state]}>{t(`bulk.state.${job.state}`)}</Tag> <span className="hint">{t('bulk.startedAt', { at: formatDateTime(job.createdAt, lang) })}</span>
        {job.finishedAt ? <span className="hint"> · {t('bulk.finishedAt', { at: formatDateTime(job.finishedAt, lang) })}</span> : null}
      </p>
      <div aria-live="polite">
        <label htmlFor="bulk-progress" className="label">
          {t('bulk.progress.label', { done: processed, total: job.total })}
        </label>
        <progress id="bulk-progress" className="bulk-progress" max={Math.max(job.total, 1)} value={job.total === 0 && job.state === 'done' ? 1 : processed}>
          {processed}/{job.total}
        </progress>{' '}
        <span>
          {processed}/{job.total}
        </span>
      </div>
      {job.state === 'failed' ? (
        <p className="prewrap">{t('bulk.error', { error: job.error ?? '' })}</p>
      ) : job.failed > 0 ? (
        <>
          <p>{t('bulk.progress.failed', { n: job.failed })}</p>
          <p className="prewrap">{job.error}</p>
        </>
      ) : null}
      {job.state === 'done' && job.zipSize ? (
        <>
          <p>
            <a href={`/staff/calls/${callId}/decisions/zip`} className="button button--secondary" download>
              {t('bulk.download', { size: formatFileSize(job.zipSize, t) })}
            </a>
          </p>
          <p className="hint">{t('bulk.again')}</p>
        </>
      ) : null}
    </section>
  )
}
