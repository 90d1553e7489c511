import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary, HiddenField, PortalFormTag, SelectField, SubmitButton, TextAreaField, TextField, usePortalForm } from '../components/form'
import { DataTable } from '../components/table'
import { Banner, SummaryList, Tag } from '../components/ui'
import { StatusTag } from '../components/workflow'
import { formatDate, formatDay, formatMoney } from '../i18n/format'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useMessage, useT } from '../lib/i18n'
import { getAcceptanceCouncil, getResultsDossier, issuedAcceptanceMinutes } from '../modules/acceptance'
import { acceptanceIntent } from '../modules/acceptance/intents.server'
import { ACCEPTANCE_ROLES } from '../modules/acceptance/schemas'
import { openSignatureRequest } from '../modules/decisions'
import { getReviewRules } from '../modules/fund'
import { authorizeStaffApplication } from '../modules/screening'

// The office's page for a task's acceptance (nghiệm thu): the grantee's results dossier, the acceptance council
// (seats, forming it, each member's declaration and rating as they send them), its conclusion by the rating
// rule, its minutes sent to the member presiding to sign, and passing or failing the task on them. Each form's
// work is its own function (modules/acceptance/intents.server.ts), picked by its hidden `intent`.

const ROUTE = 'routes/staff.tasks.$id.acceptance'
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'acceptance.staff.title')

const anyForm = z.looseObject({})
const NOTICES = ['member_added', 'member_removed', 'formed', 'concluded', 'requested', 'passed', 'failed'] as const

