import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { ApplicationStatus, CouncilStatus, Lang } from '../../../db/schema'
import { translator } from '../../i18n'
import { parseVnDateTime } from '../../lib/params'
import { recordAudit } from '../audit'
import { inviteUser, type RequestMeta } from '../auth/accounts'
import { enqueueEmail } from '../notifications'
import { applyTransition } from '../workflow/apply'
import { vnDayOf } from '../workflow/schemas'
import { type DetectedConflict, detectConflictMatrix } from './conflicts'
import { COUNCIL_ROLES, type CouncilRole, councilProblems, opponentProblems, type ReviewProblem, type ReviewRules } from './rules'
import { getReviewRules } from '../fund'
import { councilName } from './names'
import { vnDate } from '../calendar'

// Councils (hội đồng tư vấn xét chọn) as the Fund's office forms them: the call, the members and their roles,
// the eligible applications of the call it reviews, the two opponent reviewers (phản biện) of each, the
// conflicts of interest found in the data, and the formation that creates every assignment, sends the
// applications to review through the status machine and invites the members.
// Errors are catalogue keys by field ("form" for the whole form), like every form of the portal.

type Actor = { id: string; email: string; fullName: string }
export type CouncilResult<T = object> = ({ ok: true } & T) | { ok: false; errors: Record<string, string> }

const fail = (field: string, key: string): { ok: false; errors: Record<string, string> } => ({ ok: false, errors: { [field]: key } })

/** The calls a council may be formed for: published or closed. */
export async function listCouncilCalls(db: DB) {
  return db.selectFrom('calls').select(['id', 'code', 'title_vi', 'title_en', 'status']).where('status', 'in', ['published', 'closed']).orderBy('closes_at', 'desc').execute()
}

/** A council's name as stored: NFC, trimmed, single spaces; null when it is not 3–200 characters long. */
function cleanName(name: string): string | null {
  const clean = (name ?? '').normalize('NFC').trim().replace(/\s+/g, ' ')
  return clean.length < 3 || clean.length > 200 ? null : clean
}

/** Both names of a council, or the fields that are wrong. */
function readNames(input: { nameVi: string; nameEn: string }): { ok: true; name_vi: string; name_en: string } | { ok: false; errors: Record<string, string> } {
  const name_vi = cleanName(input.nameVi)
  const name_en = cleanName(input.nameEn)
  const errors: Record<string, string> = {}
  if (!name_vi) errors.nameVi = 'councils.v.nameVi'
  if (!name_en) errors.nameEn = 'councils.v.nameEn'
  return name_vi && name_en ? { ok: true, name_vi, name_en } : { ok: false, errors }
}

export async function createCouncil(db: DB, input: { callId: string; nameVi: string; nameEn: string; actor: Actor; ip?: string | null }): Promise<CouncilResult<{ id: string }>> {
  const names = readNames(input)
  if (!names.ok) return names
  const { name_vi, name_en } = names
  const call = await db.selectFrom('calls').select(['id', 'status']).where('id', '=', input.callId).executeTakeFirst()
  if (!call || !['published', 'closed'].includes(call.status)) return fail('callId', 'councils.v.call')
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('councils').values({ call_id: call.id, name_vi, name_en, created_by: input.actor.id }).returning('id').executeTakeFirstOrThrow()
    await recordAudit(trx, { action: 'council.created', actor: input.actor, subjectType: 'council', subjectId: row.id, ip: input.ip ?? null, details: { nameVi: name_vi, nameEn: name_en, call: call.id } })
    return row.id
  })
  return { ok: true, id }
}

/** Renames a council, in both languages; what was already issued (minutes, mail) keeps the old name. */
export async function renameCouncil(db: DB, input: { councilId: string; nameVi: string; nameEn: string; actor: Actor; ip?: string | null }): Promise<CouncilResult> {
  const names = readNames(input)
  if (!names.ok) return names
  const { name_vi, name_en } = names
  const done = await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('councils').select(['name_vi', 'name_en']).where('id', '=', input.councilId).forUpdate().executeTakeFirst()
    if (!before) return false
    if (before.name_vi === name_vi && before.name_en === name_en) return true
    await trx.updateTable('councils').set({ name_vi, name_en, version: sql<number>`version + 1`, updated_at: new Date() }).where('id', '=', input.councilId).execute()
    await recordAudit(trx, {
      action: 'council.renamed',
      actor: input.actor,
      subjectType: 'council',
      subjectId: input.councilId,
      ip: input.ip ?? null,
      details: { from: { vi: before.name_vi, en: before.name_en }, to: { vi: name_vi, en: name_en } },
    })
    return true
  })
  return done ? { ok: true } : fail('form', 'councils.v.notFound')
}

