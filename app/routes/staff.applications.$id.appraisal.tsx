import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary, HiddenField, PortalFormTag, RadioGroup, SubmitButton, TextAreaField, TextField, usePortalForm } from '../components/form'
import { Banner } from '../components/ui'
import { StatusTag } from '../components/workflow'
import type { MessageKey } from '../i18n'
import { formatDateTime, formatDay, formatMoney } from '../i18n/format'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { BUDGET_CATEGORIES } from '../modules/applications/budget'
import { appraisalRules, formAppraisalTeam, getAppraisal, recordAppraisal, requestedByCategory } from '../modules/appraisal'
import { openSignatureRequest, requestSignature } from '../modules/decisions'
import { LUMP_SUM_METHODS, readRecord, readTeam } from '../modules/appraisal/team'
import { authorizeStaffApplication } from '../modules/screening'

// The cost appraisal of one application (thẩm định kinh phí): the office forms the team once the revision is
// in, records the team's meeting (who was present, the amount per budget category, the lump-sum method), and
// sends its minutes for the director's signature (they are numbered and issued when signed). The status machine's start_appraisal and complete_appraisal, on
// the application's page, follow what is recorded here.

const ROUTE = 'routes/staff.applications.$id.appraisal'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'appraisal.title')

// The checks are the module's (the fund's numbers); the browser posts what was typed.
const anyForm = z.looseObject({})

