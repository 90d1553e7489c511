import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { ErrorSummary, HiddenField, PortalFormTag, RadioGroup, SubmitButton, TextAreaField, usePortalForm } from '../components/form'
import { Banner, SummaryList } from '../components/ui'
import { formatDay, formatMoney } from '../i18n/format'
import { fieldErrors, formError, readForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { acceptanceSeatOf, castAcceptanceVote, declareAcceptanceConflict, getAcceptanceCouncil, getResultsDossier } from '../modules/acceptance'
import { ACCEPTANCE_RATINGS, conflictSchema, voteSchema } from '../modules/acceptance/schemas'

// A member of an acceptance council (hội đồng nghiệm thu) on the task it accepts: first the declaration of a
// conflict of interest, then, with none, the grantee's results dossier and the member's rating (Xuất sắc / Đạt /
// Không đạt) with a comment, changeable until the council concludes.

const ROUTE = 'routes/review.acceptance.$councilId'
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'acceptance.member.title')

async function load(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const seat = await acceptanceSeatOf(args.context.db, args.params.councilId ?? '', user.id)
  if (!seat) throw new Response('Not found', { status: 404 })
  return { user, seat }
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, seat } = await load(args)
  const db = args.context.db
  const council = (await getAcceptanceCouncil(db, seat.application_id))!
  const me = council.members.find((m) => m.userId === user.id)!
  const notice = new URL(args.request.url).searchParams.get('notice')
  return json({
    task: { reference: seat.reference, title: seat.title },
    council: { status: council.status, meetingOn: council.meetingOn, location: council.location },
    me: { role: me.role, conflict: me.conflict, conflictReason: me.conflictReason, vote: me.vote, comment: me.comment },
    // The dossier only to a member who declared no conflict.
    dossier: me.conflict === 'none' ? await getResultsDossier(db, seat.application_id) : null,
    notice: notice === 'declared' || notice === 'voted' ? notice : null,
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, seat } = await load(args)
  const raw = await readForm(args.request)
  const base = { councilId: seat.id, userId: user.id, actor: user, ip: args.context.clientIp }
  const back = (notice: string) => redirect(`/review/acceptance/${seat.id}?notice=${notice}`)
  if (raw.intent === 'conflict') {
    const parsed = conflictSchema.safeParse(raw)
    if (!parsed.success) return formError(fieldErrors(parsed.error), raw)
    const r = await declareAcceptanceConflict(args.context.db, { ...base, conflict: parsed.data.conflict, reason: parsed.data.reason })
    return r.ok ? back('declared') : formError(r.errors, raw, r.status)
  }
  if (raw.intent === 'vote') {
    const parsed = voteSchema.safeParse(raw)
    if (!parsed.success) return formError(fieldErrors(parsed.error), raw)
    const r = await castAcceptanceVote(args.context.db, { ...base, vote: parsed.data.vote, comment: parsed.data.comment })
    return r.ok ? back('voted') : formError(r.errors, raw, r.status)
  }
  return formError({ form: 'acceptance.refused.notMember' }, raw, 400)
}

const conflictForm = () => import('../modules/acceptance/schemas').then((m) => m.conflictSchema)
const voteForm = () => import('../modules/acceptance/schemas').then((m) => m.voteSchema)

export default function AcceptanceMember() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const { me, council, dossier } = data
  const conflict = usePortalForm(conflictForm, { intent: 'conflict', conflict: me.conflict === 'undeclared' ? '' : me.conflict, reason: me.conflictReason ?? '' })
  const vote = usePortalForm(voteForm, { intent: 'vote', vote: me.vote ?? '', comment: me.comment })
  const open = council.status === 'formed'
  return (
    <>
      <ErrorSummary errors={{ ...conflict.errors, ...vote.errors }} />
      {data.notice === 'voted' && me.vote ? <Banner kind="success">{t('acceptance.member.vote.saved', { rating: t(`acceptance.rating.${me.vote}`) })}</Banner> : null}
      <p className="caption">
        {data.task.reference} · {data.task.title}
      </p>
      <h1>{t('acceptance.member.title')}</h1>
      <p>
        {t('acceptance.member.seat', { role: t(`acceptance.role.${me.role}`) })}
        {council.meetingOn ? ` ${t('acceptance.staff.meeting', { date: formatDay(council.meetingOn), place: council.location })}` : ''}
      </p>
      {council.status === 'forming' ? <Banner>{t('acceptance.member.notFormed')}</Banner> : null}
      {council.status === 'concluded' ? <Banner>{t('acceptance.member.closed')}</Banner> : null}

      {open && me.conflict !== 'none' ? (
        me.conflict === 'declared' ? (
          <Banner>{t('acceptance.member.conflict.recused')}</Banner>
        ) : (
          <>
            <h2>{t('acceptance.member.conflict.title')}</h2>
            <p>{t('acceptance.member.conflict.lead')}</p>
            <PortalFormTag form={conflict}>
              <HiddenField form={conflict} name="intent" />
              <RadioGroup
                form={conflict}
                name="conflict"
                legend={t('acceptance.member.conflict.title')}
                options={[
                  { value: 'none', label: t('acceptance.member.conflict.none') },
                  { value: 'declared', label: t('acceptance.member.conflict.declared') },
                ]}
              />
              <TextAreaField form={conflict} name="reason" label={t('acceptance.member.conflict.reason')} optional rows={3} />
              <SubmitButton form={conflict}>{t('acceptance.member.conflict.save')}</SubmitButton>
            </PortalFormTag>
          </>
        )
      ) : null}

      {dossier?.submittedAt ? (
        <>
          <h2>{t('acceptance.staff.dossier')}</h2>
          <SummaryList
            rows={[
              [t('acceptance.results.summary'), <span className="prewrap">{dossier.summary}</span>],
              [t('acceptance.results.products'), <span className="prewrap">{dossier.products}</span>],
              [t('acceptance.results.selfRating'), dossier.selfRating ? t(`acceptance.rating.${dossier.selfRating}`) : ''],
              [t('acceptance.results.selfAssessment'), <span className="prewrap">{dossier.selfAssessment}</span>],
              [t('acceptance.results.spendingReport'), <span className="prewrap">{dossier.spendingReport}</span>],
              [t('acceptance.results.spentAmount'), dossier.spentAmount === null ? '' : formatMoney(dossier.spentAmount)],
            ]}
          />
        </>
      ) : null}

      {me.conflict === 'none' && open ? (
        <>
          <h2>{t('acceptance.member.vote.title')}</h2>
          <PortalFormTag form={vote}>
            <HiddenField form={vote} name="intent" />
            <RadioGroup form={vote} name="vote" legend={t('acceptance.member.vote')} options={ACCEPTANCE_RATINGS.map((r) => ({ value: r, label: t(`acceptance.rating.${r}`) }))} />
            <TextAreaField form={vote} name="comment" label={t('acceptance.member.comment')} rows={6} />
            <SubmitButton form={vote}>{t('acceptance.member.vote.save')}</SubmitButton>
          </PortalFormTag>
        </>
      ) : null}
    </>
  )
}