export async function loader(args: LoaderFunctionArgs) {
  const { staff } = await authorizeStaffApplication(args, ROUTE)
  const db = args.context.db
  const app = staff.application
  const rules = await getReviewRules(db)
  const minutes = await issuedAcceptanceMinutes(db, app.id)
  const request = await openSignatureRequest(db, { applicationId: app.id })
  const notice = new URL(args.request.url).searchParams.get('notice')
  return json({
    application: { id: app.id, title: app.title, reference: app.reference, status: app.status },
    dossier: await getResultsDossier(db, app.id),
    council: await getAcceptanceCouncil(db, app.id),
    rules: { min: rules.councilMin, max: rules.councilMax, excellent: `${rules.acceptanceExcellentFraction.num}/${rules.acceptanceExcellentFraction.den}`, fail: `${rules.acceptanceFailFraction.num}/${rules.acceptanceFailFraction.den}` },
    minutes: minutes ? { id: minutes.id, symbol: minutes.symbol ?? '' } : null,
    waiting: request?.kind === 'acceptance_minutes' ? { signer: request.signerName ?? '' } : null,
    notice: (NOTICES as readonly string[]).includes(notice ?? '') ? notice : null,
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, staff } = await authorizeStaffApplication(args, ROUTE)
  const raw = await readForm(args.request)
  const run = acceptanceIntent(raw.intent)
  if (!run) return formError({ form: 'acceptance.refused.notFound' }, raw, 400)
  const { db, env, clientIp } = args.context
  const outcome = await run({ db, applicationId: staff.application.id, actor: user, ip: clientIp, appUrl: env.APP_URL, lang: user.lang }, raw)
  if (outcome.ok) return redirect(`/staff/tasks/${staff.application.id}/acceptance?notice=${outcome.notice}`)
  // The council's problems (size, chair, quorum) each as a line of the error summary.
  const errors = { ...outcome.errors }
  for (const [i, p] of (outcome.problems ?? []).entries()) errors[`problem${i}`] = `${p.code}?${new URLSearchParams(Object.entries(p.params).map(([k, v]) => [k, String(v)]))}`
  return formError(errors, raw, outcome.status)
}

export default function AcceptancePage() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const message = useMessage()
  const { application, dossier, council, rules, minutes } = data
  const add = usePortalForm(anyForm, { intent: 'add_member', email: '', role: 'member' })
  const formIt = usePortalForm(anyForm, { intent: 'form', meetingOn: '', location: '' })
  const conclude = usePortalForm(anyForm, { intent: 'conclude', conclusions: '' })
  const sign = usePortalForm(anyForm, { intent: 'request_minutes' })
  const pass = usePortalForm(anyForm, { intent: 'pass', note: '' })
  const fail = usePortalForm(anyForm, { intent: 'fail', reasons: '' })
  const inAcceptance = application.status === 'acceptance'
  const forming = inAcceptance && (!council || council.status === 'forming')
  const roleOptions = ACCEPTANCE_ROLES.map((r) => ({ value: r, label: t(`acceptance.role.${r}`) }))
  const all = { ...add.errors, ...formIt.errors, ...conclude.errors, ...sign.errors, ...pass.errors, ...fail.errors }
  const errors = Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith('problem')))
  // The council's problems (size, chair, quorum) the action answered with, in words under the summary.
  const answered = (useActionData() as { errors?: Record<string, { message: string }> } | undefined)?.errors ?? {}
  const problems = Object.entries(answered).filter(([k]) => k.startsWith('problem')).map(([, e]) => e.message)
  return (
    <>
      <ErrorSummary errors={errors} />
      {problems.length ? (
        <ul className="list list--bullet" aria-label={t('acceptance.refused.notReady')}>
          {problems.map((p) => (
            <li key={p}>{message(p)}</li>
          ))}
        </ul>
      ) : null}
      {data.notice ? <Banner kind="success">{t(`acceptance.staff.notice.${data.notice as (typeof NOTICES)[number]}`)}</Banner> : null}
      <p className="caption">
        {application.reference} · {application.title}
      </p>
      <h1>{t('acceptance.staff.title')}</h1>
      <p>
        {t('screening.status')}: <StatusTag status={application.status} />
      </p>

      <h2>{t('acceptance.staff.dossier')}</h2>
      {dossier?.submittedAt ? (
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
      ) : (
        <p>{t('acceptance.staff.noDossier')}</p>
      )}
      {dossier?.finaliseDueOn ? (
        <p>
          {t('acceptance.staff.finalise', { date: formatDay(dossier.finaliseDueOn) })}
          {dossier.finalisedAt ? ` ${t('acceptance.results.finalise.done', { date: formatDate(new Date(dossier.finalisedAt)) })}` : ''}
        </p>
      ) : null}

      <h2>{t('acceptance.staff.council')}</h2>
      <p>{t('acceptance.staff.councilLead', rules)}</p>
      {council ? (
        <p>
          {t('acceptance.staff.status')}: <Tag tone={council.status === 'concluded' ? 'green' : 'blue'}>{t(`acceptance.staff.status.${council.status}`)}</Tag>
          {council.meetingOn ? ` ${t('acceptance.staff.meeting', { date: formatDay(council.meetingOn), place: council.location })}` : ''}
        </p>
      ) : null}
      {council?.members.length ? (
        <DataTable
          caption={t('acceptance.staff.council')}
          scrollLabel={t('acceptance.staff.council')}
          columns={[
            { label: t('acceptance.staff.col.name') },
            { label: t('acceptance.staff.col.role') },
            { label: t('acceptance.staff.col.conflict') },
            { label: t('acceptance.staff.col.vote') },
            ...(forming ? [{ label: t('acceptance.staff.col.actions'), hidden: true }] : []),
          ]}
          rows={council.members.map((m) => (
            <tr key={m.userId}>
              <td>
                {m.fullName}
                <br />
                <span className="caption">{m.email}</span>
              </td>
              <td>{t(`acceptance.role.${m.role}`)}</td>
              <td>
                {m.conflict === 'declared' ? t('acceptance.staff.conflict.declared', { reason: m.conflictReason ?? '' }) : t(`acceptance.staff.conflict.${m.conflict}`)}
                {m.detected.map((d, i) => (
                  <div key={i} className="caption">
                    {t('acceptance.staff.detected', { detail: d.detail })}
                  </div>
                ))}
              </td>
              <td>
                {m.vote ? <Tag tone={m.vote === 'fail' ? 'red' : 'green'}>{t(`acceptance.rating.${m.vote}`)}</Tag> : t('acceptance.staff.noVote')}
                {m.comment ? <div className="prewrap caption">{m.comment}</div> : null}
              </td>
              {forming ? (
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove_member" />
                    <input type="hidden" name="userId" value={m.userId} />
                    <button type="submit" className="button button--secondary button--small">
                      {t('acceptance.staff.remove', { name: m.fullName })}
                    </button>
                  </Form>
                </td>
              ) : null}
            </tr>
          ))}
        />
      ) : (
        <p>{t('acceptance.staff.noMembers')}</p>
      )}

      {forming ? (
        <>
          <PortalFormTag form={add}>
            <HiddenField form={add} name="intent" />
            <TextField form={add} name="email" type="email" label={t('acceptance.staff.email')} width="half" />
            <SelectField form={add} name="role" label={t('acceptance.staff.role')} options={roleOptions} empty={t('acceptance.staff.role.choose')} />
            <SubmitButton form={add} secondary>
              {t('acceptance.staff.add')}
            </SubmitButton>
          </PortalFormTag>
          {council?.members.length ? (
            <PortalFormTag form={formIt}>
              <HiddenField form={formIt} name="intent" />
              <TextField form={formIt} name="meetingOn" label={t('acceptance.staff.meetingOn')} width="third" />
              <TextField form={formIt} name="location" label={t('acceptance.staff.location')} />
              <SubmitButton form={formIt}>{t('acceptance.staff.form')}</SubmitButton>
            </PortalFormTag>
          ) : null}
        </>
      ) : null}

      {council?.status === 'formed' && inAcceptance ? (
        <PortalFormTag form={conclude}>
          <HiddenField form={conclude} name="intent" />
          <TextAreaField form={conclude} name="conclusions" label={t('acceptance.staff.conclusions')} rows={6} />
          <SubmitButton form={conclude}>{t('acceptance.staff.conclude')}</SubmitButton>
        </PortalFormTag>
      ) : null}

      {council?.status === 'concluded' && council.rating ? (
        <>
          <p>
            {t('acceptance.staff.rating', {
              rating: t(`acceptance.rating.${council.rating}`),
              excellent: council.votes.excellent ?? 0,
              pass: council.votes.pass ?? 0,
              fail: council.votes.fail ?? 0,
              voters: council.votes.voters ?? 0,
            })}
          </p>
          <p className="prewrap">{council.conclusions}</p>
          <h2>{t('acceptance.staff.minutes')}</h2>
          {minutes ? (
            <p>
              {t('acceptance.staff.minutes.issued', { symbol: minutes.symbol })}{' '}
              <Link to={`/staff/applications/${application.id}/documents/${minutes.id}`} reloadDocument>
                {t('acceptance.staff.minutes.download', { symbol: minutes.symbol })}
              </Link>
            </p>
          ) : data.waiting ? (
            <p>{t('acceptance.staff.minutes.waiting', { name: data.waiting.signer })}</p>
          ) : (
            <PortalFormTag form={sign}>
              <HiddenField form={sign} name="intent" />
              <SubmitButton form={sign}>{t('acceptance.staff.minutes.request')}</SubmitButton>
            </PortalFormTag>
          )}
          {minutes && inAcceptance ? (
            council.rating === 'fail' ? (
              <PortalFormTag form={fail}>
                <HiddenField form={fail} name="intent" />
                <TextAreaField form={fail} name="reasons" label={t('acceptance.staff.failReasons')} rows={4} />
                <SubmitButton form={fail}>{t('acceptance.staff.fail')}</SubmitButton>
              </PortalFormTag>
            ) : (
              <PortalFormTag form={pass}>
                <HiddenField form={pass} name="intent" />
                <SubmitButton form={pass}>{t('acceptance.staff.pass')}</SubmitButton>
              </PortalFormTag>
            )
          ) : null}
        </>
      ) : null}
    </>
  )
}
