import { z } from 'zod'
import { parseMoney, PRIORITY_FIELDS } from '../calls/schemas'
import { parseVnDate } from '../../lib/params'
import { type BudgetRules, BUDGET_CATEGORIES, BUDGET_SOURCES, budgetProblems, durationProblem, readBudget } from './budget'

// The sections of an application, safe for the browser. Every field has a flat name (m3_role, ms2_due,
// labour_own) so a plain form posts it; values are kept as typed (strings) and read (money, dates) where
// they are used. Messages are catalogue keys (app/i18n/messages/applications.ts).
//
// Each section has one schema, built by sectionSchema(key, rules): the same in the browser (react-hook-form)
// and in the action. It checks lengths always; when the applicant answers "Yes, I have completed this
// section" it also runs the section's full checks (required fields, dates, the call's budget rules).
// draftSchema(key) is the lenient one autosave uses: it keeps whatever was typed.

export const SECTION_KEYS = ['general', 'organisation', 'team', 'proposal', 'budget', 'declarations'] as const
export type SectionKey = (typeof SECTION_KEYS)[number]
/** The task list, in order; 'attachments' (item 6) has its own pages. */
export const TASK_ORDER = ['general', 'organisation', 'team', 'proposal', 'budget', 'attachments', 'declarations'] as const
export type TaskKey = (typeof TASK_ORDER)[number]
export type SectionState = 'not_started' | 'in_progress' | 'completed'
/** Sections with a form (the organisation section shows the organisation's profile). */
export const FORM_SECTIONS = ['general', 'team', 'proposal', 'budget', 'declarations'] as const satisfies readonly SectionKey[]

export function isSectionKey(value: string | undefined): value is SectionKey {
  return (SECTION_KEYS as readonly string[]).includes(value ?? '')
}

export const MEMBER_ROWS = 10
export const MILESTONE_ROWS = 12
export const SHORT = 300
export const LONG = 10_000

const rows = (n: number, f: (i: number) => string[]) => Array.from({ length: n }, (_, i) => f(i + 1)).flat()

/** The field names of each section, in page order (also the order of the error summary). */
export const SECTION_FIELDS: Record<SectionKey, string[]> = {
  general: ['title', 'priority_field', 'duration_months', 'summary'],
  organisation: [],
  team: [
    'pi_name', 'pi_qualification', 'pi_email',
    'secretary_name', 'secretary_qualification', 'secretary_email',
    ...rows(MEMBER_ROWS, (i) => [`m${i}_name`, `m${i}_role`, `m${i}_qualification`]),
  ],
  proposal: [
    'necessity', 'objectives', 'content_methods', 'products', 'ip_outputs', 'applicability',
    ...rows(MILESTONE_ROWS, (i) => [`ms${i}_title`, `ms${i}_due`]),
  ],
  budget: BUDGET_CATEGORIES.flatMap((c) => ['requested', ...BUDGET_SOURCES].map((s) => `${c}_${s}`)),
  declarations: ['truthful', 'consent'],
}

const LONG_FIELDS = new Set(['summary', 'necessity', 'objectives', 'content_methods', 'products', 'ip_outputs', 'applicability'])

function maxOf(field: string) {
  return LONG_FIELDS.has(field) ? LONG : SHORT
}

function shape(key: SectionKey) {
  return Object.fromEntries(
    SECTION_FIELDS[key].map((f) => [f, z.string().max(maxOf(f), `applications.validation.tooLong?max=${maxOf(f)}`).optional()]),
  ) as Record<string, z.ZodOptional<z.ZodString>>
}

export type SectionData = Record<string, string>

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

/** Keeps only the section's fields, as strings (what is stored). */
export function pickSection(key: SectionKey, values: Record<string, unknown>): SectionData {
  const out: SectionData = {}
  for (const f of SECTION_FIELDS[key]) {
    const v = values[f]
    if (typeof v === 'string' && v.trim() !== '') out[f] = v.trim()
  }
  return out
}

