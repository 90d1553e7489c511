import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData, useLocation } from '@remix-run/react'
import { DataTable, FilterBar, FilterSearch, FilterSelect } from '../components/table'
import { Pagination } from '../components/ui'
import { formatDateTime } from '../i18n/format'
import { pageParam, parseVnDate, searchParam } from '../lib/params'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { listAudit } from '../modules/audit'
import { AUDIT_ACTIONS, auditActionLabel } from '../modules/audit/actions'
import { authorizeUser } from '../modules/auth'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin.audit')

const PAGE_SIZE = 50
const DAY = 24 * 3600_000

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/admin.audit')
  const url = new URL(args.request.url)
  const action = AUDIT_ACTIONS.find((a) => a === url.searchParams.get('action'))
  const actor = searchParam(url, 'actor', 254)
  const fromText = (url.searchParams.get('from') ?? '').trim().slice(0, 10)
  const toText = (url.searchParams.get('to') ?? '').trim().slice(0, 10)
  const from = fromText ? parseVnDate(fromText) : null
  const to = toText ? parseVnDate(toText) : null
  const errors = { from: !!fromText && !from, to: !!toText && !to }
  const page = pageParam(url)
  const result = await listAudit(args.context.db, {
    action,
    actor: actor || undefined,
    from: from ?? undefined,
    to: to ? new Date(to.getTime() + DAY) : undefined,
    page,
    pageSize: PAGE_SIZE,
  })
  return json(
    { ...result, page, filter: { action: action ?? '', actor, from: fromText, to: toText }, errors },
    { status: errors.from || errors.to ? 400 : 200 },
  )
}

export default function AuditLog() {
  const { rows, total, page, filter, errors } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const location = useLocation()
  const dateField = (name: 'from' | 'to', label: string) => (
    <div className={`form-group${errors[name] ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={name}>
        {label}
      </label>
      <div className="hint" id={`${name}-hint`}>
        {t('audit.filter.dateHint')}
      </div>
      {errors[name] ? (
        <p className="error-message" id={`${name}-error`}>
          {t('audit.filter.badDate')}
        </p>
      ) : null}
      <input
        className={`input input--third${errors[name] ? ' input--error' : ''}`}
        id={name}
        name={name}
        inputMode="numeric"
        defaultValue={filter[name]}
        aria-describedby={errors[name] ? `${name}-hint ${name}-error` : `${name}-hint`}
        aria-invalid={errors[name] || undefined}
      />
    </div>
  )
  return (
    <>
      <h1>{t('admin.audit')}</h1>
      <p>{t('admin.audit.lead')}</p>
      <FilterBar>
        <FilterSelect
          name="action"
          label={t('audit.filter.action')}
          value={filter.action}
          any={t('audit.filter.anyAction')}
          options={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.action.${a}`) }))}
        />
        <FilterSearch name="actor" label={t('audit.filter.actor')} value={filter.actor} />
        {dateField('from', t('audit.filter.from'))}
        {dateField('to', t('audit.filter.to'))}
      </FilterBar>
      <DataTable
        caption={t('admin.audit')}
        scrollLabel={t('admin.audit')}
        columns={[
          { label: t('audit.col.at') },
          { label: t('audit.col.actor') },
          { label: t('audit.col.action') },
          { label: t('audit.col.subject') },
          { label: t('audit.col.ip') },
          { label: t('audit.col.details') },
        ]}
        rows={rows.map((r) => (
          <tr key={r.id}>
            <td>{formatDateTime(r.at, lang)}</td>
            <td>{r.actor_email ?? t('audit.system')}</td>
            <td>{auditActionLabel(t, r.action)}</td>
            <td>{r.subject_label ?? (r.subject_type ? `${r.subject_type} ${r.subject_id ?? ''}` : '')}</td>
            <td>{r.ip ?? ''}</td>
            <td>
              <code>{Object.keys(r.details ?? {}).length ? JSON.stringify(r.details) : ''}</code>
            </td>
          </tr>
        ))}
      />
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} search={location.search} />
    </>
  )
}
