import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '../components/table'
import { StatusTag } from '../components/workflow'
import { formatDateTime } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { listMyApplications } from '../modules/applications'
import { authorizeUser } from '../modules/auth'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'applications.list.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, 'routes/applications._index')
  return json({ applications: await listMyApplications(args.context.db, user.id) })
}

export default function MyApplications() {
  const { applications } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  return (
    <>
      <h1>{t('applications.list.title')}</h1>
      <p>{t('applications.list.lead')}</p>
      {applications.length === 0 ? (
        <>
          <p>{t('applications.list.empty')}</p>
          <p>
            <Link to="/calls?phase=open" className="button">
              {t('applications.list.emptyAction')}
            </Link>
          </p>
        </>
      ) : (
        <DataTable
          caption={t('applications.list.title')}
          columns={[
            { label: t('applications.list.titleColumn') },
            { label: t('applications.list.call') },
            { label: t('applications.list.organisation') },
            { label: t('applications.list.status') },
            { label: t('applications.list.deadline') },
            { label: t('applications.list.next') },
          ]}
          rows={applications.map((a) => (
            <tr key={a.id}>
              <td>{a.title || t('applications.list.untitled')}</td>
              <td>
                <Link to={`/calls/${encodeURIComponent(a.call.code)}`}>{lang === 'en' && a.call.title_en ? a.call.title_en : a.call.title_vi}</Link>
              </td>
              <td>{a.organisation.name}</td>
              <td>
                <StatusTag status={a.status} />
              </td>
              <td>{formatDateTime(a.call.closes_at, lang)}</td>
              <td>
                <Link to={`/applications/${a.id}`}>{t(`applications.next.${a.next}`)}</Link>
              </td>
            </tr>
          ))}
        />
      )}
    </>
  )
}
