import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { ErrorSummary, HiddenField, PortalFormTag, SubmitButton, TextField, usePortalForm } from '../components/form'
import { formError, parseForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { acceptInvitation, authorize, invitationFor, requestMeta } from '../modules/auth'
import { acceptInvitationSchema } from '../modules/auth/schemas'

/** The form's schema, loaded with zod once the page is interactive (ADR 013). */
const acceptInvitationForm = () => import('../modules/auth/schemas').then((m) => m.acceptInvitationSchema)

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'invite.accept.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/accept-invitation')
  const token = new URL(args.request.url).searchParams.get('token') ?? ''
  const invited = token.length > 0 && token.length <= 200 ? await invitationFor(args.context.db, token) : null
  return json(
    { token: invited ? token : null, email: invited?.email ?? null, fullName: invited?.full_name ?? '' },
    { status: invited ? 200 : 400 },
  )
}

export async function action(args: ActionFunctionArgs) {
  await authorize(args, 'routes/accept-invitation')
  const parsed = await parseForm(args.request, acceptInvitationSchema)
  if (!parsed.ok) return parsed.response
  const result = await acceptInvitation(args.context.db, parsed.data, requestMeta(args))
  if (result === 'invalid') return formError({ form: 'invite.accept.invalid' }, parsed.raw)
  return redirect('/login?notice=invitationAccepted')
}

export default function AcceptInvitation() {
  const { token, email, fullName } = useLoaderData<typeof loader>()
  const t = useT()
  const form = usePortalForm(acceptInvitationForm, { token: token ?? '', fullName })
  if (!token) {
    return (
      <div className="narrow">
        <h1>{t('verify.invalid')}</h1>
        <p>{t('invite.accept.invalid')}</p>
      </div>
    )
  }
  return (
    <div className="narrow">
      <ErrorSummary errors={form.errors} />
      <h1>{t('invite.accept.title')}</h1>
      <p>{t('invite.accept.lead', { email: email ?? '' })}</p>
      <PortalFormTag form={form}>
        <HiddenField form={form} name="token" />
        <TextField form={form} name="fullName" label={t('field.fullName')} autoComplete="name" spellCheck={false} />
        <TextField form={form} name="password" type="password" label={t('field.password')} hint={t('field.password.hint')} autoComplete="new-password" width="half" />
        <SubmitButton form={form}>{t('invite.accept.submit')}</SubmitButton>
      </PortalFormTag>
    </div>
  )
}
