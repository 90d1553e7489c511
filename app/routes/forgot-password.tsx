import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { ErrorSummary, PortalFormTag, SubmitButton, TextField, usePortalForm } from '../components/form'
import { formError, parseForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorize, consumeRateLimit, requestMeta, requestPasswordReset } from '../modules/auth'
import { emailOnlySchema } from '../modules/auth/schemas'

/** The form's schema, loaded with zod once the page is interactive (ADR 013). */
const emailOnlyForm = () => import('../modules/auth/schemas').then((m) => m.emailOnlySchema)

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'forgot.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/forgot-password')
  return null
}

export async function action(args: ActionFunctionArgs) {
  await authorize(args, 'routes/forgot-password')
  const parsed = await parseForm(args.request, emailOnlySchema)
  if (!parsed.ok) return parsed.response
  const { db, env, clientIp } = args.context
  const { email } = parsed.data
  for (const [key, limit] of [
    [`reset:${email}`, env.RATE_LIMIT_RESET],
    [`reset:${clientIp}`, env.RATE_LIMIT_RESET * 4],
  ] as const) {
    const hit = await consumeRateLimit(db, key, limit, env.RATE_LIMIT_WINDOW_MINUTES)
    if (!hit.allowed) return formError({ form: `forgot.rateLimited?minutes=${Math.ceil(hit.retryAfterSeconds / 60)}` }, parsed.raw, 429)
  }
  await requestPasswordReset(db, email, requestMeta(args))
  return json({ sentTo: email })
}

export default function ForgotPassword() {
  const t = useT()
  const data = useActionData<{ sentTo?: string }>()
  const form = usePortalForm(emailOnlyForm)
  if (data?.sentTo) {
    return (
      <div className="narrow">
        <h1>{t('forgot.sent.title')}</h1>
        <p>{t('forgot.sent.body', { email: data.sentTo })}</p>
      </div>
    )
  }
  return (
    <div className="narrow">
      <ErrorSummary errors={form.errors} />
      <h1>{t('forgot.title')}</h1>
      <p>{t('forgot.lead')}</p>
      <PortalFormTag form={form}>
        <TextField form={form} name="email" type="email" label={t('field.email')} autoComplete="email" spellCheck={false} />
        <SubmitButton form={form}>{t('forgot.submit')}</SubmitButton>
      </PortalFormTag>
    </div>
  )
}
