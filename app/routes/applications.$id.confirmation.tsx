import { json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { formatDateTime } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeApplicationMember, listApplicationEvents } from '../modules/applications'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'submission.confirmation.title')

/** The confirmation after submitting: the reference in large type and what happens next. */
export async function loader(args: LoaderFunctionArgs) {
  const { user, access } = await authorizeApplicationMember(args, 'routes/applications.$id.confirmation')
  const { application } = access
  if (!application.reference || !application.submitted_at) throw redirect(`/applications/${application.id}`)
  // The confirmation went to whoever submitted, who may be a co-applicant of the person reading this.
  const submitted = (await listApplicationEvents(args.context.db, application.id)).find((e) => e.event === 'submit')
  return json({
    id: application.id,
    reference: application.reference,
    submittedAt: application.submitted_at,
    title: application.title,
    email: submitted?.actorEmail ?? user.email,
  })
}

export default function Confirmation() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => ref.current?.focus(), [])
  return (
    <>
      <div className="panel panel--success" role="region" aria-labelledby="panel-title" tabIndex={-1} ref={ref}>
        <h1 className="panel__title" id="panel-title">
          {t('submission.confirmation.title')}
        </h1>
        <div className="panel__body">
          {t('submission.confirmation.reference')}
          <br />
          <strong className="panel__reference">{data.reference}</strong>
        </div>
      </div>
      <p>{t('submission.confirmation.at', { time: formatDateTime(data.submittedAt, lang) })}</p>
      <p>{t('submission.confirmation.sent', { email: data.email })}</p>
      <h2>{t('submission.confirmation.next')}</h2>
      <p>{t('submission.confirmation.next.screening')}</p>
      <p>{t('submission.confirmation.next.reference')}</p>
      <ul className="list-bullet">
        <li>
          <a href={`/applications/${data.id}/receipt`} download>
            {t('submission.receipt.download')}
          </a>
        </li>
        <li>
          <Link to={`/applications/${data.id}`}>{t('submission.confirmation.view')}</Link>
        </li>
        <li>
          <Link to="/applications">{t('submission.confirmation.dashboard')}</Link>
        </li>
      </ul>
    </>
  )
}
