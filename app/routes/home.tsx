import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { AccountantPart, AdminPart, DirectorPart, OfficePart, ReviewerPart, SigningPart } from '../components/start-fund'
import { DataTable } from '../components/table'
import { AgendaStepLine } from '../components/tasks'
import { Tag } from '../components/ui'
import { StatusTag } from '../components/workflow'
import { formatDate, formatDay, formatTime } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { vnDate } from '../modules/calendar'
import { startPage } from '../modules/start'

// The start page after signing in: for each role the person holds, what needs them now, each item linking to
// the page where it is done (ADR 015).

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'start.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, 'routes/home')
  const now = new Date()
  return json({ name: user.fullName, today: vnDate(now), ...(await startPage(args.context.db, user, now)) })
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

function Applicant({ section, today }: { section: NonNullable<Data['applicant']>; today: string }) {
  const t = useT()
  const lang = useLang()
  return (
    <section aria-labelledby="start-applicant">
      <h2 id="start-applicant">{t('start.applicant.title')}</h2>
      {section.total === 0 ? (
        <>
          <p>{t('start.applicant.empty')}</p>
          {section.organisations === 0 ? (
            <>
              <p>{t('start.applicant.noOrganisation')}</p>
              <p>
                <Link className="button button--secondary" to="/organisations/new">
                  {t('applications.new.registerOrganisation')}
                </Link>
              </p>
            </>
          ) : null}
          <p>
            <Link className="button" to="/calls?phase=open">
              {t('applications.list.emptyAction')}
            </Link>
          </p>
        </>
      ) : (
        <>
          <DataTable
            caption={t('start.applicant.title')}
            columns={[{ label: t('start.col.application') }, { label: t('start.col.status') }, { label: t('start.applicant.due') }, { label: t('start.col.action') }]}
            rows={section.items.map((a) => (
              <tr key={a.id}>
                <td>
                  {a.title || t('applications.list.untitled')}
                  <div className="hint">
                    {a.call.code} · {lang === 'en' && a.call.title_en ? a.call.title_en : a.call.title_vi}
                  </div>
                  <div className="hint">{a.organisation}</div>
                </td>
                <td>
                  <StatusTag status={a.status} />
                </td>
                <td>
                  {a.due?.kind === 'changes' ? (
                    <>
                      {t('start.applicant.due.changes', { date: formatDay(a.due.day) })}
                      {a.due.day < today ? (
                        <>
                          {' '}
                          <Tag tone="red">{t('start.applicant.overdue')}</Tag>
                        </>
                      ) : null}
                    </>
                  ) : a.due?.kind === 'deadline'
                    ? t('start.applicant.due.deadline', { time: formatTime(a.due.at), date: formatDate(a.due.at) })
                    : t('start.applicant.due.none')}
                </td>
                <td>
                  <Link to={`/applications/${a.id}`}>{t(`applications.next.${a.next}`)}</Link>
                </td>
              </tr>
            ))}
          />
          <p className="secondary">
            {t('start.total', { count: section.total })} · <Link to="/applications">{t('start.seeAll')}</Link>
          </p>
        </>
      )}
    </section>
  )
}

/** The grantee's funded tasks with a step due soon (or late), each with that step and its page. */
function Tasks({ section }: { section: NonNullable<Data['tasks']> }) {
  const t = useT()
  return (
    <section aria-labelledby="start-tasks">
      <h2 id="start-tasks">{t('tasks.start.title')}</h2>
      {section.items.length === 0 ? (
        <p>{t('tasks.start.empty', { days: section.days })}</p>
      ) : (
        <DataTable
          caption={t('tasks.start.title')}
          columns={[{ label: t('tasks.col.task') }, { label: t('tasks.col.next') }]}
          rows={section.items.map((task) => (
            <tr key={task.applicationId}>
              <td>
                <Link to={`/tasks/${task.applicationId}`}>{task.reference ?? task.title}</Link>
                <div>{task.title}</div>
                <div className="hint">{task.organisation}</div>
              </td>
              <td>{task.next ? <AgendaStepLine step={task.next} /> : null}</td>
            </tr>
          ))}
        />
      )}
      <p className="secondary">
        <Link to="/tasks">{t('tasks.start.all')}</Link>
      </p>
    </section>
  )
}

export default function StartPage() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const parts: [key: string, node: ReactNode][] = []
  if (data.signing) parts.push(['signing', <SigningPart key="signing" requests={data.signing} />])
  if (data.office) parts.push(['office', <OfficePart key="office" office={data.office} />])
  if (data.director) parts.push(['director', <DirectorPart key="director" director={data.director} />])
  if (data.accountant) parts.push(['accountant', <AccountantPart key="accountant" accountant={data.accountant} />])
  if (data.reviewer) parts.push(['reviewer', <ReviewerPart key="reviewer" reviewer={data.reviewer} today={data.today} />])
  if (data.admin) parts.push(['admin', <AdminPart key="admin" admin={data.admin} />])
  if (data.tasks) parts.push(['tasks', <Tasks key="tasks" section={data.tasks} />])
  if (data.applicant) parts.push(['applicant', <Applicant key="applicant" section={data.applicant} today={data.today} />])
  return (
    <>
      <h1>{t('start.title')}</h1>
      <p className="lead">{t('start.lead', { name: data.name })}</p>
      {parts.map(([, node]) => node)}
    </>
  )
}
