import { createHash } from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { Lang } from '../../i18n'
import { uuidParam } from '../../lib/params'
import { recordAudit } from '../audit'
import { authorizeUser, type RouteId, type SessionUser } from '../auth'
import { getReviewRules } from '../fund'
import { enqueueEmail } from '../notifications'
import { applyTransition } from '../workflow'
import { type ApplicationScore, aggregateBallots, type RankPlacement, rankApplications } from './aggregate'
import { rubricCriteria, type RubricCriterion, toCriteria } from './ballots'
import { blockedByConflict, type CouncilMember, type CouncilRole, type QuorumResult, quorum, type ReviewRules } from './rules'
import { startPoller } from '../../lib/poller'
import { vnDate } from '../calendar'
import { councilName } from './names'

// The council meeting: who is present, whether the council may decide (quorum, per application), the score
// table of each application from the submitted ballots of the members present, the ranking against the call's
// budget, and the conclusion, which moves each application through the status machine.
//
// Which ballots count: the submitted ballots of members marked present. A member who is absent, or who has a
// conflict of interest on the application (declared, or found in the data and not overridden), has no ballot in
// its table; the conflicted member is also left out of its quorum and of the members present its zero-score rule
// counts (rules.ts: quorum). A present member assigned to the application without a conflict who has not
// submitted holds up the conclusion ("pending").
//
// Nothing is classed or ranked before it can be decided: an application is "ready" with its quorum and every
// ballot in; until then the page says what is missing, and the ranking holds only the ready applications.
//
// contentScore (the third tie-break, "higher score on content and plan"): the mean, over the valid ballots,
// of the first criterion of the call's rubric whose Vietnamese name starts with "Nội dung"; 0 when the rubric
// has none.

export interface MeetingActor {
  id: string
  email: string
  fullName: string
  roles: readonly string[]
}

export interface MeetingMember {
  userId: string
  fullName: string
  role: CouncilRole
  present: boolean | null
}

export interface MeetingBallot {
  reviewerId: string
  reviewerName: string
  opponent: boolean
  total: number | null
  valid: boolean
  invalidReason: 'malformed' | 'deviation' | null
  deviationPct: number | null
  recommendation: string | null
  scores: Record<string, number>
}

/** A member left out of an application for a conflict of interest: declared by them, or found in the data. */
export interface MeetingConflict {
  userId: string
  fullName: string
  kind: 'declared' | 'detected'
}

export interface MeetingApplication {
  id: string
  reference: string | null
  title: string
  status: string
  requestedAmount: number
  leadProposed: boolean
  priorExcellent: boolean
  opponentIds: string[]
  quorum: QuorumResult
  /** Members who do not sit on this application, and why. */
  conflicts: MeetingConflict[]
  /** Members present without a conflict: the zero-score rule counts against them. */
  membersPresent: number
  ballots: MeetingBallot[]
  /** Names of present members, assigned without a conflict, whose ballot is not submitted. */
  pending: string[]
  /** Quorum and every ballot in: its score, recommendation and rank mean something. */
  ready: boolean
  score: ApplicationScore
  contentScore: number
}

export interface Meeting {
  council: { id: string; nameVi: string; nameEn: string; status: string; meetingAt: Date | null; location: string; viceChairAuthorised: boolean }
  call: { id: string; code: string; titleVi: string; titleEn: string; budgetTotal: number }
  rules: ReviewRules
  criteria: RubricCriterion[]
  /** Key of the criterion used as contentScore, or null. */
  contentKey: string | null
  members: MeetingMember[]
  /** The attendance has been saved at least once. */
  attendanceRecorded: boolean
  membersPresent: number
  applications: MeetingApplication[]
  /** The ready applications, ranked against the call's budget. */
  ranking: (RankRow & RankPlacement)[]
  /** Quorum for every application and no ballot pending. */
  canConclude: boolean
}

interface RankRow {
  applicationId: string
  reference: string | null
  title: string
  finalScore: number | null
  recommended: boolean
  requestedAmount: number
  priorExcellentWithin5Years: boolean
  contentScore: number
}

/** The meeting page is for the Fund's staff and the council's secretary; anyone else: false (404). */
export async function mayRunMeeting(db: DB, councilId: string, user: { id: string; roles: readonly string[] }): Promise<boolean> {
  if (user.roles.includes('staff')) return true
  const m = await db.selectFrom('council_members').select('role').where('council_id', '=', councilId).where('user_id', '=', user.id).executeTakeFirst()
  return m?.role === 'secretary'
}

