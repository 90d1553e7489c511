import type { ApplicationStatus } from '../../db/schema'
import type { MessageKey } from '../i18n'
import { formatDateTime, formatDay } from '../i18n/format'
import { useLang, useT } from '../lib/i18n'
import { EVENTS, isCouncilEvent, type StageState, stagesOf, type WorkflowEvent } from '../modules/workflow/machine'
import { Tag } from './ui'

// The status machine on a page: an application's status as a tag, the stages of its road, its history in
// words and the Fund's messages. Used by the applicant's and the staff's pages alike.

const TONE: Partial<Record<ApplicationStatus, 'grey' | 'blue' | 'green' | 'red' | 'yellow'>> = {
  draft: 'grey',
  changes_requested: 'yellow',
  eligible: 'green',
  ineligible: 'red',
  recommended: 'green',
  revision: 'yellow',
  not_recommended: 'red',
  approved: 'green',
  rejected: 'red',
  completed: 'green',
  failed: 'red',
  withdrawn: 'grey',
  cancelled: 'red',
  closed: 'grey',
}

export function StatusTag({ status }: { status: ApplicationStatus }) {
  const t = useT()
  return <Tag tone={TONE[status] ?? 'blue'}>{t(`workflow.status.${status}`)}</Tag>
}

/** The road of the application: each stage done, current, upcoming, or where it stopped. */
export function StageList({ status, exitedFrom }: { status: ApplicationStatus; exitedFrom?: ApplicationStatus | null }) {
  const t = useT()
  const stages = stagesOf(status, exitedFrom)
  const marker: Record<StageState, string> = { done: '✓', current: '●', upcoming: '○', stopped: '✕' }
  return (
    <>
      <h2>{t('workflow.stages.title')}</h2>
      <ol className="stages">
        {stages.map((s) => (
          <li key={s.key} className={`stages__item stages__item--${s.state}`} aria-current={s.state === 'current' ? 'step' : undefined}>
            <span aria-hidden="true" className="stages__marker">
              {marker[s.state]}
            </span>{' '}
            {t(`workflow.stage.${s.key}` as MessageKey)} <span className="visually-hidden">({t(`workflow.stage.state.${s.state}`)})</span>
            {s.state === 'stopped' && s.outcome ? <> — <StatusTag status={s.outcome} /></> : null}
          </li>
        ))}
      </ol>
    </>
  )
}

const EVENT_NAMES = new Set<string>(EVENTS)
const SECTIONS = new Set(['general', 'organisation', 'team', 'proposal', 'budget', 'attachments', 'declarations'])

export interface HistoryEntry {
  id: number
  at: string | Date
  event: string
  actorName: string | null
  details: Record<string, unknown>
}

/** One history entry in words: the status machine's events by their name, the draft's own events. */
export function useEventText() {
  const t = useT()
  return (e: { event: string; details: Record<string, unknown> }): string => {
    const str = (v: unknown) => (typeof v === 'string' ? v : '')
    if (e.event === 'application.started') return t('submission.event.application.started')
    if (e.event === 'section.saved') {
      const key = str(e.details.section)
      return t('submission.event.section.saved', { section: SECTIONS.has(key) ? t(`applications.section.${key}` as MessageKey) : key })
    }
    if (!EVENT_NAMES.has(e.event)) return t('submission.event.other')
    const params = { reference: str(e.details.reference), reason: str(e.details.reason) }
    // A step a council takes, taken by the office on a call decided without one: said so, with its reason.
    if (e.details.withoutCouncil === true && isCouncilEvent(e.event)) return t(`workflow.event.${e.event}.withoutCouncil`, params)
    return t(`workflow.event.${e.event as WorkflowEvent}`, params)
  }
}

export function History({ events }: { events: HistoryEntry[] }) {
  const t = useT()
  const lang = useLang()
  const text = useEventText()
  if (events.length === 0) return <p>{t('submission.timeline.empty')}</p>
  return (
    <ol className="timeline" reversed>
      {events.map((e) => (
        <li className="timeline__item" key={e.id}>
          <p className="timeline__title">{text(e)}</p>
          <p className="timeline__meta">
            <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at, lang)}</time> · {t('submission.timeline.by', { name: e.actorName ?? t('submission.timeline.system') })}
          </p>
        </li>
      ))}
    </ol>
  )
}

export interface MessageView {
  id: number
  kind: 'message' | 'change_request' | 'eligible' | 'ineligible' | 'approved' | 'rejected' | 'cancelled' | 'revision_request'
  body: string
  dueOn: string | null
  sections: string[]
  createdAt: string | Date
  resolvedAt: string | Date | null
  authorName: string | null
}


/** The Fund's messages to the applicant, newest first. */
export function FundMessages({ messages, headingLevel = 2 }: { messages: MessageView[]; headingLevel?: 2 | 3 }) {
  const t = useT()
  const lang = useLang()
  const H = headingLevel === 2 ? 'h2' : 'h3'
  const Item = headingLevel === 2 ? 'h3' : 'h4'
  return (
    <section aria-labelledby="messages-title" id="messages">
      <H id="messages-title">{t('workflow.messages.title')}</H>
      {messages.length === 0 ? (
        <p>{t('workflow.messages.empty')}</p>
      ) : (
        <ul className="messages">
          {messages.map((m) => (
            <li key={m.id} className={`message message--${m.kind}`}>
              <Item className="message__title">{t(`workflow.message.${m.kind}`)}</Item>
              <p className="message__meta">{t('workflow.message.by', { name: m.authorName ?? t('fund.name'), date: formatDateTime(m.createdAt, lang) })}</p>
              {m.body ? <p className="pre-line">{m.body}</p> : null}
              {m.dueOn ? <p><strong>{t('workflow.message.due', { date: formatDay(m.dueOn) })}</strong></p> : null}
              {m.sections.length ? (
                <p>{t('workflow.message.sections', { sections: m.sections.map((s) => t(`applications.section.${s}` as MessageKey)).join(', ') })}</p>
              ) : null}
              {m.resolvedAt ? <p className="message__meta">{t('workflow.message.resolved', { date: formatDateTime(m.resolvedAt, lang) })}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
