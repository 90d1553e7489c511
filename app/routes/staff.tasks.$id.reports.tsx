import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { ErrorSummary, HiddenField, PortalFormTag, RadioGroup, SubmitButton, TextAreaField, usePortalForm } from '../components/form'
import { ReportDetails, ReportSchedule } from '../components/reports'
import { Banner } from '../components/ui'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { can } from '../modules/auth'
import { authorizeTaskStaff, reportsPage } from '../modules/reports'
import { reviewReportSchema } from '../modules/reports/schemas'
import { reviewReportIntent } from '../modules/reports/intents.server'

// The office's view of a task's progress reports: the schedule with the reminders sent, the report chosen with
// its versions and products, and, when a version waits, the answer: accept, or ask for changes with a note.

const ROUTE = 'routes/staff.tasks.$id.reports'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reports.title')

export async function loader(args: LoaderFunctionArgs) {
  const { user, task } = await authorizeTaskStaff(args, ROUTE)
  const { db } = args.context
  const { reports, report } = await reportsPage(db, task.contract.id, 'office', Number(new URL(args.request.url).searchParams.get('report')))
  return json({
    task: { id: task.applicationId, reference: task.reference, title: task.title, organisation: task.organisation, status: task.status },
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
        <p>{t(task.status === 'contracted' ? 'reports.notStarted' : 'reports.none')}</p>
      ) : (
        <ReportSchedule reports={reports} selected={report?.seq} withReminders hrefOf={(seq) => `/staff/tasks/${task.id}/reports?report=${seq}#report`} />
      )}
      {report ? (
        <ReportDetails report={report} productHref={(id) => `/staff/tasks/${task.id}/products/${id}`} withReminders>
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
        </ReportDetails>
      ) : null}
    </>
  )
}
