import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ErrorSummary, HiddenField, HintAndError, PortalFormTag, RadioGroup, SubmitButton, TextAreaField, usePortalForm } from '../components/form'
import { DataTable } from '../components/table'
import { SettlementSummary } from '../components/payments'
import { Banner } from '../components/ui'
import { formatDay, formatMoney } from '../i18n/format'
import { type FormErrorData, formError, parseForm, readForm } from '../lib/forms.server'
import { uuidParam } from '../lib/params'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser, can } from '../modules/auth'
import { decideSettlement, liquidationOf, prepareLiquidation, recoveriesOf, settlementOf, taskOf } from '../modules/payments'
import { openSignatureRequest, requestSignature } from '../modules/decisions'
import { decideSettlementSchema } from '../modules/payments/schemas'

// The office's view of a task's settlement: the spending by category beside the plan, the balance against what
// was paid, the decision (accept, or return with the reason), the amounts owed back and the liquidation: once the
// task passed or failed and the settlement is accepted, the office prepares the liquidation record (on a failure,
// with its cause) and sends it to the director to sign (/signing/:id), in one step.

const ROUTE = 'routes/staff.tasks.$id_.settlement'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'settlement.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const db = args.context.db
  const task = await taskOf(db, uuidParam(args.params.id))
  if (!task) throw new Response('Not found', { status: 404 })
  const [settlement, recoveries, liquidation, waiting] = await Promise.all([
    settlementOf(db, task.contract.id),
    recoveriesOf(db, task.contract.id),
    liquidationOf(db, task.contract.id),
    openSignatureRequest(db, { applicationId: task.id }, 'liquidation'),
  ])
  return json({
    task: { id: task.id, title: task.title, reference: task.reference, organisation: task.organisationName },
    settlement,
    recoveries,
    // A record sent for signature stays `draft` in its table until it is signed: the open request says it was sent.
    liquidation: liquidation ? { ...liquidation, status: liquidation.status === 'draft' && waiting ? ('sent' as const) : liquidation.status } : null,
    signatureId: waiting?.id ?? null,
    canDecide: can(user, 'payment:check') && settlement?.status === 'submitted',
    // The liquidation is the office's (prepareLiquidation asks for the staff role) once the outcome is known.
    canLiquidate:
      user.roles.includes('staff') &&
      (task.status === 'completed' || task.status === 'failed') &&
      settlement?.status === 'accepted' &&
      (!liquidation || liquidation.status === 'draft') &&
      !waiting,
    failed: task.status === 'failed',
  })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  if (!can(user, 'payment:check')) throw new Response('Forbidden', { status: 403 })
  const task = await taskOf(args.context.db, uuidParam(args.params.id))
  if (!task) throw new Response('Not found', { status: 404 })
  if ((await args.request.clone().formData()).get('intent') === 'liquidate') {
    const raw = await readForm(args.request)
    const cause = raw.cause === 'objective' || raw.cause === 'subjective' ? raw.cause : null
    const prepared = await prepareLiquidation({ db: args.context.db, actor: user, ip: args.context.clientIp, applicationId: task.id }, { cause })
    if (!prepared.ok) return formError(prepared.errors, raw, prepared.status)
    const sent = await requestSignature(args.context.db, { kind: 'liquidation', applicationId: task.id, actor: user, appUrl: args.context.env.APP_URL, ip: args.context.clientIp })
    if (!sent.ok) return formError({ form: 'payments.v.liquidation.notDue' }, raw, 409)
    return redirect(`/staff/tasks/${task.id}/settlement?notice=liquidation`)
  }
  const parsed = await parseForm(args.request, decideSettlementSchema)
  if (!parsed.ok) return parsed.response
  const outcome = await decideSettlement({ db: args.context.db, actor: user, ip: args.context.clientIp, applicationId: task.id }, parsed.data)
  if (!outcome.ok) return formError(outcome.errors, parsed.raw, outcome.status)
  return redirect(`/staff/tasks/${task.id}/settlement?notice=decided`)
}

