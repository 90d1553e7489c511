import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { ErrorSummary, FileField, HintAndError, describedByOf } from '../components/form'
import { Banner, SummaryList } from '../components/ui'
import { formatDateTime } from '../i18n/format'
import { type FormErrorData, formError, readForm } from '../lib/forms.server'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { readSmallForm } from '../lib/multipart.server'
import { uploadStorage } from '../modules/applications'
import { authorizeUser, can } from '../modules/auth'
import { getSignatureRequest, maySign, presidingSeat, signRequest, withdrawSignatureRequest } from '../modules/decisions'
import { fundSeal, keptSigner, signingParty } from '../modules/decisions/keys.server'
import { p12Signer, type Signer, SignerKeyError, SigningConfigError } from '../modules/signing'

// One document waiting for a signature. Its signer reads it (the unnumbered preview), chooses the key — their
// certificate file with its passphrase, used for this request only, or the one kept on the server for them — and
// confirms: the number is taken, the document signed by them and by the Fund, stored and mailed, in one
// transaction (decisions/requests.ts). The office can look at it and take it back while it waits.

const ROUTE = 'routes/signing.$id._index'
const MAX_P12 = 64 * 1024

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'signing.title')

async function load(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const request = await getSignatureRequest(args.context.db, args.params.id ?? '')
  const signer = !!request && maySign(user, request)
  const office = can(user, 'application:screen')
  if (!request || !(signer || office)) throw new Response('Not found', { status: 404 })
  return { user, request, signer, office }
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, request, signer, office } = await load(args)
  const seat = await presidingSeat(args.context.db, request, user.id)
  const kept = signer && request.state === 'pending' ? !!(await keptSigner(args.context.env, user.email).catch(() => null)) : false
  return json({ request, signer, office, kept, capacity: seat?.capacity ?? null })
}

