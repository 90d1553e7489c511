import { Link } from '@remix-run/react'
import { type ReactNode, useId } from 'react'
import { useT } from '../lib/i18n'

/** A notification banner (GOV.UK): success after an action, or important information. */
export function Banner({ kind = 'info', title, children }: { kind?: 'info' | 'success'; title?: string; children: ReactNode }) {
  const t = useT()
  const titleId = useId()
  return (
    <div className={`banner banner--${kind}`} role={kind === 'success' ? 'alert' : 'region'} aria-labelledby={titleId}>
      <div className="banner__header">
        <h2 className="banner__title" id={titleId}>
          {title ?? (kind === 'success' ? t('notice.success') : t('notice.important'))}
        </h2>
      </div>
      <div className="banner__content">{children}</div>
    </div>
  )
}

export function Tag({ children, tone = 'grey' }: { children: ReactNode; tone?: 'grey' | 'green' | 'blue' | 'red' | 'yellow' }) {
  return <strong className={`tag tag--${tone}`}>{children}</strong>
}

/** Previous/next links keeping the other query parameters. */
export function Pagination({ page, pageSize, total, search }: { page: number; pageSize: number; total: number; search: string }) {
  const t = useT()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const link = (p: number) => {
    const params = new URLSearchParams(search)
    params.set('page', String(p))
    return `?${params}`
  }
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      {page > 1 ? (
        <Link to={link(page - 1)} rel="prev">
          ← {t('pagination.previous')}
        </Link>
      ) : null}
      <span className="pagination__status">{t('pagination.status', { page, pages, total })}</span>
      {page < pages ? (
        <Link to={link(page + 1)} rel="next">
          {t('pagination.next')} →
        </Link>
      ) : null}
    </nav>
  )
}

/** A GOV.UK summary list: label and value on each row. */
export function SummaryList({ rows }: { rows: [label: string, value: ReactNode][] }) {
  return (
    <dl className="summary-list">
      {rows.map(([label, value]) => (
        <div className="summary-list__row" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}