export interface CouncilListRow {
  id: string
  nameVi: string
  nameEn: string
  status: CouncilStatus
  callId: string
  callCode: string
  callTitleVi: string
  callTitleEn: string
  members: number
  applications: number
  reviewDueOn: string | null
  createdAt: Date
}

export async function listCouncils(db: DB, filter: { callId?: string; status?: CouncilStatus } = {}): Promise<CouncilListRow[]> {
  let q = db
    .selectFrom('councils as c')
    .innerJoin('calls as k', 'k.id', 'c.call_id')
    .select((eb) => [
      'c.id',
      'c.name_vi',
      'c.name_en',
      'c.status',
      'c.call_id',
      'c.created_at',
      'k.code',
      'k.title_vi',
      'k.title_en',
      sql<string | null>`to_char(c.review_due_on, 'YYYY-MM-DD')`.as('due'),
      eb.selectFrom('council_members as m').select(sql<number>`count(*)::int`.as('n')).whereRef('m.council_id', '=', 'c.id').as('members'),
      eb.selectFrom('council_applications as a').select(sql<number>`count(*)::int`.as('n')).whereRef('a.council_id', '=', 'c.id').as('applications'),
    ])
  if (filter.callId) q = q.where('c.call_id', '=', filter.callId)
  if (filter.status) q = q.where('c.status', '=', filter.status)
  const rows = await q.orderBy('k.code').orderBy('c.created_at').execute()
  return rows.map((r) => ({
    id: r.id,
    nameVi: r.name_vi,
    nameEn: r.name_en,
    status: r.status,
    callId: r.call_id,
    callCode: r.code,
    callTitleVi: r.title_vi,
    callTitleEn: r.title_en,
    members: Number(r.members ?? 0),
    applications: Number(r.applications ?? 0),
    reviewDueOn: r.due,
    createdAt: r.created_at,
  }))
}

export interface CouncilMemberRow {
  userId: string
  fullName: string
  email: string
  role: CouncilRole
  /** 'invited' until the person sets their password. */
  accountStatus: string
}

export interface CouncilApplicationRow {
  applicationId: string
  reference: string | null
  title: string
  organisation: string
  status: ApplicationStatus
  leadProposed: boolean
  /** The second tie-break: the host organisation or the principal investigator had a task rated excellent within 5 years. */
  priorExcellent: boolean
  opponentIds: string[]
  opponentProblems: ReviewProblem[]
}

export interface MatrixCell {
  applicationId: string
  reviewerId: string
  /** Found in the data now (before formation) or stored with the assignment (after). */
  detected: DetectedConflict[]
  assignmentId: string | null
  opponent: boolean
  declaration: 'undeclared' | 'none' | 'declared'
  declaredReason: string | null
  overrideReason: string | null
  overriddenBy: string | null
  overriddenAt: Date | null
}

export interface CouncilDetail {
  id: string
  nameVi: string
  nameEn: string
  status: CouncilStatus
  version: number
  call: { id: string; code: string; titleVi: string; titleEn: string }
  reviewDueOn: string | null
  meetingAt: Date | null
  location: string
  members: CouncilMemberRow[]
  /** The composition's problems; a userId param comes with the person's name. */
  problems: ReviewProblem[]
  applications: CouncilApplicationRow[]
  matrix: MatrixCell[]
  /** Why the council cannot be formed yet (empty when it can). */
  formProblems: ReviewProblem[]
  rules: ReviewRules
}

const ROLE_ORDER: Record<CouncilRole, number> = { chair: 0, vice_chair: 1, secretary: 2, member: 3 }
/** Vietnamese names sort by the given name (the last word). */
const givenName = (n: string) => n.trim().split(/\s+/).pop() ?? ''
const collator = new Intl.Collator('vi')