export async function action(args: ActionFunctionArgs) {
  const { user, request, signer, office } = await load(args)
  const { db, env, clientIp } = args.context
  const multipart = (args.request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')
  if (!multipart) {
    // The office takes the request back.
    const raw = await readForm(args.request)
    if (raw.intent !== 'withdraw' || !office) throw new Response('Bad request', { status: 400 })
    await withdrawSignatureRequest(db, { requestId: request.id, actor: user, ip: clientIp })
    return redirect(`/signing/${request.id}?notice=withdrawn`)
  }
  if (!signer) throw new Response('Forbidden', { status: 403 })
  const form = await readSmallForm(args.request, { maxFileBytes: MAX_P12 })
  if (!form.ok) return formError({ p12: form.status === 413 ? 'signing.e.tooLarge' : 'signing.e.file' }, {}, form.status)
  const raw = form.fields
  const values = { how: raw.how ?? '' }
  if (raw.confirmed !== 'yes') return formError({ confirmed: 'signing.e.confirm' }, values)

  let key: Signer | null
  if (raw.how === 'kept') {
    key = await keptSigner(env, user.email).catch(() => null)
    if (!key) return formError({ how: 'signing.e.no_kept' }, values)
  } else {
    const file = form.files.p12
    if (!file || file.bytes.length === 0) return formError({ p12: 'signing.e.file' }, values)
    try {
      key = p12Signer(file.bytes, raw.passphrase ?? '')
    } catch (error) {
      if (error instanceof SignerKeyError) return formError({ [error.reason === 'passphrase' ? 'passphrase' : 'p12']: `signing.e.${error.reason}` }, values)
      throw error
    }
  }
  // A certificate is a person's: it must be issued to the one signing.
  const same = (a: string) => a.normalize('NFC').trim().toLocaleLowerCase('vi')
  if (same(key.name) !== same(user.fullName)) return formError({ [raw.how === 'kept' ? 'how' : 'p12']: `signing.e.not_you?name=${encodeURIComponent(key.name)}` }, values)

  let fund
  try {
    fund = await fundSeal(db, env)
  } catch (error) {
    if (error instanceof SigningConfigError) return formError({ form: 'signing.e.fund_key' }, values, 503)
    throw error
  }
  const seat = await presidingSeat(db, request, user.id)
  const party = await signingParty(db, { id: user.id, fullName: user.fullName }, key, seat ?? undefined)
  const result = await signRequest(db, uploadStorage(env), { requestId: request.id, user, party, fund, appUrl: env.APP_URL, ip: clientIp })
  if (!result.ok) {
    if (result.reason === 'not_found') throw new Response('Not found', { status: 404 })
    if (result.reason === 'not_yours') throw new Response('Forbidden', { status: 403 })
    return formError({ form: `signing.e.${result.reason}` }, values, 409)
  }
  return redirect(`/signing?notice=signed&symbol=${encodeURIComponent(result.document.symbol ?? '')}`)
}

export default function SignDocument() {
  const { request: r, signer, office, kept, capacity } = useLoaderData<typeof loader>()
  const errors = useActionData<FormErrorData | undefined>()?.errors ?? {}
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const lang = useLang()
  const pending = r.state === 'pending'
  const [search] = useSearchParams()
  const withdrawn = search.get('notice') === 'withdrawn'
  const capacityText = capacity ?? t('signing.signer.director')
  return (
    <>
      {withdrawn ? <Banner kind="success">{t('signing.withdrawn')}</Banner> : null}
      <ErrorSummary errors={errors} order={['form', 'how', 'p12', 'passphrase', 'confirmed']} />
      <p className="caption">{t(`signing.kind.${r.kind}`)}</p>
      <h1>{r.title}</h1>
      <SummaryList
        rows={[
          [t('signing.state'), t(`signing.state.${r.state}`)],
          [t('signing.preparedBy'), r.preparedBy ?? ''],
          [t('signing.preparedAt'), formatDateTime(r.preparedAt, lang)],
          [t('signing.signer'), r.signerName ?? t('signing.signer.director')],
        ]}
      />
      {pending ? (
        <p>
          <a href={`/signing/${r.id}/preview`} target="_blank" rel="noreferrer">
            {t('signing.preview')}
          </a>
        </p>
      ) : null}
      {pending && signer ? (
        <Form method="post" encType="multipart/form-data" noValidate>
          <div className={`form-group${errors.how ? ' form-group--error' : ''}`}>
            <fieldset className="fieldset" aria-describedby={describedByOf('how', undefined, errors.how)}>
              <legend className="fieldset__legend">{t('signing.how')}</legend>
              <HintAndError name="how" error={errors.how} />
              <div className="radios">
                {kept ? (
                  <div className="radios__item">
                    <input className="radios__input" id="how" type="radio" name="how" value="kept" defaultChecked />
                    <label className="radios__label" htmlFor="how">
                      {t('signing.how.kept')}
                    </label>
                  </div>
                ) : null}
                <div className="radios__item">
                  <input className="radios__input" id={kept ? 'how-file' : 'how'} type="radio" name="how" value="file" defaultChecked={!kept} />
                  <label className="radios__label" htmlFor={kept ? 'how-file' : 'how'}>
                    {t('signing.how.file')}
                  </label>
                </div>
              </div>
            </fieldset>
          </div>
          <FileField name="p12" label={t('signing.file')} hint={t('signing.file.hint')} error={errors.p12} accept=".p12,.pfx,application/x-pkcs12" />
          <div className={`form-group${errors.passphrase ? ' form-group--error' : ''}`}>
            <label className="label" htmlFor="passphrase">
              {t('signing.passphrase')}
            </label>
            <HintAndError name="passphrase" error={errors.passphrase} />
            <input className="input input--half" id="passphrase" name="passphrase" type="password" autoComplete="off" aria-describedby={describedByOf('passphrase', undefined, errors.passphrase)} aria-invalid={errors.passphrase ? true : undefined} />
          </div>
          <div className={`form-group${errors.confirmed ? ' form-group--error' : ''}`}>
            <HintAndError name="confirmed" error={errors.confirmed} />
            <div className="radios__item">
              <input className="radios__input" id="confirmed" name="confirmed" type="checkbox" value="yes" aria-describedby={describedByOf('confirmed', undefined, errors.confirmed)} />
              <label className="radios__label" htmlFor="confirmed">
                {t('signing.confirm', { capacity: capacityText })}
              </label>
            </div>
          </div>
          <p className="warning-text">{t('signing.warning')}</p>
          <button type="submit" className="button" disabled={busy} data-prevent-double-click="true">
            {t('signing.button')}
          </button>
        </Form>
      ) : null}
      {pending && office ? (
        <Form method="post">
          <input type="hidden" name="intent" value="withdraw" />
          <button type="submit" className="button button--secondary">
            {t('signing.withdraw')}
          </button>
        </Form>
      ) : null}
      <p>
        <a href="/signing">{t('signing.back')}</a>
      </p>
    </>
  )
}
