import { z } from 'zod'
import type { EligibilityQuestion, LoanRepaymentMethod, Modality, OrganisationType } from '../../../db/schema'
import { formatDate, formatNumber, formatTime } from '../../i18n/format'
import { parseVnDateTime } from '../../lib/params'
import { isChecked } from '../../lib/checkbox'

// The staff forms for calls, safe for the browser. Messages are catalogue keys (app/i18n/messages/staff.ts).
//
// Every field has a flat name ("q3_text_vi", "d2_type_pdf") so that the browser (react-hook-form) and the
// server (one string per name) see the same record. The form schemas only check, they never reshape: with
// JavaScript on, the checked values are what gets posted, so the server can read them again. The server
// schemas (callInputSchema, extendDeadlineSchema) add the conversion to what the module stores.

export * from './fields'
import { DOCUMENT_ROWS, FILE_TYPES, type FileType, LIMITS, LOAN_REPAYMENT_METHODS, MODALITIES, ORGANISATION_TYPES, parseMoney, parseWhole, PRIORITY_FIELDS, type PriorityField, QUESTION_ROWS } from './fields'

const CODE = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/

/** The text of a posted or typed value ('' for anything that is not a string). */
const str = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim() : '')

export interface DocumentInput {
  name_vi: string
  name_en: string
  mandatory: boolean
  accepted_types: FileType[]
  max_size_mb: number
}

/** What the module stores for a call, read from the form. */
export interface CallInput {
  code: string
  title_vi: string
  title_en: string
  summary_vi: string
  summary_en: string
  description_vi: string
  description_en: string
  modality: Modality
  priority_field: PriorityField
  opens_at: Date
  closes_at: Date
  grace_minutes: number
  budget_total: number
  max_amount: number
  min_counterpart_pct: number
  max_duration_months: number
  eligible_types: OrganisationType[]
  rubric_id: number | null
  /** A small support call: decided without a council (each step without one records why). */
  without_council: boolean
  /** The call's rules exempt its applications from the revision and the cost appraisal (each skip records why). */
  without_appraisal: boolean
  /** How the call's loans are repaid, and every how many months (read for every call; used by loan calls). */
  loan_repayment_method: LoanRepaymentMethod
  loan_repayment_every_months: number
  eligibility_questions: EligibilityQuestion[]
  documents: DocumentInput[]
}

type Values = Record<string, unknown>

