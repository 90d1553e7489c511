import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { CallErrorSummary, CallForm } from '../components/call-form'
import { ErrorSummary, HiddenField, PortalFormTag, SubmitButton, TextField, usePortalForm } from '../components/form'
import { DataTable } from '../components/table'
import { Banner, Tag } from '../components/ui'
import { formatDateTime, formatMoney } from '../i18n/format'
import { formError, readForm } from '../lib/forms.server'
import { uuidParam } from '../lib/params'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { listAudit } from '../modules/audit'
import { auditActionLabel } from '../modules/audit/actions'
import { authorizeUser } from '../modules/auth'
import { openSignatureRequest } from '../modules/decisions'
import { issuedOpeningRecord } from '../modules/screening/opening'
import { closeCall, extendDeadline, getCallForStaff, listRubrics, missingForPublication, publishCall, updateDraftCall } from '../modules/calls'
import { callFormSchema, callToFormValues, extendFormSchema, MISSING_FIELD, postedFormValues, PRIORITY_FIELDS, readCallForm, readExtendForm } from '../modules/calls/schemas'
import type { MessageKey } from '../i18n'

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, 'staff.edit.title', { code: data?.call.code ?? '' })

const NOTICES = ['created', 'saved', 'published', 'closed', 'extended', 'opening'] as const
const ROUTE = 'routes/staff.calls.$id'

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, ROUTE)
  const id = uuidParam(args.params.id)
  const call = await getCallForStaff(args.context.db, id)
  if (!call) throw new Response('Not found', { status: 404 })
  const [rubrics, history] = await Promise.all([listRubrics(args.context.db), listAudit(args.context.db, { subjectId: id, pageSize: 50 })])
  const notice = NOTICES.find((n) => n === new URL(args.request.url).searchParams.get('notice')) ?? null
  const openingIssued = await issuedOpeningRecord(args.context.db, id)
  const openingWaiting = openingIssued ? null : await openSignatureRequest(args.context.db, { callId: id })
  return json({
    call,
    rubrics,
    history: history.rows,
    notice,
    missing: call.status === 'draft' ? missingForPublication(call) : [],
    values: call.status === 'draft' ? { ...callToFormValues(call), intent: 'save' } : null,
    // The dossiers are opened once the call has closed (its grace minutes included), decided on the server.
    entriesClosed: call.closes_at.getTime() + call.grace_minutes * 60_000 <= Date.now(),
    opening: { symbol: openingIssued?.symbol ?? null, waiting: openingWaiting ? { id: openingWaiting.id, preparedAt: openingWaiting.preparedAt } : null },
  })
}

type PublishRefusal = { errors: { form: { type: string; message: string } }; defaultValues: Record<string, string>; missing: MessageKey[] }

const refuse = (message: MessageKey, status: number) => json({ errors: { form: { type: 'server', message } }, defaultValues: {} }, { status })

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const id = uuidParam(args.params.id)
  const raw = await readForm(args.request)
  const db = args.context.db
  const meta = { ip: args.context.clientIp }
  const exists = await db.selectFrom('calls').select('id').where('id', '=', id).executeTakeFirst()
  if (!exists) throw new Response('Not found', { status: 404 })

  switch (raw.intent) {
    case 'save': {
      const { errors, input } = readCallForm(raw)
      if (!input) return formError(errors, postedFormValues(raw))
      const result = await updateDraftCall(db, user, id, input, meta)
      if (!result.ok) return formError({ [result.field]: result.error }, postedFormValues(raw), 'status' in result ? result.status : 400)
      return redirect(`/staff/calls/${id}?notice=saved`)
    }
    case 'publish': {
      const result = await publishCall(db, user, id, meta)
      if (result.ok) return redirect(`/staff/calls/${id}?notice=published`)
      if (result.error === 'staff.error.incomplete') {
        // Each missing item is also an error on the field to fix, so the summary links to it.
        const errors: Record<string, { type: string; message: string }> = { form: { type: 'server', message: result.error } }
        for (const key of result.missing) errors[MISSING_FIELD[key] ?? 'form'] ??= { type: 'server', message: key }
        return json({ errors, defaultValues: {}, missing: result.missing }, { status: 400 })
      }
      return refuse(result.error, result.error === 'staff.error.notFound' ? 404 : 409)
    }
    case 'close': {
      const result = await closeCall(db, user, id, meta)
      if (result.ok) return redirect(`/staff/calls/${id}?notice=closed`)
      return refuse(result.error, result.error === 'staff.error.notFound' ? 404 : 409)
    }
    case 'extend': {
      const { errors, input } = readExtendForm(raw)
      if (!input) return formError(errors, raw)
      const result = await extendDeadline(db, user, id, input, meta)
      if (result.ok) return redirect(`/staff/calls/${id}?notice=extended`)
      if ('field' in result) return formError({ [result.field]: result.error }, raw)
      return refuse(result.error, result.error === 'staff.error.notFound' ? 404 : 409)
    }
    default:
      throw new Response('Bad request', { status: 400 })
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

export default function StaffCall() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const { call, notice } = data
  const answered = useActionData<unknown>() !== undefined
  return (
    <>
      {notice && !answered ? <Banner kind="success">{t(`staff.call.${notice}`)}</Banner> : null}
      <p>
        <Link to="/staff/calls">← {t('staff.calls.title')}</Link>
      </p>
      {call.status === 'draft' ? <DraftCall data={data} /> : <FrozenCall data={data} />}
      <History data={data} />
    </>
  )
}

