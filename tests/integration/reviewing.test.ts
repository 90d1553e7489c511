import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import type { CouncilRole } from '../../db/schema'
import * as applicantPage from '../../app/routes/applications.$id._index'
import * as listPage from '../../app/routes/review._index'
import * as reviewPage from '../../app/routes/review.$assignmentId._index'
import * as submitPage from '../../app/routes/review.$assignmentId.submit'
import * as concludePage from '../../app/routes/staff.councils.$id.conclude'
import * as downloadPage from '../../app/routes/review.$assignmentId.attachments.$attachmentId'
import * as meetingPage from '../../app/routes/staff.councils.$id.meeting'
import { concludeCouncil, declareConflict, getAssignmentForReviewer, getMeeting, rankCall, saveBallot, sendReviewReminders } from '../../app/modules/review'
import { DEFAULT_REVIEW_RULES } from '../../app/modules/review/rules'
import { applyTransition } from '../../app/modules/workflow'
import { catalogue, type MessageKey, translator } from '../../app/i18n'
import { createTestDb } from '../setup/db'
import { auditActions, createUser, invoke, mailTo, sessionFor, testContext, testEnv } from '../setup/app'
import { createCall } from '../setup/calls'
import { createEligibleApplication, createReviewers, type FixturePerson } from '../setup/review'

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let dataDir: string

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'reviewing-test-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

const ROLES: CouncilRole[] = ['chair', 'vice_chair', 'secretary', 'member', 'member', 'member', 'member']

/**
 * A council of seven reviewers (chair, vice-chair, secretary, four members) on `n` applications of one call,
 * each moved to in_review by the machine, every member assigned to every application, the 4th and 5th members
 * the opponents. Conflicts start undeclared unless `declared` is set ('none' for all).
 */
