import { z } from 'zod'
import { parseMoney } from '../calls/schemas'
import { parseVnDate } from '../../lib/params'
import { TASK_ORDER } from '../applications/sections'
import { withdrawSchema } from '../applications/submission-schema'
import type { WorkflowEvent } from './machine'

// Browser-safe: what each event of the status machine asks of the person causing it, one zod schema used by
// the page (react-hook-form) and by applyTransition. Messages are catalogue keys (messages/workflow.ts).

const text = (required: string, max: number) =>
  z.string(required).trim().min(1, required).max(max, `workflow.v.tooLong?max=${max}`)

/** An optional note kept in the history with the change. */
const noteOnly = z.object({ note: z.string().trim().max(2000, 'workflow.v.tooLong?max=2000').optional().default('') })

/** The sections a request for changes may open again (not the organisation: that is the profile). */
export const REOPENABLE_SECTIONS = TASK_ORDER.filter((k) => k !== 'organisation')

/** A local date typed as dd/mm/yyyy, turned into 'YYYY-MM-DD'. */
const vnDay = z.string('workflow.v.due.required').trim().min(1, 'workflow.v.due.required').transform((value, ctx) => {
  const day = parseVnDate(value)
  if (!day) {
    ctx.addIssue({ code: 'custom', message: 'workflow.v.due.format' })
    return z.NEVER
  }
  return new Date(day.getTime() + 7 * 3600_000).toISOString().slice(0, 10)
})

export const requestChangesSchema = z.object({
  message: text('workflow.v.message.required', 5000),
  due: vnDay,
  sections: z
    .preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(REOPENABLE_SECTIONS as [string, ...string[]], 'workflow.v.sections.required')))
    .refine((v) => v.length > 0, 'workflow.v.sections.required'),
})

export const reasonsSchema = z.object({ reasons: text('workflow.v.reasons.required', 5000) })

export const approveSchema = z.object({
  amount: z.string('workflow.v.amount.required').trim().min(1, 'workflow.v.amount.required').transform((value, ctx) => {
    const n = parseMoney(value)
    if (n === null || n <= 0) {
      ctx.addIssue({ code: 'custom', message: 'workflow.v.amount.format' })
      return z.NEVER
    }
    return n
  }),
  conditions: z.string().trim().max(5000, 'workflow.v.tooLong?max=5000').optional().default(''),
})

/** The input each event takes. */
export const EVENT_INPUT: Record<WorkflowEvent, z.ZodType> = {
  submit: z.object({}),
  withdraw: withdrawSchema,
  start_screening: noteOnly,
  request_changes: requestChangesSchema,
  resubmit: noteOnly,
  declare_eligible: noteOnly,
  declare_ineligible: reasonsSchema,
  start_review: noteOnly,
  complete_review: noteOnly,
  recommend: noteOnly,
  not_recommend: noteOnly,
  approve: approveSchema,
  reject: reasonsSchema,
  sign_contract: noteOnly,
  start_work: noteOnly,
  submit_results: noteOnly,
  pass_acceptance: noteOnly,
  fail_acceptance: reasonsSchema,
  close: noteOnly,
  cancel: reasonsSchema,
}

export type RequestChangesInput = z.output<typeof requestChangesSchema>
export type ApproveInput = z.output<typeof approveSchema>
