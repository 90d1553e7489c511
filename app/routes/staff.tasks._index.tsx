import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import type { ApplicationStatus } from '../../db/schema'
import { useFieldLabel } from '../components/call-card'
import { DataTable } from '../components/table'
import { ContractStatusTag } from '../components/tasks'
import { StatusTag } from '../components/workflow'
import { formatDay, formatMoney } from '../i18n/format'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { PRIORITY_FIELDS } from '../modules/calls/fields'
import { listPortfolio, type PortfolioFilter } from '../modules/contracts'

// The office's portfolio of funded tasks: every task with a contract, filtered by a plain GET form (call, status,
// priority field, a tranche due this week) so a filtered list can be bookmarked and works without JavaScript.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'tasks.portfolio.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/staff.tasks._index')
  const { db } = args.context
  const search = new URL(args.request.url).searchParams
  const all = await listPortfolio(db)
  const calls = [...new Set(all.map((r) => r.callCode))].sort()
  const statuses = [...new Set(all.map((r) => r.status))].sort()
  // Only values the lists offer are taken; anything else is no filter at all.
  const pick = <T extends string>(value: string | null, allowed: readonly T[]) => allowed.find((a) => a === value)
  const filter: PortfolioFilter = {
    call: pick(search.get('call'), calls),
    status: pick(search.get('status'), statuses),
    field: pick(search.get('field'), PRIORITY_FIELDS),
    dueThisWeek: search.get('due') === 'week',
  }
  const filtered = Object.values(filter).some(Boolean)
  const rows = filtered ? await listPortfolio(db, filter) : all
  return json({ rows, calls, statuses, filter, filtered, total: rows.reduce((sum, r) => sum + r.fundAmount, 0) })
}

export default function Portfolio() {
  const { rows, calls, statuses, filter, filtered, total } = useLoaderData<typeof loader>()
  const t = useT()
  const fieldLabel = useFieldLabel()
  return (
    <>
      <h1>{t('tasks.portfolio.title')}</h1>
      <p>{t('tasks.portfolio.lead')}</p>
      <Form method="get" className="filters" aria-label={t('tasks.filter.legend')}>
        <div className="form-group">
          <label className="label" htmlFor="call">
            {t('tasks.filter.call')}
          </label>
          <select className="input" id="call" name="call" defaultValue={filter.call ?? ''}>
            <option value="">{t('tasks.filter.any')}</option>
            {calls.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor="status">
            {t('tasks.filter.status')}
          </label>
          <select className="input" id="status" name="status" defaultValue={filter.status ?? ''}>
            <option value="">{t('tasks.filter.any')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`workflow.status.${s as ApplicationStatus}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor="field">
            {t('tasks.filter.field')}
          </label>
          <select className="input" id="field" name="field" defaultValue={filter.field ?? ''}>
            <option value="">{t('tasks.filter.any')}</option>
            {PRIORITY_FIELDS.map((f) => (
              <option key={f} value={f}>
                {fieldLabel(f)}
              </option>
            ))}
          </select>
        </div>
        <div className="checkboxes">
          <div className="checkboxes__item">
            <input className="checkboxes__input" type="checkbox" id="due" name="due" value="week" defaultChecked={!!filter.dueThisWeek} />
            <label className="checkboxes__label" htmlFor="due">
              {t('tasks.filter.dueThisWeek')}
            </label>
          </div>
        </div>
        <button type="submit" className="button button--secondary">
          {t('tasks.filter.apply')}
        </button>
        {filtered ? <Link to="/staff/tasks">{t('tasks.filter.clear')}</Link> : null}
      </Form>
      <p role="status">{rows.length === 0 ? t(filtered ? 'tasks.portfolio.empty' : 'tasks.portfolio.none') : t('tasks.portfolio.count', { count: rows.length, amount: formatMoney(total) })}</p>
      {rows.length > 0 ? (
        <DataTable
          caption={t('tasks.portfolio.title')}
          columns={[{ label: t('tasks.col.task') }, { label: t('tasks.col.status') }, { label: t('tasks.col.amount'), numeric: true }, { label: t('tasks.col.endsOn') }, { label: t('tasks.col.tranche') }]}
          rows={rows.map((r) => (
            <tr key={r.applicationId}>
              <td>
                <Link to={`/staff/tasks/${r.applicationId}`}>{r.reference ?? r.title}</Link>
                <div>{r.title}</div>
                <div className="hint">
                  {r.organisation} · {r.callCode}
                  {r.field ? ` · ${fieldLabel(r.field)}` : ''}
                </div>
              </td>
              <td>
                <StatusTag status={r.status} /> <ContractStatusTag status={r.contractStatus} />
              </td>
              <td className="num">{formatMoney(r.fundAmount)}</td>
              <td>{formatDay(r.endsOn)}</td>
              <td>{r.nextDueOn ? formatDay(r.nextDueOn) : '—'}</td>
            </tr>
          ))}
        />
      ) : null}
    </>
  )
}
