import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ErrorSummary, HiddenField, PortalFormTag, SubmitButton, TextAreaField, usePortalForm } from '../components/form'
import { ProductForm } from '../components/report-product'
import { ReportDetails, ReportSchedule } from '../components/reports'
import { Banner } from '../components/ui'
import { type FormErrorData, formError, readForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { readSmallForm } from '../lib/multipart.server'
import { getReviewRules } from '../modules/fund'
import { authorizeTaskMember, reportsPage } from '../modules/reports'
import { submitReportSchema } from '../modules/reports/schemas'
import { addProductIntent, type IntentResult, removeProductIntent, submitReportIntent } from '../modules/reports/intents.server'

// The grantee's progress reports: the schedule the contract sets, and the report chosen (by default the next
// one to send) with its versions, its products and, while it is open, the forms to add products and submit.

const ROUTE = 'routes/tasks.$id.reports'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reports.title')

export async function loader(args: LoaderFunctionArgs) {
  const { task, role } = await authorizeTaskMember(args, ROUTE)
  const { db } = args.context
  const { reports, report } = await reportsPage(db, task.contract.id, 'grantee', Number(new URL(args.request.url).searchParams.get('report')))
  const rules = await getReviewRules(db)
  return json({
    task: { id: task.applicationId, reference: task.reference, title: task.title, status: task.status },
    reports,
    report,
    canAct: role !== 'viewer' && task.status === 'in_progress',
    maxMb: rules.reportProductMaxMb,
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, task, role } = await authorizeTaskMember(args, ROUTE)
  if (role === 'viewer') throw new Response('Forbidden', { status: 403 })
  const { db, env, clientIp } = args.context
  const ctx = { db, env, user, task, ip: clientIp }
  let result: IntentResult
  if ((args.request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
    const rules = await getReviewRules(db)
    const form = await readSmallForm(args.request, { maxFileBytes: rules.reportProductMaxMb * 1024 * 1024, maxFields: 8 })
    if (!form.ok) return formError({ file: form.status === 413 ? `reports.product.refusal.too_large?max=${rules.reportProductMaxMb}` : 'reports.v.badForm' }, {}, form.status)
    result = await addProductIntent(ctx, form.fields, form.files.file)
  } else {
    const raw = await readForm(args.request)
    if (raw.intent === 'submit') result = await submitReportIntent(ctx, raw)
    else if (raw.intent === 'removeProduct') result = await removeProductIntent(ctx, raw)
    else return formError({ form: 'reports.v.badForm' }, {}, 400)
  }
  if (!result.ok) return formError(result.errors, result.values, result.status)
  return redirect(`/tasks/${task.applicationId}/reports?report=${result.seq ?? ''}&notice=${result.notice}#report`)
}

export default function TaskReports() {
  const { task, reports, report, canAct, maxMb } = useLoaderData<typeof loader>()
  const t = useT()
  const [search] = useSearchParams()
  const notice = search.get('notice')
  const data = useActionData<FormErrorData | undefined>()
  const errors = data?.errors ?? {}
  const values = data?.defaultValues ?? {}
  const open = !!report && (report.status === 'due' || report.status === 'changes_requested')
  const form = usePortalForm(submitReportSchema, report ? { intent: 'submit', reportId: report.id, expectedVersion: String(report.version), ...(report.versions[0] ? { workDone: report.versions[0].workDone, problems: report.versions[0].problems, nextSteps: report.versions[0].nextSteps } : {}) } : undefined)
  const latestNote = report?.status === 'changes_requested' ? report.versions[0]?.reviewNote : null
  return (
    <>
      <p>
        <Link to={`/tasks/${task.id}`}>← {t('reports.backToTask')}</Link>
      </p>
      {notice && ['submitted', 'product', 'removed'].includes(notice) ? <Banner kind="success">{t(`reports.notice.${notice as 'submitted' | 'product' | 'removed'}`)}</Banner> : null}
      <ErrorSummary errors={errors} />
      <p className="caption">
        {task.reference} · {task.title}
      </p>
      <h1>{t('reports.title')}</h1>
      <p>{t('reports.lead')}</p>
      {reports.length === 0 ? (
        <p>{t(task.status === 'contracted' ? 'reports.notStarted' : 'reports.none')}</p>
      ) : (
        <ReportSchedule reports={reports} selected={report?.seq} hrefOf={(seq) => `/tasks/${task.id}/reports?report=${seq}#report`} />
      )}

      {report ? (
        <ReportDetails
          report={report}
          productHref={(id) => `/tasks/${task.id}/products/${id}`}
          note={
            latestNote ? (
              <Banner title={t('reports.changesAsked')}>
                <p className="prewrap">{latestNote}</p>
              </Banner>
            ) : null
          }
          productAction={(p) =>
            p.version === null && canAct ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="removeProduct" />
                <input type="hidden" name="reportId" value={report.id} />
                <input type="hidden" name="productId" value={p.id} />
                <button type="submit" className="button button--secondary button--small">
                  {t('reports.products.remove', { title: p.title })}
                </button>
              </Form>
            ) : null
          }
        >
          {open && canAct ? (
            <>
              <h3>{t('reports.products.add')}</h3>
              <ProductForm reportId={report.id} maxMb={maxMb} errors={errors} values={values} />

              <h3>{t('reports.submit.heading', { version: report.version + 1 })}</h3>
              <PortalFormTag form={form}>
                <HiddenField form={form} name="intent" />
                <HiddenField form={form} name="reportId" />
                <HiddenField form={form} name="expectedVersion" />
                <TextAreaField form={form} name="workDone" label={t('reports.field.workDone')} hint={t('reports.field.workDone.hint')} rows={8} />
                <TextAreaField form={form} name="problems" label={t('reports.field.problems')} optional rows={4} />
                <TextAreaField form={form} name="nextSteps" label={t('reports.field.nextSteps')} optional rows={4} />
                <p>{t('reports.submit.what')}</p>
                <SubmitButton form={form}>{t('reports.submit.button')}</SubmitButton>
              </PortalFormTag>
            </>
          ) : null}
        </ReportDetails>
      ) : null}
    </>
  )
}