export async function loader(args: LoaderFunctionArgs) {
  const { staff } = await authorizeStaffApplication(args, ROUTE)
  const db = args.context.db
  const app = staff.application
  const notice = new URL(args.request.url).searchParams.get('notice')
  return json({
    application: { id: app.id, title: app.title, reference: app.reference, status: app.status },
    rules: await appraisalRules(db),
    appraisal: await getAppraisal(db, app.id),
    requested: await requestedByCategory(db, app.id),
    signature: await openSignatureRequest(db, { applicationId: app.id }, 'appraisal_minutes').then((r) => (r ? { id: r.id, preparedAt: r.preparedAt } : null)),
    notice: notice === 'team' || notice === 'recorded' || notice === 'sent' ? notice : null,
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, staff } = await authorizeStaffApplication(args, ROUTE)
  const db = args.context.db
  const id = staff.application.id
  const raw = await readForm(args.request)
  const back = (notice: string) => redirect(`/staff/applications/${id}/appraisal?notice=${notice}`)
  if (raw.intent === 'team') {
    const { members, leader } = readTeam(raw)
    const result = await formAppraisalTeam(db, { applicationId: id, members, leader, actor: user, ip: args.context.clientIp })
    if (!result.ok) return formError(result.errors ?? { form: result.problem ?? 'appraisal.refused.status' }, raw, result.status)
    return back('team')
  }
  if (raw.intent === 'record') {
    const read = readRecord(raw)
    if (!read.ok) return formError(read.errors, raw)
    const result = await recordAppraisal(db, { applicationId: id, record: read.value, actor: user, ip: args.context.clientIp })
    if (!result.ok) return formError(result.errors ?? { form: result.problem ?? 'appraisal.refused.status' }, raw, result.status)
    return back('recorded')
  }
  if (raw.intent === 'issue') {
    const result = await requestSignature(db, { kind: 'appraisal_minutes', applicationId: id, actor: user, appUrl: args.context.env.APP_URL, ip: args.context.clientIp })
    if (!result.ok) return formError({ form: result.reason === 'not_found' ? 'appraisal.refused.status' : 'appraisal.minutes.notYet' }, raw, result.reason === 'not_found' ? 404 : 409)
    return back('sent')
  }
  return formError({ form: 'appraisal.refused.status' }, raw, 400)
}

export default function AppraisalPage() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const { appraisal, rules, application } = data
  const seats = Array.from({ length: rules.teamSize }, (_, i) => i + 1)
  const teamDefaults: Record<string, string> = { intent: 'team', leader: String(appraisal?.members.find((m) => m.role === 'leader')?.seat ?? '') }
  for (const m of appraisal?.members ?? []) Object.assign(teamDefaults, { [`name_${m.seat}`]: m.fullName, [`position_${m.seat}`]: m.position })
  const team = usePortalForm(anyForm, teamDefaults)
  const recordDefaults: Record<string, string> = { intent: 'record', method: appraisal?.method ?? '', notes: appraisal?.notes ?? '' }
  for (const l of appraisal?.lines ?? []) recordDefaults[`appraised_${l.category}`] = String(l.appraised)
  const record = usePortalForm(anyForm, recordDefaults)
  const issue = usePortalForm(anyForm, { intent: 'issue' })
  const canForm = (application.status === 'revised' || application.status === 'appraisal') && !appraisal?.recordedAt
  const canRecord = application.status === 'appraisal' && !!appraisal && !appraisal.minutes
  const back = `/staff/applications/${application.id}`
  const errors = { ...team.errors, ...record.errors }
  return (
    <>
      <p>
        <Link to={back}>← {t('appraisal.back')}</Link>
      </p>
      <ErrorSummary errors={errors} />
      {data.notice === 'team' ? <Banner kind="success">{t('appraisal.team.saved')}</Banner> : null}
      {data.notice === 'recorded' ? <Banner kind="success">{t('appraisal.meeting.saved')}</Banner> : null}
      {data.notice === 'sent' && data.signature ? <Banner kind="success">{t('appraisal.minutes.sent')}</Banner> : null}
      <p className="caption">
        {application.reference} · {application.title}
      </p>
      <h1>{t('appraisal.title')}</h1>
      <p>
        {t('screening.status')}: <StatusTag status={application.status} />
      </p>
      <p>{t('appraisal.lead', { size: rules.teamSize, quorum: rules.quorum, days: rules.workingDays })}</p>
      {!canForm && !appraisal ? <Banner>{t('appraisal.notOpen')}</Banner> : null}

      <h2>{t('appraisal.team.title')}</h2>
      {appraisal ? <p>{t('appraisal.team.due', { date: formatDay(appraisal.dueOn) })}</p> : null}
      {canForm ? (
        <PortalFormTag form={team}>
          <HiddenField form={team} name="intent" />
          {seats.map((seat) => (
            <fieldset className="fieldset" key={seat}>
              <legend className="fieldset__legend">{t('appraisal.team.seat', { seat })}</legend>
              <TextField form={team} name={`name_${seat}`} label={t('appraisal.team.name')} autoComplete="off" />
              <TextField form={team} name={`position_${seat}`} label={t('appraisal.team.position')} optional autoComplete="off" />
            </fieldset>
          ))}
          <RadioGroup form={team} name="leader" legend={t('appraisal.team.leader')} options={seats.map((seat) => ({ value: String(seat), label: t('appraisal.team.seat', { seat }) }))} />
          <SubmitButton form={team}>{t('appraisal.team.save')}</SubmitButton>
        </PortalFormTag>
      ) : appraisal ? (
        <ol>
          {appraisal.members.map((m) => (
            <li key={m.seat}>
              {m.fullName}
              {m.position ? `, ${m.position}` : ''}
              {m.role === 'leader' ? ` (${t('appraisal.team.leader')})` : ''}
            </li>
          ))}
        </ol>
      ) : null}

      {appraisal && (canRecord || appraisal.recordedAt) ? (
        <>
          <h2>{t('appraisal.meeting.title')}</h2>
          {canRecord ? (
            <PortalFormTag form={record}>
              <HiddenField form={record} name="intent" />
              <TextField form={record} name="met_on" label={t('appraisal.meeting.metOn')} width="third" />
              <fieldset className="fieldset" aria-describedby={record.errors.present ? 'present-error' : undefined}>
                <legend className="fieldset__legend">{t('appraisal.meeting.present')}</legend>
                {record.errors.present ? (
                  <p className="error-message" id="present-error">
                    {t(record.errors.present.message.split('?')[0] as MessageKey, Object.fromEntries(new URLSearchParams(record.errors.present.message.split('?')[1] ?? '')))}
                  </p>
                ) : null}
                <div className="checkboxes">
                  {appraisal.members.map((m) => (
                    <div className="checkboxes__item" key={m.seat}>
                      <input className="checkboxes__input" type="checkbox" id={`present_${m.seat}`} value="on" {...record.register(`present_${m.seat}`)} />
                      <label className="checkboxes__label" htmlFor={`present_${m.seat}`}>
                        {m.fullName}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
              {BUDGET_CATEGORIES.map((c) => (
                <TextField
                  key={c}
                  form={record}
                  name={`appraised_${c}`}
                  label={t('appraisal.meeting.appraised', { category: t(`applications.budget.category.${c}`) })}
                  hint={`${t('appraisal.meeting.requested')}: ${formatMoney(data.requested[c] ?? 0)}`}
                  width="half"
                />
              ))}
              <RadioGroup form={record} name="method" legend={t('appraisal.meeting.method')} options={LUMP_SUM_METHODS.map((m) => ({ value: m, label: t(`appraisal.method.${m}`) }))} />
              <TextAreaField form={record} name="notes" label={t('appraisal.meeting.notes')} optional />
              <SubmitButton form={record}>{t('appraisal.meeting.save')}</SubmitButton>
            </PortalFormTag>
          ) : null}
          {appraisal.recordedAt ? (
            <table className="table">
              <caption className="table__caption">{t('appraisal.meeting.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('appraisal.meeting.category')}</th>
                  <th scope="col">{t('appraisal.meeting.requested')}</th>
                  <th scope="col">{t('appraisal.meeting.total')}</th>
                </tr>
              </thead>
              <tbody>
                {appraisal.lines.map((l) => (
                  <tr key={l.category}>
                    <th scope="row">{t(`applications.budget.category.${l.category}` as MessageKey)}</th>
                    <td>{formatMoney(l.requested)}</td>
                    <td>{formatMoney(l.appraised)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('appraisal.meeting.total')}</th>
                  <td />
                  <td>
                    <strong>{formatMoney(appraisal.total ?? 0)}</strong>
                  </td>
                </tr>
              </tbody>
            </table>
          ) : null}
          {appraisal.method ? (
            <p>
              {t('appraisal.meeting.method')}: {t(`appraisal.method.${appraisal.method}`)}
            </p>
          ) : null}
        </>
      ) : null}

      {appraisal?.recordedAt ? (
        <>
          <h2>{t('appraisal.minutes.title')}</h2>
          {appraisal.minutes ? (
            <p>
              <a href={`/staff/applications/${application.id}/documents/${appraisal.minutes.id}`}>{t('appraisal.minutes.download', { symbol: appraisal.minutes.symbol ?? '' })}</a>
            </p>
          ) : (
            <>
              <p>
                <a href={`/staff/applications/${application.id}/appraisal/minutes`}>{t('appraisal.minutes.preview')}</a>
              </p>
              {data.signature ? (
                <p>
                  {t('signing.waiting', { date: formatDateTime(data.signature.preparedAt, lang), signer: t('signing.signer.director') })}{' '}
                  <a href={`/signing/${data.signature.id}`}>{t('signing.document')}</a>
                </p>
              ) : (
                <PortalFormTag form={issue}>
                  <HiddenField form={issue} name="intent" />
                  <p className="hint">{t('appraisal.minutes.issueHint')}</p>
                  <SubmitButton form={issue}>{t('appraisal.minutes.issue')}</SubmitButton>
                </PortalFormTag>
              )}
            </>
          )}
        </>
      ) : null}
    </>
  )
}
