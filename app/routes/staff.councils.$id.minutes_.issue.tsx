import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { ConfirmPage, isConfirmed } from '../components/confirm'
import { formatDateTime } from '../i18n/format'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { issuedMinutes, openSignatureRequest, requestSignature } from '../modules/decisions'
import { authorizeMeeting, getMeeting } from '../modules/review/meeting'
import { councilName } from '../modules/review/names'

// Sending the minutes of a concluded meeting for signature, confirmed: the member presiding the meeting reads and
// signs them (signing.$id), and the register's next number is taken for them then, for good. The page first
// says what they record (the meeting, who came, the conclusions) and links to the draft.

const ROUTE = 'routes/staff.councils.$id.minutes_.issue'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reviewing.confirm.minutes.title')

export async function loader(args: LoaderFunctionArgs) {
  const { councilId } = await authorizeMeeting(args, ROUTE)
  const meeting = await getMeeting(args.context.db, councilId)
  if (!meeting) throw new Response('Not found', { status: 404 })
  // Not concluded yet, or issued already: the meeting page says which.
  if (meeting.council.status !== 'concluded' || (await issuedMinutes(args.context.db, councilId)) || (await openSignatureRequest(args.context.db, { councilId })))
    throw redirect(`/staff/councils/${councilId}/meeting#minutes`)
  return json({
    council: meeting.council,
    call: meeting.call,
    present: meeting.membersPresent,
    members: meeting.members.length,
    applications: meeting.ranking.length,
    recommended: meeting.ranking.filter((r) => r.recommended).length,
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, councilId } = await authorizeMeeting(args, ROUTE)
  const raw = await readForm(args.request)
  if (!isConfirmed(raw)) return redirect(`/staff/councils/${councilId}/minutes/issue`)
  const result = await requestSignature(args.context.db, { kind: 'minutes', councilId, actor: user, appUrl: args.context.env.APP_URL, ip: args.context.clientIp })
  if (!result.ok) {
    if (result.reason === 'not_found') throw new Response('Not found', { status: 404 })
    return formError({ form: result.reason === 'no_signer' ? 'signing.e.noPresiding' : 'reviewing.minutes.notConcluded' }, raw, 409)
  }
  return redirect(`/staff/councils/${councilId}/meeting?notice=sent#minutes`)
}

export default function ConfirmMinutes() {
  const d = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const base = `/staff/councils/${d.council.id}`
  return (
    <ConfirmPage
      caption={councilName(d.council, lang)}
      title={t('reviewing.confirm.minutes.title')}
      lead={t('signing.send.lead')}
      facts={[
        [t('reviewing.meeting.call'), `${d.call.code} – ${lang === 'en' && d.call.titleEn ? d.call.titleEn : d.call.titleVi}`],
        ...(d.council.meetingAt
          ? [[t('reviewing.meeting.title'), `${formatDateTime(d.council.meetingAt, lang)}${d.council.location ? ` · ${d.council.location}` : ''}`] as [string, string]]
          : []),
        [t('reviewing.confirm.conclude.present'), t('reviewing.confirm.conclude.presentOf', { present: d.present, members: d.members })],
        [t('reviewing.confirm.minutes.outcome'), t('reviewing.confirm.minutes.outcomeOf', { recommended: d.recommended, count: d.applications })],
      ]}
      warning={t('signing.send.warning')}
      confirm={t('signing.send')}
      back={{ href: `${base}/meeting#minutes`, label: t('reviewing.confirm.backToMeeting') }}
    >
      <p>
        <a href={`${base}/minutes`} target="_blank" rel="noreferrer">
          {t('reviewing.minutes.preview')}
        </a>
      </p>
    </ConfirmPage>
  )
}
