import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { Banner, SummaryList, Tag } from '../components/ui'
import { DocumentList } from '../components/documents'
import { FundMessages, History, StageList, StatusTag } from '../components/workflow'
import { formatDateTime, formatDay, formatMoney } from '../i18n/format'
import type { MessageKey } from '../i18n'
import { languageOf } from '../i18n'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { canEditDraft, canWithdraw, authorizeApplicationMember, getTaskList, listApplicationEvents } from '../modules/applications'
import { listDocuments, pendingOutcome } from '../modules/decisions'
import { applicantNextStep, councilStanding, decidedWithoutCouncil, eventsFor, listFundMessages } from '../modules/workflow'
import { appraisalFacts } from '../modules/appraisal'
import { contractOf } from '../modules/contracts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'applications.task.title')

export async function loader(args: LoaderFunctionArgs) {
  const { access } = await authorizeApplicationMember(args, 'routes/applications.$id._index')
  const tasks = await getTaskList(args.context.db, access)
  const editable = canEditDraft(access)
  const readOnly: 'viewer' | 'status' | 'deadline' | null = editable ? null : access.role === 'viewer' ? 'viewer' : access.application.status !== 'draft' ? 'status' : 'deadline'
  const events = await listApplicationEvents(args.context.db, access.application.id)
  const messages = await listFundMessages(args.context.db, access.application.id)
  const documents = (await listDocuments(args.context.db, access.application.id)).filter((d) => d.state !== 'cancelled')
  const app = access.application
  // The status a side exit (withdrawn, ineligible…) left, so the road shows where it stopped.
  const exit = events.find((e) => e.toStatus === app.status)
  const changeRequest = messages.find((m) => (m.kind === 'change_request' || m.kind === 'revision_request') && !m.resolvedAt) ?? null
  const pending = await pendingOutcome(args.context.db, app, documents)
  const standing = await councilStanding(args.context.db, app.id, languageOf(args.request))
  const next = applicantNextStep({
    applicationId: app.id,
    callId: app.call_id,
    status: app.status,
    council: standing.council,
    withoutCouncil: decidedWithoutCouncil(standing),
    pendingDocument: pending,
    changesDue: changeRequest?.dueOn ?? null,
    ...(await appraisalFacts(args.context.db, app)),
  })
  const decision = documents.find((d) => d.kind === 'decision')
  // The contract, once the Fund sent it (a draft is the office's own): read and accepted on its page.
  const contract = app.approved_amount === null ? null : await contractOf(args.context.db, app.id)
  return json({
    application: {
      id: app.id,
      title: app.title,
      status: app.status,
      reference: app.reference,
      submittedAt: app.submitted_at,
      withdrawnAt: app.withdrawn_at,
      withdrawReason: app.withdraw_reason,
      exitedFrom: (exit?.fromStatus ?? null) as typeof app.status | null,
    },
    canResubmit: access.role !== 'viewer' && (eventsFor(app.status, 'applicant').includes('resubmit') || eventsFor(app.status, 'applicant').includes('submit_revision')),
    changeRequest,
    next,
    // The Fund's decision once funding is approved: the amount, the conditions, and its document when issued.
    decision:
      app.approved_amount === null
        ? null
        : { amount: Number(app.approved_amount), conditions: app.decision_conditions, decidedAt: app.decided_at, document: decision ? { symbol: decision.symbol } : null, contract: contract && contract.status !== 'draft' ? { status: contract.status } : null },
    messages,
    documents,
    canWithdraw: canWithdraw(access),
    withdrawnNotice: new URL(args.request.url).searchParams.get('notice') === 'withdrawn',
    resubmittedNotice: new URL(args.request.url).searchParams.get('notice') === 'resubmitted',
    events: events.map((e) => ({ id: e.id, at: e.at, event: e.event, actorName: e.actorName, details: e.details })),
    organisation: access.organisation,
    call: { code: access.call.code, title_vi: access.call.title_vi, title_en: access.call.title_en, closes_at: access.call.closes_at },
    tasks,
    readOnly,
  })
}

const TONE = { not_started: 'grey', in_progress: 'blue', completed: 'green', to_change: 'yellow' } as const

