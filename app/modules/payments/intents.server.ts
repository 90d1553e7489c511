import type { DB } from '../../../db'
import type { PaymentStatus } from '../../../db/schema'
import { fieldErrors } from '../../lib/forms.server'
import type { Permission } from '../auth'
import { type Actor, approvePayment, checkPayment, type PaymentOutcome, recordPayment } from './requests'
import { approvePaymentSchema, checkPaymentSchema, recordPaymentSchema } from './schemas'

// The Fund's step on one payment request (staff.payments.$id): which form the request's status calls for,
// who may send it, and one function per form with its own schema. The route reads the form, picks the
// intent by the request's status and turns the outcome into a redirect or the form's errors.

export type PaymentIntent = 'check' | 'approve' | 'record'

/** The form a request at this status waits for, or none (paid, failed, returned: nothing left to do). */
export function intentFor(status: PaymentStatus): PaymentIntent | null {
  return status === 'requested' ? 'check' : status === 'checked' ? 'approve' : status === 'approved' ? 'record' : null
}

/** The permission each step needs: the office checks, the chief accountant approves and records the transfer. */
export const INTENT_PERMISSION: Record<PaymentIntent, Permission> = { check: 'payment:check', approve: 'payment:approve', record: 'payment:approve' }

interface Ctx {
  db: DB
  actor: Actor
  appUrl: string
  ip: string | null
}

const invalid = (error: { issues: unknown[] } & Parameters<typeof fieldErrors>[0]): PaymentOutcome => ({ ok: false, status: 400, errors: fieldErrors(error) })

export async function checkIntent(ctx: Ctx, raw: Record<string, string>): Promise<PaymentOutcome> {
  const parsed = checkPaymentSchema.safeParse(raw)
  return parsed.success ? checkPayment(ctx, parsed.data) : invalid(parsed.error)
}

export async function approveIntent(ctx: Ctx, raw: Record<string, string>): Promise<PaymentOutcome> {
  const parsed = approvePaymentSchema.safeParse(raw)
  return parsed.success ? approvePayment(ctx, parsed.data) : invalid(parsed.error)
}

export async function recordIntent(ctx: Ctx, raw: Record<string, string>): Promise<PaymentOutcome> {
  const parsed = recordPaymentSchema.safeParse(raw)
  return parsed.success ? recordPayment(ctx, parsed.data) : invalid(parsed.error)
}

export const PAYMENT_INTENTS: Record<PaymentIntent, (ctx: Ctx, raw: Record<string, string>) => Promise<PaymentOutcome>> = {
  check: checkIntent,
  approve: approveIntent,
  record: recordIntent,
}
