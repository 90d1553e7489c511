import { z } from 'zod'
import { dayFromForm } from '../fund/schemas'

// The forms of the progress pages (browser-safe): one schema per intent. Messages are catalogue keys
// (reports.v.*, messages/reports.ts).

const text = (max: number) => z.string().trim().max(max, 'reports.v.tooLong')
const required = (max: number) => text(max).min(1, 'reports.v.required')
const version = z.coerce.number('reports.v.stale').int('reports.v.stale').min(0, 'reports.v.stale')

/** Submitting a version; `intent` tells this form from the others on the page (sent with JavaScript too). */
export const submitReportSchema = z.object({
  intent: z.literal('submit').default('submit'),
  reportId: z.uuid('reports.v.report'),
  expectedVersion: version,
  workDone: required(20_000),
  problems: text(10_000).default(''),
  nextSteps: text(10_000).default(''),
})

export const reviewReportSchema = z
  .object({
    intent: z.literal('review').default('review'),
    reportId: z.uuid('reports.v.report'),
    expectedVersion: version,
    outcome: z.enum(['accepted', 'changes_requested'], 'reports.v.outcome'),
    note: text(10_000).default(''),
  })
  .refine((v) => v.outcome === 'accepted' || v.note.length > 0, { path: ['note'], message: 'reports.v.noteRequired' })

export const productSchema = z.object({
  reportId: z.uuid('reports.v.report'),
  title: required(300),
  description: text(2_000).default(''),
})

export const removeProductSchema = z.object({ reportId: z.uuid('reports.v.report'), productId: z.uuid('reports.v.product') })

/** A day as people type it (dd/mm/yyyy), read as 'YYYY-MM-DD'. */
const day = z
  .string()
  .trim()
  .refine((v) => dayFromForm(v) !== null, 'reports.v.date')
  .transform((v) => dayFromForm(v)!)

export const inspectionSchema = z.object({
  intent: z.literal('inspection').default('inspection'),
  inspectedOn: day,
  inspectors: required(1_000),
  findings: required(20_000),
  assessment: z.enum(['on_track', 'behind', 'at_risk'], 'reports.v.assessment'),
})

export const followUpSchema = z.object({
  inspectionId: z.uuid('reports.v.inspection'),
  action: required(2_000),
  dueOn: z.union([z.literal(''), day]).default(''),
  intent: z.literal('followUp').default('followUp'),
})

export const followUpDoneSchema = z.object({ intent: z.literal('done').default('done'), followUpId: z.uuid('reports.v.followUp'), note: text(2_000).default('') })

export type InspectionInput = z.output<typeof inspectionSchema>
