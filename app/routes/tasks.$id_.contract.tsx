import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ContractHistory, ContractStatusTag, ContractTerms } from '../components/contract'
import { describedByOf, ErrorSummary, HintAndError } from '../components/form'
import { PlainField } from '../components/plain-field'
import { Banner, SummaryList } from '../components/ui'
import { type FormErrorData, formError, readForm } from '../lib/forms.server'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeApplicationMember } from '../modules/applications'
import { contractForGrantee } from '../modules/contracts'
import { acceptContractIntent } from '../modules/contracts/intents.server'

// The grantee's page of the contract the Fund sent: its terms read back in plain words, the document to read,
// and, for the organisation's legal representative (its owner in the portal), the confirmation that accepts it
// (name, position, "I have read and agree"; the time, the address and the text's SHA-256 are recorded). The
// other members read it and see who can confirm. Once the Fund signed, the signed PDF.

const ROUTE = 'routes/tasks.$id_.contract'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'contracts.page.title')

export async function loader(args: LoaderFunctionArgs) {
  const { user, access } = await authorizeApplicationMember(args, ROUTE)
  const app = access.application
  const page = await contractForGrantee(args.context.db, app.id, user.id)
  // A draft is the office's own; the grantee sees the contract once it is sent.
  if (!page) throw new Response('Not found', { status: 404 })
  const { representative, ...rest } = page
  return json({ application: { id: app.id, title: app.title, reference: app.reference }, ...rest, me: { name: user.fullName, representative } })
}

export async function action(args: ActionFunctionArgs) {
  const { user, access } = await authorizeApplicationMember(args, ROUTE)
  const raw = await readForm(args.request)
  const { db, env, clientIp } = args.context
  const result = await acceptContractIntent({ db, env, user, applicationId: access.application.id, ip: clientIp }, raw)
  if (!result.ok) return formError(result.errors, result.values, result.status)
  return redirect(`/tasks/${access.application.id}/contract?notice=${result.notice}`)
}

export default function TaskContract() {
  const { application: app, parties, contract, record, me, representatives } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormErrorData>()
  const errors = actionData?.errors ?? {}
  const values = actionData?.defaultValues
  const t = useT()
  const lang = useLang()
  const [search] = useSearchParams()
  const accepted = !!record.acceptedAt
  const open = contract.status === 'proposed' && !accepted
  const fundName = lang === 'en' && parties.fund.nameEn ? parties.fund.nameEn : parties.fund.nameVi
  return (
    <>
      <p>
        <Link to={`/applications/${app.id}`}>← {t('contracts.page.backToApplication')}</Link>
      </p>
      {search.get('notice') === 'accepted' ? <Banner kind="success">{t('contracts.notice.accepted')}</Banner> : null}
      <ErrorSummary errors={errors} order={['form', 'position', 'confirmed']} />
      <p className="caption">{app.reference}</p>
      <h1>{t('contracts.page.title')}</h1>
      <p>{app.title}</p>
      <SummaryList
        rows={[
          [t('contracts.page.status'), <ContractStatusTag key="s" status={contract.status} accepted={accepted} />],
          [t('contracts.parties.fund'), `${fundName}${parties.fund.address ? ` — ${parties.fund.address}` : ''}`],
          [
            t('contracts.parties.grantee'),
            t('contracts.parties.granteeLine', { name: parties.grantee.name, representative: parties.grantee.representative, position: parties.grantee.position }),
          ],
        ]}
      />
      <p>
        {record.document ? (
          <a href={`/applications/${app.id}/documents/${record.document.id}`}>{t('contracts.signedPdf', { symbol: record.document.symbol ?? '' })}</a>
        ) : (
          <a href={`/tasks/${app.id}/contract/preview`} target="_blank" rel="noreferrer">
            {t('contracts.preview')}
          </a>
        )}
      </p>

      <section aria-labelledby="terms-title">
        <h2 id="terms-title">{t('contracts.terms.title')}</h2>
        <ContractTerms c={contract} />
      </section>

      <section aria-labelledby="accept-title">
        <h2 id="accept-title">{t('contracts.accept.title')}</h2>
        {open && me.representative ? (
          <Form method="post" noValidate>
            <input type="hidden" name="version" value={contract.version} />
            <p>{t('contracts.accept.lead')}</p>
            <SummaryList rows={[[t('contracts.accept.name'), me.name]]} />
            <PlainField name="position" label={t('contracts.accept.position')} hint={t('contracts.accept.position.hint')} value={values?.position ?? parties.grantee.position} error={errors.position} width="half" />
            <div className={`form-group${errors.confirmed ? ' form-group--error' : ''}`}>
              <HintAndError name="confirmed" error={errors.confirmed} />
              <div className="radios__item">
                <input className="radios__input" id="confirmed" name="confirmed" type="checkbox" value="yes" defaultChecked={values?.confirmed === 'yes'} aria-describedby={describedByOf('confirmed', undefined, errors.confirmed)} aria-invalid={errors.confirmed ? true : undefined} />
                <label className="radios__label" htmlFor="confirmed">
                  {t('contracts.accept.confirm')}
                </label>
              </div>
            </div>
            <p className="hint">{t('contracts.accept.recorded')}</p>
            <button type="submit" className="button" data-prevent-double-click="true">
              {t('contracts.accept.button')}
            </button>
          </Form>
        ) : open ? (
          <p>{t('contracts.accept.onlyRepresentative', { names: representatives.join(', ') || '—' })}</p>
        ) : accepted && contract.status === 'proposed' ? (
          <p>{t('contracts.wait.fund')}</p>
        ) : (
          <p>{t('contracts.accept.done')}</p>
        )}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('contracts.history.title')}</h2>
        <ContractHistory r={record} />
      </section>
    </>
  )
}
