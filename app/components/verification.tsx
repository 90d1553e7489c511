import type { SerializeFrom } from '@remix-run/node'
import type { Verification } from '../modules/decisions'
import { formatDate, formatDateTime } from '../i18n/format'
import { useLang, useT } from '../lib/i18n'
import { SummaryList } from './ui'

/** The answer of /verify: the document's printed facts and whether it stands, or why nothing matched. */
export function VerificationResult({ result, filename }: { result: SerializeFrom<Verification>; filename?: string }) {
  const t = useT()
  const lang = useLang()
  if (!result.found) {
    return (
      <section aria-labelledby="verify-result" className={`verify-result verify-result--${result.reason === 'altered' ? 'bad' : 'none'}`} role="status">
        <h2 id="verify-result">{t('docCheck.result')}</h2>
        {filename ? <p className="hint">{filename}</p> : null}
        <p>
          <strong>{t(`docCheck.${result.reason}`)}</strong>
        </p>
      </section>
    )
  }
  const d = result.document
  const ok = d.state === 'valid'
  return (
    <section aria-labelledby="verify-result" className={`verify-result verify-result--${ok ? 'ok' : 'bad'}`} role="status">
      <h2 id="verify-result">{t('docCheck.result')}</h2>
      {filename ? <p className="hint">{filename}</p> : null}
      <p>
        <strong>{t(result.by === 'file' ? 'docCheck.ok.file' : 'docCheck.ok.code')}</strong>
      </p>
      <p>
        <strong>{d.state === 'replaced' ? t('docCheck.state.replaced', { symbol: d.replacedBy ?? '' }) : t(`docCheck.state.${d.state}`)}</strong>
      </p>
      <SummaryList
        rows={[
          [t('docCheck.number'), d.symbol],
          [t('docCheck.kind'), t(`docCheck.kind.${d.kind as 'decision' | 'notice' | 'ineligible' | 'supplementation' | 'minutes' | 'acceptance_minutes'}`)],
          [t('docCheck.issuedAt'), formatDate(d.issuedAt)],
          [t('docCheck.signer'), [d.signerCapacity, d.signerName].filter(Boolean).join(': ')],
          [t('docCheck.signedAt'), d.signedAt ? formatDateTime(d.signedAt, lang) : ''],
        ]}
      />
    </section>
  )
}
