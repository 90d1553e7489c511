import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { ErrorSummary, PortalFormTag, SelectField, SubmitButton, TextAreaField, TextField, usePortalForm } from '../components/form'
import { MoneySummary, PaymentHistory, TranchesTable } from '../components/payments'
import { Banner } from '../components/ui'
import { formatMoney } from '../i18n/format'
import { formError, parseForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeGranteeMoney, PAYABLE_STATUSES, requestPayment, taskPayments } from '../modules/payments'
import { requestPaymentSchema } from '../modules/payments/schemas'

// The grantee's money for a funded task: what the contract promises, what has been paid and what is under
// way, and the form to ask for a tranche's payment with its evidence (owners and editors of the host).

const ROUTE = 'routes/tasks.$id_.payments'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'payments.task.title')

export async function loader(args: LoaderFunctionArgs) {
  const { task, role } = await authorizeGranteeMoney(args, ROUTE)
  const view = await taskPayments(args.context.db, task)
  const canRequest = role !== 'viewer' && task.contract.status === 'signed' && PAYABLE_STATUSES.includes(task.status)
  return json({ task: { id: task.id, title: task.title, reference: task.reference, organisation: task.organisationName }, ...view, canRequest })
}

export async function action(args: ActionFunctionArgs) {
  const { user, task } = await authorizeGranteeMoney(args, ROUTE)
  const parsed = await parseForm(args.request, requestPaymentSchema)
  if (!parsed.ok) return parsed.response
  const outcome = await requestPayment({ db: args.context.db, actor: user, appUrl: args.context.env.APP_URL, ip: args.context.clientIp, applicationId: task.id }, parsed.data)
  if (!outcome.ok) return formError(outcome.errors, parsed.raw, outcome.status)
  return redirect(`/tasks/${task.id}/payments?notice=requested`)
}

export default function TaskPayments() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const [search] = useSearchParams()
  const first = data.requestable[0]
  const form = usePortalForm(requestPaymentSchema, first ? { trancheId: first.id, amount: formatMoney(first.amount).replace(/\s*₫$/, '') } : undefined)
  return (
    <>
      {search.get('notice') === 'requested' ? <Banner kind="success">{t('payments.task.requested')}</Banner> : null}
      <ErrorSummary errors={form.errors} order={['form', 'trancheId', 'amount', 'evidence']} />
      <p className="caption">
        {data.task.reference} · {data.task.organisation}
      </p>
      <h1>{t('payments.task.title')}</h1>
      <p>{data.task.title}</p>
      <h2>{t('payments.money.title')}</h2>
      <MoneySummary money={data.money} />
      <h2>{t('payments.tranches.title')}</h2>
      <TranchesTable tranches={data.tranches} />
      {data.canRequest && data.requestable.length ? (
        <>
          <h2 id="request">{t('payments.request.title')}</h2>
          <p>{t('payments.request.lead')}</p>
          <PortalFormTag form={form}>
            <SelectField
              form={form}
              name="trancheId"
              label={t('payments.request.tranche')}
              empty={t('payments.request.tranche.empty')}
              options={data.requestable.map((tr) => ({ value: tr.id, label: t('payments.request.trancheOption', { n: tr.seq, kind: t(`payments.tranche.${tr.kind}`), amount: formatMoney(tr.amount) }) }))}
            />
            <TextField form={form} name="amount" label={t('payments.request.amount')} hint={t('payments.request.amount.hint')} width="third" />
            <TextAreaField form={form} name="evidence" label={t('payments.request.evidence')} hint={t('payments.request.evidence.hint')} rows={5} />
            <SubmitButton form={form}>{t('payments.request.submit')}</SubmitButton>
          </PortalFormTag>
        </>
      ) : null}
      <h2>{t('payments.history.title')}</h2>
      <PaymentHistory requests={data.requests} events={data.events} />
      <p>
        <Link to={`/tasks/${data.task.id}/settlement`}>{t('settlement.title')}</Link>
      </p>
    </>
  )
}