export async function getCouncil(db: DB, id: string): Promise<CouncilDetail | null> {
  const c = await db
    .selectFrom('councils as c')
    .innerJoin('calls as k', 'k.id', 'c.call_id')
    .select([
      'c.id',
      'c.name_vi',
      'c.name_en',
      'c.status',
      'c.version',
      'c.meeting_at',
      'c.location',
      sql<string | null>`to_char(c.review_due_on, 'YYYY-MM-DD')`.as('due'),
      'k.id as call_id',
      'k.code',
      'k.title_vi',
      'k.title_en',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst()
  if (!c) return null
  const rules = await getReviewRules(db)
  const memberRows = await db
    .selectFrom('council_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.role', 'u.full_name', 'u.email', 'u.status'])
    .where('m.council_id', '=', id)
    .execute()
  const members: CouncilMemberRow[] = memberRows
    .map((m) => ({ userId: m.user_id, fullName: m.full_name, email: m.email, role: m.role, accountStatus: m.status }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || collator.compare(givenName(a.fullName), givenName(b.fullName)) || collator.compare(a.fullName, b.fullName))
  const nameOf = new Map(members.map((m) => [m.userId, m.fullName]))
  const named = (p: ReviewProblem): ReviewProblem => (typeof p.params.userId === 'string' ? { ...p, params: { ...p.params, name: nameOf.get(p.params.userId) ?? p.params.userId } } : p)
  const problems = councilProblems(
    members.map((m) => ({ userId: m.userId, role: m.role })),
    rules,
  ).map(named)

  const appRows = await db
    .selectFrom('council_applications as ca')
    .innerJoin('applications as a', 'a.id', 'ca.application_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['ca.application_id', 'ca.lead_proposed', 'ca.prior_excellent', 'a.reference', 'a.title', 'a.status', 'o.name'])
    .where('ca.council_id', '=', id)
    .orderBy('a.reference')
    .execute()
  const assignments = await db
    .selectFrom('review_assignments as r')
    .leftJoin('users as u', 'u.id', 'r.overridden_by')
    .select(['r.id', 'r.application_id', 'r.reviewer_id', 'r.opponent', 'r.conflict', 'r.conflict_reason', 'r.detected', 'r.override_reason', 'r.overridden_at', 'u.full_name as overrider'])
    .where('r.council_id', '=', id)
    .execute()
  const byPair = new Map(assignments.map((a) => [`${a.application_id}:${a.reviewer_id}`, a]))
  const memberIds = members.map((m) => m.userId)
  const applications: CouncilApplicationRow[] = appRows.map((a) => {
    const opponentIds = assignments.filter((x) => x.application_id === a.application_id && x.opponent).map((x) => x.reviewer_id)
    return {
      applicationId: a.application_id,
      reference: a.reference,
      title: a.title,
      organisation: a.name,
      status: a.status,
      leadProposed: a.lead_proposed,
      priorExcellent: a.prior_excellent,
      opponentIds,
      opponentProblems: opponentProblems(opponentIds, memberIds, rules).map(named),
    }
  })
  // Before formation the conflicts are found now; afterwards they are those stored with the assignment.
  const live = c.status === 'forming' ? await detectConflictMatrix(db, { applicationIds: applications.map((a) => a.applicationId), reviewerIds: memberIds }) : new Map<string, DetectedConflict[]>()
  const matrix: MatrixCell[] = []
  for (const a of applications) {
    for (const m of members) {
      const key = `${a.applicationId}:${m.userId}`
      const asg = byPair.get(key)
      matrix.push({
        applicationId: a.applicationId,
        reviewerId: m.userId,
        detected: c.status === 'forming' ? (live.get(key) ?? []) : ((asg?.detected ?? []) as DetectedConflict[]),
        assignmentId: asg?.id ?? null,
        opponent: asg?.opponent ?? false,
        declaration: asg?.conflict ?? 'undeclared',
        declaredReason: asg?.conflict_reason ?? null,
        overrideReason: asg?.override_reason ?? null,
        overriddenBy: asg?.overrider ?? null,
        overriddenAt: asg?.overridden_at ?? null,
      })
    }
  }
  const formProblems: ReviewProblem[] = [...problems]
  if (!applications.length) formProblems.push({ code: 'councils.problem.no_applications', params: {} })
  for (const a of applications) {
    if (a.opponentProblems.length) formProblems.push({ code: 'councils.problem.opponents', params: { reference: a.reference ?? a.title } })
    // An opponent the data shows in conflict would be blocked from the dossier: override it with a reason, or choose another.
    for (const id of a.opponentIds) {
      const cell = matrix.find((m) => m.applicationId === a.applicationId && m.reviewerId === id)
      if (cell && cell.detected.length && !cell.overrideReason) {
        formProblems.push({ code: 'councils.problem.opponent_conflict', params: { reference: a.reference ?? a.title, name: nameOf.get(id) ?? id } })
      }
    }
  }
  return {
    id: c.id,
    nameVi: c.name_vi,
    nameEn: c.name_en,
    status: c.status,
    version: c.version,
    call: { id: c.call_id, code: c.code, titleVi: c.title_vi, titleEn: c.title_en },
    reviewDueOn: c.due,
    meetingAt: c.meeting_at,
    location: c.location,
    members,
    problems,
    applications,
    matrix,
    formProblems,
    rules,
  }
}

/** The council when it may still change (forming), or the error to show. */
async function forming(db: DB, councilId: string) {
  const c = await db.selectFrom('councils').select(['id', 'status', 'call_id']).where('id', '=', councilId).executeTakeFirst()
  if (!c) return { error: fail('form', 'councils.v.notFound') }
  if (c.status !== 'forming') return { error: fail('form', 'councils.v.notForming') }
  return { council: c }
}

const touch = (trx: DB, councilId: string) => trx.updateTable('councils').set({ version: sql<number>`version + 1`, updated_at: new Date() }).where('id', '=', councilId).execute()

const isRole = (role: string): role is CouncilRole => (COUNCIL_ROLES as readonly string[]).includes(role)

/** Adds a person who holds the reviewer role, found by e-mail (case-insensitive), with a role on the council. */
export async function addMember(db: DB, input: { councilId: string; email: string; role: string; actor: Actor; ip?: string | null }): Promise<CouncilResult<{ userId: string }>> {
  const f = await forming(db, input.councilId)
  if (f.error) return f.error
  if (!isRole(input.role)) return fail('role', 'councils.v.role')
  const email = input.email.trim().toLowerCase()
  if (!email) return fail('email', 'validation.email.required')
  const user = await db.selectFrom('users').select(['id', 'status']).where(sql`lower(email)`, '=', email).executeTakeFirst()
  if (!user || user.status === 'disabled') return fail('email', 'councils.v.email.unknown')
  const reviewer = await db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).where('role', '=', 'reviewer').executeTakeFirst()
  if (!reviewer) return fail('email', 'councils.v.email.notReviewer')
  const role = input.role
  const added = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('council_members')
      .values({ council_id: input.councilId, user_id: user.id, role })
      .onConflict((oc) => oc.columns(['council_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst()
    if (!row) return false
    await touch(trx, input.councilId)
    await recordAudit(trx, { action: 'council.member_added', actor: input.actor, subjectType: 'council', subjectId: input.councilId, ip: input.ip ?? null, details: { user: user.id, role } })
    return true
  })
  if (!added) return fail('email', 'councils.v.email.already')
  return { ok: true, userId: user.id }
}

/**
 * Invites a new person as a reviewer (the account invitation: they get its e-mail to set a password; an
 * existing account simply receives the reviewer role), then adds them to the council with the role.
 */
export async function inviteMember(
  db: DB,
  input: { councilId: string; fullName: string; email: string; role: string; lang: Lang; actor: Actor; meta: RequestMeta },
): Promise<CouncilResult<{ userId: string }>> {
  const f = await forming(db, input.councilId)
  if (f.error) return f.error
  if (!isRole(input.role)) return fail('role', 'councils.v.role')
  const email = input.email.trim().toLowerCase()
  const existing = await db.selectFrom('users').select(['id', 'status']).where(sql`lower(email)`, '=', email).executeTakeFirst()
  if (existing?.status === 'disabled') return fail('inviteEmail', 'councils.v.email.unknown')
  if (existing) {
    const already = await db.selectFrom('council_members').select('user_id').where('council_id', '=', input.councilId).where('user_id', '=', existing.id).executeTakeFirst()
    if (already) return fail('inviteEmail', 'councils.v.email.already')
  }
  await inviteUser(db, input.actor, { fullName: input.fullName, email, role: 'reviewer', lang: input.lang }, input.meta)
  const added = await addMember(db, { councilId: input.councilId, email, role: input.role, actor: input.actor, ip: input.meta.ip })
  if (!added.ok) return { ok: false, errors: Object.fromEntries(Object.entries(added.errors).map(([k, v]) => [k === 'email' ? 'inviteEmail' : k, v])) }
  return added
}

export async function removeMember(db: DB, input: { councilId: string; userId: string; actor: Actor; ip?: string | null }): Promise<CouncilResult> {
  const f = await forming(db, input.councilId)
  if (f.error) return f.error
  const removed = await db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('council_members').where('council_id', '=', input.councilId).where('user_id', '=', input.userId).returning('role').executeTakeFirst()
    if (!row) return false
    // Their assignments (opponent roles) on this council go with them.
    await trx.deleteFrom('review_assignments').where('council_id', '=', input.councilId).where('reviewer_id', '=', input.userId).execute()
    await touch(trx, input.councilId)
    await recordAudit(trx, { action: 'council.member_removed', actor: input.actor, subjectType: 'council', subjectId: input.councilId, ip: input.ip ?? null, details: { user: input.userId, role: row.role } })
    return true
  })
  return removed ? { ok: true } : fail('form', 'councils.v.member.unknown')
}

export async function setMemberRole(db: DB, input: { councilId: string; userId: string; role: string; actor: Actor; ip?: string | null }): Promise<CouncilResult> {
  const f = await forming(db, input.councilId)
  if (f.error) return f.error
  if (!isRole(input.role)) return fail('role', 'councils.v.role')
  const role = input.role
  const changed = await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('council_members').select('role').where('council_id', '=', input.councilId).where('user_id', '=', input.userId).forUpdate().executeTakeFirst()
    if (!before) return false
    if (before.role === role) return true
    await trx.updateTable('council_members').set({ role }).where('council_id', '=', input.councilId).where('user_id', '=', input.userId).execute()
    await touch(trx, input.councilId)
    await recordAudit(trx, { action: 'council.member_role_changed', actor: input.actor, subjectType: 'council', subjectId: input.councilId, ip: input.ip ?? null, details: { user: input.userId, from: before.role, to: role } })
    return true
  })
  return changed ? { ok: true } : fail('form', 'councils.v.member.unknown')
}

