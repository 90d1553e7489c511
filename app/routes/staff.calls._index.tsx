import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { DataTable, FilterBar, FilterSelect } from '../components/table'
import { Pagination, Tag } from '../components/ui'
import { formatDateTime } from '../i18n/format'
import { pageParam } from '../lib/params'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { listCallsForStaff } from '../modules/calls'
import { CALL_STATUSES } from '../modules/calls/schemas'
import type { CallStatus } from '../../db/schema'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'staff.calls.title')

const PAGE_SIZE = 50
const STATUS_TONE: Record<CallStatus, 'grey' | 'green' | 'red'> = { draft: 'grey', published: 'green', closed: 'red' }

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/staff.calls._index')
  const url = new URL(args.request.url)
  const statusParam = url.searchParams.get('status')
  const status = CALL_STATUSES.find((s) => s === statusParam)
  const page = pageParam(url)
  const { rows, total, counts } = await listCallsForStaff(args.context.db, { status, page, pageSize: PAGE_SIZE })
  return json({ rows, total, counts, page, status: status ?? '' })
}

export default function StaffCalls() {
  const { rows, total, counts, page, status } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const location = useLocation()
  return (
    <>
      <h1>{t('staff.calls.title')}</h1>
      <p>{t('staff.calls.lead')}</p>
      <p>
        <Link className="button" to="/staff/calls/new">
          {t('staff.calls.create')}
        </Link>
      </p>
      <ul className="list-bullet">
        <li>
          <Link to="/staff/register">{t('docRegister.title')}</Link>
        </li>
        <li>
          <Link to="/staff/emails">{t('emails.preview.nav')}</Link>
        </li>
      </ul>
      <FilterBar>
        <FilterSelect
          name="status"
          label={t('staff.calls.filterStatus')}
          value={status}
          any={t('staff.calls.anyStatus')}
          options={CALL_STATUSES.map((s) => ({ value: s, label: t('staff.calls.statusCount', { status: t(`staff.status.${s}`), count: counts[s] }) }))}
        />
      </FilterBar>
      <DataTable
        caption={t('staff.calls.title')}
        scrollLabel={t('staff.calls.title')}
        columns={[
          { label: t('staff.col.code') },
          { label: t('staff.col.title') },
          { label: t('staff.col.status') },
          { label: t('staff.col.opens') },
          { label: t('staff.col.closes') },
          { label: t('staff.col.documents'), numeric: true },
        ]}
        rows={rows.map((c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/staff/calls/${c.id}`} aria-label={t('staff.calls.open', { code: c.code })}>
                {c.code}
              </Link>
            </td>
            <td lang={lang === 'en' && c.title_en ? 'en' : 'vi'}>{lang === 'en' && c.title_en ? c.title_en : c.title_vi}</td>
            <td>
              <Tag tone={STATUS_TONE[c.status]}>{t(`staff.status.${c.status}`)}</Tag>
            </td>
            <td>{formatDateTime(c.opens_at, lang)}</td>
            <td>{formatDateTime(c.closes_at, lang)}</td>
            <td className="num">{c.documents}</td>
          </tr>
        ))}
      />
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} search={location.search} />
    </>
  )
}
