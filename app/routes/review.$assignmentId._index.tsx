import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useRef, useState } from 'react'
import { AutosaveStatus, useAutosave } from '../components/autosave'
import { DossierSummary } from '../components/dossier'
import { ErrorSummary } from '../components/form'
import { Banner, SummaryList, Tag } from '../components/ui'
import { formatDate, formatDateTime, formatNumber } from '../i18n/format'
import type { MessageKey } from '../i18n'
import type { FieldErrors, FormErrorData } from '../lib/forms.server'
import { formError, readForm } from '../lib/forms.server'
import { uuidParam } from '../lib/params'
import { pageTitle, useLang, useMessage, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { declareConflict, getAssignmentForReviewer, getReviewerDossier, saveBallot } from '../modules/review/ballots'
import { commentField, readScore, RECOMMENDATIONS, scoreField, ballotTotal } from '../modules/review/ballot-fields'
import { councilName } from '../modules/review/names'

// One assignment of the reviewer: the conflict-of-interest declaration first; then (when nothing stands in
// the way) the dossier, blind when the call is, and the ballot on the call's rubric. Works without JavaScript:
// the total is computed on the server from the saved scores, and live in the browser when scripts run.

const ROUTE = 'routes/review.$assignmentId._index'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reviewing.assignment.title')

async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const found = await getAssignmentForReviewer(args.context.db, uuidParam(args.params.assignmentId), user.id)
  if (!found) throw new Response('Not found', { status: 404 })
  return { user, found }
}

export async function loader(args: LoaderFunctionArgs) {
  const { found } = await load(args)
  const { access: _access, ...rest } = found
  // A blind call: what was found in the data may name the applicant; the reviewer sees only its kind.
  const assignment = found.call.blind ? { ...rest, detected: rest.detected.map((d) => ({ kind: d.kind, detail: '' })) } : rest
  const dossier = await getReviewerDossier(args.context.db, found)
  const total = found.ballot ? ballotTotal(Object.values(found.ballot.scores).map(Number)) : 0
  return json({ assignment, dossier, total, maxTotal: found.criteria.reduce((s, c) => s + c.max, 0) })
}

export async function action(args: ActionFunctionArgs) {
  const { user, found } = await load(args)
  const raw = await readForm(args.request)
  const base = `/review/${found.id}`
  if (raw.intent === 'declare') {
    const result = await declareConflict(args.context.db, { assignmentId: found.id, reviewer: user, conflict: raw.conflict ?? '', reason: raw.reason, ip: args.context.clientIp })
    if (!result.ok) {
      if (result.status === 404) throw new Response('Not found', { status: 404 })
      return formError(result.errors, raw, result.status)
    }
    return redirect(`${base}?notice=declared`)
  }
  if (raw.intent === 'autosave') {
    // The draft saved a few seconds after typing stops (components/autosave.tsx); its answers are JSON.
    const result = await saveBallot(args.context.db, {
      assignmentId: found.id,
      found,
      reviewer: user,
      values: raw,
      baseVersion: Number.parseInt(raw.baseVersion ?? '0', 10) || 0,
      submit: false,
      ip: args.context.clientIp,
    })
    if (result.ok) return json({ saved: { version: result.version, savedAt: new Date().toISOString() } })
    if (result.status === 404) throw new Response('Not found', { status: 404 })
    if (result.status === 409) return json({ conflict: { version: -1, savedAt: null, savedBy: null } }, { status: 409 })
    return json({ errors: Object.fromEntries(Object.entries(result.errors).map(([k, message]) => [k, { message }])) }, { status: 400 })
  }
  if (raw.intent === 'save' || raw.intent === 'submit') {
    // "Submit" saves the draft, checked as a submission would be, and leads to the page that submits it once the
    // reviewer has read it again (review.$assignmentId.submit): submitting locks the ballot for good.
    const submitting = raw.intent === 'submit'
    const result = await saveBallot(args.context.db, {
      assignmentId: found.id,
      found,
      reviewer: user,
      values: raw,
      baseVersion: Number.parseInt(raw.version ?? '0', 10) || 0,
      submit: false,
      complete: submitting,
      ip: args.context.clientIp,
    })
    if (!result.ok) {
      if (result.status === 404) throw new Response('Not found', { status: 404 })
      return formError(result.errors, raw, result.status)
    }
    return redirect(submitting ? `${base}/submit` : `${base}?notice=saved`)
  }
  return formError({ form: 'validation.invalid' }, raw)
}


