import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { ConfirmPage, isConfirmed } from '../components/confirm'
import { Tag } from '../components/ui'
import { formatMoney, formatScore } from '../i18n/format'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeMeeting, conclusionDigest, concludeCouncil, getMeeting } from '../modules/review/meeting'
import { councilName } from '../modules/review/names'

// Concluding the council, confirmed: the page shows what will be recorded — for each application its score, the
// recommendation, its rank and whether it is within the budget — and concludes only on those numbers (their
// digest travels with the button; if a ballot or the attendance changed in between, the page shows the new ones).

const ROUTE = 'routes/staff.councils.$id.conclude'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reviewing.confirm.conclude.title')

export async function loader(args: LoaderFunctionArgs) {
  const { councilId } = await authorizeMeeting(args, ROUTE)
  const meeting = await getMeeting(args.context.db, councilId)
  if (!meeting) throw new Response('Not found', { status: 404 })
  // Concluded already, or not ready: the meeting page says which.
  if (!meeting.canConclude) throw redirect(`/staff/councils/${councilId}/meeting`)
  return json({
    council: meeting.council,
    call: meeting.call,
    present: meeting.membersPresent,
    members: meeting.members.length,
    ranking: meeting.ranking,
    digest: conclusionDigest(meeting),
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, councilId } = await authorizeMeeting(args, ROUTE)
  const raw = await readForm(args.request)
  if (!isConfirmed(raw)) return redirect(`/staff/councils/${councilId}/conclude`)
  const result = await concludeCouncil(args.context.db, { councilId, actor: user, lang: user.lang, appUrl: args.context.env.APP_URL, ip: args.context.clientIp, digest: raw.digest ?? '' })
  if (!result.ok) {
    if (result.status === 404) throw new Response('Not found', { status: 404 })
    return formError(result.errors, raw, result.status)
  }
  return redirect(`/staff/councils/${councilId}/meeting?notice=concluded`)
}

export default function ConfirmConclusion() {
  const d = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const fmt = (n: number | null) => formatScore(n, lang)
  const meetingPath = `/staff/councils/${d.council.id}/meeting`
  return (
    <ConfirmPage
      caption={councilName(d.council, lang)}
      title={t('reviewing.confirm.conclude.title')}
      lead={t('reviewing.confirm.conclude.lead')}
      facts={[
        [t('reviewing.meeting.call'), `${d.call.code} – ${lang === 'en' && d.call.titleEn ? d.call.titleEn : d.call.titleVi}`],
        [t('reviewing.confirm.conclude.present'), t('reviewing.confirm.conclude.presentOf', { present: d.present, members: d.members })],
        [t('reviewing.meeting.budget'), formatMoney(d.call.budgetTotal)],
      ]}
      warning={t('reviewing.confirm.conclude.warning')}
      fields={{ digest: d.digest }}
      confirm={t('reviewing.confirm.conclude.button')}
      back={{ href: meetingPath, label: t('reviewing.confirm.backToMeeting') }}
    >
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('reviewing.ranking.title')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('reviewing.ranking.rank')}
              </th>
              <th scope="col">{t('reviewing.list.application')}</th>
              <th scope="col" className="num">
                {t('reviewing.ranking.score')}
              </th>
              <th scope="col">{t('reviewing.ballot.recommendation')}</th>
              <th scope="col">{t('reviewing.ranking.fundable')}</th>
            </tr>
          </thead>
          <tbody>
            {d.ranking.map((r) => (
              <tr key={r.applicationId}>
                <td className="num">{r.rank}</td>
                <th scope="row">
                  {r.reference ?? '—'} – {r.title}
                </th>
                <td className="num">{fmt(r.finalScore)}</td>
                <td>{r.recommended ? t('reviewing.scores.recommended') : t('reviewing.scores.notRecommended')}</td>
                <td>{r.fundable ? <Tag tone="green">{t('reviewing.ranking.fundable')}</Tag> : <Tag>{t('reviewing.ranking.notFundable')}</Tag>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ConfirmPage>
  )
}
