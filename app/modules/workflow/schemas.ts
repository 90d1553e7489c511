import { z } from 'zod'
import type { FundingTerms } from '../../../db/schema'
import { parseMoney } from '../calls/schemas'
import { parseVnDate } from '../../lib/params'
import { TASK_ORDER } from '../applications/sections'
import { withdrawSchema } from '../applications/submission-schema'
import type { WorkflowEvent } from './machine'
import { isChecked } from '../../lib/checkbox'
import { vnDate } from '../calendar/working-days'

// Browser-safe: what each event of the status machine asks of the person causing it, one zod schema used by
// the page (react-hook-form) and by applyTransition. Messages are catalogue keys (messages/workflow.ts).

const text = (required: string, max: number) =>
  z.string(required).trim().min(1, required).max(max, `workflow.v.tooLong?max=${max}`)

// Each event has a FORM schema, which only checks (the browser validates with it and posts what was typed,
// other fields such as the page's version passing through), and an INPUT schema, the form schema plus the
// conversion to what the machine stores (applyTransition parses with it).

/** An optional note kept in the history with the change. */
const noteForm = z.looseObject({ note: z.string().trim().max(2000, 'workflow.v.tooLong?max=2000').optional() })
const noteInput = noteForm.transform((v) => ({ note: v.note ?? '' }))

/** The sections a request for changes may open again (not the organisation: that is the profile). */
export const REOPENABLE_SECTIONS = TASK_ORDER.filter((k) => k !== 'organisation')

const sectionField = (k: string) => `section_${k}`

/** A day typed as dd/mm/yyyy, as 'YYYY-MM-DD' (null when it is not a real day). */
export function vnDayOf(text: string): string | null {
  const day = parseVnDate(text)
  return day ? vnDate(day) : null
}

/**
 * A request for changes: what to change, by when, and which sections it reopens (one box per section,
 * `section_team`…, flat names like every form here, so it works without JavaScript).
 */
export const requestChangesForm = z
  .looseObject({
    message: text('workflow.v.message.required', 5000),
    due: z.string('workflow.v.due.required').trim().min(1, 'workflow.v.due.required').refine((v) => vnDayOf(v) !== null, 'workflow.v.due.format'),
  })
  .superRefine((v, ctx) => {
    if (!REOPENABLE_SECTIONS.some((k) => isChecked(v[sectionField(k)]))) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'workflow.v.sections.required' })
  })
export const requestChangesSchema = requestChangesForm.transform((v) => ({
  message: v.message,
  due: vnDayOf(v.due)!,
  sections: REOPENABLE_SECTIONS.filter((k) => isChecked(v[sectionField(k)])) as string[],
}))

export const reasonsForm = z.looseObject({ reasons: text('workflow.v.reasons.required', 5000) })
const reasonsInput = reasonsForm.transform((v) => ({ reasons: v.reasons }))

/** A percentage typed the Vietnamese way ("4,5") or with a dot; null when it is not one between 0 and 100. */
export function parsePercent(text: string): number | null {
  const t = text.trim().replace(/\s*%$/, '').replace(',', '.')
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return null
  const n = Number(t)
  return n <= 100 ? n : null
}
const optionalText = (max: number) => z.string().trim().max(max, `workflow.v.tooLong?max=${max}`).optional()
const optionalPercent = z.string().trim().optional().refine((v) => !v || parsePercent(v) !== null, 'workflow.v.percent')
const optionalMonths = z.string().trim().optional().refine((v) => !v || (/^\d{1,3}$/.test(v) && Number(v) >= 1), 'workflow.v.months')

/**
 * The director's approval: the amount, the conditions, and what the decision states beside them — the lump-sum
 * method (grant, support) and the terms of a loan or a guarantee (rate, term, repayment, collateral, lender, fee),
 * each optional; the page shows the fields of the call's kind of funding.
 */
export const approveForm = z.looseObject({
  amount: z
    .string('workflow.v.amount.required')
    .trim()
    .min(1, 'workflow.v.amount.required')
    .refine((v) => (parseMoney(v) ?? 0) > 0, 'workflow.v.amount.format'),
  conditions: z.string().trim().max(5000, 'workflow.v.tooLong?max=5000').optional(),
  lump_sum: z.enum(['', 'full', 'partial'], 'workflow.v.lumpSum').optional(),
  interest_rate: optionalPercent,
  term_months: optionalMonths,
  repayment: optionalText(2000),
  collateral: optionalText(2000),
  lender: optionalText(500),
  guarantee_fee: optionalPercent,
})
export const approveSchema = approveForm.transform((v) => {
  const terms: FundingTerms = {}
  if (v.interest_rate) terms.interestRate = parsePercent(v.interest_rate)!
  if (v.term_months) terms.termMonths = Number(v.term_months)
  if (v.repayment) terms.repayment = v.repayment
  if (v.collateral) terms.collateral = v.collateral
  if (v.lender) terms.lender = v.lender
  if (v.guarantee_fee) terms.guaranteeFee = parsePercent(v.guarantee_fee)!
  return { amount: parseMoney(v.amount)!, conditions: v.conditions ?? '', lumpSum: v.lump_sum === 'full' || v.lump_sum === 'partial' ? v.lump_sum : null, terms }
})

/** What each event's form asks: the kind of form a page draws for it. */
export type EventForm = 'none' | 'note' | 'reasons' | 'request_changes' | 'approve' | 'withdraw'

export const EVENT_FORM_KIND: Record<WorkflowEvent, EventForm> = {
  submit: 'none',
  withdraw: 'withdraw',
  start_screening: 'note',
  request_changes: 'request_changes',
  resubmit: 'note',
  declare_eligible: 'note',
  declare_ineligible: 'reasons',
  start_review: 'note',
  complete_review: 'note',
  recommend: 'note',
  not_recommend: 'note',
  request_revision: 'request_changes',
  submit_revision: 'note',
  skip_revision: 'reasons',
  start_appraisal: 'note',
  complete_appraisal: 'note',
  skip_appraisal: 'reasons',
  approve: 'approve',
  reject: 'reasons',
  sign_contract: 'note',
  start_work: 'note',
  submit_results: 'note',
  pass_acceptance: 'note',
  fail_acceptance: 'reasons',
  terminate: 'reasons',
  close: 'note',
  cancel: 'reasons',
}

/** The form schema of each kind (browser and server check). */
export const FORM_SCHEMAS: Record<EventForm, z.ZodType> = {
  none: z.looseObject({}),
  note: noteForm,
  reasons: reasonsForm,
  request_changes: requestChangesForm,
  approve: approveForm,
  withdraw: withdrawSchema,
}

/** The input each kind gives the machine. */
const INPUT_SCHEMAS: Record<EventForm, z.ZodType> = {
  none: z.looseObject({}).transform(() => ({})),
  note: noteInput,
  reasons: reasonsInput,
  request_changes: requestChangesSchema,
  approve: approveSchema,
  withdraw: withdrawSchema,
}

/** The input each event takes (applyTransition parses with it). */
export const EVENT_INPUT = Object.fromEntries(
  (Object.keys(EVENT_FORM_KIND) as WorkflowEvent[]).map((e) => [e, INPUT_SCHEMAS[EVENT_FORM_KIND[e]]]),
) as Record<WorkflowEvent, z.ZodType>

export type RequestChangesInput = z.output<typeof requestChangesSchema>
export type ApproveInput = z.output<typeof approveSchema>
