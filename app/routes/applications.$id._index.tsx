import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Banner, Tag } from '../components/ui'
import { formatDateTime } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { canEditDraft, canWithdraw, authorizeApplicationMember, getTaskList, listApplicationEvents } from '../modules/applications'
import type { MessageKey } from '../i18n'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'applications.task.title')

export async function loader(args: LoaderFunctionArgs) {
  const { access } = await authorizeApplicationMember(args, 'routes/applications.$id._index')
  const tasks = await getTaskList(args.context.db, access)
  const editable = canEditDraft(access)
  const readOnly: 'viewer' | 'status' | 'deadline' | null = editable ? null : access.role === 'viewer' ? 'viewer' : access.application.status !== 'draft' ? 'status' : 'deadline'
  const events = await listApplicationEvents(args.context.db, access.application.id)
  const app = access.application
  return json({
    application: {
      id: app.id,
      title: app.title,
      status: app.status,
      reference: app.reference,
      submittedAt: app.submitted_at,
      withdrawnAt: app.withdrawn_at,
      withdrawReason: app.withdraw_reason,
    },
    canWithdraw: canWithdraw(access),
    withdrawnNotice: new URL(args.request.url).searchParams.get('notice') === 'withdrawn',
    events: events.map((e) => ({ id: e.id, at: e.at, event: e.event, actorName: e.actorName, details: e.details })),
    organisation: access.organisation,
    call: { code: access.call.code, title_vi: access.call.title_vi, title_en: access.call.title_en, closes_at: access.call.closes_at },
    tasks,
    readOnly,
  })
}

const TONE = { not_started: 'grey', in_progress: 'blue', completed: 'green' } as const

export default function TaskList() {
  const { application, organisation, call, tasks, readOnly, events, canWithdraw, withdrawnNotice } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const done = tasks.filter((task) => task.state === 'completed').length
  return (
    <>
      <p>
        <Link to="/applications">← {t('applications.list.title')}</Link>
      </p>
      {withdrawnNotice ? <Banner kind="success">{t('submission.withdraw.done')}</Banner> : null}
      {readOnly && !withdrawnNotice ? <Banner>{t(`applications.task.readOnly.${readOnly}`)}</Banner> : null}
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
        {application.status === 'draft' ? (
          <li className="task-list__item">
            <span className="task-list__name">
              {tasks.length + 1}. <Link to={`/applications/${application.id}/check`} aria-describedby="check-hint">{t('submission.task.check')}</Link>
            </span>
            <span className="hint task-list__hint" id="check-hint">
              {t('submission.task.check.hint')}
            </span>
          </li>
        ) : null}
      </ol>
      {application.reference ? (
        <>
          <h2>{t('submission.task.submitted')}</h2>
          <dl className="summary-list">
            <div className="summary-list__row">
              <dt>{t('submission.task.reference')}</dt>
              <dd>
                <strong>{application.reference}</strong>
              </dd>
            </div>
            {application.submittedAt ? (
              <div className="summary-list__row">
                <dt>{t('submission.task.submittedAt')}</dt>
                <dd>{formatDateTime(application.submittedAt, lang)}</dd>
              </div>
            ) : null}
            {application.withdrawnAt ? (
              <div className="summary-list__row">
                <dt>{t('submission.task.withdrawnAt')}</dt>
                <dd>{formatDateTime(application.withdrawnAt, lang)}</dd>
              </div>
            ) : null}
            {application.withdrawReason ? (
              <div className="summary-list__row">
                <dt>{t('submission.task.withdrawReason')}</dt>
                <dd className="pre-line">{application.withdrawReason}</dd>
              </div>
            ) : null}
          </dl>
          <p>
            <Link to={`/applications/${application.id}/check`}>{t('submission.task.viewAnswers')}</Link>
          </p>
        </>
      ) : null}
      {canWithdraw && application.status !== 'draft' ? (
        <p>
          <Link to={`/applications/${application.id}/withdraw`} className="button button--warning">
            {t('submission.task.withdraw')}
          </Link>
        </p>
      ) : null}
      <h2>{t('submission.timeline.title')}</h2>
      <p className="hint">{t('submission.timeline.messages')}</p>
      {events.length === 0 ? (
        <p>{t('submission.timeline.empty')}</p>
      ) : (
        <ol className="timeline" reversed>
          {events.map((e) => (
            <li className="timeline__item" key={e.id}>
              <p className="timeline__title">{eventText(t, e)}</p>
              <p className="timeline__meta">
                <time dateTime={String(e.at)}>{formatDateTime(e.at, lang)}</time> · {t('submission.timeline.by', { name: e.actorName ?? t('submission.timeline.system') })}
              </p>
            </li>
          ))}
        </ol>
      )}
      {canWithdraw && application.status === 'draft' ? (
        <p>
          <Link to={`/applications/${application.id}/withdraw`}>{t('submission.task.withdraw')}</Link>
        </p>
      ) : null}
    </>
  )
}

const SECTIONS = new Set(['general', 'organisation', 'team', 'proposal', 'budget', 'attachments', 'declarations'])

/** One history entry in words. */
function eventText(t: ReturnType<typeof useT>, e: { event: string; details: Record<string, unknown> }): string {
  const str = (v: unknown) => (typeof v === 'string' ? v : '')
  switch (e.event) {
    case 'application.started':
      return t('submission.event.application.started')
    case 'section.saved': {
      const key = str(e.details.section)
      return t('submission.event.section.saved', { section: SECTIONS.has(key) ? t(`applications.section.${key}` as MessageKey) : key })
    }
    case 'submitted':
      return t('submission.event.submitted', { reference: str(e.details.reference) })
    case 'withdrawn':
      return t('submission.event.withdrawn', { reason: str(e.details.reason) })
    default:
      return t('submission.event.other')
  }
}