type Args = { request: Request; context: AppLoadContext; params: Record<string, string | undefined> }

/** The guard of the meeting's pages (/staff/councils/:id/meeting, conclude, minutes): the route's permission, then {@link mayRunMeeting}; anyone else gets a 404. */
export async function authorizeMeeting(args: Args, routeId: RouteId): Promise<{ user: SessionUser; councilId: string }> {
  const user = await authorizeUser(args, routeId)
  const councilId = uuidParam(args.params.id)
  if (!(await mayRunMeeting(args.context.db, councilId, user))) throw new Response('Not found', { status: 404 })
  return { user, councilId }
}

/** The formed councils this person is the scientific secretary of: the meetings they run. */
export async function listSecretaryCouncils(db: DB, userId: string): Promise<{ id: string; nameVi: string; nameEn: string; status: string; meetingAt: Date | null }[]> {
  const rows = await db
    .selectFrom('council_members as m')
    .innerJoin('councils as c', 'c.id', 'm.council_id')
    .select(['c.id', 'c.name_vi', 'c.name_en', 'c.status', 'c.meeting_at'])
    .where('m.user_id', '=', userId)
    .where('m.role', '=', 'secretary')
    .where('c.status', '!=', 'forming')
    .orderBy('c.created_at', 'desc')
    .execute()
  return rows.map((r) => ({ id: r.id, nameVi: r.name_vi, nameEn: r.name_en, status: r.status, meetingAt: r.meeting_at }))
}

export interface CallRanking {
  call: { id: string; code: string; budgetTotal: number }
  rows: (RankRow & RankPlacement & { councilNameVi: string; councilNameEn: string; decided: string })[]
  /** Concluded applications of the call / all its applications before a council. */
  concluded: number
  pending: number
}

/**
 * The call's ranking over every council's conclusions (a call may have councils per group of applications):
 * the official tie-breaks, the requested amounts added up in rank order against the call's budget, and the
 * cut line. Before every council has concluded it is provisional (`pending` says how many are missing).
 */
export async function rankCall(db: DB, callId: string): Promise<CallRanking | null> {
  const call = await db.selectFrom('calls').select(['id', 'code', 'budget_total']).where('id', '=', callId).executeTakeFirst()
  if (!call) return null
  const rows = await db
    .selectFrom('council_conclusions as k')
    .innerJoin('councils as c', 'c.id', 'k.council_id')
    .innerJoin('applications as a', 'a.id', 'k.application_id')
    .innerJoin('council_applications as ca', 'ca.application_id', 'k.application_id')
    .select(['a.id', 'a.reference', 'a.title', 'a.requested_amount', 'a.status', 'k.final_score', 'k.recommended', 'ca.prior_excellent', 'c.name_vi', 'c.name_en'])
    // Only the tie-break's number from the stored score table: the whole table is ~10× the read (bench/ranking).
    .select(sql<string | null>`k.data ->> 'contentScore'`.as('content_score'))
    .where('c.call_id', '=', callId)
    .execute()
  const waiting = await db
    .selectFrom('council_applications as ca')
    .innerJoin('councils as c', 'c.id', 'ca.council_id')
    .leftJoin('council_conclusions as k', 'k.application_id', 'ca.application_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.call_id', '=', callId)
    .where('k.application_id', 'is', null)
    .executeTakeFirstOrThrow()
  const items = rows.map((r) => ({
    applicationId: r.id,
    reference: r.reference,
    title: r.title,
    finalScore: r.final_score === null ? null : Number(r.final_score),
    recommended: r.recommended,
    requestedAmount: Number(r.requested_amount),
    priorExcellentWithin5Years: r.prior_excellent,
    contentScore: Number(r.content_score ?? 0),
    councilNameVi: r.name_vi,
    councilNameEn: r.name_en,
    decided: r.status,
  }))
  return {
    call: { id: call.id, code: call.code, budgetTotal: Number(call.budget_total) },
    rows: rankApplications(items, Number(call.budget_total)),
    concluded: items.length,
    pending: Number(waiting.n),
  }
}

