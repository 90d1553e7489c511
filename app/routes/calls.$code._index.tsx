import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useRouteLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useFieldLabel } from '../components/call-card'
import { Countdown } from '../components/countdown'
import { DataTable } from '../components/table'
import { SummaryList, Tag } from '../components/ui'
import { DEFAULT_LANG, type Lang, translator } from '../i18n'
import { formatDate, formatMoney, formatNumber, formatTime } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorize } from '../modules/auth'
import { requirePublicCall } from '../modules/calls'
import { applyPath } from '../modules/calls/eligibility'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return pageTitle(matches, 'error.404.title')
  const lang = (matches.find((m) => m.id === 'root')?.data as { lang?: Lang } | undefined)?.lang ?? DEFAULT_LANG
  const t = translator(lang)
  return [{ title: `${lang === 'vi' ? data.call.title_vi : data.call.title_en} – ${t('site.titleSuffix')}` }]
}

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/calls.$code._index')
  const now = new Date()
  const call = await requirePublicCall(args.context.db, args.params.code, now)
  return json({ now: now.toISOString(), call })
}

const PHASE_TONE = { open: 'green', upcoming: 'blue', closed: 'grey' } as const

export default function CallPage() {
  const { call, now } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const fieldLabel = useFieldLabel()
  const closes = new Date(call.closes_at)
  const opens = new Date(call.opens_at)
  const title = lang === 'vi' ? call.title_vi : call.title_en
  const description = (lang === 'vi' ? call.description_vi : call.description_en).trim()
  const eligibilityHref = `/calls/${encodeURIComponent(call.code)}/eligibility`
  const hasCheck = applyPath(call) === eligibilityHref
  const signedIn = !!useRouteLoaderData<{ user: unknown }>('root')?.user
  const rows: [string, ReactNode][] = [
    [t('call.code'), call.code],
    [t('call.modality'), t(`modality.${call.modality}`)],
    [t('call.field'), fieldLabel(call.priority_field)],
    [t('call.budget'), formatMoney(call.budget_total)],
    [t('call.maxAmount'), formatMoney(call.max_amount)],
    [t('calls.counterpart'), call.min_counterpart_pct > 0 ? t('calls.counterpart.value', { pct: call.min_counterpart_pct }) : t('calls.counterpart.none')],
    [t('calls.duration'), t('calls.duration.value', { months: call.max_duration_months })],
    [t('calls.council'), t(call.without_council ? 'calls.council.without' : 'calls.council.with')],
    [t('calls.appraisal'), t(call.without_appraisal ? 'calls.appraisal.without' : 'calls.appraisal.with')],
    [
      t('calls.whoMayApply'),
      call.eligible_types.length ? call.eligible_types.map((type) => t(`calls.applicantType.${type}`)).join(', ') : t('calls.whoMayApply.any'),
    ],
    [t('call.opens'), t('call.closesAt', { time: formatTime(opens), date: formatDate(opens) })],
    [t('call.closes'), t('call.closesAt', { time: formatTime(closes), date: formatDate(closes) })],
  ]
  return (
    <>
      <p className="caption">{t('calls.page.caption', { code: call.code })}</p>
      <h1>{title}</h1>
      <p>
        <Tag tone={PHASE_TONE[call.phase]}>{t(`calls.phase.${call.phase}`)}</Tag> <span className="tag tag--blue">{t(`modality.${call.modality}`)}</span>{' '}
        <span className="tag tag--grey">{fieldLabel(call.priority_field)}</span>
      </p>
      <p className="lead">{lang === 'vi' ? call.summary_vi : call.summary_en}</p>

      <section className="inset deadline" aria-labelledby="deadline-title">
        <h2 className="heading-s deadline__title" id="deadline-title">
          {call.phase === 'upcoming' ? t('call.opens') : t('call.closes')}
        </h2>
        {call.phase === 'upcoming' ? (
          <>
            <p className="deadline__time">{t('call.closesAt', { time: formatTime(opens), date: formatDate(opens) })}</p>
            <p>
              <Countdown serverNow={now} target={call.opens_at} mode="opens" />
            </p>
            <p className="secondary">
              {t('call.closes')}: {t('call.closesAt', { time: formatTime(closes), date: formatDate(closes) })}
            </p>
          </>
        ) : (
          <>
            <p className="deadline__time">{t('call.closesAt', { time: formatTime(closes), date: formatDate(closes) })}</p>
            <p>{call.phase === 'open' ? <Countdown serverNow={now} target={call.closes_at} mode="closes" /> : <strong>{t('calls.deadline.closed')}</strong>}</p>
          </>
        )}
        <p className="secondary">{t('calls.deadline.note')}</p>
      </section>
      {call.phase === 'open' ? (
        <section className="apply" aria-labelledby="apply-title">
          <h2 className="visually-hidden" id="apply-title">
            {t('calls.apply')}
          </h2>
          <p>
            <Link className="button button--start" to={applyPath(call)}>
              {t('calls.apply')}
            </Link>
          </p>
          {hasCheck || !signedIn ? (
            <p className="hint">
              {hasCheck ? t('calls.apply.checkFirst') : null} {signedIn ? null : t('calls.apply.signIn')}
            </p>
          ) : null}
        </section>
      ) : null}
      {call.phase === 'upcoming' ? (
        <p>
          <Link className="button" to={eligibilityHref}>
            {t('calls.check.button')}
          </Link>
        </p>
      ) : null}

      <h2>{t('calls.details')}</h2>
      <SummaryList rows={rows} />

      {description ? (
        <>
          <h2>{t('calls.description')}</h2>
          {description.split(/\n\s*\n/).map((para, i) => (
            <p key={i} className="pre-line">
              {para}
            </p>
          ))}
        </>
      ) : null}

      <h2 id="documents">{t('calls.documents.title')}</h2>
      {call.documents.length === 0 ? (
        <p>{t('calls.documents.none')}</p>
      ) : (
        <>
          <p>{t('calls.documents.lead')}</p>
          <DataTable
            caption={t('calls.documents.title')}
            scrollLabel={t('calls.documents.title')}
            columns={[
              { label: t('calls.documents.col.name') },
              { label: t('calls.documents.col.mandatory') },
              { label: t('calls.documents.col.types') },
              { label: t('calls.documents.col.size'), numeric: true },
            ]}
            rows={call.documents.map((d) => (
              <tr key={d.position}>
                <td>{lang === 'vi' ? d.name_vi : d.name_en}</td>
                <td>{d.mandatory ? t('calls.documents.mandatory') : t('calls.documents.optional')}</td>
                <td>{d.accepted_types.map((x) => x.toUpperCase()).join(', ')}</td>
                <td className="num">{t('calls.documents.size', { mb: d.max_size_mb })}</td>
              </tr>
            ))}
          />
        </>
      )}

      <h2 id="rubric">{t('calls.rubric.title')}</h2>
      {call.rubric ? (
        <>
          <p>{t('calls.rubric.lead', { name: lang === 'vi' ? call.rubric.name_vi : call.rubric.name_en, total: call.rubric.total })}</p>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('calls.rubric.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('calls.rubric.col.criterion')}</th>
                  <th scope="col" className="num">
                    {t('calls.rubric.col.max')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {call.rubric.criteria.map((c) => (
                  <tr key={c.position}>
                    <td>
                      {c.position}. {lang === 'vi' ? c.name_vi : c.name_en}
                    </td>
                    <td className="num">{formatNumber(c.max_points)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('calls.rubric.total')}</th>
                  <td className="num">
                    <strong>{formatNumber(call.rubric.total)}</strong>
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      ) : (
        <p>{t('calls.rubric.none')}</p>
      )}

      {call.phase !== 'closed' ? (
        <>
          <h2>{t('calls.check.title')}</h2>
          <p>{t('calls.check.lead')}</p>
          <p>
            <Link className="button" to={eligibilityHref}>
              {t('calls.check.button')}
            </Link>
          </p>
        </>
      ) : null}
      <p>
        <Link to="/calls">{t('calls.backToList')}</Link>
      </p>
    </>
  )
}
