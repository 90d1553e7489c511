import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { formatDate, formatMoney, formatTime } from '../i18n/format'
import { isMessageKey } from '../i18n'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorize } from '../modules/auth'
import { listOpenCalls } from '../modules/calls'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'home.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/_index')
  const now = new Date()
  const calls = await listOpenCalls(args.context.db, now)
  return json({ now: now.toISOString(), calls })
}

const DAY = 24 * 3600_000

export default function Home() {
  const { calls, now } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <h2>{t('home.steps.title')}</h2>
      <ol className="steps">
        <li>{t('home.steps.1')}</li>
        <li>{t('home.steps.2')}</li>
        <li>{t('home.steps.3')}</li>
        <li>{t('home.steps.4')}</li>
      </ol>
      <h2 id="open-calls">{t('home.open.title')}</h2>
      {calls.length === 0 ? (
        <p>{t('home.open.none')}</p>
      ) : (
        <>
          <p className="secondary">{t('home.open.count', { count: calls.length })}</p>
          <ul className="card-list" aria-labelledby="open-calls">
            {calls.map((call) => {
              const closes = new Date(call.closes_at)
              const days = Math.ceil((closes.getTime() - new Date(now).getTime()) / DAY)
              const field = `field.${call.priority_field}`
              return (
                <li key={call.id} className="card">
                  <span className="tag tag--blue">{t(`modality.${call.modality}`)}</span>{' '}
                  <span className="tag tag--grey">{isMessageKey(field) ? t(field) : call.priority_field}</span>
                  <h3 className="card__title">{lang === 'vi' ? call.title_vi : call.title_en}</h3>
                  <p>{lang === 'vi' ? call.summary_vi : call.summary_en}</p>
                  <dl className="card__meta">
                    <div>
                      <dt>{t('call.code')}</dt>
                      <dd>{call.code}</dd>
                    </div>
                    <div>
                      <dt>{t('call.maxAmount')}</dt>
                      <dd>{formatMoney(call.max_amount)}</dd>
                    </div>
                    <div>
                      <dt>{t('call.budget')}</dt>
                      <dd>{formatMoney(call.budget_total)}</dd>
                    </div>
                    <div>
                      <dt>{t('call.closes')}</dt>
                      <dd>
                        {t('call.closesAt', { time: formatTime(closes), date: formatDate(closes) })}
                        <br />
                        <span className={days <= 3 ? 'deadline-soon' : 'secondary'}>
                          {days <= 1 ? t('call.lastDay') : t('call.daysLeft', { days })}
                        </span>
                      </dd>
                    </div>
                  </dl>
                </li>
              )
            })}
          </ul>
        </>
      )}
    </>
  )
}
