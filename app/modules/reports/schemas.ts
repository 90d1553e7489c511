import { z } from 'zod'

// The forms of the progress pages (browser-safe): one schema per intent. Messages are catalogue keys
// (reports.v.*, messages/reports.ts).

const text = (max: number) => z.string().trim().max(max, 'reports.v.tooLong')
const required = (max: number) => text(max).min(1, 'reports.v.required')
const version = z.coerce.number('reports.v.stale').int('reports.v.stale').min(0, 'reports.v.stale')

export const submitReportSchema = z.object({
  reportId: z.uuid('reports.v.report'),
  expectedVersion: version,
  workDone: required(20_000),
  problems: text(10_000).default(''),
  nextSteps: text(10_000).default(''),
})

export const reviewReportSchema = z
  .object({
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

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'reports.v.date')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'reports.v.date')

export const inspectionSchema = z.object({
  inspectedOn: day,
  inspectors: required(1_000),
  findings: required(20_000),
  assessment: z.enum(['on_track', 'behind', 'at_risk'], 'reports.v.assessment'),
})

export const followUpSchema = z.object({
  inspectionId: z.uuid('reports.v.inspection'),
  action: required(2_000),
  dueOn: z.union([z.literal(''), day]).default(''),
})

export const followUpDoneSchema = z.object({ followUpId: z.uuid('reports.v.followUp'), note: text(2_000).default('') })

export type InspectionInput = z.output<typeof inspectionSchema>
