import type { ReactNode } from 'react'
import { useT } from '../lib/i18n'
import {
  DOCUMENT_ROWS,
  FILE_TYPES,
  LOAN_REPAYMENT_METHODS,
  MODALITIES,
  ORGANISATION_TYPES,
  PRIORITY_FIELDS,
  QUESTION_ROWS,
} from '../modules/calls/schemas'
import { Checkbox, CheckboxGroup, describedByOf as describedBy, ErrorSummary, HintAndError, type PortalForm, PortalFormTag, SelectField, SubmitButton, TextAreaField, TextField } from './form'

// The staff form of a call (create and edit a draft). Lists of questions and documents are fixed rows
// with flat names (q3_text_vi, d2_type_pdf); empty rows are ignored, so it works without JavaScript.

function YesNo({ form, name, legend }: { form: PortalForm; name: string; legend: string }) {
  const t = useT()
  const error = form.errors[name]
  const defaults = (form.formState.defaultValues ?? {}) as Record<string, unknown>
  const current = form.watch(name) ?? defaults[name]
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <fieldset className="fieldset" aria-describedby={describedBy(name, undefined, error)}>
        <legend className="fieldset__legend">{legend}</legend>
        <HintAndError name={name} error={error} />
        <div className="radios radios--inline">
          {(['yes', 'no'] as const).map((v, i) => {
            const id = i === 0 ? name : `${name}-${v}`
            const { defaultValue: _v, defaultChecked: _c, ...reg } = form.register(name) as ReturnType<PortalForm['register']> & { defaultValue?: string; defaultChecked?: boolean }
            return (
              <div className="radios__item" key={v}>
                <input className="radios__input" id={id} type="radio" value={v} {...reg} defaultChecked={current === v} />
                <label className="radios__label" htmlFor={id}>
                  {t(v === 'yes' ? 'staff.yes' : 'staff.no')}
                </label>
              </div>
            )
          })}
        </div>
      </fieldset>
    </div>
  )
}

function Section({ title, lead, children }: { title: string; lead?: string; children: ReactNode }) {
  return (
    <section className="form-section">
      <h2>{title}</h2>
      {lead ? <p>{lead}</p> : null}
      {children}
    </section>
  )
}

/** Field names in page order, for the error summary. */
export const CALL_FIELD_ORDER = [
  'form',
  'code',
  'title_vi',
  'title_en',
  'summary_vi',
  'summary_en',
  'description_vi',
  'description_en',
  'modality',
  'priority_field',
  'budget_total',
  'max_amount',
  'min_counterpart_pct',
  'max_duration_months',
  'loan_repayment_method',
  'loan_repayment_every_months',
  'opens_date',
  'opens_time',
  'closes_date',
  'closes_time',
  'grace_minutes',
  'type_enterprise',
  'rubric_id',
  'without_council',
  'without_appraisal',
  ...Array.from({ length: QUESTION_ROWS }, (_, i) => ['text_vi', 'text_en', 'qualifying', 'reason_vi', 'reason_en'].map((f) => `q${i + 1}_${f}`)).flat(),
  ...Array.from({ length: DOCUMENT_ROWS }, (_, i) => ['name_vi', 'name_en', 'mandatory', 'type_pdf', 'max_mb'].map((f) => `d${i + 1}_${f}`)).flat(),
]

export function CallErrorSummary({ form }: { form: PortalForm }) {
  return <ErrorSummary errors={form.errors} order={CALL_FIELD_ORDER} />
}

