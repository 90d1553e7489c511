import type { InboxClock } from '../modules/screening'
import { formatDay } from '../i18n/format'
import { useT } from '../lib/i18n'
import { Tag } from './ui'

const LEVEL_TONE = { ok: 'green', due_soon: 'yellow', overdue: 'red' } as const

/** Where an application's clock stands: the screening day of the limit in working days, or the changes' due date. */
export function ClockLines({ clock }: { clock: InboxClock | null }) {
  const t = useT()
  if (!clock) return null
  const level = <Tag tone={LEVEL_TONE[clock.level]}>{t(`inbox.level.${clock.level}`)}</Tag>
  return clock.kind === 'screening' ? (
    <>
      <span className="inbox-clock__line">{t('inbox.clock.day', { n: clock.elapsed, limit: clock.limit })}</span>
      <span className="inbox-clock__line">{t('inbox.clock.due', { date: formatDay(clock.dueDate) })}</span>
      {level}
    </>
  ) : (
    <>
      <span className="inbox-clock__line">{t('inbox.clock.changesDue', { date: formatDay(clock.dueDate) })}</span>
      {level}
    </>
  )
}
