import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Banner, Tag } from '../components/ui'
import { formatDateTime } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { uuidParam } from '../lib/params'
import { canEditDraft, getApplicationForMember, getTaskList } from '../modules/applications'
import { authorizeUser } from '../modules/auth'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'applications.task.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, 'routes/applications.$id._index')
  const access = await getApplicationForMember(args.context.db, uuidParam(args.params.id), user.id)
  if (!access) throw new Response('Not found', { status: 404 })
  const tasks = await getTaskList(args.context.db, access)
  const editable = canEditDraft(access)
  const readOnly: 'viewer' | 'status' | 'deadline' | null = editable ? null : access.role === 'viewer' ? 'viewer' : access.application.status !== 'draft' ? 'status' : 'deadline'
  return json({
    application: { id: access.application.id, title: access.application.title, status: access.application.status },
    organisation: access.organisation,
    call: { code: access.call.code, title_vi: access.call.title_vi, title_en: access.call.title_en, closes_at: access.call.closes_at },
    tasks,
    readOnly,
  })
}

const TONE = { not_started: 'grey', in_progress: 'blue', completed: 'green' } as const

export default function TaskList() {
  const { application, organisation, call, tasks, readOnly } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const done = tasks.filter((task) => task.state === 'completed').length
  return (
    <>
      <p>
        <Link to="/applications">← {t('applications.list.title')}</Link>
      </p>
      {readOnly ? <Banner>{t(`applications.task.readOnly.${readOnly}`)}</Banner> : null}
      <p className="caption">
        {lang === 'en' && call.title_en ? call.title_en : call.title_vi} · {organisation.name}
      </p>
      <h1>{application.title || t('applications.task.title')}</h1>
      <p>{t('applications.task.deadline', { date: formatDateTime(call.closes_at, lang) })}</p>
      <p>{t('applications.task.progress', { done, total: tasks.length })}</p>
      <h2>{t('applications.task.sections')}</h2>
      <ol className="task-list">
        {tasks.map((task, i) => (
          <li className="task-list__item" key={task.key}>
            <span className="task-list__name">
              {i + 1}.{' '}
              <Link to={task.href} aria-describedby={`${task.key}-status`}>
                {t(`applications.section.${task.key}`)}
              </Link>
            </span>
            <span className="task-list__status" id={`${task.key}-status`}>
              <Tag tone={TONE[task.state]}>{t(`applications.state.${task.state}`)}</Tag>
            </span>
          </li>
        ))}
      </ol>
    </>
  )
}
