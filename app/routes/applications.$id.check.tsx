import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { Banner } from '../components/ui'
import { formatMoney } from '../i18n/format'
import type { MessageKey } from '../i18n'
import { readForm } from '../lib/forms.server'
import { pageTitle, useLang, useMessage, useT } from '../lib/i18n'
import { checkSubmission, authorizeApplicationMember, getSection, listAttachmentSlots, type SubmissionProblem } from '../modules/applications'
import { readBudget } from '../modules/applications/budget'
import { baseVersionOf, FORM_SECTIONS, isYes, MEMBER_ROWS, MILESTONE_ROWS } from '../modules/applications/sections'
import { PRIORITY_FIELDS } from '../modules/calls/schemas'
import { getOrganisationForMember } from '../modules/organisations'
import { formatTaxCode } from '../modules/organisations/identifiers'
import { applyTransition } from '../modules/workflow'

const ROUTE = 'routes/applications.$id.check'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'submission.check.title')

async function load(args: LoaderFunctionArgs) {
  return authorizeApplicationMember(args, ROUTE)
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, access } = await load(args)
  const db = args.context.db
  const id = access.application.id
  const sections = Object.fromEntries(await Promise.all(FORM_SECTIONS.map(async (key) => [key, (await getSection(db, id, key)).data] as const)))
  const org = await getOrganisationForMember(db, access.organisation.id, user.id)
  const slots = await listAttachmentSlots(db, access)
  const budget = readBudget(sections.budget ?? {})
  // A draft is submitted; an application the Fund asked to change is resubmitted (its deadline is the request's).
  const resubmitting = access.application.status === 'changes_requested'
  const isDraft = access.application.status === 'draft' || resubmitting
  const problems = isDraft ? (await checkSubmission(db, access)).filter((p) => !resubmitting || p.message !== 'submission.problem.deadline') : []
  return json({
    application: { id, title: access.application.title, status: access.application.status, version: access.application.version, reference: access.application.reference },
    call: { title_vi: access.call.title_vi, title_en: access.call.title_en },
    rules: { max_amount: access.call.max_amount, min_counterpart_pct: access.call.min_counterpart_pct, max_duration_months: access.call.max_duration_months },
    sections,
    org,
    slots,
    budget: { requested: budget.requested, counterpart: budget.counterpart, total: budget.total, pct: budget.counterpartPct },
    problems,
    isDraft,
    resubmitting,
    canSubmit: isDraft && access.role !== 'viewer',
    viewer: access.role === 'viewer',
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, access } = await load(args)
  const raw = await readForm(args.request)
  const resubmitting = access.application.status === 'changes_requested'
  const result = await applyTransition(args.context.db, {
    applicationId: access.application.id,
    event: resubmitting ? 'resubmit' : 'submit',
    actor: user,
    as: 'applicant',
    expectedVersion: baseVersionOf(raw.version),
    lang: user.lang,
    appUrl: args.context.env.APP_URL,
    ip: args.context.clientIp,
  })
  if (result.ok) return redirect(resubmitting ? `/applications/${access.application.id}?notice=resubmitted` : `/applications/${access.application.id}/confirmation`)
  // The machine's refusal, in the words of this page.
  const refusal =
    result.reason === 'version' ? 'changed'
    : result.reason === 'state' ? 'status'
    : result.reason === 'role' ? 'forbidden'
    : result.reason === 'guard' && result.problem === 'submission.refused.deadline' ? 'deadline'
    : 'problems'
  const problems = result.reason === 'guard' ? ((result.problems ?? []) as SubmissionProblem[]) : []
  return json({ refusal, problems }, { status: result.status })
}

type Row = { key: string; label: string; value: string; href: string }

function useProblemText() {
  const message = useMessage()
  const lang = useLang()
  const t = useT()
  return (p: SubmissionProblem) => (p.document ? t('submission.problem.document', { name: lang === 'en' && p.document.en ? p.document.en : p.document.vi }) : message(p.message))
}

