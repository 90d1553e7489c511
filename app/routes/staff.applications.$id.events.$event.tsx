import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CheckboxGroup, ErrorSummary, HiddenField, PortalFormTag, RadioGroup, SubmitButton, TextAreaField, TextField, usePortalForm } from '../components/form'
import { Banner } from '../components/ui'
import { StatusTag } from '../components/workflow'
import { isMessageKey, type MessageKey, translator } from '../i18n'
import { formatDateTime, formatMoney } from '../i18n/format'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { can, type SessionUser } from '../modules/auth'
import { authorizeStaffApplication } from '../modules/screening'
import { applyTransition, councilStanding, decidedWithoutCouncil } from '../modules/workflow'
import { type Actor, eventsFor, isCouncilEvent, transitionOf, type WorkflowEvent } from '../modules/workflow/machine'
import { appraisedTotal, getAppraisal, revisionDueDefault } from '../modules/appraisal'
import { EVENT_FORM_KIND, FORM_SCHEMAS, REOPENABLE_SECTIONS } from '../modules/workflow/schemas'

// One status change of an application by the Fund (staff or director), on its own page (GOV.UK: one thing
// per page): what it does, the form it needs, and the version of the application the page was read at, so
// that two people acting at once do not overwrite each other; the second is told who changed it and when.

const ROUTE = 'routes/staff.applications.$id.events.$event'

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, (data ? `screening.event.title.${data.event}` : 'screening.record') as MessageKey)

/** The Fund's events (not the applicant's), and the capacity this user causes it in. */
function capacityFor(user: SessionUser, event: WorkflowEvent): Actor | null {
  const transition = transitionOf(event)
  if (!transition) return null
  const by = transition.by as readonly Actor[]
  if (by.includes('director') && can(user, 'application:decide')) return 'director'
  if (by.includes('staff') && can(user, 'application:screen')) return 'staff'
  return null
}

function eventParam(value: string | undefined): WorkflowEvent {
  const transition = transitionOf(value ?? '')
  if (!transition || transition.by.every((b: Actor) => b === 'applicant')) throw new Response('Not found', { status: 404 })
  return transition.event
}

async function load(args: LoaderFunctionArgs) {
  const { user, staff } = await authorizeStaffApplication(args, ROUTE)
  const event = eventParam(args.params.event)
  return { event, user, staff, as: capacityFor(user, event) }
}

export async function loader(args: LoaderFunctionArgs) {
  const { event, staff, as } = await load(args)
  const app = staff.application
  // A council's step is the council pages' to take, unless the call is decided without a council.
  const withoutCouncil = isCouncilEvent(event) && decidedWithoutCouncil(await councilStanding(args.context.db, app.id))
  return json({
    event,
    application: { id: app.id, title: app.title, reference: app.reference, status: app.status, version: app.version, requested: app.requested_amount },
    available: !!as && eventsFor(app.status, as).includes(event) && (!isCouncilEvent(event) || withoutCouncil),
    withoutCouncil,
    modality: staff.call.modality,
    defaults: await eventDefaults(args.context.db, event, app.id),
  })
}

/** What a form starts with: the revision's due day from the council's minutes, the approval's appraised amount. */
async function eventDefaults(db: LoaderFunctionArgs['context']['db'], event: WorkflowEvent, applicationId: string): Promise<Record<string, string>> {
  if (event === 'request_revision') return { due: await revisionDueDefault(db, applicationId) }
  if (event === 'approve') {
    const total = await appraisedTotal(db, applicationId)
    const method = (await getAppraisal(db, applicationId))?.method
    return { ...(total === null ? {} : { amount: String(total).replace(/\B(?=(\d{3})+(?!\d))/g, '.') }), ...(method ? { lump_sum: method } : {}) }
  }
  return {}
}

export async function action(args: ActionFunctionArgs) {
  const { event, user, staff, as } = await load(args)
  const raw = await readForm(args.request)
  if (!as) return formError({ form: 'workflow.refused.role' }, raw, 403)
  const result = await applyTransition(args.context.db, {
    applicationId: staff.application.id,
    event,
    actor: user,
    as,
    expectedVersion: Number(raw.version) || 0,
    input: raw,
    lang: user.lang,
    appUrl: args.context.env.APP_URL,
    ip: args.context.clientIp,
  })
  if (result.ok) return redirect(`/staff/applications/${staff.application.id}?notice=event:${event}`)
  const when = (at: Date) => formatDateTime(at, user.lang)
  switch (result.reason) {
    case 'invalid':
      return formError(result.errors, raw)
    case 'version':
    case 'state': {
      // Who changed it and when, in the words of this user's language.
      const t = translator(user.lang)
      const last = result.lastChange
      const what = last ? `screening.event.title.${last.event}` : ''
      const params = new URLSearchParams({
        name: last?.by ?? t('workflow.someone'),
        time: last ? when(last.at) : '—',
        event: isMessageKey(what) ? t(what) : t('submission.event.other'),
        status: t(`workflow.status.${result.reason === 'state' ? result.current : staff.application.status}`),
      })
      return formError({ form: `workflow.refused.${result.reason}?${params}` }, raw, 409)
    }
    case 'guard':
      return formError({ form: result.problem }, raw, result.status)
    case 'role':
      return formError({ form: 'workflow.refused.role' }, raw, 403)
    default:
      throw new Response('Not found', { status: 404 })
  }
}

