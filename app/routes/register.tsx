import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { ErrorSummary, PortalFormTag, SubmitButton, TextField, usePortalForm } from '../components/form'
import { formError, parseForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorize, consumeRateLimit, registerUser, requestMeta } from '../modules/auth'
import { registerSchema } from '../modules/auth/schemas'

/** The form's schema, loaded with zod once the page is interactive (ADR 013). */
const registerForm = () => import('../modules/auth/schemas').then((m) => m.registerSchema)

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'register.title')

export async function loader(args: LoaderFunctionArgs) {
  if (await authorize(args, 'routes/register')) throw redirect('/')
  return null
}

export async function action(args: ActionFunctionArgs) {
  await authorize(args, 'routes/register')
  const parsed = await parseForm(args.request, registerSchema)
  if (!parsed.ok) return parsed.response
  const { db, env, clientIp } = args.context
  const hit = await consumeRateLimit(db, `register:${clientIp}`, env.RATE_LIMIT_REGISTER, env.RATE_LIMIT_WINDOW_MINUTES)
  if (!hit.allowed) return formError({ form: `register.rateLimited?minutes=${Math.ceil(hit.retryAfterSeconds / 60)}` }, parsed.raw, 429)
  await registerUser(db, parsed.data, requestMeta(args))
  // The same next page whether or not the address already had an account (no account enumeration).
  return redirect('/check-email')
}

export default function Register() {
  const t = useT()
  const form = usePortalForm(registerForm)
  return (
    <div className="narrow">
      <ErrorSummary errors={form.errors} order={['form', 'fullName', 'email', 'password']} />
      <h1>{t('register.title')}</h1>
      <p>{t('register.lead')}</p>
      <PortalFormTag form={form}>
        <TextField form={form} name="fullName" label={t('field.fullName')} hint={t('field.fullName.hint')} autoComplete="name" spellCheck={false} />
        <TextField form={form} name="email" type="email" label={t('field.email')} hint={t('field.email.hint')} autoComplete="email" spellCheck={false} />
        <TextField form={form} name="password" type="password" label={t('field.password')} hint={t('field.password.hint')} autoComplete="new-password" width="half" />
        <SubmitButton form={form}>{t('register.submit')}</SubmitButton>
      </PortalFormTag>
      <p>
        {t('register.haveAccount')} <Link to="/login">{t('nav.login')}</Link>
      </p>
    </div>
  )
}
