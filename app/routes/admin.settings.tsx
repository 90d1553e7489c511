import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ErrorSummary, PortalFormTag, SubmitButton, TextAreaField, TextField, usePortalForm } from '../components/form'
import { Banner } from '../components/ui'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { getFundSettings, updateFundSettings } from '../modules/fund'
import { getFundSettingsWithCharter } from '../modules/fund/legal-bases'
import { fundSettingsSchema } from '../modules/fund/schemas'

// The fund's settings as every official document prints them: the bodies of the header, the document
// symbol, the place, the signer, the legal bases and the default recipients.

const ROUTE = 'routes/admin.settings'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'fund.settings.title')

const FIELDS = [
  'parent_body_vi', 'parent_body_en', 'name_vi', 'name_en', 'short_name', 'document_symbol', 'place_name', 'address', 'phone', 'email',
  'website', 'signer_authority', 'signer_title', 'signer_name', 'charter_number', 'charter_date', 'charter_issuer', 'recipients',
] as const

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, ROUTE)
  const s = await getFundSettings(args.context.db)
  const charter = await getFundSettingsWithCharter(args.context.db)
  const values: Record<string, string> = {}
  if (s) {
    for (const f of FIELDS) {
      const v = f === 'charter_date' ? (charter?.charter_date ? charter.charter_date.split('-').reverse().join('/') : '') : s[f]
      values[f] = Array.isArray(v) ? v.join('\n') : String(v ?? '')
    }
  }
  return json({ values, saved: new URL(args.request.url).searchParams.get('notice') === 'saved' })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const raw = await readForm(args.request)
  const result = await updateFundSettings(args.context.db, { values: raw, actor: user, ip: args.context.clientIp })
  if (!result.ok) return formError(result.errors, raw)
  return redirect('/admin/settings?notice=saved')
}

export default function FundSettingsPage() {
  const { values, saved } = useLoaderData<typeof loader>()
  const t = useT()
  const form = usePortalForm(fundSettingsSchema, values)
  return (
    <>
      <p>
        <Link to="/admin">← {t('admin.title')}</Link>
      </p>
      <ErrorSummary errors={form.errors} order={[...FIELDS]} />
      {saved ? <Banner kind="success">{t('fund.settings.saved')}</Banner> : null}
      <h1>{t('fund.settings.title')}</h1>
      <p className="lead">{t('admin.settings.lead')}</p>
      <PortalFormTag form={form}>
        <h2>{t('fund.settings.identity')}</h2>
        <TextField form={form} name="parent_body_vi" label={t('fund.settings.parent_body_vi')} />
        <TextField form={form} name="parent_body_en" label={t('fund.settings.parent_body_en')} />
        <TextField form={form} name="name_vi" label={t('fund.settings.name_vi')} />
        <TextField form={form} name="name_en" label={t('fund.settings.name_en')} />
        <TextField form={form} name="short_name" label={t('fund.settings.short_name')} width="third" />
        <TextField form={form} name="document_symbol" label={t('fund.settings.document_symbol')} hint={t('fund.settings.document_symbol.hint')} width="third" />
        <TextField form={form} name="place_name" label={t('fund.settings.place_name')} hint={t('fund.settings.place_name.hint')} width="half" />
        <h2>{t('fund.settings.signer')}</h2>
        <TextField form={form} name="signer_authority" label={t('fund.settings.signer_authority')} hint={t('fund.settings.signer_authority.hint')} optional width="half" />
        <TextField form={form} name="signer_title" label={t('fund.settings.signer_title')} width="half" />
        <TextField form={form} name="signer_name" label={t('fund.settings.signer_name')} autoComplete="off" width="half" />
        <TextField form={form} name="charter_number" label={t('fund.settings.charter_number')} optional width="half" />
        <TextField form={form} name="charter_date" label={t('fund.settings.charter_date')} hint={t('fund.settings.charter_date.hint')} optional width="half" />
        <TextField form={form} name="charter_issuer" label={t('fund.settings.charter_issuer')} optional />
        <p>
          <Link to="/admin/legal-bases">{t('fund.settings.legal_bases.link')}</Link>
        </p>
        <TextAreaField form={form} name="recipients" label={t('fund.settings.recipients')} hint={t('fund.settings.recipients.hint')} optional rows={4} />
        <h2>{t('fund.settings.contact')}</h2>
        <TextField form={form} name="address" label={t('fund.settings.address')} />
        <TextField form={form} name="phone" label={t('fund.settings.phone')} type="tel" width="half" />
        <TextField form={form} name="email" label={t('fund.settings.email')} type="email" width="half" />
        <TextField form={form} name="website" label={t('fund.settings.website')} optional />
        <SubmitButton form={form}>{t('fund.settings.save')}</SubmitButton>
      </PortalFormTag>
    </>
  )
}
