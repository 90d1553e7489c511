import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { DataTable, FilterBar, FilterSearch, FilterSelect } from '../components/table'
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
      <FilterBar>
        <FilterSearch name="q" label={t('users.search')} value={q} />
        <FilterSelect name="role" label={t('users.filterRole')} value={role} any={t('users.anyRole')} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      </FilterBar>
      <DataTable
        caption={t('admin.users')}
        columns={[
          { label: t('users.col.name') },
          { label: t('users.col.email') },
          { label: t('users.col.roles') },
          { label: t('users.col.status') },
          { label: t('users.col.created') },
        ]}
        rows={rows.map((u) => (
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
        ))}
      />
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} search={location.search} />
    </>
  )
}
