import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { type ReactNode, useMemo, useRef, useEffect } from 'react'
import { AutosaveStatus, useAutosave } from '../components/autosave'
import { describedByOf, ErrorSummary, HiddenField, HintAndError, type PortalForm, PortalFormTag, RadioGroup, SelectField, TextAreaField, TextField, usePortalForm } from '../components/form'
import { Banner, SummaryList } from '../components/ui'
import { formatMoney, formatPercent } from '../i18n/format'
import { type FieldErrors, readForm } from '../lib/forms.server'
import { pageTitle, useLang, useMessage, useT } from '../lib/i18n'
import { uuidParam } from '../lib/params'
import { canEditDraft, getApplicationForMember, getSection, organisationComplete } from '../modules/applications'
import { saveSectionForm } from '../modules/applications/section-form'
import { BUDGET_CATEGORIES, BUDGET_SOURCES, budgetProblems, readBudget } from '../modules/applications/budget'
import { isFormSectionKey, isSectionKey, isYes, MEMBER_ROWS, MILESTONE_ROWS, SECTION_FIELDS, TASK_ORDER } from '../modules/applications/sections'
import { authorizeUser } from '../modules/auth'
import { PRIORITY_FIELDS } from '../modules/calls/fields'
import { formatTaxCode } from '../modules/organisations/identifiers'
import { getOrganisationForMember } from '../modules/organisations'

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data ? (`applications.section.${data.key}` as const) : 'applications.task.title')


/** The application and the section, for a member; a 404 for anyone else and for unknown sections. */
async function load(args: LoaderFunctionArgs, userId: string) {
  const access = await getApplicationForMember(args.context.db, uuidParam(args.params.id), userId)
  const key = args.params.key
  if (!access || !isSectionKey(key)) throw new Response('Not found', { status: 404 })
  return { access, key }
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, 'routes/applications.$id.sections.$key')
  const { access, key } = await load(args, user.id)
  const section = await getSection(args.context.db, access.application.id, key)
  const editable = canEditDraft(access, undefined, key)
  const org = key === 'organisation' ? await getOrganisationForMember(args.context.db, access.organisation.id, user.id) : null
  return json({
    key,
    applicationId: access.application.id,
    editable,
    role: access.role,
    rules: { max_amount: access.call.max_amount, min_counterpart_pct: access.call.min_counterpart_pct, max_duration_months: access.call.max_duration_months },
    section: { data: section.data, version: section.version, completed: section.completed, updatedAt: section.updatedAt },
    org: org ? { ...org, complete: organisationComplete(org) } : null,
  })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, 'routes/applications.$id.sections.$key')
  const { access, key } = await load(args, user.id)
  if (access.role === 'viewer') throw new Response('Forbidden', { status: 403 })
  if (!isFormSectionKey(key)) throw new Response('Not found', { status: 404 })
  return saveSectionForm(args.context.db, access, user, key, await readForm(args.request))
}

function Fieldset({ legend, hint, children }: { legend: string; hint?: string; children: ReactNode }) {
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend">{legend}</legend>
      {hint ? <div className="hint">{hint}</div> : null}
      {children}
    </fieldset>
  )
}

function Checkbox({ form, name, label }: { form: PortalForm; name: string; label: string }) {
  const error = form.errors[name]
  const defaults = (form.formState.defaultValues ?? {}) as Record<string, unknown>
  const { defaultValue: _v, defaultChecked: _c, ...reg } = form.register(name) as ReturnType<PortalForm['register']> & { defaultValue?: string; defaultChecked?: boolean }
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <HintAndError name={name} error={error} />
      <div className="checkboxes">
        <div className="radios__item">
          <input
            className="radios__input"
            id={name}
            type="checkbox"
            value="on"
            aria-describedby={describedByOf(name, undefined, error)}
            aria-invalid={error ? true : undefined}
            {...reg}
            defaultChecked={isYes(defaults[name])}
          />
          <label className="radios__label" htmlFor={name}>
            {label}
          </label>
        </div>
      </div>
    </div>
  )
}

