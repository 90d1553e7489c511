import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useT } from '../lib/i18n'

// The staff list pattern: a search/filter bar above a table that pages (Pagination in ui.tsx).

/** A GET form of filters with its search button; filters keep working with JavaScript off. */
export function FilterBar({ children }: { children: ReactNode }) {
  const t = useT()
  return (
    <Form method="get" className="filters" role="search">
      {children}
      <button type="submit" className="button button--secondary">
        {t('form.search')}
      </button>
    </Form>
  )
}

export function FilterSelect({
  name,
  label,
  value,
  any,
  options,
}: {
  name: string
  label: string
  value: string
  /** The label of the empty choice ("any …"). */
  any: string
  options: readonly { value: string; label: string }[]
}) {
  return (
    <div className="form-group">
      <label className="label" htmlFor={name}>
        {label}
      </label>
      {/* Keyed by the value: an uncontrolled select would keep its old choice when the filters change by a link (Clear, Back). */}
      <select key={value} className="input" id={name} name={name} defaultValue={value}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

export function FilterSearch({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <div className="form-group">
      <label className="label" htmlFor={name}>
        {label}
      </label>
      <input key={value} className="input input--half" id={name} name={name} type="search" defaultValue={value} />
    </div>
  )
}

export interface Column {
  label: string
  numeric?: boolean
  /** Shown to screen readers only (e.g. a column of buttons). */
  hidden?: boolean
}

/**
 * A table with its header row, a caption for assistive technology, and one "nothing to show" row when
 * empty. `scrollLabel` makes a wide table's scroll area reachable by keyboard.
 */
export function DataTable({
  caption,
  columns,
  rows,
  scrollLabel,
}: {
  caption?: string
  columns: Column[]
  rows: ReactNode[]
  scrollLabel?: string
}) {
  const t = useT()
  return (
    <div className="table-wrap" {...(scrollLabel ? { role: 'region', 'aria-label': scrollLabel, tabIndex: 0 } : {})}>
      <table className="table">
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.hidden ? <span className="visually-hidden">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{t('table.empty')}</td>
            </tr>
          ) : (
            rows
          )}
        </tbody>
      </table>
    </div>
  )
}
