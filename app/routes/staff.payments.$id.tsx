import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Checkbox, ErrorSummary, HiddenField, PortalFormTag, RadioGroup, SubmitButton, TextAreaField, TextField, usePortalForm } from '../components/form'
import { PaymentHistory } from '../components/payments'
import { SummaryList } from '../components/ui'
import { formatMoney } from '../i18n/format'
import { formError, readForm } from '../lib/forms.server'
import { uuidParam } from '../lib/params'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser, can } from '../modules/auth'
import { getPayment, taskOf } from '../modules/payments'
import { INTENT_PERMISSION, intentFor, PAYMENT_INTENTS } from '../modules/payments/intents.server'
import { approvePaymentSchema, checkPaymentSchema, recordPaymentSchema } from '../modules/payments/schemas'

// One payment request where the Fund takes its step: the office checks it (evidence, the tranche's condition),
// the chief accountant approves it, then records the transfer as paid or failed. The form is the one the
// request's status calls for; whoever may not take that step reads the page without it.

const ROUTE = 'routes/staff.payments.$id'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'payments.step.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const db = args.context.db
  const payment = await getPayment(db, uuidParam(args.params.id))
  if (!payment) throw new Response('Not found', { status: 404 })
  const task = (await taskOf(db, payment.applicationId))!
  const intent = intentFor(payment.status)
  const mayAct = intent ? can(user, INTENT_PERMISSION[intent]) : false
  return json({ payment, task: { id: task.id, title: task.title, reference: task.reference, organisation: task.organisationName }, intent: mayAct ? intent : null })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const db = args.context.db
  const payment = await getPayment(db, uuidParam(args.params.id))
  if (!payment) throw new Response('Not found', { status: 404 })
  const intent = intentFor(payment.status)
  if (!intent) throw new Response('Nothing to do', { status: 409 })
  if (!can(user, INTENT_PERMISSION[intent])) throw new Response('Forbidden', { status: 403 })
  const raw = await readForm(args.request)
  const outcome = await PAYMENT_INTENTS[intent]({ db, actor: user, appUrl: args.context.env.APP_URL, ip: args.context.clientIp }, { ...raw, requestId: payment.id })
  if (!outcome.ok) return formError(outcome.errors, raw, outcome.status)
  return redirect(`/staff/tasks/${payment.applicationId}/payments?notice=${intent}`)
}

const SCHEMAS = { check: checkPaymentSchema, approve: approvePaymentSchema, record: recordPaymentSchema }

export default function PaymentStep() {
  const { payment, task, intent } = useLoaderData<typeof loader>()
  const t = useT()
  const answer = payment.conditionAnswer
  const conditionText =
    answer.met === true ? t(answer.evidence, { count: answer.count ?? 0 }) : answer.met === false ? t(answer.why) : t('payments.condition.evidence.office')
  const form = usePortalForm(SCHEMAS[intent ?? 'check'], { requestId: payment.id, version: String(payment.version), paidAmount: formatMoney(payment.amount).replace(/\s*₫$/, '') })
  return (
    <>
      <p>
        <Link to={`/staff/tasks/${task.id}/payments`}>← {t('payments.task.title')}</Link>
      </p>
      <ErrorSummary errors={form.errors} order={['form', 'decision', 'outcome', 'conditionMet', 'note', 'paidOn', 'paidAmount', 'transferRef', 'reason']} />
      <p className="caption">
        {task.reference} · {task.organisation}
      </p>
      <h1>{t('payments.step.heading', { n: payment.trancheSeq, amount: formatMoney(payment.amount) })}</h1>
      <p>{task.title}</p>
      <SummaryList
        rows={[
          [t('payments.tranches.kind'), t(`payments.tranche.${payment.trancheKind}`)],
          [t('payments.step.trancheAmount'), formatMoney(payment.trancheAmount)],
          [t('payments.tranches.condition'), `${t(`payments.condition.${payment.condition as 'none'}`)}${payment.conditionNote ? ` — ${payment.conditionNote}` : ''}`],
          [t('payments.tranches.conditionOnRecord'), conditionText],
        ]}
      />
      {intent ? (
        <PortalFormTag form={form}>
          <HiddenField form={form} name="requestId" />
          <HiddenField form={form} name="version" />
          {intent === 'check' ? (
            <>
              <h2>{t('payments.step.check')}</h2>
              <RadioGroup
                form={form}
                name="decision"
                legend={t('payments.step.decision')}
                options={[
                  { value: 'pass', label: t('payments.step.check.pass') },
                  { value: 'return', label: t('payments.step.return') },
                ]}
              />
              {payment.conditionAnswer.met === null ? <Checkbox form={form} name="conditionMet" label={t('payments.step.conditionMet')} /> : null}
              <TextAreaField form={form} name="note" label={t('payments.step.note')} hint={t('payments.step.note.hint')} optional />
            </>
          ) : intent === 'approve' ? (
            <>
              <h2>{t('payments.step.approve')}</h2>
              <RadioGroup
                form={form}
                name="decision"
                legend={t('payments.step.decision')}
                options={[
                  { value: 'approve', label: t('payments.step.approve.yes') },
                  { value: 'return', label: t('payments.step.return') },
                ]}
              />
              <TextAreaField form={form} name="note" label={t('payments.step.note')} hint={t('payments.step.note.hint')} optional />
            </>
          ) : (
            <>
              <h2>{t('payments.step.record')}</h2>
              <RadioGroup
                form={form}
                name="outcome"
                legend={t('payments.step.outcome')}
                options={[
                  { value: 'paid', label: t('payments.status.paid') },
                  { value: 'failed', label: t('payments.status.failed') },
                ]}
              />
              <TextField form={form} name="paidOn" label={t('payments.step.paidOn')} hint={t('payments.step.paidOn.hint')} width="third" />
              <TextField form={form} name="paidAmount" label={t('payments.step.paidAmount')} width="third" />
              <TextField form={form} name="transferRef" label={t('payments.step.transferRef')} width="half" />
              <TextAreaField form={form} name="reason" label={t('payments.step.reason')} hint={t('payments.step.reason.hint')} optional />
            </>
          )}
          <SubmitButton form={form}>{t('payments.step.submit')}</SubmitButton>
        </PortalFormTag>
      ) : null}
      <h2>{t('payments.history.title')}</h2>
      <PaymentHistory requests={[payment]} events={payment.events} />
    </>
  )
}
