import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { AcceptanceCouncilStatus, AcceptanceRating, AcceptanceRole, ConflictState } from '../../../db/schema'
import { vnDate } from '../calendar'
import { getReviewRules } from '../fund'
import { enqueueEmail } from '../notifications'
import { recordAudit } from '../audit'
import { acceptanceRating, type CouncilMember, detectConflicts, type DetectedConflict, quorum, type ReviewProblem } from '../review'
import { parseVnDate } from '../../lib/params'
import { ACCEPTANCE_ROLES } from './schemas'

// The acceptance council of one funded task (hội đồng nghiệm thu), formed like a selection council: the office
// seats reviewers who have accounts, each with a seat (chair, vice-chair, secretary, opponent, member), sets the
// meeting, and forms it (the council's size is the fund's rule; one chair). Each member then declares whether
// they have a conflict of interest (the conflicts found in the data are shown beside), and rates the task
// Xuất sắc / Đạt / Không đạt with a comment. The office concludes it: the quorum (the fund's fraction, the chair
// or vice-chair present) counts the members who rated, and the rating is the coded rule (review/rules.ts
// acceptanceRating) over their ratings. Its minutes are then signed by the member presiding (minutes.ts).

type Actor = { id: string; email: string }

export interface AcceptanceMemberView {
  userId: string
  fullName: string
  email: string
  role: AcceptanceRole
  conflict: ConflictState
  conflictReason: string | null
  vote: AcceptanceRating | null
  comment: string
  votedAt: Date | null
  detected: DetectedConflict[]
}

export interface AcceptanceCouncilView {
  id: string
  applicationId: string
  status: AcceptanceCouncilStatus
  meetingOn: string | null
  location: string
  rating: AcceptanceRating | null
  conclusions: string
  votes: Record<string, number>
  concludedAt: Date | null
  members: AcceptanceMemberView[]
}

export type AcceptanceResult<T = object> = ({ ok: true } & T) | { ok: false; status: 400 | 404 | 409; errors: Record<string, string>; problems?: ReviewProblem[] }

const fail = (field: string, key: string, status: 400 | 404 | 409 = 400): { ok: false; status: 400 | 404 | 409; errors: Record<string, string> } => ({ ok: false, status, errors: { [field]: key } })
const ROLE_ORDER: Record<AcceptanceRole, number> = { chair: 0, vice_chair: 1, secretary: 2, opponent: 3, member: 4 }

export async function getAcceptanceCouncil(db: DB, applicationId: string): Promise<AcceptanceCouncilView | null> {
  const c = await db
    .selectFrom('acceptance_councils')
    .select(['id', 'application_id', 'status', 'location', 'rating', 'conclusions', 'votes', 'concluded_at', sql<string | null>`to_char(meeting_on, 'YYYY-MM-DD')`.as('meeting_on')])
    .where('application_id', '=', applicationId)
    .executeTakeFirst()
  if (!c) return null
  const rows = await db
    .selectFrom('acceptance_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.full_name', 'u.email', 'm.role', 'm.conflict', 'm.conflict_reason', 'm.vote', 'm.comment', 'm.voted_at'])
    .where('m.council_id', '=', c.id)
    .execute()
  const members: AcceptanceMemberView[] = []
  for (const r of rows) {
    members.push({
      userId: r.user_id,
      fullName: r.full_name,
      email: r.email,
      role: r.role,
      conflict: r.conflict,
      conflictReason: r.conflict_reason,
      vote: r.vote,
      comment: r.comment,
      votedAt: r.voted_at,
      detected: await detectConflicts(db, { applicationId, reviewerId: r.user_id }),
    })
  }
  members.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.fullName.localeCompare(b.fullName, 'vi'))
  return {
    id: c.id,
    applicationId: c.application_id,
    status: c.status,
    meetingOn: c.meeting_on,
    location: c.location,
    rating: c.rating,
    conclusions: c.conclusions,
    votes: c.votes,
    concludedAt: c.concluded_at,
    members,
  }
}

