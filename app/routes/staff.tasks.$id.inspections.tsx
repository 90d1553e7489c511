import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { describedByOf, ErrorSummary, HiddenField, HintAndError, PortalFormTag, RadioGroup, SubmitButton, TextAreaField, TextField, usePortalForm } from '../components/form'
import { Banner, SummaryList, Tag } from '../components/ui'
import { formatDateTime, formatDay } from '../i18n/format'
import { type FormErrorData, formError, readForm } from '../lib/forms.server'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { can } from '../modules/auth'
import { authorizeTaskStaff } from '../modules/reports'
import { inspectionSchema } from '../modules/reports/schemas'
import { addFollowUpIntent, followUpDoneIntent, listInspections, recordInspectionIntent } from '../modules/reports/inspections.server'

// The inspections of a task (kiểm tra định kỳ): what the office found each time, its assessment, and the
// follow-ups it asked for, marked done as they are done.

const ROUTE = 'routes/staff.tasks.$id.inspections'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'inspections.title')

export async function loader(args: LoaderFunctionArgs) {
  const { user, task } = await authorizeTaskStaff(args, ROUTE)
  return json({
    task: { id: task.applicationId, reference: task.reference, title: task.title, organisation: task.organisation },
    inspections: await listInspections(args.context.db, task.contract.id),
    canRecord: can(user, 'application:screen'),
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, task } = await authorizeTaskStaff(args, ROUTE)
  if (!can(user, 'application:screen')) throw new Response('Forbidden', { status: 403 })
  const { db, env, clientIp } = args.context
  const ctx = { db, env, user, task, ip: clientIp }
  const raw = await readForm(args.request)
  const intents = { inspection: recordInspectionIntent, followUp: addFollowUpIntent, done: followUpDoneIntent } as const
  const intent = intents[raw.intent as keyof typeof intents]
  if (!intent) return formError({ form: 'reports.v.badForm' }, {}, 400)
  const result = await intent(ctx, raw)
  if (!result.ok) return formError(result.errors, result.values, result.status)
  return redirect(`/staff/tasks/${task.applicationId}/inspections?notice=${result.notice}`)
}

const TONE = { on_track: 'green', behind: 'yellow', at_risk: 'red' } as const

export default function StaffTaskInspections() {
  const { task, inspections, canRecord } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const [search] = useSearchParams()
  const notice = search.get('notice')
  const form = usePortalForm(inspectionSchema, { intent: 'inspection' })
  const actionErrors = useActionData<FormErrorData | undefined>()?.errors ?? {}
  return (
    <>
      <p>
        <Link to={`/staff/tasks/${task.id}/reports`}>← {t('reports.title')}</Link>
      </p>
      {notice && ['recorded', 'followUp', 'done'].includes(notice) ? <Banner kind="success">{t(`inspections.notice.${notice as 'recorded' | 'followUp' | 'done'}`)}</Banner> : null}
      <ErrorSummary errors={form.errors} order={['form', 'inspectedOn', 'inspectors', 'findings', 'assessment']} />
      <p className="caption">
        {task.reference} · {task.title} · {task.organisation}
      </p>
      <h1>{t('inspections.title')}</h1>
      <p>{t('inspections.lead')}</p>
      {inspections.length === 0 ? <p>{t('inspections.none')}</p> : null}
      {inspections.map((i) => (
        <section key={i.id} aria-labelledby={`inspection-${i.id}`}>
          <h2 id={`inspection-${i.id}`}>{t('inspections.heading', { on: formatDay(i.inspectedOn) })}</h2>
          <SummaryList
            rows={[
              [t('inspections.field.inspectors'), i.inspectors],
              [t('inspections.field.assessment'), <Tag key="a" tone={TONE[i.assessment]}>{t(`inspections.assessment.${i.assessment}`)}</Tag>],
              [t('inspections.recorded'), `${i.recordedBy ?? '—'}, ${formatDateTime(i.recordedAt, lang)}`],
            ]}
          />
          <h3>{t('inspections.field.findings')}</h3>
          <p className="prewrap">{i.findings}</p>
          <h3>{t('inspections.followUps')}</h3>
          {i.followUps.length === 0 ? <p>{t('inspections.followUps.none')}</p> : null}
          <ul className="list-bullet">
            {i.followUps.map((f) => (
              <li key={f.id}>
                {f.action}
                {f.dueOn ? ` — ${t('inspections.followUp.due', { due: formatDay(f.dueOn) })}` : ''}{' '}
                {f.doneAt ? (
                  <Tag tone="green">{t('inspections.followUp.done', { at: formatDateTime(f.doneAt, lang) })}</Tag>
                ) : canRecord ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="done" />
                    <input type="hidden" name="followUpId" value={f.id} />
                    <button type="submit" className="button button--secondary button--small">
                      {t('inspections.followUp.markDone', { action: f.action.slice(0, 60) })}
                    </button>
                  </Form>
                ) : (
                  <Tag tone="yellow">{t('inspections.followUp.open')}</Tag>
                )}
                {f.doneNote ? <span className="prewrap"> {f.doneNote}</span> : null}
              </li>
            ))}
          </ul>
          {canRecord ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="followUp" />
              <input type="hidden" name="inspectionId" value={i.id} />
              <div className={`form-group${actionErrors.action ? ' form-group--error' : ''}`}>
                <label className="label" htmlFor={`action-${i.id}`}>
                  {t('inspections.followUp.action')}
                </label>
                <HintAndError name={`action-${i.id}`} error={actionErrors.action} />
                <input className="input" id={`action-${i.id}`} name="action" type="text" aria-describedby={describedByOf(`action-${i.id}`, undefined, actionErrors.action)} />
              </div>
              <div className="form-group">
                <label className="label" htmlFor={`dueOn-${i.id}`}>
                  {t('inspections.followUp.dueOn')}
                </label>
                <div className="hint" id={`dueOn-${i.id}-hint`}>
                  {t('inspections.date.hint')}
                </div>
                <input className="input input--third" id={`dueOn-${i.id}`} name="dueOn" type="text" aria-describedby={`dueOn-${i.id}-hint`} />
              </div>
              <button type="submit" className="button button--secondary">
                {t('inspections.followUp.add')}
              </button>
            </Form>
          ) : null}
        </section>
      ))}
      {canRecord ? (
        <>
          <h2>{t('inspections.record')}</h2>
          <PortalFormTag form={form}>
            <HiddenField form={form} name="intent" />
            <TextField form={form} name="inspectedOn" label={t('inspections.field.inspectedOn')} hint={t('inspections.date.hint')} width="third" />
            <TextField form={form} name="inspectors" label={t('inspections.field.inspectors')} hint={t('inspections.field.inspectors.hint')} />
            <TextAreaField form={form} name="findings" label={t('inspections.field.findings')} rows={6} />
            <RadioGroup
              form={form}
              name="assessment"
              legend={t('inspections.field.assessment')}
              options={(['on_track', 'behind', 'at_risk'] as const).map((a) => ({ value: a, label: t(`inspections.assessment.${a}`) }))}
            />
            <SubmitButton form={form}>{t('inspections.record.button')}</SubmitButton>
          </PortalFormTag>
        </>
      ) : null}
    </>
  )
}
