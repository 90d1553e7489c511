import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { ErrorSummary, HiddenField, PortalFormTag, RadioGroup, SubmitButton, TextField, usePortalForm } from '../components/form'
import { DataTable } from '../components/table'
import { Banner, Tag } from '../components/ui'
import { formatDate } from '../i18n/format'
import { formError, parseForm, readForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { uuidParam } from '../lib/params'
import { authorizeUser, requestMeta } from '../modules/auth'
import { cancelInvitation, changeRole, getOrganisationForMember, inviteMember, listMembers, removeMember } from '../modules/organisations'
import { INVITABLE_ROLES, MEMBER_ROLES } from '../modules/organisations/fields'
import { memberRoleSchema, invitationSchema } from '../modules/organisations/schemas'

/** The form's schema, loaded with zod once the page is interactive (ADR 013). */
const invitationForm = () => import('../modules/organisations/schemas').then((m) => m.invitationSchema)

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'org.members.title')

const NOTICES = ['invited', 'removed', 'roleChanged', 'cancelled'] as const

async function memberOrg(args: LoaderFunctionArgs, userId: string) {
  const org = await getOrganisationForMember(args.context.db, uuidParam(args.params.orgId), userId)
  if (!org) throw new Response('Not found', { status: 404 })
  return org
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, 'routes/organisations.$orgId.members')
  const org = await memberOrg(args, user.id)
  const list = await listMembers(args.context.db, org.id, user.id)
  if (!list) throw new Response('Not found', { status: 404 })
  const url = new URL(args.request.url)
  return json({
    org: { id: org.id, name: org.name, role: org.role },
    me: user.id,
    ...list,
    notice: NOTICES.find((n) => n === url.searchParams.get('notice')) ?? null,
    noticeEmail: (url.searchParams.get('email') ?? '').slice(0, 254),
  })
}

const done = (orgId: string, notice: (typeof NOTICES)[number], extra = '') => redirect(`/organisations/${orgId}/members?notice=${notice}${extra}`)

/** Answers what the member functions say with the status and message each deserves. */
function refusal(result: 'not-found' | 'forbidden' | 'no-member' | 'last-owner' | 'unchanged' | 'gone', raw: Record<string, string>) {
  if (result === 'not-found') throw new Response('Not found', { status: 404 })
  if (result === 'forbidden') throw new Response('Forbidden', { status: 403 })
  if (result === 'last-owner') return formError({ form: 'org.members.lastOwner' }, raw, 409)
  if (result === 'gone') return formError({ form: 'org.members.invitationGone' }, raw)
  if (result === 'unchanged') return formError({ form: 'org.members.unchanged' }, raw)
  return formError({ form: 'org.members.notMember' }, raw)
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, 'routes/organisations.$orgId.members')
  const org = await memberOrg(args, user.id)
  if (org.role !== 'owner') throw new Response('Forbidden', { status: 403 })
  const { db } = args.context
  const meta = requestMeta(args)
  const intent = (await readForm(args.request.clone())).intent
  if (intent === 'invite') {
    const parsed = await parseForm(args.request, invitationSchema)
    if (!parsed.ok) return parsed.response
    const result = await inviteMember(db, user, org.id, parsed.data, meta)
    if (!result.ok) return result.reason === 'invalid' ? formError(result.errors, parsed.raw) : refusal(result.reason, parsed.raw)
    return done(org.id, 'invited', `&email=${encodeURIComponent(parsed.data.email)}`)
  }
  const raw = await readForm(args.request)
  if (intent === 'cancel') {
    const id = raw.invitationId ?? ''
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Response('Bad request', { status: 400 })
    const result = await cancelInvitation(db, user, org.id, id, meta)
    return result === 'cancelled' ? done(org.id, 'cancelled') : refusal(result, raw)
  }
  if (intent === 'remove' || intent === 'role') {
    const parsed = memberRoleSchema.safeParse(intent === 'remove' ? { ...raw, role: 'viewer' } : raw)
    if (!parsed.success) throw new Response('Bad request', { status: 400 })
    const { userId, role } = parsed.data
    const result = intent === 'remove' ? await removeMember(db, user, org.id, userId, meta) : await changeRole(db, user, org.id, userId, role, meta)
    return result === 'done' ? done(org.id, intent === 'remove' ? 'removed' : 'roleChanged') : refusal(result, raw)
  }
  throw new Response('Bad request', { status: 400 })
}