/** Everything the meeting shows, computed from the stored attendance and ballots; null when no such council. */
export async function getMeeting(db: DB, councilId: string): Promise<Meeting | null> {
  const council = await db.selectFrom('councils').selectAll().where('id', '=', councilId).executeTakeFirst()
  if (!council) return null
  const call = await db.selectFrom('calls').select(['id', 'code', 'title_vi', 'title_en', 'budget_total', 'rubric_id']).where('id', '=', council.call_id).executeTakeFirstOrThrow()
  const rules = await getReviewRules(db)
  const criteria = await rubricCriteria(db, call.rubric_id)
  const contentKey = criteria.find((c) => c.nameVi.trim().toLocaleLowerCase('vi').startsWith('nội dung'))?.key ?? null
  const members = (
    await db
      .selectFrom('council_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.user_id', 'u.full_name', 'm.role', 'm.present'])
      .where('m.council_id', '=', councilId)
      .orderBy(sql`case m.role when 'chair' then 0 when 'vice_chair' then 1 when 'secretary' then 2 else 3 end`)
      .orderBy('u.full_name')
      .execute()
  ).map((m) => ({ userId: m.user_id, fullName: m.full_name, role: m.role, present: m.present }))
  const councilMembers: CouncilMember[] = members.map((m) => ({ userId: m.userId, role: m.role }))
  const presentIds = members.filter((m) => m.present === true).map((m) => m.userId)
  const present = new Set(presentIds)
  const attendanceRecorded = members.some((m) => m.present !== null)
  const names = new Map(members.map((m) => [m.userId, m.fullName]))

  const apps = await db
    .selectFrom('council_applications as ca')
    .innerJoin('applications as a', 'a.id', 'ca.application_id')
    .select(['a.id', 'a.reference', 'a.title', 'a.status', 'a.requested_amount', 'ca.lead_proposed', 'ca.prior_excellent'])
    .where('ca.council_id', '=', councilId)
    .orderBy('a.reference')
    .execute()
  const assignments = await db
    .selectFrom('review_assignments as ra')
    .leftJoin('reviews as r', 'r.assignment_id', 'ra.id')
    .innerJoin('users as u', 'u.id', 'ra.reviewer_id')
    .select(['ra.application_id', 'ra.reviewer_id', 'ra.opponent', 'ra.conflict', 'ra.detected', 'ra.override_reason', 'u.full_name', 'r.state', 'r.scores', 'r.recommendation'])
    .where('ra.council_id', '=', councilId)
    .execute()

  const applications: MeetingApplication[] = apps.map((a) => {
    const mine = assignments.filter((x) => x.application_id === a.id)
    const opponentIds = mine.filter((x) => x.opponent).map((x) => x.reviewer_id)
    const conflicts: MeetingConflict[] = mine
      .filter((x) => x.conflict === 'declared' || blockedByConflict(x))
      .map((x) => ({ userId: x.reviewer_id, fullName: x.full_name, kind: x.conflict === 'declared' ? 'declared' : 'detected' }))
    const conflicted = new Set(conflicts.map((x) => x.userId))
    const q = quorum(
      { members: councilMembers, present: presentIds, viceChairAuthorised: council.vice_chair_authorised, opponentIds, conflicted: [...conflicted], attendanceRecorded },
      rules,
    )
    // In the council's order (chair first), as the page lists the members.
    conflicts.sort((x, y) => q.conflicted.indexOf(x.userId) - q.conflicted.indexOf(y.userId))
    const sitting = mine.filter((x) => present.has(x.reviewer_id) && !conflicted.has(x.reviewer_id))
    const submitted = sitting.filter((x) => x.state === 'submitted')
    const pending = sitting.filter((x) => x.state !== 'submitted').map((x) => x.full_name)
    const score = aggregateBallots(
      submitted.map((x) => ({ reviewerId: x.reviewer_id, scores: (x.scores ?? {}) as Record<string, number> })),
      toCriteria(criteria),
      { membersPresent: q.presentCount, leadProposedTask: a.lead_proposed },
      rules,
    )
    const ballots: MeetingBallot[] = score.ballots.map((b, i) => ({
      ...b,
      reviewerName: names.get(b.reviewerId) ?? submitted[i].full_name,
      opponent: submitted[i].opponent,
      recommendation: submitted[i].recommendation,
      scores: (submitted[i].scores ?? {}) as Record<string, number>,
    }))
    return {
      id: a.id,
      reference: a.reference,
      title: a.title,
      status: a.status,
      requestedAmount: Number(a.requested_amount),
      leadProposed: a.lead_proposed,
      priorExcellent: a.prior_excellent,
      opponentIds,
      quorum: q,
      conflicts,
      membersPresent: q.presentCount,
      ballots,
      pending,
      ready: q.ok && pending.length === 0,
      score,
      contentScore: contentKey ? (score.criterionMeans[contentKey] ?? 0) : 0,
    }
  })
  const ranking = rankApplications(
    applications.filter((a) => a.ready).map((a) => ({
      applicationId: a.id,
      reference: a.reference,
      title: a.title,
      finalScore: a.score.finalScore,
      recommended: a.score.recommended,
      requestedAmount: a.requestedAmount,
      priorExcellentWithin5Years: a.priorExcellent,
      contentScore: a.contentScore,
    })),
    Number(call.budget_total),
  )
  return {
    council: {
      id: council.id,
      nameVi: council.name_vi,
      nameEn: council.name_en,
      status: council.status,
      meetingAt: council.meeting_at,
      location: council.location,
      viceChairAuthorised: council.vice_chair_authorised,
    },
    call: { id: call.id, code: call.code, titleVi: call.title_vi, titleEn: call.title_en, budgetTotal: Number(call.budget_total) },
    rules,
    criteria,
    contentKey,
    members,
    attendanceRecorded,
    membersPresent: presentIds.length,
    applications,
    ranking,
    canConclude: council.status !== 'concluded' && applications.length > 0 && applications.every((a) => a.ready),
  }
}

