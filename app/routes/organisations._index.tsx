import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '../components/table'
import { Tag } from '../components/ui'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { listMyOrganisations } from '../modules/organisations'
import { formatTaxCode } from '../modules/organisations/identifiers'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'org.list.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, 'routes/organisations._index')
  return json({ organisations: await listMyOrganisations(args.context.db, user.id) })
}

export default function MyOrganisations() {
  const { organisations } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <>
      <h1>{t('org.list.title')}</h1>
      <p>{t('org.list.lead')}</p>
      <p>
        <Link to="/organisations/new" className="button">
          {t('org.list.create')}
        </Link>
      </p>
      {organisations.length === 0 ? (
        <p>{t('org.list.none')}</p>
      ) : (
        <DataTable
          caption={t('org.list.title')}
          columns={[{ label: t('org.field.name') }, { label: t('org.field.type') }, { label: t('org.field.identifier') }, { label: t('org.col.myRole') }]}
          rows={organisations.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={`/organisations/${o.id}`}>{o.name}</Link>
              </td>
              <td>{t(`org.type.${o.type}`)}</td>
              <td>{o.identifier_kind === 'tax_code' ? formatTaxCode(o.identifier) : o.identifier}</td>
              <td>
                <Tag tone={o.role === 'owner' ? 'blue' : 'grey'}>{t(`org.role.${o.role}`)}</Tag>
              </td>
            </tr>
          ))}
        />
      )}
      <p className="hint">{t('org.list.joinHint')}</p>
    </>
  )
}