/** The call's eligible applications not yet on any council (what may be added). */
export async function listAvailableApplications(db: DB, callId: string) {
  return db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('council_applications as ca', 'ca.application_id', 'a.id')
    .select(['a.id', 'a.reference', 'a.title', 'o.name as organisation'])
    .where('a.call_id', '=', callId)
    .where('a.status', '=', 'eligible')
    .where('ca.application_id', 'is', null)
    .orderBy('a.reference')
    .execute()
}

export interface AwaitingCouncil {
  callId: string
  callCode: string
  callTitleVi: string
  callTitleEn: string
  /** Eligible applications of the call on no council yet. */
  applications: number
}

/**
 * The calls whose eligible applications wait for a council (on none yet), with how many: the office's
 * councils to form. A call decided without a council is left out (the office takes its steps itself).
 */
export async function listAwaitingCouncil(db: DB): Promise<AwaitingCouncil[]> {
  const rows = await db
    .selectFrom('applications as a')
    .innerJoin('calls as k', 'k.id', 'a.call_id')
    .leftJoin('council_applications as ca', 'ca.application_id', 'a.id')
    .select(['k.id', 'k.code', 'k.title_vi', 'k.title_en', sql<number>`count(*)::int`.as('n')])
    .where('a.status', '=', 'eligible')
    .where('ca.application_id', 'is', null)
    .where('k.without_council', '=', false)
    .groupBy(['k.id', 'k.code', 'k.title_vi', 'k.title_en'])
    .orderBy('k.code')
    .execute()
  return rows.map((r) => ({ callId: r.id, callCode: r.code, callTitleVi: r.title_vi, callTitleEn: r.title_en, applications: Number(r.n) }))
}