/** Checks the call form; returns the errors by field name (catalogue keys) and, when there are none, the input. */
export function readCallForm(values: Values): { errors: Record<string, string>; input: CallInput | null } {
  const errors: Record<string, string> = {}
  const fail = (name: string, key: string) => {
    errors[name] ??= key
  }
  const text = (name: string, max: number, required?: string) => {
    const v = str(values[name])
    if (!v && required) fail(name, required)
    else if (v.length > max) fail(name, `staff.v.tooLong?max=${max}`)
    return v
  }

  const code = str(values.code).toUpperCase()
  if (!code) fail('code', 'staff.v.code.required')
  else if (code.length < 3 || code.length > LIMITS.code || !CODE.test(code)) fail('code', 'staff.v.code.format')

  const title_vi = text('title_vi', LIMITS.title, 'staff.v.title_vi.required')
  const title_en = text('title_en', LIMITS.title)
  const summary_vi = text('summary_vi', LIMITS.summary)
  const summary_en = text('summary_en', LIMITS.summary)
  const description_vi = text('description_vi', LIMITS.description)
  const description_en = text('description_en', LIMITS.description)

  const modality = MODALITIES.find((m) => m === values.modality)
  if (!modality) fail('modality', 'staff.v.modality.required')
  const priority_field = PRIORITY_FIELDS.find((f) => f === values.priority_field)
  if (!priority_field) fail('priority_field', 'staff.v.field.required')

  const instant = (prefix: 'opens' | 'closes') => {
    const date = str(values[`${prefix}_date`])
    const time = str(values[`${prefix}_time`])
    const at = parseVnDateTime(date, time)
    if (!at) {
      if (!parseVnDateTime(date, '00:00')) fail(`${prefix}_date`, `staff.v.${prefix}.date`)
      else fail(`${prefix}_time`, `staff.v.${prefix}.time`)
    }
    return at
  }
  const opens_at = instant('opens')
  const closes_at = instant('closes')
  if (opens_at && closes_at && closes_at <= opens_at) fail('closes_date', 'staff.v.closes.afterOpens')

  const whole = (name: string, min: number, max: number, key: string, fallback?: number) => {
    const v = str(values[name])
    if (!v && fallback !== undefined) return fallback
    const n = parseWhole(v, min, max)
    if (n === null) fail(name, key)
    return n
  }
  const grace_minutes = whole('grace_minutes', 0, 1440, 'staff.v.grace', 0)
  const min_counterpart_pct = whole('min_counterpart_pct', 0, 100, 'staff.v.pct', 0)
  const max_duration_months = whole('max_duration_months', 1, 120, 'staff.v.months')

  const money = (name: string, key: string) => {
    const n = parseMoney(str(values[name]))
    if (n === null || n <= 0) fail(name, key)
    return n
  }
  const budget_total = money('budget_total', 'staff.v.budget.format')
  const max_amount = money('max_amount', 'staff.v.maxAmount.format')
  if (budget_total && max_amount && max_amount > budget_total) fail('max_amount', 'staff.v.maxAmount.overBudget')

  const eligible_types = ORGANISATION_TYPES.filter((t) => isChecked(values[`type_${t}`]))

  const rubricText = str(values.rubric_id)
  let rubric_id: number | null = null
  if (rubricText) {
    rubric_id = parseWhole(rubricText, 1, 2_147_483_647)
    if (rubric_id === null) fail('rubric_id', 'staff.v.rubric.invalid')
  }

  const without_council = isChecked(values.without_council)
  const without_appraisal = isChecked(values.without_appraisal)

  const methodText = str(values.loan_repayment_method)
  const loan_repayment_method = methodText ? LOAN_REPAYMENT_METHODS.find((m) => m === methodText) : 'equal_principal'
  if (!loan_repayment_method) fail('loan_repayment_method', 'loans.v.call.method')
  const loan_repayment_every_months = whole('loan_repayment_every_months', 1, 12, 'loans.v.call.every', 1)

  const eligibility_questions: EligibilityQuestion[] = []
  for (let i = 1; i <= QUESTION_ROWS; i++) {
    const p = `q${i}_`
    const fields = ['text_vi', 'text_en', 'reason_vi', 'reason_en'] as const
    const qualifying = values[`${p}qualifying`]
    if (fields.every((f) => !str(values[p + f])) && qualifying !== 'yes' && qualifying !== 'no') continue
    const row = `?row=${i}`
    const q = {
      text_vi: text(`${p}text_vi`, LIMITS.question, `staff.v.question.textVi${row}`),
      text_en: text(`${p}text_en`, LIMITS.question, `staff.v.question.textEn${row}`),
      reason_vi: text(`${p}reason_vi`, LIMITS.reason, `staff.v.question.reasonVi${row}`),
      reason_en: text(`${p}reason_en`, LIMITS.reason, `staff.v.question.reasonEn${row}`),
    }
    if (qualifying !== 'yes' && qualifying !== 'no') fail(`${p}qualifying`, `staff.v.question.qualifying${row}`)
    eligibility_questions.push({ id: `q${eligibility_questions.length + 1}`, ...q, qualifying: qualifying === 'no' ? 'no' : 'yes' })
  }

  const documents: DocumentInput[] = []
  for (let i = 1; i <= DOCUMENT_ROWS; i++) {
    const p = `d${i}_`
    const accepted_types = FILE_TYPES.filter((t) => isChecked(values[`${p}type_${t}`]))
    const mandatory = isChecked(values[`${p}mandatory`])
    const sizeText = str(values[`${p}max_mb`])
    if (!str(values[`${p}name_vi`]) && !str(values[`${p}name_en`]) && !sizeText && !mandatory && accepted_types.length === 0) continue
    const row = `?row=${i}`
    const name_vi = text(`${p}name_vi`, LIMITS.docName, `staff.v.document.nameVi${row}`)
    const name_en = text(`${p}name_en`, LIMITS.docName, `staff.v.document.nameEn${row}`)
    if (accepted_types.length === 0) fail(`${p}type_pdf`, `staff.v.document.types${row}`)
    const max_size_mb = sizeText ? parseWhole(sizeText, 1, 100) : 10
    if (max_size_mb === null) fail(`${p}max_mb`, `staff.v.document.maxSize${row}`)
    documents.push({ name_vi, name_en, mandatory, accepted_types, max_size_mb: max_size_mb ?? 10 })
  }

  if (Object.keys(errors).length > 0) return { errors, input: null }
  return {
    errors,
    input: {
      code,
      title_vi,
      title_en,
      summary_vi,
      summary_en,
      description_vi,
      description_en,
      modality: modality!,
      priority_field: priority_field!,
      opens_at: opens_at!,
      closes_at: closes_at!,
      grace_minutes: grace_minutes!,
      budget_total: budget_total!,
      max_amount: max_amount!,
      min_counterpart_pct: min_counterpart_pct!,
      max_duration_months: max_duration_months!,
      eligible_types,
      rubric_id,
      without_council,
      without_appraisal,
      loan_repayment_method: loan_repayment_method!,
      loan_repayment_every_months: loan_repayment_every_months!,
      eligibility_questions,
      documents,
    },
  }
}

