import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { DataTable, FilterBar, FilterSearch, FilterSelect } from '../components/table'
import { Pagination, Tag } from '../components/ui'
import { formatDateTime } from '../i18n/format'
import { pageParam, searchParam } from '../lib/params'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { listOutbox } from '../modules/notifications'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin.outbox')

const PAGE_SIZE = 50
const STATES = ['pending', 'sending', 'sent', 'failed'] as const
export const STATE_TONE = { pending: 'yellow', sending: 'blue', sent: 'green', failed: 'red' } as const

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/admin.outbox._index')
  const url = new URL(args.request.url)
  const state = STATES.find((s) => s === url.searchParams.get('state'))
  const to = searchParam(url, 'to', 254)
  const page = pageParam(url)
  const result = await listOutbox(args.context.db, { state, to: to || undefined, page, pageSize: PAGE_SIZE })
  return json({ ...result, page, state: state ?? '', to })
}

export default function Outbox() {
  const { rows, total, counts, page, state, to } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const location = useLocation()
  return (
    <>
      <h1>{t('admin.outbox')}</h1>
      <p>{t('admin.outbox.lead')}</p>
      <p className="actions">
        {STATES.map((s) => (
          <Tag key={s} tone={STATE_TONE[s]}>{`${t(`outbox.state.${s}`)}: ${counts[s]}`}</Tag>
        ))}
      </p>
      <FilterBar>
        <FilterSelect name="state" label={t('outbox.state')} value={state} any={t('outbox.anyState')} options={STATES.map((s) => ({ value: s, label: t(`outbox.state.${s}`) }))} />
        <FilterSearch name="to" label={t('outbox.to')} value={to} />
      </FilterBar>
      <DataTable
        caption={t('admin.outbox')}
        columns={[
          { label: t('outbox.col.id') },
          { label: t('outbox.col.created') },
          { label: t('outbox.to') },
          { label: t('outbox.col.subject') },
          { label: t('outbox.state') },
          { label: t('outbox.col.attempts'), numeric: true },
        ]}
        rows={rows.map((m) => (
          <tr key={m.id}>
            <td>
              <Link to={`/admin/outbox/${m.id}`} aria-label={t('outbox.open', { id: m.id })}>
                {m.id}
              </Link>
            </td>
            <td>{formatDateTime(m.created_at, lang)}</td>
            <td>{m.to_address}</td>
            <td>{m.subject}</td>
            <td>
              <Tag tone={STATE_TONE[m.state]}>{t(`outbox.state.${m.state}`)}</Tag>
              {m.state === 'failed' && m.last_error ? <div className="secondary">{m.last_error}</div> : null}
            </td>
            <td className="num">{m.attempts}</td>
          </tr>
        ))}
      />
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} search={location.search} />
    </>
  )
}