/** The task's row locked, in acceptance, and its council (created, forming, when `create`). */
async function lockTask(trx: DB, applicationId: string, create: boolean) {
  const app = await trx.selectFrom('applications').select(['id', 'status', 'call_id']).where('id', '=', applicationId).forUpdate().executeTakeFirst()
  if (!app) return { error: fail('form', 'acceptance.refused.notFound', 404) } as const
  if (app.status !== 'acceptance') return { error: fail('form', 'acceptance.refused.notInAcceptance', 409) } as const
  let council = await trx.selectFrom('acceptance_councils').select(['id', 'status']).where('application_id', '=', app.id).executeTakeFirst()
  if (!council && create) council = await trx.insertInto('acceptance_councils').values({ application_id: app.id }).returning(['id', 'status']).executeTakeFirstOrThrow()
  return { app, council } as const
}

/** Seats a reviewer (by the e-mail of their account) on the task's council, while it is being formed. */
export async function addAcceptanceMember(db: DB, input: { applicationId: string; email: string; role: AcceptanceRole; actor: Actor; ip?: string | null }): Promise<AcceptanceResult> {
  const email = input.email.trim().toLowerCase()
  const user = await db.selectFrom('users').select(['id', 'status']).where(sql`lower(email)`, '=', email).executeTakeFirst()
  if (!user || user.status === 'disabled') return fail('email', 'councils.v.email.unknown')
  const reviewer = await db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).where('role', '=', 'reviewer').executeTakeFirst()
  if (!reviewer) return fail('email', 'councils.v.email.notReviewer')
  return db.transaction().execute(async (trx): Promise<AcceptanceResult> => {
    const t = await lockTask(trx, input.applicationId, true)
    if ('error' in t) return t.error!
    if (t.council!.status !== 'forming') return fail('form', 'acceptance.refused.formed', 409)
    if (input.role === 'chair') {
      const chair = await trx.selectFrom('acceptance_members').select('user_id').where('council_id', '=', t.council!.id).where('role', '=', 'chair').executeTakeFirst()
      if (chair) return fail('role', 'acceptance.v.oneChair')
    }
    const row = await trx
      .insertInto('acceptance_members')
      .values({ council_id: t.council!.id, user_id: user.id, role: input.role })
      .onConflict((oc) => oc.columns(['council_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst()
    if (!row) return fail('email', 'councils.v.email.already')
    await recordAudit(trx, { action: 'acceptance.member_added', actor: input.actor, subjectType: 'application', subjectId: input.applicationId, ip: input.ip, details: { user: user.id, role: input.role } })
    return { ok: true }
  })
}

export async function removeAcceptanceMember(db: DB, input: { applicationId: string; userId: string; actor: Actor; ip?: string | null }): Promise<AcceptanceResult> {
  return db.transaction().execute(async (trx): Promise<AcceptanceResult> => {
    const t = await lockTask(trx, input.applicationId, false)
    if ('error' in t) return t.error!
    if (!t.council) return fail('form', 'acceptance.refused.noCouncil', 409)
    if (t.council.status !== 'forming') return fail('form', 'acceptance.refused.formed', 409)
    const gone = await trx.deleteFrom('acceptance_members').where('council_id', '=', t.council.id).where('user_id', '=', input.userId).executeTakeFirst()
    if (!Number(gone.numDeletedRows)) return fail('form', 'councils.v.member.unknown', 404)
    await recordAudit(trx, { action: 'acceptance.member_removed', actor: input.actor, subjectType: 'application', subjectId: input.applicationId, ip: input.ip, details: { user: input.userId } })
    return { ok: true }
  })
}

/**
 * Forms the council: the meeting's day (dd/mm/yyyy, not before today) and place, a size within the fund's range,
 * one chair; each member is told by mail. The council's make-up is then fixed.
 */
export async function formAcceptanceCouncil(
  db: DB,
  input: { applicationId: string; meetingOn: string; location: string; actor: Actor; appUrl: string; ip?: string | null; now?: Date },
): Promise<AcceptanceResult> {
  const now = input.now ?? new Date()
  const day = parseVnDate(input.meetingOn)
  if (!day) return fail('meetingOn', 'acceptance.v.meetingOn')
  const meetingOn = vnDate(day)
  if (meetingOn < vnDate(now)) return fail('meetingOn', 'acceptance.v.meetingPast')
  const location = input.location.normalize('NFC').trim()
  if (location.length < 3 || location.length > 300) return fail('location', 'acceptance.v.location')
  const rules = await getReviewRules(db)
  return db.transaction().execute(async (trx): Promise<AcceptanceResult> => {
    const t = await lockTask(trx, input.applicationId, false)
    if ('error' in t) return t.error!
    if (!t.council) return fail('form', 'acceptance.refused.noCouncil', 409)
    if (t.council.status !== 'forming') return fail('form', 'acceptance.refused.formed', 409)
    const members = await trx
      .selectFrom('acceptance_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.email', 'u.full_name', 'u.lang', 'm.role'])
      .where('m.council_id', '=', t.council.id)
      .execute()
    const problems: ReviewProblem[] = []
    if (members.length < rules.councilMin || members.length > rules.councilMax) problems.push({ code: 'council.problem.size', params: { min: rules.councilMin, max: rules.councilMax, count: members.length } })
    if (!members.some((m) => m.role === 'chair')) problems.push({ code: 'council.problem.chair', params: { count: 0 } })
    if (problems.length) return { ok: false, status: 409, errors: { form: 'acceptance.refused.notReady' }, problems }
    await trx.updateTable('acceptance_councils').set({ status: 'formed', meeting_on: meetingOn, location, formed_at: now, version: sql`version + 1` }).where('id', '=', t.council.id).execute()
    const task = await trx.selectFrom('applications').select(['reference', 'title']).where('id', '=', input.applicationId).executeTakeFirstOrThrow()
    for (const m of members) {
      await enqueueEmail(trx, {
        template: 'acceptance_event',
        to: { address: m.email, name: m.full_name },
        lang: m.lang,
        data: { name: m.full_name, event: 'invited', reference: task.reference ?? '', title: task.title, day: meetingOn, place: location, link: `${input.appUrl}/review/acceptance/${t.council.id}` },
      })
    }
    await recordAudit(trx, { action: 'acceptance.council_formed', actor: input.actor, subjectType: 'application', subjectId: input.applicationId, ip: input.ip, details: { members: members.length, meetingOn } })
    return { ok: true }
  })
}

/** The seat of a member on a formed council (or why not), the council row locked. */
async function memberSeat(trx: DB, councilId: string, userId: string) {
  const council = await trx.selectFrom('acceptance_councils').select(['id', 'status', 'application_id']).where('id', '=', councilId).forUpdate().executeTakeFirst()
  const seat = council && (await trx.selectFrom('acceptance_members').select(['role', 'conflict', 'vote']).where('council_id', '=', councilId).where('user_id', '=', userId).executeTakeFirst())
  if (!council || !seat) return { error: fail('form', 'acceptance.refused.notMember', 404) } as const
  if (council.status !== 'formed') return { error: fail('form', council.status === 'concluded' ? 'acceptance.refused.concluded' : 'acceptance.refused.notFormed', 409) } as const
  return { council, seat } as const
}

/** A member declares a conflict of interest (with its reason) or that they have none; a conflict withdraws their rating. */
export async function declareAcceptanceConflict(db: DB, input: { councilId: string; userId: string; conflict: 'none' | 'declared'; reason: string; actor: Actor; ip?: string | null }): Promise<AcceptanceResult> {
  return db.transaction().execute(async (trx): Promise<AcceptanceResult> => {
    const s = await memberSeat(trx, input.councilId, input.userId)
    if ('error' in s) return s.error!
    const declared = input.conflict === 'declared'
    await trx
      .updateTable('acceptance_members')
      .set({ conflict: input.conflict, conflict_reason: declared ? input.reason.normalize('NFC') : null, declared_at: new Date(), ...(declared ? { vote: null, comment: '', voted_at: null } : {}) })
      .where('council_id', '=', input.councilId)
      .where('user_id', '=', input.userId)
      .execute()
    await recordAudit(trx, { action: 'acceptance.conflict_declared', actor: input.actor, subjectType: 'application', subjectId: s.council.application_id, ip: input.ip, details: { conflict: input.conflict } })
    return { ok: true }
  })
}

/** A member's rating of the task, with their comment; changeable until the council concludes. */
export async function castAcceptanceVote(db: DB, input: { councilId: string; userId: string; vote: AcceptanceRating; comment: string; actor: Actor; ip?: string | null }): Promise<AcceptanceResult> {
  return db.transaction().execute(async (trx): Promise<AcceptanceResult> => {
    const s = await memberSeat(trx, input.councilId, input.userId)
    if ('error' in s) return s.error!
    if (s.seat.conflict !== 'none') return fail('form', 'acceptance.refused.declareFirst', 409)
    await trx
      .updateTable('acceptance_members')
      .set({ vote: input.vote, comment: input.comment.normalize('NFC'), voted_at: new Date() })
      .where('council_id', '=', input.councilId)
      .where('user_id', '=', input.userId)
      .execute()
    await recordAudit(trx, { action: 'acceptance.voted', actor: input.actor, subjectType: 'application', subjectId: s.council.application_id, ip: input.ip })
    return { ok: true }
  })
}

/**
 * The council's conclusion: the members who rated count as present; the quorum is the fund's fraction of the
 * members without a conflict, with the chair (or, when the chair has a conflict, the vice-chair) among them;
 * the rating is the coded rule over their ratings. Kept with the counts of each rating.
 */
export async function concludeAcceptance(db: DB, input: { applicationId: string; conclusions: string; actor: Actor; ip?: string | null; now?: Date }): Promise<AcceptanceResult<{ rating: AcceptanceRating }>> {
  const rules = await getReviewRules(db)
  const conclusions = input.conclusions.normalize('NFC').trim()
  if (conclusions.length < 5) return fail('conclusions', 'acceptance.v.conclusions')
  if (conclusions.length > 10000) return fail('conclusions', 'acceptance.v.tooLong?max=10000')
  return db.transaction().execute(async (trx): Promise<AcceptanceResult<{ rating: AcceptanceRating }>> => {
    const t = await lockTask(trx, input.applicationId, false)
    if ('error' in t) return t.error!
    if (!t.council || t.council.status !== 'formed') return fail('form', t.council?.status === 'concluded' ? 'acceptance.refused.concluded' : 'acceptance.refused.notFormed', 409)
    const members = await trx.selectFrom('acceptance_members').select(['user_id', 'role', 'conflict', 'vote']).where('council_id', '=', t.council.id).execute()
    const asCouncil: CouncilMember[] = members.map((m) => ({ userId: m.user_id, role: m.role === 'opponent' ? 'member' : m.role }))
    const voters = members.filter((m) => m.vote && m.conflict === 'none')
    const q = quorum(
      {
        members: asCouncil,
        present: voters.map((m) => m.user_id),
        viceChairAuthorised: false,
        opponentIds: members.filter((m) => m.role === 'opponent').map((m) => m.user_id),
        conflicted: members.filter((m) => m.conflict === 'declared').map((m) => m.user_id),
        attendanceRecorded: true,
      },
      rules,
    )
    if (!q.ok) return { ok: false, status: 409, errors: { form: 'acceptance.refused.quorum' }, problems: q.problems }
    const rating = acceptanceRating(
      voters.map((m) => m.vote!),
      rules,
    )!
    const votes = { excellent: 0, pass: 0, fail: 0, voters: voters.length, members: members.length }
    for (const v of voters) votes[v.vote!] += 1
    await trx
      .updateTable('acceptance_councils')
      .set({ status: 'concluded', rating, conclusions, votes, concluded_at: input.now ?? new Date(), concluded_by: input.actor.id, version: sql`version + 1` })
      .where('id', '=', t.council.id)
      .execute()
    await recordAudit(trx, { action: 'acceptance.concluded', actor: input.actor, subjectType: 'application', subjectId: input.applicationId, ip: input.ip, details: { rating, ...votes } })
    return { ok: true, rating }
  })
}

/** The council a reviewer sits on, by its id, with the task it accepts; null when they do not sit on it. */
export async function acceptanceSeatOf(db: DB, councilId: string, userId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(councilId)) return null
  const row = await db
    .selectFrom('acceptance_members as m')
    .innerJoin('acceptance_councils as c', 'c.id', 'm.council_id')
    .innerJoin('applications as a', 'a.id', 'c.application_id')
    .select(['c.id', 'c.application_id', 'a.reference', 'a.title', 'm.role'])
    .where('m.council_id', '=', councilId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst()
  return row ?? null
}

export const isAcceptanceRole = (v: string): v is AcceptanceRole => (ACCEPTANCE_ROLES as readonly string[]).includes(v)
