import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { ConfirmPage, isConfirmed } from '../components/confirm'
import { formError, readForm } from '../lib/forms.server'
import { uuidParam } from '../lib/params'
import { formatNumber } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { ballotComplete, getAssignmentForReviewer, submitBallot } from '../modules/review/ballots'
import { ballotTotal } from '../modules/review/ballot-fields'
import { councilName } from '../modules/review/names'

// The reviewer checks their saved ballot — every score, the total, the recommendation — and submits it; a
// submitted ballot is locked. The ballot page's "Submit" saves the draft and leads here; only this page's button
// submits, and only the version it showed.

const ROUTE = 'routes/review.$assignmentId.submit'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reviewing.confirm.ballot.title')

async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const found = await getAssignmentForReviewer(args.context.db, uuidParam(args.params.assignmentId), user.id)
  if (!found || !found.dossierOpen) throw new Response('Not found', { status: 404 })
  return { user, found }
}

export async function loader(args: LoaderFunctionArgs) {
  const { found } = await load(args)
  // Submitted already, or not ready to submit: the ballot page says which.
  if (found.ballot?.state === 'submitted' || !ballotComplete(found)) throw redirect(`/review/${found.id}#ballot`)
  const ballot = found.ballot!
  return json({
    id: found.id,
    application: { reference: found.application.reference, title: found.application.title },
    council: found.council,
    criteria: found.criteria,
    ballot: { scores: ballot.scores, comments: ballot.comments, overallComment: ballot.overallComment, recommendation: ballot.recommendation, version: ballot.version },
    total: ballotTotal(Object.values(ballot.scores)),
    maxTotal: ballotTotal(found.criteria.map((c) => c.max)),
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, found } = await load(args)
  const raw = await readForm(args.request)
  // Without the confirmation nothing is submitted: back to this page, to read it first.
  if (!isConfirmed(raw)) return redirect(`/review/${found.id}/submit`)
  const result = await submitBallot(args.context.db, { found, reviewer: user, baseVersion: Number.parseInt(raw.version ?? '0', 10) || 0, ip: args.context.clientIp })
  if (!result.ok) {
    if (result.status === 404) throw new Response('Not found', { status: 404 })
    return formError(result.errors, raw, result.status)
  }
  return redirect(`/review/${found.id}?notice=submitted`)
}

export default function ConfirmBallot() {
  const d = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const fmt = (n: number) => formatNumber(n, lang)
  const application = `${d.application.reference ? `${d.application.reference} – ` : ''}${d.application.title}`
  return (
    <ConfirmPage
      caption={councilName(d.council, lang)}
      title={t('reviewing.confirm.ballot.title')}
      lead={t('reviewing.confirm.ballot.lead')}
      facts={[
        [t('reviewing.list.application'), application],
        [t('reviewing.ballot.total'), <strong>{t('reviewing.ballot.totalOf', { total: d.total, max: d.maxTotal })}</strong>],
        [t('reviewing.ballot.recommendation'), d.ballot.recommendation ? t(`reviewing.recommendation.${d.ballot.recommendation}`) : ''],
        [t('reviewing.ballot.overall'), <span className="pre-line">{d.ballot.overallComment}</span>],
      ]}
      warning={t('reviewing.confirm.ballot.warning')}
      fields={{ version: String(d.ballot.version) }}
      confirm={t('reviewing.confirm.ballot.button')}
      back={{ href: `/review/${d.id}#ballot`, label: t('reviewing.confirm.ballot.back') }}
    >
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('reviewing.ballot.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reviewing.ballot.criterion')}</th>
              <th scope="col" className="num">
                {t('reviewing.ballot.max')}
              </th>
              <th scope="col" className="num">
                {t('reviewing.ballot.score')}
              </th>
              <th scope="col">{t('reviewing.ballot.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {d.criteria.map((c, i) => (
              <tr key={c.key}>
                <th scope="row">
                  {i + 1}. {lang === 'en' && c.nameEn ? c.nameEn : c.nameVi}
                </th>
                <td className="num">{fmt(c.max)}</td>
                <td className="num">{fmt(Number(d.ballot.scores[c.key]))}</td>
                <td className="pre-line">{d.ballot.comments[c.key] ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ConfirmPage>
  )
}
