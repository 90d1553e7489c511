import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useLocation } from '@remix-run/react'
import { Pagination } from '../components/ui'
import { formatDateTime } from '../i18n/format'
import { pageParam, parseVnDate, searchParam } from '../lib/params'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { listAudit } from '../modules/audit'
import { AUDIT_ACTIONS } from '../modules/audit/actions'
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
      <Form method="get" className="filters" role="search">
        <div className="form-group">
          <label className="label" htmlFor="action">
            {t('audit.filter.action')}
          </label>
          <div className="hint">&nbsp;</div>
          <select className="input" id="action" name="action" defaultValue={filter.action}>
            <option value="">{t('audit.filter.anyAction')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`audit.action.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor="actor">
            {t('audit.filter.actor')}
          </label>
          <div className="hint">&nbsp;</div>
          <input className="input input--half" id="actor" name="actor" type="search" defaultValue={filter.actor} />
        </div>
        {dateField('from', t('audit.filter.from'))}
        {dateField('to', t('audit.filter.to'))}
        <button type="submit" className="button button--secondary">
          {t('form.search')}
        </button>
      </Form>
      {/* The details column can make the table wider than the page: a scrollable region keyboard users can reach. */}
      <div className="table-wrap" role="region" aria-label={t('admin.audit')} tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">{t('admin.audit')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.col.at')}</th>
              <th scope="col">{t('audit.col.actor')}</th>
              <th scope="col">{t('audit.col.action')}</th>
              <th scope="col">{t('audit.col.subject')}</th>
              <th scope="col">{t('audit.col.ip')}</th>
              <th scope="col">{t('audit.col.details')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6}>{t('table.empty')}</td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.at, lang)}</td>
                  <td>{r.actor_email ?? t('audit.system')}</td>
                  <td>{AUDIT_ACTIONS.includes(r.action as never) ? t(`audit.action.${r.action as (typeof AUDIT_ACTIONS)[number]}`) : r.action}</td>
                  <td>{r.subject_label ?? (r.subject_type ? `${r.subject_type} ${r.subject_id ?? ''}` : '')}</td>
                  <td>{r.ip ?? ''}</td>
                  <td>
                    <code>{Object.keys(r.details ?? {}).length ? JSON.stringify(r.details) : ''}</code>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} search={location.search} />
    </>
  )
}
