import { z } from 'zod'

// Browser-safe: the fund's settings form. Every official document takes its header, place, signer, legal
// bases and recipients from here. Lists are typed one item per line. Messages: fund.v.* (messages/fund.ts).

const line = (max: number) => z.string('fund.v.required').trim().min(1, 'fund.v.required').max(max, `fund.v.tooLong?max=${max}`)
const optionalLine = (max: number) => z.string().trim().max(max, `fund.v.tooLong?max=${max}`).optional()

const lines = (maxLines: number) =>
  z
    .string()
    .max(10_000, 'fund.v.tooLong?max=10000')
    .optional()
    .refine((v) => splitLines(v).length <= maxLines, `fund.v.tooManyLines?max=${maxLines}`)

/** "05/03/2026" (dd/mm/yyyy, as people write a day) → "2026-03-05"; null when it is no real day. */
export function dayFromForm(value: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim())
  if (!m) return null
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** The non-empty lines of a textarea, trimmed, without a trailing ";" (the templates add the punctuation). */
export function splitLines(value: string | undefined): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/[;.]+$/, '').trim())
    .filter(Boolean)
}

export const fundSettingsSchema = z.looseObject({
  parent_body_vi: line(200),
  parent_body_en: line(200),
  name_vi: line(200),
  name_en: line(200),
  short_name: line(30),
  document_symbol: z
    .string('fund.v.required')
    .trim()
    .min(1, 'fund.v.required')
    .max(20, 'fund.v.tooLong?max=20')
    .regex(/^[A-Za-zĐđ0-9]+(-[A-Za-zĐđ0-9]+)*$/, 'fund.v.symbol'),
  place_name: line(100),
  address: line(300),
  phone: line(30),
  email: z.string('fund.v.required').trim().min(1, 'fund.v.required').email('fund.v.email'),
  website: optionalLine(200),
  signer_authority: optionalLine(60),
  signer_title: line(100),
  signer_name: line(100),
  // The decision that issued the Fund's charter, cited as the last legal basis of its decisions.
  charter_number: optionalLine(60),
  charter_date: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || dayFromForm(v) !== null, 'fund.v.date'),
  charter_issuer: optionalLine(200),
  recipients: lines(20),
})

/** The review rules' fields as the form names them, each typed as text ("2/3" for a share). */
export const RULE_FIELDS = {
  councilMin: 'count',
  councilMax: 'count',
  quorumFraction: 'fraction',
  passMark: 'points',
  deviationLimitPct: 'percent',
  zeroScoreMaxFraction: 'fraction',
  bonusPct: 'percent',
  disagreementSpread: 'points',
  screeningWorkingDays: 'count',
  papersBeforeMeetingWorkingDays: 'count',
  reviewerReminderDays: 'count',
  opponentsPerApplication: 'count',
  acceptanceExcellentFraction: 'fraction',
  acceptanceFailFraction: 'fraction',
  acceptanceFinaliseWorkingDays: 'count',
  acceptanceDossierDays: 'count',
  revisionDays: 'count',
  appraisalWorkingDays: 'count',
  appraisalTeamSize: 'count',
  appraisalQuorum: 'count',
  councilWorkingDays: 'count',
  decisionWorkingDays: 'count',
  resultsOnlineDays: 'days',
  reportReminderDays: 'count',
  reportLateAfterDays: 'count',
  reportVeryLateAfterDays: 'count',
  reportProductMaxMb: 'count',
} as const
export type RuleField = keyof typeof RULE_FIELDS

/** "2/3" → {num: 2, den: 3}; null when not a share between 0 and 1. */
export function readFraction(text: string): { num: number; den: number } | null {
  const m = text.trim().match(/^(\d{1,3})\s*\/\s*(\d{1,3})$/)
  if (!m) return null
  const [num, den] = [Number(m[1]), Number(m[2])]
  return den >= 1 && num <= den ? { num, den } : null
}

/** A whole or decimal number typed the Vietnamese way ("70" or "72,5"); null otherwise. */
export function readNumber(text: string): number | null {
  const t = text.trim().replace(',', '.')
  return /^\d{1,4}(\.\d{1,2})?$/.test(t) ? Number(t) : null
}

/** The rules form: only checks (every value in its range, the council's size range the right way up). */
export const reviewRulesFormSchema = z
  .looseObject(
    Object.fromEntries(
      (Object.entries(RULE_FIELDS) as [RuleField, (typeof RULE_FIELDS)[RuleField]][]).map(([name, kind]) => [
        name,
        z
          .string('fund.v.required')
          .trim()
          .min(1, 'fund.v.required')
          .refine((v) => {
            if (kind === 'fraction') return readFraction(v) !== null
            const n = readNumber(v)
            if (n === null) return false
            if (kind === 'count') return Number.isInteger(n) && n <= 60
            if (kind === 'days') return Number.isInteger(n) && n >= 1
            if (kind === 'percent') return Number.isInteger(n) && n <= 100
            return n <= 100
          }, `fund.v.rule.${kind}`),
      ]),
    ) as Record<RuleField, z.ZodString>,
  )
  .superRefine((v, ctx) => {
    const min = readNumber(v.councilMin)
    const max = readNumber(v.councilMax)
    if (min !== null && max !== null && min > max) ctx.addIssue({ code: 'custom', path: ['councilMax'], message: 'fund.v.rule.councilRange' })
    const opp = readNumber(v.opponentsPerApplication)
    if (opp !== null && min !== null && opp > min) ctx.addIssue({ code: 'custom', path: ['opponentsPerApplication'], message: 'fund.v.rule.opponents' })
    const late = readNumber(v.reportLateAfterDays)
    const veryLate = readNumber(v.reportVeryLateAfterDays)
    if (late !== null && veryLate !== null && veryLate <= late) ctx.addIssue({ code: 'custom', path: ['reportVeryLateAfterDays'], message: 'fund.v.rule.reportLateness' })
  })
