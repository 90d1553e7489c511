import type { MessageKey } from '../i18n'
import { formatDateTime, formatFileSize } from '../i18n/format'
import { useLang, useT } from '../lib/i18n'

// The Fund's issued documents of an application, as download links: number, kind, date and size.

export interface DocumentView {
  id: string
  kind: string
  symbol: string | null
  filename: string
  sizeBytes: number
  createdAt: string | Date
  state: 'issued' | 'cancelled' | null
}

export function DocumentList({ documents, href }: { documents: DocumentView[]; href: (documentId: string) => string }) {
  const t = useT()
  const lang = useLang()
  if (documents.length === 0) return <p>{t('documents.section.empty')}</p>
  return (
    <ul className="list-bullet">
      {documents.map((d) => {
        const name = `${t(`documents.kind.${d.kind}` as MessageKey)} ${d.symbol ?? ''}`.trim()
        return (
          <li key={d.id}>
            <a href={href(d.id)} download>
              {t('documents.download', { name, size: formatFileSize(d.sizeBytes, t) })}
            </a>{' '}
            <span className="hint">
              {formatDateTime(d.createdAt, lang)}
              {d.state === 'cancelled' ? ` · ${t('documents.cancelled')}` : ''}
            </span>
          </li>
        )
      })}
    </ul>
  )
}