async function council(opts: { n?: number; call?: Parameters<typeof createCall>[1]; declared?: boolean; dueOn?: string | null } = {}) {
  const call = await createCall(handle.db, opts.call ?? {})
  const reviewers = await createReviewers(handle.db, 7)
  const staff = await createUser(handle.db, { roles: ['staff'], fullName: 'Phạm Thị Điều Phối' })
  const staffActor = { ...staff, fullName: 'Phạm Thị Điều Phối' }
  const apps: Awaited<ReturnType<typeof createEligibleApplication>>[] = []
  for (let i = 0; i < (opts.n ?? 1); i++) apps.push(await createEligibleApplication(handle.db, ctx.env, { callId: call.id }))
  const row = await handle.db
    .insertInto('councils')
    .values({ call_id: call.id, name_vi: 'Hội đồng tư vấn thử nghiệm', name_en: 'Trial selection council', status: 'formed', created_by: staff.id, review_due_on: opts.dueOn ?? null })
    .returning('id')
    .executeTakeFirstOrThrow()
  await handle.db
    .insertInto('council_members')
    .values(reviewers.map((r, i) => ({ council_id: row.id, user_id: r.id, role: ROLES[i] })))
    .execute()
  const assignments = new Map<string, string>() // `${appId}:${reviewerId}` → assignment id
  for (const app of apps) {
    await handle.db.insertInto('council_applications').values({ council_id: row.id, application_id: app.applicationId }).execute()
    // To review once the council has it, as forming the council does.
    const started = await applyTransition(handle.db, { applicationId: app.applicationId, event: 'start_review', as: 'staff', actor: staffActor, lang: 'vi' })
    expect(started).toMatchObject({ ok: true, status: 'in_review' })
    for (const [i, r] of reviewers.entries()) {
      const a = await handle.db
        .insertInto('review_assignments')
        .values({
          council_id: row.id,
          application_id: app.applicationId,
          reviewer_id: r.id,
          opponent: i === 3 || i === 4,
          due_on: opts.dueOn ?? null,
          conflict: opts.declared ? 'none' : 'undeclared',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      assignments.set(`${app.applicationId}:${r.id}`, a.id)
    }
  }
  const assignment = (appIndex: number, reviewerIndex: number) => assignments.get(`${apps[appIndex].applicationId}:${reviewers[reviewerIndex].id}`)!
  return { councilId: row.id, call, reviewers, staff: staffActor, apps, assignment }
}

const cookieOf = (p: { id: string }) => sessionFor(ctx, p.id)
const page = async (assignmentId: string, who: FixturePerson) => invoke(reviewPage, ctx, { path: `/review/${assignmentId}`, cookie: await cookieOf(who), params: { assignmentId } })
const post = async (assignmentId: string, who: FixturePerson, form: Record<string, string>) =>
  invoke(reviewPage, ctx, { method: 'POST', path: `/review/${assignmentId}`, cookie: await cookieOf(who), params: { assignmentId }, form })

async function criteriaOf(callId: string) {
  const call = await handle.db.selectFrom('calls').select('rubric_id').where('id', '=', callId).executeTakeFirstOrThrow()
  const rows = await handle.db.selectFrom('rubric_criteria').select(['id', 'max_points']).where('rubric_id', '=', call.rubric_id!).orderBy('position').execute()
  return rows.map((r) => ({ key: String(r.id), max: Number(r.max_points) }))
}

/** Scores at `pct` % of each maximum (two decimals), as form fields. */
function ballotForm(criteria: { key: string; max: number }[], pct: number, extra: Record<string, string> = {}) {
  const form: Record<string, string> = {}
  for (const c of criteria) form[`score_${c.key}`] = String(Math.round(c.max * pct) / 100)
  return { ...form, overall_comment: 'Nhận xét chung.', recommendation: pct >= 70 ? 'fund' : 'do_not_fund', ...extra }
}

async function submitBallot(assignmentId: string, who: FixturePerson, criteria: { key: string; max: number }[], pct: number) {
  const values = ballotForm(criteria, pct)
  const r = await saveBallot(handle.db, { assignmentId, reviewer: who, values, baseVersion: 0, submit: true })
  expect(r).toMatchObject({ ok: true, state: 'submitted' })
}

describe('the reviewer’s assignments', () => {
  it('lists mine only, and answers 404 for someone else’s assignment or file', async () => {
    const c = await council()
    const [mine, other] = [c.reviewers[0], c.reviewers[1]]
    const list = await (await invoke(listPage, ctx, { path: '/review', cookie: await cookieOf(mine) })).json()
    expect(list.assignments).toHaveLength(1)
    expect(list.assignments[0]).toMatchObject({ id: c.assignment(0, 0), conflict: 'undeclared', ballot: 'none', organisationName: expect.stringContaining('Cà phê') })

    expect((await page(c.assignment(0, 0), other)).status).toBe(404)
    expect((await post(c.assignment(0, 0), other, { intent: 'declare', conflict: 'none' })).status).toBe(404)
    expect(await getAssignmentForReviewer(handle.db, c.assignment(0, 0), other.id)).toBeNull()
    // A reviewer of no council: nothing, and no way in.
    const stranger = (await createReviewers(handle.db, 1))[0]
    expect((await (await invoke(listPage, ctx, { path: '/review', cookie: await cookieOf(stranger) })).json()).assignments).toEqual([])
    expect((await page(c.assignment(0, 0), stranger)).status).toBe(404)
    const file = await handle.db.selectFrom('attachments').select('id').where('application_id', '=', c.apps[0].applicationId).executeTakeFirstOrThrow()
    const dl = (a: string, who: FixturePerson) =>
      cookieOf(who).then((cookie) => invoke(downloadPage, ctx, { path: `/review/${a}/attachments/${file.id}`, cookie, params: { assignmentId: a, attachmentId: file.id } }))
    expect((await dl(c.assignment(0, 0), stranger)).status).toBe(404)
    // An applicant has no reviewing at all.
    const applicantCookie = await cookieOf(c.apps[0].owner)
    expect((await invoke(listPage, ctx, { path: '/review', cookie: applicantCookie })).status).toBe(403)
  })

  it('keeps the dossier and the ballot closed until "no conflict" is declared, then audits each download', async () => {
    const c = await council()
    const me = c.reviewers[0]
    const id = c.assignment(0, 0)
    const before = await (await page(id, me)).json()
    expect(before).toMatchObject({ dossier: null, assignment: { conflict: 'undeclared', dossierOpen: false, criteria: [], ballot: null } })
    const file = await handle.db.selectFrom('attachments').select('id').where('application_id', '=', c.apps[0].applicationId).executeTakeFirstOrThrow()
    const dl = async () => invoke(downloadPage, ctx, { path: `/review/${id}/attachments/${file.id}`, cookie: await cookieOf(me), params: { assignmentId: id, attachmentId: file.id } })
    expect((await dl()).status).toBe(404)
    expect(await saveBallot(handle.db, { assignmentId: id, reviewer: me, values: {}, baseVersion: 0, submit: false })).toMatchObject({ ok: false, status: 404 })

    const chose = await post(id, me, { intent: 'declare' })
    expect(chose.status).toBe(400)
    expect((await chose.json()).errors.conflict.message).toBe('reviewing.declare.error.choose')
    const declared = await post(id, me, { intent: 'declare', conflict: 'none' })
    expect(declared.status).toBe(302)
    const after = await (await page(id, me)).json()
    expect(after.assignment).toMatchObject({ conflict: 'none', dossierOpen: true })
    expect(after.assignment.criteria).toHaveLength(7)
    expect(after.dossier.organisation.name).toContain('Cà phê')
    const res = await dl()
    expect(res.status).toBe(200)
    await res.arrayBuffer()
    expect(await auditActions(handle.db, c.apps[0].applicationId)).toEqual(expect.arrayContaining(['review.conflict_declared', 'application.attachment_downloaded']))
  })

  it('keeps them closed for good after a declared conflict', async () => {
    const c = await council()
    const me = c.reviewers[2]
    const id = c.assignment(0, 2)
    const noReason = await post(id, me, { intent: 'declare', conflict: 'declared', reason: '' })
    expect(noReason.status).toBe(400)
    expect((await noReason.json()).errors.reason.message).toBe('reviewing.declare.error.reason')
    expect((await post(id, me, { intent: 'declare', conflict: 'declared', reason: 'Em ruột tôi là chủ nhiệm.' })).status).toBe(302)
    expect(await declareConflict(handle.db, { assignmentId: id, reviewer: me, conflict: 'none' })).toMatchObject({ ok: false, status: 409 })
    const json = await (await page(id, me)).json()
    expect(json).toMatchObject({ dossier: null, assignment: { conflict: 'declared', conflictReason: 'Em ruột tôi là chủ nhiệm.', dossierOpen: false, ballot: null } })
    // The banner quotes the reason as typed, its full stop included, and adds none of its own.
    for (const lang of ['vi', 'en'] as const) {
      const banner = translator(lang)('reviewing.declare.done.declared', { reason: json.assignment.conflictReason })
      expect(banner).toMatch(/Em ruột tôi là chủ nhiệm\.$/)
      expect(banner).not.toContain('..')
    }
    expect(await saveBallot(handle.db, { assignmentId: id, reviewer: me, values: {}, baseVersion: 0, submit: false })).toMatchObject({ ok: false, status: 404 })
  })

  it('keeps them closed while a detected conflict is not overridden, and opens them with an override', async () => {
    const c = await council({ declared: true })
    const me = c.reviewers[1]
    const id = c.assignment(0, 1)
    await handle.db.updateTable('review_assignments').set({ detected: [{ kind: 'team', detail: 'Lê Thị Hạnh' }] }).where('id', '=', id).execute()
    const blocked = await (await page(id, me)).json()
    expect(blocked).toMatchObject({ dossier: null, assignment: { dossierOpen: false, detected: [{ kind: 'team' }] } })
    await handle.db.updateTable('review_assignments').set({ override_reason: 'Trùng tên, không phải cùng người', overridden_by: c.staff.id, overridden_at: new Date() }).where('id', '=', id).execute()
    const open = await (await page(id, me)).json()
    expect(open.assignment.dossierOpen).toBe(true)
    expect(open.dossier).not.toBeNull()
  })
})

describe('the ballot', () => {
  it('refuses a score above the maximum in words, refuses a save from an old version, and locks once submitted', async () => {
    const c = await council({ declared: true })
    const me = c.reviewers[0]
    const id = c.assignment(0, 0)
    const criteria = await criteriaOf(c.call.id)
    const first = criteria[0] // "Công nghệ và thị trường", max 8

    const tooHigh = await post(id, me, { intent: 'save', version: '0', [`score_${first.key}`]: '9' })
    expect(tooHigh.status).toBe(400)
    expect((await tooHigh.json()).errors[`score_${first.key}`].message).toBe('reviewing.problem.above_max?max=8&score=9&n=1')
    const words = await post(id, me, { intent: 'save', version: '0', [`score_${first.key}`]: 'bảy' })
    expect((await words.json()).errors[`score_${first.key}`].message).toBe('reviewing.problem.not_number?n=1')

    const draft = await post(id, me, { intent: 'save', version: '0', [`score_${first.key}`]: '7,5', [`comment_${first.key}`]: 'Thị trường rõ.' })
    expect(draft.status).toBe(302)
    const saved = await (await page(id, me)).json()
    expect(saved.assignment.ballot).toMatchObject({ state: 'draft', version: 1, scores: { [first.key]: 7.5 }, comments: { [first.key]: 'Thị trường rõ.' } })
    expect(saved.total).toBe(7.5)

    // Another tab still shows version 0: refused, and the saved draft is untouched.
    const stale = await post(id, me, { intent: 'save', version: '0', [`score_${first.key}`]: '1' })
    expect(stale.status).toBe(409)
    expect((await stale.json()).errors.form.message).toBe('reviewing.error.version')
    expect((await getAssignmentForReviewer(handle.db, id, me.id))!.ballot).toMatchObject({ version: 1, scores: { [first.key]: 7.5 } })

    // Autosave (JavaScript on): JSON answers, the same version rule.
    const auto = await post(id, me, { intent: 'autosave', baseVersion: '1', [`score_${first.key}`]: '7,5', [`score_${criteria[1].key}`]: '18' })
    expect(auto.status).toBe(200)
    expect(await auto.json()).toMatchObject({ saved: { version: 2 } })
    const autoStale = await post(id, me, { intent: 'autosave', baseVersion: '1', [`score_${first.key}`]: '2' })
    expect(autoStale.status).toBe(409)
    expect(await autoStale.json()).toHaveProperty('conflict')

    // Submitting needs every criterion and a recommendation.
    const incomplete = await post(id, me, { intent: 'submit', version: '2', [`score_${first.key}`]: '7,5' })
    expect(incomplete.status).toBe(400)
    const missing = (await incomplete.json()).errors
    expect(missing[`score_${criteria[1].key}`].message).toBe('reviewing.problem.missing?n=2')
    expect(missing.recommendation.message).toBe('reviewing.error.recommendation')

    // "Submit" saves the draft and leads to the page that shows the ballot to confirm: nothing is submitted yet.
    const asked = await post(id, me, { intent: 'submit', version: '2', ...ballotForm(criteria, 80) })
    expect(asked.status).toBe(302)
    expect(asked.headers.get('Location')).toBe(`/review/${id}/submit`)
    expect((await getAssignmentForReviewer(handle.db, id, me.id))!.ballot).toMatchObject({ state: 'draft', version: 3 })
    const submitPath = `/review/${id}/submit`
    const confirm = async (form: Record<string, string>) => invoke(submitPage, ctx, { method: 'POST', path: submitPath, cookie: await cookieOf(me), params: { assignmentId: id }, form })
    const shown = await invoke(submitPage, ctx, { path: submitPath, cookie: await cookieOf(me), params: { assignmentId: id } })
    expect(shown.status).toBe(200)
    expect(await shown.json()).toMatchObject({ total: 80, maxTotal: 100, ballot: { version: 3, recommendation: 'fund', scores: { [first.key]: 6.4 } } })
    // Another reviewer's confirmation page does not exist for them.
    expect((await invoke(submitPage, ctx, { path: submitPath, cookie: await cookieOf(c.reviewers[1]), params: { assignmentId: id } })).status).toBe(404)
    // A post without the confirmation submits nothing; a confirmation of an older version neither.
    expect((await confirm({ version: '3' })).headers.get('Location')).toBe(submitPath)
    const old = await confirm({ confirmed: 'yes', version: '2' })
    expect(old.status).toBe(409)
    expect((await old.json()).errors.form.message).toBe('reviewing.error.version')
    expect((await getAssignmentForReviewer(handle.db, id, me.id))!.ballot).toMatchObject({ state: 'draft', version: 3 })

    const submitted = await confirm({ confirmed: 'yes', version: '3' })
    expect(submitted.status).toBe(302)
    expect(submitted.headers.get('Location')).toBe(`/review/${id}?notice=submitted`)
    // Once submitted, the confirmation page sends back to the ballot.
    expect((await invoke(submitPage, ctx, { path: submitPath, cookie: await cookieOf(me), params: { assignmentId: id } })).headers.get('Location')).toBe(`/review/${id}#ballot`)
    const locked = await (await page(id, me)).json()
    expect(locked.assignment.ballot).toMatchObject({ state: 'submitted', version: 4, recommendation: 'fund' })
    expect(locked.total).toBe(80)
    const again = await post(id, me, { intent: 'save', version: '4', ...ballotForm(criteria, 50) })
    expect(again.status).toBe(409)
    expect((await again.json()).errors.form.message).toBe('reviewing.error.locked')
    expect(await auditActions(handle.db, c.apps[0].applicationId)).toContain('review.ballot_submitted')
    const list = await (await invoke(listPage, ctx, { path: '/review', cookie: await cookieOf(me) })).json()
    expect(list.assignments[0].ballot).toBe('submitted')
  })

  it('shows a blind call’s reviewer neither the organisation nor the team’s names', async () => {
    const c = await council({ call: { blind: true }, declared: true })
    const me = c.reviewers[0]
    const org = await handle.db.selectFrom('organisations').select('name').where('id', '=', c.apps[0].organisationId).executeTakeFirstOrThrow()
    const text = await (await page(c.assignment(0, 0), me)).text()
    const json = JSON.parse(text)
    expect(json.dossier).not.toBeNull()
    expect(json.dossier.organisation).toBeNull()
    expect(json.assignment.organisationName).toBeNull()
    for (const secret of [org.name, 'Nguyễn Văn An', 'Trần Thị Bình', 'an@caphe.vn', 'Lê Văn Cường']) expect(text).not.toContain(secret)
    expect(json.dossier.sections.team.pi_qualification).toBe('Tiến sĩ Cơ khí')
    const list = await (await invoke(listPage, ctx, { path: '/review', cookie: await cookieOf(me) })).text()
    expect(list).not.toContain(org.name)
  })
})

describe('the council meeting', () => {
  it('checks the quorum, shows and excludes an invalid ballot, ranks against the budget and concludes through the machine', async () => {
    // Budget 800 million; each application requests 500 million.
    const c = await council({ n: 3, declared: true, call: { budget_total: 800_000_000, max_amount: 500_000_000 } })
    const criteria = await criteriaOf(c.call.id)
    // Application 0: six ballots at 90%, one at 50% (more than 20% from the mean: invalid). 1: all at 80%. 2: all at 60%.
    for (let r = 0; r < 7; r++) {
      await submitBallot(c.assignment(0, r), c.reviewers[r], criteria, r === 6 ? 50 : 90)
      await submitBallot(c.assignment(1, r), c.reviewers[r], criteria, 80)
      await submitBallot(c.assignment(2, r), c.reviewers[r], criteria, 60)
    }
    const staffCookie = await cookieOf(c.staff)
    const meetingPath = `/staff/councils/${c.councilId}/meeting`
    const attend = (present: number[]) =>
      invoke(meetingPage, ctx, { method: 'POST', path: meetingPath, cookie: staffCookie, params: { id: c.councilId }, form: { intent: 'attendance', ...Object.fromEntries(present.map((i) => [`present_${c.reviewers[i].id}`, 'on'])) } })

    // Without the chair (the vice-chair has no written authority): no quorum, no conclusion.
    expect((await attend([1, 2, 3, 4, 5, 6])).status).toBe(302)
    let meeting = (await getMeeting(handle.db, c.councilId))!
    expect(meeting.applications[0].quorum).toMatchObject({ ok: false, presentCount: 6, required: 5, problems: [{ code: 'council.quorum.chair' }] })
    expect(meeting.canConclude).toBe(false)
    const concludePath = `/staff/councils/${c.councilId}/conclude`
    const conclude = async (who: FixturePerson, form: Record<string, string>) =>
      invoke(concludePage, ctx, { method: 'POST', path: concludePath, cookie: await cookieOf(who), params: { id: c.councilId }, form })
    // Nothing to confirm: the confirmation page sends back to the meeting, and a confirmation is refused in words.
    expect((await invoke(concludePage, ctx, { path: concludePath, cookie: staffCookie, params: { id: c.councilId } })).headers.get('Location')).toBe(meetingPath)
    const refused = await conclude(c.staff, { confirmed: 'yes', digest: 'x' })
    expect(refused.status).toBe(409)
    expect((await refused.json()).errors.form.message).toBe('reviewing.meeting.error.quorum')

    expect((await attend([0, 1, 2, 3, 4, 5, 6])).status).toBe(302)
    const json = await (await invoke(meetingPage, ctx, { path: meetingPath, cookie: staffCookie, params: { id: c.councilId } })).json()
    meeting = json.meeting
    const [a0, a1, a2] = c.apps.map((app) => meeting.applications.find((x) => x.id === app.applicationId)!)
    expect(a0.quorum.ok).toBe(true)
    const invalid = a0.ballots.find((b) => b.reviewerId === c.reviewers[6].id)!
    expect(invalid).toMatchObject({ total: 50, valid: false, invalidReason: 'deviation' })
    expect(a0.ballots.filter((b) => b.valid)).toHaveLength(6)
    expect(a0.score).toMatchObject({ mean: 90, finalScore: 90, recommended: true })
    expect(a1.score).toMatchObject({ mean: 80, recommended: true })
    expect(a2.score).toMatchObject({ mean: 60, recommended: false })
    expect(meeting.contentKey).toBe(criteria[1].key) // "Nội dung và kế hoạch triển khai"
    expect(meeting.ranking.map((r) => [r.applicationId, r.rank, r.cumulativeRequested, r.fundable])).toEqual([
      [c.apps[0].applicationId, 1, 500_000_000, true],
      [c.apps[1].applicationId, 2, 1_000_000_000, false],
      [c.apps[2].applicationId, 3, 1_500_000_000, false],
    ])
    expect(meeting.canConclude).toBe(true)

    // The council's secretary (a reviewer, not staff) runs the meeting and records the conclusion; another
    // member gets 404.
    const secretary = c.reviewers[2]
    expect((await invoke(meetingPage, ctx, { path: meetingPath, cookie: await cookieOf(secretary), params: { id: c.councilId } })).status).toBe(200)
    expect((await invoke(meetingPage, ctx, { path: meetingPath, cookie: await cookieOf(c.reviewers[3]), params: { id: c.councilId } })).status).toBe(404)
    // The meeting page's button leads to the confirmation, which shows what will be recorded; nothing moves yet.
    const asked = await invoke(meetingPage, ctx, { method: 'POST', path: meetingPath, cookie: await cookieOf(secretary), params: { id: c.councilId }, form: { intent: 'conclude' } })
    expect(asked.headers.get('Location')).toBe(concludePath)
    const shown = await (await invoke(concludePage, ctx, { path: concludePath, cookie: await cookieOf(secretary), params: { id: c.councilId } })).json()
    expect(shown).toMatchObject({ present: 7, members: 7 })
    expect(shown.ranking.map((r: { applicationId: string; finalScore: number; recommended: boolean; fundable: boolean }) => [r.applicationId, r.finalScore, r.recommended, r.fundable])).toEqual([
      [c.apps[0].applicationId, 90, true, true],
      [c.apps[1].applicationId, 80, true, false],
      [c.apps[2].applicationId, 60, false, false],
    ])
    expect((await conclude(secretary, { digest: shown.digest })).headers.get('Location')).toBe(concludePath)
    expect((await handle.db.selectFrom('councils').select('status').where('id', '=', c.councilId).executeTakeFirstOrThrow()).status).toBe('formed')
    // Confirmed on other numbers than the ones now (the page was older than the attendance): refused, shown again.
    const stale = await conclude(secretary, { confirmed: 'yes', digest: 'an older page' })
    expect(stale.status).toBe(409)
    expect((await stale.json()).errors.form.message).toBe('reviewing.confirm.conclude.changed')
    expect(await handle.db.selectFrom('council_conclusions').select('application_id').where('council_id', '=', c.councilId).execute()).toEqual([])
    const done = await conclude(secretary, { confirmed: 'yes', digest: shown.digest })
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe(`${meetingPath}?notice=concluded`)
    const statuses = await handle.db.selectFrom('applications').select(['id', 'status']).where('id', 'in', c.apps.map((a) => a.applicationId)).execute()
    const statusOf = (i: number) => statuses.find((s) => s.id === c.apps[i].applicationId)!.status
    expect([statusOf(0), statusOf(1), statusOf(2)]).toEqual(['recommended', 'recommended', 'not_recommended'])
    const events = await handle.db.selectFrom('application_events').select('event').where('application_id', '=', c.apps[2].applicationId).orderBy('id').execute()
    expect(events.map((e) => e.event).slice(-2)).toEqual(['complete_review', 'not_recommend'])
    const conclusions = await handle.db.selectFrom('council_conclusions').selectAll().where('council_id', '=', c.councilId).orderBy('rank').execute()
    expect(conclusions.map((x) => [x.application_id, Number(x.mean), Number(x.final_score), x.rank, x.recommended, x.fundable])).toEqual([
      [c.apps[0].applicationId, 90, 90, 1, true, true],
      [c.apps[1].applicationId, 80, 80, 2, true, false],
      [c.apps[2].applicationId, 60, 60, 3, false, false],
    ])
    expect((conclusions[0].data as { ballots: unknown[] }).ballots).toHaveLength(7)
    expect((await handle.db.selectFrom('councils').select('status').where('id', '=', c.councilId).executeTakeFirstOrThrow()).status).toBe('concluded')
    expect(await auditActions(handle.db, c.councilId)).toEqual(expect.arrayContaining(['council.attendance_recorded', 'council.concluded']))

    // The call's ranking over its councils' conclusions says the same, and nothing is pending.
    const callRanking = (await rankCall(handle.db, c.call.id))!
    expect(callRanking.pending).toBe(0)
    expect(callRanking.rows.map((r) => [r.applicationId, r.rank, r.cumulativeRequested, r.fundable])).toEqual(
      meeting.ranking.map((r) => [r.applicationId, r.rank, r.cumulativeRequested, r.fundable]),
    )

    // Safe to re-run: nothing moves twice.
    expect(await concludeCouncil(handle.db, { councilId: c.councilId, actor: { ...c.staff, roles: ['staff'] }, lang: 'vi' })).toMatchObject({ ok: true, already: true })
    expect((await handle.db.selectFrom('application_events').select('event').where('application_id', '=', c.apps[2].applicationId).execute()).length).toBe(events.length)

    // The applicant's page: their application, where the council left it — and no ballot data.
    const owner = c.apps[0].owner
    const applicantRes = await invoke(applicantPage, ctx, { path: `/applications/${c.apps[0].applicationId}`, cookie: await cookieOf(owner), params: { id: c.apps[0].applicationId } })
    expect(applicantRes.status).toBe(200)
    const text = await applicantRes.text()
    const reference = (await handle.db.selectFrom('applications').select('reference').where('id', '=', c.apps[0].applicationId).executeTakeFirstOrThrow()).reference
    expect(JSON.parse(text).application).toMatchObject({ id: c.apps[0].applicationId, reference, status: 'recommended' })
    for (const word of ['scores', 'ballot', 'final_score', 'finalScore', 'recommendation', 'Nhận xét chung', 'deviation']) expect(text).not.toContain(word)
  })

  it('classes and ranks nothing before the attendance is saved, and says so', async () => {
    const c = await council({ declared: true, call: { budget_total: 800_000_000, max_amount: 500_000_000 } })
    const criteria = await criteriaOf(c.call.id)
    for (let r = 0; r < 7; r++) await submitBallot(c.assignment(0, r), c.reviewers[r], criteria, 40)
    const meetingPath = `/staff/councils/${c.councilId}/meeting`
    const staffCookie = await cookieOf(c.staff)
    const before = (await (await invoke(meetingPage, ctx, { path: meetingPath, cookie: staffCookie, params: { id: c.councilId } })).json()).meeting
    expect(before.attendanceRecorded).toBe(false)
    // Not "not recommended, beyond the budget": only what is missing.
    expect(before.applications[0]).toMatchObject({ ready: false, quorum: { ok: false, problems: [{ code: 'council.quorum.attendance' }] } })
    expect(before.ranking).toEqual([])
    expect(translator('en')('reviewing.quorum.attendance')).toBe('Attendance not recorded yet: tick the members present and save.')

    // Four of seven, the chair absent: still no class, and the reasons in words.
    await invoke(meetingPage, ctx, { method: 'POST', path: meetingPath, cookie: staffCookie, params: { id: c.councilId }, form: { intent: 'attendance', ...Object.fromEntries([1, 2, 3, 4].map((i) => [`present_${c.reviewers[i].id}`, 'on'])) } })
    const short = (await getMeeting(handle.db, c.councilId))!
    expect(short.applications[0].ready).toBe(false)
    expect(short.applications[0].quorum.problems.map((p) => p.code)).toEqual(['council.quorum.count', 'council.quorum.chair'])
    expect(translator('en')('reviewing.quorum.count', short.applications[0].quorum.problems[0].params)).toBe('Only 4 of 7 members present; at least 5 needed.')
    expect(short.ranking).toEqual([])

    // With the quorum and every ballot in, it is classed and ranked.
    await handle.db.updateTable('council_members').set({ present: true }).where('council_id', '=', c.councilId).execute()
    const full = (await getMeeting(handle.db, c.councilId))!
    expect(full.applications[0]).toMatchObject({ ready: true, score: { mean: 40, recommended: false } })
    expect(full.ranking).toMatchObject([{ applicationId: c.apps[0].applicationId, rank: 1, fundable: false }])
  })

  it('leaves a member with a conflict out of the quorum and the scores of that application, and says who', async () => {
    const c = await council({ n: 2, declared: true })
    const criteria = await criteriaOf(c.call.id)
    // The sixth member (a plain member) declares a conflict on the first application only.
    const conflicted = c.reviewers[5]
    expect((await post(c.assignment(0, 5), conflicted, { intent: 'declare', conflict: 'declared', reason: 'Em ruột tôi là chủ nhiệm.' })).status).toBe(302)
    for (let r = 0; r < 7; r++) {
      if (r !== 5) await submitBallot(c.assignment(0, r), c.reviewers[r], criteria, 80)
      await submitBallot(c.assignment(1, r), c.reviewers[r], criteria, 80)
    }
    // Everyone in the room, the conflicted member too.
    await handle.db.updateTable('council_members').set({ present: true }).where('council_id', '=', c.councilId).execute()
    const meeting = (await getMeeting(handle.db, c.councilId))!
    const [first, second] = c.apps.map((app) => meeting.applications.find((a) => a.id === app.applicationId)!)
    expect(first.quorum).toMatchObject({ ok: true, presentCount: 6, members: 6, required: 4, conflicted: [conflicted.id] })
    expect(first.conflicts).toEqual([{ userId: conflicted.id, fullName: conflicted.fullName, kind: 'declared' }])
    expect(first).toMatchObject({ membersPresent: 6, pending: [], ready: true })
    expect(first.ballots.map((b) => b.reviewerId)).not.toContain(conflicted.id)
    const en = translator('en')
    expect(en('reviewing.quorum.okWithout', { present: first.quorum.presentCount, members: first.quorum.members, required: first.quorum.required })).toBe(
      'Quorum reached: 6 of 6 members without a conflict of interest present (at least 4 needed).',
    )
    expect(en('reviewing.quorum.conflict.declared', { name: conflicted.fullName })).toBe(`${conflicted.fullName} declared a conflict of interest: left out of this application’s quorum and scores.`)
    // The other application counts the whole council.
    expect(second.quorum).toMatchObject({ ok: true, presentCount: 7, members: 7, conflicted: [] })
    expect(second.conflicts).toEqual([])
    // The conclusion records the quorum as counted.
    expect(await concludeCouncil(handle.db, { councilId: c.councilId, actor: { ...c.staff, roles: ['staff'] }, lang: 'vi' })).toMatchObject({ ok: true })
    const stored = await handle.db.selectFrom('council_conclusions').select('data').where('application_id', '=', c.apps[0].applicationId).executeTakeFirstOrThrow()
    expect(stored.data).toMatchObject({ membersPresent: 6, quorum: { presentCount: 6, members: 6 }, conflicts: [{ userId: conflicted.id, kind: 'declared' }] })
  })

  it('waits for every present member’s ballot', async () => {
    const c = await council({ declared: true })
    const criteria = await criteriaOf(c.call.id)
    for (let r = 0; r < 6; r++) await submitBallot(c.assignment(0, r), c.reviewers[r], criteria, 75)
    await handle.db.updateTable('council_members').set({ present: true }).where('council_id', '=', c.councilId).execute()
    const meeting = (await getMeeting(handle.db, c.councilId))!
    expect(meeting.applications[0].pending).toEqual([c.reviewers[6].fullName])
    expect(await concludeCouncil(handle.db, { councilId: c.councilId, actor: { ...c.staff, roles: ['staff'] }, lang: 'vi' })).toMatchObject({ ok: false, status: 409, errors: { form: 'reviewing.meeting.error.pending' } })
  })
})

describe('messages that quote what someone typed', () => {
  it('never show a second stop after a reason, a message or a place typed with its own, in either language', () => {
    // A reason ends with its own full stop, or not: the translator drops the message's stop after one that has it.
    const typed = /\{(reason|message|body|note|comment|conditions|place|location)\}[.!?;:…]/
    const offenders = (['vi', 'en'] as const).flatMap((lang) =>
      Object.entries(catalogue(lang))
        .filter(([, text]) => typed.test(text))
        .filter(([key, text]) => {
          const params = Object.fromEntries([...text.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], 'Em ruột tôi là chủ nhiệm.']))
          return /[^.]\.\.(?!\.)/.test(translator(lang)(key as MessageKey, params))
        })
        .map(([key]) => `${lang} ${key}`),
    )
    expect(offenders).toEqual([])
  })
})

