import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { TaskOverview } from '../components/tasks'
import { pageTitle, useT } from '../lib/i18n'
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

export default function TaskOverviewPage() {
  const { task, contract, accepted, agenda, documents } = useLoaderData<typeof loader>()
  const t = useT()
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
    <TaskOverview
      back={{ to: '/tasks', label: t('tasks.back') }}
      task={task}
      contract={contract}
      accepted={accepted}
      agenda={agenda}
      parts={parts}
      documents={{ list: documents, href: (documentId) => `/applications/${task.id}/documents/${documentId}` }}
    />
  )
}
