import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '../components/table'
import { AgendaStepLine, ContractStatusTag } from '../components/tasks'
import { StatusTag } from '../components/workflow'
import { formatDay, formatMoney } from '../i18n/format'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { listMyTasks } from '../modules/tasks'

// The grantee's funded tasks: the tasks of every organisation they belong to, with the next thing due on each.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'tasks.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, 'routes/tasks._index')
  return json({ tasks: await listMyTasks(args.context.db, user.id) })
}

export default function Tasks() {
  const { tasks } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <>
      <h1>{t('tasks.title')}</h1>
      {tasks.length === 0 ? (
        <>
          <p className="lead">{t('tasks.empty')}</p>
          <p>{t('tasks.empty.what')}</p>
          <p>
            <Link className="button button--secondary" to="/applications">
              {t('tasks.empty.action')}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>{t('tasks.lead')}</p>
          <DataTable
            caption={t('tasks.title')}
            columns={[{ label: t('tasks.col.task') }, { label: t('tasks.col.status') }, { label: t('tasks.col.amount'), numeric: true }, { label: t('tasks.col.endsOn') }, { label: t('tasks.col.next') }]}
            rows={tasks.map((task) => (
              <tr key={task.applicationId}>
                <td>
                  <Link to={`/tasks/${task.applicationId}`}>{task.reference ?? task.title}</Link>
                  <div>{task.title}</div>
                  <div className="hint">
                    {task.organisation} · {task.callCode}
                  </div>
                </td>
                <td>
                  <StatusTag status={task.status} /> <ContractStatusTag status={task.contractStatus} />
                </td>
                <td className="num">{formatMoney(task.fundAmount)}</td>
                <td>{formatDay(task.endsOn)}</td>
                <td>{task.next ? <AgendaStepLine step={task.next} /> : t('tasks.next.none')}</td>
              </tr>
            ))}
          />
        </>
      )}
    </>
  )
}
