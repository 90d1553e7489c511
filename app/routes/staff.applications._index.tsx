import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import type { ApplicationStatus } from '../../db/schema'
import { ClockLines } from '../components/clock'
import { DataTable, FilterBar, FilterSearch, FilterSelect } from '../components/table'
import { Pagination } from '../components/ui'
import { StatusTag } from '../components/workflow'
import { formatDate, formatMoney } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { pageParam, searchParam, uuidFilter } from '../lib/params'
import { authorizeUser } from '../modules/auth'
import { type InboxRow, listInbox } from '../modules/screening'
import { INBOX_SORTS, INBOX_STATUSES, type InboxSort } from '../modules/screening/schemas'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'inbox.title')

const PAGE_SIZE = 50

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/staff.applications._index')
  const url = new URL(args.request.url)
  const callParam = url.searchParams.get('call') ?? ''
  const callId = uuidFilter(callParam)
  const statusParam = url.searchParams.get('status')
  const status = INBOX_STATUSES.find((s) => s === statusParam)
  const sortParam = url.searchParams.get('sort')
  const sort: InboxSort = INBOX_SORTS.find((s) => s === sortParam) ?? 'received'
  const q = searchParam(url, 'q')
  const page = pageParam(url)
  const inbox = await listInbox(args.context.db, { callId, status, q: q || undefined, sort, page, pageSize: PAGE_SIZE })
  return json({ ...inbox, page, filters: { call: callId ?? '', status: status ?? '', q, sort: sort === 'received' ? '' : sort } })
}

type Row = Omit<InboxRow, 'submittedAt'> & { submittedAt: string | null }

export default function StaffInbox() {
  const { rows, total, counts, calls, page, filters } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const location = useLocation()
  const filtered = Boolean(filters.call || filters.status || filters.q || filters.sort)
  return (
    <>
      <h1>{t('inbox.title')}</h1>
      <p>{t('inbox.lead')}</p>
      <FilterBar>
        <FilterSearch name="q" label={t('inbox.search')} value={filters.q} />
        <FilterSelect
          name="call"
          label={t('inbox.filterCall')}
          value={filters.call}
          any={t('inbox.anyCall')}
          options={calls.map((c) => ({ value: c.id, label: t('inbox.callOption', { code: c.code, title: lang === 'en' && c.title_en ? c.title_en : c.title_vi }) }))}
        />
        <FilterSelect
          name="status"
          label={t('inbox.filterStatus')}
          value={filters.status}
          any={t('inbox.anyStatus')}
          options={INBOX_STATUSES.map((s) => ({ value: s, label: t('inbox.statusCount', { status: t(`workflow.status.${s}`), count: counts[s] ?? 0 }) }))}
        />
        <FilterSelect
          name="sort"
          label={t('inbox.sort')}
          value={filters.sort}
          any={t('inbox.sort.received')}
          options={INBOX_SORTS.filter((s) => s !== 'received').map((s) => ({ value: s, label: t(`inbox.sort.${s}`) }))}
        />
      </FilterBar>
      <p>
        <Link to={`/staff/exports${location.search}`}>{t('exports.link')}</Link>
      </p>
      <p role="status">
        {t('inbox.found', { total })}
        {filtered ? (
          <>
            {' '}
            <Link to="/staff/applications">{t('inbox.clear')}</Link>
          </>
        ) : null}
      </p>
      <DataTable
        caption={t('inbox.title')}
        scrollLabel={t('inbox.title')}
        columns={[
          { label: t('inbox.col.referenceCall') },
          { label: t('inbox.col.titleOrganisation') },
          { label: t('inbox.col.status') },
          { label: t('inbox.col.received') },
          { label: t('inbox.col.amount'), numeric: true },
          { label: t('inbox.col.clock') },
        ]}
        rows={(rows as Row[]).map((r) => (
          <tr key={r.id}>
            <td className="inbox__reference">
              {r.reference ?? t('inbox.noReference')}
              <span className="inbox__meta">{r.callCode}</span>
            </td>
            <td className="inbox__title" lang="vi">
              <Link to={`/staff/applications/${r.id}`}>{r.title.trim() || t('inbox.untitled')}</Link>
              <span className="inbox__meta">{r.organisationName}</span>
            </td>
            <td>
              <StatusTag status={r.status as ApplicationStatus} />
            </td>
            <td>{r.submittedAt ? formatDate(r.submittedAt) : ''}</td>
            <td className="num inbox__amount">{formatMoney(r.requestedAmount)}</td>
            <td className="inbox-clock">
              <ClockLines clock={r.clock} />
            </td>
          </tr>
        ))}
      />
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} search={location.search} />
    </>
  )
}
