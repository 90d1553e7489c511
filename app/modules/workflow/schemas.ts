import { z } from 'zod'
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

export const approveForm = z.looseObject({
  amount: z
    .string('workflow.v.amount.required')
    .trim()
    .min(1, 'workflow.v.amount.required')
    .refine((v) => (parseMoney(v) ?? 0) > 0, 'workflow.v.amount.format'),
  conditions: z.string().trim().max(5000, 'workflow.v.tooLong?max=5000').optional(),
})
export const approveSchema = approveForm.transform((v) => ({ amount: parseMoney(v.amount)!, conditions: v.conditions ?? '' }))

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
