import type { CallStatus, LoanRepaymentMethod, Modality, OrganisationType } from '../../../db/schema'

// The calls' fixed lists and the parsing of what people type in money and number fields, without zod: the
// applicant's pages use them, and zod loads only with a form's validation (ADR 013).

export const CALL_STATUSES = ['draft', 'published', 'closed'] as const satisfies readonly CallStatus[]
export const MODALITIES = ['grant', 'preferential_loan', 'loan_guarantee', 'support'] as const satisfies readonly Modality[]
/** How a loan call's loans are repaid (ADR 026): equal principal or annuity. */
export const LOAN_REPAYMENT_METHODS = ['equal_principal', 'annuity'] as const satisfies readonly LoanRepaymentMethod[]
/** The provincial resolution's priority fields; their labels are `field.<key>` in messages/home.ts. */
export const PRIORITY_FIELDS = [
  'biotechnology',
  'automation',
  'ai',
  'space',
  'digital_transformation',
  'hitech_agriculture',
  'climate',
  'renewable_energy',
  'deep_processing',
  'health',
  'ocop_ip',
] as const
export type PriorityField = (typeof PRIORITY_FIELDS)[number]
export const ORGANISATION_TYPES = ['enterprise', 'st_organisation', 'university', 'cooperative', 'household', 'individual'] as const satisfies readonly OrganisationType[]
export const FILE_TYPES = ['pdf', 'docx', 'xlsx', 'jpg', 'png', 'zip'] as const
export type FileType = (typeof FILE_TYPES)[number]

/** Rows the call form offers for eligibility questions and required documents; empty rows are ignored. */
export const QUESTION_ROWS = 8
export const DOCUMENT_ROWS = 10

export const LIMITS = {
  code: 30,
  title: 300,
  summary: 2000,
  description: 20000,
  question: 1000,
  docName: 300,
  reason: 1000,
  money: 1_000_000_000_000_000, // 10^15 ₫, far below 2^53
} as const

/** Whole VND as people type it: "1.500.000.000", "1 500 000 000", "1500000000", optionally followed by ₫/đ/đồng/VND. */
export function parseMoney(text: string): number | null {
  const t = text
    .normalize('NFC')
    .trim()
    .replace(/\s*(?:₫|đồng|đ|vnd|vnđ)$/i, '')
    .trim()
  if (!/^\d+$/.test(t) && !/^\d{1,3}(?:[.\s\u00a0\u202f]\d{3})+$/.test(t)) return null
  const n = Number(t.replace(/[.\s\u00a0\u202f]/g, ''))
  return Number.isSafeInteger(n) && n <= LIMITS.money ? n : null
}

/** A whole number typed in a field, within [min, max]; null otherwise. */
export function parseWhole(text: string, min: number, max: number): number | null {
  const t = text.trim()
  if (!/^\d{1,9}$/.test(t)) return null
  const n = Number(t)
  return n >= min && n <= max ? n : null
}