export default function CheckAnswers() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const t = useT()
  const lang = useLang()
  const problemText = useProblemText()
  const navigation = useNavigation()
  const submitting = navigation.state !== 'idle' && navigation.formMethod?.toUpperCase() === 'POST'
  const alertRef = useRef<HTMLDivElement>(null)
  const problems: SubmissionProblem[] = actionData?.problems?.length ? actionData.problems : data.problems
  const refusal = actionData?.refusal
  useEffect(() => {
    if (refusal) alertRef.current?.focus()
  }, [refusal])

  const base = `/applications/${data.application.id}`
  const s = data.sections as Record<string, Record<string, string>>
  const v = (key: string, f: string) => s[key]?.[f] ?? ''
  const row = (key: string, field: string, label: string, value: string): Row => ({ key: `${key}-${field}`, label, value, href: `${base}/sections/${key}#${field}` })

  const general: Row[] = [
    row('general', 'title', t('applications.general.title'), v('general', 'title')),
    row('general', 'priority_field', t('applications.general.priority_field'), (PRIORITY_FIELDS as readonly string[]).includes(v('general', 'priority_field')) ? t(`field.${v('general', 'priority_field') as (typeof PRIORITY_FIELDS)[number]}`) : ''),
    row('general', 'duration_months', t('applications.general.duration_months'), v('general', 'duration_months')),
    row('general', 'summary', t('applications.general.summary'), v('general', 'summary')),
  ]
  const person = (who: string) => [v('team', `${who}_name`), v('team', `${who}_qualification`), v('team', `${who}_email`)].filter(Boolean).join('\n')
  const team: Row[] = [
    row('team', 'pi_name', t('applications.team.pi'), person('pi')),
    row('team', 'secretary_name', t('applications.team.secretary'), person('secretary')),
    ...Array.from({ length: MEMBER_ROWS }, (_, i) => i + 1)
      .filter((i) => v('team', `m${i}_name`) || v('team', `m${i}_role`))
      .map((i) => row('team', `m${i}_name`, t('submission.check.member', { row: i }), [v('team', `m${i}_name`), v('team', `m${i}_role`), v('team', `m${i}_qualification`)].filter(Boolean).join(' — '))),
  ]
  const proposal: Row[] = [
    ...(['necessity', 'objectives', 'content_methods', 'products', 'ip_outputs', 'applicability'] as const).map((f) => row('proposal', f, t(`applications.proposal.${f}`), v('proposal', f))),
    ...Array.from({ length: MILESTONE_ROWS }, (_, i) => i + 1)
      .filter((i) => v('proposal', `ms${i}_title`) || v('proposal', `ms${i}_due`))
      .map((i) => row('proposal', `ms${i}_title`, t('submission.check.milestone', { row: i }), `${v('proposal', `ms${i}_title`)} (${v('proposal', `ms${i}_due`)})`)),
  ]
  const { budget, rules } = data
  const budgetRows: Row[] = [
    row('budget', 'labour_requested', t('submission.check.budget.requested'), formatMoney(budget.requested)),
    row('budget', 'labour_own', t('submission.check.budget.counterpart'), formatMoney(budget.counterpart)),
    row('budget', 'labour_requested', t('submission.check.budget.total'), formatMoney(budget.total)),
    row('budget', 'labour_own', t('submission.check.budget.pct'), `${budget.pct.toLocaleString('vi-VN')}%`),
  ].map((r, i) => ({ ...r, key: `${r.key}-${i}` }))
  const duration = Number(v('general', 'duration_months'))
  const ruleResults: { label: string; met: boolean }[] = [
    { label: t('submission.check.rule.maxAmount', { max: formatMoney(rules.max_amount) }), met: budget.requested > 0 && budget.requested <= rules.max_amount },
    { label: t('submission.check.rule.minCounterpart', { min: rules.min_counterpart_pct }), met: budget.total > 0 && budget.pct >= rules.min_counterpart_pct },
    { label: t('submission.check.rule.maxDuration', { max: rules.max_duration_months }), met: duration > 0 && duration <= rules.max_duration_months },
  ]
  const declarations: Row[] = (['truthful', 'consent'] as const).map((f) =>
    row('declarations', f, t(`applications.declarations.${f}`), isYes(v('declarations', f)) ? t('submission.check.yes') : t('submission.check.no')),
  )
  const org = data.org
  const orgRows: Row[] = org
    ? [
        row('organisation', 'name', t('submission.check.organisation.name'), org.name),
        row('organisation', 'identifier', t('submission.check.organisation.identifier'), org.identifier_kind === 'tax_code' ? formatTaxCode(org.identifier) : org.identifier),
        row('organisation', 'address', t('submission.check.organisation.address'), `${org.address_line}, ${t(`org.ward.${org.ward_kind}`, { name: org.ward_name })}, ${t('org.province')}`),
        row('organisation', 'legal_rep', t('submission.check.organisation.legalRep'), `${org.legal_rep_name} (${org.legal_rep_title})`),
        row('organisation', 'contact', t('submission.check.organisation.contact'), `${org.phone} · ${org.email}`),
      ]
    : []

  const editable = data.canSubmit
  const List = ({ rows }: { rows: Row[] }) => (
    <dl className="summary-list">
      {rows.map((r) => (
        <div className={`summary-list__row${editable ? ' summary-list__row--actions' : ''}`} key={r.key}>
          <dt>{r.label}</dt>
          <dd className="pre-line">{r.value || <span className="hint">{t('submission.check.empty')}</span>}</dd>
          {editable ? (
            <dd className="summary-list__actions">
              <Link to={r.href}>
                {t('submission.check.change')}
                <span className="visually-hidden"> {r.label}</span>
              </Link>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  )
  const sectionTitle = (key: string) => t(`applications.section.${key}` as MessageKey)

  return (
    <>
      <p>
        <Link to={base}>← {t('applications.form.back')}</Link>
      </p>
      {refusal ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={alertRef} aria-labelledby="refusal-title">
          <h2 className="error-summary__title" id="refusal-title">
            {t('submission.check.problems')}
          </h2>
          <p>{t(`submission.refused.${refusal}` as MessageKey)}</p>
          {problems.length ? (
            <ul className="error-summary__list">
              {problems.map((p, i) => (
                <li key={i}>
                  <Link to={p.href}>{problemText(p)}</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <p className="caption">{lang === 'en' && data.call.title_en ? data.call.title_en : data.call.title_vi}</p>
      <h1>{t('submission.check.title')}</h1>
      {!data.isDraft ? <Banner>{t('submission.check.notDraft')}</Banner> : data.viewer ? <Banner>{t('submission.check.viewer')}</Banner> : null}
      {data.isDraft && !refusal && problems.length ? (
        <div className="result" aria-labelledby="problems-title">
          <h2 className="result__title" id="problems-title">
            {t('submission.check.problems')}
          </h2>
          <p>{t('submission.check.problems.lead')}</p>
          <ul className="list-bullet">
            {problems.map((p, i) => (
              <li key={i}>
                <Link to={p.href}>{problemText(p)}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {editable ? <p>{t(data.resubmitting ? 'submission.check.resubmit.lead' : 'submission.check.lead')}</p> : null}

      <h2>{sectionTitle('general')}</h2>
      <List rows={general} />
      <h2>{sectionTitle('organisation')}</h2>
      <List rows={orgRows} />
      <h2>{sectionTitle('team')}</h2>
      <List rows={team} />
      <h2>{sectionTitle('proposal')}</h2>
      <List rows={proposal} />
      <h2>{sectionTitle('budget')}</h2>
      <List rows={budgetRows} />
      <h3>{t('submission.check.rules')}</h3>
      <dl className="summary-list">
        {ruleResults.map((r) => (
          <div className="summary-list__row" key={r.label}>
            <dt>{r.label}</dt>
            <dd>{r.met ? t('submission.check.rule.met') : t('submission.check.rule.notMet')}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('submission.check.documents')}</h2>
      <dl className="summary-list">
        {data.slots.map((slot) => {
          const name = lang === 'en' && slot.document.name_en ? slot.document.name_en : slot.document.name_vi
          return (
            <div className={`summary-list__row${editable ? ' summary-list__row--actions' : ''}`} key={slot.document.id}>
              <dt>
                {name}
                {slot.document.mandatory ? null : <span className="label__optional"> {t('submission.check.document.optional')}</span>}
              </dt>
              <dd>
                {slot.attachment ? (
                  <a href={`${base}/attachments/${slot.attachment.id}`} download>
                    {slot.attachment.filename}
                  </a>
                ) : (
                  <span className="hint">{t('submission.check.document.missing')}</span>
                )}
              </dd>
              {editable ? (
                <dd className="summary-list__actions">
                  <Link to={`${base}/attachments#file-${slot.document.id}`}>
                    {t('submission.check.change')}
                    <span className="visually-hidden"> {name}</span>
                  </Link>
                </dd>
              ) : null}
            </div>
          )
        })}
      </dl>
      <h2>{sectionTitle('declarations')}</h2>
      <List rows={declarations} />

      {data.canSubmit ? (
        <>
          <h2>{t('submission.check.declaration.title')}</h2>
          <p>{t('submission.check.declaration')}</p>
          <Form method="post">
            <input type="hidden" name="version" value={data.application.version} />
            <button type="submit" className="button" disabled={submitting} aria-disabled={submitting || undefined} data-prevent-double-click="true">
              {submitting ? t('submission.check.submitting') : t(data.resubmitting ? 'submission.check.resubmit' : 'submission.check.submit')}
            </button>
          </Form>
        </>
      ) : null}
    </>
  )
}
