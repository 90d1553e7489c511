import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { LoanView } from '../components/loan'
import { Banner } from '../components/ui'
import { formatDay, formatMoney } from '../i18n/format'
import { pageTitle, useT } from '../lib/i18n'
import { uuidParam } from '../lib/params'
import { getApplicationForMember } from '../modules/applications'
import { authorizeUser } from '../modules/auth'
import { vnDate } from '../modules/calendar'
import { getLoanRules, loanTask } from '../modules/loans'

// The borrower's loan: the schedule from the disbursement, what is paid and owed, overdue instalments flagged.

const ROUTE = 'routes/tasks.$id_.loan'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'loans.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const id = uuidParam(args.params.id)
  const db = args.context.db
  if (!(await getApplicationForMember(db, id, user.id))) throw new Response('Not found', { status: 404 })
  const task = (await loanTask(db, id, vnDate(new Date()), await getLoanRules(db)))!
  return json({ task })
}

export default function TaskLoan() {
  const { task } = useLoaderData<typeof loader>()
  const t = useT()
  const loan = task.loan
  const overdue = loan ? loan.instalments.filter((i) => i.state === 'overdue') : []
  return (
    <>
      <p className="caption">
        {task.reference} · {task.organisation}
      </p>
      <h1>{t('loans.title')}</h1>
      <p>{task.title}</p>
      {!task.contract ? (
        <p>{t('loans.noContract')}</p>
      ) : task.contract.modality !== 'preferential_loan' ? (
        <p>{t('loans.notLoan')}</p>
      ) : !loan ? (
        <p>{t('loans.notDisbursed')}</p>
      ) : (
        <>
          {loan.status === 'repaid' && loan.repaidOn ? <Banner>{t('loans.repaidBanner', { date: formatDay(loan.repaidOn) })}</Banner> : null}
          {overdue.length > 0 ? <Banner>{t('loans.overdueBanner', { count: overdue.length, amount: formatMoney(overdue.reduce((a, i) => a + i.owed, 0)) })}</Banner> : null}
          <LoanView loan={loan} />
        </>
      )}
    </>
  )
}