/** Adds one of the call's eligible applications; an application sits on one council only. */
export async function addApplication(db: DB, input: { councilId: string; applicationId: string; actor: Actor; lang: Lang; ip?: string | null }): Promise<CouncilResult> {
  const f = await forming(db, input.councilId)
  if (f.error) return f.error
  const app = await db.selectFrom('applications').select(['id', 'call_id', 'status', 'reference']).where('id', '=', input.applicationId).executeTakeFirst()
  if (!app || app.call_id !== f.council.call_id) return fail('applicationId', 'councils.v.application.call')
  if (app.status !== 'eligible') return fail('applicationId', 'councils.v.application.notEligible')
  const taken = await db
    .selectFrom('council_applications as ca')
    .innerJoin('councils as c', 'c.id', 'ca.council_id')
    .select(['c.id', 'c.name_vi', 'c.name_en'])
    .where('ca.application_id', '=', app.id)
    .executeTakeFirst()
  if (taken) return fail('applicationId', `councils.v.application.taken?${new URLSearchParams({ council: councilName({ nameVi: taken.name_vi, nameEn: taken.name_en }, input.lang) })}`)
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('council_applications').values({ council_id: input.councilId, application_id: app.id }).execute()
      await touch(trx, input.councilId)
      await recordAudit(trx, { action: 'council.application_added', actor: input.actor, subjectType: 'council', subjectId: input.councilId, ip: input.ip ?? null, details: { application: app.id, reference: app.reference } })
    })
  } catch (e) {
    // Two people adding it to two councils at once: the UNIQUE constraint decides, the loser is told in words.
    if (String((e as { code?: string }).code) === '23505') return fail('applicationId', 'councils.v.application.takenNow')
    throw e
  }
  return { ok: true }
}

