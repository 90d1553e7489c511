import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DocumentList } from '../components/documents'
import { Agenda, ContractStatusTag } from '../components/tasks'
import { SummaryList } from '../components/ui'
import { StatusTag } from '../components/workflow'
import { formatDate, formatDateTime, formatDay, formatMoney } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeTaskOverview } from '../modules/tasks'

// The grantee's page of one funded task: the contract in brief, what is due next, the way to each part of the
// task, and the documents the Fund issued (mails link to #documents).

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'tasks.title')

export async function loader(args: LoaderFunctionArgs) {
  const { task } = await authorizeTaskOverview(args, 'routes/tasks.$id._index')
  const { contract } = task
  return json({
    task: { id: task.applicationId, reference: task.reference, title: task.title, organisation: task.organisation, status: task.status },
    contract: { number: task.contractNumber, status: contract.status, signedAt: contract.signedAt, fundAmount: contract.fundAmount, counterpartAmount: contract.counterpartAmount, startsOn: contract.startsOn, endsOn: contract.endsOn, loan: contract.modality === 'preferential_loan' },
    accepted: task.accepted,
    agenda: task.agenda,
    // A cancelled document is the office's record, not the grantee's (as on the application's page).
    documents: task.documents.filter((d) => d.state !== 'cancelled'),
  })
}

export default function TaskOverview() {
  const { task, contract, accepted, agenda, documents } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const base = `/tasks/${task.id}`
  const parts: [to: string, label: string][] = [
    [`${base}/contract`, t('tasks.part.contract')],
    [`${base}/payments`, t('tasks.part.payments')],
    [`${base}/reports`, t('tasks.part.reports')],
    [`${base}/changes`, t('tasks.part.changes')],
    [`${base}/settlement`, t('tasks.part.settlement')],
    [`${base}/results`, t('tasks.part.results')],
    ...(contract.loan ? ([[`${base}/loan`, t('tasks.part.loan')]] as [string, string][]) : []),
  ]
  return (
    <>
      <p>
        <Link to="/tasks">← {t('tasks.back')}</Link>
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

      <section id="documents" aria-labelledby="documents-heading">
        <h2 id="documents-heading">{t('tasks.documents.heading')}</h2>
        <DocumentList documents={documents} href={(documentId) => `/applications/${task.id}/documents/${documentId}`} />
      </section>
    </>
  )
}
