import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ErrorSummary, HiddenField, PortalFormTag, SubmitButton, TextField, usePortalForm } from '../components/form'
import { formError, parseForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorize, isResetTokenLive, requestMeta, resetPassword } from '../modules/auth'
import { resetPasswordSchema } from '../modules/auth/schemas'

/** The form's schema, loaded with zod once the page is interactive (ADR 013). */
const resetPasswordForm = () => import('../modules/auth/schemas').then((m) => m.resetPasswordSchema)

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reset.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/reset-password')
  const token = new URL(args.request.url).searchParams.get('token') ?? ''
  const live = token.length > 0 && token.length <= 200 && (await isResetTokenLive(args.context.db, token))
  return json({ token: live ? token : null }, { status: live ? 200 : 400 })
}

export async function action(args: ActionFunctionArgs) {
  await authorize(args, 'routes/reset-password')
  const parsed = await parseForm(args.request, resetPasswordSchema)
  if (!parsed.ok) return parsed.response
  const result = await resetPassword(args.context.db, parsed.data, requestMeta(args))
  if (result === 'invalid') return formError({ form: 'reset.invalid' }, parsed.raw)
  return redirect('/login?notice=passwordReset')
}

export default function ResetPassword() {
  const { token } = useLoaderData<typeof loader>()
  const t = useT()
  const form = usePortalForm(resetPasswordForm, { token: token ?? '' })
  if (!token) {
    return (
      <div className="narrow">
        <h1>{t('verify.invalid')}</h1>
        <p>{t('reset.invalid')}</p>
        <p>
          <Link to="/forgot-password">{t('reset.again')}</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="narrow">
      <ErrorSummary errors={form.errors} />
      <h1>{t('reset.title')}</h1>
      <PortalFormTag form={form}>
        <HiddenField form={form} name="token" />
        <TextField form={form} name="password" type="password" label={t('field.newPassword')} hint={t('field.password.hint')} autoComplete="new-password" width="half" />
        <SubmitButton form={form}>{t('reset.submit')}</SubmitButton>
      </PortalFormTag>
    </div>
  )
}
