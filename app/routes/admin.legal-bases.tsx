import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ErrorSummary, PortalFormTag, SubmitButton, TextAreaField, usePortalForm } from '../components/form'
import { Banner } from '../components/ui'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { charterBasis, getFundSettingsWithCharter, listLegalBases, saveLegalBases } from '../modules/fund/legal-bases'
import { LEGAL_BASIS_KINDS, legalBasesFormSchema } from '../modules/fund/legal-bases-form'

// The legal bases ("Căn cứ …") each kind of decision prints, edited by an administrator; the charter's line comes
// from the fund's settings and is printed last.

const ROUTE = 'routes/admin.legal-bases'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'legalBases.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, ROUTE)
  const lists = await listLegalBases(args.context.db)
  const values = Object.fromEntries(LEGAL_BASIS_KINDS.map((k) => [k, lists[k].join('\n')]))
  return json({ values, charter: charterBasis(await getFundSettingsWithCharter(args.context.db)), saved: new URL(args.request.url).searchParams.get('notice') === 'saved' })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const raw = await readForm(args.request)
  const result = await saveLegalBases(args.context.db, { values: raw, actor: user, ip: args.context.clientIp })
  if (!result.ok) return formError(result.errors, raw)
  return redirect('/admin/legal-bases?notice=saved')
}

export default function LegalBasesPage() {
  const { values, charter, saved } = useLoaderData<typeof loader>()
  const t = useT()
  const form = usePortalForm(legalBasesFormSchema, values)
  return (
    <>
      <p>
        <Link to="/admin">← {t('admin.title')}</Link>
      </p>
      <ErrorSummary errors={form.errors} order={[...LEGAL_BASIS_KINDS]} />
      {saved ? <Banner kind="success">{t('legalBases.saved')}</Banner> : null}
      <h1>{t('legalBases.title')}</h1>
      <p className="lead">{t('legalBases.lead')}</p>
      <p>{charter ? t('legalBases.charter', { line: charter }) : <Link to="/admin/settings">{t('legalBases.charter.missing')}</Link>}</p>
      <PortalFormTag form={form}>
        {LEGAL_BASIS_KINDS.map((kind) => (
          <TextAreaField key={kind} form={form} name={kind} label={t(`legalBases.kind.${kind}`)} hint={t('legalBases.hint')} optional rows={5} />
        ))}
        <SubmitButton form={form}>{t('legalBases.save')}</SubmitButton>
      </PortalFormTag>
    </>
  )
}
