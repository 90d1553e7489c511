import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { ErrorSummary, PortalFormTag, SubmitButton, TextAreaField, TextField, usePortalForm } from '../components/form'
import { SettlementSummary } from '../components/payments'
import { Banner } from '../components/ui'
import { formatMoney } from '../i18n/format'
import { formError, parseForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeGranteeMoney, plannedByCategory, settlementOf, submitSettlement } from '../modules/payments'
import { SETTLEMENT_CATEGORIES, settlementSchema } from '../modules/payments/schemas'

// Quyết toán: the grantee reports what was spent in each budget category, beside the plan; the office accepts
// it or returns it with the reason, and then it may be reported again.

const ROUTE = 'routes/tasks.$id_.settlement'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'settlement.title')

export async function loader(args: LoaderFunctionArgs) {
  const { task, role } = await authorizeGranteeMoney(args, ROUTE)
  const [planned, settlement] = await Promise.all([plannedByCategory(args.context.db, task.id), settlementOf(args.context.db, task.contract.id)])
  return json({ task: { id: task.id, title: task.title, reference: task.reference }, planned, settlement, canSubmit: role !== 'viewer' && settlement?.status !== 'accepted' })
}

export async function action(args: ActionFunctionArgs) {
  const { user, task } = await authorizeGranteeMoney(args, ROUTE)
  const parsed = await parseForm(args.request, settlementSchema)
  if (!parsed.ok) return parsed.response
  const outcome = await submitSettlement({ db: args.context.db, actor: user, ip: args.context.clientIp, applicationId: task.id }, parsed.data)
  if (!outcome.ok) return formError(outcome.errors, parsed.raw, outcome.status)
  return redirect(`/tasks/${task.id}/settlement?notice=submitted`)
}

export default function Settlement() {
  const { task, planned, settlement, canSubmit } = useLoaderData<typeof loader>()
  const t = useT()
  const [search] = useSearchParams()
  const spentOf = (c: string) => settlement?.lines.find((l) => l.category === c)?.spent
  const form = usePortalForm(settlementSchema, {
    ...Object.fromEntries(SETTLEMENT_CATEGORIES.map((c) => [`spent_${c}`, spentOf(c) !== undefined ? formatMoney(spentOf(c)!).replace(/\s*₫$/, '') : ''])),
    note: settlement?.note ?? '',
  })
  return (
    <>
      {search.get('notice') === 'submitted' ? <Banner kind="success">{t('settlement.submitted')}</Banner> : null}
      <p>
        <Link to={`/tasks/${task.id}/payments`}>← {t('payments.task.title')}</Link>
      </p>
      <ErrorSummary errors={form.errors} order={['form', ...SETTLEMENT_CATEGORIES.map((c) => `spent_${c}`), 'note']} />
      <p className="caption">{task.reference}</p>
      <h1>{t('settlement.title')}</h1>
      <p>{task.title}</p>
      {settlement ? (
        <SettlementSummary settlement={settlement} note={[t('settlement.decisionNote'), settlement.decisionNote]} />
      ) : null}
      {canSubmit ? (
        <PortalFormTag form={form}>
          {planned.map((p) => (
            <TextField
              key={p.category}
              form={form}
              name={`spent_${p.category}`}
              label={t('settlement.spentIn', { category: t(`applications.budget.category.${p.category as 'labour'}`) })}
              hint={t('settlement.planned', { amount: formatMoney(p.planned) })}
              width="third"
            />
          ))}
          <TextAreaField form={form} name="note" label={t('payments.step.note')} optional />
          <SubmitButton form={form}>{t('settlement.submit')}</SubmitButton>
        </PortalFormTag>
      ) : null}
    </>
  )
}
