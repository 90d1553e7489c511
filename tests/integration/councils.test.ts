import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import * as councilPage from '../../app/routes/staff.councils.$id._index'
import * as councilsIndex from '../../app/routes/staff.councils._index'
import * as newCouncil from '../../app/routes/staff.councils.new'
import * as relationsPage from '../../app/routes/review.relations'
import { translator } from '../../app/i18n'
import { type CouncilDetail, detectConflicts, formCouncil, foldName, teamPeople } from '../../app/modules/review'
import { sql } from 'kysely'
import { currentMigration, migrateDown, migrateToLatest } from '../../db/migrate'
import { createTestDb } from '../setup/db'
import { auditActions, createUser, invoke, mailTo, sessionFor, testContext, testEnv } from '../setup/app'
import { createCall } from '../setup/calls'
import { createEligibleApplication, createReviewers, type FixturePerson } from '../setup/review'

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let dataDir: string

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'councils-test-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

const vi = translator('vi')
/** A review problem in Vietnamese words, as the page shows it. */
const words = (p: { code: string; params: Record<string, string | number> }) => vi(p.code as never, p.params)
/** dd/mm/yyyy of a day `days` from now in Việt Nam. */
function vnDay(days: number) {
  const d = new Date(Date.now() + 7 * 3600_000 + days * 86_400_000)
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`
}

describe('councils, their members and conflicts of interest', () => {
  let staff: FixturePerson & { cookie: string }
  let callId: string
  let apps: Awaited<ReturnType<typeof createEligibleApplication>>[]
  let reviewers: FixturePerson[]
  let councilId: string

  const page = (cookie = staff.cookie, id = councilId) => invoke(councilPage, ctx, { path: `/staff/councils/${id}`, cookie, params: { id } })
  const post = (form: Record<string, string>, cookie = staff.cookie, id = councilId) =>
    invoke(councilPage, ctx, { method: 'POST', path: `/staff/councils/${id}`, cookie, params: { id }, form })
  const council = async () => ((await (await page()).json()) as { council: CouncilDetail; available: { id: string }[] }).council

  beforeAll(async () => {
    const s = await createUser(handle.db, { roles: ['staff'], fullName: 'Hoàng Văn Cán' })
    staff = { ...s, fullName: 'Hoàng Văn Cán', cookie: await sessionFor(ctx, s.id) }
    callId = (await createCall(handle.db)).id
    apps = []
    for (let i = 0; i < 3; i++) apps.push(await createEligibleApplication(handle.db, ctx.env, { callId }))
    reviewers = await createReviewers(handle.db, 9)
  }, 120_000)

  it('gives the eligible application fixture through the machine', async () => {
    const row = await handle.db.selectFrom('applications').select(['status', 'call_id']).where('id', '=', apps[0].applicationId).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'eligible', call_id: callId })
    const events = await handle.db.selectFrom('application_events').select('event').where('application_id', '=', apps[0].applicationId).orderBy('id').execute()
    expect(events.map((e) => e.event).filter((e) => !e.startsWith('section.'))).toEqual(['submit', 'start_screening', 'declare_eligible'])
  })

  it('creates a council for a call and lists it', async () => {
    // Both names are asked: mail reaches each expert in their own language.
    const bad = await invoke(newCouncil, ctx, { method: 'POST', path: '/staff/councils/new', cookie: staff.cookie, form: { callId: '', nameVi: 'x' } })
    expect(bad.status).toBe(400)
    expect((await bad.json()).errors).toMatchObject({ callId: { message: 'councils.v.call' }, nameVi: { message: 'councils.v.nameVi' }, nameEn: { message: 'councils.v.nameEn' } })
    const res = await invoke(newCouncil, ctx, {
      method: 'POST',
      path: '/staff/councils/new',
      cookie: staff.cookie,
      form: { callId, nameVi: 'Hội đồng tư vấn xét chọn nhiệm vụ nông nghiệp 2026', nameEn: 'Selection council for agriculture tasks 2026' },
    })
    expect(res.status).toBe(302)
    const location = res.headers.get('Location')!
    expect(location).toMatch(/^\/staff\/councils\/[0-9a-f-]{36}\?notice=created$/)
    councilId = location.split('/')[3].split('?')[0]
    expect(await auditActions(handle.db, councilId)).toEqual(['council.created'])
    const list = await (await invoke(councilsIndex, ctx, { path: `/staff/councils?call=${callId}`, cookie: staff.cookie })).json()
    expect(list.rows).toHaveLength(1)
    expect(list.rows[0]).toMatchObject({
      id: councilId,
      nameVi: 'Hội đồng tư vấn xét chọn nhiệm vụ nông nghiệp 2026',
      nameEn: 'Selection council for agriculture tasks 2026',
      status: 'forming',
      members: 0,
      applications: 0,
    })
  })

  it('renames a council in both languages, and refuses a name left empty', async () => {
    const empty = await post({ intent: 'rename', nameVi: 'Hội đồng mới', nameEn: ' ' })
    expect(empty.status).toBe(400)
    expect(await empty.json()).toMatchObject({ intent: 'rename', errors: { nameEn: 'councils.v.nameEn' } })
    expect((await post({ intent: 'rename', nameVi: 'Hội đồng tạm', nameEn: 'Interim council' })).status).toBe(302)
    expect(await council()).toMatchObject({ nameVi: 'Hội đồng tạm', nameEn: 'Interim council' })
    const renamed = await post({ intent: 'rename', nameVi: ' Hội đồng tư vấn xét chọn   nhiệm vụ nông nghiệp 2026 ', nameEn: 'Selection council for agriculture tasks 2026' })
    expect(renamed.headers.get('Location')).toBe(`/staff/councils/${councilId}?notice=renamed#name`)
    expect(await council()).toMatchObject({ nameVi: 'Hội đồng tư vấn xét chọn nhiệm vụ nông nghiệp 2026', nameEn: 'Selection council for agriculture tasks 2026' })
    expect(await auditActions(handle.db, councilId)).toEqual(['council.created', 'council.renamed', 'council.renamed'])
  })

  it('adds members by e-mail, says in words what the composition lacks, and accepts 7 with a chair and a secretary', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await post({ intent: 'add_member', email: reviewers[i].email.toUpperCase(), role: i === 0 ? 'chair' : 'member' })
      expect(res.status).toBe(302)
    }
    let c = await council()
    expect(c.members).toHaveLength(6)
    const texts = c.problems.map(words)
    expect(texts).toContain('Hội đồng cần từ 7 đến 9 thành viên (hiện có 6)')
    expect(texts).toContain('Hội đồng cần đúng một Thư ký khoa học (hiện có 0)')
    expect(c.problems.map((p) => p.code)).not.toContain('council.problem.chair')

    // Someone already on the council, an unknown address, an account without the reviewer role: said in words.
    const again = await post({ intent: 'add_member', email: reviewers[0].email, role: 'member' })
    expect(again.status).toBe(400)
    expect(await again.json()).toMatchObject({ intent: 'add_member', errors: { email: 'councils.v.email.already' } })
    expect((await (await post({ intent: 'add_member', email: 'nobody@example.vn', role: 'member' })).json()).errors.email).toBe('councils.v.email.unknown')
    const applicant = await createUser(handle.db, { roles: ['applicant'] })
    expect((await (await post({ intent: 'add_member', email: applicant.email, role: 'member' })).json()).errors.email).toBe('councils.v.email.notReviewer')
    expect((await (await post({ intent: 'add_member', email: 'không-phải-email', role: 'member' })).json()).errors.email).toBe('validation.email.invalid')

    expect((await post({ intent: 'add_member', email: reviewers[6].email, role: 'secretary' })).status).toBe(302)
    c = await council()
    expect(c.members).toHaveLength(7)
    expect(c.problems).toEqual([])
    // The chair first, then the secretary.
    expect(c.members.slice(0, 2).map((m) => m.role)).toEqual(['chair', 'secretary'])

    // A second vice-chair is a problem; changing the role back clears it.
    await post({ intent: 'set_role', key: reviewers[1].id, userId: reviewers[1].id, role: 'vice_chair' })
    await post({ intent: 'set_role', key: reviewers[2].id, userId: reviewers[2].id, role: 'vice_chair' })
    expect((await council()).problems.map(words)).toEqual(['Hội đồng có nhiều nhất một Phó Chủ tịch (hiện có 2)'])
    await post({ intent: 'set_role', key: reviewers[2].id, userId: reviewers[2].id, role: 'member' })
    expect((await council()).problems).toEqual([])
    expect(await auditActions(handle.db, councilId)).toContain('council.member_role_changed')
  })

  it('invites a new person as a reviewer and adds them; removes a member', async () => {
    const res = await post({ intent: 'invite_member', fullName: 'Trịnh Thị Mới', inviteEmail: 'Moi.Trinh@Vien-KHCN.vn', inviteRole: 'member', lang: 'en' })
    expect(res.status).toBe(302)
    const user = await handle.db.selectFrom('users').select(['id', 'status', 'lang']).where('email', '=', 'moi.trinh@vien-khcn.vn').executeTakeFirstOrThrow()
    expect(user).toMatchObject({ status: 'invited', lang: 'en' })
    const roles = await handle.db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute()
    expect(roles.map((r) => r.role)).toEqual(['reviewer'])
    const mail = await mailTo(handle.db, 'moi.trinh@vien-khcn.vn')
    expect(mail.map((m) => m.template)).toEqual(['invitation'])
    let c = await council()
    expect(c.members.find((m) => m.userId === user.id)).toMatchObject({ fullName: 'Trịnh Thị Mới', accountStatus: 'invited', role: 'member' })
    expect(c.members).toHaveLength(8)

    expect((await post({ intent: 'remove_member', key: user.id, userId: user.id })).status).toBe(302)
    c = await council()
    expect(c.members).toHaveLength(7)
    expect(await auditActions(handle.db, councilId)).toEqual(expect.arrayContaining(['council.member_added', 'council.member_removed']))
  })

  it('adds the call’s eligible applications, one council each, said in words when taken', async () => {
    let c = await council()
    const available = ((await (await page()).json()) as { available: { id: string }[] }).available.map((a) => a.id)
    expect(available.sort()).toEqual(apps.map((a) => a.applicationId).sort())
    for (const a of apps.slice(0, 2)) expect((await post({ intent: 'add_application', applicationId: a.applicationId })).status).toBe(302)
    c = await council()
    expect(c.applications.map((a) => a.applicationId).sort()).toEqual(apps.slice(0, 2).map((a) => a.applicationId).sort())
    expect(c.applications[0]).toMatchObject({ status: 'eligible', organisation: expect.stringContaining('Cà phê'), reference: expect.stringMatching(/^QKHCN-/) })

    // Another council of the same call cannot take it.
    const other = await invoke(newCouncil, ctx, { method: 'POST', path: '/staff/councils/new', cookie: staff.cookie, form: { callId, nameVi: 'Hội đồng thứ hai', nameEn: 'Second council' } })
    const otherId = other.headers.get('Location')!.split('/')[3].split('?')[0]
    const taken = await post({ intent: 'add_application', applicationId: apps[0].applicationId }, staff.cookie, otherId)
    expect(taken.status).toBe(400)
    const message = (await taken.json()).errors.applicationId as string
    expect(message).toMatch(/^councils\.v\.application\.taken\?/)
    const [key, query] = message.split('?')
    expect(vi(key as never, Object.fromEntries(new URLSearchParams(query)))).toBe(
      'Hồ sơ đã thuộc hội đồng "Hội đồng tư vấn xét chọn nhiệm vụ nông nghiệp 2026"; mỗi hồ sơ chỉ thuộc một hội đồng',
    )
    // An application of another call, or not eligible, is refused.
    const foreign = await createEligibleApplication(handle.db, ctx.env)
    expect((await (await post({ intent: 'add_application', applicationId: foreign.applicationId })).json()).errors.applicationId).toBe('councils.v.application.call')

    // The ranking flags.
    expect((await post({ intent: 'flags', key: apps[0].applicationId, applicationId: apps[0].applicationId, leadProposed: 'on' })).status).toBe(302)
    const flags = await handle.db.selectFrom('council_applications').select(['lead_proposed', 'prior_excellent']).where('application_id', '=', apps[0].applicationId).executeTakeFirstOrThrow()
    expect(flags).toEqual({ lead_proposed: true, prior_excellent: false })
  }, 60_000)

  it('detects conflicts of every kind from the data', async () => {
    const [a1, a2] = apps
    const [rMember, rTax, rTeam, rRelation] = reviewers
    // A member of the applicant organisation.
    await handle.db.insertInto('organisation_members').values({ organisation_id: a1.organisationId, user_id: rMember.id, role: 'viewer' }).execute()
    // A declared tax code equal to the applicant's, declared by the reviewer on their page (typed with spaces).
    await handle.db.updateTable('organisations').set({ identifier: '0100233488' }).where('id', '=', a2.organisationId).execute()
    const taxCookie = await sessionFor(ctx, rTax.id)
    const wrong = await invoke(relationsPage, ctx, { method: 'POST', path: '/review/relations', cookie: taxCookie, form: { intent: 'add', kind: 'tax_code', taxCode: '0100233480' } })
    expect(wrong.status).toBe(400)
    expect((await wrong.json()).errors.taxCode.message).toBe('councils.relations.v.taxCode')
    const declared = await invoke(relationsPage, ctx, { method: 'POST', path: '/review/relations', cookie: taxCookie, form: { intent: 'add', kind: 'tax_code', taxCode: '0100 233 488', note: 'Cộng tác viên' } })
    expect(declared.status).toBe(302)
    const listed = await (await invoke(relationsPage, ctx, { path: '/review/relations', cookie: taxCookie })).json()
    expect(listed.relations).toMatchObject([{ taxCode: '0100233488', personName: null, note: 'Cộng tác viên' }])
    expect(await auditActions(handle.db, rTax.id)).toContain('review.relation_declared')
    // On the team by e-mail (case-insensitive).
    const team = await handle.db.selectFrom('application_sections').select('data').where('application_id', '=', a1.applicationId).where('key', '=', 'team').executeTakeFirstOrThrow()
    await handle.db
      .updateTable('application_sections')
      .set({ data: { ...(team.data as Record<string, unknown>), m2_name: 'Ai Đó', m2_email: rTeam.email.toUpperCase() } })
      .where('application_id', '=', a1.applicationId)
      .where('key', '=', 'team')
      .execute()
    // A declared relation to a person on the team, typed without diacritics ("Lê Văn Cường" is m1 of every test team).
    const relCookie = await sessionFor(ctx, rRelation.id)
    expect((await invoke(relationsPage, ctx, { method: 'POST', path: '/review/relations', cookie: relCookie, form: { intent: 'add', kind: 'person', personName: '  le  van CUONG ', note: 'Anh ruột' } })).status).toBe(302)

    expect(await detectConflicts(handle.db, { applicationId: a1.applicationId, reviewerId: rMember.id })).toEqual([{ kind: 'member', detail: expect.stringContaining('Cà phê') }])
    expect(await detectConflicts(handle.db, { applicationId: a2.applicationId, reviewerId: rMember.id })).toEqual([])
    expect(await detectConflicts(handle.db, { applicationId: a2.applicationId, reviewerId: rTax.id })).toEqual([{ kind: 'tax_code', detail: expect.stringContaining('0100233488') }])
    expect(await detectConflicts(handle.db, { applicationId: a1.applicationId, reviewerId: rTax.id })).toEqual([])
    expect(await detectConflicts(handle.db, { applicationId: a1.applicationId, reviewerId: rTeam.id })).toEqual([{ kind: 'team', detail: 'Ai Đó' }])
    expect(await detectConflicts(handle.db, { applicationId: a2.applicationId, reviewerId: rTeam.id })).toEqual([])
    expect(await detectConflicts(handle.db, { applicationId: a1.applicationId, reviewerId: rRelation.id })).toEqual([{ kind: 'relation', detail: 'Lê Văn Cường' }])
    expect(await detectConflicts(handle.db, { applicationId: a1.applicationId, reviewerId: reviewers[5].id })).toEqual([])

    // The page's matrix shows them before the council is formed.
    const c = await council()
    const cell = (appId: string, userId: string) => c.matrix.find((m) => m.applicationId === appId && m.reviewerId === userId)!
    expect(cell(a1.applicationId, rMember.id).detected.map((d) => d.kind)).toEqual(['member'])
    expect(cell(a2.applicationId, rTax.id).detected.map((d) => d.kind)).toEqual(['tax_code'])
    expect(cell(a1.applicationId, rTeam.id).detected.map((d) => d.kind)).toEqual(['team'])
    expect(cell(a2.applicationId, rRelation.id).detected.map((d) => d.kind)).toEqual(['relation'])
    expect(cell(a1.applicationId, reviewers[6].id).detected).toEqual([])
  })

  it('assigns exactly two opponents per application among the members', async () => {
    const [a1] = apps
    const one = await post({ intent: 'opponents', key: a1.applicationId, applicationId: a1.applicationId, opponent1: reviewers[0].id, opponent2: '' })
    expect(one.status).toBe(400)
    const message = (await one.json()).errors.opponents as string
    expect(message.split('?')[0]).toBe('council.problem.opponent_count')
    const same = await post({ intent: 'opponents', key: a1.applicationId, applicationId: a1.applicationId, opponent1: reviewers[0].id, opponent2: reviewers[0].id })
    expect((await same.json()).errors.opponents.split('?')[0]).toBe('council.problem.opponent_count')
    const outsider = await post({ intent: 'opponents', key: a1.applicationId, applicationId: a1.applicationId, opponent1: reviewers[0].id, opponent2: reviewers[8].id })
    expect((await outsider.json()).errors.opponents.split('?')[0]).toBe('council.problem.opponent_not_member')

    expect((await post({ intent: 'opponents', key: a1.applicationId, applicationId: a1.applicationId, opponent1: reviewers[0].id, opponent2: reviewers[5].id })).status).toBe(302)
    const c = await council()
    expect(c.applications.find((a) => a.applicationId === a1.applicationId)).toMatchObject({ opponentProblems: [] })
    expect(c.applications.find((a) => a.applicationId === a1.applicationId)!.opponentIds.sort()).toEqual([reviewers[0].id, reviewers[5].id].sort())
    // The first opponent is in conflict, the other application still lacks them: the council cannot be formed, and says why.
    expect(c.formProblems.map((p) => p.code)).toEqual(['councils.problem.opponent_conflict', 'councils.problem.opponents'])
    const assignment = await handle.db
      .selectFrom('review_assignments')
      .select(['opponent', 'detected'])
      .where('application_id', '=', a1.applicationId)
      .where('reviewer_id', '=', reviewers[0].id)
      .executeTakeFirstOrThrow()
    expect(assignment.opponent).toBe(true)
    expect(assignment.detected).toEqual([{ kind: 'member', detail: expect.any(String) }])
  })

  it('overrides a detected conflict only with a reason, and audits it', async () => {
    const [a1] = apps
    const c = await council()
    const cell = c.matrix.find((m) => m.applicationId === a1.applicationId && m.reviewerId === reviewers[0].id)!
    expect(cell.assignmentId).toBeTruthy()
    // An opponent in conflict keeps the council from being formed until the conflict is overridden.
    const reference = c.applications.find((a) => a.applicationId === a1.applicationId)!.reference
    expect(c.formProblems.map(words)).toContain(
      `Ủy viên phản biện ${reviewers[0].fullName} có xung đột lợi ích với hồ sơ ${reference}: hãy cho phép có ghi lý do hoặc chọn người khác`,
    )
    const empty = await post({ intent: 'override', key: cell.assignmentId!, assignmentId: cell.assignmentId!, reason: '  ' })
    expect(empty.status).toBe(400)
    expect(await empty.json()).toMatchObject({ intent: 'override', key: cell.assignmentId, errors: { reason: 'councils.v.override.reason' } })
    let row = await handle.db.selectFrom('review_assignments').select(['override_reason', 'overridden_by']).where('id', '=', cell.assignmentId!).executeTakeFirstOrThrow()
    expect(row).toEqual({ override_reason: null, overridden_by: null })

    const ok = await post({ intent: 'override', key: cell.assignmentId!, assignmentId: cell.assignmentId!, reason: 'Chỉ là thành viên xem, không tham gia nhiệm vụ.' })
    expect(ok.status).toBe(302)
    row = await handle.db.selectFrom('review_assignments').select(['override_reason', 'overridden_by']).where('id', '=', cell.assignmentId!).executeTakeFirstOrThrow()
    expect(row).toEqual({ override_reason: 'Chỉ là thành viên xem, không tham gia nhiệm vụ.', overridden_by: staff.id })
    expect((await council()).formProblems.map((p) => p.code)).not.toContain('councils.problem.opponent_conflict')
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('subject_id', '=', a1.applicationId).where('action', '=', 'review.conflict_overridden').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_id: staff.id, details: { reason: 'Chỉ là thành viên xem, không tham gia nhiệm vụ.', reviewer: reviewers[0].id } })
    // An assignment of another council cannot be overridden from this page.
    const other = await post({ intent: 'override', key: 'x', assignmentId: '00000000-0000-4000-8000-000000000000', reason: 'Lý do bất kỳ ở đây' })
    expect(other.status).toBe(404)
  })

  it('forms the council: assignments, applications to review through the machine, one invitation per member', async () => {
    const [a1, a2] = apps
    await handle.db.updateTable('users').set({ lang: 'en' }).where('id', '=', reviewers[3].id).execute()
    expect((await post({ intent: 'opponents', key: a2.applicationId, applicationId: a2.applicationId, opponent1: reviewers[5].id, opponent2: reviewers[6].id })).status).toBe(302)
    const badDate = await post({ intent: 'form', reviewDueOn: '31/02/2026' })
    expect(badDate.status).toBe(400)
    expect((await badDate.json()).errors.reviewDueOn).toBe('councils.v.due.format')
    const past = await post({ intent: 'form', reviewDueOn: vnDay(-2) })
    expect((await past.json()).errors.reviewDueOn).toBe('councils.v.due.past')

    const res = await post({ intent: 'form', reviewDueOn: vnDay(20), meetingDate: vnDay(30), meetingTime: '08:30', location: 'Phòng họp Sở KH&CN' })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toContain('notice=formed')
    expect(res.headers.get('Location')).toContain('moved=2')

    const c = await council()
    expect(c.status).toBe('formed')
    const dueIso = (() => {
      const [d, m, y] = vnDay(20).split('/')
      return `${y}-${m}-${d}`
    })()
    expect(c.reviewDueOn).toBe(dueIso)
    const assignments = await handle.db.selectFrom('review_assignments').selectAll().where('council_id', '=', councilId).execute()
    expect(assignments).toHaveLength(7 * 2)
    expect(assignments.filter((a) => a.opponent)).toHaveLength(4)
    // Detected conflicts are stored with every assignment; the override made before stays.
    const stored = (appId: string, userId: string) => assignments.find((a) => a.application_id === appId && a.reviewer_id === userId)!
    expect(stored(a1.applicationId, reviewers[2].id).detected.map((d) => d.kind)).toEqual(['team'])
    expect(stored(a2.applicationId, reviewers[1].id).detected.map((d) => d.kind)).toEqual(['tax_code'])
    expect(stored(a1.applicationId, reviewers[0].id).override_reason).toBeTruthy()

    for (const a of [a1, a2]) {
      const row = await handle.db.selectFrom('applications').select('status').where('id', '=', a.applicationId).executeTakeFirstOrThrow()
      expect(row.status).toBe('in_review')
      const last = await handle.db.selectFrom('application_events').select(['event', 'actor_id']).where('application_id', '=', a.applicationId).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
      expect(last).toEqual({ event: 'start_review', actor_id: staff.id })
    }
    // The third application was not on the council: still eligible.
    expect((await handle.db.selectFrom('applications').select('status').where('id', '=', apps[2].applicationId).executeTakeFirstOrThrow()).status).toBe('eligible')

    const invitations = await handle.db.selectFrom('email_outbox').selectAll().where('template', '=', 'reviewer_invitation').execute()
    expect(invitations).toHaveLength(7)
    expect(new Set(invitations.map((m) => m.to_address))).toEqual(new Set(c.members.map((m) => m.email)))
    // Each in the recipient's language, the council's and the call's names too: no Vietnamese spliced into English.
    const english = invitations.find((m) => m.to_address === reviewers[3].email)!
    expect(english.lang).toBe('en')
    expect(english.subject).toBe('Invitation to sit on the Selection council for agriculture tasks 2026')
    expect(english.text_body).toContain('Test call on hi-tech agriculture')
    for (const vietnamese of ['Hội đồng', 'Đợt thử nghiệm']) expect(english.text_body).not.toContain(vietnamese)
    const vietnamese = invitations.find((m) => m.to_address === reviewers[0].email)!
    expect(vietnamese.subject).toBe('Thư mời tham gia Hội đồng tư vấn xét chọn nhiệm vụ nông nghiệp 2026')
    expect(vietnamese.text_body).toContain('Đợt thử nghiệm nông nghiệp công nghệ cao')
    expect(vietnamese.text_body).not.toContain('Selection council')
    expect(vietnamese.text_body).toContain(`${ctx.env.APP_URL}/review`)
    expect(vietnamese.text_body).toContain(vnDay(20))
    expect(vietnamese.text_body).toContain('Chủ tịch hội đồng')
    expect(await auditActions(handle.db, councilId)).toContain('council.formed')

    // A formed council no longer changes its members; forming again sends nothing twice and moves nothing twice.
    const late = await post({ intent: 'add_member', email: reviewers[7].email, role: 'member' })
    expect((await late.json()).errors.form).toBe('councils.v.notForming')
    const again = await formCouncil(handle.db, { councilId, reviewDueOn: vnDay(20), actor: staff, appUrl: ctx.env.APP_URL })
    expect(again).toMatchObject({ ok: true, moved: [], invited: 0, failed: [] })
    expect((again as { skipped: string[] }).skipped).toHaveLength(2)
    expect(await handle.db.selectFrom('email_outbox').select('id').where('template', '=', 'reviewer_invitation').execute()).toHaveLength(7)
  }, 60_000)

  it('refuses the staff council pages to a reviewer and to an applicant', async () => {
    const reviewerCookie = await sessionFor(ctx, reviewers[0].id)
    const applicantCookie = await sessionFor(ctx, apps[0].owner.id)
    for (const cookie of [reviewerCookie, applicantCookie]) {
      expect((await invoke(councilsIndex, ctx, { path: '/staff/councils', cookie })).status).toBe(403)
      expect((await invoke(newCouncil, ctx, { path: '/staff/councils/new', cookie })).status).toBe(403)
      expect((await invoke(newCouncil, ctx, { method: 'POST', path: '/staff/councils/new', cookie, form: { callId, nameVi: 'Hội đồng giả', nameEn: 'Fake council' } })).status).toBe(403)
      expect((await page(cookie)).status).toBe(403)
      expect((await post({ intent: 'add_member', email: reviewers[8].email, role: 'member' }, cookie)).status).toBe(403)
    }
    // An applicant has no relations page either; a reviewer removes only their own relations.
    expect((await invoke(relationsPage, ctx, { path: '/review/relations', cookie: applicantCookie })).status).toBe(403)
    const own = await handle.db.selectFrom('reviewer_relations').select('id').where('user_id', '=', reviewers[1].id).executeTakeFirstOrThrow()
    const notMine = await invoke(relationsPage, ctx, { method: 'POST', path: '/review/relations', cookie: reviewerCookie, form: { intent: 'remove', relationId: String(own.id) } })
    expect(notMine.status).toBe(404)
    const mine = await invoke(relationsPage, ctx, { method: 'POST', path: '/review/relations', cookie: await sessionFor(ctx, reviewers[1].id), form: { intent: 'remove', relationId: String(own.id) } })
    expect(mine.status).toBe(302)
    expect(await auditActions(handle.db, reviewers[1].id)).toContain('review.relation_removed')
  })
})

