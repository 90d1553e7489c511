import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ContractHistory, ContractStatusTag, ContractTerms, PlainSelect, PlainTextArea } from '../components/contract'
import { ErrorSummary } from '../components/form'
import { PlainField } from '../components/plain-field'
import { Banner, SummaryList } from '../components/ui'
import { StatusTag } from '../components/workflow'
import { formatDateTime, formatDay, formatMoney, formatNumber } from '../i18n/format'
import { type FormErrorData, formError, readForm } from '../lib/forms.server'
import { pageTitle, useLang, useMessage, useT } from '../lib/i18n'
import { can } from '../modules/auth'
import { contractForOffice } from '../modules/contracts'
import { staffContractIntent } from '../modules/contracts/intents.server'
import { authorizeStaffApplication } from '../modules/screening'

// The office's page of an approved application's contract (ADR 018): draft it, edit the draft (saved with its
// version), preview it, send it to the grantee, take it back, send it for the director's signature once the
// grantee's representative accepted it, and record the task under contract once it is signed. The director reads.

const ROUTE = 'routes/staff.tasks.$id_.contract'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'contracts.page.title')

export async function loader(args: LoaderFunctionArgs) {
  const { user, staff } = await authorizeStaffApplication(args, ROUTE)
  const app = staff.application
  return json({
    application: { id: app.id, title: app.title, reference: app.reference, status: app.status, version: app.version, approved: app.approved_amount, organisation: staff.organisation.name },
    ...(await contractForOffice(args.context.db, app.id)),
    canAct: can(user, 'application:screen'),
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, staff } = await authorizeStaffApplication(args, ROUTE)
  if (!can(user, 'application:screen')) throw new Response('Forbidden', { status: 403 })
  const { db, env, clientIp } = args.context
  const raw = await readForm(args.request)
  const result = await staffContractIntent({ db, env, user, applicationId: staff.application.id, ip: clientIp }, raw)
  if (!result.ok) return formError(result.errors, result.values, result.status)
  return redirect(`/staff/tasks/${staff.application.id}/contract?notice=${result.notice}`)
}

const KINDS = ['advance', 'interim', 'final'] as const
const CONDITIONS = ['none', 'report_accepted', 'product_delivered', 'acceptance'] as const
const NOTICES = ['drafted', 'saved', 'proposed', 'reopened', 'sent', 'recorded', 'started'] as const

export default function StaffContract() {
  const { application: app, contract, record, request, canAct } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormErrorData>()
  const errors = actionData?.errors ?? {}
  const t = useT()
  const lang = useLang()
  const [search] = useSearchParams()
  // The notice of the last step stays in the address after a refused form: it is not shown beside the errors.
  const notice = actionData ? undefined : NOTICES.find((n) => n === search.get('notice'))
  const base = `/staff/tasks/${app.id}/contract`
  const accepted = !!record?.acceptedAt
  const version = <input type="hidden" name="version" value={contract?.version ?? 0} />
  return (
    <>
      <p>
        <Link to={`/staff/applications/${app.id}`}>← {t('contracts.page.backToApplication')}</Link>
      </p>
      {notice ? <Banner kind="success">{t(`contracts.notice.${notice}`)}</Banner> : null}
      <ErrorSummary errors={errors} order={['form', 'startsOn', 'endsOn', 'reportEveryMonths', 'investigator', 'objectives', 'products', 'quality', 'tranches']} />
      <p className="caption">
        {app.reference} · {app.organisation}
      </p>
      <h1>{t('contracts.page.title')}</h1>
      <p>{app.title}</p>
      <SummaryList
        rows={[
          [t('screening.status'), <StatusTag key="s" status={app.status} />],
          [t('contracts.page.status'), contract ? <ContractStatusTag status={contract.status} accepted={accepted} /> : t('contracts.page.none')],
          ...(app.approved !== null ? [[t('screening.approved'), formatMoney(Number(app.approved))] as [string, string]] : []),
        ]}
      />

      {!contract ? (
        app.status === 'approved' && canAct ? (
          <Form method="post">
            <input type="hidden" name="intent" value="draft" />
            <p className="hint">{t('contracts.draft.hint')}</p>
            <button type="submit" className="button" data-prevent-double-click="true">
              {t('contracts.draft.button')}
            </button>
          </Form>
        ) : (
          <p>{t('contracts.page.notYet')}</p>
        )
      ) : (
        <>
          <p>
            {record?.document ? (
              <a href={`/staff/applications/${app.id}/documents/${record.document.id}`}>{t('contracts.signedPdf', { symbol: record.document.symbol ?? '' })}</a>
            ) : (
              <a href={`${base}/preview`} target="_blank" rel="noreferrer">
                {t('contracts.preview')}
              </a>
            )}
          </p>

          {contract.status === 'draft' && canAct ? (
            <DraftForm contract={contract} values={actionData?.defaultValues} errors={errors} />
          ) : (
            <section aria-labelledby="terms-title">
              <h2 id="terms-title">{t('contracts.terms.title')}</h2>
              <ContractTerms c={contract} />
            </section>
          )}

          {canAct ? (
            <section aria-labelledby="next-title">
              <h2 id="next-title">{t('screening.actions')}</h2>
              {contract.status === 'draft' ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="propose" />
                  {version}
                  <p className="hint">{t('contracts.propose.hint')}</p>
                  <button type="submit" className="button" data-prevent-double-click="true">
                    {t('contracts.propose.button')}
                  </button>
                </Form>
              ) : null}
              {contract.status === 'proposed' && !accepted ? <p>{t('contracts.wait.grantee')}</p> : null}
              {contract.status === 'proposed' && accepted && !request ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="sign" />
                  <p className="hint">{t('contracts.sign.hint')}</p>
                  <button type="submit" className="button" data-prevent-double-click="true">
                    {t('contracts.sign.button')}
                  </button>
                </Form>
              ) : null}
              {request ? (
                <p>
                  {t('signing.waiting', { date: formatDateTime(request.preparedAt, lang), signer: request.signer ?? t('signing.signer.director') })}{' '}
                  <a href={`/signing/${request.id}`}>{t('signing.document')}</a>
                </p>
              ) : null}
              {contract.status === 'proposed' && !request ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="reopen" />
                  {version}
                  <p className="hint">{t(accepted ? 'contracts.reopen.hintAccepted' : 'contracts.reopen.hint')}</p>
                  <button type="submit" className="button button--secondary" data-prevent-double-click="true">
                    {t('contracts.reopen.button')}
                  </button>
                </Form>
              ) : null}
              {contract.status === 'signed' && app.status === 'approved' ? <StepForm intent="record" appVersion={app.version} hint={t('contracts.record.hint')} button={t('contracts.record.button')} /> : null}
              {contract.status === 'signed' && app.status !== 'approved' ? <p>{t('contracts.record.done')}</p> : null}
              {contract.status === 'signed' && app.status === 'contracted' ? <StepForm intent="start" appVersion={app.version} hint={t('contracts.start.hint')} button={t('contracts.start.button')} /> : null}
            </section>
          ) : null}

          {record ? (
            <section aria-labelledby="history-title">
              <h2 id="history-title">{t('contracts.history.title')}</h2>
              <ContractHistory r={record} withIp />
            </section>
          ) : null}
        </>
      )}
    </>
  )
}

