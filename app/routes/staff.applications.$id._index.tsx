import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { DocumentList } from '../components/documents'
import { DossierSummary } from '../components/dossier'
import { ErrorSummary, PortalFormTag, SubmitButton, TextAreaField, usePortalForm } from '../components/form'
import { Banner, SummaryList } from '../components/ui'
import { FundMessages, History, StageList, StatusTag } from '../components/workflow'
import { formatDateTime, formatMoney } from '../i18n/format'
import { formError, readForm } from '../lib/forms.server'
import { languageOf } from '../i18n'
import { pageTitle, useLang, useMessage, useT } from '../lib/i18n'
import { getDossier, listApplicationEvents } from '../modules/applications'
import { can } from '../modules/auth'
import { listDocuments, openSignatureRequest, outcomeKindOf, pendingOutcome } from '../modules/decisions'
import { addStaffNote, authorizeStaffApplication, listStaffNotes } from '../modules/screening'
import { noteSchema } from '../modules/screening/schemas'
import { listCouncils } from '../modules/review'
import { councilName } from '../modules/review/names'
import { appraisalFacts } from '../modules/appraisal'
import { contractOf } from '../modules/contracts'
import { councilStanding, decidedWithoutCouncil, listFundMessages, staffNextSteps } from '../modules/workflow'
import { isCouncilEvent } from '../modules/workflow/machine'

const ROUTE = 'routes/staff.applications.$id._index'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'screening.record')

export async function loader(args: LoaderFunctionArgs) {
  const { user, staff } = await authorizeStaffApplication(args, ROUTE)
  const db = args.context.db
  const app = staff.application
  const events = await listApplicationEvents(db, app.id)
  const documents = await listDocuments(db, app.id)
  const exit = events.find((e) => e.toStatus === app.status)
  const last = events.find((e) => e.toStatus)
  const messages = await listFundMessages(db, app.id)
  const pending = await pendingOutcome(db, app, documents)
  const signature = pending ? await openSignatureRequest(db, { applicationId: app.id }) : null
  // What this person may do now, in each capacity they hold, and what is due: the machine's events, the
  // council to form or conclude, the outcome's document to issue.
  const capacities = { staff: can(user, 'application:screen'), director: can(user, 'application:decide') }
  const standing = await councilStanding(db, app.id, languageOf(args.request))
  const withoutCouncil = decidedWithoutCouncil(standing)
  const toForm = capacities.staff && app.status === 'eligible' && !standing.council && !withoutCouncil
  const formingCouncils = toForm ? (await listCouncils(db, { callId: staff.call.id })).filter((c) => c.status === 'forming').map((c) => ({ id: c.id, name: councilName(c, languageOf(args.request)) })) : []
  const appraisal = await appraisalFacts(db, app)
  const contract = await contractOf(db, app.id)
  const next = staffNextSteps(
    {
      applicationId: app.id,
      callId: staff.call.id,
      status: app.status,
      council: standing.council,
      withoutCouncil,
      pendingDocument: pending,
      changesDue: messages.find((m) => (m.kind === 'change_request' || m.kind === 'revision_request') && !m.resolvedAt)?.dueOn ?? null,
      signatureRequest: signature ? { id: signature.id } : null,
      ...appraisal,
      contract: contract ? { status: contract.status } : null,
      formingCouncils,
    },
    capacities,
  )
  return json({
    application: {
      id: app.id,
      title: app.title,
      reference: app.reference,
      status: app.status,
      submittedAt: app.submitted_at,
      requested: app.requested_amount,
      counterpart: app.counterpart_amount,
      approved: app.approved_amount,
      conditions: app.decision_conditions,
      exitedFrom: (exit?.fromStatus ?? null) as typeof app.status | null,
    },
    lastChange: last ? { at: last.at, by: last.actorName } : null,
    call: { code: staff.call.code, title_vi: staff.call.title_vi, title_en: staff.call.title_en },
    organisation: staff.organisation,
    next,
    contract: contract ? { status: contract.status } : null,
    canScreen: capacities.staff,
    canSign: capacities.director,
    dossier: await getDossier(db, staff),
    messages,
    notes: await listStaffNotes(db, app.id),
    documents,
    outcome: outcomeKindOf(app.status),
    pending,
    signature: signature ? { id: signature.id, preparedAt: signature.preparedAt, signer: signature.signerName } : null,
    events: events.map((e) => ({ id: e.id, at: e.at, event: e.event, actorName: e.actorName, details: e.details })),
  })
}

/** Adds an internal note. */
export async function action(args: ActionFunctionArgs) {
  const { user, staff } = await authorizeStaffApplication(args, ROUTE)
  const raw = await readForm(args.request)
  const result = await addStaffNote(args.context.db, { applicationId: staff.application.id, actor: user, values: raw, ip: args.context.clientIp })
  if (!result.ok) return formError(result.errors, raw)
  return redirect(`/staff/applications/${staff.application.id}?notice=note#notes`)
}

