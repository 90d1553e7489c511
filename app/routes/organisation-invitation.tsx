import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary } from '../components/form'
import { formatDate } from '../i18n/format'
import { type FormErrorData, formError, readForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser, requestMeta } from '../modules/auth'
import { acceptOrganisationInvitation, invitationByToken } from '../modules/organisations'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'org.invitation.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, 'routes/organisation-invitation')
  const token = new URL(args.request.url).searchParams.get('token') ?? ''
  const invitation = await invitationByToken(args.context.db, token)
  if (!invitation) return json({ state: 'invalid' as const, token: null, invitation: null, me: user.email }, { status: 400 })
  const matches = invitation.email.toLowerCase() === user.email.toLowerCase()
  return json(
    { state: matches ? ('ready' as const) : ('wrong-account' as const), token: matches ? token : null, invitation, me: user.email },
    { status: matches ? 200 : 403 },
  )
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, 'routes/organisation-invitation')
  const raw = await readForm(args.request)
  const accepted = await acceptOrganisationInvitation(args.context.db, user, raw.token ?? '', requestMeta(args))
  if (accepted.result === 'wrong-account') return formError({ form: `org.invitation.wrongAccount?email=${encodeURIComponent(accepted.email)}&me=${encodeURIComponent(user.email)}` }, raw, 403)
  if (accepted.result === 'invalid') return formError({ form: 'org.invitation.invalid' }, raw)
  return redirect(`/organisations/${accepted.organisationId}?notice=joined`)
}

export default function OrganisationInvitation() {
  const { state, token, invitation, me } = useLoaderData<typeof loader>()
  const failed = useActionData<FormErrorData | undefined>()
  const t = useT()
  if (state === 'invalid' || !invitation) {
    return (
      <div className="narrow">
        <h1>{t('org.invitation.invalidTitle')}</h1>
        <p>{t('org.invitation.invalid')}</p>
        <p>
          <Link to="/organisations">{t('org.list.title')}</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="narrow">
      <ErrorSummary errors={failed?.errors ?? {}} />
      <h1>{t('org.invitation.title')}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('org.field.name')}</dt>
          <dd>{invitation.organisation}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('org.invitation.role')}</dt>
          <dd>{t(`org.role.${invitation.role}`)}</dd>
        </div>
        {invitation.inviter ? (
          <div className="summary-list__row">
            <dt>{t('org.invitation.inviter')}</dt>
            <dd>{invitation.inviter}</dd>
          </div>
        ) : null}
        <div className="summary-list__row">
          <dt>{t('org.invitation.sentTo')}</dt>
          <dd>{invitation.email}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('org.invitation.expires')}</dt>
          <dd>{formatDate(invitation.expiresAt)}</dd>
        </div>
      </dl>
      {state === 'wrong-account' ? (
        <>
          <h2>{t('org.invitation.wrongAccountTitle')}</h2>
          <p>{t('org.invitation.wrongAccount', { email: invitation.email, me })}</p>
          <Form method="post" action="/logout">
            <button type="submit" className="button button--secondary">
              {t('org.invitation.signOut')}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p>{t('org.invitation.lead', { role: t(`org.role.${invitation.role}`) })}</p>
          <Form method="post">
            <input type="hidden" name="token" value={token ?? ''} />
            <button type="submit" className="button" data-prevent-double-click="true">
              {t('org.invitation.accept')}
            </button>
          </Form>
        </>
      )}
    </div>
  )
}
