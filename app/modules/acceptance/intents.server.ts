import { z } from 'zod'
import type { DB } from '../../../db'
import type { Lang } from '../../../db/schema'
import { fieldErrors } from '../../lib/forms.server'
import type { SessionUser } from '../auth'
import { emailField } from '../auth/schemas'
import { requestSignature } from '../decisions/requests'
import type { ReviewProblem } from '../review'
import { applyTransition, type TransitionResult } from '../workflow'
import { addAcceptanceMember, type AcceptanceResult, concludeAcceptance, formAcceptanceCouncil, removeAcceptanceMember } from './council'
import { ACCEPTANCE_ROLES } from './schemas'

// The forms of a task's acceptance page (staff.tasks.$id.acceptance), one function per form (its hidden
// `intent`), each with its schema: the route reads the form, picks the function, and turns the outcome into a
// redirect with its notice or the form's errors.

export interface AcceptanceIntentContext {
  db: DB
  applicationId: string
  actor: SessionUser
  ip: string | null
  appUrl: string
  lang: Lang
}

export type AcceptanceIntentOutcome = { ok: true; notice: string } | { ok: false; status: 400 | 403 | 404 | 409; errors: Record<string, string>; problems?: ReviewProblem[] }
type Intent = (ctx: AcceptanceIntentContext, raw: Record<string, string>) => Promise<AcceptanceIntentOutcome>

const invalid = (error: z.ZodError): AcceptanceIntentOutcome => ({ ok: false, status: 400, errors: fieldErrors(error) })
const outcome = (r: AcceptanceResult, notice: string): AcceptanceIntentOutcome => (r.ok ? { ok: true, notice } : r)

/** The machine's answer as an outcome: its refusal in words, on the form. */
function moved(r: TransitionResult, notice: string): AcceptanceIntentOutcome {
  if (r.ok) return { ok: true, notice }
  if (r.reason === 'invalid') return { ok: false, status: 400, errors: r.errors }
  if (r.reason === 'guard') return { ok: false, status: r.status, errors: { form: r.problem } }
  if (r.reason === 'not_found') return { ok: false, status: 404, errors: { form: 'acceptance.refused.notFound' } }
  if (r.reason === 'role') return { ok: false, status: 403, errors: { form: 'submission.refused.forbidden' } }
  return { ok: false, status: 409, errors: { form: 'acceptance.refused.notInAcceptance' } }
}

const addMemberSchema = z.object({ email: emailField, role: z.enum(ACCEPTANCE_ROLES, 'acceptance.v.role') })

/** Seats a reviewer, by the e-mail of their account, with a seat. */
export async function addMemberIntent(ctx: AcceptanceIntentContext, raw: Record<string, string>): Promise<AcceptanceIntentOutcome> {
  const parsed = addMemberSchema.safeParse(raw)
  if (!parsed.success) return invalid(parsed.error)
  return outcome(await addAcceptanceMember(ctx.db, { applicationId: ctx.applicationId, email: parsed.data.email, role: parsed.data.role, actor: ctx.actor, ip: ctx.ip }), 'member_added')
}

const memberSchema = z.object({ userId: z.string('councils.v.member.unknown').uuid('councils.v.member.unknown') })

export async function removeMemberIntent(ctx: AcceptanceIntentContext, raw: Record<string, string>): Promise<AcceptanceIntentOutcome> {
  const parsed = memberSchema.safeParse(raw)
  if (!parsed.success) return invalid(parsed.error)
  return outcome(await removeAcceptanceMember(ctx.db, { applicationId: ctx.applicationId, userId: parsed.data.userId, actor: ctx.actor, ip: ctx.ip }), 'member_removed')
}

const formSchema = z.object({ meetingOn: z.string('acceptance.v.meetingOn').trim().min(1, 'acceptance.v.meetingOn'), location: z.string('acceptance.v.location').trim().min(1, 'acceptance.v.location') })

/** Forms the council with its meeting's day and place, and invites its members. */
export async function formIntent(ctx: AcceptanceIntentContext, raw: Record<string, string>): Promise<AcceptanceIntentOutcome> {
  const parsed = formSchema.safeParse(raw)
  if (!parsed.success) return invalid(parsed.error)
  return outcome(await formAcceptanceCouncil(ctx.db, { applicationId: ctx.applicationId, ...parsed.data, actor: ctx.actor, appUrl: ctx.appUrl, ip: ctx.ip }), 'formed')
}

const concludeSchema = z.object({ conclusions: z.string('acceptance.v.conclusions').trim().min(5, 'acceptance.v.conclusions').max(10000, 'acceptance.v.tooLong?max=10000') })

/** Concludes the council from the members' ratings (the coded rule), with its written conclusions. */
export async function concludeIntent(ctx: AcceptanceIntentContext, raw: Record<string, string>): Promise<AcceptanceIntentOutcome> {
  const parsed = concludeSchema.safeParse(raw)
  if (!parsed.success) return invalid(parsed.error)
  const r = await concludeAcceptance(ctx.db, { applicationId: ctx.applicationId, conclusions: parsed.data.conclusions, actor: ctx.actor, ip: ctx.ip })
  return r.ok ? { ok: true, notice: 'concluded' } : r
}

/** Sends the concluded council's minutes to the member presiding to sign. */
export async function requestMinutesIntent(ctx: AcceptanceIntentContext): Promise<AcceptanceIntentOutcome> {
  const r = await requestSignature(ctx.db, { applicationId: ctx.applicationId, kind: 'acceptance_minutes', actor: ctx.actor, appUrl: ctx.appUrl, ip: ctx.ip })
  if (r.ok) return { ok: true, notice: 'requested' }
  return { ok: false, status: r.reason === 'not_found' ? 404 : 409, errors: { form: r.reason === 'no_signer' ? 'acceptance.refused.quorum' : 'acceptance.refused.noMinutes' } }
}

/** Records the pass (the machine checks the rating and the signed minutes). */
export async function passIntent(ctx: AcceptanceIntentContext, raw: Record<string, string>): Promise<AcceptanceIntentOutcome> {
  const r = await applyTransition(ctx.db, { applicationId: ctx.applicationId, event: 'pass_acceptance', actor: ctx.actor, as: 'staff', input: { note: raw.note }, lang: ctx.lang, appUrl: ctx.appUrl, ip: ctx.ip })
  return moved(r, 'passed')
}

/** Records the failure, with its reasons. */
export async function failIntent(ctx: AcceptanceIntentContext, raw: Record<string, string>): Promise<AcceptanceIntentOutcome> {
  const r = await applyTransition(ctx.db, { applicationId: ctx.applicationId, event: 'fail_acceptance', actor: ctx.actor, as: 'staff', input: { reasons: raw.reasons }, lang: ctx.lang, appUrl: ctx.appUrl, ip: ctx.ip })
  return moved(r, 'failed')
}

/** Every form of the acceptance page by its `intent`. */
export const ACCEPTANCE_INTENTS = {
  add_member: addMemberIntent,
  remove_member: removeMemberIntent,
  form: formIntent,
  conclude: concludeIntent,
  request_minutes: requestMinutesIntent,
  pass: passIntent,
  fail: failIntent,
} satisfies Record<string, Intent>

export type AcceptanceIntent = keyof typeof ACCEPTANCE_INTENTS

export function acceptanceIntent(intent: string | undefined): Intent | null {
  return intent && Object.prototype.hasOwnProperty.call(ACCEPTANCE_INTENTS, intent) ? ACCEPTANCE_INTENTS[intent as AcceptanceIntent] : null
}
