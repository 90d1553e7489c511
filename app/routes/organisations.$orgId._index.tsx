import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { ErrorSummary, PortalFormTag, SubmitButton, usePortalForm } from '../components/form'
import { OrganisationFields } from '../components/organisation-form'
import { Banner, Tag } from '../components/ui'
import { formatDateTime } from '../i18n/format'
import { type FormErrorData, formError, parseForm } from '../lib/forms.server'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { uuidParam } from '../lib/params'
import { authorizeUser, requestMeta } from '../modules/auth'
import { canEdit, getOrganisationForMember, listWards, updateOrganisation } from '../modules/organisations'
import { formatTaxCode } from '../modules/organisations/identifiers'
import { ORGANISATION_FIELDS } from '../modules/organisations/fields'
import { organisationSchema } from '../modules/organisations/schemas'

/** The form's schema, loaded with zod once the page is interactive (ADR 013). */
const organisationForm = () => import('../modules/organisations/schemas').then((m) => m.organisationSchema)

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data ? [{ title: `${data.org.name} – ${pageTitle(matches, 'org.details.title')[0].title}` }] : pageTitle(matches, 'org.details.title')

const NOTICES = ['created', 'updated', 'joined'] as const

/** The organisation, for a member; a 404 for anyone else, so its existence is not revealed. */
async function memberOrg(args: LoaderFunctionArgs, userId: string) {
  const org = await getOrganisationForMember(args.context.db, uuidParam(args.params.orgId), userId)
  if (!org) throw new Response('Not found', { status: 404 })
  return org
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, 'routes/organisations.$orgId._index')
  const org = await memberOrg(args, user.id)
  const url = new URL(args.request.url)
  const editable = canEdit(org.role)
  return json({
    org,
    editable,
    editing: editable && url.searchParams.get('edit') === '1',
    wards: editable ? await listWards(args.context.db) : [],
    notice: NOTICES.find((n) => n === url.searchParams.get('notice')) ?? null,
  })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, 'routes/organisations.$orgId._index')
  const org = await memberOrg(args, user.id)
  if (!canEdit(org.role)) throw new Response('Forbidden', { status: 403 })
  const parsed = await parseForm(args.request, organisationSchema)
  if (!parsed.ok) return parsed.response
  const result = await updateOrganisation(args.context.db, user, org.id, parsed.data, requestMeta(args))
  if (!result.ok) {
    if (result.reason === 'not-found') throw new Response('Not found', { status: 404 })
    if (result.reason === 'forbidden') throw new Response('Forbidden', { status: 403 })
    return formError(result.errors, parsed.raw)
  }
  return redirect(`/organisations/${org.id}?notice=updated`)
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

export default function OrganisationPage() {
  const { org, editable, editing, wards, notice } = useLoaderData<typeof loader>()
  const failed = useActionData<FormErrorData | undefined>()
  const t = useT()
  const lang = useLang()
  const identifier = org.identifier_kind === 'tax_code' ? formatTaxCode(org.identifier) : org.identifier
  const form = usePortalForm(organisationForm, {
    type: org.type,
    name: org.name,
    identifier,
    addressLine: org.address_line,
    wardCode: org.ward_code,
    legalRepName: org.legal_rep_name,
    legalRepTitle: org.legal_rep_title,
    phone: org.phone,
    email: org.email,
    website: org.website ?? '',
  })
  if (editable && (editing || failed?.errors)) {
    return (
      <div className="narrow">
        <p>
          <Link to={`/organisations/${org.id}`}>← {org.name}</Link>
        </p>
        <ErrorSummary errors={form.errors} order={ORGANISATION_FIELDS} />
        <h1>{t('org.edit.title', { name: org.name })}</h1>
        <PortalFormTag form={form}>
          <OrganisationFields form={form} wards={wards} />
          <SubmitButton form={form}>{t('org.edit.submit')}</SubmitButton>
          <Link to={`/organisations/${org.id}`} className="button button--secondary">
            {t('org.edit.cancel')}
          </Link>
        </PortalFormTag>
      </div>
    )
  }
  return (
    <>
      {notice ? <Banner kind="success">{t(`org.notice.${notice}`, { name: org.name })}</Banner> : null}
      <p>
        <Link to="/organisations">← {t('org.list.title')}</Link>
      </p>
      <h1>{org.name}</h1>
      <p>
        {t('org.details.yourRole')} <Tag tone="blue">{t(`org.role.${org.role}`)}</Tag>
      </p>
      <nav className="actions" aria-label={t('org.details.sections')}>
        <Link to={`/organisations/${org.id}/members`}>{t('org.members.title')}</Link>
        {editable ? <Link to={`/organisations/${org.id}?edit=1`}>{t('org.details.edit')}</Link> : null}
      </nav>
      <h2>{t('org.details.title')}</h2>
      <dl className="summary-list">
        <Row label={t('org.field.type')}>{t(`org.type.${org.type}`)}</Row>
        <Row label={t('org.field.name')}>{org.name}</Row>
        <Row label={org.identifier_kind === 'tax_code' ? t('org.identifier.tax_code') : t('org.identifier.citizen_id')}>{identifier}</Row>
        <Row label={t('org.field.address')}>
          {org.address_line}, {t(`org.ward.${org.ward_kind}`, { name: org.ward_name })}, {t('org.province')}
        </Row>
        <Row label={t('org.field.legalRep')}>
          {org.legal_rep_name} ({org.legal_rep_title})
        </Row>
        <Row label={t('org.field.phone')}>{org.phone}</Row>
        <Row label={t('org.field.email')}>{org.email}</Row>
        <Row label={t('org.field.website')}>{org.website ?? t('org.details.none')}</Row>
        <Row label={t('org.details.updatedAt')}>{formatDateTime(org.updated_at, lang)}</Row>
      </dl>
      {!editable ? <p className="hint">{t('org.details.readOnly')}</p> : null}
    </>
  )
}