const formRecord = z.record(z.string(), z.unknown())

function reportErrors(errors: Record<string, string>, ctx: z.RefinementCtx) {
  for (const [path, message] of Object.entries(errors)) ctx.addIssue({ code: 'custom', path: [path], message })
}

/** The call form as the browser checks it (the values stay as typed). */
export const callFormSchema = formRecord.superRefine((values, ctx) => reportErrors(readCallForm(values).errors, ctx))

/** The call form as the server reads it: the same checks, then the values the module stores. */
export const callInputSchema = callFormSchema.transform((values) => readCallForm(values).input!)

/** Extending a published call's deadline: a later closing date and time, grace minutes, and why. */
export function readExtendForm(values: Values): { errors: Record<string, string>; input: { closes_at: Date; grace_minutes: number; reason: string } | null } {
  const errors: Record<string, string> = {}
  const date = str(values.new_date)
  const time = str(values.new_time)
  const closes_at = parseVnDateTime(date, time)
  if (!closes_at) {
    if (!parseVnDateTime(date, '00:00')) errors.new_date = 'staff.v.closes.date'
    else errors.new_time = 'staff.v.closes.time'
  }
  const graceText = str(values.grace_minutes)
  const grace_minutes = graceText ? parseWhole(graceText, 0, 1440) : 0
  if (grace_minutes === null) errors.grace_minutes = 'staff.v.grace'
  const reason = str(values.reason)
  if (!reason) errors.reason = 'staff.v.extend.reason'
  else if (reason.length > LIMITS.reason) errors.reason = `staff.v.tooLong?max=${LIMITS.reason}`
  if (Object.keys(errors).length > 0) return { errors, input: null }
  return { errors, input: { closes_at: closes_at!, grace_minutes: grace_minutes!, reason } }
}

export const extendFormSchema = formRecord.superRefine((values, ctx) => reportErrors(readExtendForm(values).errors, ctx))
export const extendDeadlineSchema = extendFormSchema.transform((values) => readExtendForm(values).input!)

