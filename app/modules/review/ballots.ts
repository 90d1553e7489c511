import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { Application, ConflictState, Recommendation } from '../../../db/schema'
import { getDossier, type Dossier } from '../applications/dossier'
import { recordAudit } from '../audit'
import { type Criterion, ballotProblems } from './aggregate'
import type { ReviewProblem } from './rules'
import { commentField, readScore, RECOMMENDATIONS, scoreField, ballotTotal } from './ballot-fields'
import { blockedByConflict } from './rules'

// The reviewer's side of a council: the applications assigned to them, the conflict-of-interest declaration,
// the dossier (blind when the call is), and the ballot (phiếu đánh giá) on the call's rubric.
//
// Who sees what: an assignment is found only by its own reviewer (anyone else gets null → 404). The dossier
// and the ballot open only when the reviewer declared "no conflict" and no conflict found in the data stands
// (none detected, or the Fund's staff overrode it with a reason). A declared conflict closes them for good.

export interface ReviewerActor {
  id: string
  email: string
}

export type BallotState = 'none' | 'draft' | 'submitted'

export interface MyAssignment {
  id: string
  councilNameVi: string
  councilNameEn: string
  callCode: string
  callTitleVi: string
  callTitleEn: string
  applicationId: string
  reference: string | null
  title: string
  /** Null for a blind call. */
  organisationName: string | null
  /** YYYY-MM-DD or null. */
  dueOn: string | null
  conflict: ConflictState
  /** A conflict found in the data that the Fund's staff has not overridden. */
  blocked: boolean
  ballot: BallotState
}

/** The applications assigned to the reviewer, due soonest first (no due date last). */
export async function listMyAssignments(db: DB, reviewerId: string): Promise<MyAssignment[]> {
  const rows = await db
    .selectFrom('review_assignments as ra')
    .innerJoin('councils as co', 'co.id', 'ra.council_id')
    .innerJoin('applications as a', 'a.id', 'ra.application_id')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('reviews as r', 'r.assignment_id', 'ra.id')
    .select([
      'ra.id',
      'co.name_vi as council_name_vi',
      'co.name_en as council_name_en',
      'c.code',
      'c.title_vi',
      'c.title_en',
      'c.blind',
      'a.id as application_id',
      'a.reference',
      'a.title',
      'a.organisation_snapshot',
      'o.name as organisation_name',
      sql<string | null>`to_char(ra.due_on, 'YYYY-MM-DD')`.as('due_on'),
      'ra.conflict',
      'ra.detected',
      'ra.override_reason',
      'r.state',
    ])
    // A council still being formed has assignments for its opponents already; its members see them once formed.
    .where('co.status', '!=', 'forming')
    .where('ra.reviewer_id', '=', reviewerId)
    .orderBy(sql`ra.due_on asc nulls last`)
    .orderBy('a.reference')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    councilNameVi: r.council_name_vi,
    councilNameEn: r.council_name_en,
    callCode: r.code,
    callTitleVi: r.title_vi,
    callTitleEn: r.title_en,
    applicationId: r.application_id,
    reference: r.reference,
    title: r.title,
    organisationName: r.blind ? null : ((r.organisation_snapshot as { name?: string } | null)?.name ?? r.organisation_name),
    dueOn: r.due_on,
    conflict: r.conflict,
    blocked: blockedByConflict(r),
    ballot: (r.state ?? 'none') as BallotState,
  }))
}

export interface RubricCriterion {
  /** rubric_criteria.id as a string: the key of the ballot's scores and comments. */
  key: string
  nameVi: string
  nameEn: string
  max: number
}

export interface Ballot {
  scores: Record<string, number>
  comments: Record<string, string>
  overallComment: string
  recommendation: Recommendation | null
  state: 'draft' | 'submitted'
  version: number
  submittedAt: Date | null
  updatedAt: Date
}

export interface ReviewerAssignment {
  id: string
  reviewerId: string
  opponent: boolean
  dueOn: string | null
  conflict: ConflictState
  conflictReason: string | null
  detected: { kind: string; detail: string }[]
  overridden: boolean
  /** The reviewer may read the dossier and fill in the ballot. */
  dossierOpen: boolean
  council: { id: string; nameVi: string; nameEn: string; status: string }
  call: { id: string; code: string; titleVi: string; titleEn: string; blind: boolean }
  application: { id: string; reference: string | null; title: string; status: string }
  /** Null for a blind call. */
  organisationName: string | null
  criteria: RubricCriterion[]
  /** The reviewer's ballot so far; null before the first save. */
  ballot: Ballot | null
  /** The rows getDossier needs; never sent to the page. */
  access: { application: Application; call: Parameters<typeof getDossier>[1]['call'] }
}

