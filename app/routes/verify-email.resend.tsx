import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { ErrorSummary, PortalFormTag, SubmitButton, TextField, usePortalForm } from '../components/form'
import { formError, parseForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorize, consumeRateLimit, requestMeta, resendVerification } from '../modules/auth'
import { emailOnlySchema } from '../modules/auth/schemas'

/** The form's schema, loaded with zod once the page is interactive (ADR 013). */
const emailOnlyForm = () => import('../modules/auth/schemas').then((m) => m.emailOnlySchema)

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'resend.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/verify-email.resend')
  return null
}

export async function action(args: ActionFunctionArgs) {
  await authorize(args, 'routes/verify-email.resend')
  const parsed = await parseForm(args.request, emailOnlySchema)
  if (!parsed.ok) return parsed.response
  const { db, env, clientIp } = args.context
  const hit = await consumeRateLimit(db, `resend:${clientIp}`, env.RATE_LIMIT_RESET, env.RATE_LIMIT_WINDOW_MINUTES)
  if (!hit.allowed) return formError({ form: `forgot.rateLimited?minutes=${Math.ceil(hit.retryAfterSeconds / 60)}` }, parsed.raw, 429)
  await resendVerification(db, parsed.data.email, requestMeta(args))
  return redirect('/check-email')
}

export default function ResendVerification() {
  const t = useT()
  const form = usePortalForm(emailOnlyForm)
  return (
    <div className="narrow">
      <ErrorSummary errors={form.errors} />
      <h1>{t('resend.title')}</h1>
      <p>{t('resend.lead')}</p>
      <PortalFormTag form={form}>
        <TextField form={form} name="email" type="email" label={t('field.email')} autoComplete="email" spellCheck={false} />
        <SubmitButton form={form}>{t('resend.submit')}</SubmitButton>
      </PortalFormTag>
    </div>
  )
}