function GeneralFields({ form, maxMonths }: { form: PortalForm; maxMonths: number }) {
  const t = useT()
  return (
    <>
      <TextField form={form} name="title" label={t('applications.general.title')} />
      <SelectField
        form={form}
        name="priority_field"
        label={t('applications.general.priority_field')}
        empty={t('applications.general.priority_field.choose')}
        options={PRIORITY_FIELDS.map((f) => ({ value: f, label: t(`field.${f}`) }))}
      />
      <TextField form={form} name="duration_months" width="third" label={t('applications.general.duration_months')} hint={t('applications.general.duration_months.hint', { max: maxMonths })} />
      <TextAreaField form={form} name="summary" label={t('applications.general.summary')} rows={6} />
    </>
  )
}

function TeamFields({ form }: { form: PortalForm }) {
  const t = useT()
  return (
    <>
      {(['pi', 'secretary'] as const).map((who) => (
        <Fieldset key={who} legend={t(`applications.team.${who}`)}>
          <TextField form={form} name={`${who}_name`} label={t('applications.team.name')} />
          <TextField form={form} name={`${who}_qualification`} label={t('applications.team.qualification')} />
          <TextField form={form} name={`${who}_email`} type="email" label={t('applications.team.email')} />
        </Fieldset>
      ))}
      <h2>{t('applications.team.members')}</h2>
      <p className="hint">{t('applications.team.members.hint', { max: MEMBER_ROWS })}</p>
      {Array.from({ length: MEMBER_ROWS }, (_, i) => i + 1).map((i) => (
        <fieldset className="fieldset member-row" key={i}>
          <legend className="fieldset__legend">{t('applications.team.member', { row: i })}</legend>
          <TextField form={form} name={`m${i}_name`} label={t('applications.team.name')} optional />
          <TextField form={form} name={`m${i}_role`} label={t('applications.team.role')} optional />
          <TextField form={form} name={`m${i}_qualification`} label={t('applications.team.qualification')} optional />
        </fieldset>
      ))}
    </>
  )
}

function ProposalFields({ form }: { form: PortalForm }) {
  const t = useT()
  return (
    <>
      {(['necessity', 'objectives', 'content_methods', 'products', 'ip_outputs', 'applicability'] as const).map((f) => (
        <TextAreaField key={f} form={form} name={f} label={t(`applications.proposal.${f}`)} optional={f === 'ip_outputs'} rows={5} />
      ))}
      <h2>{t('applications.proposal.milestones')}</h2>
      <p className="hint">{t('applications.proposal.milestones.hint', { max: MILESTONE_ROWS })}</p>
      {Array.from({ length: MILESTONE_ROWS }, (_, i) => i + 1).map((i) => (
        <fieldset className="fieldset member-row" key={i}>
          <legend className="fieldset__legend">{t('applications.proposal.milestone', { row: i })}</legend>
          <TextField form={form} name={`ms${i}_title`} label={t('applications.proposal.milestone.title')} optional />
          <TextField form={form} name={`ms${i}_due`} width="third" label={t('applications.proposal.milestone.due')} hint="dd/mm/yyyy" optional />
        </fieldset>
      ))}
    </>
  )
}

