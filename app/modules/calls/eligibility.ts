import { z } from 'zod'
import type { EligibilityQuestion, OrganisationType } from '../../../db/schema'
import { translator } from '../../i18n'

// The eligibility self-check of a call: pure and free of server imports, so the browser validates and
// the server decides with the same code.

export const ORGANISATION_TYPES = ['enterprise', 'st_organisation', 'university', 'cooperative', 'household', 'individual'] as const satisfies readonly OrganisationType[]

/** The applicant-type question's form field, and the "none of these" choice. */
export const APPLICANT_TYPE_FIELD = 'applicant_type'
export const OTHER_TYPE = 'other'
export type ApplicantType = OrganisationType | typeof OTHER_TYPE

export type YesNo = 'yes' | 'no'

/** What a person answered: each question by id, and the type of applicant (when the call limits types). */
export interface EligibilityAnswers {
  questions: Record<string, YesNo>
  applicantType?: ApplicantType
}

export interface EligibilityReason {
  questionId: string
  reason_vi: string
  reason_en: string
}

export interface EligibilityResult {
  eligible: boolean
  reasons: EligibilityReason[]
  /** Ids of the questions without an answer (never eligible while any remain). */
  unanswered: string[]
}

export interface EligibilityRules {
  eligibility_questions: EligibilityQuestion[]
  eligible_types: OrganisationType[]
}

const vi = translator('vi')
const en = translator('en')

/**
 * Where the call page's "Apply" leads: through the eligibility self-check when the call has one (questions or
 * a limit on who may apply), otherwise straight to starting an application (a visitor signs in first and
 * comes back).
 */
export function applyPath(call: EligibilityRules & { code: string }): string {
  const code = encodeURIComponent(call.code)
  return call.eligibility_questions.length > 0 || call.eligible_types.length > 0 ? `/calls/${code}/eligibility` : `/applications/new?call=${code}`
}

/**
 * Whether an applicant may apply: every question answered with its qualifying answer and, when a type of
 * applicant is given and the call limits types, a type the call accepts. Reasons come in both languages.
 */
export function evaluateEligibility(call: EligibilityRules, answers: EligibilityAnswers): EligibilityResult {
  const reasons: EligibilityReason[] = []
  const unanswered: string[] = []
  const type = answers.applicantType
  if (type && call.eligible_types.length > 0 && !(call.eligible_types as string[]).includes(type)) {
    reasons.push({
      questionId: APPLICANT_TYPE_FIELD,
      reason_vi: vi('calls.eligibility.typeReason', { types: call.eligible_types.map((t) => vi(`calls.applicantType.${t}`)).join(', ') }),
      reason_en: en('calls.eligibility.typeReason', { types: call.eligible_types.map((t) => en(`calls.applicantType.${t}`)).join(', ') }),
    })
  }
  for (const q of call.eligibility_questions) {
    const answer = Object.prototype.hasOwnProperty.call(answers.questions, q.id) ? answers.questions[q.id] : undefined
    if (answer !== 'yes' && answer !== 'no') unanswered.push(q.id)
    else if (answer !== q.qualifying) reasons.push({ questionId: q.id, reason_vi: q.reason_vi, reason_en: q.reason_en })
  }
  return { eligible: reasons.length === 0 && unanswered.length === 0, reasons, unanswered }
}

/** The form field of a question ("q_in_province"): prefixed so no question id can clash with another field. */
export function questionField(id: string) {
  return `q_${id}`
}

/**
 * The check page's form: a yes/no for each question and, when the call limits types, the applicant type
 * (one of the call's types or "other"). Error messages are catalogue keys naming the question's number.
 */
export function eligibilitySchema(call: EligibilityRules) {
  const shape: Record<string, z.ZodType<string>> = {}
  if (call.eligible_types.length > 0) {
    shape[APPLICANT_TYPE_FIELD] = z.enum([OTHER_TYPE, ...call.eligible_types], { message: 'calls.eligibility.typeRequired' })
  }
  call.eligibility_questions.forEach((q, i) => {
    shape[questionField(q.id)] = z.enum(['yes', 'no'], { message: `calls.eligibility.answerRequired?n=${i + 1}` })
  })
  return z.object(shape)
}

/** The answers of a valid form submission, keyed by question id. */
export function answersFromForm(call: EligibilityRules, data: Record<string, string | undefined>): EligibilityAnswers {
  const questions: Record<string, YesNo> = {}
  for (const q of call.eligibility_questions) {
    const value = data[questionField(q.id)]
    if (value === 'yes' || value === 'no') questions[q.id] = value
  }
  const type = data[APPLICANT_TYPE_FIELD]
  const applicantType = (ORGANISATION_TYPES as readonly string[]).includes(type ?? '') || type === OTHER_TYPE ? (type as ApplicantType) : undefined
  return applicantType ? { questions, applicantType } : { questions }
}

/** The form values that show the given answers again (the check page pre-filled). */
export function formFromAnswers(call: EligibilityRules, answers: EligibilityAnswers): Record<string, string> {
  const values: Record<string, string> = {}
  for (const q of call.eligibility_questions) {
    const a = answers.questions[q.id]
    if (a) values[questionField(q.id)] = a
  }
  if (answers.applicantType && call.eligible_types.length > 0) values[APPLICANT_TYPE_FIELD] = answers.applicantType
  return values
}

/** Reads stored answers (the cookie's JSON) back, or null when they are not answers at all. */
export function parseAnswers(value: unknown): EligibilityAnswers | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null
  const { questions, applicantType } = value as { questions?: unknown; applicantType?: unknown }
  if (!questions || typeof questions !== 'object' || Array.isArray(questions)) return null
  const out: Record<string, YesNo> = Object.create(null)
  for (const [id, a] of Object.entries(questions as Record<string, unknown>)) {
    if (id.length > 100 || (a !== 'yes' && a !== 'no')) return null
    out[id] = a
  }
  const result: EligibilityAnswers = { questions: { ...out } }
  if (applicantType !== undefined) {
    if (typeof applicantType !== 'string' || !((ORGANISATION_TYPES as readonly string[]).includes(applicantType) || applicantType === OTHER_TYPE)) return null
    result.applicantType = applicantType as ApplicantType
  }
  return result
}