export async function removeApplication(db: DB, input: { councilId: string; applicationId: string; actor: Actor; ip?: string | null }): Promise<CouncilResult> {
  const f = await forming(db, input.councilId)
  if (f.error) return f.error
  const removed = await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('review_assignments').where('council_id', '=', input.councilId).where('application_id', '=', input.applicationId).execute()
    const row = await trx.deleteFrom('council_applications').where('council_id', '=', input.councilId).where('application_id', '=', input.applicationId).returning('application_id').executeTakeFirst()
    if (!row) return false
    await touch(trx, input.councilId)
    await recordAudit(trx, { action: 'council.application_removed', actor: input.actor, subjectType: 'council', subjectId: input.councilId, ip: input.ip ?? null, details: { application: input.applicationId } })
    return true
  })
  return removed ? { ok: true } : fail('form', 'councils.v.application.unknown')
}

/** The ranking flags of one application: the lead organisation also proposed the task; a prior task rated excellent. */
export async function setApplicationFlags(
  db: DB,
  input: { councilId: string; applicationId: string; leadProposed: boolean; priorExcellent: boolean; actor: Actor; ip?: string | null },
): Promise<CouncilResult> {
  const done = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('council_applications')
      .set({ lead_proposed: input.leadProposed, prior_excellent: input.priorExcellent })
      .where('council_id', '=', input.councilId)
      .where('application_id', '=', input.applicationId)
      .returning('application_id')
      .executeTakeFirst()
    if (!row) return false
    await touch(trx, input.councilId)
    await recordAudit(trx, {
      action: 'council.application_flags_changed',
      actor: input.actor,
      subjectType: 'council',
      subjectId: input.councilId,
      ip: input.ip ?? null,
      details: { application: input.applicationId, leadProposed: input.leadProposed, priorExcellent: input.priorExcellent },
    })
    return true
  })
  return done ? { ok: true } : fail('form', 'councils.v.application.unknown')
}

/**
 * The opponent reviewers of one application: exactly the configured number (2), distinct, on the council.
 * Their assignments are made now (with the conflicts found), the others' at formation.
 */
