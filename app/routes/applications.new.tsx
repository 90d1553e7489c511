import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ErrorSummary, PortalFormTag, RadioGroup, SubmitButton, usePortalForm } from '../components/form'
import { Banner } from '../components/ui'
import { formError, parseForm } from '../lib/forms.server'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { startApplication } from '../modules/applications'
import { startSchema } from '../modules/applications/section-schemas'
import { authorizeUser } from '../modules/auth'
import { getPublicCall, readEligibilityAnswers } from '../modules/calls/public'
import { listMyOrganisations } from '../modules/organisations'

/** The form's schema, loaded with zod once the page is interactive (ADR 013). */
const startForm = () => import('../modules/applications/section-schemas').then((m) => m.startSchema)

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'applications.new.title')

async function callOf(args: LoaderFunctionArgs) {
  const code = new URL(args.request.url).searchParams.get('call') ?? ''
  const call = await getPublicCall(args.context.db, code)
  if (!call) throw new Response('Not found', { status: 404 })
  return call
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, 'routes/applications.new')
  const call = await callOf(args)
  const organisations = (await listMyOrganisations(args.context.db, user.id)).filter((o) => o.role !== 'viewer')
  return json({
    call: { code: call.code, title_vi: call.title_vi, title_en: call.title_en, phase: call.phase, questions: call.eligibility_questions },
    organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
    answers: readEligibilityAnswers(args.request, call.code),
  })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, 'routes/applications.new')
  const call = await callOf(args)
  const parsed = await parseForm(args.request, startSchema)
  if (!parsed.ok) return parsed.response
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
  if (!UUID.test(parsed.data.organisationId)) return formError({ organisationId: 'applications.validation.organisation.required' }, parsed.raw)
  const result = await startApplication(args.context.db, user, {
    callCode: call.code,
    organisationId: parsed.data.organisationId.toLowerCase(),
    eligibilityAnswers: readEligibilityAnswers(args.request, call.code),
  })
  if (result.ok) return redirect(`/applications/${result.id}`)
  if (result.reason === 'forbidden') throw new Response('Forbidden', { status: 403 })
  if (result.reason === 'closed') return formError({ form: 'applications.validation.call.closed' }, parsed.raw)
  if (result.reason === 'ineligible') return formError({ organisationId: 'applications.validation.organisation.ineligible' }, parsed.raw)
  return formError({ organisationId: 'applications.validation.organisation.required' }, parsed.raw)
}

export default function StartApplication() {
  const { call, organisations, answers } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const form = usePortalForm(startForm, organisations.length === 1 ? { organisationId: organisations[0].id } : {})
  const title = lang === 'en' && call.title_en ? call.title_en : call.title_vi
  const callHref = `/calls/${encodeURIComponent(call.code)}`
  return (
    <div className="narrow">
      <ErrorSummary errors={form.errors} order={['organisationId']} />
      <p className="caption">{t('applications.new.call', { title })}</p>
      <h1>{t('applications.new.title')}</h1>
      {call.phase !== 'open' ? (
        <Banner>{t('applications.new.closed')}</Banner>
      ) : organisations.length === 0 ? (
        <>
          <p>{t('applications.new.noOrganisation')}</p>
          <p>
            <Link className="button" to="/organisations/new">
              {t('applications.new.registerOrganisation')}
            </Link>
          </p>
        </>
      ) : (
        <>
          <h2>{t('applications.new.eligibility')}</h2>
          {answers ? (
            <dl className="summary-list">
              {call.questions.map((q) => (
                <div className="summary-list__row" key={q.id}>
                  <dt>{lang === 'en' ? q.text_en : q.text_vi}</dt>
                  <dd>{answers.questions[q.id] ? t(`applications.new.answer.${answers.questions[q.id]}`) : '—'}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p>
              {t('applications.new.eligibility.none')} <Link to={`${callHref}/eligibility`}>{t('applications.new.eligibility.check')}</Link>
            </p>
          )}
          <PortalFormTag form={form}>
            <RadioGroup
              form={form}
              name="organisationId"
              legend={t('applications.new.organisation')}
              hint={t('applications.new.organisation.hint')}
              options={organisations.map((o) => ({ value: o.id, label: o.name }))}
            />
            <SubmitButton form={form}>{t('applications.new.submit')}</SubmitButton>
          </PortalFormTag>
        </>
      )}
    </div>
  )
}
