import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { ErrorSummary, PortalFormTag, RadioGroup, SubmitButton, TextField, usePortalForm } from '../components/form'
import { parseForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser, inviteUser, requestMeta } from '../modules/auth'
import { STAFF_ROLES } from '../modules/auth/roles'
import { inviteSchema } from '../modules/auth/schemas'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'invite.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/admin.users.invite')
  return null
}

export async function action(args: ActionFunctionArgs) {
  const admin = await authorizeUser(args, 'routes/admin.users.invite')
  const parsed = await parseForm(args.request, inviteSchema)
  if (!parsed.ok) return parsed.response
  const { result, userId } = await inviteUser(args.context.db, admin, parsed.data, requestMeta(args))
  return redirect(`/admin/users/${userId}?notice=${result}`)
}

export default function InviteUser() {
  const t = useT()
  const form = usePortalForm(inviteSchema, { lang: 'vi' })
  return (
    <div className="narrow">
      <ErrorSummary errors={form.errors} order={['fullName', 'email', 'role', 'lang']} />
      <h1>{t('invite.title')}</h1>
      <p>{t('invite.lead')}</p>
      <PortalFormTag form={form}>
        <TextField form={form} name="fullName" label={t('field.fullName')} spellCheck={false} />
        <TextField form={form} name="email" type="email" label={t('field.email')} spellCheck={false} />
        <RadioGroup form={form} name="role" legend={t('invite.role')} options={STAFF_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        <RadioGroup
          form={form}
          name="lang"
          legend={t('invite.lang')}
          options={[
            { value: 'vi', label: t('lang.vi') },
            { value: 'en', label: t('lang.en') },
          ]}
        />
        <SubmitButton form={form}>{t('invite.submit')}</SubmitButton>
      </PortalFormTag>
    </div>
  )
}
