import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '../components/table'
import { Banner, Tag } from '../components/ui'
import { formatDateTime } from '../i18n/format'
import { isMessageKey } from '../i18n'
import { readForm } from '../lib/forms.server'
import { uuidParam } from '../lib/params'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { listAudit } from '../modules/audit'
import { auditActionLabel } from '../modules/audit/actions'
import { authorizeUser, getUser, grantRole, revokeRole } from '../modules/auth'
import { ROLES } from '../modules/auth/roles'
import { roleChangeSchema } from '../modules/auth/schemas'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin.users')

const NOTICES = ['invited', 'reinvited', 'role-granted', 'granted', 'revoked', 'own-admin'] as const

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/admin.users.$userId')
  const id = uuidParam(args.params.userId)
  const user = await getUser(args.context.db, id)
  if (!user) throw new Response('Not found', { status: 404 })
  const history = await listAudit(args.context.db, { subjectId: id, pageSize: 20 })
  const url = new URL(args.request.url)
  const notice = NOTICES.find((n) => n === url.searchParams.get('notice')) ?? null
  return json({ user, history: history.rows, notice, noticeRole: url.searchParams.get('role') ?? '' })
}

export async function action(args: ActionFunctionArgs) {
  const admin = await authorizeUser(args, 'routes/admin.users.$userId')
  const id = uuidParam(args.params.userId)
  const parsed = roleChangeSchema.safeParse(await readForm(args.request))
  if (!parsed.success) throw new Response('Bad request', { status: 400 })
  if (!(await getUser(args.context.db, id))) throw new Response('Not found', { status: 404 })
  const { intent, role } = parsed.data
  const meta = { ip: args.context.clientIp }
  let notice: string
  if (intent === 'grant') {
    await grantRole(args.context.db, admin, id, role, meta)
    notice = 'granted'
  } else {
    const r = await revokeRole(args.context.db, admin, id, role, meta)
    notice = r === 'own-admin' ? 'own-admin' : 'revoked'
  }
  return redirect(`/admin/users/${id}?notice=${notice}&role=${role}`)
}

export default function ManageUser() {
  const { user, history, notice, noticeRole } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const roleName = isMessageKey(`role.${noticeRole}`) ? t(`role.${noticeRole}` as 'role.admin') : ''
  return (
    <>
      {notice === 'own-admin' ? (
        <Banner>{t('users.ownAdmin')}</Banner>
      ) : notice === 'granted' || notice === 'revoked' ? (
        <Banner kind="success">{t(`users.${notice}`, { role: roleName })}</Banner>
      ) : notice ? (
        <Banner kind="success">{t(`invite.done.${notice}`, { email: user.email })}</Banner>
      ) : null}
      <p>
        <Link to="/admin/users">← {t('admin.users')}</Link>
      </p>
      <h1>{user.full_name}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('field.email')}</dt>
          <dd>{user.email}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('users.col.status')}</dt>
          <dd>{t(`users.status.${user.status}`)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('users.col.created')}</dt>
          <dd>{formatDateTime(user.created_at, lang)}</dd>
        </div>
      </dl>
      <h2>{t('users.rolesOf', { name: user.full_name })}</h2>
      <DataTable
        columns={[{ label: t('users.col.roles') }, { label: t('users.col.status') }, { label: t('form.submit'), hidden: true }]}
        rows={ROLES.map((role) => {
          const held = user.roles.includes(role)
          return (
            <tr key={role}>
              <td>{t(`role.${role}`)}</td>
              <td>{held ? <Tag tone="green">{t('users.hasRole')}</Tag> : <Tag>{t('users.notRole')}</Tag>}</td>
              <td>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="role" value={role} />
                  <input type="hidden" name="intent" value={held ? 'revoke' : 'grant'} />
                  <button type="submit" className={`button button--small ${held ? 'button--warning' : 'button--secondary'}`}>
                    {held ? t('users.revoke', { role: t(`role.${role}`) }) : t('users.grant', { role: t(`role.${role}`) })}
                  </button>
                </Form>
              </td>
            </tr>
          )
        })}
      />
      <h2>{t('users.history')}</h2>
      <DataTable
        columns={[{ label: t('audit.col.at') }, { label: t('audit.col.action') }, { label: t('audit.col.actor') }]}
        rows={history.map((h) => (
          <tr key={h.id}>
            <td>{formatDateTime(h.at, lang)}</td>
            <td>{auditActionLabel(t, h.action)}</td>
            <td>{h.actor_email ?? t('audit.system')}</td>
          </tr>
        ))}
      />
    </>
  )
}
