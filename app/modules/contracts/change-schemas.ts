import { z } from 'zod'
import type { ContractChangeKind } from '../../../db/schema'
import { BUDGET_CATEGORIES, type BudgetCategory } from '../applications/budget'
import { parseMoney } from '../calls/fields'

// The forms of a change to a contract (ADR 025), safe for the browser: what the grantee asks, per kind, and
// what the office answers. The limits that need the contract and the fund's rules (how far an extension may
// go, how much money may move) are checked by changes.ts on the server, with the same field names.

export const CHANGE_KINDS = ['extension', 'budget_move', 'investigator', 'host', 'suspension', 'termination'] as const satisfies readonly ContractChangeKind[]

/** The fields each kind's form shows, in order (besides the reasons every kind asks for). */
export const CHANGE_FIELDS: Record<ContractChangeKind, readonly string[]> = {
  extension: ['endsOn'],
  budget_move: ['fromCategory', 'toCategory', 'amount'],
  investigator: ['investigatorName', 'investigatorId'],
  host: ['hostName', 'hostIdentifier'],
  suspension: ['suspendFrom', 'suspendUntil'],
  termination: [],
}

/** A day typed as dd/mm/yyyy (or yyyy-mm-dd, as a date input sends it), as 'YYYY-MM-DD'; null when not a real day. */
export function isoDayOf(text: string | undefined): string | null {
  const t = (text ?? '').trim()
  const vn = t.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/)
  const iso = t.match(/^(\d{4})-(\d{2})-(\d{2})$/)
  const [y, m, d] = vn ? [Number(vn[3]), Number(vn[2]), Number(vn[1])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [0, 0, 0]
  if (!y) return null
  const day = new Date(Date.UTC(y, m - 1, d))
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return null
  return day.toISOString().slice(0, 10)
}

/** What the grantee asks, per kind, as stored in contract_changes.details. */
export type ChangeDetails =
  | { kind: 'extension'; endsOn: string }
  | { kind: 'budget_move'; from: BudgetCategory; to: BudgetCategory; amount: number }
  | { kind: 'investigator'; name: string; idNumber: string }
  | { kind: 'host'; name: string; identifier: string }
  | { kind: 'suspension'; from: string; until: string }
  | { kind: 'termination' }

const text = (key: string, max: number) => z.string(key).trim().min(1, key).max(max, 'changes.e.tooLong')

/** The grantee's request: flat fields, the kind's ones required. */
export const changeRequestSchema = z
  .looseObject({
    kind: z.enum(CHANGE_KINDS, { message: 'changes.e.kind' }),
    reasons: z.string('changes.e.reasons').trim().min(10, 'changes.e.reasons').max(5000, 'changes.e.tooLong'),
  })
  .superRefine((v, ctx) => {
    const raw = v as Record<string, unknown>
    const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).trim() : '')
    const need = (k: string, message: string, ok: (s: string) => boolean) => {
      if (!ok(str(k))) ctx.addIssue({ code: 'custom', path: [k], message })
    }
    const isDay = (s: string) => isoDayOf(s) !== null
    const isCategory = (s: string) => (BUDGET_CATEGORIES as readonly string[]).includes(s)
    switch (v.kind) {
      case 'extension':
        need('endsOn', 'changes.e.date', isDay)
        break
      case 'budget_move':
        need('fromCategory', 'changes.e.category', isCategory)
        need('toCategory', 'changes.e.category', isCategory)
        if (isCategory(str('fromCategory')) && str('fromCategory') === str('toCategory')) ctx.addIssue({ code: 'custom', path: ['toCategory'], message: 'changes.e.sameCategory' })
        need('amount', 'changes.e.amount', (s) => (parseMoney(s) ?? 0) > 0)
        break
      case 'investigator':
        need('investigatorName', 'changes.e.investigatorName', (s) => s.length > 0 && s.length <= 200)
        need('investigatorId', 'changes.e.personId', (s) => /^(\d{9}|\d{12})$/.test(s))
        break
      case 'host':
        need('hostName', 'changes.e.hostName', (s) => s.length > 0 && s.length <= 300)
        need('hostIdentifier', 'changes.e.taxCode', (s) => /^\d{10}(-\d{3})?$/.test(s))
        break
      case 'suspension':
        need('suspendFrom', 'changes.e.date', isDay)
        need('suspendUntil', 'changes.e.date', isDay)
        if (isDay(str('suspendFrom')) && isDay(str('suspendUntil')) && isoDayOf(str('suspendUntil'))! <= isoDayOf(str('suspendFrom'))!)
          ctx.addIssue({ code: 'custom', path: ['suspendUntil'], message: 'changes.e.untilAfterFrom' })
        break
      case 'termination':
        break
    }
  })
  .transform((v): { kind: ContractChangeKind; reasons: string; details: ChangeDetails } => {
    const raw = v as Record<string, unknown>
    const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).trim() : '')
    switch (v.kind) {
      case 'extension':
        return { kind: v.kind, reasons: v.reasons, details: { kind: v.kind, endsOn: isoDayOf(str('endsOn'))! } }
      case 'budget_move':
        return { kind: v.kind, reasons: v.reasons, details: { kind: v.kind, from: str('fromCategory') as BudgetCategory, to: str('toCategory') as BudgetCategory, amount: parseMoney(str('amount'))! } }
      case 'investigator':
        return { kind: v.kind, reasons: v.reasons, details: { kind: v.kind, name: str('investigatorName'), idNumber: str('investigatorId') } }
      case 'host':
        return { kind: v.kind, reasons: v.reasons, details: { kind: v.kind, name: str('hostName'), identifier: str('hostIdentifier') } }
      case 'suspension':
        return { kind: v.kind, reasons: v.reasons, details: { kind: v.kind, from: isoDayOf(str('suspendFrom'))!, until: isoDayOf(str('suspendUntil'))! } }
      case 'termination':
        return { kind: v.kind, reasons: v.reasons, details: { kind: v.kind } }
    }
  })

/** The office's answer, sent to the director to sign: approve (a note is optional) or refuse (the reasons are not). */
export const reviewChangeSchema = z
  .looseObject({
    changeId: z.string('changes.e.notFound').uuid('changes.e.notFound'),
    outcome: z.enum(['approve', 'reject'], { message: 'changes.e.outcome' }),
    note: z.string().trim().max(5000, 'changes.e.tooLong').optional().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'reject' && v.note.length < 5) ctx.addIssue({ code: 'custom', path: ['note'], message: 'changes.e.rejectReasons' })
  })

/** The grantee's representative accepts an amendment, as the contract itself (draft.ts acceptSchema). */
export const acceptAmendmentSchema = z.object({
  amendmentId: z.string('changes.e.notFound').uuid('changes.e.notFound'),
  position: text('contracts.e.position', 200),
  confirmed: z.literal('yes', { message: 'contracts.e.confirm' }),
})