/** Records who is present (the ids given; every other member absent). Refused once the council concluded. */
export async function saveAttendance(
  db: DB,
  input: { councilId: string; actor: { id: string; email: string }; present: readonly string[]; ip?: string | null },
): Promise<{ ok: true } | { ok: false; status: 404 | 409; errors: Record<string, string> }> {
  return db.transaction().execute(async (trx): Promise<{ ok: true } | { ok: false; status: 404 | 409; errors: Record<string, string> }> => {
    const council = await trx.selectFrom('councils').select(['id', 'status']).where('id', '=', input.councilId).forUpdate().executeTakeFirst()
    if (!council) return { ok: false, status: 404, errors: {} } as const
    if (council.status === 'concluded') return { ok: false, status: 409, errors: { form: 'reviewing.meeting.error.concluded' } } as const
    const members = await trx.selectFrom('council_members').select('user_id').where('council_id', '=', council.id).execute()
    const ids = new Set(input.present)
    const present = members.filter((m) => ids.has(m.user_id)).map((m) => m.user_id)
    // One statement for the whole council: ticked members present, everyone else absent.
    await trx
      .updateTable('council_members')
      .set((eb) => ({ present: present.length ? eb('user_id', 'in', present).$castTo<boolean>() : eb.lit(false) }))
      .where('council_id', '=', council.id)
      .execute()
    await recordAudit(trx, {
      action: 'council.attendance_recorded',
      actor: input.actor,
      subjectType: 'council',
      subjectId: council.id,
      ip: input.ip ?? null,
      details: { present, members: members.length },
    })
    return { ok: true } as const
  })
}

/**
 * What the conclusion would record, in a few characters: the attendance and each application's score,
 * recommendation and place. The confirmation page sends it back; a conclusion asked for on other numbers than
 * the ones shown (a ballot or the attendance changed in between) is refused and shown again.
 */
export function conclusionDigest(meeting: Meeting): string {
  const facts = {
    present: meeting.members.filter((m) => m.present === true).map((m) => m.userId),
    applications: meeting.applications.map((a) => [a.id, a.membersPresent, a.score.finalScore, a.score.recommended, a.ballots.map((b) => [b.reviewerId, b.total, b.valid])]),
    ranking: meeting.ranking.map((r) => [r.applicationId, r.rank, r.fundable]),
  }
  return createHash('sha256').update(JSON.stringify(facts)).digest('base64url').slice(0, 22)
}

export type ConcludeResult =
  | { ok: true; already: boolean; moved: { applicationId: string; status: string }[] }
  | { ok: false; status: 403 | 404 | 409; errors: Record<string, string> }

/**
 * Concludes the council: with the quorum for every application and every present member's ballot in, writes
 * each application's conclusion (mean, final score, rank, recommended, fundable, and the score table), moves
 * it in_review → reviewed → recommended / not_recommended through the status machine, and marks the council
 * concluded. Safe to re-run: a conclusion is rewritten with the same numbers and an application already moved
 * is left where it is; the council is marked concluded only when every application has moved.
 *
 * The Fund's staff conclude as staff; the council's scientific secretary in that capacity (the status machine
 * checks that they hold the seat on this council).
 */
