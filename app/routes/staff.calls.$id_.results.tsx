import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Banner } from '../components/ui'
import { formatDate } from '../i18n/format'
import { uuidParam } from '../lib/params'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { publicationState, publishResults } from '../modules/transparency'

// Publishing a call's results (the Fund's office, after every application of the call has its decision): what
// will be public, and the button. Publishing again refreshes the list (a task cancelled since then leaves it).

const ROUTE = 'routes/staff.calls.$id_.results'

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, 'results.publish.title', { code: data?.call.code ?? '' })

async function load(args: LoaderFunctionArgs) {
  const id = uuidParam(args.params.id)
  const call = await args.context.db.selectFrom('calls').select(['id', 'code', 'title_vi', 'title_en']).where('id', '=', id).executeTakeFirst()
  const state = call ? await publicationState(args.context.db, id) : null
  if (!call || !state) throw new Response('Not found', { status: 404 })
  return { call, state }
}

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, ROUTE)
  const { call, state } = await load(args)
  return json({ call, state, notice: new URL(args.request.url).searchParams.get('notice') })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const { call } = await load(args)
  const result = await publishResults(args.context.db, { callId: call.id, actor: user, ip: args.context.clientIp })
  if (!result.ok) return json({ refused: result.reason }, { status: result.reason === 'not_found' ? 404 : 409 })
  return redirect(`/staff/calls/${call.id}/results?notice=published`)
}

export default function PublishResults() {
  const { call, state, notice } = useLoaderData<typeof loader>()
  const refused = useActionData<{ refused: 'undecided' | 'nothing_awarded' | 'not_found' }>()?.refused
  const t = useT()
  const ready = state.undecided === 0 && state.awarded > 0
  return (
    <>
      <p>
        <Link to={`/staff/calls/${call.id}`}>← {t('bulk.back', { code: call.code })}</Link>
      </p>
      <h1>{t('results.publish.title', { code: call.code })}</h1>
      {notice === 'published' ? <Banner kind="success">{t('results.publish.done', { n: state.published })}</Banner> : null}
      {refused ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{t(refused === 'undecided' ? 'results.publish.undecided' : 'results.publish.nothing')}</p>
        </div>
      ) : null}
      <p>{t('results.publish.lead')}</p>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('results.publish.awarded')}</dt>
          <dd>{state.awarded}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('results.publish.undecidedCount')}</dt>
          <dd>{state.undecided}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('results.publish.state')}</dt>
          <dd>
            {state.publishedAt && state.onlineUntil
              ? t('results.publish.since', { date: formatDate(state.publishedAt), until: formatDate(state.onlineUntil) })
              : t('results.publish.never')}
          </dd>
        </div>
      </dl>
      {ready ? (
        <Form method="post">
          <button type="submit" className="button">
            {t(state.publishedAt ? 'results.publish.again' : 'results.publish.button')}
          </button>
        </Form>
      ) : (
        <p className="hint">{t(state.awarded === 0 ? 'results.publish.nothing' : 'results.publish.undecided')}</p>
      )}
      {state.publishedAt ? (
        <p>
          <Link to={`/results/${encodeURIComponent(call.code)}`}>{t('results.publish.view')}</Link>
        </p>
      ) : null}
    </>
  )
}
