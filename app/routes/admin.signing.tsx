import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ErrorSummary, FileField, HintAndError, describedByOf } from '../components/form'
import { Banner, SummaryList } from '../components/ui'
import { formatDate } from '../i18n/format'
import { type FormErrorData, formError } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { readSmallForm } from '../lib/multipart.server'
import { authorizeUser } from '../modules/auth'
import { hasSealImage, listSigners, saveSeal, saveSigner } from '../modules/decisions'
import { keptSigner, portalKeys } from '../modules/decisions/keys.server'

// How the Fund's documents are signed, for the administrator: the Fund's key (where it comes from, to whom it
// is issued, until when, whether it is a demo), each director's capacity, authority line and signature image,
// and the seal image. The keys themselves are configuration, never uploaded here (ADR 017).

const ROUTE = 'routes/admin.signing'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'signers.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, ROUTE)
  const { db, env } = args.context
  const fund = await portalKeys(env)
    .keys.fund()
    .then((k) => ({ name: k.name, organisation: k.organisation, demo: k.demo, notAfter: k.notAfter }))
    .catch(() => null)
  const signers = await Promise.all((await listSigners(db)).map(async (s) => ({ ...s, kept: !!(await keptSigner(env, s.email).catch(() => null)) })))
  return json({ fund, signers, seal: await hasSealImage(db) })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const { db, clientIp } = args.context
  const form = await readSmallForm(args.request, { maxFileBytes: 512 * 1024 })
  if (!form.ok) return formError({ form: form.status === 413 ? 'signers.v.image.too_large' : 'signers.v.image.not_png' }, {}, form.status)
  const f = form.fields
  if (f.intent === 'seal') {
    const image = form.files.seal?.bytes
    if (!image?.length) return formError({ seal: 'signers.v.noFile' }, {})
    const saved = await saveSeal(db, { image, actor: user, ip: clientIp })
    if (!saved.ok) return formError(saved.errors, {})
    return redirect('/admin/signing?notice=saved')
  }
  const userId = f.userId ?? ''
  const image = form.files.image?.bytes.length ? form.files.image.bytes : null
  const saved = await saveSigner(db, { userId, capacity: f.capacity ?? '', authority: f.authority ?? '', image, actor: user, ip: clientIp })
  if (!saved.ok) return formError(Object.fromEntries(Object.entries(saved.errors).map(([k, v]) => [k === 'form' ? 'form' : `${k}-${userId}`, v])), f)
  return redirect('/admin/signing?notice=saved')
}

export default function SigningSettings() {
  const { fund, signers, seal } = useLoaderData<typeof loader>()
  const data = useActionData<FormErrorData | undefined>()
  const errors = data?.errors ?? {}
  const t = useT()
  const [search] = useSearchParams()
  return (
    <>
      {search.get('notice') === 'saved' ? <Banner kind="success">{t('signers.saved')}</Banner> : null}
      <ErrorSummary errors={errors} />
      <h1>{t('signers.title')}</h1>
      <p>{t('signers.lead')}</p>

      <h2>{t('signers.keys')}</h2>
      {fund ? (
        <>
          <SummaryList
            rows={[
              [t('signers.keys.subject'), [fund.name, fund.organisation].filter(Boolean).join(' – ')],
              [t('signers.keys.valid'), formatDate(fund.notAfter)],
            ]}
          />
          {fund.demo ? <p className="warning-text">{t('signers.keys.demo')}</p> : null}
        </>
      ) : (
        <p className="warning-text">{t('signers.keys.missing')}</p>
      )}

      <h2>{t('signers.people')}</h2>
      {signers.length === 0 ? <p>{t('signers.none')}</p> : null}
      {signers.map((s) => {
        const id = (name: string) => `${name}-${s.userId}`
        const value = (name: string, fallback: string) => (data?.defaultValues?.userId === s.userId ? (data.defaultValues[name] ?? fallback) : fallback)
        return (
          <section key={s.userId} aria-labelledby={id('name')} className="signer">
            <h3 id={id('name')}>{s.fullName}</h3>
            <p className="hint">
              {s.email}
              {s.kept ? ` · ${t('signers.kept')}` : ''}
            </p>
            <Form method="post" encType="multipart/form-data" noValidate>
              <input type="hidden" name="userId" value={s.userId} />
              {(['capacity', 'authority'] as const).map((name) => (
                <div key={name} className={`form-group${errors[id(name)] ? ' form-group--error' : ''}`}>
                  <label className="label" htmlFor={id(name)}>
                    {t(`signers.${name}`)}
                  </label>
                  <HintAndError name={id(name)} error={errors[id(name)]} />
                  <input
                    className="input input--half"
                    id={id(name)}
                    name={name}
                    type="text"
                    defaultValue={value(name, s[name])}
                    aria-describedby={describedByOf(id(name), undefined, errors[id(name)])}
                    aria-invalid={errors[id(name)] ? true : undefined}
                  />
                </div>
              ))}
              <FileField name="image" id={id('image')} label={t('signers.image')} hint={t(s.hasImage ? 'signers.image.stored' : 'signers.image.none')} error={errors[id('image')]} accept=".png,image/png" />
              <button type="submit" className="button">
                {t('signers.save', { name: s.fullName })}
              </button>
            </Form>
          </section>
        )
      })}

      <h2>{t('signers.seal')}</h2>
      <Form method="post" encType="multipart/form-data" noValidate>
        <input type="hidden" name="intent" value="seal" />
        <FileField name="seal" label={t('signers.seal')} hint={t(seal ? 'signers.seal.stored' : 'signers.seal.none')} error={errors.seal} accept=".png,image/png" />
        <button type="submit" className="button">
          {t('signers.seal.save')}
        </button>
      </Form>
    </>
  )
}
