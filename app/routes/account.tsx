import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Banner, Tag } from '../components/ui'
import { formatDate } from '../i18n/format'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser, getUser } from '../modules/auth'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, 'routes/account')
  const row = await getUser(args.context.db, user.id)
  if (!row) throw new Response('Not found', { status: 404 })
  const notice = new URL(args.request.url).searchParams.get('notice') === 'passwordChanged' ? 'passwordChanged' : null
  return json({ fullName: row.full_name, email: row.email, roles: row.roles, createdAt: row.created_at, notice })
}

export default function Account() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <div className="narrow">
      {data.notice ? <Banner kind="success">{t('notice.passwordChanged')}</Banner> : null}
      <h1>{t('account.title')}</h1>
      <h2>{t('account.details')}</h2>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('field.fullName')}</dt>
          <dd>{data.fullName}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('field.email')}</dt>
          <dd>{data.email}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('account.roles')}</dt>
          <dd className="actions">
            {data.roles.map((r) => (
              <Tag key={r} tone="blue">
                {t(`role.${r}`)}
              </Tag>
            ))}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('account.memberSince')}</dt>
          <dd>{formatDate(data.createdAt)}</dd>
        </div>
      </dl>
      <h2>{t('account.security')}</h2>
      <p>
        <Link to="/account/password">{t('account.changePassword')}</Link>
      </p>
    </div>
  )
}
