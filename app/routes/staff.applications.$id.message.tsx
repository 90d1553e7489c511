import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ErrorSummary, PortalFormTag, SubmitButton, TextAreaField, usePortalForm } from '../components/form'
import { parseForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeStaffApplication } from '../modules/screening'
import { messageSchema } from '../modules/screening/schemas'
import { sendFundMessage } from '../modules/workflow'

// A message from the Fund to the applicant outside any change of status: shown on their application page
// and e-mailed to its owners and editors.

const ROUTE = 'routes/staff.applications.$id.message'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'screening.message.title')

export async function loader(args: LoaderFunctionArgs) {
  const { staff } = await authorizeStaffApplication(args, ROUTE)
  const app = staff.application
  return json({ application: { id: app.id, title: app.title, reference: app.reference }, organisation: staff.organisation.name })
}

export async function action(args: ActionFunctionArgs) {
  const { user, staff } = await authorizeStaffApplication(args, ROUTE)
  const parsed = await parseForm(args.request, messageSchema)
  if (!parsed.ok) return parsed.response
  await sendFundMessage(args.context.db, { applicationId: staff.application.id, actor: user, body: parsed.data.body, appUrl: args.context.env.APP_URL, ip: args.context.clientIp })
  return redirect(`/staff/applications/${staff.application.id}?notice=message#messages`)
}

export default function StaffMessage() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const form = usePortalForm(messageSchema)
  const back = `/staff/applications/${data.application.id}`
  return (
    <>
      <p>
        <Link to={back}>← {t('screening.event.cancel')}</Link>
      </p>
      <ErrorSummary errors={form.errors} order={['body']} />
      <p className="caption">
        {data.application.reference} · {data.organisation}
      </p>
      <h1>{t('screening.message.title')}</h1>
      <p>{t('screening.message.lead')}</p>
      <PortalFormTag form={form}>
        <TextAreaField form={form} name="body" label={t('screening.message.body')} rows={8} />
        <div className="actions">
          <SubmitButton form={form}>{t('screening.message.send')}</SubmitButton>
          <Link to={back}>{t('screening.event.cancel')}</Link>
        </div>
      </PortalFormTag>
    </>
  )
}
