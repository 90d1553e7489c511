import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { useLoaderData, useSearchParams } from '@remix-run/react'
import { ErrorSummary, PortalFormTag, SubmitButton, TextField, usePortalForm } from '../components/form'
import { LoanView } from '../components/loan'
import { Banner } from '../components/ui'
import { formatMoney, formatNumber } from '../i18n/format'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { uuidParam } from '../lib/params'
import { authorizeUser, can } from '../modules/auth'
import { vnDate } from '../modules/calendar'
import { getLoanRules, loanTask } from '../modules/loans'
import { LOAN_INTENTS } from '../modules/loans/intents.server'
import { disburseSchema, repaySchema } from '../modules/loans/schemas'

// The office's loan page of a funded task: record the disbursement (the schedule follows), then each repayment
// or an early repayment. The forms' logic is in loans/intents.server.ts.

const ROUTE = 'routes/staff.tasks.$id_.loan'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'loans.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const db = args.context.db
  const task = await loanTask(db, uuidParam(args.params.id), vnDate(new Date()), await getLoanRules(db))
  if (!task) throw new Response('Not found', { status: 404 })
  const loan = task.loan
  const current = loan ? loan.instalments.findIndex((i) => i.dueOn >= vnDate(new Date())) : -1
  const through = loan ? (current === -1 ? loan.instalments : loan.instalments.slice(0, current + 1)) : []
  const dueNow = through.reduce((a, i) => a + i.owed, 0)
  const owedAll = loan ? loan.instalments.reduce((a, i) => a + i.owed, 0) : 0
  return json({ task, canRecord: can(user, 'loan:record'), dueNow, owedAll })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const id = uuidParam(args.params.id)
  const raw = await readForm(args.request)
  const intent = LOAN_INTENTS[raw.intent ?? '']
  if (!intent) return formError({ form: 'loans.error.noLoan' }, raw)
  const outcome = await intent(args.context.db, { actor: user, ip: args.context.clientIp, appUrl: args.context.env.APP_URL, today: vnDate(new Date()) }, id, raw)
  if (outcome.ok) return redirect(`/staff/tasks/${id}/loan?notice=${outcome.notice}`)
  return formError(outcome.errors, raw, outcome.status)
}

const ORDER = ['form', 'disbursed_on', 'paid_on', 'amount', 'reference', 'rate', 'term_months', 'note']

export default function StaffTaskLoan() {
  const { task, canRecord, dueNow, owedAll } = useLoaderData<typeof loader>()
  const t = useT()
  const [search] = useSearchParams()
  const notice = search.get('notice')
  const loan = task.loan
  const disburse = usePortalForm(disburseSchema, {
    amount: task.contract ? formatNumber(task.contract.fundAmount) : '',
    rate: task.terms.interestRate !== undefined ? formatNumber(task.terms.interestRate) : '',
    term_months: task.terms.termMonths !== undefined ? String(task.terms.termMonths) : '',
  })
  const repay = usePortalForm(repaySchema, { version: loan ? String(loan.version) : '' })
  const prepay = usePortalForm(repaySchema, { version: loan ? String(loan.version) : '' })
  return (
    <>
      <p className="caption">
        {task.reference} · {task.organisation}
      </p>
      <h1>{t('loans.title')}</h1>
      <p>{task.title}</p>
      {notice === 'disbursed' || notice === 'repayment' || notice === 'repaid' ? (
        <Banner kind="success">{t(`loans.notice.${notice}`)}</Banner>
      ) : null}
      {!task.contract ? (
        <p>{t('loans.noContract')}</p>
      ) : task.contract.modality !== 'preferential_loan' ? (
        <p>{t('loans.notLoan')}</p>
      ) : !loan ? (
        <>
          <p>{t('loans.notDisbursed')}</p>
          {canRecord ? (
            <section aria-labelledby="disburse">
              <h2 id="disburse">{t('loans.disburse.heading')}</h2>
              <p>{t('loans.disburse.lead')}</p>
              <p>{t('loans.disburse.fromCall', { call: task.callCode, method: t(`loans.method.${task.method}`), every: t('loans.summary.everyValue', { n: task.everyMonths }) })}</p>
              <ErrorSummary errors={disburse.errors} order={ORDER} />
              <PortalFormTag form={disburse}>
                <input type="hidden" name="intent" value="disburse" />
                <TextField form={disburse} name="disbursed_on" label={t('loans.field.disbursedOn')} hint={t('loans.field.date.hint')} width="third" />
                <TextField form={disburse} name="amount" label={t('loans.field.amount')} hint={t('loans.field.amount.hint', { max: formatMoney(task.contract.fundAmount) })} width="half" />
                <TextField form={disburse} name="reference" label={t('loans.field.reference')} width="half" />
                <TextField form={disburse} name="rate" label={t('loans.field.rate')} hint={t('loans.field.rate.hint')} width="third" />
                <TextField form={disburse} name="term_months" label={t('loans.field.term')} width="third" />
                <SubmitButton form={disburse}>{t('loans.disburse.submit')}</SubmitButton>
              </PortalFormTag>
            </section>
          ) : null}
        </>
      ) : (
        <>
          <LoanView loan={loan} />
          {canRecord && loan.status === 'active' ? (
            <>
              <section aria-labelledby="repay">
                <h2 id="repay">{t('loans.repay.heading')}</h2>
                <p>{t('loans.repay.lead', { max: formatMoney(dueNow) })}</p>
                <ErrorSummary errors={repay.errors} order={ORDER} />
                <PortalFormTag form={repay}>
                  <input type="hidden" name="intent" value="repay" />
                  <input type="hidden" name="version" value={loan.version} />
                  <TextField form={repay} name="paid_on" label={t('loans.field.paidOn')} hint={t('loans.field.date.hint')} width="third" />
                  <TextField form={repay} name="amount" label={t('loans.field.amount')} width="half" />
                  <TextField form={repay} name="reference" label={t('loans.field.reference')} width="half" />
                  <TextField form={repay} name="note" label={t('loans.field.note')} />
                  <SubmitButton form={repay}>{t('loans.repay.submit')}</SubmitButton>
                </PortalFormTag>
              </section>
              <section aria-labelledby="prepay">
                <h2 id="prepay">{t('loans.prepay.heading')}</h2>
                <p>{t('loans.prepay.lead', { max: formatMoney(owedAll) })}</p>
                <PortalFormTag form={prepay}>
                  <input type="hidden" name="intent" value="prepay" />
                  <input type="hidden" name="version" value={loan.version} />
                  <TextField form={prepay} name="paid_on" label={`${t('loans.field.paidOn')} (${t('loans.kind.early')})`} hint={t('loans.field.date.hint')} width="third" />
                  <TextField form={prepay} name="amount" label={`${t('loans.field.amount')} (${t('loans.kind.early')})`} width="half" />
                  <TextField form={prepay} name="reference" label={`${t('loans.field.reference')} (${t('loans.kind.early')})`} width="half" />
                  <TextField form={prepay} name="note" label={`${t('loans.field.note')} (${t('loans.kind.early')})`} />
                  <SubmitButton form={prepay}>{t('loans.prepay.submit')}</SubmitButton>
                </PortalFormTag>
              </section>
            </>
          ) : null}
        </>
      )}
    </>
  )
}
