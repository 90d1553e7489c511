import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ErrorSummary, PortalFormTag, SubmitButton, TextAreaField, usePortalForm } from '../components/form'
import { Banner } from '../components/ui'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { canWithdraw, authorizeApplicationMember } from '../modules/applications'
import { applyTransition } from '../modules/workflow'

/** The form's schema, loaded with zod once the page is interactive (ADR 013). */
const withdrawForm = () => import('../modules/applications/submission-schema').then((m) => m.withdrawSchema)

const ROUTE = 'routes/applications.$id.withdraw'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'submission.withdraw.title')

async function load(args: LoaderFunctionArgs) {
  return authorizeApplicationMember(args, ROUTE)
}

export async function loader(args: LoaderFunctionArgs) {
  const { access } = await load(args)
  return json({
    id: access.application.id,
    title: access.application.title,
    reference: access.application.reference,
    call: { title_vi: access.call.title_vi, title_en: access.call.title_en },
    allowed: canWithdraw(access),
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, access } = await load(args)
  const raw = await readForm(args.request)
  const result = await applyTransition(args.context.db, {
    applicationId: access.application.id,
    event: 'withdraw',
    actor: user,
    as: 'applicant',
    input: { reason: raw.reason },
    lang: user.lang,
    appUrl: args.context.env.APP_URL,
    ip: args.context.clientIp,
  })
  if (result.ok) return redirect(`/applications/${access.application.id}?notice=withdrawn`)
  if (result.reason === 'invalid') return formError(result.errors, raw)
  if (result.reason === 'role') return formError({ form: 'submission.refused.forbidden' }, raw, 403)
  return formError({ form: 'submission.withdraw.notAllowed' }, raw, 409)
}

export default function Withdraw() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const form = usePortalForm(withdrawForm)
  const back = `/applications/${data.id}`
  return (
    <>
      <p>
        <Link to={back}>← {t('applications.form.back')}</Link>
      </p>
      <ErrorSummary errors={form.errors} order={['form', 'reason']} />
      <p className="caption">
        {lang === 'en' && data.call.title_en ? data.call.title_en : data.call.title_vi}
        {data.reference ? ` · ${data.reference}` : ''}
      </p>
      <h1>{t('submission.withdraw.title')}</h1>
      {!data.allowed ? (
        <Banner>{t('submission.withdraw.notAllowed')}</Banner>
      ) : (
        <>
          <p>{t('submission.withdraw.lead')}</p>
          <PortalFormTag form={form}>
            <TextAreaField form={form} name="reason" label={t('submission.withdraw.reason')} hint={t('submission.withdraw.reason.hint')} rows={4} />
            <div className="actions">
              <SubmitButton form={form}>{t('submission.withdraw.submit')}</SubmitButton>
              <Link to={back}>{t('submission.withdraw.cancel')}</Link>
            </div>
          </PortalFormTag>
        </>
      )}
    </>
  )
}
