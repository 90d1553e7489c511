import { Link } from '@remix-run/react'
import type { Modality } from '../../db/schema'
import { isMessageKey } from '../i18n'
import { formatDate, formatMoney, formatTime } from '../i18n/format'
import { useLang, useT } from '../lib/i18n'
import type { CallPhase } from '../modules/calls/phase'
import { Tag } from './ui'

/** A call as its card shows it (dates as the JSON of a loader: ISO strings). */
export interface CallCardData {
  code: string
  modality: Modality
  priority_field: string
  title_vi: string
  title_en: string
  summary_vi: string
  summary_en: string
  opens_at: string
  closes_at: string
  budget_total: number
  max_amount: number
  phase: CallPhase
}

const DAY = 24 * 3600_000
const PHASE_TONE = { open: 'green', upcoming: 'blue', closed: 'grey' } as const

/** The label of a priority field, or its code when the catalogue has no name for it. */
export function useFieldLabel() {
  const t = useT()
  return (field: string) => {
    const key = `field.${field}`
    return isMessageKey(key) ? t(key) : field
  }
}

/** One call in a list: its type, field and phase, the title linking to its page, and the key figures. */
export function CallCard({ call, now, headingLevel = 3, showPhase = true }: { call: CallCardData; now: string; headingLevel?: 2 | 3; showPhase?: boolean }) {
  const t = useT()
  const lang = useLang()
  const fieldLabel = useFieldLabel()
  const closes = new Date(call.closes_at)
  const opens = new Date(call.opens_at)
  const days = Math.ceil((closes.getTime() - new Date(now).getTime()) / DAY)
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <li className="card">
      <span className="tag tag--blue">{t(`modality.${call.modality}`)}</span> <span className="tag tag--grey">{fieldLabel(call.priority_field)}</span>{' '}
      {showPhase ? <Tag tone={PHASE_TONE[call.phase]}>{t(`calls.phase.${call.phase}`)}</Tag> : null}
      <Heading className="card__title">
        <Link to={`/calls/${encodeURIComponent(call.code)}`}>{lang === 'vi' ? call.title_vi : call.title_en}</Link>
      </Heading>
      <p>{lang === 'vi' ? call.summary_vi : call.summary_en}</p>
      <dl className="card__meta">
        <div>
          <dt>{t('call.code')}</dt>
          <dd>{call.code}</dd>
        </div>
        <div>
          <dt>{t('call.maxAmount')}</dt>
          <dd>{formatMoney(call.max_amount)}</dd>
        </div>
        <div>
          <dt>{t('call.budget')}</dt>
          <dd>{formatMoney(call.budget_total)}</dd>
        </div>
        <div>
          <dt>{t('call.closes')}</dt>
          <dd>
            {t('call.closesAt', { time: formatTime(closes), date: formatDate(closes) })}
            <br />
            {call.phase === 'open' ? (
              <span className={days <= 3 ? 'deadline-soon' : 'secondary'}>{days <= 1 ? t('call.lastDay') : t('call.daysLeft', { days })}</span>
            ) : call.phase === 'upcoming' ? (
              <span className="secondary">{t('calls.opensAt', { time: formatTime(opens), date: formatDate(opens) })}</span>
            ) : (
              <span className="secondary">{t('calls.closedNote')}</span>
            )}
          </dd>
        </div>
      </dl>
    </li>
  )
}