export default function TaskList() {
  const { application, organisation, call, tasks, readOnly, events, canWithdraw, withdrawnNotice, resubmittedNotice, messages, changeRequest, canResubmit, documents, next, decision } =
    useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const done = tasks.filter((task) => task.state === 'completed').length
  return (
    <>
      <p>
        <Link to="/applications">← {t('applications.list.title')}</Link>
      </p>
      {withdrawnNotice ? <Banner kind="success">{t('submission.withdraw.done')}</Banner> : null}
      {resubmittedNotice ? <Banner kind="success">{t('submission.resubmitted')}</Banner> : null}
      {changeRequest ? (
        <Banner title={t(`workflow.message.${changeRequest.kind === 'revision_request' ? 'revision_request' : 'change_request'}`)}>
          <p className="pre-line">{changeRequest.body}</p>
          {changeRequest.dueOn ? <p><strong>{t('workflow.message.due', { date: formatDay(changeRequest.dueOn) })}</strong></p> : null}
          <p>{t('workflow.message.sections', { sections: changeRequest.sections.map((s) => t(`applications.section.${s}` as MessageKey)).join(', ') })}</p>
        </Banner>
      ) : readOnly && !withdrawnNotice && !resubmittedNotice ? (
        <Banner>{t(`applications.task.readOnly.${readOnly}`)}</Banner>
      ) : null}
      <p className="caption">
        {lang === 'en' && call.title_en ? call.title_en : call.title_vi} · {organisation.name}
      </p>
      <h1>{application.title || t('applications.task.title')}</h1>
      <p>
        {t('applications.list.status')}: <StatusTag status={application.status} />
      </p>
      <section aria-labelledby="next-title">
        <h2 id="next-title">{t('applications.whatNext.title')}</h2>
        <p>{t(next.text, next.params)}</p>
      </section>
      {decision ? (
        <section aria-labelledby="decision-title" id="decision">
          <h2 id="decision-title">{t('applications.decision.title')}</h2>
          <SummaryList
            rows={[
              [t('applications.decision.amount'), <strong key="amount">{formatMoney(decision.amount)}</strong>],
              [t('applications.decision.conditions'), decision.conditions ? <span className="pre-line">{decision.conditions}</span> : t('applications.decision.conditions.none')],
              ...(decision.decidedAt ? [[t('applications.decision.at'), formatDateTime(decision.decidedAt, lang)] as [string, string]] : []),
              [
                t('applications.decision.document'),
                decision.document?.symbol ? <a href="#documents">{t('applications.decision.document.issued', { symbol: decision.document.symbol })}</a> : t('applications.decision.document.pending'),
              ],
              ...(decision.contract ? [[t('contracts.page.title'), <Link key="contract" to={`/tasks/${application.id}/contract`}>{t(`contracts.status.${decision.contract.status}`)}</Link>] as [string, ReactNode]] : []),
            ]}
          />
        </section>
      ) : null}
      {application.status !== 'draft' ? <StageList status={application.status} exitedFrom={application.exitedFrom} /> : null}
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
        {application.status === 'draft' || canResubmit ? (
          <li className="task-list__item">
            <span className="task-list__name">
              {tasks.length + 1}.{' '}
              <Link to={`/applications/${application.id}/check`} aria-describedby="check-hint">
                {t(canResubmit ? 'submission.task.resubmit' : 'submission.task.check')}
              </Link>
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
                <dt>{t('submission.task.receipt')}</dt>
                <dd>
                  <a href={`/applications/${application.id}/receipt`} download>
                    {t('submission.receipt.download')}
                  </a>
                </dd>
              </div>
            ) : null}
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
      {documents.length ? (
        <section aria-labelledby="documents-title" id="documents">
          <h2 id="documents-title">{t('documents.section.title')}</h2>
          <DocumentList documents={documents} href={(d) => `/applications/${application.id}/documents/${d}`} />
        </section>
      ) : null}
      <FundMessages messages={messages} />
      <h2>{t('submission.timeline.title')}</h2>
      <History events={events} />
      {canWithdraw && application.status === 'draft' ? (
        <p>
          <Link to={`/applications/${application.id}/withdraw`}>{t('submission.task.withdraw')}</Link>
        </p>
      ) : null}
    </>
  )
}
