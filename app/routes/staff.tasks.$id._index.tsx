import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { TaskOverview } from '../components/tasks'
import { pageTitle, useT } from '../lib/i18n'
import { can } from '../modules/auth'
import { authorizeStaffTaskOverview, staffHref } from '../modules/tasks'

// The office's page of one funded task: the contract in brief, what the grantee has to do next (each step
// linking to the office's page of that part), the way to each part, the documents and the application.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'tasks.title')

export async function loader(args: LoaderFunctionArgs) {
  const { user, task } = await authorizeStaffTaskOverview(args, 'routes/staff.tasks.$id._index')
  const { contract } = task
  // Each part under the permission of its own page: a link the person cannot open is not shown.
  const may = {
    contract: can(user, 'application:read'),
    payments: can(user, 'payment:read'),
    reports: can(user, 'application:read'),
    inspections: can(user, 'application:read'),
    acceptance: can(user, 'application:screen'),
    loan: contract.modality === 'preferential_loan' && can(user, 'loan:record'),
    application: can(user, 'application:read'),
  }
  return json({
    task: { id: task.applicationId, reference: task.reference, title: task.title, organisation: task.organisation, status: task.status },
    contract: { number: task.contractNumber, status: contract.status, signedAt: contract.signedAt, fundAmount: contract.fundAmount, counterpartAmount: contract.counterpartAmount, startsOn: contract.startsOn, endsOn: contract.endsOn },
    accepted: task.accepted,
    agenda: task.agenda.map((step) => ({ ...step, href: staffHref(step.href) })),
    documents: may.application ? task.documents : [],
    may,
  })
}

export default function StaffTaskOverview() {
  const { task, contract, accepted, agenda, documents, may } = useLoaderData<typeof loader>()
  const t = useT()
  const base = `/staff/tasks/${task.id}`
  const parts: [to: string, label: string, shown: boolean][] = [
    [`${base}/contract`, t('tasks.part.contract'), may.contract],
    [`${base}/payments`, t('tasks.part.payments'), may.payments],
    [`${base}/settlement`, t('tasks.part.settlement'), may.payments],
    [`${base}/reports`, t('tasks.part.reports'), may.reports],
    [`${base}/changes`, t('tasks.part.changes'), may.contract],
    [`${base}/inspections`, t('tasks.part.inspections'), may.inspections],
    [`${base}/acceptance`, t('tasks.part.results'), may.acceptance],
    [`${base}/loan`, t('tasks.part.loan'), may.loan],
    [`/staff/applications/${task.id}`, t('tasks.part.application'), may.application],
  ]
  return (
    <TaskOverview
      back={{ to: '/staff/tasks', label: t('tasks.portfolio.title') }}
      task={task}
      contract={contract}
      accepted={accepted}
      agenda={agenda}
      parts={parts.filter(([, , shown]) => shown).map(([to, label]) => [to, label] as [string, string])}
      documents={may.application ? { list: documents, href: (documentId) => `/staff/applications/${task.id}/documents/${documentId}` } : null}
    />
  )
}
