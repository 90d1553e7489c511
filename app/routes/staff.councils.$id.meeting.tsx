import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { ErrorSummary } from '../components/form'
import { Banner, SummaryList, Tag } from '../components/ui'
import { formatDateTime, formatMoney, formatPercent, formatScore } from '../i18n/format'
import type { MessageKey } from '../i18n'
import type { FormErrorData } from '../lib/forms.server'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { issuedMinutes, openSignatureRequest } from '../modules/decisions'
import { authorizeMeeting, getMeeting, saveAttendance } from '../modules/review/meeting'
import { getMeetingRecord, saveMeetingRecord } from '../modules/review/meeting-record'
import { MeetingRecordForm } from '../components/meeting-record'
import { councilName } from '../modules/review/names'

// The council meeting, for the Fund's staff and the council's secretary: attendance, the quorum in words, the
// score table of each application (invalid ballots shown, with why, and left out), the ranking against the
// call's budget with the cut line, and the conclusion.

const ROUTE = 'routes/staff.councils.$id.meeting'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reviewing.meeting.title')

export async function loader(args: LoaderFunctionArgs) {
  const { user, councilId } = await authorizeMeeting(args, ROUTE)
  const meeting = await getMeeting(args.context.db, councilId)
  if (!meeting) throw new Response('Not found', { status: 404 })
  const minutes = await issuedMinutes(args.context.db, councilId)
  const signature = minutes ? null : await openSignatureRequest(args.context.db, { councilId })
  return json({
    meeting,
    minutes,
    signature: signature ? { id: signature.id, preparedAt: signature.preparedAt, signer: signature.signerName, mine: signature.signerId === user.id } : null,
    record: await getMeetingRecord(args.context.db, councilId),
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, councilId } = await authorizeMeeting(args, ROUTE)
  const raw = await readForm(args.request)
  const base = `/staff/councils/${councilId}/meeting`
  if (raw.intent === 'attendance') {
    const present = Object.keys(raw)
      .filter((k) => k.startsWith('present_') && raw[k])
      .map((k) => k.slice('present_'.length))
    const result = await saveAttendance(args.context.db, { councilId, actor: user, present, ip: args.context.clientIp })
    if (!result.ok) {
      if (result.status === 404) throw new Response('Not found', { status: 404 })
      return formError(result.errors, raw, result.status)
    }
    return redirect(`${base}?notice=attendance`)
  }
  if (raw.intent === 'record') {
    const result = await saveMeetingRecord(args.context.db, { councilId, actor: user, values: raw, ip: args.context.clientIp })
    if (!result.ok) {
      if (result.status === 404) throw new Response('Not found', { status: 404 })
      return formError(result.errors, raw, result.status)
    }
    return redirect(`${base}?notice=record#record`)
  }
  // Concluding and issuing the minutes cannot be undone: their buttons lead to the pages that say what will
  // happen and act only when confirmed there (staff.councils.$id.conclude, staff.councils.$id.minutes_.issue).
  if (raw.intent === 'conclude') return redirect(`/staff/councils/${councilId}/conclude`)
  if (raw.intent === 'issue_minutes') return redirect(`/staff/councils/${councilId}/minutes/issue`)
  return formError({ form: 'validation.invalid' }, raw)
}

export default function CouncilMeeting() {
  const { meeting: m, minutes, signature, record } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormErrorData | undefined>()
  const t = useT()
  const lang = useLang()
  const navigation = useNavigation()
  const [search] = useSearchParams()
  const notice = search.get('notice')
  const busy = navigation.state === 'submitting'
  const concluded = m.council.status === 'concluded'
  const fmt = (n: number | null) => formatScore(n, lang)
  const names = new Map(m.members.map((x) => [x.userId, x.fullName]))
  const criterionName = (key: string) => {
    const c = m.criteria.find((x) => x.key === key)
    return c ? (lang === 'en' && c.nameEn ? c.nameEn : c.nameVi) : key
  }
  const quorumProblem = (p: { code: string; params: Record<string, string | number> }, withConflicts: boolean) => {
    const code = p.code.replace(/^council\.quorum\./, '')
    if (code === 'opponent') return t('reviewing.quorum.opponent', { name: names.get(String(p.params.userId)) ?? '' })
    if (code === 'count' && withConflicts) return t('reviewing.quorum.countWithout', p.params)
    return t(`reviewing.quorum.${code}` as MessageKey, p.params)
  }
  const waiting = m.applications.filter((a) => !a.ready)
  return (
    <>
      <p>
        <Link to={`/staff/councils/${m.council.id}`}>← {t('reviewing.meeting.back')}</Link>
      </p>
      <ErrorSummary errors={actionData?.errors ?? {}} order={['form']} />
      {notice === 'attendance' ? <Banner kind="success">{t('reviewing.meeting.attendanceSaved')}</Banner> : null}
      {notice === 'concluded' ? <Banner kind="success">{t('reviewing.conclude.done')}</Banner> : null}
      <p className="caption">{councilName(m.council, lang)}</p>
      <h1>{t('reviewing.meeting.title')}</h1>
      {notice === 'minutes' && minutes ? <Banner kind="success">{t('reviewing.minutes.done', { symbol: minutes.symbol ?? '' })}</Banner> : null}
      {notice === 'sent' ? <Banner kind="success">{t('signing.sent')}</Banner> : null}
      {concluded ? (
        <section aria-labelledby="minutes-title" id="minutes">
          <h2 id="minutes-title">{t('reviewing.minutes.title')}</h2>
          <p>{t('reviewing.meeting.concludedBanner')}</p>
          {minutes ? (
            <p>
              <a href={`/staff/councils/${m.council.id}/minutes`} download>
                {t('reviewing.minutes.download', { symbol: minutes.symbol ?? '' })}
              </a>{' '}
              <span className="hint">{t('reviewing.minutes.issuedAt', { date: formatDateTime(minutes.createdAt, lang) })}</span>
            </p>
          ) : (
            <>
              <p>
                <a href={`/staff/councils/${m.council.id}/minutes`} target="_blank" rel="noreferrer">
                  {t('reviewing.minutes.preview')}
                </a>
              </p>
              {signature ? (
                <p>
                  {t('signing.waiting', { date: formatDateTime(signature.preparedAt, lang), signer: signature.signer ?? '' })}{' '}
                  <a href={`/signing/${signature.id}`}>{signature.mine ? t('signing.open') : t('signing.document')}</a>
                </p>
              ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="issue_minutes" />
                <p className="hint">{t('reviewing.minutes.issueHint')}</p>
                <button type="submit" className="button" disabled={busy} data-prevent-double-click="true">
                  {t('reviewing.minutes.issue')}
                </button>
              </Form>
              )}
            </>
          )}
        </section>
      ) : null}
      <SummaryList
        rows={[
          [t('reviewing.meeting.call'), `${m.call.code} – ${lang === 'en' && m.call.titleEn ? m.call.titleEn : m.call.titleVi}`],
          [t('reviewing.meeting.budget'), formatMoney(m.call.budgetTotal)],
          ...(m.council.meetingAt ? [[t('reviewing.meeting.title'), `${formatDateTime(m.council.meetingAt, lang)}${m.council.location ? ` · ${m.council.location}` : ''}`] as [string, string]] : []),
        ]}
      />

      <section aria-labelledby="attendance-title">
        <h2 id="attendance-title">{t('reviewing.meeting.attendance')}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="attendance" />
          <fieldset className="fieldset">
            <legend className="fieldset__legend">{t('reviewing.meeting.attendanceHint')}</legend>
            <div className="checkboxes">
              {m.members.map((x) => (
                <div className="checkboxes__item" key={x.userId}>
                  <input className="checkboxes__input" type="checkbox" id={`present_${x.userId}`} name={`present_${x.userId}`} defaultChecked={x.present === true} disabled={concluded} />
                  <label className="checkboxes__label" htmlFor={`present_${x.userId}`}>
                    {x.fullName} — {t(`reviewing.role.${x.role}`)}
                    {x.present === null ? <span className="hint"> ({t('reviewing.meeting.notRecorded')})</span> : null}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          {concluded ? null : (
            <button type="submit" className="button button--secondary" disabled={busy}>
              {t('reviewing.meeting.attendanceSave')}
            </button>
          )}
        </Form>
      </section>

      {record ? <MeetingRecordForm members={m.members} record={record} viceChairAuthorised={m.council.viceChairAuthorised} saved={notice === 'record'} busy={busy} /> : null}

      <section aria-labelledby="scores-title">
        <h2 id="scores-title">{t('reviewing.scores.title')}</h2>
        <p>{t('reviewing.scores.criteria')}</p>
        <ol className="list-bullet">
          {m.criteria.map((c) => (
            <li key={c.key}>
              {criterionName(c.key)} ({t('reviewing.ballot.max').toLocaleLowerCase(lang)} {fmt(c.max)})
            </li>
          ))}
        </ol>
        {m.applications.map((a) => (
          <article key={a.id} className="meeting-application" aria-labelledby={`app-${a.id}`}>
            <h3 id={`app-${a.id}`}>
              {a.reference ?? '—'} – {a.title}
            </h3>
            {a.quorum.ok ? (
              <p>
                <Tag tone="green">
                  {t(a.conflicts.length ? 'reviewing.quorum.okWithout' : 'reviewing.quorum.ok', { present: a.quorum.presentCount, members: a.quorum.members, required: a.quorum.required })}
                </Tag>
              </p>
            ) : (
              <div>
                <p>
                  <Tag tone="red">{t('reviewing.quorum.notOk')}</Tag>
                </p>
                <ul className="list-bullet">
                  {a.quorum.problems.map((p, i) => (
                    <li key={i}>{quorumProblem(p, a.conflicts.length > 0)}</li>
                  ))}
                </ul>
              </div>
            )}
            {a.conflicts.length ? (
              <ul className="list-bullet">
                {a.conflicts.map((c) => (
                  <li key={c.userId}>{t(`reviewing.quorum.conflict.${c.kind}`, { name: c.fullName })}</li>
                ))}
              </ul>
            ) : null}
            {a.pending.length > 0 ? <p>{t('reviewing.scores.pending', { names: a.pending.join(', ') })}</p> : null}
            {a.ballots.length === 0 ? (
              <p>{t('reviewing.scores.none')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('reviewing.scores.reviewer')}</th>
                      {m.criteria.map((c, i) => (
                        <th scope="col" className="num" key={c.key}>
                          <abbr title={criterionName(c.key)}>{t('reviewing.scores.criterionShort', { n: i + 1 })}</abbr>
                          <span className="hint"> /{fmt(c.max)}</span>
                        </th>
                      ))}
                      <th scope="col" className="num">{t('reviewing.scores.total')}</th>
                      <th scope="col" className="num">{t('reviewing.scores.deviation')}</th>
                      <th scope="col">{t('reviewing.scores.validity')}</th>
                      <th scope="col">{t('reviewing.ballot.recommendation')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.ballots.map((b) => (
                      <tr key={b.reviewerId} className={b.valid ? undefined : 'row--invalid'}>
                        <th scope="row">
                          {b.reviewerName}
                          {b.opponent ? <span className="hint"> ({t('reviewing.meeting.opponent')})</span> : null}
                        </th>
                        {m.criteria.map((c) => (
                          <td className="num" key={c.key}>
                            {b.scores[c.key] !== undefined ? fmt(Number(b.scores[c.key])) : '—'}
                          </td>
                        ))}
                        <td className="num">{fmt(b.total)}</td>
                        <td className="num">{b.deviationPct === null ? '—' : formatPercent(b.deviationPct, lang, { decimals: 2, fixed: true })}</td>
                        <td>
                          {b.valid ? (
                            <Tag tone="green">{t('reviewing.scores.valid')}</Tag>
                          ) : (
                            <Tag tone="red">{b.invalidReason === 'deviation' ? t('reviewing.scores.invalid.deviation', { pct: m.rules.deviationLimitPct }) : t('reviewing.scores.invalid.malformed')}</Tag>
                          )}
                        </td>
                        <td>{b.recommendation ? t(`reviewing.recommendation.${b.recommendation as 'fund'}`) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {a.ready ? (
              <SummaryList
                rows={[
                  [t('reviewing.scores.mean'), fmt(a.score.mean)],
                  ...(a.score.bonusApplied ? [[t('reviewing.scores.bonus', { pct: m.rules.bonusPct }), '✓'] as [string, string]] : []),
                  [t('reviewing.scores.final'), fmt(a.score.finalScore)],
                  [t('reviewing.ballot.recommendation'), a.score.recommended ? t('reviewing.scores.recommended') : t('reviewing.scores.notRecommended')],
                ]}
              />
            ) : (
              <p className="hint">{t('reviewing.scores.notReady')}</p>
            )}
            {a.score.zeroCriteria.map((z) => (
              <p key={z.key} className="warning-text">
                {t('reviewing.scores.zero', { criterion: criterionName(z.key), zeros: z.zeros })}
              </p>
            ))}
            {a.score.disagreement ? <p className="warning-text">{t('reviewing.scores.disagreement', { spread: a.score.spread ?? 0 })}</p> : null}
          </article>
        ))}
      </section>

      <section aria-labelledby="ranking-title">
        <h2 id="ranking-title">{t('reviewing.ranking.title')}</h2>
        <p className="hint">{t('reviewing.ranking.rule')}</p>
        {waiting.length ? <p>{t('reviewing.ranking.waiting', { list: waiting.map((a) => a.reference ?? a.title).join(', ') })}</p> : null}
        {m.ranking.length ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col" className="num">{t('reviewing.ranking.rank')}</th>
                  <th scope="col">{t('reviewing.list.application')}</th>
                  <th scope="col" className="num">{t('reviewing.ranking.score')}</th>
                  <th scope="col">{t('reviewing.ballot.recommendation')}</th>
                  <th scope="col" className="num">{t('reviewing.ranking.requested')}</th>
                  <th scope="col" className="num">{t('reviewing.ranking.cumulative')}</th>
                  <th scope="col">{t('reviewing.ranking.fundable')}</th>
                </tr>
              </thead>
              <tbody>
                {m.ranking.map((r, i) => {
                  const cutAfter = r.fundable && !m.ranking[i + 1]?.fundable
                  return (
                    <tr key={r.applicationId} className={cutAfter ? 'row--cut' : undefined}>
                      <td className="num">{r.rank}</td>
                      <td>
                        {r.reference ?? '—'} – {r.title}
                      </td>
                      <td className="num">{fmt(r.finalScore)}</td>
                      <td>{r.recommended ? t('reviewing.scores.recommended') : t('reviewing.scores.notRecommended')}</td>
                      <td className="num">{formatMoney(r.requestedAmount)}</td>
                      <td className="num">{formatMoney(r.cumulativeRequested)}</td>
                      <td>{r.fundable ? <Tag tone="green">{t('reviewing.ranking.fundable')}</Tag> : <Tag>{t('reviewing.ranking.notFundable')}</Tag>}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        ) : null}
        <p>
          <strong>{t('reviewing.ranking.cut', { budget: formatMoney(m.call.budgetTotal) })}</strong>
        </p>
      </section>

      {concluded ? null : (
        <section aria-labelledby="conclude-title">
          <h2 id="conclude-title">{t('reviewing.conclude.title')}</h2>
          <p>{t('reviewing.conclude.lead')}</p>
          {!m.canConclude ? <p>{t('reviewing.conclude.notReady')}</p> : null}
          {m.canConclude ? (
            <Form method="post">
              <input type="hidden" name="intent" value="conclude" />
              <button type="submit" className="button" disabled={busy}>
                {t('reviewing.conclude.button')}
              </button>
            </Form>
          ) : null}
        </section>
      )}
    </>
  )
}
