import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { ErrorSummary, HiddenField, PortalFormTag, RadioGroup, SubmitButton, TextAreaField, usePortalForm } from '../components/form'
import { LatenessTag, RemindersSent, ReportSchedule, ReportStatusTag, VersionHistory } from '../components/reports'
import { ProductEvidence } from '../components/report-product'
import { Banner, SummaryList } from '../components/ui'
import { formatDay, formatFileSize } from '../i18n/format'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { can } from '../modules/auth'
import { authorizeTaskStaff, getReport, listReports } from '../modules/reports'
import { reviewReportSchema } from '../modules/reports/schemas'
import { reviewReportIntent } from '../modules/reports/intents.server'

// The office's view of a task's progress reports: the schedule with the reminders sent, the report chosen with
// its versions and products, and, when a version waits, the answer: accept, or ask for changes with a note.

const ROUTE = 'routes/staff.tasks.$id.reports'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reports.title')

export async function loader(args: LoaderFunctionArgs) {
  const { user, task } = await authorizeTaskStaff(args, ROUTE)
  const { db } = args.context
  const reports = await listReports(db, task.contract.id)
  const asked = Number(new URL(args.request.url).searchParams.get('report'))
  const chosen = reports.find((r) => r.seq === asked) ?? reports.find((r) => r.status === 'submitted') ?? reports.find((r) => r.status !== 'accepted') ?? reports.at(-1)
  const report = chosen ? await getReport(db, task.contract.id, chosen.id) : null
  return json({
    task: { id: task.applicationId, reference: task.reference, title: task.title, organisation: task.organisation },
    reports,
    report,
    canReview: can(user, 'application:screen'),
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, task } = await authorizeTaskStaff(args, ROUTE)
  if (!can(user, 'application:screen')) throw new Response('Forbidden', { status: 403 })
  const { db, env, clientIp } = args.context
  const raw = await readForm(args.request)
  const result = await reviewReportIntent({ db, env, user, task, ip: clientIp }, raw)
  if (!result.ok) return formError(result.errors, result.values, result.status)
  return redirect(`/staff/tasks/${task.applicationId}/reports?report=${result.seq ?? ''}&notice=${result.notice}#report`)
}

export default function StaffTaskReports() {
  const { task, reports, report, canReview } = useLoaderData<typeof loader>()
  const t = useT()
  const [search] = useSearchParams()
  const notice = search.get('notice')
  const form = usePortalForm(reviewReportSchema, report ? { intent: 'review', reportId: report.id, expectedVersion: String(report.version) } : undefined)
  return (
    <>
      <p>
        <Link to={`/staff/tasks/${task.id}`}>← {t('reports.backToTask')}</Link> · <Link to="/staff/reports">{t('reports.portfolio.title')}</Link>
      </p>
      {notice === 'accepted' || notice === 'changes_requested' ? <Banner kind="success">{t(`reports.notice.${notice}`)}</Banner> : null}
      <ErrorSummary errors={form.errors} order={['form', 'outcome', 'note']} />
      <p className="caption">
        {task.reference} · {task.title} · {task.organisation}
      </p>
      <h1>{t('reports.title')}</h1>
      <p>
        <Link to={`/staff/tasks/${task.id}/inspections`}>{t('inspections.title')}</Link>
      </p>
      {reports.length === 0 ? (
        <p>{t('reports.none')}</p>
      ) : (
        <ReportSchedule reports={reports} selected={report?.seq} withReminders hrefOf={(seq) => `/staff/tasks/${task.id}/reports?report=${seq}#report`} />
      )}
      {report ? (
        <section id="report" aria-labelledby="report-heading">
          <h2 id="report-heading">{t('reports.heading', { seq: report.seq })}</h2>
          <SummaryList
            rows={[
              [t('reports.col.period'), `${formatDay(report.periodFrom)} – ${formatDay(report.periodTo)}`],
              [t('reports.col.due'), formatDay(report.dueOn)],
              [
                t('reports.col.status'),
                <>
                  <ReportStatusTag status={report.status} /> <LatenessTag report={report} />
                </>,
              ],
              [t('reports.col.reminders'), <RemindersSent key="r" report={report} />],
            ]}
          />
          <h3>{t('reports.products')}</h3>
          {report.products.length === 0 ? (
            <p>{t('reports.products.none')}</p>
          ) : (
            <ul className="list-bullet">
              {report.products.map((p) => (
                <li key={p.id}>
                  <strong>{p.title}</strong>
                  {p.description ? ` — ${p.description}` : ''}
                  {p.filename ? (
                    <>
                      {' '}
                      (<Link to={`/staff/tasks/${task.id}/products/${p.id}`} reloadDocument>{p.filename}</Link>, {formatFileSize(p.sizeBytes ?? 0, t)})
                    </>
                  ) : null}{' '}
                  {p.version === null ? t('reports.products.pending') : t('reports.products.inVersion', { version: p.version })}
                  <ProductEvidence product={p} />
                </li>
              ))}
            </ul>
          )}
          {report.status === 'submitted' && canReview ? (
            <>
              <h3>{t('reports.review.heading', { version: report.version })}</h3>
              <PortalFormTag form={form}>
                <HiddenField form={form} name="intent" />
                <HiddenField form={form} name="reportId" />
                <HiddenField form={form} name="expectedVersion" />
                <RadioGroup
                  form={form}
                  name="outcome"
                  legend={t('reports.review.outcome')}
                  options={[
                    { value: 'accepted', label: t('reports.review.accept') },
                    { value: 'changes_requested', label: t('reports.review.changes'), hint: t('reports.review.changes.hint') },
                  ]}
                />
                <TextAreaField form={form} name="note" label={t('reports.review.note')} hint={t('reports.review.note.hint')} optional rows={5} />
                <SubmitButton form={form}>{t('reports.review.button')}</SubmitButton>
              </PortalFormTag>
            </>
          ) : null}
          <h3>{t('reports.versions')}</h3>
          <VersionHistory versions={report.versions} />
        </section>
      ) : null}
    </>
  )
}
