import {
  type ActionFunctionArgs,
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { ErrorSummary, HintAndError } from '../components/form'
import { Banner, Tag } from '../components/ui'
import { UploadForm } from '../components/upload-progress'
import { formatDateTime, formatFileSize } from '../i18n/format'
import { type FieldErrors, type FormErrorData, formError, readForm } from '../lib/forms.server'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { uuidParam } from '../lib/params'
import { authorizeUser } from '../modules/auth'
import {
  attachmentsComplete,
  canEditDraft,
  deleteAttachment,
  getApplicationForMember,
  listAttachmentSlots,
  receiveUpload,
  uploadStorage,
} from '../modules/applications'

const ROUTE = 'routes/applications.$id.attachments'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'attachments.title')

async function memberApplication(args: LoaderFunctionArgs, userId: string) {
  const access = await getApplicationForMember(args.context.db, uuidParam(args.params.id), userId)
  if (!access) throw new Response('Not found', { status: 404 })
  return access
}

const NOTICES = ['uploaded', 'deleted'] as const

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const access = await memberApplication(args, user.id)
  const { db } = args.context
  const slots = await listAttachmentSlots(db, access)
  const url = new URL(args.request.url)
  const docId = Number(url.searchParams.get('doc'))
  return json({
    application: { id: access.application.id, title: access.application.title, reference: access.application.reference },
    call: { title_vi: access.call.title_vi, title_en: access.call.title_en },
    editable: canEditDraft(access, undefined, 'attachments'),
    slots,
    complete: await attachmentsComplete(db, access.application.id),
    notice: NOTICES.find((n) => n === url.searchParams.get('notice')) ?? null,
    noticeDocument: slots.find((s) => s.document.id === docId)?.document ?? null,
  })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const access = await memberApplication(args, user.id)
  const { db, env, clientIp } = args.context
  const { request } = args
  const storage = uploadStorage(env)
  const here = `/applications/${access.application.id}/attachments`

  if (!(request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    const raw = await readForm(request)
    if (raw.intent !== 'delete') return formError({ form: 'attachments.error.badRequest' }, {}, 400)
    const id = raw.attachmentId ?? ''
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return formError({ form: 'attachments.error.gone' }, {}, 404)
    const result = await deleteAttachment(db, storage, access, user, id.toLowerCase(), clientIp)
    if (!result.ok) return formError({ form: result.message }, {}, result.status)
    return redirect(`${here}?notice=deleted&doc=${encodeURIComponent(raw.documentId ?? '')}`)
  }

  if (!canEditDraft(access, undefined, 'attachments')) return formError({ form: 'attachments.error.notEditable' }, {}, 403)
  const result = await receiveUpload(db, storage, access, user, request, clientIp)
  if (!result.ok) {
    // A document of another call is as unknown as a missing one.
    if (result.status === 404) throw new Response('Not found', { status: 404 })
    return formError({ [result.field]: result.message }, {}, result.status)
  }
  return redirect(`${here}?notice=uploaded&doc=${result.document.id}`)
}

export default function Attachments() {
  const { application, call, editable, slots, complete, notice, noticeDocument } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormErrorData | undefined>()
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null)
  const errors = clientErrors ?? actionData?.errors ?? {}
  const t = useT()
  const lang = useLang()
  const size = (bytes: number) => formatFileSize(bytes, t)
  const here = `/applications/${application.id}/attachments`
  const nameOf = (d: { name_vi: string; name_en: string }) => (lang === 'en' && d.name_en ? d.name_en : d.name_vi)
  const missing = slots.filter((s) => s.document.mandatory && !s.attachment).length
  return (
    <>
      {notice && noticeDocument && !Object.keys(errors).length ? (
        <Banner kind="success">{t(`attachments.notice.${notice}`, { name: nameOf(noticeDocument) })}</Banner>
      ) : null}
      <ErrorSummary errors={errors} order={['form', ...slots.map((s) => `file-${s.document.id}`)]} />
      <p>
        <Link to={`/applications/${application.id}`}>← {t('attachments.back')}</Link>
      </p>
      <span className="caption">{lang === 'en' && call.title_en ? call.title_en : call.title_vi}</span>
      <h1>{t('attachments.title')}</h1>
      <p>{t('attachments.lead')}</p>
      {editable ? null : <Banner>{t('attachments.readOnly')}</Banner>}
      <p>{complete ? <Tag tone="green">{t('attachments.complete')}</Tag> : <Tag tone="yellow">{t('attachments.incomplete', { count: missing })}</Tag>}</p>
      {slots.map(({ document: d, attachment: a }) => {
        const field = `file-${d.id}`
        const error = errors[field]
        const hint = t('attachments.rules', { types: d.accepted_types.map((x) => x.toUpperCase()).join(', '), max: d.max_size_mb })
        return (
          <section key={d.id} className="attachment" aria-labelledby={`doc-${d.id}`}>
            <h2 id={`doc-${d.id}`}>
              {nameOf(d)} <Tag tone={d.mandatory ? 'blue' : 'grey'}>{d.mandatory ? t('attachments.mandatory') : t('attachments.optional')}</Tag>
            </h2>
            <dl className="summary-list">
              <div className="summary-list__row">
                <dt className="summary-list__key">{t('attachments.current')}</dt>
                <dd className="summary-list__value">
                  {a ? (
                    <>
                      <a href={`${here}/${a.id}`} download>
                        {a.filename}
                      </a>
                      <br />
                      <span className="hint">{t('attachments.fileInfo', { size: size(a.size_bytes), at: formatDateTime(a.uploaded_at, lang) })}</span>
                    </>
                  ) : (
                    t('attachments.none')
                  )}
                </dd>
                {a && editable ? (
                  <dd className="summary-list__actions">
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="attachmentId" value={a.id} />
                      <input type="hidden" name="documentId" value={d.id} />
                      <button type="submit" className="button button--small button--warning">
                        {t('attachments.delete')}
                        <span className="visually-hidden"> {a.filename}</span>
                      </button>
                    </Form>
                  </dd>
                ) : null}
              </div>
            </dl>
            {editable ? (
              <UploadForm id={`upload-${d.id}`} action={here} routeId={ROUTE} onErrors={setClientErrors}>
                <input type="hidden" name="documentId" value={d.id} />
                <div className={`form-group${error ? ' form-group--error' : ''}`}>
                  <label className="label" htmlFor={field}>
                    {a ? t('attachments.chooseReplacement') : t('attachments.chooseFile')}
                    <span className="visually-hidden"> {t('attachments.chooseFor', { name: nameOf(d) })}</span>
                  </label>
                  <HintAndError name={field} hint={hint} error={error} />
                  <input
                    className={`file-upload${error ? ' input--error' : ''}`}
                    id={field}
                    name="file"
                    type="file"
                    accept={d.accepted_types.map((x) => (x === 'jpg' ? '.jpg,.jpeg' : `.${x}`)).join(',')}
                    aria-describedby={[`${field}-hint`, error ? `${field}-error` : null].filter(Boolean).join(' ')}
                    aria-invalid={error ? true : undefined}
                  />
                </div>
                <button type="submit" className="button button--secondary">
                  {a ? t('attachments.replace') : t('attachments.upload')}
                  <span className="visually-hidden"> {nameOf(d)}</span>
                </button>
              </UploadForm>
            ) : (
              <p className="hint">{hint}</p>
            )}
          </section>
        )
      })}
    </>
  )
}
