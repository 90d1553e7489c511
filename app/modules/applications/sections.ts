import { parseMoney, PRIORITY_FIELDS } from '../calls/fields'
import { parseVnDate } from '../../lib/params'
import { type BudgetRules, BUDGET_CATEGORIES, BUDGET_SOURCES, budgetProblems, durationProblem, readBudget } from './budget'

// The sections of an application, safe for the browser. Every field has a flat name (m3_role, ms2_due,
// labour_own) so a plain form posts it; values are kept as typed (strings) and read (money, dates) where
// they are used. Messages are catalogue keys (app/i18n/messages/applications.ts).
//
// The schemas (zod) are in section-schemas.ts, so that a page can show a section without loading zod before it
// is interactive (ADR 013); the checks they run (sectionProblems) are here.

export const SECTION_KEYS = ['general', 'organisation', 'team', 'proposal', 'budget', 'declarations'] as const
export type SectionKey = (typeof SECTION_KEYS)[number]
/** The task list, in order; 'attachments' (item 6) has its own pages. */
export const TASK_ORDER = ['general', 'organisation', 'team', 'proposal', 'budget', 'attachments', 'declarations'] as const
export type TaskKey = (typeof TASK_ORDER)[number]
/** A task's state; 'to_change': reopened by the Fund's request for changes and not saved as complete since. */
export type SectionState = 'not_started' | 'in_progress' | 'completed' | 'to_change'
/** Sections with a form (the organisation section shows the organisation's profile). */
export const FORM_SECTIONS = ['general', 'team', 'proposal', 'budget', 'declarations'] as const satisfies readonly SectionKey[]

export type FormSectionKey = (typeof FORM_SECTIONS)[number]
/** The sections filled in with a form of their own (not the organisation's, which is the organisation's page). */
export const isFormSectionKey = (key: SectionKey): key is FormSectionKey => (FORM_SECTIONS as readonly string[]).includes(key)

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

export type SectionData = Record<string, string>

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

/** The version a form was based on, from the hidden field; -1 (never matches) for nonsense. */
export function baseVersionOf(value: unknown): number {
  const n = Number(value)
  return Number.isInteger(n) && n >= 0 && n < 2_147_483_647 ? n : -1
}