const filled = (v: string | undefined) => typeof v === 'string' && v.trim() !== ''
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The full checks of a section: field name → catalogue key. Empty when the section may be marked complete. */
export function sectionProblems(key: SectionKey, data: Record<string, string | undefined>, rules?: BudgetRules): Record<string, string> {
  const p: Record<string, string> = {}
  const need = (f: string, message = `applications.validation.${f}.required`) => {
    if (!filled(data[f])) p[f] ??= message
  }
  switch (key) {
    case 'general': {
      need('title')
      if (!filled(data.priority_field)) p.priority_field = 'applications.validation.priority_field.required'
      else if (!(PRIORITY_FIELDS as readonly string[]).includes(data.priority_field!)) p.priority_field = 'applications.validation.priority_field.required'
      const d = (data.duration_months ?? '').trim()
      if (!d) p.duration_months = 'applications.validation.duration_months.required'
      else if (!/^\d{1,3}$/.test(d) || Number(d) < 1) p.duration_months = 'applications.validation.duration_months.invalid'
      else if (rules) {
        const problem = durationProblem(Number(d), rules)
        if (problem) p.duration_months = problem
      }
      need('summary')
      break
    }
    case 'team': {
      for (const who of ['pi', 'secretary']) {
        need(`${who}_name`)
        need(`${who}_qualification`)
        if (!filled(data[`${who}_email`])) p[`${who}_email`] = `applications.validation.${who}_email.required`
        else if (!EMAIL.test(data[`${who}_email`]!.trim())) p[`${who}_email`] = 'validation.email.invalid'
      }
      for (let i = 1; i <= MEMBER_ROWS; i++) {
        const [n, r, q] = [`m${i}_name`, `m${i}_role`, `m${i}_qualification`]
        if (![n, r, q].some((f) => filled(data[f]))) continue
        if (!filled(data[n])) p[n] = `applications.validation.member.name?row=${i}`
        if (!filled(data[r])) p[r] = `applications.validation.member.role?row=${i}`
      }
      break
    }
    case 'proposal': {
      for (const f of ['necessity', 'objectives', 'content_methods', 'products', 'applicability']) need(f)
      let milestones = 0
      for (let i = 1; i <= MILESTONE_ROWS; i++) {
        const [t, d] = [`ms${i}_title`, `ms${i}_due`]
        if (!filled(data[t]) && !filled(data[d])) continue
        milestones++
        if (!filled(data[t])) p[t] = `applications.validation.milestone.title?row=${i}`
        if (!filled(data[d])) p[d] = `applications.validation.milestone.due?row=${i}`
        else if (!parseVnDate(data[d]!)) p[d] = `applications.validation.milestone.date?row=${i}`
      }
      if (!milestones) p.ms1_title = 'applications.validation.milestone.none'
      break
    }
    case 'budget': {
      for (const f of SECTION_FIELDS.budget) {
        if (filled(data[f]) && parseMoney(data[f]!) === null) p[f] = 'applications.validation.money'
      }
      if (Object.keys(p).length) break
      const budget = readBudget(data)
      if (budget.requested <= 0) p.labour_requested = 'applications.validation.budget.empty'
      else if (rules) Object.assign(p, budgetProblems(budget, rules))
      break
    }
    case 'declarations':
      if (!isYes(data.truthful)) p.truthful = 'applications.validation.truthful.required'
      if (!isYes(data.consent)) p.consent = 'applications.validation.consent.required'
      break
    case 'organisation':
      break
  }
  return p
}

/** A checkbox as posted ("on") or as react-hook-form holds it (true). */
export function isYes(value: unknown) {
  return value === 'on' || value === true || value === 'true' || value === 'yes'
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

/** The version a form was based on, from the hidden field; -1 (never matches) for nonsense. */
export function baseVersionOf(value: unknown): number {
  const n = Number(value)
  return Number.isInteger(n) && n >= 0 && n < 2_147_483_647 ? n : -1
}

/** Starting an application: which of the user's organisations applies. */
export const startSchema = z.object({
  organisationId: z.string('applications.validation.organisation.required').min(1, 'applications.validation.organisation.required'),
})
