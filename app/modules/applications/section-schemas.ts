import { z } from 'zod'
import type { BudgetRules } from './budget'
import { LONG, SECTION_FIELDS, type SectionKey, sectionProblems, SHORT } from './sections'

// Each section has one schema, built by sectionSchema(key, rules): the same in the browser (react-hook-form)
// and in the action. It checks lengths always; when the applicant answers "Yes, I have completed this
// section" it also runs the section's full checks (required fields, dates, the call's budget rules).
// draftSchema(key) is the lenient one autosave uses: it keeps whatever was typed.

const LONG_FIELDS = new Set(['summary', 'necessity', 'objectives', 'content_methods', 'products', 'ip_outputs', 'applicability'])

function maxOf(field: string) {
  return LONG_FIELDS.has(field) ? LONG : SHORT
}

function shape(key: SectionKey) {
  return Object.fromEntries(
    SECTION_FIELDS[key].map((f) => [f, z.string().max(maxOf(f), `applications.validation.tooLong?max=${maxOf(f)}`).optional()]),
  ) as Record<string, z.ZodOptional<z.ZodString>>
}

const DRAFT_SCHEMAS = new Map<SectionKey, z.ZodObject<Record<string, z.ZodOptional<z.ZodString>>>>()

/**
 * Autosave: whatever was typed, within length limits; unknown names are dropped. Built once per section: zod
 * compiles each new object schema into a function, which cost more than the save itself on every autosave.
 */
export function draftSchema(key: SectionKey) {
  let schema = DRAFT_SCHEMAS.get(key)
  if (!schema) DRAFT_SCHEMAS.set(key, (schema = z.object(shape(key))))
  return schema
}

/**
 * The form of a section page: its fields, the version it was based on, and "Have you completed this
 * section?"; the full checks run only when the answer is yes.
 */
export function sectionSchema(key: SectionKey, rules?: BudgetRules) {
  return z
    .object({
      ...shape(key),
      // react-hook-form holds a checkbox as a boolean; a plain form posts "on".
      ...(key === 'declarations' ? { truthful: z.union([z.string(), z.boolean()]).optional(), consent: z.union([z.string(), z.boolean()]).optional() } : {}),
      baseVersion: z.union([z.string(), z.number()]).optional(),
      completed: z.enum(['yes', 'no'], 'applications.validation.completed.required'),
    })
    .superRefine((value, ctx) => {
      if (value.completed !== 'yes') return
      const data = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'on' : '') : (v as string | undefined)]))
      for (const [path, message] of Object.entries(sectionProblems(key, data, rules))) ctx.addIssue({ code: 'custom', path: [path], message })
    })
}

/** Starting an application: which of the user's organisations applies. */
export const startSchema = z.object({
  organisationId: z.string('applications.validation.organisation.required').min(1, 'applications.validation.organisation.required'),
})