export function CallForm({
  form,
  rubrics,
  submitLabel,
  lang,
  children,
}: {
  form: PortalForm
  rubrics: { id: number; name_vi: string; name_en: string }[]
  submitLabel: string
  lang: 'vi' | 'en'
  children?: ReactNode
}) {
  const t = useT()
  return (
    <PortalFormTag form={form}>
      {children}
      <Section title={t('staff.form.section.identity')}>
        <TextField form={form} name="code" label={t('staff.form.code')} hint={t('staff.form.code.hint')} width="third" spellCheck={false} />
        <TextField form={form} name="title_vi" label={t('staff.form.title_vi')} />
        <TextField form={form} name="title_en" label={t('staff.form.title_en')} />
        <TextAreaField form={form} name="summary_vi" label={t('staff.form.summary_vi')} rows={3} />
        <TextAreaField form={form} name="summary_en" label={t('staff.form.summary_en')} rows={3} />
        <TextAreaField form={form} name="description_vi" label={t('staff.form.description_vi')} rows={6} />
        <TextAreaField form={form} name="description_en" label={t('staff.form.description_en')} rows={6} />
      </Section>

      <Section title={t('staff.form.section.funding')}>
        <SelectField form={form} name="modality" label={t('call.modality')} empty={t('staff.form.choose')} options={MODALITIES.map((m) => ({ value: m, label: t(`modality.${m}`) }))} />
        <SelectField form={form} name="priority_field" label={t('call.field')} empty={t('staff.form.choose')} options={PRIORITY_FIELDS.map((f) => ({ value: f, label: t(`field.${f}`) }))} />
        <TextField form={form} name="budget_total" label={t('staff.form.budget')} hint={t('staff.form.money.hint')} width="half" />
        <TextField form={form} name="max_amount" label={t('staff.form.maxAmount')} hint={t('staff.form.money.hint')} width="half" />
        <TextField form={form} name="min_counterpart_pct" label={t('staff.form.pct')} hint={t('staff.form.pct.hint')} width="third" />
        <TextField form={form} name="max_duration_months" label={t('staff.form.months')} hint={t('staff.form.months.hint')} width="third" />
      </Section>

      <Section title={t('loans.call.heading')}>
        <SelectField
          form={form}
          name="loan_repayment_method"
          label={t('loans.call.method')}
          empty={t('staff.form.choose')}
          hint={t('loans.call.method.hint')}
          options={LOAN_REPAYMENT_METHODS.map((m) => ({ value: m, label: t(`loans.method.${m}`) }))}
        />
        <TextField form={form} name="loan_repayment_every_months" label={t('loans.call.every')} hint={t('loans.call.every.hint')} width="third" />
      </Section>

      <Section title={t('staff.form.section.dates')}>
        <TextField form={form} name="opens_date" label={t('staff.form.opens_date')} hint={t('staff.form.date.hint')} width="third" />
        <TextField form={form} name="opens_time" label={t('staff.form.opens_time')} hint={t('staff.form.time.hint')} width="third" />
        <TextField form={form} name="closes_date" label={t('staff.form.closes_date')} hint={t('staff.form.date.hint')} width="third" />
        <TextField form={form} name="closes_time" label={t('staff.form.closes_time')} hint={t('staff.form.time.hint')} width="third" />
        <TextField form={form} name="grace_minutes" label={t('staff.form.grace')} hint={t('staff.form.grace.hint')} width="third" />
      </Section>

      <Section title={t('staff.form.section.eligibility')}>
        <CheckboxGroup
          form={form}
          legend={t('staff.form.types')}
          hint={t('staff.form.types.hint')}
          errorName="type_enterprise"
          boxes={ORGANISATION_TYPES.map((type) => ({ name: `type_${type}`, label: t(`staff.orgType.${type}`) }))}
        />
        <SelectField
          form={form}
          name="rubric_id"
          label={t('staff.form.rubric')}
          empty={t('staff.form.rubric.none')}
          options={rubrics.map((r) => ({ value: String(r.id), label: lang === 'vi' ? r.name_vi : r.name_en }))}
        />
      </Section>

      <Section title={t('calls.council')}>
        <div className="form-group">
          <HintAndError name="without_council" hint={t('calls.council.field.hint')} />
          <Checkbox form={form} name="without_council" label={t('calls.council.field')} describedBy={describedBy('without_council', 'hint')} />
        </div>
        <div className="form-group">
          <HintAndError name="without_appraisal" hint={t('calls.appraisal.field.hint')} />
          <Checkbox form={form} name="without_appraisal" label={t('calls.appraisal.field')} describedBy={describedBy('without_appraisal', 'hint')} />
        </div>
      </Section>

      <Section title={t('staff.form.section.questions')} lead={t('staff.form.questions.lead')}>
        {Array.from({ length: QUESTION_ROWS }, (_, i) => {
          const n = i + 1
          const p = `q${n}_`
          return (
            <fieldset className="fieldset row-box" key={n}>
              <legend className="fieldset__legend">{t('staff.form.question', { n })}</legend>
              <TextAreaField form={form} name={`${p}text_vi`} label={t('staff.form.q.text_vi', { n })} rows={2} />
              <TextAreaField form={form} name={`${p}text_en`} label={t('staff.form.q.text_en', { n })} rows={2} />
              <YesNo form={form} name={`${p}qualifying`} legend={t('staff.form.q.qualifying', { n })} />
              <TextAreaField form={form} name={`${p}reason_vi`} label={t('staff.form.q.reason_vi', { n })} rows={2} />
              <TextAreaField form={form} name={`${p}reason_en`} label={t('staff.form.q.reason_en', { n })} rows={2} />
            </fieldset>
          )
        })}
      </Section>

      <Section title={t('staff.form.section.documents')} lead={t('staff.form.documents.lead')}>
        {Array.from({ length: DOCUMENT_ROWS }, (_, i) => {
          const n = i + 1
          const p = `d${n}_`
          return (
            <fieldset className="fieldset row-box" key={n}>
              <legend className="fieldset__legend">{t('staff.form.document', { n })}</legend>
              <TextField form={form} name={`${p}name_vi`} label={t('staff.form.d.name_vi', { n })} />
              <TextField form={form} name={`${p}name_en`} label={t('staff.form.d.name_en', { n })} />
              <div className={`form-group${form.errors[`${p}mandatory`] ? ' form-group--error' : ''}`}>
                <HintAndError name={`${p}mandatory`} error={form.errors[`${p}mandatory`]} />
                <Checkbox form={form} name={`${p}mandatory`} label={t('staff.form.d.mandatory', { n })} describedBy={describedBy(`${p}mandatory`, undefined, form.errors[`${p}mandatory`])} />
              </div>
              <CheckboxGroup
                form={form}
                legend={t('staff.form.d.types', { n })}
                errorName={`${p}type_pdf`}
                boxes={FILE_TYPES.map((type) => ({ name: `${p}type_${type}`, label: type.toUpperCase() }))}
              />
              <TextField form={form} name={`${p}max_mb`} label={t('staff.form.d.max_mb', { n })} hint={t('staff.form.d.max_mb.hint')} width="third" />
            </fieldset>
          )
        })}
      </Section>

      <SubmitButton form={form}>{submitLabel}</SubmitButton>
    </PortalFormTag>
  )
}
