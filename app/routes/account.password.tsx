import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { ErrorSummary, PortalFormTag, SubmitButton, TextField, usePortalForm } from '../components/form'
import { formError, parseForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser, changePassword, requestMeta } from '../modules/auth'
import { changePasswordSchema } from '../modules/auth/schemas'

/** The form's schema, loaded with zod once the page is interactive (ADR 013). */
const changePasswordForm = () => import('../modules/auth/schemas').then((m) => m.changePasswordSchema)

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account.changePassword')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/account.password')
  return null
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, 'routes/account.password')
  const parsed = await parseForm(args.request, changePasswordSchema)
  if (!parsed.ok) return parsed.response
  const result = await changePassword(args.context.db, user, parsed.data, requestMeta(args))
  if (result === 'wrong-current') return formError({ currentPassword: 'account.changePassword.wrong' }, parsed.raw)
  return redirect('/account?notice=passwordChanged')
}

export default function ChangePassword() {
  const t = useT()
  const form = usePortalForm(changePasswordForm)
  return (
    <div className="narrow">
      <ErrorSummary errors={form.errors} order={['currentPassword', 'newPassword']} />
      <h1>{t('account.changePassword')}</h1>
      <p>{t('account.changePassword.lead')}</p>
      <PortalFormTag form={form}>
        <TextField form={form} name="currentPassword" type="password" label={t('field.currentPassword')} autoComplete="current-password" width="half" />
        <TextField form={form} name="newPassword" type="password" label={t('field.newPassword')} hint={t('field.password.hint')} autoComplete="new-password" width="half" />
        <SubmitButton form={form}>{t('account.changePassword.submit')}</SubmitButton>
      </PortalFormTag>
    </div>
  )
}