export default function StaffEvent() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const kind = EVENT_FORM_KIND[data.event]
  const form = usePortalForm(FORM_SCHEMAS[kind], { ...data.defaults, version: String(data.application.version) })
  const back = `/staff/applications/${data.application.id}`
  const lead = data.withoutCouncil ? 'screening.event.lead.withoutCouncil' : `screening.event.lead.${data.event}`
  const title = t(data.withoutCouncil && isCouncilEvent(data.event) ? `screening.event.title.${data.event}.withoutCouncil` : `screening.event.title.${data.event}`)
  // The office's reason stands in for the council's conclusion (going to review needs none).
  const reasonRequired = data.withoutCouncil && data.event !== 'start_review'
  return (
    <>
      <p>
        <Link to={back}>← {t('screening.event.cancel')}</Link>
      </p>
      <ErrorSummary errors={form.errors} order={['form', 'message', 'due', 'sections', 'reasons', 'amount', 'lump_sum', 'interest_rate', 'term_months', 'repayment', 'collateral', 'lender', 'guarantee_fee', 'conditions', 'note']} />
      <p className="caption">
        {data.application.reference} · {data.application.title}
      </p>
      <h1>{title}</h1>
      <p>
        {t('screening.status')}: <StatusTag status={data.application.status} />
      </p>
      {!data.available ? (
        <Banner>{t('screening.event.unavailable')}</Banner>
      ) : (
        <>
          {isMessageKey(lead) ? <p>{t(lead, { requested: formatMoney(data.application.requested) })}</p> : null}
          <PortalFormTag form={form}>
            <HiddenField form={form} name="version" />
            {kind === 'request_changes' ? (
              <>
                <TextAreaField form={form} name="message" label={t('screening.event.message')} hint={t('screening.event.message.hint')} rows={6} />
                <TextField form={form} name="due" label={t('screening.event.due')} hint={t('screening.event.due.hint')} width="third" />
                <CheckboxGroup
                  form={form}
                  legend={t('screening.event.sections')}
                  errorName="sections"
                  boxes={REOPENABLE_SECTIONS.map((k) => ({ name: `section_${k}`, label: t(`applications.section.${k}` as MessageKey) }))}
                />
              </>
            ) : kind === 'reasons' ? (
              <TextAreaField form={form} name="reasons" label={t('screening.event.reasons')} rows={6} />
            ) : kind === 'approve' ? (
              <>
                <TextField form={form} name="amount" label={t('screening.event.amount')} width="half" />
                {data.modality === 'preferential_loan' ? (
                  <fieldset className="fieldset">
                    <legend className="fieldset__legend">{t('screening.event.terms')}</legend>
                    <TextField form={form} name="interest_rate" label={t('screening.event.interestRate')} optional width="third" />
                    <TextField form={form} name="term_months" label={t('screening.event.termMonths.loan')} optional width="third" />
                    <TextAreaField form={form} name="repayment" label={t('screening.event.repayment')} optional rows={2} />
                    <TextAreaField form={form} name="collateral" label={t('screening.event.collateral')} optional rows={2} />
                  </fieldset>
                ) : data.modality === 'loan_guarantee' ? (
                  <fieldset className="fieldset">
                    <legend className="fieldset__legend">{t('screening.event.terms')}</legend>
                    <TextField form={form} name="lender" label={t('screening.event.lender')} optional />
                    <TextField form={form} name="term_months" label={t('screening.event.termMonths.guarantee')} optional width="third" />
                    <TextField form={form} name="guarantee_fee" label={t('screening.event.guaranteeFee')} optional width="third" />
                    <TextAreaField form={form} name="collateral" label={t('screening.event.collateral')} optional rows={2} />
                  </fieldset>
                ) : (
                  <RadioGroup
                    form={form}
                    name="lump_sum"
                    legend={t('screening.event.lumpSum')}
                    hint={t('screening.event.lumpSum.hint')}
                    options={(['full', 'partial'] as const).map((m) => ({ value: m, label: t(`appraisal.method.${m}`) }))}
                  />
                )}
                <TextAreaField form={form} name="conditions" label={t('screening.event.conditions')} optional rows={4} />
              </>
            ) : reasonRequired ? (
              <TextAreaField form={form} name="note" label={t('screening.event.reason.withoutCouncil')} hint={t('screening.event.reason.withoutCouncil.hint')} rows={4} />
            ) : (
              <TextAreaField form={form} name="note" label={t('screening.event.note')} optional rows={3} />
            )}
            <div className="actions">
              <SubmitButton form={form}>{title}</SubmitButton>
              <Link to={back}>{t('screening.event.cancel')}</Link>
            </div>
          </PortalFormTag>
        </>
      )}
    </>
  )
}
