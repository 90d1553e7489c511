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
  legal_bases: lines(20),
  recipients: lines(20),
})