/** The call's rubric, in order. */
export async function rubricCriteria(db: DB, rubricId: number | null): Promise<RubricCriterion[]> {
  if (rubricId === null) return []
  const rows = await db.selectFrom('rubric_criteria').select(['id', 'name_vi', 'name_en', 'max_points']).where('rubric_id', '=', rubricId).orderBy('position').execute()
  return rows.map((r) => ({ key: String(r.id), nameVi: r.name_vi, nameEn: r.name_en, max: Number(r.max_points) }))
}

export const toCriteria = (rubric: readonly RubricCriterion[]): Criterion[] => rubric.map((c) => ({ key: c.key, max: c.max }))

async function readBallot(db: DB, assignmentId: string): Promise<Ballot | null> {
  const r = await db.selectFrom('reviews').selectAll().where('assignment_id', '=', assignmentId).executeTakeFirst()
  if (!r) return null
  return {
    scores: r.scores ?? {},
    comments: r.comments ?? {},
    overallComment: r.overall_comment,
    recommendation: r.recommendation,
    state: r.state,
    version: r.version,
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
  }
}

/** One assignment of the reviewer, or null when it is not theirs (the route answers 404). */
export async function getAssignmentForReviewer(db: DB, assignmentId: string, reviewerId: string): Promise<ReviewerAssignment | null> {
  const ra = await db
    .selectFrom('review_assignments')
    .selectAll()
    .select(sql<string | null>`to_char(due_on, 'YYYY-MM-DD')`.as('due_text'))
    .where('id', '=', assignmentId)
    .where('reviewer_id', '=', reviewerId)
    .executeTakeFirst()
  if (!ra) return null
  const council = await db.selectFrom('councils').select(['id', 'name_vi as nameVi', 'name_en as nameEn', 'status']).where('id', '=', ra.council_id).executeTakeFirstOrThrow()
  if (council.status === 'forming') return null
  const application = await db.selectFrom('applications').selectAll().where('id', '=', ra.application_id).executeTakeFirstOrThrow()
  const call = await db.selectFrom('calls').selectAll().where('id', '=', application.call_id).executeTakeFirstOrThrow()
  const detected = Array.isArray(ra.detected) ? ra.detected : []
  const dossierOpen = ra.conflict === 'none' && !blockedByConflict(ra)
  let organisationName: string | null = null
  if (!call.blind) {
    const snapshot = application.organisation_snapshot as { name?: string } | null
    organisationName =
      snapshot?.name ?? (await db.selectFrom('organisations').select('name').where('id', '=', application.organisation_id).executeTakeFirst())?.name ?? null
  }
  return {
    id: ra.id,
    reviewerId: ra.reviewer_id,
    opponent: ra.opponent,
    dueOn: ra.due_text,
    conflict: ra.conflict,
    conflictReason: ra.conflict_reason,
    detected,
    overridden: !!ra.override_reason,
    dossierOpen,
    council,
    call: { id: call.id, code: call.code, titleVi: call.title_vi, titleEn: call.title_en, blind: call.blind },
    application: { id: application.id, reference: application.reference, title: application.title, status: application.status },
    organisationName,
    criteria: dossierOpen ? await rubricCriteria(db, call.rubric_id) : [],
    ballot: dossierOpen ? await readBallot(db, ra.id) : null,
    access: { application, call },
  }
}

/** Team fields that name or reach a person; a blind call's reviewers see qualifications and roles only. */
const PERSONAL = /(_name|_email|_phone)$/

/** The dossier as the reviewer reads it: for a blind call, without the organisation and the team's names. */
export async function getReviewerDossier(db: DB, found: ReviewerAssignment): Promise<Dossier | null> {
  if (!found.dossierOpen) return null
  const dossier = await getDossier(db, found.access)
  if (!found.call.blind) return dossier
  const team = Object.fromEntries(Object.entries(dossier.sections.team ?? {}).filter(([k]) => !PERSONAL.test(k)))
  return { ...dossier, organisation: null, sections: { ...dossier.sections, team } }
}

export type ReviewRefusal = { ok: false; status: 400 | 404 | 409; errors: Record<string, string> }

/**
 * The reviewer's declaration on one application: no conflict, or a conflict with its reason. Once declared
 * a conflict stays (only the Fund's staff can reassign); "no conflict" may still become "conflict".
 */