export async function setOpponents(
  db: DB,
  input: { councilId: string; applicationId: string; opponentIds: string[]; actor: Actor; ip?: string | null },
): Promise<CouncilResult> {
  const f = await forming(db, input.councilId)
  if (f.error) return f.error
  const onCouncil = await db.selectFrom('council_applications').select('application_id').where('council_id', '=', input.councilId).where('application_id', '=', input.applicationId).executeTakeFirst()
  if (!onCouncil) return fail('form', 'councils.v.application.unknown')
  const members = await db.selectFrom('council_members').select('user_id').where('council_id', '=', input.councilId).execute()
  const ids = input.opponentIds.filter(Boolean)
  const problems = opponentProblems(
    ids,
    members.map((m) => m.user_id),
    await getReviewRules(db),
  )
  if (problems.length) return fail('opponents', `${problems[0].code}?${new URLSearchParams(Object.entries(problems[0].params).map(([k, v]) => [k, String(v)]))}`)
  const detected = await detectConflictMatrix(db, { applicationIds: [input.applicationId], reviewerIds: ids })
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('review_assignments').set({ opponent: false }).where('council_id', '=', input.councilId).where('application_id', '=', input.applicationId).where('reviewer_id', 'not in', ids).execute()
    for (const reviewerId of ids) {
      const found = detected.get(`${input.applicationId}:${reviewerId}`) ?? []
      await trx
        .insertInto('review_assignments')
        .values({ council_id: input.councilId, application_id: input.applicationId, reviewer_id: reviewerId, opponent: true, detected: found })
        .onConflict((oc) => oc.columns(['application_id', 'reviewer_id']).doUpdateSet({ opponent: true, detected: found }))
        .execute()
    }
    await touch(trx, input.councilId)
    await recordAudit(trx, { action: 'council.opponents_set', actor: input.actor, subjectType: 'council', subjectId: input.councilId, ip: input.ip ?? null, details: { application: input.applicationId, opponents: ids } })
  })
  return { ok: true }
}

export interface FormOutcome {
  /** Applications moved eligible → in_review now. */
  moved: string[]
  /** Already in review (a second run). */
  skipped: string[]
  /** Refused by the status machine: the application and the reason. */
  failed: { applicationId: string; reason: string }[]
  invited: number
}

/**
 * Forms the council: no composition problems and every application with its opponents; one assignment per
 * member × application (opponent flag, due date, conflicts found, refreshed), status 'formed', an invitation
 * to each member in their language — in one transaction; then each eligible application goes to review
 * through the status machine, one by one (applyTransition opens its own transaction). Safe to run again on a
 * formed council: it refreshes the assignments, sends no second invitation and moves what is still eligible.
 */
