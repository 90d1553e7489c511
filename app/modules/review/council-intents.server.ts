import { z } from 'zod'
import type { DB } from '../../../db'
import type { Lang } from '../../../db/schema'
import { fieldErrors } from '../../lib/forms.server'
import type { SessionUser } from '../auth'
import type { RequestMeta } from '../auth/accounts'
import { emailField, fullNameField } from '../auth/schemas'
import {
  addApplication,
  addMember,
  type CouncilResult,
  formCouncil,
  inviteMember,
  overrideConflict,
  removeApplication,
  removeMember,
  renameCouncil,
  setApplicationFlags,
  setMemberRole,
  setOpponents,
} from './councils'
import { councilNameFields } from './names'
import { COUNCIL_ROLES, type ReviewProblem } from './rules'

// The forms of a council's page (staff.councils.$id._index), one function per form (its hidden `intent`),
// each with its own schema: the route's action only reads the form, picks the function and turns the outcome
// into a redirect or the form's errors. A new form is one function here and one line in COUNCIL_INTENTS.

/** What every intent is given: the council, who acts, and the request's facts. */
export interface CouncilIntentContext {
  db: DB
  councilId: string
  actor: SessionUser
  ip: string | null
  appUrl: string
  lang: Lang
  meta: RequestMeta
}

/**
 * An intent's outcome: done (the notice to show and the part of the page to go back to, with the notice's
 * values), or the form's errors (catalogue keys by field, 'form' for the whole form) with the status to answer.
 */
export type CouncilIntentOutcome =
  | { ok: true; notice: string; anchor: string; params?: Record<string, string> }
  | { ok: false; status: 400 | 404; errors: Record<string, string>; problems?: ReviewProblem[] }

type Intent = (ctx: CouncilIntentContext, raw: Record<string, string>) => Promise<CouncilIntentOutcome>

const uuid = (message: string) => z.string(message).uuid(message)
const role = z.enum(COUNCIL_ROLES, 'councils.v.role')

const invalid = (error: z.ZodError): CouncilIntentOutcome => ({ ok: false, status: 400, errors: fieldErrors(error) })

/** A module's result as an outcome: a council that does not exist is a 404, any other refusal a 400. */
function outcome(r: CouncilResult, notice: string, anchor: string, notFound = 'councils.v.notFound'): CouncilIntentOutcome {
  if (r.ok) return { ok: true, notice, anchor }
  return { ok: false, status: r.errors.form === notFound || r.errors.form === 'councils.v.notFound' ? 404 : 400, errors: r.errors }
}

const base = (ctx: CouncilIntentContext) => ({ councilId: ctx.councilId, actor: ctx.actor, ip: ctx.ip })

const renameSchema = z.object(councilNameFields)

/** The council's name in Vietnamese and in English. */
export async function renameIntent(ctx: CouncilIntentContext, raw: Record<string, string>): Promise<CouncilIntentOutcome> {
  const parsed = renameSchema.safeParse(raw)
  if (!parsed.success) return invalid(parsed.error)
  return outcome(await renameCouncil(ctx.db, { ...base(ctx), nameVi: raw.nameVi, nameEn: raw.nameEn }), 'renamed', 'name')
}

const addMemberSchema = z.object({ email: emailField, role })

/** Adds a reviewer who has an account, by e-mail, with a role. */
export async function addMemberIntent(ctx: CouncilIntentContext, raw: Record<string, string>): Promise<CouncilIntentOutcome> {
  const parsed = addMemberSchema.safeParse(raw)
  if (!parsed.success) return invalid(parsed.error)
  return outcome(await addMember(ctx.db, { ...base(ctx), email: raw.email, role: parsed.data.role }), 'member_added', 'members')
}

const inviteMemberSchema = z.object({
  fullName: fullNameField,
  inviteEmail: emailField,
  inviteRole: role,
  lang: z.enum(['vi', 'en'], 'councils.v.role'),
})

/** Invites a new person as a reviewer (their account invitation, in the language chosen) and seats them. */
export async function inviteMemberIntent(ctx: CouncilIntentContext, raw: Record<string, string>): Promise<CouncilIntentOutcome> {
  const parsed = inviteMemberSchema.safeParse(raw)
  if (!parsed.success) return invalid(parsed.error)
  const { inviteRole, lang } = parsed.data
  return outcome(
    await inviteMember(ctx.db, { councilId: ctx.councilId, fullName: raw.fullName, email: raw.inviteEmail, role: inviteRole, lang, actor: ctx.actor, meta: ctx.meta }),
    'member_invited',
    'members',
  )
}

const memberSchema = z.object({ userId: uuid('councils.v.member.unknown') })

export async function removeMemberIntent(ctx: CouncilIntentContext, raw: Record<string, string>): Promise<CouncilIntentOutcome> {
  const parsed = memberSchema.safeParse(raw)
  if (!parsed.success) return invalid(parsed.error)
  return outcome(await removeMember(ctx.db, { ...base(ctx), userId: parsed.data.userId }), 'member_removed', 'members')
}

const setRoleSchema = memberSchema.extend({ role })

export async function setRoleIntent(ctx: CouncilIntentContext, raw: Record<string, string>): Promise<CouncilIntentOutcome> {
  const parsed = setRoleSchema.safeParse(raw)
  if (!parsed.success) return invalid(parsed.error)
  return outcome(await setMemberRole(ctx.db, { ...base(ctx), userId: parsed.data.userId, role: parsed.data.role }), 'role_changed', 'members')
}