export async function declareConflict(
  db: DB,
  input: { assignmentId: string; reviewer: ReviewerActor; conflict: string; reason?: string; ip?: string | null },
): Promise<{ ok: true } | ReviewRefusal> {
  const conflict = input.conflict
  const reason = (input.reason ?? '').trim()
  if (conflict !== 'none' && conflict !== 'declared') return { ok: false, status: 400, errors: { conflict: 'reviewing.declare.error.choose' } }
  if (conflict === 'declared' && !reason) return { ok: false, status: 400, errors: { reason: 'reviewing.declare.error.reason' } }
  if (reason.length > 2000) return { ok: false, status: 400, errors: { reason: 'reviewing.declare.error.long' } }
  return db.transaction().execute(async (trx) => {
    const ra = await trx
      .selectFrom('review_assignments')
      .select(['id', 'conflict', 'application_id', 'council_id'])
      .where('id', '=', input.assignmentId)
      .where('reviewer_id', '=', input.reviewer.id)
      .forUpdate()
      .executeTakeFirst()
    if (!ra) return { ok: false, status: 404, errors: {} } as ReviewRefusal
    if (ra.conflict === 'declared') return { ok: false, status: 409, errors: { form: 'reviewing.declare.error.locked' } } as ReviewRefusal
    if (ra.conflict === conflict) return { ok: true } as const
    if (conflict === 'declared') {
      // A conflict after submitting: the submitted ballot stays on record; the Fund's staff must act on it.
      const review = await trx.selectFrom('reviews').select('state').where('assignment_id', '=', ra.id).executeTakeFirst()
      if (review?.state === 'submitted') return { ok: false, status: 409, errors: { form: 'reviewing.declare.error.submitted' } } as ReviewRefusal
    }
    await trx
      .updateTable('review_assignments')
      .set({ conflict: conflict as ConflictState, conflict_reason: conflict === 'declared' ? reason : null, declared_at: new Date() })
      .where('id', '=', ra.id)
      .execute()
    await recordAudit(trx, {
      action: 'review.conflict_declared',
      actor: input.reviewer,
      subjectType: 'application',
      subjectId: ra.application_id,
      ip: input.ip ?? null,
      details: { assignment: ra.id, council: ra.council_id, conflict, reason: conflict === 'declared' ? reason : undefined },
    })
    return { ok: true } as const
  })
}

export { commentField, readScore, RECOMMENDATIONS, scoreField }

/** A problem of aggregate.ts as a catalogue key with its values, for the page (`key?param=value`). */
export function problemMessage(p: ReviewProblem): string {
  const params = new URLSearchParams(Object.entries(p.params).filter(([k]) => k !== 'criterion').map(([k, v]) => [k, String(v)] as [string, string]))
  const q = params.toString()
  return `reviewing.problem.${p.code.replace(/^review\.ballot\./, '')}${q ? `?${q}` : ''}`
}

/**
 * Saves the reviewer's ballot: a draft (anything scored so far must be right) or the submission (every
 * criterion scored and a recommendation). `complete` checks a draft as a submission would be checked and keeps it
 * a draft: the step before the reviewer confirms (submitBallot). A save from an older version is refused (409)
 * and changes nothing; a submitted ballot is locked.
 */
