import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useFieldLabel } from '../components/call-card'
import { DataTable } from '../components/table'
import { formatDay, formatMoney, formatNumber, formatPercent } from '../i18n/format'
import { uuidFilter } from '../lib/params'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { callDashboard, dashboardCalls } from '../modules/transparency'
import { FUNNEL } from '../modules/transparency/kinds'

// The Fund's dashboard of a call: funnel, money against the budget, by field and kind of applicant, processing
// times against the clocks (working days) with the late ones listed.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'dashboard.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/staff.dashboard')
  const calls = await dashboardCalls(args.context.db)
  const asked = uuidFilter(new URL(args.request.url).searchParams.get('call'))
  const callId = calls.find((c) => c.id === asked)?.id ?? calls[0]?.id
  const dashboard = callId ? await callDashboard(args.context.db, callId) : null
  return json({ calls, dashboard }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function Dashboard() {
  const { calls, dashboard: d } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const fieldLabel = useFieldLabel()
  const share = (n: number) => (d && d.call.budget > 0 ? formatPercent((n / d.call.budget) * 100, lang, { decimals: 1 }) : '—')
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <p>
        <Link to="/staff/targets">{t('dashboard.targets')}</Link>
        {' · '}
        <Link to="/staff/exports">{t('dashboard.exports')}</Link>
      </p>
      {calls.length === 0 || !d ? (
        <p>{t('dashboard.none')}</p>
      ) : (
        <>
          <Form method="get" className="filters">
            <div className="form-group">
              <label className="label" htmlFor="call">
                {t('dashboard.choose')}
              </label>
              <select className="input" id="call" name="call" defaultValue={d.call.id} key={d.call.id}>
                {calls.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.code} — {lang === 'vi' ? c.title_vi : c.title_en || c.title_vi}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button--secondary">
              {t('dashboard.show')}
            </button>
          </Form>
          <h2>{t('dashboard.funnel')}</h2>
          <DataTable
            caption={t('dashboard.funnel')}
            columns={[{ label: t('dashboard.stage') }, { label: t('dashboard.count'), numeric: true }]}
            rows={FUNNEL.map((s) => (
              <tr key={s}>
                <th scope="row">{t(`dashboard.stage.${s}`)}</th>
                <td className="num" data-stage={s}>
                  {d.funnel[s]}
                </td>
              </tr>
            ))}
          />
          <h2>{t('dashboard.money')}</h2>
          <dl className="summary-list">
            <div className="summary-list__row">
              <dt>{t('dashboard.budget')}</dt>
              <dd>{formatMoney(d.call.budget)}</dd>
            </div>
            <div className="summary-list__row">
              <dt>{t('dashboard.requested')}</dt>
              <dd>
                {formatMoney(d.requested)} ({share(d.requested)})
              </dd>
            </div>
            <div className="summary-list__row">
              <dt>{t('dashboard.awarded')}</dt>
              <dd>
                {formatMoney(d.awarded)} ({share(d.awarded)})
              </dd>
            </div>
          </dl>
          {(['byField', 'byType'] as const).map((kind) => (
            <section key={kind}>
              <h2>{t(`dashboard.${kind}`)}</h2>
              <DataTable
                caption={t(`dashboard.${kind}`)}
                columns={[
                  { label: t(kind === 'byField' ? 'dashboard.col.field' : 'dashboard.col.type') },
                  { label: t('dashboard.col.received'), numeric: true },
                  { label: t('dashboard.col.approved'), numeric: true },
                  { label: t('dashboard.requested'), numeric: true },
                  { label: t('dashboard.awarded'), numeric: true },
                ]}
                rows={d[kind].map((r) => (
                  <tr key={r.key}>
                    <td>{kind === 'byField' ? fieldLabel(r.key) : t(`org.type.${r.key}` as 'org.type.enterprise')}</td>
                    <td className="num">{r.received}</td>
                    <td className="num">{r.approved}</td>
                    <td className="num">{formatMoney(r.requested)}</td>
                    <td className="num">{formatMoney(r.awarded)}</td>
                  </tr>
                ))}
              />
            </section>
          ))}
          <h2>{t('dashboard.clocks')}</h2>
          <DataTable
            caption={t('dashboard.clocks')}
            columns={[
              { label: t('dashboard.clock') },
              { label: t('dashboard.col.limit'), numeric: true },
              { label: t('dashboard.col.finished'), numeric: true },
              { label: t('dashboard.col.running'), numeric: true },
              { label: t('dashboard.col.mean'), numeric: true },
              { label: t('dashboard.col.max'), numeric: true },
              { label: t('dashboard.col.late'), numeric: true },
            ]}
            rows={d.clocks.map((c) => (
              <tr key={c.kind}>
                <th scope="row">{t(`dashboard.clock.${c.kind}`)}</th>
                <td className="num">{t('dashboard.days', { n: c.limit })}</td>
                <td className="num">{c.finished}</td>
                <td className="num">{c.running}</td>
                <td className="num">{c.meanDays === null ? '—' : formatNumber(c.meanDays, lang, { decimals: 1 })}</td>
                <td className="num">{c.maxDays ?? '—'}</td>
                <td className="num">{c.late}</td>
              </tr>
            ))}
          />
          <h2>{t('dashboard.late')}</h2>
          {d.late.length === 0 ? (
            <p>{t('dashboard.late.none')}</p>
          ) : (
            <DataTable
              caption={t('dashboard.late')}
              columns={[
                { label: t('dashboard.col.reference') },
                { label: t('dashboard.col.title') },
                { label: t('dashboard.clock') },
                { label: t('dashboard.col.elapsed'), numeric: true },
                { label: t('dashboard.col.due') },
              ]}
              rows={d.late.map((l) => (
                <tr key={`${l.applicationId}-${l.kind}`}>
                  <td>
                    <Link to={`/staff/applications/${l.applicationId}`}>{l.reference}</Link>
                  </td>
                  <td>{l.title}</td>
                  <td>{t(`dashboard.clock.${l.kind}`)}</td>
                  <td className="num">
                    {l.elapsed}/{l.limit}
                    {l.open ? ` (${t('dashboard.open')})` : ''}
                  </td>
                  <td>{formatDay(l.dueDate)}</td>
                </tr>
              ))}
            />
          )}
        </>
      )}
    </>
  )
}
