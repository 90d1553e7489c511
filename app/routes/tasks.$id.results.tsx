import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary, HiddenField, PortalFormTag, RadioGroup, SubmitButton, TextAreaField, TextField, usePortalForm } from '../components/form'
import { Banner, SummaryList } from '../components/ui'
import { formatDate, formatDay, formatMoney } from '../i18n/format'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeApplicationMember } from '../modules/applications'
import { ACCEPTANCE_RATINGS } from '../modules/acceptance/schemas'
import { finaliseResults, getAcceptanceCouncil, getResultsDossier, issuedAcceptanceMinutes, saveResultsDossier, submitResults } from '../modules/acceptance'

// The grantee's results dossier (hồ sơ đánh giá, nghiệm thu): typed and saved while the task is in progress,
// submitted for acceptance (the machine checks every part is there), then, after the council, the outcome with
// its minutes, the day to finalise by and the form to say what was finalised; and the results registration form.

const ROUTE = 'routes/tasks.$id.results'
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'acceptance.results.title')

// The module checks; the browser posts what was typed (nothing is lost on an error).
const anyForm = z.looseObject({})
const AFTER = ['completed', 'failed', 'closed']

export async function loader(args: LoaderFunctionArgs) {
  const { access } = await authorizeApplicationMember(args, ROUTE)
  const db = args.context.db
  const app = access.application
  const council = await getAcceptanceCouncil(db, app.id)
  const minutes = await issuedAcceptanceMinutes(db, app.id)
  const notice = new URL(args.request.url).searchParams.get('notice')
  return json({
    application: { id: app.id, title: app.title, reference: app.reference, status: app.status },
    canEdit: access.role !== 'viewer',
    dossier: await getResultsDossier(db, app.id),
    outcome: minutes && council?.rating ? { rating: council.rating, conclusions: council.conclusions, symbol: minutes.symbol ?? '', documentId: minutes.id } : null,
    notice: notice === 'saved' || notice === 'submitted' || notice === 'finalised' ? notice : null,
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, access } = await authorizeApplicationMember(args, ROUTE)
  if (access.role === 'viewer') throw new Response('Forbidden', { status: 403 })
  const { db, env, clientIp } = args.context
  const id = access.application.id
  const raw = await readForm(args.request)
  const back = (notice: string) => redirect(`/tasks/${id}/results?notice=${notice}`)
  if (raw.intent === 'save') {
    const saved = await saveResultsDossier(db, { applicationId: id, values: raw, actor: user, ip: clientIp })
    return saved.ok ? back('saved') : formError(saved.errors, raw, saved.status)
  }
  if (raw.intent === 'submit') {
    // What was saved is submitted; the machine's guard names each part still missing.
    const result = await submitResults(db, { applicationId: id, actor: user, as: 'applicant', lang: user.lang, appUrl: env.APP_URL, ip: clientIp })
    if (result.ok) return back('submitted')
    if (result.reason === 'guard') {
      // Each missing part by its field, so the error summary links to it.
      const errors: Record<string, string> = { form: result.problem }
      for (const p of result.problems ?? []) errors[p.message.replace('acceptance.dossier.missing.', '')] = p.message
      return formError(errors, raw, result.status)
    }
    return formError({ form: 'acceptance.refused.notInProgress' }, raw, result.status)
  }
  if (raw.intent === 'finalise') {
    const done = await finaliseResults(db, { applicationId: id, values: raw, actor: user, ip: clientIp })
    return done.ok ? back('finalised') : formError(done.errors, raw, done.status)
  }
  return formError({ form: 'acceptance.refused.notFound' }, raw, 400)
}

export default function Results() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const { application, dossier, outcome } = data
  const editable = data.canEdit && application.status === 'in_progress'
  const defaults: Record<string, string> = {
    intent: 'save',
    summary: dossier?.summary ?? '',
    products: dossier?.products ?? '',
    self_rating: dossier?.selfRating ?? '',
    self_assessment: dossier?.selfAssessment ?? '',
    spending_report: dossier?.spendingReport ?? '',
    spent_amount: dossier?.spentAmount === null || dossier?.spentAmount === undefined ? '' : formatMoney(dossier.spentAmount).replace(/\s*₫$/, ''),
  }
  const form = usePortalForm(anyForm, defaults)
  const submit = usePortalForm(anyForm, { intent: 'submit' })
  const finalise = usePortalForm(anyForm, { intent: 'finalise', note: '' })
  const today = new Date().toISOString().slice(0, 10)
  const ratingOptions = ACCEPTANCE_RATINGS.map((r) => ({ value: r, label: t(`acceptance.rating.${r}`) }))
  return (
    <>
      <ErrorSummary errors={{ ...form.errors, ...submit.errors, ...finalise.errors }} order={['form', 'summary', 'products', 'self_rating', 'self_assessment', 'spending_report', 'spent_amount', 'note']} />
      {data.notice === 'saved' ? <Banner kind="success">{t('acceptance.results.saved')}</Banner> : null}
      {data.notice === 'finalised' && dossier?.finalisedAt ? <Banner kind="success">{t('acceptance.results.finalise.done', { date: formatDate(new Date(dossier.finalisedAt)) })}</Banner> : null}
      <p className="caption">
        {application.reference} · {application.title}
      </p>
      <h1>{t('acceptance.results.title')}</h1>
      {dossier?.submittedAt ? <Banner kind={data.notice === 'submitted' ? 'success' : 'info'}>{t('acceptance.results.submitted', { date: formatDate(new Date(dossier.submittedAt)) })}</Banner> : null}
      {!editable && !dossier?.submittedAt ? <Banner>{t('acceptance.results.notYet')}</Banner> : null}

      {editable ? (
        <>
          <p>{t('acceptance.results.lead')}</p>
          <PortalFormTag form={form}>
            <HiddenField form={form} name="intent" />
            <TextAreaField form={form} name="summary" label={t('acceptance.results.summary')} rows={8} />
            <TextAreaField form={form} name="products" label={t('acceptance.results.products')} rows={5} />
            <RadioGroup form={form} name="self_rating" legend={t('acceptance.results.selfRating')} options={ratingOptions} />
            <TextAreaField form={form} name="self_assessment" label={t('acceptance.results.selfAssessment')} rows={5} />
            <TextAreaField form={form} name="spending_report" label={t('acceptance.results.spendingReport')} rows={5} />
            <TextField form={form} name="spent_amount" label={t('acceptance.results.spentAmount')} width="third" />
            <SubmitButton form={form} secondary>
              {t('acceptance.results.save')}
            </SubmitButton>
          </PortalFormTag>
          <h2>{t('acceptance.results.submit')}</h2>
          <p>{t('acceptance.results.submitLead')}</p>
          <PortalFormTag form={submit}>
            <HiddenField form={submit} name="intent" />
            <SubmitButton form={submit}>{t('acceptance.results.submit')}</SubmitButton>
          </PortalFormTag>
        </>
      ) : dossier?.submittedAt ? (
        <SummaryList
          rows={[
            [t('acceptance.results.summary'), <span className="prewrap">{dossier.summary}</span>],
            [t('acceptance.results.products'), <span className="prewrap">{dossier.products}</span>],
            [t('acceptance.results.selfRating'), dossier.selfRating ? t(`acceptance.rating.${dossier.selfRating}`) : ''],
            [t('acceptance.results.selfAssessment'), <span className="prewrap">{dossier.selfAssessment}</span>],
            [t('acceptance.results.spendingReport'), <span className="prewrap">{dossier.spendingReport}</span>],
            [t('acceptance.results.spentAmount'), dossier.spentAmount === null ? '' : formatMoney(dossier.spentAmount)],
          ]}
        />
      ) : null}

      {outcome ? (
        <>
          <h2>{t('acceptance.results.conclusions')}</h2>
          <p>
            {t('acceptance.results.outcome', { rating: t(`acceptance.rating.${outcome.rating}`), symbol: outcome.symbol })}{' '}
            <Link to={`/applications/${application.id}/documents/${outcome.documentId}`} reloadDocument>
              {t('acceptance.staff.minutes')}
            </Link>
          </p>
          <p className="prewrap">{outcome.conclusions}</p>
        </>
      ) : null}

      {AFTER.includes(application.status) ? (
        <p>
          <a href={`/tasks/${application.id}/results/registration`}>{t('acceptance.results.registration')}</a>
        </p>
      ) : null}

      {dossier?.finaliseDueOn && AFTER.includes(application.status) ? (
        <>
          <h2>{t('acceptance.results.finalise.title')}</h2>
          {dossier.finalisedAt ? (
            <p>{t('acceptance.results.finalise.done', { date: formatDate(new Date(dossier.finalisedAt)) })}</p>
          ) : (
            <>
              <p>{dossier.finaliseDueOn < today ? t('acceptance.results.finalise.late', { date: formatDay(dossier.finaliseDueOn) }) : t('acceptance.results.finalise.due', { date: formatDay(dossier.finaliseDueOn) })}</p>
              {data.canEdit && application.status !== 'closed' ? (
                <PortalFormTag form={finalise}>
                  <HiddenField form={finalise} name="intent" />
                  <TextAreaField form={finalise} name="note" label={t('acceptance.results.finalise.note')} rows={5} />
                  <SubmitButton form={finalise}>{t('acceptance.results.finalise.submit')}</SubmitButton>
                </PortalFormTag>
              ) : null}
            </>
          )}
        </>
      ) : null}
    </>
  )
}