export async function saveBallot(
  db: DB,
  input: {
    assignmentId: string
    reviewer: ReviewerActor
    values: Record<string, string>
    baseVersion: number
    submit: boolean
    /** Refuse a draft that could not be submitted as it is. */
    complete?: boolean
    ip?: string | null
    /** The assignment as getAssignmentForReviewer read it for this reviewer, when the caller has it already. */
    found?: ReviewerAssignment
  },
): Promise<{ ok: true; version: number; state: 'draft' | 'submitted'; total: number } | ReviewRefusal> {
  const found = input.found ?? (await getAssignmentForReviewer(db, input.assignmentId, input.reviewer.id))
  if (!found || !found.dossierOpen) return { ok: false, status: 404, errors: {} }
  const criteria = found.criteria
  const v = input.values
  const whole = input.submit || input.complete === true
  const errors: Record<string, string> = {}
  const scores: Record<string, number> = {}
  const comments: Record<string, string> = {}
  for (const c of criteria) {
    const score = readScore(v[scoreField(c.key)])
    if (score !== undefined && Number.isNaN(score)) errors[scoreField(c.key)] = 'reviewing.problem.not_number'
    else if (score !== undefined) scores[c.key] = score
    else if (whole) errors[scoreField(c.key)] = 'reviewing.problem.missing'
    const comment = (v[commentField(c.key)] ?? '').trim()
    if (comment.length > 5000) errors[commentField(c.key)] = 'reviewing.error.commentLong'
    if (comment) comments[c.key] = comment
  }
  for (const p of ballotProblems(scores, toCriteria(criteria))) {
    if (p.code === 'review.ballot.missing') continue
    const key = String(p.params.criterion ?? '')
    errors[key ? scoreField(key) : 'form'] ??= problemMessage(p)
  }
  const overall = (v.overall_comment ?? '').trim()
  if (overall.length > 10000) errors.overall_comment = 'reviewing.error.commentLong'
  const rec = v.recommendation ?? ''
  let recommendation: Recommendation | null = null
  if ((RECOMMENDATIONS as readonly string[]).includes(rec)) recommendation = rec as Recommendation
  else if (rec) errors.recommendation = 'reviewing.error.recommendation'
  else if (whole) errors.recommendation = 'reviewing.error.recommendation'
  // Each criterion's message says which criterion, by its number on the sheet.
  criteria.forEach((c, i) => {
    const e = errors[scoreField(c.key)]
    if (e) errors[scoreField(c.key)] = `${e}${e.includes('?') ? '&' : '?'}n=${i + 1}`
  })
  if (Object.keys(errors).length > 0) return { ok: false, status: 400, errors }

  const total = ballotTotal(Object.values(scores))
  return db.transaction().execute(async (trx) => {
    // The assignment's row serialises saves of the same ballot.
    await trx.selectFrom('review_assignments').select('id').where('id', '=', found.id).forUpdate().executeTakeFirst()
    const current = await trx.selectFrom('reviews').select(['state', 'version']).where('assignment_id', '=', found.id).executeTakeFirst()
    if (current?.state === 'submitted') return { ok: false, status: 409, errors: { form: 'reviewing.error.locked' } } as ReviewRefusal
    if ((current?.version ?? 0) !== input.baseVersion) return { ok: false, status: 409, errors: { form: 'reviewing.error.version' } } as ReviewRefusal
    const now = new Date()
    const state = input.submit ? 'submitted' : 'draft'
    const row = {
      scores,
      comments,
      overall_comment: overall,
      recommendation,
      state,
      submitted_at: input.submit ? now : null,
      updated_at: now,
    } as const
    const saved = current
      ? await trx.updateTable('reviews').set({ ...row, version: sql<number>`version + 1` }).where('assignment_id', '=', found.id).returning('version').executeTakeFirstOrThrow()
      : await trx.insertInto('reviews').values({ assignment_id: found.id, ...row, version: 1 }).returning('version').executeTakeFirstOrThrow()
    if (input.submit) {
      await recordAudit(trx, {
        action: 'review.ballot_submitted',
        actor: input.reviewer,
        subjectType: 'application',
        subjectId: found.application.id,
        ip: input.ip ?? null,
        details: { assignment: found.id, council: found.council.id, total, recommendation },
      })
    }
    return { ok: true, version: saved.version, state, total } as const
  })
}

/** The saved draft scores every criterion and has a recommendation: what the reviewer is asked to confirm. */
export function ballotComplete(found: ReviewerAssignment): boolean {
  const b = found.ballot
  return !!b && b.state === 'draft' && b.recommendation !== null && found.criteria.every((c) => typeof b.scores[c.key] === 'number')
}

/**
 * Submits the saved draft exactly as the reviewer confirmed it: `baseVersion` is the version the confirmation page
 * showed, so a draft changed since (another tab) is refused (409) and nothing is submitted.
 */
export async function submitBallot(
  db: DB,
  input: { found: ReviewerAssignment; reviewer: ReviewerActor; baseVersion: number; ip?: string | null },
): Promise<{ ok: true; version: number; total: number } | ReviewRefusal> {
  const { found } = input
  const b = found.ballot
  if (!found.dossierOpen) return { ok: false, status: 404, errors: {} }
  if (b?.state === 'submitted') return { ok: false, status: 409, errors: { form: 'reviewing.error.locked' } }
  if (!b) return { ok: false, status: 409, errors: { form: 'reviewing.error.version' } }
  const values: Record<string, string> = { overall_comment: b.overallComment, recommendation: b.recommendation ?? '' }
  for (const [key, score] of Object.entries(b.scores)) values[scoreField(key)] = String(score)
  for (const [key, comment] of Object.entries(b.comments)) values[commentField(key)] = comment
  const saved = await saveBallot(db, { assignmentId: found.id, found, reviewer: input.reviewer, values, baseVersion: input.baseVersion, submit: true, ip: input.ip })
  return saved.ok ? { ok: true, version: saved.version, total: saved.total } : saved
}
