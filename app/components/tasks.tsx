import { Link } from '@remix-run/react'
import type { ComponentProps } from 'react'
import type { ApplicationStatus, ContractStatus } from '../../db/schema'
import type { MessageKey } from '../i18n'
import { formatDate, formatDateTime, formatDay, formatMoney } from '../i18n/format'
import { useLang, useT } from '../lib/i18n'
import { contractTone } from './contract'
import { DocumentList } from './documents'
import { SummaryList, Tag } from './ui'
import { StatusTag } from './workflow'

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

/** The contract's state beside the task's, in the words of a task list ("Hợp đồng đã ký"), coloured as everywhere. */
export function ContractStatusTag({ status }: { status: ContractStatus }) {
  const t = useT()
  return <Tag tone={contractTone(status)}>{t(`tasks.contractStatus.${status}`)}</Tag>
}

export interface TaskOverviewProps {
  back: { to: string; label: string }
  task: { id: string; reference: string | null; title: string; organisation: string; status: ApplicationStatus }
  contract: { number: string | null; status: ContractStatus; signedAt: string | null; fundAmount: number; counterpartAmount: number; startsOn: string; endsOn: string }
  accepted: { name: string; position: string; at: string } | null
  agenda: AgendaStep[]
  /** The parts of the task this person may open. */
  parts: [to: string, label: string][]
  /** The documents and where each downloads from, or null when this person may not see them. */
  documents: { list: ComponentProps<typeof DocumentList>['documents']; href: (documentId: string) => string } | null
}

/** A task's page, for the grantee and for the office alike: its state, what is due, its contract, its parts, its documents. */
export function TaskOverview({ back, task, contract, accepted, agenda, parts, documents }: TaskOverviewProps) {
  const t = useT()
  const lang = useLang()
  return (
    <>
      <p>
        <Link to={back.to}>← {back.label}</Link>
      </p>
      <p className="caption">
        {task.reference} · {task.organisation}
      </p>
      <h1>{task.title}</h1>
      <p>
        <StatusTag status={task.status} /> <ContractStatusTag status={contract.status} />
      </p>

      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">{t('tasks.agenda.heading')}</h2>
        <Agenda steps={agenda} />
      </section>

      <section aria-labelledby="contract-heading">
        <h2 id="contract-heading">{t('tasks.contract.heading')}</h2>
        <SummaryList
          rows={[
            [t('tasks.contract.number'), contract.number ?? t('tasks.contract.noNumber')],
            [t('tasks.contract.signedOn'), contract.signedAt ? formatDate(contract.signedAt) : t('tasks.contract.notSigned')],
            [t('tasks.contract.amount'), formatMoney(contract.fundAmount)],
            [t('tasks.contract.counterpart'), formatMoney(contract.counterpartAmount)],
            [t('tasks.contract.period'), `${formatDay(contract.startsOn)} – ${formatDay(contract.endsOn)}`],
            ...(accepted ? ([[t('tasks.contract.accepted'), t('tasks.contract.acceptedBy', { name: accepted.name, position: accepted.position, at: formatDateTime(accepted.at, lang) })]] as [string, string][]) : []),
          ]}
        />
      </section>

      <nav aria-labelledby="parts-heading">
        <h2 id="parts-heading">{t('tasks.parts.heading')}</h2>
        <ul className="list-bullet">
          {parts.map(([to, label]) => (
            <li key={to}>
              <Link to={to}>{label}</Link>
            </li>
          ))}
        </ul>
      </nav>

      {documents ? (
        <section id="documents" aria-labelledby="documents-heading">
          <h2 id="documents-heading">{t('tasks.documents.heading')}</h2>
          <DocumentList documents={documents.list} href={documents.href} />
        </section>
      ) : null}
    </>
  )
}
