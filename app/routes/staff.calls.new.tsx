import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CallErrorSummary, CallForm } from '../components/call-form'
import { usePortalForm } from '../components/form'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { createCall, listRubrics } from '../modules/calls'
import { callFormSchema, postedFormValues, readCallForm } from '../modules/calls/schemas'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'staff.new.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/staff.calls.new')
  return json({ rubrics: await listRubrics(args.context.db) })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, 'routes/staff.calls.new')
  const raw = await readForm(args.request)
  const { errors, input } = readCallForm(raw)
  if (!input) return formError(errors, postedFormValues(raw))
  const result = await createCall(args.context.db, user, input, { ip: args.context.clientIp })
  if (!result.ok) return formError({ [result.field]: result.error }, postedFormValues(raw))
  return redirect(`/staff/calls/${result.id}?notice=created`)
}

export default function NewCall() {
  const { rubrics } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const form = usePortalForm(callFormSchema, { grace_minutes: '0', min_counterpart_pct: '0', opens_time: '07:30', closes_time: '17:00' })
  return (
    <div className="narrow">
      <CallErrorSummary form={form} />
      <p>
        <Link to="/staff/calls">← {t('staff.calls.title')}</Link>
      </p>
      <h1>{t('staff.new.title')}</h1>
      <p>{t('staff.new.lead')}</p>
      <CallForm form={form} rubrics={rubrics} submitLabel={t('staff.form.create')} lang={lang} />
    </div>
  )
}