describe('the council names migration (0011)', () => {
  it('gives a council created with one name that name in both languages, and the down migration takes it back', async () => {
    const own = await createTestDb()
    try {
      // Back to before 0011, where a council had one name.
      while ((await currentMigration(own.db))! >= '0011_council_names') await migrateDown(own.db)
      const call = await createCall(own.db)
      await sql`INSERT INTO councils (call_id, name, updated_at) VALUES (${call.id}, 'Hội đồng cũ', now())`.execute(own.db)
      await migrateToLatest(own.db)
      const row = await own.db.selectFrom('councils').select(['name_vi', 'name_en']).where('call_id', '=', call.id).executeTakeFirstOrThrow()
      expect(row).toEqual({ name_vi: 'Hội đồng cũ', name_en: 'Hội đồng cũ' })
    } finally {
      await own.close()
    }
  }, 120_000)
})

describe('conflict detection helpers', () => {
  it('folds names: NFC, case, diacritics and đ', () => {
    expect(foldName('  Lê  Văn Cường ')).toBe('le van cuong')
    expect(foldName('ĐẶNG THỊ MAI')).toBe(foldName('dang thi mai'))
    // Decomposed input (NFD) folds the same as composed.
    expect(foldName('Nguyễn'.normalize('NFD'))).toBe('nguyen')
  })
  it('reads the team section: investigator, secretary and members m1…m10', () => {
    expect(teamPeople({ pi_name: 'A B', pi_email: 'a@b.vn', secretary_name: 'C D', m1_name: 'E F', m10_name: 'G H', m11_name: 'not read', other: 'x' })).toEqual([
      { name: 'A B', email: 'a@b.vn' },
      { name: 'C D', email: '' },
      { name: 'E F', email: '' },
      { name: 'G H', email: '' },
    ])
    expect(teamPeople(null)).toEqual([])
  })
})
