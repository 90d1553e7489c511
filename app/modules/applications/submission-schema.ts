import { z } from 'zod'

// Browser-safe: the withdrawal form's schema, used by the page (react-hook-form) and by withdrawApplication.

/** A reason is required: it is kept in the history and read by the Fund. */
export const withdrawSchema = z.object({
  reason: z
    .string('submission.withdraw.reason.required')
    .trim()
    .min(1, 'submission.withdraw.reason.required')
    .max(2000, 'submission.withdraw.reason.tooLong?max=2000'),
})