const addApplicationSchema = z.object({ applicationId: uuid('councils.v.application') })

export async function addApplicationIntent(ctx: CouncilIntentContext, raw: Record<string, string>): Promise<CouncilIntentOutcome> {
  const parsed = addApplicationSchema.safeParse(raw)
  if (!parsed.success) return invalid(parsed.error)
  // "Already on the council …" names the other council in the page's language.
  return outcome(await addApplication(ctx.db, { ...base(ctx), applicationId: parsed.data.applicationId, lang: ctx.meta.lang }), 'application_added', 'applications')
}

/** The forms about one application of the council. */
const onApplicationSchema = z.object({ applicationId: uuid('councils.v.application.unknown') })

export async function removeApplicationIntent(ctx: CouncilIntentContext, raw: Record<string, string>): Promise<CouncilIntentOutcome> {
  const parsed = onApplicationSchema.safeParse(raw)
  if (!parsed.success) return invalid(parsed.error)
  return outcome(await removeApplication(ctx.db, { ...base(ctx), applicationId: parsed.data.applicationId }), 'application_removed', 'applications')
}

/** The ranking flags of one application (checkboxes: ticked when posted as 'on'). */
export async function flagsIntent(ctx: CouncilIntentContext, raw: Record<string, string>): Promise<CouncilIntentOutcome> {
  const parsed = onApplicationSchema.safeParse(raw)
  if (!parsed.success) return invalid(parsed.error)
  const flags = { leadProposed: raw.leadProposed === 'on', priorExcellent: raw.priorExcellent === 'on' }
  return outcome(await setApplicationFlags(ctx.db, { ...base(ctx), applicationId: parsed.data.applicationId, ...flags }), 'flags_saved', 'applications')
}

/** The opponents of one application: the selects `opponent1`, `opponent2`, … in order, the empty ones left out. */
export async function opponentsIntent(ctx: CouncilIntentContext, raw: Record<string, string>): Promise<CouncilIntentOutcome> {
  const parsed = onApplicationSchema.safeParse(raw)
  if (!parsed.success) return invalid(parsed.error)
  const opponentIds = Object.keys(raw)
    .filter((k) => /^opponent\d$/.test(k))
    .sort()
    .map((k) => raw[k])
    .filter(Boolean)
  return outcome(await setOpponents(ctx.db, { ...base(ctx), applicationId: parsed.data.applicationId, opponentIds }), 'opponents_saved', 'opponents')
}

const overrideSchema = z.object({
  assignmentId: uuid('councils.v.assignment.unknown'),
  reason: z.string('councils.v.override.reason').trim().min(5, 'councils.v.override.reason').max(2000, 'councils.v.override.tooLong'),
})

/** Lets a reviewer of this council see a dossier despite a conflict found in the data, for a written reason. */
export async function overrideIntent(ctx: CouncilIntentContext, raw: Record<string, string>): Promise<CouncilIntentOutcome> {
  const parsed = overrideSchema.safeParse(raw)
  if (!parsed.success) return invalid(parsed.error)
  // An assignment of another council is not found from this page.
  return outcome(await overrideConflict(ctx.db, { ...base(ctx), assignmentId: parsed.data.assignmentId, reason: raw.reason }), 'override_saved', 'conflicts', 'councils.v.assignment.unknown')
}

const formSchema = z.object({ reviewDueOn: z.string('councils.v.due.format').trim().min(1, 'councils.v.due.format') })

/** Forms the council (or refreshes its assignments): the notice says how many applications moved and invitations went. */
export async function formIntent(ctx: CouncilIntentContext, raw: Record<string, string>): Promise<CouncilIntentOutcome> {
  const parsed = formSchema.safeParse(raw)
  if (!parsed.success) return invalid(parsed.error)
  const r = await formCouncil(ctx.db, {
    ...base(ctx),
    reviewDueOn: raw.reviewDueOn,
    meetingDate: raw.meetingDate,
    meetingTime: raw.meetingTime,
    location: raw.location,
    appUrl: ctx.appUrl,
    lang: ctx.lang,
  })
  if (!r.ok) return { ok: false, status: 400, errors: r.errors, problems: r.problems }
  return { ok: true, notice: 'formed', anchor: 'form', params: { moved: String(r.moved.length), invited: String(r.invited), failed: String(r.failed.length) } }
}

/** Every form of the council's page by its `intent`. */
export const COUNCIL_INTENTS = {
  rename: renameIntent,
  add_member: addMemberIntent,
  invite_member: inviteMemberIntent,
  remove_member: removeMemberIntent,
  set_role: setRoleIntent,
  add_application: addApplicationIntent,
  remove_application: removeApplicationIntent,
  flags: flagsIntent,
  opponents: opponentsIntent,
  override: overrideIntent,
  form: formIntent,
} satisfies Record<string, Intent>

export type CouncilIntent = keyof typeof COUNCIL_INTENTS

/** The function of a posted `intent`, or null for anything else. */
export function councilIntent(intent: string | undefined): Intent | null {
  return intent && Object.prototype.hasOwnProperty.call(COUNCIL_INTENTS, intent) ? COUNCIL_INTENTS[intent as CouncilIntent] : null
}
