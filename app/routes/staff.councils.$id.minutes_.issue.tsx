import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { ConfirmPage, isConfirmed } from '../components/confirm'
import { formatDateTime } from '../i18n/format'
import { formError, readForm } from '../lib/forms.server'
import { uuidParam } from '../lib/params'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { uploadStorage } from '../modules/applications'
import { authorizeUser } from '../modules/auth'
import { issuedMinutes, issueMinutes } from '../modules/decisions'
import { getMeeting, mayRunMeeting } from '../modules/review/meeting'
import { councilName } from '../modules/review/names'

// Issuing the minutes of a concluded meeting, confirmed: the register's next number is taken for them for good,
// so the page first says what they record (the meeting, who came, the conclusions) and links to the draft.

const ROUTE = 'routes/staff.councils.$id.minutes_.issue'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reviewing.confirm.minutes.title')

async function guard(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const councilId = uuidParam(args.params.id)
  if (!(await mayRunMeeting(args.context.db, councilId, user))) throw new Response('Not found', { status: 404 })
  return { user, councilId }
}

export async function loader(args: LoaderFunctionArgs) {
  const { councilId } = await guard(args)
  const meeting = await getMeeting(args.context.db, councilId)
  if (!meeting) throw new Response('Not found', { status: 404 })
  // Not concluded yet, or issued already: the meeting page says which.
  if (meeting.council.status !== 'concluded' || (await issuedMinutes(args.context.db, councilId))) throw redirect(`/staff/councils/${councilId}/meeting#minutes`)
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
  const { user, councilId } = await guard(args)
  const raw = await readForm(args.request)
  if (!isConfirmed(raw)) return redirect(`/staff/councils/${councilId}/minutes/issue`)
  const result = await issueMinutes(args.context.db, uploadStorage(args.context.env), { councilId, actor: user, ip: args.context.clientIp })
  if (!result.ok) {
    if (result.reason === 'not_found') throw new Response('Not found', { status: 404 })
    return formError({ form: 'reviewing.minutes.notConcluded' }, raw, 409)
  }
  return redirect(`/staff/councils/${councilId}/meeting?notice=minutes#minutes`)
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
      lead={t('reviewing.confirm.minutes.lead')}
      facts={[
        [t('reviewing.meeting.call'), `${d.call.code} – ${lang === 'en' && d.call.titleEn ? d.call.titleEn : d.call.titleVi}`],
        ...(d.council.meetingAt
          ? [[t('reviewing.meeting.title'), `${formatDateTime(d.council.meetingAt, lang)}${d.council.location ? ` · ${d.council.location}` : ''}`] as [string, string]]
          : []),
        [t('reviewing.confirm.conclude.present'), t('reviewing.confirm.conclude.presentOf', { present: d.present, members: d.members })],
        [t('reviewing.confirm.minutes.outcome'), t('reviewing.confirm.minutes.outcomeOf', { recommended: d.recommended, count: d.applications })],
      ]}
      warning={t('reviewing.confirm.minutes.warning')}
      confirm={t('reviewing.confirm.minutes.button')}
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
