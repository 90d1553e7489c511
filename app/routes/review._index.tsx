import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Tag } from '../components/ui'
import { formatDate } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { listMyAssignments } from '../modules/review/ballots'
import { assignmentNextStep } from '../modules/review/rules'
import { listSecretaryCouncils } from '../modules/review/meeting'
import { vnDate } from '../modules/calendar'
import { councilName } from '../modules/review/names'

// The reviewer's workspace: the applications assigned to them, due soonest first, with what to do next.

const ROUTE = 'routes/review._index'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reviewing.list.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  return json({
    assignments: await listMyAssignments(args.context.db, user.id),
    meetings: await listSecretaryCouncils(args.context.db, user.id),
    today: vnDate(new Date()),
  })
}

export default function ReviewList() {
  const { assignments, meetings, today } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  return (
    <>
      <h1>{t('reviewing.list.title')}</h1>
      <p>{t('reviewing.list.lead')}</p>
      {assignments.length === 0 ? (
        <p>{t('reviewing.list.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('reviewing.list.application')}</th>
                <th scope="col">{t('reviewing.list.council')}</th>
                <th scope="col">{t('reviewing.list.due')}</th>
                <th scope="col">{t('reviewing.list.next')}</th>
              </tr>
            </thead>
            <tbody>
              {assignments.map((a) => {
                const step = assignmentNextStep(a)
                const open = a.conflict !== 'declared' && a.ballot !== 'submitted'
                const overdue = open && a.dueOn !== null && a.dueOn < today
                return (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/review/${a.id}`}>{a.reference ?? '—'}</Link>
                      <div>{a.title}</div>
                      <div className="hint">{a.organisationName ?? t('reviewing.list.blind')}</div>
                    </td>
                    <td>
                      {councilName({ nameVi: a.councilNameVi, nameEn: a.councilNameEn }, lang)}
                      <div className="hint">
                        {a.callCode} · {lang === 'en' && a.callTitleEn ? a.callTitleEn : a.callTitleVi}
                      </div>
                    </td>
                    <td>
                      {a.dueOn ? formatDate(a.dueOn) : t('reviewing.list.noDue')}
                      {overdue ? (
                        <>
                          {' '}
                          <Tag tone="red">{t('reviewing.list.overdue')}</Tag>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {step === 'reviewing.next.submitted' ? <Tag tone="green">{t(step)}</Tag> : step === 'reviewing.next.declared' || step === 'reviewing.next.blocked' ? <Tag>{t(step)}</Tag> : <Link to={`/review/${a.id}`}>{t(step)}</Link>}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {meetings.length ? (
        <section aria-labelledby="meetings-title">
          <h2 id="meetings-title">{t('reviewing.list.meetings')}</h2>
          <p>{t('reviewing.list.meetings.lead')}</p>
          <ul className="list-bullet">
            {meetings.map((c) => (
              <li key={c.id}>
                <Link to={`/staff/councils/${c.id}/meeting`}>{t('reviewing.list.meetings.link', { name: councilName(c, lang) })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <Link to="/review/relations">{t('reviewing.list.relations')}</Link>
      </p>
    </>
  )
}
