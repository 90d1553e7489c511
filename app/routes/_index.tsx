import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CallCard } from '../components/call-card'
import { pageTitle, useT } from '../lib/i18n'
import { authorize } from '../modules/auth'
import { listOpenCalls } from '../modules/calls'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'home.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/_index')
  const now = new Date()
  const calls = await listOpenCalls(args.context.db, now)
  return json({ now: now.toISOString(), calls })
}

export default function Home() {
  const { calls, now } = useLoaderData<typeof loader>()
  const t = useT()
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
            {calls.map((call) => (
              <CallCard key={call.id} call={{ ...call, phase: 'open' }} now={now} showPhase={false} />
            ))}
          </ul>
          <p>
            <Link to="/calls">{t('calls.backToList')}</Link>
          </p>
        </>
      )}
    </>
  )
}