function BudgetFields({ form, rules }: { form: PortalForm; rules: { max_amount: number; min_counterpart_pct: number } }) {
  const t = useT()
  const lang = useLang()
  const message = useMessage()
  const values = form.watch() as Record<string, string | undefined>
  const budget = readBudget(values)
  const problems = budgetProblems(budget, { ...rules, max_duration_months: Infinity })
  // The rules' errors sit on the first line's fields while the user types in any line: once the form has been
  // checked, check it all again whenever the set of broken rules changes, so a fixed rule's error goes away.
  const problemKey = Object.keys(problems).join('|')
  const { isSubmitted } = form.formState
  const { trigger } = form
  useEffect(() => {
    if (isSubmitted) void trigger()
  }, [problemKey, isSubmitted, trigger])
  const columns = ['requested', ...BUDGET_SOURCES] as const
  return (
    <>
      <p>{t('applications.budget.lead')}</p>
      <p>{t('applications.budget.rules', { max: formatMoney(rules.max_amount), min: rules.min_counterpart_pct })}</p>
      <div className="table-wrap budget-grid" role="region" aria-label={t('applications.section.budget')} tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">{t('applications.section.budget')}</caption>
          <thead>
            <tr>
              <td />
              {columns.map((c) => (
                <th key={c} scope="col">
                  {t(`applications.budget.${c}`)}
                </th>
              ))}
              <th scope="col" className="num">
                {t('applications.budget.total.all')}
              </th>
            </tr>
          </thead>
          <tbody>
            {BUDGET_CATEGORIES.map((cat, row) => (
              <tr key={cat}>
                <th scope="row">{t(`applications.budget.category.${cat}`)}</th>
                {columns.map((c) => {
                  const name = `${cat}_${c}`
                  const error = form.errors[name]
                  return (
                    <td key={c} className={error ? 'form-group--error' : undefined}>
                      <label className="visually-hidden" htmlFor={name}>
                        {t('applications.budget.line', { category: t(`applications.budget.category.${cat}`), column: t(`applications.budget.${c}`) })}
                      </label>
                      {error ? (
                        <p className="error-message" id={`${name}-error`}>
                          {message(error.message)}
                        </p>
                      ) : null}
                      <input
                        className={`input${error ? ' input--error' : ''}`}
                        id={name}
                        inputMode="numeric"
                        aria-describedby={error ? `${name}-error` : undefined}
                        aria-invalid={error ? true : undefined}
                        {...form.register(name)}
                      />
                    </td>
                  )
                })}
                <td className="num">{formatMoney(budget.lines[row].total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('applications.budget.totals')}</h2>
      <dl className="summary-list" aria-live="polite">
        <div className="summary-list__row">
          <dt>{t('applications.budget.total.requested')}</dt>
          <dd>{formatMoney(budget.requested)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('applications.budget.total.counterpart')}</dt>
          <dd>{formatMoney(budget.counterpart)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('applications.budget.total.all')}</dt>
          <dd>{formatMoney(budget.total)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('applications.budget.total.ratio')}</dt>
          <dd>{formatPercent(budget.counterpartPct, lang)}</dd>
        </div>
      </dl>
      {Object.keys(problems).length ? (
        <ul className="error-message" aria-live="polite">
          {Object.values(problems).map((p) => (
            <li key={p}>{message(p)}</li>
          ))}
        </ul>
      ) : null}
    </>
  )
}

function OrganisationSection({ org, editable }: { org: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['org']>; editable: boolean }) {
  const t = useT()
  const rows: [string, ReactNode][] = [
    [t('org.field.type'), t(`org.type.${org.type}`)],
    [t('org.field.name'), org.name],
    [org.identifier_kind === 'tax_code' ? t('org.identifier.tax_code') : t('org.identifier.citizen_id'), org.identifier_kind === 'tax_code' ? formatTaxCode(org.identifier) : org.identifier],
    [t('org.field.address'), `${org.address_line}, ${t(`org.ward.${org.ward_kind}`, { name: org.ward_name })}, ${t('org.province')}`],
    [t('org.field.legalRep'), `${org.legal_rep_name} (${org.legal_rep_title})`],
    [t('org.field.phone'), org.phone],
    [t('org.field.email'), org.email],
  ]
  return (
    <>
      <p>{t('applications.org.lead')}</p>
      <SummaryList rows={rows} />
      <p>{org.complete ? t('applications.org.complete') : t('applications.org.incomplete')}</p>
      {editable && org.role !== 'viewer' ? (
        <p>
          <Link to={`/organisations/${org.id}?edit=1`}>{t('applications.org.edit')}</Link>
        </p>
      ) : null}
    </>
  )
}

export default function SectionPage() {
  const { key, applicationId, editable, rules, section, org } = useLoaderData<typeof loader>()
  const failed = useActionData<{ errors?: FieldErrors; conflict?: unknown }>()
  const t = useT()
  useLang()
  const formKey = isFormSectionKey(key) ? key : null
  // The section's schema loads with zod once the page is interactive (ADR 013); one loader per section and rules.
  const schema = useMemo(() => () => import('../modules/applications/section-schemas').then((m) => m.sectionSchema(formKey ?? 'general', rules)), [formKey, rules])
  const defaults: Record<string, string> = {
    ...section.data,
    baseVersion: String(section.version),
    ...(section.completed ? { completed: 'yes' } : {}),
  }
  const form = usePortalForm(schema, defaults)
  const formRef = useRef<HTMLFormElement | null>(null)
  const autosave = useAutosave({
    routeId: 'routes/applications.$id.sections.$key',
    formRef,
    enabled: editable && !!formKey && !failed?.conflict,
    version: section.version,
    savedAt: section.updatedAt ? String(section.updatedAt) : null,
    onVersion: (v) => {
      form.setValue('baseVersion', String(v))
      const hidden = formRef.current?.elements.namedItem('baseVersion')
      if (hidden instanceof HTMLInputElement) hidden.value = String(v)
    },
  })
  const index = TASK_ORDER.indexOf(key) + 1
  const order = [...SECTION_FIELDS[key], 'completed']
  return (
    <div className={key === 'budget' ? undefined : 'narrow'}>
      <p>
        <Link to={`/applications/${applicationId}`}>← {t('applications.form.back')}</Link>
      </p>
      <ErrorSummary errors={form.errors} order={order} />
      {!editable ? <Banner>{t('applications.form.readOnly')}</Banner> : null}
      <p className="caption">{t('applications.task.title')}</p>
      <h1>
        {index}. {t(`applications.section.${key}`)}
      </h1>
      {key === 'organisation' && org ? (
        <OrganisationSection org={org} editable={editable} />
      ) : formKey ? (
        <div ref={(el) => void (formRef.current = el?.querySelector('form') ?? null)}>
          <PortalFormTag form={form} id="section-form">
            <fieldset className="fieldset" disabled={!editable}>
              <legend className="visually-hidden">{t(`applications.section.${key}`)}</legend>
              <HiddenField form={form} name="baseVersion" />
              {formKey === 'general' ? <GeneralFields form={form} maxMonths={rules.max_duration_months} /> : null}
              {formKey === 'team' ? <TeamFields form={form} /> : null}
              {formKey === 'proposal' ? <ProposalFields form={form} /> : null}
              {formKey === 'budget' ? <BudgetFields form={form} rules={rules} /> : null}
              {formKey === 'declarations' ? (
                <Fieldset legend={t('applications.declarations.legend')}>
                  <Checkbox form={form} name="truthful" label={t('applications.declarations.truthful')} />
                  <Checkbox form={form} name="consent" label={t('applications.declarations.consent')} />
                </Fieldset>
              ) : null}
              <RadioGroup
                form={form}
                name="completed"
                legend={t('applications.form.completed')}
                options={[
                  { value: 'yes', label: t('applications.form.completed.yes') },
                  { value: 'no', label: t('applications.form.completed.no') },
                ]}
              />
              {editable ? <AutosaveStatus state={autosave} /> : null}
              {editable ? (
                // Not while an autosave is on its way: the form would be based on the version before it.
                <button type="submit" className="button" disabled={form.busy || autosave.saving} data-prevent-double-click="true">
                  {t('applications.form.save')}
                </button>
              ) : null}
              {editable ? (
                <button
                  type="submit"
                  name="intent"
                  value="save"
                  className="button button--secondary"
                  disabled={form.busy || autosave.saving}
                  onClick={(e) => {
                    e.preventDefault()
                    autosave.saveNow()
                  }}
                >
                  {t('applications.form.saveDraft')}
                </button>
              ) : null}
            </fieldset>
          </PortalFormTag>
        </div>
      ) : null}
    </div>
  )
}
