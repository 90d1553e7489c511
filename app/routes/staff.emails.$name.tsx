import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { isEmailTemplateName, previewLanguage, renderSample } from '../../emails/samples'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'

// One message the portal sends, as its recipient would get it in the language chosen (?in=vi|en; ?lang= is
// the page's own language): subject, HTML (in a sandboxed frame, served by staff.emails.$name.html with a
// CSP of its own) and plain text. The data is the sample's (emails/samples.ts); nothing is sent.

export const meta: MetaFunction = ({ matches, params }) => pageTitle(matches, 'emails.preview.page', { name: params.name ?? '' })

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/staff.emails.$name')
  const name = args.params.name
  if (!isEmailTemplateName(name)) throw new Response('Not found', { status: 404 })
  const lang = previewLanguage(args.request)
  const { subject, text } = renderSample(name, args.context.env.APP_URL, lang)
  return json({ name, lang, subject, text })
}

export default function EmailPreview() {
  const { name, lang, subject, text } = useLoaderData<typeof loader>()
  const t = useT()
  const language = t(`emails.preview.in.${lang}`)
  const htmlUrl = `/staff/emails/${name}/html?in=${lang}`
  return (
    <>
      <p>
        <Link to="/staff/emails">← {t('emails.preview.back')}</Link>
      </p>
      <p className="caption">{t('emails.preview.page', { name })}</p>
      <h1 lang={lang}>{subject}</h1>
      <p className="hint">{t('emails.preview.sampleNote')}</p>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('emails.preview.template')}</dt>
          <dd>
            <code>{name}</code>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('emails.preview.event')}</dt>
          <dd>{t(`emails.preview.event.${name}`)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('emails.preview.subject')}</dt>
          <dd lang={lang}>{subject}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('emails.preview.language')}</dt>
          <dd>{language}</dd>
        </div>
      </dl>
      <Form method="get" className="filters">
        <div className="form-group">
          <fieldset className="fieldset">
            <legend className="fieldset__legend">{t('emails.preview.in.legend')}</legend>
            <div className="radios radios--inline">
              {(['vi', 'en'] as const).map((l) => (
                <div className="radios__item" key={l}>
                  {/* Keyed by the language shown: an uncontrolled radio would keep its old choice after Back. */}
                  <input key={lang} className="radios__input" id={`in-${l}`} type="radio" name="in" value={l} defaultChecked={l === lang} />
                  <label className="radios__label" htmlFor={`in-${l}`}>
                    {t(`emails.preview.in.${l}`)}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <button type="submit" className="button button--secondary">
          {t('emails.preview.show')}
        </button>
      </Form>
      <h2>{t('emails.preview.htmlVersion')}</h2>
      <iframe key={htmlUrl} className="email-frame" title={t('emails.preview.htmlFrame', { name, lang: language })} src={htmlUrl} sandbox="" />
      <p>
        <a href={htmlUrl}>
          {t('emails.preview.openHtml')}
        </a>
      </p>
      <h2>{t('emails.preview.textVersion')}</h2>
      <pre className="pre" lang={lang}>
        {text}
      </pre>
    </>
  )
}