/** A saved call as the form's starting values (dates and times in Việt Nam, money with dot grouping). */
export function callToFormValues(call: {
  code: string
  title_vi: string
  title_en: string
  summary_vi: string
  summary_en: string
  description_vi: string
  description_en: string
  modality: string
  priority_field: string
  opens_at: Date | string
  closes_at: Date | string
  grace_minutes: number
  budget_total: number
  max_amount: number
  min_counterpart_pct: number
  max_duration_months: number
  eligible_types: readonly string[]
  rubric_id: number | null
  without_council: boolean
  without_appraisal?: boolean
  loan_repayment_method?: string
  loan_repayment_every_months?: number
  eligibility_questions: readonly EligibilityQuestion[]
  documents: readonly { name_vi: string; name_en: string; mandatory: boolean; accepted_types: readonly string[]; max_size_mb: number }[]
}): Record<string, string> {
  const v: Record<string, string> = {
    code: call.code,
    title_vi: call.title_vi,
    title_en: call.title_en,
    summary_vi: call.summary_vi,
    summary_en: call.summary_en,
    description_vi: call.description_vi,
    description_en: call.description_en,
    modality: call.modality,
    priority_field: call.priority_field,
    opens_date: formatDate(call.opens_at),
    opens_time: formatTime(call.opens_at),
    closes_date: formatDate(call.closes_at),
    closes_time: formatTime(call.closes_at),
    grace_minutes: String(call.grace_minutes),
    budget_total: formatNumber(call.budget_total),
    max_amount: formatNumber(call.max_amount),
    min_counterpart_pct: String(call.min_counterpart_pct),
    max_duration_months: String(call.max_duration_months),
    rubric_id: call.rubric_id === null ? '' : String(call.rubric_id),
    loan_repayment_method: call.loan_repayment_method ?? 'equal_principal',
    loan_repayment_every_months: String(call.loan_repayment_every_months ?? 1),
  }
  for (const type of call.eligible_types) v[`type_${type}`] = 'on'
  if (call.without_council) v.without_council = 'on'
  if (call.without_appraisal) v.without_appraisal = 'on'
  call.eligibility_questions.slice(0, QUESTION_ROWS).forEach((q, i) => {
    const p = `q${i + 1}_`
    Object.assign(v, { [`${p}text_vi`]: q.text_vi, [`${p}text_en`]: q.text_en, [`${p}qualifying`]: q.qualifying, [`${p}reason_vi`]: q.reason_vi, [`${p}reason_en`]: q.reason_en })
  })
  call.documents.slice(0, DOCUMENT_ROWS).forEach((d, i) => {
    const p = `d${i + 1}_`
    Object.assign(v, { [`${p}name_vi`]: d.name_vi, [`${p}name_en`]: d.name_en, [`${p}max_mb`]: String(d.max_size_mb) })
    if (d.mandatory) v[`${p}mandatory`] = 'on'
    for (const type of d.accepted_types) v[`${p}type_${type}`] = 'on'
  })
  return v
}

/**
 * What was posted, to fill the form again after an error. With JavaScript on, an unticked box arrives as
 * "false"; dropped here, so that it shows unticked.
 */
export function postedFormValues(raw: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== 'false'))
}

/** The form field to fix for each thing a call lacks before publication (see missingForPublication). */
export const MISSING_FIELD: Record<string, string> = {
  'staff.missing.title_vi': 'title_vi',
  'staff.missing.title_en': 'title_en',
  'staff.missing.summary_vi': 'summary_vi',
  'staff.missing.summary_en': 'summary_en',
  'staff.missing.description_vi': 'description_vi',
  'staff.missing.description_en': 'description_en',
  'staff.missing.eligibleTypes': 'type_enterprise',
  'staff.missing.mandatoryDocument': 'd1_mandatory',
  'staff.missing.rubric': 'rubric_id',
  'staff.missing.closesAfterOpens': 'closes_date',
  'staff.missing.closesInFuture': 'closes_date',
}