function StatusLine({ data }: { data: Data }) {
  const t = useT()
  const { call } = data
  const tone = call.status === 'draft' ? 'grey' : call.status === 'published' ? 'green' : 'red'
  return (
    <p>
      <Tag tone={tone}>{t(`staff.status.${call.status}`)}</Tag>
    </p>
  )
}

function DraftCall({ data }: { data: Data }) {
  const t = useT()
  const lang = useLang()
  const form = usePortalForm(callFormSchema, data.values ?? {})
  const actionData = useActionData<Partial<PublishRefusal>>()
  const missing = actionData?.missing ?? data.missing
  return (
    <div className="narrow">
      <CallErrorSummary form={form} />
      <h1>{t('staff.edit.title', { code: data.call.code })}</h1>
      <StatusLine data={data} />
      <CallForm form={form} rubrics={data.rubrics} submitLabel={t('staff.form.save')} lang={lang}>
        <HiddenField form={form} name="intent" />
      </CallForm>
      <section aria-labelledby="publish-title" id="publish">
        <h2 id="publish-title">{t('staff.publish.title')}</h2>
        {missing.length > 0 ? (
          <>
            <p>{t('staff.publish.missingLead')}</p>
            <ul>
              {missing.map((key) => (
                <li key={key}>{t(key)}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('staff.publish.ready')}</p>
        )}
        <p className="hint">{t('staff.publish.saveFirst')}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="publish" />
          <button type="submit" className="button">
            {t('staff.publish.button')}
          </button>
        </Form>
      </section>
    </div>
  )
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

function FrozenCall({ data }: { data: Data }) {
  const t = useT()
  const lang = useLang()
  const { call } = data
  const rubric = call.rubric ? (lang === 'vi' ? call.rubric.name_vi : call.rubric.name_en) : t('staff.call.notSet')
  return (
    <>
      {call.status === 'published' ? <ExtendErrors /> : null}
      <h1>{t('staff.edit.title', { code: call.code })}</h1>
      <StatusLine data={data} />
      <p>{call.status === 'published' ? t('staff.call.frozen') : t('staff.call.closedNotice', { at: call.closed_at ? formatDateTime(call.closed_at, lang) : '' })}</p>
      <p>
        <Link to={`/calls/${call.code}`}>{t('staff.call.public')}</Link>
      </p>
      <p>
        <Link to={`/staff/calls/${call.id}/decisions`}>{t('bulk.link')}</Link>
      </p>
      <p>
        <Link to={`/staff/calls/${call.id}/results`}>{t('results.publish.link')}</Link>
      </p>
      <p>
        <Link to={`/staff/dashboard?call=${call.id}`}>{t('dashboard.link')}</Link>
      </p>
      <OpeningRecord callId={call.id} closed={data.entriesClosed} {...data.opening} />
      <dl className="summary-list">
        <Row label={t('staff.form.title_vi')}>
          <span lang="vi">{call.title_vi}</span>
        </Row>
        <Row label={t('staff.form.title_en')}>
          <span lang="en">{call.title_en}</span>
        </Row>
        <Row label={t('staff.form.summary_vi')}>
          <span lang="vi">{call.summary_vi}</span>
        </Row>
        <Row label={t('staff.form.summary_en')}>
          <span lang="en">{call.summary_en}</span>
        </Row>
        <Row label={t('staff.form.description_vi')}>
          <span lang="vi" className="prewrap">
            {call.description_vi}
          </span>
        </Row>
        <Row label={t('staff.form.description_en')}>
          <span lang="en" className="prewrap">
            {call.description_en}
          </span>
        </Row>
        <Row label={t('call.modality')}>{t(`modality.${call.modality}`)}</Row>
        <Row label={t('call.field')}>{fieldLabel(t, call.priority_field)}</Row>
        <Row label={t('staff.form.budget')}>{formatMoney(call.budget_total)}</Row>
        <Row label={t('staff.form.maxAmount')}>{formatMoney(call.max_amount)}</Row>
        <Row label={t('staff.form.pct')}>{t('staff.call.percent', { n: call.min_counterpart_pct })}</Row>
        <Row label={t('staff.form.months')}>{t('staff.call.months', { n: call.max_duration_months })}</Row>
        <Row label={t('call.opens')}>{formatDateTime(call.opens_at, lang)}</Row>
        <Row label={t('call.closes')}>{formatDateTime(call.closes_at, lang)}</Row>
        <Row label={t('staff.form.grace')}>{t('staff.call.minutes', { n: call.grace_minutes })}</Row>
        <Row label={t('staff.form.types')}>{call.eligible_types.map((type) => t(`staff.orgType.${type}`)).join(', ')}</Row>
        <Row label={t('staff.form.rubric')}>{rubric}</Row>
        <Row label={t('calls.council')}>{t(call.without_council ? 'calls.council.without' : 'calls.council.with')}</Row>
        <Row label={t('calls.appraisal')}>{t(call.without_appraisal ? 'calls.appraisal.without' : 'calls.appraisal.with')}</Row>
        <Row label={t('staff.call.publishedAt')}>{call.published_at ? formatDateTime(call.published_at, lang) : t('staff.call.notSet')}</Row>
        {call.closed_at ? <Row label={t('staff.call.closedAt')}>{formatDateTime(call.closed_at, lang)}</Row> : null}
      </dl>

      <h2>{t('staff.form.section.questions')}</h2>
      {call.eligibility_questions.length === 0 ? (
        <p>{t('staff.call.questionsNone')}</p>
      ) : (
        <ol>
          {call.eligibility_questions.map((q) => (
            <li key={q.id}>
              <p lang={lang}>{lang === 'vi' ? q.text_vi : q.text_en}</p>
              <p className="hint">
                {t('staff.call.qualifyingAnswer', { answer: t(q.qualifying === 'yes' ? 'staff.yes' : 'staff.no') })} — {lang === 'vi' ? q.reason_vi : q.reason_en}
              </p>
            </li>
          ))}
        </ol>
      )}

      <h2>{t('staff.form.section.documents')}</h2>
      <DataTable
        columns={[{ label: t('staff.doc.name') }, { label: t('staff.doc.mandatory') }, { label: t('staff.doc.types') }]}
        rows={call.documents.map((d) => (
          <tr key={d.id}>
            <td>{lang === 'vi' ? d.name_vi : d.name_en}</td>
            <td>{d.mandatory ? t('staff.doc.mandatory') : t('staff.doc.optional')}</td>
            <td>
              {d.accepted_types.map((x) => x.toUpperCase()).join(', ')}; {t('staff.call.maxSize', { n: d.max_size_mb })}
            </td>
          </tr>
        ))}
      />

      {call.status === 'published' ? (
        <>
          <ExtendForm data={data} />
          <section aria-labelledby="close-title">
            <h2 id="close-title">{t('staff.close.title')}</h2>
            <p>{t('staff.close.lead')}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="close" />
              <button type="submit" className="button button--warning">
                {t('staff.close.button')}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  )
}

function fieldLabel(t: ReturnType<typeof useT>, field: string) {
  const known = PRIORITY_FIELDS.find((f) => f === field)
  return known ? t(`field.${known}`) : field
}

/** The extend form's errors at the top of the page (the close form has none of its own). */
function ExtendErrors() {
  const actionData = useActionData<{ errors?: Record<string, { type: string; message: string }> }>()
  return actionData?.errors ? <ErrorSummary errors={actionData.errors} order={['form', 'new_date', 'new_time', 'grace_minutes', 'reason']} /> : null
}

function ExtendForm({ data }: { data: Data }) {
  const t = useT()
  const lang = useLang()
  const { call } = data
  const form = usePortalForm(extendFormSchema, { intent: 'extend', grace_minutes: String(call.grace_minutes) })
  return (
    <section aria-labelledby="extend-title" className="narrow">
      <h2 id="extend-title">{t('staff.extend.title')}</h2>
      <p>{t('staff.extend.lead', { current: formatDateTime(call.closes_at, lang) })}</p>
      <PortalFormTag form={form}>
        <HiddenField form={form} name="intent" />
        <TextField form={form} name="new_date" label={t('staff.extend.date')} hint={t('staff.form.date.hint')} width="third" />
        <TextField form={form} name="new_time" label={t('staff.extend.time')} hint={t('staff.form.time.hint')} width="third" />
        <TextField form={form} name="grace_minutes" label={t('staff.form.grace')} hint={t('staff.form.grace.hint')} width="third" />
        <TextField form={form} name="reason" label={t('staff.extend.reason')} />
        <SubmitButton form={form}>{t('staff.extend.button')}</SubmitButton>
      </PortalFormTag>
    </section>
  )
}

function History({ data }: { data: Data }) {
  const t = useT()
  const lang = useLang()
  return (
    <>
      <h2>{t('staff.call.history')}</h2>
      <DataTable
        columns={[{ label: t('audit.col.at') }, { label: t('audit.col.action') }, { label: t('audit.col.actor') }, { label: t('audit.col.details') }]}
        rows={data.history.map((h) => {
          const d = h.details as Record<string, unknown>
          return (
            <tr key={h.id}>
              <td>{formatDateTime(h.at, lang)}</td>
              <td>{auditActionLabel(t, h.action)}</td>
              <td>{h.actor_email ?? t('audit.system')}</td>
              <td>
                {h.action === 'call.deadline_extended' && typeof d.from === 'string' && typeof d.to === 'string'
                  ? `${formatDateTime(d.from, lang)} → ${formatDateTime(d.to, lang)}: ${String(d.reason ?? '')}`
                  : null}
              </td>
            </tr>
          )
        })}
      />
    </>
  )
}

/**
 * The dossier-opening record (biên bản mở hồ sơ), prepared by the office once the call has closed: its preview
 * (or the issued file), and the button that sends it for the director's signature, or where it waits.
 */
function OpeningRecord({ callId, closed, symbol, waiting }: { callId: string; closed: boolean; symbol: string | null; waiting: { id: string; preparedAt: string } | null }) {
  const t = useT()
  const lang = useLang()
  if (!closed) return <p>{t('opening.notYet')}</p>
  return (
    <section aria-labelledby="opening-title">
      <h2 id="opening-title">{t('opening.title')}</h2>
      <p>
        <a href={`/staff/calls/${callId}/opening`}>{symbol ? t('opening.download', { symbol }) : t('opening.view')}</a>
      </p>
      {symbol ? null : waiting ? (
        <p>
          {t('signing.waiting', { date: formatDateTime(waiting.preparedAt, lang), signer: t('signing.signer.director') })} <a href={`/signing/${waiting.id}`}>{t('signing.document')}</a>
        </p>
      ) : (
        <Form method="post" action={`/staff/calls/${callId}/opening`}>
          <p className="hint">{t('opening.issueHint')}</p>
          <button type="submit" className="button button--secondary">
            {t('opening.issue')}
          </button>
        </Form>
      )}
    </section>
  )
}
