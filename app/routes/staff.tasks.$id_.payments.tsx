import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { MoneySummary, PaymentHistory, TranchesTable } from '../components/payments'
import { Banner } from '../components/ui'
import { uuidParam } from '../lib/params'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { taskOf, taskPayments } from '../modules/payments'

// The Fund's view of a task's money: the figures, the tranches and every request with its steps; each request
// links to the page where the office checks it or the chief accountant approves and records it.

const ROUTE = 'routes/staff.tasks.$id_.payments'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'payments.task.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, ROUTE)
  const task = await taskOf(args.context.db, uuidParam(args.params.id))
  if (!task) throw new Response('Not found', { status: 404 })
  const view = await taskPayments(args.context.db, task)
  return json({ task: { id: task.id, title: task.title, reference: task.reference, organisation: task.organisationName, callCode: task.callCode }, ...view })
}

export default function StaffTaskPayments() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const [search] = useSearchParams()
  const notice = (['check', 'approve', 'record'] as const).find((n) => n === search.get('notice'))
  return (
    <>
      {notice ? <Banner kind="success">{t(`payments.notice.${notice}`)}</Banner> : null}
      <p>
        <Link to="/staff/payments">← {t('payments.queue.title')}</Link>
      </p>
      <p className="caption">
        {data.task.reference} · {data.task.organisation} · {data.task.callCode}
      </p>
      <h1>{t('payments.task.title')}</h1>
      <p>{data.task.title}</p>
      <h2>{t('payments.money.title')}</h2>
      <MoneySummary money={data.money} />
      <h2>{t('payments.tranches.title')}</h2>
      <TranchesTable tranches={data.tranches} />
      <h2>{t('payments.history.title')}</h2>
      <PaymentHistory requests={data.requests} events={data.events} href={(id) => `/staff/payments/${id}`} />
      <p>
        <Link to={`/staff/tasks/${data.task.id}/settlement`}>{t('settlement.title')}</Link>
      </p>
    </>
  )
}
