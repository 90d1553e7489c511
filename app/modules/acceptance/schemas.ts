import { z } from 'zod'
import { parseMoney } from '../calls/fields'

// Browser-safe: the forms of acceptance (nghiệm thu). Messages are catalogue keys (messages/acceptance.ts).
// What the rules decide (the council's size, its quorum, the rating) is checked by the module, not here.

export const ACCEPTANCE_RATINGS = ['excellent', 'pass', 'fail'] as const
export const ACCEPTANCE_ROLES = ['chair', 'vice_chair', 'secretary', 'opponent', 'member'] as const

const text = (max: number) => z.string().trim().max(max, `acceptance.v.tooLong?max=${max}`).optional().default('')

/** The results dossier: four parts typed (saved as they are; submission checks that none is empty). */
export const dossierSchema = z.object({
  summary: text(20000),
  products: text(20000),
  self_rating: z.union([z.literal(''), z.enum(ACCEPTANCE_RATINGS, 'acceptance.v.rating')]).optional().default(''),
  self_assessment: text(20000),
  spending_report: text(20000),
  spent_amount: z
    .string()
    .trim()
    .optional()
    .default('')
    .refine((v) => v === '' || (parseMoney(v) ?? -1) >= 0, 'acceptance.v.amount'),
})
export type DossierForm = z.infer<typeof dossierSchema>

/** After the council: what was finalised per its conclusions. */
export const finaliseSchema = z.object({
  note: z.string('acceptance.v.finaliseNote').trim().min(5, 'acceptance.v.finaliseNote').max(5000, 'acceptance.v.tooLong?max=5000'),
})

/** A member's declaration about a conflict of interest; a conflict needs its reason. */
export const conflictSchema = z
  .object({
    conflict: z.enum(['none', 'declared'], 'acceptance.v.conflict'),
    reason: z.string().trim().max(2000, 'acceptance.v.tooLong?max=2000').optional().default(''),
  })
  .refine((v) => v.conflict === 'none' || v.reason.length >= 5, { path: ['reason'], message: 'acceptance.v.conflictReason' })

/** A member's rating of the task, with the comment that explains it. */
export const voteSchema = z.object({
  vote: z.enum(ACCEPTANCE_RATINGS, 'acceptance.v.rating'),
  comment: z.string('acceptance.v.comment').trim().min(5, 'acceptance.v.comment').max(5000, 'acceptance.v.tooLong?max=5000'),
})
