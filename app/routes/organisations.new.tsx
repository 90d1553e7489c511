import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ErrorSummary, PortalFormTag, SubmitButton, usePortalForm } from '../components/form'
import { OrganisationFields } from '../components/organisation-form'
import { formError, parseForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser, requestMeta } from '../modules/auth'
import { createOrganisation, listWards } from '../modules/organisations'
import { ORGANISATION_FIELDS } from '../modules/organisations/fields'
import { organisationSchema } from '../modules/organisations/schemas'

/** The form's schema, loaded with zod once the page is interactive (ADR 013). */
const organisationForm = () => import('../modules/organisations/schemas').then((m) => m.organisationSchema)

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'org.new.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/organisations.new')
  return json({ wards: await listWards(args.context.db) })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, 'routes/organisations.new')
  const parsed = await parseForm(args.request, organisationSchema)
  if (!parsed.ok) return parsed.response
  const created = await createOrganisation(args.context.db, user, parsed.data, requestMeta(args))
  if (!created.ok) return formError(created.errors, parsed.raw)
  return redirect(`/organisations/${created.id}?notice=created`)
}

export default function NewOrganisation() {
  const { wards } = useLoaderData<typeof loader>()
  const t = useT()
  const form = usePortalForm(organisationForm)
  return (
    <div className="narrow">
      <p>
        <Link to="/organisations">← {t('org.list.title')}</Link>
      </p>
      <ErrorSummary errors={form.errors} order={ORGANISATION_FIELDS} />
      <h1>{t('org.new.title')}</h1>
      <p>{t('org.new.lead')}</p>
      <PortalFormTag form={form}>
        <OrganisationFields form={form} wards={wards} />
        <SubmitButton form={form}>{t('org.new.submit')}</SubmitButton>
      </PortalFormTag>
    </div>
  )
}