export default function ReviewAssignment() {
  const { assignment: a, dossier, total: savedTotal, maxTotal } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormErrorData | undefined>()
  const t = useT()
  const lang = useLang()
  const message = useMessage()
  const navigation = useNavigation()
  const [search] = useSearchParams()
  const notice = search.get('notice')
  const errors: FieldErrors = actionData?.errors ?? {}
  const sent = actionData?.defaultValues
  const ballot = a.ballot
  const locked = ballot?.state === 'submitted'
  const value = (name: string, saved: string) => (sent && name in sent ? sent[name] : saved)
  const initial = Object.fromEntries(a.criteria.map((c) => [c.key, value(scoreField(c.key), ballot?.scores[c.key] !== undefined ? String(ballot.scores[c.key]).replace('.', lang === 'vi' ? ',' : '.') : '')]))
  const [scores, setScores] = useState<Record<string, string>>(initial)
  // The version the form is based on: the page's, then each autosave's.
  const [version, setVersion] = useState(ballot?.version ?? 0)
  const formRef = useRef<HTMLFormElement>(null)
  const autosave = useAutosave({ routeId: 'routes/review.$assignmentId._index', formRef, enabled: a.dossierOpen && !locked, version, savedAt: ballot?.updatedAt ?? null, onVersion: setVersion })
  const liveTotal = ballotTotal(Object.values(scores).map(readScore))
  const fmt = (n: number) => formatNumber(n, lang)
  const criterionName = (c: (typeof a.criteria)[number]) => (lang === 'en' && c.nameEn ? c.nameEn : c.nameVi)
  const busy = navigation.state === 'submitting'
  const order = ['form', 'conflict', 'reason', ...a.criteria.flatMap((c) => [scoreField(c.key), commentField(c.key)]), 'overall_comment', 'recommendation']

  return (
    <>
      <p>
        <Link to="/review">← {t('reviewing.back')}</Link>
      </p>
      <ErrorSummary errors={errors} order={order} />
      {notice === 'saved' ? <Banner kind="success">{t('reviewing.ballot.saved')}</Banner> : null}
      <p className="caption">
        {a.call.code} · {lang === 'en' && a.call.titleEn ? a.call.titleEn : a.call.titleVi} · {councilName(a.council, lang)}
      </p>
      <h1>
        {a.application.reference ? `${a.application.reference} – ` : ''}
        {a.application.title}
      </h1>
      <SummaryList
        rows={[
          ...(a.organisationName ? [[t('reviewing.assignment.organisation'), a.organisationName] as [string, string]] : []),
          [t('reviewing.list.due'), a.dueOn ? formatDate(a.dueOn) : t('reviewing.list.noDue')],
        ]}
      />
      {a.call.blind ? <p className="hint">{t('reviewing.assignment.blind')}</p> : null}
      {a.opponent ? <p>{t('reviewing.assignment.opponent')}</p> : null}

      <section aria-labelledby="declare-title">
        <h2 id="declare-title">{t('reviewing.declare.title')}</h2>
        {a.conflict === 'declared' ? (
          <Banner>{t('reviewing.declare.done.declared', { reason: a.conflictReason ?? '' })}</Banner>
        ) : a.conflict === 'none' ? (
          <p>{t('reviewing.declare.done.none')}</p>
        ) : (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="declare" />
            <p>{t('reviewing.declare.lead')}</p>
            <div className={`form-group${errors.conflict ? ' form-group--error' : ''}`}>
              <fieldset className="fieldset">
                <legend className="fieldset__legend">{t('reviewing.declare.legend')}</legend>
                {errors.conflict ? (
                  <p className="error-message" id="conflict-error">
                    {message(errors.conflict.message)}
                  </p>
                ) : null}
                <div className="radios">
                  {(['none', 'declared'] as const).map((v, i) => (
                    <div className="radios__item" key={v}>
                      <input className="radios__input" type="radio" id={i === 0 ? 'conflict' : `conflict-${v}`} name="conflict" value={v} defaultChecked={sent?.conflict === v} />
                      <label className="radios__label" htmlFor={i === 0 ? 'conflict' : `conflict-${v}`}>
                        {t(`reviewing.declare.${v}`)}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
            <div className={`form-group${errors.reason ? ' form-group--error' : ''}`}>
              <label className="label" htmlFor="reason">
                {t('reviewing.declare.reason')}
              </label>
              <div className="hint" id="reason-hint">
                {t('reviewing.declare.reasonHint')}
              </div>
              {errors.reason ? (
                <p className="error-message" id="reason-error">
                  {message(errors.reason.message)}
                </p>
              ) : null}
              <textarea className="input textarea" id="reason" name="reason" rows={3} defaultValue={sent?.reason ?? ''} aria-describedby={errors.reason ? 'reason-hint reason-error' : 'reason-hint'} />
            </div>
            <button type="submit" className="button" disabled={busy}>
              {t('reviewing.declare.save')}
            </button>
          </Form>
        )}
      </section>

      {a.conflict === 'none' && !a.dossierOpen ? (
        <Banner title={t('reviewing.blocked.title')}>
          <p>{t('reviewing.blocked.body')}</p>
          <ul className="list-bullet">
            {a.detected.map((d, i) => (
              <li key={i}>
                {t((['member', 'tax_code', 'team', 'relation'].includes(d.kind) ? `reviewing.detected.${d.kind}` : 'reviewing.detected.other') as MessageKey)}
                {d.detail ? ` (${d.detail})` : ''}
              </li>
            ))}
          </ul>
        </Banner>
      ) : null}

      {a.dossierOpen && dossier ? (
        <>
          <section aria-labelledby="ballot-title" id="ballot">
            <h2 id="ballot-title">{t('reviewing.ballot.title')}</h2>
            {locked ? (
              <>
                <Banner kind="success">{t('reviewing.ballot.submitted', { time: ballot?.submittedAt ? formatDateTime(ballot.submittedAt, lang) : '' })}</Banner>
                <p>
                  <a href={`/review/${a.id}/sheet`} download>{t('reviewing.ballot.sheet')}</a>
                </p>
                <div className="table-wrap">
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">{t('reviewing.ballot.criterion')}</th>
                        <th scope="col" className="num">{t('reviewing.ballot.max')}</th>
                        <th scope="col" className="num">{t('reviewing.ballot.score')}</th>
                        <th scope="col">{t('reviewing.ballot.comment')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {a.criteria.map((c) => (
                        <tr key={c.key}>
                          <td>{criterionName(c)}</td>
                          <td className="num">{fmt(c.max)}</td>
                          <td className="num">{ballot?.scores[c.key] !== undefined ? fmt(Number(ballot.scores[c.key])) : '—'}</td>
                          <td className="pre-line">{ballot?.comments[c.key] ?? ''}</td>
                        </tr>
                      ))}
                    </tbody>
                    <tfoot>
                      <tr>
                        <th scope="row">{t('reviewing.ballot.total')}</th>
                        <td className="num">{fmt(maxTotal)}</td>
                        <td className="num">
                          <strong>{fmt(savedTotal)}</strong>
                        </td>
                        <td />
                      </tr>
                    </tfoot>
                  </table>
                </div>
                <SummaryList
                  rows={[
                    [t('reviewing.ballot.overall'), <span className="pre-line">{ballot?.overallComment ?? ''}</span>],
                    [t('reviewing.ballot.recommendation'), ballot?.recommendation ? t(`reviewing.recommendation.${ballot.recommendation}`) : ''],
                  ]}
                />
              </>
            ) : (
              <Form method="post" noValidate className="ballot" ref={formRef}>
                <p>{t('reviewing.ballot.lead')}</p>
                <input type="hidden" name="version" value={version} />
                {a.criteria.map((c, i) => {
                  const sName = scoreField(c.key)
                  const cName = commentField(c.key)
                  return (
                    <fieldset className="fieldset ballot__criterion" key={c.key}>
                      <legend className="fieldset__legend">
                        {i + 1}. {criterionName(c)}
                      </legend>
                      <div className={`form-group${errors[sName] ? ' form-group--error' : ''}`}>
                        <label className="label" htmlFor={sName}>
                          {t('reviewing.ballot.scoreOf', { max: fmt(c.max) })}
                        </label>
                        {errors[sName] ? (
                          <p className="error-message" id={`${sName}-error`}>
                            {message(errors[sName].message)}
                          </p>
                        ) : null}
                        <input
                          className="input input--third"
                          id={sName}
                          name={sName}
                          inputMode="decimal"
                          autoComplete="off"
                          value={scores[c.key] ?? ''}
                          onChange={(e) => setScores((s) => ({ ...s, [c.key]: e.target.value }))}
                          aria-describedby={errors[sName] ? `${sName}-error` : undefined}
                        />
                      </div>
                      <div className={`form-group${errors[cName] ? ' form-group--error' : ''}`}>
                        <label className="label" htmlFor={cName}>
                          {t('reviewing.ballot.comment')} <span className="label__optional">{t('form.optional')}</span>
                        </label>
                        {errors[cName] ? (
                          <p className="error-message" id={`${cName}-error`}>
                            {message(errors[cName].message)}
                          </p>
                        ) : null}
                        <textarea className="input textarea" id={cName} name={cName} rows={3} defaultValue={value(cName, ballot?.comments[c.key] ?? '')} />
                      </div>
                    </fieldset>
                  )
                })}
                <p className="ballot__total" aria-live="polite">
                  {t('reviewing.ballot.total')}: <output htmlFor={a.criteria.map((c) => scoreField(c.key)).join(' ')}>{t('reviewing.ballot.totalOf', { total: liveTotal, max: maxTotal })}</output>
                </p>
                <div className={`form-group${errors.overall_comment ? ' form-group--error' : ''}`}>
                  <label className="label" htmlFor="overall_comment">
                    {t('reviewing.ballot.overall')}
                  </label>
                  <textarea className="input textarea" id="overall_comment" name="overall_comment" rows={5} defaultValue={value('overall_comment', ballot?.overallComment ?? '')} />
                </div>
                <div className={`form-group${errors.recommendation ? ' form-group--error' : ''}`}>
                  <fieldset className="fieldset">
                    <legend className="fieldset__legend">{t('reviewing.ballot.recommendation')}</legend>
                    {errors.recommendation ? (
                      <p className="error-message" id="recommendation-error">
                        {message(errors.recommendation.message)}
                      </p>
                    ) : null}
                    <div className="radios">
                      {RECOMMENDATIONS.map((r, i) => (
                        <div className="radios__item" key={r}>
                          <input className="radios__input" type="radio" id={i === 0 ? 'recommendation' : `recommendation-${r}`} name="recommendation" value={r} defaultChecked={value('recommendation', ballot?.recommendation ?? '') === r} />
                          <label className="radios__label" htmlFor={i === 0 ? 'recommendation' : `recommendation-${r}`}>
                            {t(`reviewing.recommendation.${r}`)}
                          </label>
                        </div>
                      ))}
                    </div>
                  </fieldset>
                </div>
                <AutosaveStatus state={autosave} />
                <div className="actions">
                  <button type="submit" name="intent" value="submit" className="button" disabled={busy || autosave.saving}>
                    {t('reviewing.ballot.submit')}
                  </button>
                  <button type="submit" name="intent" value="save" className="button button--secondary" disabled={busy || autosave.saving}>
                    {t('reviewing.ballot.saveDraft')}
                  </button>
                </div>
              </Form>
            )}
          </section>

          <section aria-labelledby="dossier-title">
            <h2 id="dossier-title">{t('reviewing.dossier')}</h2>
            <p className="hint">{t('reviewing.attachments.hint')}</p>
            <DossierSummary dossier={dossier} base={`/review/${a.id}`} blind={a.call.blind} fileHref={(id) => `/review/${a.id}/attachments/${id}`} />
          </section>
        </>
      ) : null}
      {a.conflict === 'declared' ? (
        <p>
          <Tag>{t('reviewing.next.declared')}</Tag>
        </p>
      ) : null}
    </>
  )
}