export async function concludeCouncil(
  db: DB,
  input: { councilId: string; actor: MeetingActor; lang: Lang; appUrl?: string; ip?: string | null; /** conclusionDigest of what was confirmed */ digest?: string },
): Promise<ConcludeResult> {
  const { actor } = input
  if (!(await mayRunMeeting(db, input.councilId, actor))) return { ok: false, status: 404, errors: {} }
  // The office concludes as staff; the council's secretary in that capacity (the machine checks the seat).
  const as = actor.roles.includes('staff') ? 'staff' : 'secretary'
  const meeting = await getMeeting(db, input.councilId)
  if (!meeting) return { ok: false, status: 404, errors: {} }
  const already = meeting.council.status === 'concluded'
  if (!already) {
    if (meeting.applications.length === 0) return { ok: false, status: 409, errors: { form: 'reviewing.meeting.error.noApplications' } }
    if (!meeting.applications.every((a) => a.quorum.ok)) return { ok: false, status: 409, errors: { form: 'reviewing.meeting.error.quorum' } }
    if (meeting.applications.some((a) => a.pending.length > 0)) return { ok: false, status: 409, errors: { form: 'reviewing.meeting.error.pending' } }
    if (input.digest !== undefined && input.digest !== conclusionDigest(meeting)) return { ok: false, status: 409, errors: { form: 'reviewing.confirm.conclude.changed' } }
    const placement = new Map(meeting.ranking.map((r) => [r.applicationId, r]))
    await db.transaction().execute(async (trx) => {
      for (const a of meeting.applications) {
        const p = placement.get(a.id)
        const row = {
          council_id: meeting.council.id,
          mean: a.score.mean,
          final_score: a.score.finalScore,
          rank: p?.rank ?? null,
          recommended: a.score.recommended,
          fundable: p?.fundable ?? false,
          data: JSON.parse(
            JSON.stringify({
              criteria: meeting.criteria,
              membersPresent: a.membersPresent,
              councilMembersPresent: meeting.membersPresent,
              quorum: a.quorum,
              conflicts: a.conflicts,
              ballots: a.ballots,
              score: a.score,
              contentScore: a.contentScore,
              cumulativeRequested: p?.cumulativeRequested ?? null,
              budgetTotal: meeting.call.budgetTotal,
            }),
          ),
          concluded_by: actor.id,
          concluded_at: new Date(),
        }
        await trx
          .insertInto('council_conclusions')
          .values({ application_id: a.id, ...row })
          .onConflict((oc) => oc.column('application_id').doUpdateSet(row))
          .execute()
      }
    })
  }
  const conclusions = await db.selectFrom('council_conclusions').select(['application_id', 'recommended']).where('council_id', '=', meeting.council.id).execute()
  const recommended = new Map(conclusions.map((c) => [c.application_id, c.recommended]))
  const moved: { applicationId: string; status: string }[] = []
  const failures: string[] = []
  for (const a of meeting.applications) {
    let status = (await db.selectFrom('applications').select('status').where('id', '=', a.id).executeTakeFirstOrThrow()).status
    const step = async (event: 'complete_review' | 'recommend' | 'not_recommend') => {
      const r = await applyTransition(db, { applicationId: a.id, event, actor, as, lang: input.lang, appUrl: input.appUrl, ip: input.ip ?? null, input: {} })
      if (!r.ok) {
        failures.push(`${a.reference ?? a.id}: ${event} (${r.reason})`)
        return false
      }
      status = r.status
      return true
    }
    if (status === 'in_review' && !(await step('complete_review'))) continue
    if (status === 'reviewed' && !(await step(recommended.get(a.id) ? 'recommend' : 'not_recommend'))) continue
    if (status !== 'recommended' && status !== 'not_recommended') failures.push(`${a.reference ?? a.id}: ${status}`)
    moved.push({ applicationId: a.id, status })
  }
  if (failures.length > 0) {
    return { ok: false, status: 409, errors: { form: `reviewing.meeting.error.transitions?list=${encodeURIComponent(failures.join('; '))}` } }
  }
  if (!already) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('councils').set({ status: 'concluded', updated_at: new Date(), version: sql<number>`version + 1` }).where('id', '=', meeting.council.id).execute()
      await recordAudit(trx, {
        action: 'council.concluded',
        actor,
        subjectType: 'council',
        subjectId: meeting.council.id,
        ip: input.ip ?? null,
        details: {
          applications: meeting.ranking.map((r) => ({ id: r.applicationId, reference: r.reference, rank: r.rank, finalScore: r.finalScore, recommended: r.recommended, fundable: r.fundable })),
          membersPresent: meeting.membersPresent,
        },
      })
    })
  }
  return { ok: true, already, moved }
}