export default function Members() {
  const { org, me, members, invitations, notice, noticeEmail } = useLoaderData<typeof loader>()
  const t = useT()
  const form = usePortalForm(invitationForm, { intent: 'invite' })
  const owner = org.role === 'owner'
  return (
    <>
      {notice ? <Banner kind="success">{t(`org.members.notice.${notice}`, { email: noticeEmail })}</Banner> : null}
      <ErrorSummary errors={form.errors} order={['form', 'email', 'role']} />
      <p>
        <Link to={`/organisations/${org.id}`}>← {org.name}</Link>
      </p>
      <h1>{t('org.members.titleOf', { name: org.name })}</h1>
      <p>{t('org.members.lead')}</p>
      <DataTable
        caption={t('org.members.title')}
        columns={[
          { label: t('org.members.col.name') },
          { label: t('org.members.col.email') },
          { label: t('org.members.col.role') },
          ...(owner ? [{ label: t('org.members.col.actions'), hidden: true }] : []),
        ]}
        rows={members.map((m) => (
          <tr key={m.user_id}>
            <td>
              {m.full_name}
              {m.user_id === me ? ` ${t('org.members.you')}` : ''}
            </td>
            <td>{m.email}</td>
            <td>
              <Tag tone={m.role === 'owner' ? 'blue' : 'grey'}>{t(`org.role.${m.role}`)}</Tag>
            </td>
            {owner ? (
              <td>
                <div className="actions">
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="role" />
                    <input type="hidden" name="userId" value={m.user_id} />
                    <label className="visually-hidden" htmlFor={`role-${m.user_id}`}>
                      {t('org.members.newRoleFor', { name: m.full_name })}
                    </label>
                    <select className="input" id={`role-${m.user_id}`} name="role" defaultValue={m.role}>
                      {MEMBER_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`org.role.${r}`)}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit" className="button button--small button--secondary">
                      {t('org.members.changeRole')}
                      <span className="visually-hidden"> {m.full_name}</span>
                    </button>
                  </Form>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="userId" value={m.user_id} />
                    <button type="submit" className="button button--small button--warning">
                      {t('org.members.remove')}
                      <span className="visually-hidden"> {m.full_name}</span>
                    </button>
                  </Form>
                </div>
              </td>
            ) : null}
          </tr>
        ))}
      />
      {owner ? (
        <>
          <h2>{t('org.members.pending')}</h2>
          {invitations.length === 0 ? (
            <p>{t('org.members.noPending')}</p>
          ) : (
            <DataTable
              caption={t('org.members.pending')}
              columns={[{ label: t('org.members.col.email') }, { label: t('org.members.col.role') }, { label: t('org.members.col.expires') }, { label: t('org.members.col.actions'), hidden: true }]}
              rows={invitations.map((i) => (
                <tr key={i.id}>
                  <td>{i.email}</td>
                  <td>{t(`org.role.${i.role}`)}</td>
                  <td>{formatDate(i.expires_at)}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="cancel" />
                      <input type="hidden" name="invitationId" value={i.id} />
                      <button type="submit" className="button button--small button--secondary">
                        {t('org.members.cancel')}
                        <span className="visually-hidden"> {i.email}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            />
          )}
          <h2 id="invite">{t('org.invite.title')}</h2>
          <p>{t('org.invite.lead')}</p>
          <PortalFormTag form={form}>
            <HiddenField form={form} name="intent" />
            <TextField form={form} name="email" type="email" label={t('org.invite.email')} hint={t('org.invite.email.hint')} spellCheck={false} />
            <RadioGroup
              form={form}
              name="role"
              legend={t('org.invite.role')}
              options={INVITABLE_ROLES.map((r) => ({ value: r, label: t(`org.role.${r}`), hint: t(`org.role.${r}.hint`) }))}
            />
            <SubmitButton form={form}>{t('org.invite.submit')}</SubmitButton>
          </PortalFormTag>
        </>
      ) : (
        <p className="hint">{t('org.members.onlyOwner')}</p>
      )}
    </>
  )
}
