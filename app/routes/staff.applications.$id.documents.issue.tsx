import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { ConfirmPage, isConfirmed } from '../components/confirm'
import { formatMoney } from '../i18n/format'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { openSignatureRequest, type OutcomeKind, outcomeToIssue, requestSignature } from '../modules/decisions'
import { authorizeStaffApplication } from '../modules/screening'

// Sending the application's outcome document (the decision, the notice of not approving, the request for
// supplementation) to the director for signature, confirmed: when the director signs (signing.$id), the
// register's number is taken for good and the document is mailed, so the page first names the document, the
// organisation and the people it goes to. Only this page's button sends it, and only the kind it showed.

const ROUTE = 'routes/staff.applications.$id.documents.issue'
const KINDS: readonly OutcomeKind[] = ['decision', 'notice', 'ineligible', 'supplementation']

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'signing.send.title')

export async function loader(args: LoaderFunctionArgs) {
  const { staff } = await authorizeStaffApplication(args, ROUTE)
  const outcome = await outcomeToIssue(args.context.db, staff.application.id)
  // Nothing due (issued already, or no outcome yet): the application page shows its documents.
  if (!outcome || (await openSignatureRequest(args.context.db, { applicationId: staff.application.id }))) throw redirect(`/staff/applications/${staff.application.id}#documents`)
  return json({ id: staff.application.id, outcome })
}

export async function action(args: ActionFunctionArgs) {
  const { user, staff } = await authorizeStaffApplication(args, ROUTE)
  const { db, env, clientIp } = args.context
  const id = staff.application.id
  const raw = await readForm(args.request)
  if (!isConfirmed(raw)) return redirect(`/staff/applications/${id}/documents/issue`)
  const kind = KINDS.find((k) => k === raw.kind)
  // The kind confirmed is the document issued: a confirmation without one confirms nothing.
  if (!kind) return formError({ form: 'reviewing.confirm.issue.changed' }, raw, 409)
  const result = await requestSignature(db, { kind, applicationId: id, actor: user, appUrl: env.APP_URL, ip: clientIp })
  if (!result.ok) {
    if (result.reason === 'not_found') throw new Response('Not found', { status: 404 })
    return formError({ form: 'reviewing.confirm.issue.changed' }, raw, 409)
  }
  return redirect(`/staff/applications/${id}?notice=sent#documents`)
}

export default function ConfirmIssue() {
  const { id, outcome: o } = useLoaderData<typeof loader>()
  const t = useT()
  const base = `/staff/applications/${id}`
  return (
    <ConfirmPage
      caption={o.reference ?? undefined}
      title={t('signing.send.title')}
      lead={t('signing.send.lead')}
      facts={[
        [t('reviewing.confirm.issue.document'), t(`documents.kind.${o.kind}`)],
        [t('reviewing.list.application'), `${o.reference ? `${o.reference} – ` : ''}${o.title}`],
        [t('reviewing.confirm.issue.addressee'), o.organisation],
        ...(o.amount !== null ? [[t('reviewing.confirm.issue.amount'), formatMoney(o.amount)] as [string, string]] : []),
        [
          t('reviewing.confirm.issue.recipients'),
          o.recipients.length ? (
            <ul className="list-bullet">
              {o.recipients.map((p) => (
                <li key={p.email}>
                  {p.fullName} &lt;{p.email}&gt;
                </li>
              ))}
            </ul>
          ) : (
            t('reviewing.confirm.issue.nobody')
          ),
        ],
      ]}
      warning={t('signing.send.warning')}
      fields={{ kind: o.kind }}
      confirm={t('signing.send')}
      back={{ href: `${base}#documents`, label: t('reviewing.confirm.issue.back') }}
    >
      <p>
        <a href={`${base}/documents/preview`} target="_blank" rel="noreferrer">
          {t('documents.preview')}: {t(`documents.kind.${o.kind}`)}
        </a>
      </p>
    </ConfirmPage>
  )
}
