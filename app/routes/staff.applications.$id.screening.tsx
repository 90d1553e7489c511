import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CheckboxGroup, ErrorSummary, PortalFormTag, SubmitButton, TextAreaField, usePortalForm } from '../components/form'
import { Banner } from '../components/ui'
import { StatusTag } from '../components/workflow'
import { formatDateTime } from '../i18n/format'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeStaffApplication, getChecklist, saveChecklist } from '../modules/screening'
import { CHECK_ITEMS, checklistSchema } from '../modules/screening/schemas'

// The screening checklist of one application: what the office confirmed, with its notes. Every item ticked
// is what the status machine asks before "eligible".

const ROUTE = 'routes/staff.applications.$id.screening'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'screening.checklist.title')

/** While the office may still act on it: during screening (and while the applicant makes changes). */
const OPEN = ['screening', 'changes_requested', 'resubmitted']

export async function loader(args: LoaderFunctionArgs) {
  const { staff } = await authorizeStaffApplication(args, ROUTE)
  const app = staff.application
  const checklist = await getChecklist(args.context.db, app.id)
  return json({
    application: { id: app.id, title: app.title, reference: app.reference, status: app.status },
    checklist,
    editable: OPEN.includes(app.status),
    saved: new URL(args.request.url).searchParams.get('notice') === 'saved',
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, staff } = await authorizeStaffApplication(args, ROUTE)
  const raw = await readForm(args.request)
  if (!OPEN.includes(staff.application.status)) return formError({ form: 'screening.checklist.readOnly' }, raw, 409)
  const result = await saveChecklist(args.context.db, { applicationId: staff.application.id, actor: user, values: raw, ip: args.context.clientIp })
  if (!result.ok) return formError(result.errors, raw)
  return redirect(`/staff/applications/${staff.application.id}/screening?notice=saved`)
}

export default function Screening() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const defaults: Record<string, string> = { notes: data.checklist.notes }
  for (const item of CHECK_ITEMS) if (data.checklist.items[item]) defaults[item] = 'on'
  const form = usePortalForm(checklistSchema, defaults)
  const back = `/staff/applications/${data.application.id}`
  return (
    <>
      <p>
        <Link to={back}>← {t('screening.event.cancel')}</Link>
      </p>
      <ErrorSummary errors={form.errors} order={['form', 'notes']} />
      {data.saved ? <Banner kind="success">{t('screening.checklist.saved')}</Banner> : null}
      <p className="caption">
        {data.application.reference} · {data.application.title}
      </p>
      <h1>{t('screening.checklist.title')}</h1>
      <p>
        {t('screening.status')}: <StatusTag status={data.application.status} />
      </p>
      {data.checklist.updatedAt ? (
        <p className="hint">{t('screening.checklist.by', { name: data.checklist.updatedBy ?? '—', time: formatDateTime(data.checklist.updatedAt, lang) })}</p>
      ) : null}
      {!data.editable ? (
        <>
          <Banner>{t('screening.checklist.readOnly')}</Banner>
          <ul className="list-bullet">
            {CHECK_ITEMS.map((item) => (
              <li key={item}>
                {t(`screening.check.${item}`)}: {data.checklist.items[item] ? '✓' : '✕'}
              </li>
            ))}
          </ul>
          {data.checklist.notes ? <p className="pre-line">{data.checklist.notes}</p> : null}
        </>
      ) : (
        <>
          <p>{t('screening.checklist.lead')}</p>
          <PortalFormTag form={form}>
            <CheckboxGroup form={form} legend={t('screening.checklist.legend')} errorName="documents" boxes={CHECK_ITEMS.map((item) => ({ name: item, label: t(`screening.check.${item}`) }))} />
            <TextAreaField form={form} name="notes" label={t('screening.checklist.notes')} optional rows={5} />
            <div className="actions">
              <SubmitButton form={form}>{t('screening.checklist.save')}</SubmitButton>
              <Link to={back}>{t('screening.event.cancel')}</Link>
            </div>
          </PortalFormTag>
        </>
      )}
    </>
  )
}