type DraftView = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['contract']>

/** The draft's form, plain and checked on the server: what was typed comes back after a refusal. */
function DraftForm({ contract, values, errors }: { contract: DraftView; values?: Record<string, string>; errors: Record<string, { message: string }> }) {
  const t = useT()
  const message = useMessage()
  const from: Record<string, string> = values ?? {
    startsOn: formatDay(contract.startsOn),
    endsOn: formatDay(contract.endsOn),
    reportEveryMonths: String(contract.reportEveryMonths),
    ...contract.terms,
    ...Object.fromEntries(
      contract.tranches.flatMap((tr, i) => [
        [`tranche.${i}.kind`, tr.kind],
        [`tranche.${i}.amount`, formatNumber(tr.amount)],
        [`tranche.${i}.dueOn`, tr.dueOn ? formatDay(tr.dueOn) : ''],
        [`tranche.${i}.condition`, tr.condition],
      ]),
    ),
  }
  // The tranches in use (a row counts once its amount is typed; an empty row posted back does not) and one
  // empty row to add another: saved, the next empty row appears (no script needed).
  const used = Math.max(contract.tranches.length, ...Object.entries(from).map(([k, value]) => (String(value).trim() ? Number(/^tranche\.(\d+)\.amount$/.exec(k)?.[1] ?? -1) + 1 : 0)))
  const rows = Math.min(12, used + 1)
  const v = (name: string) => from[name] ?? ''
  return (
    <section aria-labelledby="draft-title">
      <h2 id="draft-title">{t('contracts.draft.title')}</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="version" value={contract.version} />
        <PlainField name="startsOn" label={t('contracts.field.startsOn')} hint={t('contracts.field.date.hint')} value={v('startsOn')} error={errors.startsOn} width="third" />
        <PlainField name="endsOn" label={t('contracts.field.endsOn')} hint={t('contracts.field.date.hint')} value={v('endsOn')} error={errors.endsOn} width="third" />
        <PlainField name="reportEveryMonths" label={t('contracts.field.reportEveryMonths')} hint={t('contracts.field.reportEveryMonths.hint')} value={v('reportEveryMonths')} error={errors.reportEveryMonths} width="third" />
        <PlainField name="investigator" label={t('contracts.field.investigator')} value={v('investigator')} error={errors.investigator} />
        <PlainTextArea name="objectives" label={t('contracts.field.objectives')} value={v('objectives')} error={errors.objectives} rows={5} />
        <PlainTextArea name="products" label={t('contracts.field.products')} hint={t('contracts.field.products.hint')} value={v('products')} error={errors.products} rows={5} />
        <PlainTextArea name="quality" label={t('contracts.field.quality')} value={v('quality')} error={errors.quality} rows={4} />
        <div className={`form-group${errors.tranches ? ' form-group--error' : ''}`}>
          <fieldset className="fieldset" id="tranches" tabIndex={-1} aria-describedby="tranches-hint">
            <legend className="fieldset__legend">{t('payments.tranches.title')}</legend>
            <div className="hint" id="tranches-hint">
              {t('contracts.field.tranches.hint', { amount: formatMoney(contract.fundAmount) })}
            </div>
            {errors.tranches ? (
              <p className="error-message" id="tranches-error">
                {message(errors.tranches.message)}
              </p>
            ) : null}
            {Array.from({ length: rows }, (_, i) => (
              <fieldset className="fieldset" key={i}>
                <legend className="fieldset__legend">{t('contracts.field.tranche', { seq: i + 1 })}</legend>
                <PlainSelect name={`tranche.${i}.kind`} label={t('payments.tranches.kind')} value={v(`tranche.${i}.kind`) || 'final'} options={KINDS.map((k) => ({ value: k, label: t(`payments.tranche.${k}`) }))} error={errors[`tranche.${i}.kind`]} />
                <PlainField name={`tranche.${i}.amount`} label={t('contracts.field.trancheAmount')} hint={i === 0 ? t('contracts.field.trancheAmount.hint') : undefined} value={v(`tranche.${i}.amount`)} error={errors[`tranche.${i}.amount`]} width="third" />
                <PlainField name={`tranche.${i}.dueOn`} label={t('contracts.field.trancheDue')} hint={i === 0 ? t('contracts.field.trancheDue.hint') : undefined} value={v(`tranche.${i}.dueOn`)} error={errors[`tranche.${i}.dueOn`]} width="third" />
                <PlainSelect name={`tranche.${i}.condition`} label={t('payments.tranches.condition')} value={v(`tranche.${i}.condition`) || 'none'} options={CONDITIONS.map((c) => ({ value: c, label: t(`payments.condition.${c}`) }))} error={errors[`tranche.${i}.condition`]} />
              </fieldset>
            ))}
          </fieldset>
        </div>
        <button type="submit" className="button" data-prevent-double-click="true">
          {t('contracts.draft.save')}
        </button>
      </Form>
    </section>
  )
}

/** A step of the task's status taken from this page (recording the signed contract, starting the work). */
function StepForm({ intent, appVersion, hint, button }: { intent: 'record' | 'start'; appVersion: number; hint: string; button: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="appVersion" value={appVersion} />
      <p className="hint">{hint}</p>
      <button type="submit" className="button" data-prevent-double-click="true">
        {button}
      </button>
    </Form>
  )
}
