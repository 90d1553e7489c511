import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { Pagination, Tag } from '../components/ui'
import { formatDate } from '../i18n/format'
import { pageParam, searchParam } from '../lib/params'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser, listUsers } from '../modules/auth'
import { ROLES } from '../modules/auth/roles'
import type { Role } from '../../db/schema'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin.users')

const PAGE_SIZE = 50

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/admin.users._index')
  const url = new URL(args.request.url)
  const q = searchParam(url, 'q')
  const roleParam = url.searchParams.get('role')
  const role = ROLES.find((r) => r === roleParam)
  const page = pageParam(url)
  const { rows, total } = await listUsers(args.context.db, { q: q || undefined, role, page, pageSize: PAGE_SIZE })
  return json({ rows, total, page, q, role: role ?? '' })
}

export default function AdminUsers() {
  const { rows, total, page, q, role } = useLoaderData<typeof loader>()
  const t = useT()
  const location = useLocation()
  return (
    <>
      <h1>{t('admin.users')}</h1>
      <p>{t('admin.users.lead')}</p>
      <p>
        <Link className="button" to="/admin/users/invite">
          {t('users.invite')}
        </Link>
      </p>
      <Form method="get" className="filters" role="search">
        <div className="form-group">
          <label className="label" htmlFor="q">
            {t('users.search')}
          </label>
          <input className="input input--half" id="q" name="q" type="search" defaultValue={q} />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="role">
            {t('users.filterRole')}
          </label>
          <select className="input" id="role" name="role" defaultValue={role}>
            <option value="">{t('users.anyRole')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t('form.search')}
        </button>
      </Form>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('admin.users')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.col.name')}</th>
              <th scope="col">{t('users.col.email')}</th>
              <th scope="col">{t('users.col.roles')}</th>
              <th scope="col">{t('users.col.status')}</th>
              <th scope="col">{t('users.col.created')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={5}>{t('table.empty')}</td>
              </tr>
            ) : (
              rows.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/admin/users/${u.id}`} aria-label={t('users.manage', { name: u.full_name })}>
                      {u.full_name}
                    </Link>
                  </td>
                  <td>{u.email}</td>
                  <td>{(u.roles as Role[]).map((r) => t(`role.${r}`)).join(', ')}</td>
                  <td>
                    {u.status === 'active' && !u.email_verified_at ? (
                      <Tag tone="yellow">{t('users.status.unverified')}</Tag>
                    ) : (
                      <Tag tone={u.status === 'active' ? 'green' : u.status === 'invited' ? 'blue' : 'red'}>{t(`users.status.${u.status}`)}</Tag>
                    )}
                  </td>
                  <td>{formatDate(u.created_at)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} search={location.search} />
    </>
  )
}