export async function formCouncil(
  db: DB,
  input: { councilId: string; actor: Actor; reviewDueOn: string; meetingDate?: string; meetingTime?: string; location?: string; appUrl: string; lang?: Lang; ip?: string | null; now?: Date },
): Promise<({ ok: true } & FormOutcome) | { ok: false; errors: Record<string, string>; problems?: ReviewProblem[] }> {
  const now = input.now ?? new Date()
  const due = vnDayOf(input.reviewDueOn ?? '')
  if (!due) return fail('reviewDueOn', 'councils.v.due.format')
  if (due < vnDate(now)) return fail('reviewDueOn', 'councils.v.due.past')
  let meetingAt: Date | null = null
  if (input.meetingDate?.trim() || input.meetingTime?.trim()) {
    meetingAt = parseVnDateTime(input.meetingDate ?? '', input.meetingTime ?? '')
    if (!meetingAt) return fail('meetingDate', 'councils.v.meeting.format')
  }
  const location = (input.location ?? '').normalize('NFC').trim().slice(0, 300)
  const council = await getCouncil(db, input.councilId)
  if (!council) return fail('form', 'councils.v.notFound')
  if (council.status === 'concluded') return fail('form', 'councils.v.notForming')
  if (council.formProblems.length) return { ok: false, errors: { form: 'councils.v.problems' }, problems: council.formProblems }

  const appIds = council.applications.map((a) => a.applicationId)
  const memberIds = council.members.map((m) => m.userId)
  const detected = await detectConflictMatrix(db, { applicationIds: appIds, reviewerIds: memberIds })
  const opponents = new Set(council.applications.flatMap((a) => a.opponentIds.map((id) => `${a.applicationId}:${id}`)))
  const langs = await db.selectFrom('users').select(['id', 'lang']).where('id', 'in', memberIds).execute()
  const langOf = new Map(langs.map((u) => [u.id, u.lang]))

  const invited = await db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('councils').select(['status']).where('id', '=', council.id).forUpdate().executeTakeFirstOrThrow()
    const sendInvitations = locked.status === 'forming'
    for (const a of council.applications) {
      for (const m of council.members) {
        const key = `${a.applicationId}:${m.userId}`
        const found = detected.get(key) ?? []
        const opponent = opponents.has(key)
        await trx
          .insertInto('review_assignments')
          .values({ council_id: council.id, application_id: a.applicationId, reviewer_id: m.userId, opponent, due_on: due, detected: found })
          .onConflict((oc) => oc.columns(['application_id', 'reviewer_id']).doUpdateSet({ opponent, due_on: due, detected: found }))
          .execute()
      }
    }
    await trx
      .updateTable('councils')
      .set({ status: 'formed', review_due_on: due, meeting_at: meetingAt ?? council.meetingAt, location: location || council.location, version: sql<number>`version + 1`, updated_at: now })
      .where('id', '=', council.id)
      .execute()
    let sent = 0
    if (sendInvitations) {
      for (const m of council.members) {
        const lang = langOf.get(m.userId) ?? 'vi'
        const t = translator(lang)
        await enqueueEmail(trx, {
          template: 'reviewer_invitation',
          to: { address: m.email, name: m.fullName },
          lang,
          data: {
            name: m.fullName,
            council: councilName(council, lang),
            callCode: council.call.code,
            callTitle: lang === 'en' && council.call.titleEn ? council.call.titleEn : council.call.titleVi,
            role: t(`councils.role.${m.role}`),
            applications: council.applications.length,
            dueOn: due,
            link: `${input.appUrl}/review`,
          },
        })
        sent++
      }
    }
    await recordAudit(trx, {
      action: 'council.formed',
      actor: input.actor,
      subjectType: 'council',
      subjectId: council.id,
      ip: input.ip ?? null,
      details: { reviewDueOn: due, applications: appIds.length, members: memberIds.length, invitations: sent, again: !sendInvitations },
    })
    return sent
  })

  const outcome: FormOutcome = { moved: [], skipped: [], failed: [], invited }
  for (const a of council.applications) {
    const status = (await db.selectFrom('applications').select('status').where('id', '=', a.applicationId).executeTakeFirst())?.status
    if (status !== 'eligible') {
      if (status === 'in_review') outcome.skipped.push(a.applicationId)
      else outcome.failed.push({ applicationId: a.applicationId, reason: status ?? 'not_found' })
      continue
    }
    const result = await applyTransition(db, { applicationId: a.applicationId, event: 'start_review', as: 'staff', actor: input.actor, lang: input.lang ?? 'vi', appUrl: input.appUrl, ip: input.ip ?? null, now })
    if (result.ok) outcome.moved.push(a.applicationId)
    // Someone else's run moved it in the meantime: already in review, nothing lost.
    else if (result.reason === 'state' && result.current === 'in_review') outcome.skipped.push(a.applicationId)
    else outcome.failed.push({ applicationId: a.applicationId, reason: result.reason })
  }
  return { ok: true, ...outcome }
}

/**
 * Lets a reviewer see the dossier despite a conflict found in the data, for a reason the office writes down
 * (kept with the assignment and in the audit log). The assignment must be one of the council's.
 */
export async function overrideConflict(db: DB, input: { councilId: string; assignmentId: string; reason: string; actor: Actor; ip?: string | null; now?: Date }): Promise<CouncilResult> {
  const reason = (input.reason ?? '').normalize('NFC').trim()
  if (reason.length < 5) return fail('reason', 'councils.v.override.reason')
  if (reason.length > 2000) return fail('reason', 'councils.v.override.tooLong')
  const now = input.now ?? new Date()
  const done = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('review_assignments')
      .set({ override_reason: reason, overridden_by: input.actor.id, overridden_at: now })
      .where('id', '=', input.assignmentId)
      .where('council_id', '=', input.councilId)
      .returning(['council_id', 'application_id', 'reviewer_id', 'detected'])
      .executeTakeFirst()
    if (!row) return false
    await recordAudit(trx, {
      action: 'review.conflict_overridden',
      actor: input.actor,
      subjectType: 'application',
      subjectId: row.application_id,
      ip: input.ip ?? null,
      details: { assignment: input.assignmentId, council: row.council_id, reviewer: row.reviewer_id, reason, detected: row.detected },
    })
    return true
  })
  return done ? { ok: true } : fail('form', 'councils.v.assignment.unknown')
}