/**
 * The reviewers' reminders, run on a schedule: a reminder when the due date is within rules.reviewerReminderDays
 * calendar days (Vietnam's date) and none was sent; an overdue notice once the due date has passed. Each
 * assignment is claimed by setting its timestamp in the same transaction as the mail, so running it twice (or
 * on two processes) sends one mail. Ballots submitted, declared conflicts and concluded councils are skipped.
 */
export async function sendReviewReminders(db: DB, now: Date, rules: Pick<ReviewRules, 'reviewerReminderDays'>, appUrl = ''): Promise<{ reminders: number; overdue: number }> {
  const today = vnDate(now)
  const candidates = await db
    .selectFrom('review_assignments as ra')
    .innerJoin('councils as co', 'co.id', 'ra.council_id')
    .leftJoin('reviews as r', 'r.assignment_id', 'ra.id')
    .select(['ra.id', sql<boolean>`ra.due_on < ${today}::date`.as('overdue')])
    .where('co.status', '!=', 'concluded')
    .where('ra.conflict', '!=', 'declared')
    .where('ra.due_on', 'is not', null)
    .where((eb) => eb.or([eb('r.state', 'is', null), eb('r.state', '!=', 'submitted')]))
    .where((eb) =>
      eb.or([
        eb.and([eb('ra.overdue_notified_at', 'is', null), sql<boolean>`ra.due_on < ${today}::date`]),
        eb.and([eb('ra.reminded_at', 'is', null), sql<boolean>`ra.due_on >= ${today}::date`, sql<boolean>`ra.due_on <= ${today}::date + ${rules.reviewerReminderDays}::int`]),
      ]),
    )
    .execute()
  let reminders = 0
  let overdue = 0
  for (const c of candidates) {
    await db.transaction().execute(async (trx) => {
      const column = c.overdue ? 'overdue_notified_at' : 'reminded_at'
      const claimed = await trx
        .updateTable('review_assignments')
        .set({ [column]: now })
        .where('id', '=', c.id)
        .where(column, 'is', null)
        .returning(['id', 'reviewer_id', 'application_id', 'council_id', sql<string>`to_char(due_on, 'DD/MM/YYYY')`.as('due')])
        .executeTakeFirst()
      if (!claimed) return
      const who = await trx.selectFrom('users').select(['email', 'full_name', 'lang']).where('id', '=', claimed.reviewer_id).executeTakeFirstOrThrow()
      const app = await trx
        .selectFrom('applications as a')
        .innerJoin('calls as k', 'k.id', 'a.call_id')
        .innerJoin('councils as co', (j) => j.on('co.id', '=', claimed.council_id))
        .select(['a.reference', 'a.title', 'k.code', 'k.title_vi', 'k.title_en', 'co.name_vi', 'co.name_en'])
        .where('a.id', '=', claimed.application_id)
        .executeTakeFirstOrThrow()
      // The council's and the call's names in the reviewer's language.
      const en = who.lang === 'en'
      const data = {
        name: who.full_name,
        reference: app.reference ?? '',
        title: app.title,
        council: councilName({ nameVi: app.name_vi, nameEn: app.name_en }, who.lang),
        call: `${app.code} – ${en && app.title_en ? app.title_en : app.title_vi}`,
        due: claimed.due,
        link: `${appUrl}/review/${claimed.id}`,
      }
      if (c.overdue) {
        await enqueueEmail(trx, { template: 'review_overdue', to: { address: who.email, name: who.full_name }, lang: who.lang, data })
        overdue++
      } else {
        await enqueueEmail(trx, { template: 'review_reminder', to: { address: who.email, name: who.full_name }, lang: who.lang, data })
        reminders++
      }
    })
  }
  return { reminders, overdue }
}

/** Starts the reminders job: now, then every `everyMs`; the timer does not keep the process alive. */
export function startReviewReminders(db: DB, opts: { everyMs: number; appUrl: string }) {
  return startPoller('reviews', opts.everyMs, async () => {
    await sendReviewReminders(db, new Date(), await getReviewRules(db), opts.appUrl)
  }, { unref: true })
}
