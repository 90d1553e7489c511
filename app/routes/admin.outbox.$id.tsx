import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Banner, Tag } from '../components/ui'
import { formatDateTime, formatFileSize } from '../i18n/format'
import { intParam } from '../lib/params'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { recordAudit } from '../modules/audit'
import { authorizeUser } from '../modules/auth'
import { attachmentSummaries, getOutboxMessage, retryMessage } from '../modules/notifications'
import { STATE_TONE } from './admin.outbox._index'

export const meta: MetaFunction = ({ matches, params }) => pageTitle(matches, 'outbox.message', { id: params.id ?? '' })

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/admin.outbox.$id')
  const message = await getOutboxMessage(args.context.db, intParam(args.params.id))
  if (!message) throw new Response('Not found', { status: 404 })
  // The page shows names and sizes of attachments; their bytes stay out of the page data.
  const { html_body: _html, attachments: _files, ...rest } = message
  const notice = new URL(args.request.url).searchParams.get('notice')
  return json({ message: rest, attachments: attachmentSummaries(message), notice: notice === 'retried' ? ('retried' as const) : notice === 'notFailed' ? ('notFailed' as const) : null })
}

export async function action(args: ActionFunctionArgs) {
  const admin = await authorizeUser(args, 'routes/admin.outbox.$id')
  const id = intParam(args.params.id)
  const retried = await retryMessage(args.context.db, id)
  if (retried) await recordAudit(args.context.db, { action: 'email.retried', actor: admin, subjectType: 'email', subjectId: String(id), ip: args.context.clientIp })
  return redirect(`/admin/outbox/${id}?notice=${retried ? 'retried' : 'notFailed'}`)
}

export default function OutboxMessage() {
  const { message: m, attachments, notice } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  return (
    <>
      {notice ? <Banner kind={notice === 'retried' ? 'success' : 'info'}>{t(`outbox.${notice}`)}</Banner> : null}
      <p>
        <Link to="/admin/outbox">← {t('outbox.back')}</Link>
      </p>
      <h1>{m.subject}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('outbox.col.id')}</dt>
          <dd>{m.id}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('outbox.to')}</dt>
          <dd>{m.to_name ? `${m.to_name} <${m.to_address}>` : m.to_address}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('outbox.col.template')}</dt>
          <dd>
            {m.template} ({m.lang})
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('outbox.state')}</dt>
          <dd>
            <Tag tone={STATE_TONE[m.state]}>{t(`outbox.state.${m.state}`)}</Tag>
            {m.state === 'sent' && m.eml_file ? <div className="secondary">{t('outbox.savedAsFile')}</div> : null}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('outbox.col.created')}</dt>
          <dd>{formatDateTime(m.created_at, lang)}</dd>
        </div>
        {m.sent_at ? (
          <div className="summary-list__row">
            <dt>{t('outbox.col.sent')}</dt>
            <dd>{formatDateTime(m.sent_at, lang)}</dd>
          </div>
        ) : null}
        <div className="summary-list__row">
          <dt>{t('outbox.col.attempts')}</dt>
          <dd>{m.attempts}</dd>
        </div>
        {m.state === 'pending' && m.attempts > 0 ? (
          <div className="summary-list__row">
            <dt>{t('outbox.col.nextAttempt')}</dt>
            <dd>{formatDateTime(m.next_attempt_at, lang)}</dd>
          </div>
        ) : null}
        {m.last_error ? (
          <div className="summary-list__row">
            <dt>{t('outbox.col.error')}</dt>
            <dd>{m.last_error}</dd>
          </div>
        ) : null}
        {attachments.length > 0 ? (
          <div className="summary-list__row">
            <dt>{t('outbox.attachments')}</dt>
            <dd>
              <ul className="list-bullet">
                {attachments.map((a, i) => (
                  <li key={i}>
                    {a.sizeBytes === null
                      ? t('outbox.attachmentPending', { name: a.filename, type: a.contentType })
                      : t('outbox.attachmentInfo', { name: a.filename, type: a.contentType, size: formatFileSize(a.sizeBytes, t) })}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
      <div className="actions">
        {m.state === 'failed' ? (
          <Form method="post">
            <button type="submit" className="button">
              {t('outbox.retry')}
            </button>
          </Form>
        ) : null}
        <a className="button button--secondary" href={`/admin/outbox/${m.id}/eml`} download>
          {t('outbox.downloadEml')}
        </a>
      </div>
      <h2>{t('outbox.htmlVersion')}</h2>
      <iframe className="email-frame" title={t('outbox.htmlFrame')} src={`/admin/outbox/${m.id}/html`} sandbox="" />
      <h2>{t('outbox.textVersion')}</h2>
      <pre className="pre">{m.text_body}</pre>
    </>
  )
}
