import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { DataTable } from '../components/table'
import { Banner } from '../components/ui'
import { formatDateTime } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { requestsToSign } from '../modules/decisions'

// The documents waiting for this person's signature: the director's decisions and notices, a presiding member's
// minutes. Each opens on its own page, where it is read and signed.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'signing.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, 'routes/signing._index')
  return json({ requests: await requestsToSign(args.context.db, user) })
}

export default function SigningList() {
  const { requests } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const [search] = useSearchParams()
  return (
    <>
      {search.get('notice') === 'signed' ? <Banner kind="success">{t('signing.signed', { symbol: search.get('symbol') ?? '' })}</Banner> : null}
      <h1>{t('signing.title')}</h1>
      <p>{t('signing.lead')}</p>
      {requests.length === 0 ? (
        <p>{t('signing.empty')}</p>
      ) : (
        <DataTable
          caption={t('signing.caption')}
          scrollLabel={t('signing.caption')}
          columns={[{ label: t('signing.document') }, { label: t('signing.kind') }, { label: t('signing.preparedBy') }, { label: t('signing.preparedAt') }]}
          rows={requests.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/signing/${r.id}`}>{r.title}</Link>
              </td>
              <td>{t(`signing.kind.${r.kind}`)}</td>
              <td>{r.preparedBy ?? ''}</td>
              <td>{formatDateTime(r.preparedAt, lang)}</td>
            </tr>
          ))}
        />
      )}
    </>
  )
}
