import { z } from 'zod'
import { parseMoney } from '../calls/fields'
import { parseVnDate } from '../../lib/params'
import { vnDate } from '../calendar/working-days'
import { isChecked } from '../../lib/checkbox'

// Browser-safe: one zod schema per form of the payments pages, used by the page and by the module's intents.
// Messages are catalogue keys (messages/payments.ts).

/** The lists of /staff/payments: the queue waiting for the Fund (by default), the requests paid, or all of them. */
export const PAYMENT_VIEWS = ['waiting', 'paid', 'all'] as const
export type PaymentView = (typeof PAYMENT_VIEWS)[number]
export const PAYMENT_VIEW_STATUSES = {
  waiting: ['requested', 'checked', 'approved'],
  paid: ['paid'],
  all: ['requested', 'checked', 'approved', 'paid', 'failed', 'returned'],
} as const satisfies Record<PaymentView, readonly string[]>

const text = (required: string, max: number) => z.string(required).trim().min(1, required).max(max, `payments.v.tooLong?max=${max}`)
const optionalText = (max: number) => z.string().trim().max(max, `payments.v.tooLong?max=${max}`).optional().default('')
const uuid = (message: string) => z.string(message).uuid(message)
const version = z.coerce.number('payments.v.version').int('payments.v.version').min(1, 'payments.v.version')

/** Whole đồng as typed ("120.000.000"). */
export const moneyField = (required: string) =>
  z
    .string(required)
    .trim()
    .min(1, required)
    .refine((v) => (parseMoney(v) ?? 0) > 0, 'payments.v.amount.format')
    .transform((v) => parseMoney(v)!)

/** A day typed dd/mm/yyyy, as 'YYYY-MM-DD'. */
export const dayField = (required: string) =>
  z
    .string(required)
    .trim()
    .min(1, required)
    .refine((v) => parseVnDate(v) !== null, 'payments.v.day.format')
    .transform((v) => vnDate(parseVnDate(v)!))

/** The grantee asks for a tranche's payment, with the evidence it rests on. */
export const requestPaymentSchema = z.object({
  trancheId: uuid('payments.v.tranche.required'),
  amount: moneyField('payments.v.amount.required'),
  evidence: text('payments.v.evidence.required', 5000),
})

/** The office's check: passed on to the chief accountant, or returned to the grantee with the reason. */
export const checkPaymentSchema = z
  .object({
    requestId: uuid('payments.v.request'),
    version,
    decision: z.enum(['pass', 'return'], 'payments.v.decision.required'),
    conditionMet: z.unknown().optional().transform(isChecked),
    note: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'return' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'payments.v.reason.required' })
  })

/** The chief accountant approves the payment, or returns it with the reason. */
export const approvePaymentSchema = z
  .object({
    requestId: uuid('payments.v.request'),
    version,
    decision: z.enum(['approve', 'return'], 'payments.v.decision.required'),
    note: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'return' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'payments.v.reason.required' })
  })

/** The transfer's outcome: paid (day, amount, bank reference) or failed (the reason). */
export const recordPaymentSchema = z
  .object({
    requestId: uuid('payments.v.request'),
    version,
    outcome: z.enum(['paid', 'failed'], 'payments.v.outcome.required'),
    paidOn: z.string().trim().optional().default(''),
    paidAmount: z.string().trim().optional().default(''),
    transferRef: optionalText(200),
    reason: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'paid') {
      if (!v.paidOn) ctx.addIssue({ code: 'custom', path: ['paidOn'], message: 'payments.v.paidOn.required' })
      else if (!parseVnDate(v.paidOn)) ctx.addIssue({ code: 'custom', path: ['paidOn'], message: 'payments.v.day.format' })
      if (!v.paidAmount) ctx.addIssue({ code: 'custom', path: ['paidAmount'], message: 'payments.v.amount.required' })
      else if (!((parseMoney(v.paidAmount) ?? 0) > 0)) ctx.addIssue({ code: 'custom', path: ['paidAmount'], message: 'payments.v.amount.format' })
      if (!v.transferRef) ctx.addIssue({ code: 'custom', path: ['transferRef'], message: 'payments.v.transferRef.required' })
    } else if (!v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'payments.v.reason.required' })
  })
  .transform((v) => ({
    requestId: v.requestId,
    version: v.version,
    outcome: v.outcome,
    paidOn: v.outcome === 'paid' ? vnDate(parseVnDate(v.paidOn)!) : null,
    paidAmount: v.outcome === 'paid' ? parseMoney(v.paidAmount)! : null,
    transferRef: v.transferRef,
    reason: v.reason,
  }))

export type RequestPaymentInput = z.output<typeof requestPaymentSchema>
export type CheckPaymentInput = z.output<typeof checkPaymentSchema>
export type ApprovePaymentInput = z.output<typeof approvePaymentSchema>
export type RecordPaymentInput = z.output<typeof recordPaymentSchema>

/** The budget's categories, as the application's budget section has them (applications/budget.ts). */
export const SETTLEMENT_CATEGORIES = ['labour', 'materials', 'equipment', 'services', 'other'] as const

/** Quyết toán: the amount spent in each budget category (0 where nothing was), and a note. */
export const settlementSchema = z
  .object(Object.fromEntries(SETTLEMENT_CATEGORIES.map((c) => [`spent_${c}`, z.string().trim().optional().default('')])) as Record<`spent_${(typeof SETTLEMENT_CATEGORIES)[number]}`, z.ZodDefault<z.ZodOptional<z.ZodString>>>)
  .extend({ note: optionalText(5000) })
  .superRefine((v, ctx) => {
    for (const c of SETTLEMENT_CATEGORIES) {
      const text = v[`spent_${c}`]
      if (text && !/^0+$/.test(text) && parseMoney(text) === null) ctx.addIssue({ code: 'custom', path: [`spent_${c}`], message: 'payments.v.amount.format' })
    }
  })
  .transform((v) => ({
    lines: SETTLEMENT_CATEGORIES.map((c) => ({ category: c, spent: v[`spent_${c}`] ? (parseMoney(v[`spent_${c}`]) ?? 0) : 0 })),
    note: v.note,
  }))

/** The office accepts the settlement or returns it with the reason. */
export const decideSettlementSchema = z
  .object({ version, decision: z.enum(['accept', 'return'], 'payments.v.decision.required'), note: optionalText(2000) })
  .superRefine((v, ctx) => {
    if (v.decision === 'return' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'payments.v.reason.required' })
  })

/** An amount owed back to the Fund: a refund of what was not spent, or a recovery. */
export const recoverySchema = z.object({
  kind: z.enum(['refund', 'recovery'], 'payments.v.kind.required'),
  amount: moneyField('payments.v.amount.required'),
  reason: text('payments.v.reason.required', 2000),
  dueOn: dayField('payments.v.dueOn.required'),
})

/** Money received against an amount owed. */
export const receiptSchema = z.object({
  recoveryId: uuid('payments.v.request'),
  amount: moneyField('payments.v.amount.required'),
  receivedOn: dayField('payments.v.receivedOn.required'),
  transferRef: text('payments.v.transferRef.required', 200),
})

export type SettlementInput = z.output<typeof settlementSchema>
export type DecideSettlementInput = z.output<typeof decideSettlementSchema>
export type RecoveryInput = z.output<typeof recoverySchema>
export type ReceiptInput = z.output<typeof receiptSchema>
