import { z } from 'zod'
import { dayFromForm } from '../fund/schemas'

// The forms of the progress pages (browser-safe): one schema per intent. Messages are catalogue keys
// (reports.v.*, messages/reports.ts).

/** The lists of /staff/reports: due this week, late, waiting for the office, or every report of the running tasks. */
export const PORTFOLIO_VIEWS = ['week', 'late', 'submitted', 'all'] as const
export type PortfolioView = (typeof PORTFOLIO_VIEWS)[number]

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

/**
 * What a product is evidence of (migration 0032), for the resolution's targets: an IP filing, an IP protection
 * title granted, an OCOP product whose IP is protected, an S&T enterprise's certificate, or anything else.
 */
export const PRODUCT_KINDS = ['other', 'ip_filing', 'ip_protection', 'ocop_ip', 'st_enterprise'] as const
export type ProductKindChoice = (typeof PRODUCT_KINDS)[number]
/** The kinds that name an IP right, and so its type. */
export const IP_KINDS: readonly ProductKindChoice[] = ['ip_filing', 'ip_protection', 'ocop_ip']
/** The types of IP right (Law on Intellectual Property 2005, amended 2022). */
export const IP_TYPES = ['patent', 'utility_solution', 'industrial_design', 'trademark', 'geographical_indication', 'plant_variety', 'layout_design', 'copyright'] as const

/**
 * A product added to an open report. Its kind decides what else it needs: an IP kind its type of right, every
 * kind but `other` the number and date of its document (the application, the title, the certificate). Fields
 * a kind does not use are dropped, so a form sent without JavaScript (every field visible) keeps only what counts.
 */
export const productSchema = z
  .object({
    reportId: z.uuid('reports.v.report'),
    title: required(300),
    description: text(2_000).default(''),
    kind: z.enum(PRODUCT_KINDS, 'reports.v.kind').default('other'),
    ipType: z.union([z.literal(''), z.enum(IP_TYPES, 'reports.v.ipType')]).default(''),
    docNumber: text(100).default(''),
    docDate: z.string().trim().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'other') return
    if (IP_KINDS.includes(v.kind) && !v.ipType) ctx.addIssue({ code: 'custom', path: ['ipType'], message: 'reports.v.ipType' })
    if (!v.docNumber) ctx.addIssue({ code: 'custom', path: ['docNumber'], message: `reports.v.docNumber.${v.kind}` })
    if (!v.docDate) ctx.addIssue({ code: 'custom', path: ['docDate'], message: `reports.v.docDate.${v.kind}` })
    else if (dayFromForm(v.docDate) === null) ctx.addIssue({ code: 'custom', path: ['docDate'], message: 'reports.v.date' })
  })
  .transform(({ kind, ipType, docNumber, docDate, ...rest }) => ({
    ...rest,
    kind,
    ipType: IP_KINDS.includes(kind) && ipType ? ipType : null,
    docNumber: kind === 'other' ? null : docNumber,
    docDate: kind === 'other' ? null : dayFromForm(docDate),
  }))
export type ProductInput = z.output<typeof productSchema>

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