export default function StaffApplication() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const message = useMessage()
  const [search] = useSearchParams()
  const notice = search.get('notice')
  const form = usePortalForm(noteSchema)
  const { application: app } = data
  const base = `/staff/applications/${app.id}`
  return (
    <>
      <p>
        <Link to="/staff/applications">← {t('screening.back')}</Link>
      </p>
      <ErrorSummary errors={form.errors} order={['body']} />
      {notice === 'note' ? <Banner kind="success">{t('screening.notes.added')}</Banner> : null}
      {notice === 'message' ? <Banner kind="success">{t('screening.message.sent')}</Banner> : null}
      {notice === 'issued' ? <Banner kind="success">{t('documents.issued', { symbol: search.get('symbol') ?? '' })}</Banner> : null}
      {notice === 'sent' ? <Banner kind="success">{t('signing.sent')}</Banner> : null}
      {notice?.startsWith('event:') ? <Banner kind="success">{message(`screening.event.done?event=${encodeURIComponent(t(`workflow.status.${app.status}`))}`)}</Banner> : null}
      <p className="caption">
        {lang === 'en' && data.call.title_en ? data.call.title_en : data.call.title_vi} · {app.reference}
      </p>
      <h1>{app.title}</h1>
      <SummaryList
        rows={[
          [t('screening.status'), <><StatusTag status={app.status} />{data.lastChange ? <span className="hint"> {t('screening.changed', { name: data.lastChange.by ?? t('submission.timeline.system'), time: formatDateTime(data.lastChange.at, lang) })}</span> : null}</>],
          [t('screening.reference'), app.reference ?? ''],
          [t('screening.organisation'), data.organisation.name],
          [t('screening.call'), data.call.code],
          [t('screening.received'), app.submittedAt ? formatDateTime(app.submittedAt, lang) : ''],
          [t('screening.requested'), formatMoney(app.requested)],
          [t('screening.counterpart'), formatMoney(app.counterpart)],
          ...(app.approved !== null ? [[t('screening.approved'), formatMoney(app.approved)] as [string, string]] : []),
          ...(app.conditions ? [[t('screening.conditions'), <span className="pre-line">{app.conditions}</span>] as [string, ReactNode]] : []),
          ...(data.contract ? [[t('contracts.page.title'), <Link key="contract" to={`/staff/tasks/${app.id}/contract`}>{t(`contracts.status.${data.contract.status}`)}</Link>] as [string, ReactNode]] : []),
        ]}
      />

      <h2>{t('screening.actions')}</h2>
      {data.next.waiting ? <p>{t(data.next.waiting.text, data.next.waiting.params)}</p> : null}
      <ul className="actions-list">
        {data.next.steps.map((step) =>
          step.kind === 'event' ? (
            <li key={step.event}>
              <Link to={`${base}/events/${step.event}`}>{t(step.withoutCouncil && isCouncilEvent(step.event) ? `screening.event.title.${step.event}.withoutCouncil` : `screening.event.title.${step.event}`)}</Link>
            </li>
          ) : (
            <li key={step.href}>
              {step.href.startsWith('#') ? <a href={step.href}>{t(step.text, step.params)}</a> : <Link to={step.href}>{t(step.text, step.params)}</Link>}
            </li>
          ),
        )}
        {data.canScreen ? (
          <li>
            <Link to={`${base}/message`}>{t('screening.message.link')}</Link>
          </li>
        ) : null}
      </ul>

      <StageList status={app.status} exitedFrom={app.exitedFrom} />

      {data.outcome || data.documents.length ? (
        <section aria-labelledby="documents-title" id="documents">
          <h2 id="documents-title">{t('documents.section.title')}</h2>
          <DocumentList documents={data.documents} href={(d) => `${base}/documents/${d}`} />
          {data.pending ? (
            <>
              <p>
                <a href={`${base}/documents/preview`} target="_blank" rel="noreferrer">
                  {t('documents.preview')}: {t(`documents.kind.${data.pending}`)}
                </a>
              </p>
              {data.signature ? (
                <p>
                  {t('signing.waiting', { date: formatDateTime(data.signature.preparedAt, lang), signer: data.signature.signer ?? t('signing.signer.director') })}{' '}
                  <a href={`/signing/${data.signature.id}`}>{data.canSign ? t('signing.open') : t('signing.document')}</a>
                </p>
              ) : data.canScreen ? (
                <Form method="post" action={`${base}/documents/issue`}>
                  <p className="hint">{t('documents.issue.hint')}</p>
                  <button type="submit" className="button" data-prevent-double-click="true">
                    {t('signing.send')}
                  </button>
                </Form>
              ) : null}
            </>
          ) : null}
        </section>
      ) : null}

      <h2>{t('screening.dossier')}</h2>
      <DossierSummary dossier={data.dossier} base={base} fileHref={(id) => `${base}/attachments/${id}`} />

      <FundMessages messages={data.messages} />

      <section aria-labelledby="notes-title" id="notes">
        <h2 id="notes-title">{t('screening.notes.title')}</h2>
        <p className="hint">{t('screening.notes.hint')}</p>
        {data.notes.length === 0 ? (
          <p>{t('screening.notes.empty')}</p>
        ) : (
          <ul className="messages">
            {data.notes.map((n) => (
              <li key={n.id} className="message">
                <p className="message__meta">{t('workflow.message.by', { name: n.authorName ?? '', date: formatDateTime(n.createdAt, lang) })}</p>
                <p className="pre-line">{n.body}</p>
              </li>
            ))}
          </ul>
        )}
        <PortalFormTag form={form}>
          <TextAreaField form={form} name="body" label={t('screening.notes.body')} rows={3} />
          <SubmitButton form={form} secondary>
            {t('screening.notes.add')}
          </SubmitButton>
        </PortalFormTag>
      </section>

      <h2>{t('screening.history')}</h2>
      <History events={data.events} />
    </>
  )
}