export default function StaffSettlement() {
  const { task, settlement, recoveries, liquidation, signatureId, canDecide, canLiquidate, failed } = useLoaderData<typeof loader>()
  const t = useT()
  const [search] = useSearchParams()
  const form = usePortalForm(decideSettlementSchema, { version: String(settlement?.version ?? 1) })
  const liquidationErrors = useActionData<FormErrorData | undefined>()?.errors
  return (
    <>
      {search.get('notice') === 'decided' ? <Banner kind="success">{t('settlement.decided')}</Banner> : null}
      {search.get('notice') === 'liquidation' ? <Banner kind="success">{t('liquidation.sent')}</Banner> : null}
      {liquidationErrors && !canDecide ? <ErrorSummary errors={liquidationErrors} /> : null}
      <p>
        <Link to={`/staff/tasks/${task.id}/payments`}>← {t('payments.task.title')}</Link>
      </p>
      <ErrorSummary errors={form.errors} order={['form', 'decision', 'note']} />
      <p className="caption">
        {task.reference} · {task.organisation}
      </p>
      <h1>{t('settlement.title')}</h1>
      <p>{task.title}</p>
      {settlement ? (
        <>
          <SettlementSummary settlement={settlement} note={[t('payments.step.note'), settlement.note]} />
          <DataTable
            caption={t('settlement.lines')}
            columns={[{ label: t('settlement.category') }, { label: t('settlement.plannedCol'), numeric: true }, { label: t('settlement.spent'), numeric: true }]}
            rows={settlement.lines.map((l) => (
              <tr key={l.category}>
                <td>{t(`applications.budget.category.${l.category as 'labour'}`)}</td>
                <td className="num">{formatMoney(l.planned)}</td>
                <td className="num">{formatMoney(l.spent)}</td>
              </tr>
            ))}
          />
        </>
      ) : (
        <p>{t('settlement.none')}</p>
      )}
      {canDecide ? (
        <PortalFormTag form={form}>
          <HiddenField form={form} name="version" />
          <RadioGroup
            form={form}
            name="decision"
            legend={t('payments.step.decision')}
            options={[
              { value: 'accept', label: t('settlement.accept') },
              { value: 'return', label: t('payments.step.return') },
            ]}
          />
          <TextAreaField form={form} name="note" label={t('payments.step.note')} hint={t('payments.step.note.hint')} optional />
          <SubmitButton form={form}>{t('payments.step.submit')}</SubmitButton>
        </PortalFormTag>
      ) : null}
      <h2>{t('settlement.recoveries')}</h2>
      <DataTable
        caption={t('settlement.recoveries')}
        columns={[{ label: t('settlement.recoveryKind') }, { label: t('payments.tranches.amount'), numeric: true }, { label: t('settlement.received'), numeric: true }, { label: t('settlement.dueOn') }, { label: t('settlement.reason') }]}
        rows={recoveries.map((r) => (
          <tr key={r.id}>
            <td>{t(`settlement.recoveryKind.${r.kind}`)}</td>
            <td className="num">{formatMoney(r.amount)}</td>
            <td className="num">{formatMoney(r.received)}</td>
            <td>{r.dueOn ? formatDay(r.dueOn) : '—'}</td>
            <td>{r.reason}</td>
          </tr>
        ))}
      />
      <h2>{t('liquidation.title')}</h2>
      <p>
        {liquidation ? t(`liquidation.status.${liquidation.status}`, { amount: formatMoney(liquidation.recoverAmount) }) : t('liquidation.none')}
        {signatureId ? (
          <>
            {' '}
            <a href={`/signing/${signatureId}`}>{t('signing.document')}</a>
          </>
        ) : null}
      </p>
      {canLiquidate ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="liquidate" />
          {failed ? (
            <div className={`form-group${liquidationErrors?.cause ? ' form-group--error' : ''}`}>
              <fieldset className="fieldset" aria-describedby={liquidationErrors?.cause ? 'cause-error' : undefined}>
                <legend className="fieldset__legend">{t('liquidation.cause')}</legend>
                <HintAndError name="cause" error={liquidationErrors?.cause} />
                <div className="radios">
                  {(['objective', 'subjective'] as const).map((c, i) => (
                    <div className="radios__item" key={c}>
                      <input className="radios__input" id={i === 0 ? 'cause' : `cause-${c}`} type="radio" name="cause" value={c} />
                      <label className="label radios__label" htmlFor={i === 0 ? 'cause' : `cause-${c}`}>
                        {t(`liquidation.cause.${c}`)}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
          ) : null}
          <p className="hint">{t('liquidation.send.hint')}</p>
          <button type="submit" className="button" data-prevent-double-click="true">
            {t('liquidation.send')}
          </button>
        </Form>
      ) : null}
    </>
  )
}
