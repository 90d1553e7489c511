import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ErrorSummary, HiddenField, PortalFormTag, SubmitButton, TextField, usePortalForm } from '../components/form'
import { Banner } from '../components/ui'
import { formError, parseForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorize, pathOnPortal, requestMeta, signIn, startSession } from '../modules/auth'
import { loginSchema } from '../modules/auth/schemas'

/** The form's schema, loaded with zod once the page is interactive (ADR 013). */
const loginForm = () => import('../modules/auth/schemas').then((m) => m.loginSchema)

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'login.title')

/** Where a person lands after signing in when they asked for nothing else. */
const START_PAGE = '/home'

const NOTICES = ['verified', 'passwordReset', 'invitationAccepted', 'loggedOut'] as const

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorize(args, 'routes/login')
  const url = new URL(args.request.url)
  if (user) throw redirect(START_PAGE)
  const notice = NOTICES.find((n) => n === url.searchParams.get('notice')) ?? null
  return json({ notice, redirectTo: url.searchParams.get('redirectTo') ?? '' })
}

export async function action(args: ActionFunctionArgs) {
  await authorize(args, 'routes/login')
  const parsed = await parseForm(args.request, loginSchema)
  if (!parsed.ok) return parsed.response
  const { db, env } = args.context
  const { email, password, redirectTo } = parsed.data
  const result = await signIn(db, { email, password }, requestMeta(args), env)
  if (!result.ok) {
    if (result.reason === 'rate-limited') return formError({ form: `login.rateLimited?minutes=${result.minutes}` }, parsed.raw, 429)
    return formError({ form: result.reason === 'unverified' ? 'login.unverified' : 'login.invalid' }, parsed.raw)
  }
  const cookie = await startSession(args, result.userId)
  // Where the person asked to go, if it is on the portal; otherwise their start page.
  return redirect(pathOnPortal(redirectTo, env.APP_URL, START_PAGE), { headers: { 'Set-Cookie': cookie } })
}

export default function Login() {
  const { notice, redirectTo } = useLoaderData<typeof loader>()
  const t = useT()
  const form = usePortalForm(loginForm, { redirectTo })
  return (
    <div className="narrow">
      {notice ? <Banner kind="success">{t(`notice.${notice}`)}</Banner> : null}
      <ErrorSummary errors={form.errors} order={['form', 'email', 'password']} />
      {form.errors.form?.message === 'login.unverified' ? (
        <p>
          <Link to="/verify-email/resend">{t('login.resend')}</Link>
        </p>
      ) : null}
      <h1>{t('login.title')}</h1>
      <PortalFormTag form={form}>
        <HiddenField form={form} name="redirectTo" />
        <TextField form={form} name="email" type="email" label={t('field.email')} autoComplete="username" spellCheck={false} />
        <TextField form={form} name="password" type="password" label={t('field.password')} autoComplete="current-password" width="half" />
        <SubmitButton form={form}>{t('login.submit')}</SubmitButton>
      </PortalFormTag>
      <p>
        <Link to="/forgot-password">{t('login.forgot')}</Link>
      </p>
      <p>
        {t('login.noAccount')} <Link to="/register">{t('login.register')}</Link>
      </p>
    </div>
  )
}
