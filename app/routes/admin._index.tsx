import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { pageTitle, useT } from '../lib/i18n'
import { adminAreas, authorizeUser } from '../modules/auth'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, 'routes/admin._index')
  return json(adminAreas(user))
}

export default function AdminHome() {
  const areas = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <p className="lead">{t('admin.lead')}</p>
      <ul className="admin-links">
        {areas.users ? (
          <li>
            <Link to="/admin/users">{t('admin.users')}</Link>
            <p>{t('admin.users.lead')}</p>
          </li>
        ) : null}
        {areas.outbox ? (
          <li>
            <Link to="/admin/outbox">{t('admin.outbox')}</Link>
            <p>{t('admin.outbox.lead')}</p>
          </li>
        ) : null}
        {areas.settings ? (
          <>
            <li>
              <Link to="/admin/settings">{t('admin.settings')}</Link>
              <p>{t('admin.settings.lead')}</p>
            </li>
            <li>
              <Link to="/admin/rules">{t('admin.rules')}</Link>
              <p>{t('admin.rules.lead')}</p>
            </li>
            <li>
              <Link to="/admin/signing">{t('signers.title')}</Link>
              <p>{t('signers.lead')}</p>
            </li>
            <li>
              <Link to="/admin/legal-bases">{t('legalBases.title')}</Link>
              <p>{t('legalBases.short')}</p>
            </li>
            <li>
              <Link to="/admin/targets">{t('targets.edit.title')}</Link>
              <p>{t('targets.edit.short')}</p>
            </li>
          </>
        ) : null}
        {areas.audit ? (
          <li>
            <Link to="/admin/audit">{t('admin.audit')}</Link>
            <p>{t('admin.audit.lead')}</p>
          </li>
        ) : null}
      </ul>
    </>
  )
}
