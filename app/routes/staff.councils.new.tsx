import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary, PortalFormTag, SelectField, SubmitButton, TextField, usePortalForm } from '../components/form'
import { formError, parseForm } from '../lib/forms.server'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { createCouncil, listCouncilCalls } from '../modules/review'
import { councilNameFields } from '../modules/review/names'

// A new council: the call (published or closed) and its name in Vietnamese and in English (mail reaches each
// expert in their own language); then its page, to add members and applications.

const ROUTE = 'routes/staff.councils.new'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'councils.new.title')

/** Checks only (the module trims and normalises what it stores). */
const newCouncilSchema = z.object({
  callId: z.string('councils.v.call').uuid('councils.v.call'),
  ...councilNameFields,
})

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, ROUTE)
  const url = new URL(args.request.url)
  return json({ calls: await listCouncilCalls(args.context.db), call: url.searchParams.get('call') ?? '' })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const parsed = await parseForm(args.request, newCouncilSchema)
  if (!parsed.ok) return parsed.response
  const result = await createCouncil(args.context.db, { callId: parsed.raw.callId, nameVi: parsed.raw.nameVi, nameEn: parsed.raw.nameEn, actor: user, ip: args.context.clientIp })
  if (!result.ok) return formError(result.errors, parsed.raw)
  return redirect(`/staff/councils/${result.id}?notice=created`)
}

export default function NewCouncil() {
  const { calls, call } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const form = usePortalForm(newCouncilSchema, { callId: calls.some((c) => c.id === call) ? call : '' })
  return (
    <div className="narrow council-new">
      <p>
        <Link to="/staff/councils">← {t('councils.back')}</Link>
      </p>
      <ErrorSummary errors={form.errors} order={['form', 'callId', 'nameVi', 'nameEn']} />
      <h1>{t('councils.new.title')}</h1>
      <p>{t('councils.new.lead')}</p>
      <PortalFormTag form={form}>
        <SelectField
          form={form}
          name="callId"
          label={t('councils.field.call')}
          empty={t('councils.field.call.empty')}
          options={calls.map((c) => ({ value: c.id, label: `${c.code} – ${lang === 'en' && c.title_en ? c.title_en : c.title_vi}` }))}
        />
        <TextField form={form} name="nameVi" label={t('councils.field.nameVi')} hint={t('councils.field.nameVi.hint')} />
        <TextField form={form} name="nameEn" label={t('councils.field.nameEn')} hint={t('councils.field.nameEn.hint')} />
        <SubmitButton form={form}>{t('councils.new.submit')}</SubmitButton>
      </PortalFormTag>
    </div>
  )
}
