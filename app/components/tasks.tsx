import { Link } from '@remix-run/react'
import type { ContractStatus } from '../../db/schema'
import type { MessageKey } from '../i18n'
import { formatDay } from '../i18n/format'
import { useT } from '../lib/i18n'
import { Tag } from './ui'

// The pieces of the task pages: a step of the agenda (what, by when, where), the agenda as a list, and the
// contract's state as a tag.

export interface AgendaStep {
  labelKey: string
  dueOn: string | null
  href: string
  overdue: boolean
}

/** One step: its link, its day (or that none is set) and a red tag when late. */
export function AgendaStepLine({ step }: { step: AgendaStep }) {
  const t = useT()
  return (
    <>
      <Link to={step.href}>{t(step.labelKey as MessageKey)}</Link> <span className="hint">{step.dueOn ? t('tasks.next.due', { date: formatDay(step.dueOn) }) : t('tasks.next.noDay')}</span>
      {step.overdue ? (
        <>
          {' '}
          <Tag tone="red">{t('tasks.overdue')}</Tag>
        </>
      ) : null}
    </>
  )
}

/** The task's agenda, soonest first, each step linking to the page where it is done. */
export function Agenda({ steps }: { steps: AgendaStep[] }) {
  const t = useT()
  if (steps.length === 0) return <p>{t('tasks.agenda.empty')}</p>
  return (
    <ul className="list-bullet">
      {steps.map((s) => (
        <li key={s.labelKey}>
          <AgendaStepLine step={s} />
        </li>
      ))}
    </ul>
  )
}

const TONE: Record<ContractStatus, 'grey' | 'blue' | 'green' | 'red' | 'yellow'> = { draft: 'grey', proposed: 'yellow', signed: 'green', liquidated: 'blue', terminated: 'red' }

export function ContractStatusTag({ status }: { status: ContractStatus }) {
  const t = useT()
  return <Tag tone={TONE[status]}>{t(`tasks.contractStatus.${status}`)}</Tag>
}