describe('reminders', () => {
  it('sends one reminder before the due date and one overdue notice after it, however often it runs', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
    const soon = await council({ dueOn: day(2) })
    const late = await council({ dueOn: day(-1) })
    const rules = { reviewerReminderDays: DEFAULT_REVIEW_RULES.reviewerReminderDays }
    // The late council's first reviewer already submitted: nothing for them.
    const criteria = await criteriaOf(late.call.id)
    await handle.db.updateTable('review_assignments').set({ conflict: 'none' }).where('id', '=', late.assignment(0, 0)).execute()
    await submitBallot(late.assignment(0, 0), late.reviewers[0], criteria, 80)

    // One reviewer reads English: their reminder names the council and the call in English.
    await handle.db.updateTable('users').set({ lang: 'en' }).where('id', '=', soon.reviewers[1].id).execute()

    await sendReviewReminders(handle.db, new Date(), rules, 'http://localhost:3000')
    await sendReviewReminders(handle.db, new Date(), rules, 'http://localhost:3000')
    const reminder = await mailTo(handle.db, soon.reviewers[0].email)
    expect(reminder.map((m) => m.template)).toEqual(['review_reminder'])
    expect(reminder[0].text_body).toContain(`/review/${soon.assignment(0, 0)}`)
    expect(reminder[0].text_body).toContain('Hội đồng tư vấn thử nghiệm')
    expect(reminder[0].text_body).toContain('Đợt thử nghiệm nông nghiệp công nghệ cao')
    const [english] = await mailTo(handle.db, soon.reviewers[1].email)
    expect(english.text_body).toContain('Trial selection council')
    expect(english.text_body).toContain('Test call on hi-tech agriculture')
    for (const vietnamese of ['Hội đồng', 'Đợt thử nghiệm']) expect(english.text_body).not.toContain(vietnamese)
    expect((await mailTo(handle.db, late.reviewers[1].email)).map((m) => m.template)).toEqual(['review_overdue'])
    expect(await mailTo(handle.db, late.reviewers[0].email)).toEqual([])
    const row = await handle.db.selectFrom('review_assignments').select(['reminded_at', 'overdue_notified_at']).where('id', '=', soon.assignment(0, 0)).executeTakeFirstOrThrow()
    expect(row.reminded_at).toBeInstanceOf(Date)
    expect(row.overdue_notified_at).toBeNull()
  })
})
