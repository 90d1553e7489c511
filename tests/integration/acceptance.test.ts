import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import type { AcceptanceRating, AcceptanceRole } from '../../db/schema'
import { uploadStorage } from '../../app/modules/applications'
import {
  addAcceptanceMember,
  castAcceptanceVote,
  concludeAcceptance,
  declareAcceptanceConflict,
  finaliseResults,
  formAcceptanceCouncil,
  getAcceptanceCouncil,
  getResultsDossier,
  issuedAcceptanceMinutes,
  nextDue,
  saveResultsDossier,
  submitResults,
} from '../../app/modules/acceptance'
import { requestSignature } from '../../app/modules/decisions'
import { pdfLines, pdfSig } from '../../app/modules/documents/layout/pdf-check'
import { addWorkingDays } from '../../app/modules/calendar'
import { loadHolidays } from '../../app/modules/screening'
import { applyTransition } from '../../app/modules/workflow'
import { createTestDb } from '../setup/db'
import { createUser, insertFundSettings, invoke, mailTo, sessionFor, testContext, testEnv } from '../setup/app'
import { type ContractedTask, createContractedTask } from '../setup/award'
import { createReviewers, type FixturePerson } from '../setup/review'
import { signPending } from '../setup/signing'
import * as resultsRoute from '../../app/routes/tasks.$id.results'
import * as registrationRoute from '../../app/routes/tasks.$id.results.registration'
import * as staffRoute from '../../app/routes/staff.tasks.$id.acceptance'
import * as memberRoute from '../../app/routes/review.acceptance.$councilId'

// Acceptance of a funded task (issue 12): the grantee's results dossier and its submission through the machine,
// the acceptance council (seats, the fund's size rule, conflicts, ratings), its conclusion by the coded rating
// rule, the minutes signed by the member presiding and read back, pass or fail, and the period to finalise.

let handle: DatabaseHandle
let dataDir: string
let env: ReturnType<typeof testEnv>

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'acceptance-'))
  env = testEnv({ DATA_DIR: dataDir })
  await insertFundSettings(handle.db)
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

const DOSSIER = {
  summary: 'Đã hoàn thành quy trình nhân giống cà phê vối bằng nuôi cấy mô.',
  products: 'Quy trình kỹ thuật\n5.000 cây giống đạt chuẩn',
  self_rating: 'pass',
  self_assessment: 'Hoàn thành đủ khối lượng và chất lượng theo hợp đồng.',
  spending_report: 'Đã sử dụng theo dự toán được duyệt.',
  spent_amount: '432.000.000',
}

const ctx = () => testContext(handle, env)
const status = async (id: string) => (await handle.db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status

/** A task whose results are submitted, in acceptance. */
async function submitted(): Promise<ContractedTask> {
  const task = await createContractedTask(handle.db, env)
  expect(await saveResultsDossier(handle.db, { applicationId: task.applicationId, values: DOSSIER, actor: task.owner })).toEqual({ ok: true })
  expect(await submitResults(handle.db, { applicationId: task.applicationId, actor: task.owner, as: 'applicant', lang: 'vi', appUrl: env.APP_URL })).toMatchObject({ ok: true })
  return task
}

const SEATS: AcceptanceRole[] = ['chair', 'vice_chair', 'secretary', 'opponent', 'opponent', 'member', 'member']

/** A formed council of seven on the task; returns its members in seat order. */
async function formed(task: ContractedTask): Promise<FixturePerson[]> {
  const members = await createReviewers(handle.db, SEATS.length)
  for (const [i, m] of members.entries()) {
    expect(await addAcceptanceMember(handle.db, { applicationId: task.applicationId, email: m.email, role: SEATS[i], actor: task.staff })).toEqual({ ok: true })
  }
  expect(await formAcceptanceCouncil(handle.db, { applicationId: task.applicationId, meetingOn: '15/01/2099', location: 'Phòng họp Quỹ, 15 Lê Duẩn', actor: task.staff, appUrl: env.APP_URL })).toEqual({ ok: true })
  return members
}

async function rate(task: ContractedTask, members: FixturePerson[], votes: AcceptanceRating[]) {
  const council = (await getAcceptanceCouncil(handle.db, task.applicationId))!
  for (const [i, vote] of votes.entries()) {
    expect(await declareAcceptanceConflict(handle.db, { councilId: council.id, userId: members[i].id, conflict: 'none', reason: '', actor: members[i] })).toEqual({ ok: true })
    expect(await castAcceptanceVote(handle.db, { councilId: council.id, userId: members[i].id, vote, comment: 'Nhận xét của thành viên.', actor: members[i] })).toEqual({ ok: true })
  }
  return council
}

describe('the results dossier', () => {
  it('is refused for acceptance until every part is there, then submitted once and mailed', async () => {
    const task = await createContractedTask(handle.db, env)
    const due = await nextDue(handle.db, task.contractId)
    // 30 days (the fund's rule) after the contract's end on 2027-12-31.
    expect(due).toEqual({ labelKey: 'acceptance.next.submit', dueOn: '2028-01-30', href: `/tasks/${task.applicationId}/results` })
    expect(await saveResultsDossier(handle.db, { applicationId: task.applicationId, values: { summary: 'Tóm tắt', spent_amount: 'nhiều' }, actor: task.owner })).toMatchObject({ ok: false, status: 400, errors: { spent_amount: 'acceptance.v.amount' } })
    expect(await saveResultsDossier(handle.db, { applicationId: task.applicationId, values: { summary: 'Tóm tắt kết quả' }, actor: task.owner })).toEqual({ ok: true })
    const refused = await submitResults(handle.db, { applicationId: task.applicationId, actor: task.owner, as: 'applicant', lang: 'vi', appUrl: env.APP_URL })
    expect(refused).toMatchObject({ ok: false, reason: 'guard', problem: 'acceptance.refused.incomplete' })
    expect(refused.ok === false && refused.reason === 'guard' ? refused.problems?.map((p) => p.message) : []).toEqual([
      'acceptance.dossier.missing.products',
      'acceptance.dossier.missing.self_assessment',
      'acceptance.dossier.missing.spending_report',
      'acceptance.dossier.missing.self_rating',
      'acceptance.dossier.missing.spent_amount',
    ])
    expect(await status(task.applicationId)).toBe('in_progress')

    expect(await saveResultsDossier(handle.db, { applicationId: task.applicationId, values: DOSSIER, actor: task.owner })).toEqual({ ok: true })
    expect(await submitResults(handle.db, { applicationId: task.applicationId, actor: task.owner, as: 'applicant', lang: 'vi', appUrl: env.APP_URL })).toMatchObject({ ok: true, status: 'acceptance' })
    const dossier = (await getResultsDossier(handle.db, task.applicationId))!
    expect(dossier).toMatchObject({ selfRating: 'pass', spentAmount: 432_000_000, version: 2 })
    expect(dossier.submittedAt).toBeInstanceOf(Date)
    expect(await nextDue(handle.db, task.contractId)).toBeNull()
    const mail = await mailTo(handle.db, task.owner.email)
    expect(mail.at(-1)).toMatchObject({ template: 'acceptance_event' })
    expect(mail.at(-1)!.subject).toContain('Đã nộp hồ sơ đánh giá, nghiệm thu')
    expect((await mailTo(handle.db, task.staff.email)).some((m) => m.template === 'acceptance_event')).toBe(true)
    // Submitted: no more changes.
    expect(await saveResultsDossier(handle.db, { applicationId: task.applicationId, values: DOSSIER, actor: task.owner })).toMatchObject({ ok: false, status: 409 })
  })
})

describe('the grantee’s page', () => {
  it('keeps what was typed on a bad amount, names each missing part on submitting, and submits what was saved', async () => {
    const task = await createContractedTask(handle.db, env)
    const cookie = await sessionFor(ctx(), task.owner.id)
    const post = (form: Record<string, string>) => invoke(resultsRoute, ctx(), { method: 'POST', path: `/tasks/${task.applicationId}/results`, cookie, form, params: { id: task.applicationId } })
    const bad = await post({ intent: 'save', summary: 'Tóm tắt đã gõ', spent_amount: 'ba trăm' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ errors: { spent_amount: { message: 'acceptance.v.amount' } }, defaultValues: { summary: 'Tóm tắt đã gõ' } })
    expect((await post({ intent: 'save', summary: 'Tóm tắt đã gõ' })).headers.get('Location')).toBe(`/tasks/${task.applicationId}/results?notice=saved`)
    const missing = await post({ intent: 'submit' })
    expect(missing.status).toBe(400)
    expect((await missing.json()).errors).toMatchObject({ form: { message: 'acceptance.refused.incomplete' }, products: { message: 'acceptance.dossier.missing.products' } })
    expect((await post({ intent: 'save', ...DOSSIER })).status).toBe(302)
    expect((await post({ intent: 'submit' })).headers.get('Location')).toBe(`/tasks/${task.applicationId}/results?notice=submitted`)
    expect(await status(task.applicationId)).toBe('acceptance')
    // Another organisation's user does not find the task.
    const stranger = await createUser(handle.db)
    expect((await invoke(resultsRoute, ctx(), { path: `/tasks/${task.applicationId}/results`, cookie: await sessionFor(ctx(), stranger.id), params: { id: task.applicationId } })).status).toBe(404)
  })
})

describe('the acceptance council', () => {
  it('is formed within the fund’s size with one chair, rates by the coded rule, signs its minutes, and the task passes', async () => {
    const task = await submitted()
    const [first] = await createReviewers(handle.db, 1)
    expect(await addAcceptanceMember(handle.db, { applicationId: task.applicationId, email: first.email, role: 'chair', actor: task.staff })).toEqual({ ok: true })
    expect(await addAcceptanceMember(handle.db, { applicationId: task.applicationId, email: task.owner.email, role: 'member', actor: task.staff })).toMatchObject({ ok: false, errors: { email: 'councils.v.email.notReviewer' } })
    // One member is not a council: the fund's size (7 to 9 by default).
    const small = await formAcceptanceCouncil(handle.db, { applicationId: task.applicationId, meetingOn: '15/01/2099', location: 'Phòng họp Quỹ', actor: task.staff, appUrl: env.APP_URL })
    expect(small).toMatchObject({ ok: false, status: 409, problems: [{ code: 'council.problem.size', params: { min: 7, max: 9, count: 1 } }] })
    expect(await removeFirst(task, first)).toEqual({ ok: true })

    const members = await formed(task)
    const invitation = (await mailTo(handle.db, members[0].email)).at(-1)!
    expect(invitation.template).toBe('acceptance_event')
    expect(invitation.subject).toContain('Mời tham gia hội đồng nghiệm thu')
    // Formed: seats are fixed.
    expect(await addAcceptanceMember(handle.db, { applicationId: task.applicationId, email: first.email, role: 'member', actor: task.staff })).toMatchObject({ ok: false, errors: { form: 'acceptance.refused.formed' } })

    const council = (await getAcceptanceCouncil(handle.db, task.applicationId))!
    // A rating before declaring is refused; a declared conflict takes the member out.
    expect(await castAcceptanceVote(handle.db, { councilId: council.id, userId: members[6].id, vote: 'fail', comment: 'Chưa đạt yêu cầu.', actor: members[6] })).toMatchObject({ ok: false, errors: { form: 'acceptance.refused.declareFirst' } })
    expect(await declareAcceptanceConflict(handle.db, { councilId: council.id, userId: members[6].id, conflict: 'declared', reason: 'Là cán bộ của tổ chức chủ trì.', actor: members[6] })).toEqual({ ok: true })
    // Four of the six without a conflict rate (the quorum's count, ⌈2/3 × 6⌉), but the opponents have not.
    await rate(task, members, ['excellent', 'excellent', 'excellent', 'excellent'])
    const early = await concludeAcceptance(handle.db, { applicationId: task.applicationId, conclusions: 'Nhiệm vụ hoàn thành.', actor: task.staff })
    expect(early).toMatchObject({ ok: false, errors: { form: 'acceptance.refused.quorum' } })
    expect(early.ok ? [] : early.problems?.map((p) => p.code)).toContain('council.quorum.opponent')

    // Six rate: five excellent and one pass, no fail → 5/6 ≥ 3/4: excellent.
    await rate(task, members, ['excellent', 'excellent', 'excellent', 'excellent', 'excellent', 'pass'])
    // The minutes wait for the conclusion; the task for the minutes.
    expect(await requestSignature(handle.db, { applicationId: task.applicationId, kind: 'acceptance_minutes', actor: task.staff, appUrl: env.APP_URL })).toMatchObject({ ok: false, reason: 'not_due' })
    expect(await concludeAcceptance(handle.db, { applicationId: task.applicationId, conclusions: 'Nhiệm vụ hoàn thành vượt mức.\nĐề nghị chuyển giao quy trình.', actor: task.staff })).toEqual({ ok: true, rating: 'excellent' })
    const pass = await applyTransition(handle.db, { applicationId: task.applicationId, event: 'pass_acceptance', actor: task.staff, as: 'staff', lang: 'vi', appUrl: env.APP_URL })
    expect(pass).toMatchObject({ ok: false, reason: 'guard', problem: 'acceptance.refused.noMinutes' })

    const request = await requestSignature(handle.db, { applicationId: task.applicationId, kind: 'acceptance_minutes', actor: task.staff, appUrl: env.APP_URL })
    expect(request).toMatchObject({ ok: true, request: { signerId: members[0].id, kind: 'acceptance_minutes' } })
    expect((await mailTo(handle.db, members[0].email)).at(-1)!.template).toBe('signature_requested')
    const signed = await signPending(handle.db, uploadStorage(env), { applicationId: task.applicationId }, { ...members[0], roles: ['reviewer'] })
    expect(signed).toMatchObject({ ok: true, document: { symbol: expect.stringMatching(/^\d{2,}\/BB-/) } })
    const minutes = (await issuedAcceptanceMinutes(handle.db, task.applicationId))!
    const bytes = await stored(minutes.id)
    const text = (await pdfLines(bytes)).join('\n')
    expect(text).toContain('BIÊN BẢN')
    expect(text).toContain(`Số: ${signed.ok ? signed.document.symbol : ''}`)
    expect(text).toContain('Hội đồng xếp loại nhiệm vụ: XUẤT SẮC.')
    expect(text).toContain('“Xuất sắc”: 5, “Đạt”: 1, “Không đạt”: 0')
    expect(text).toMatch(/Ủy viên\s+Không tham gia\s+Có phiếu|Ủy viên\s+Không tham gia\n/)
    expect(text).toContain('Đề nghị chuyển giao quy trình.')
    expect(text).toContain('CHỦ TỊCH HỘI ĐỒNG')
    expect(text).toContain(members[0].fullName)
    expect((await pdfSig(bytes)).signatures).toHaveLength(2)

    // A pass is what the rating says; a failure is refused.
    expect(await applyTransition(handle.db, { applicationId: task.applicationId, event: 'fail_acceptance', actor: task.staff, as: 'staff', input: { reasons: 'Không đạt yêu cầu.' }, lang: 'vi', appUrl: env.APP_URL })).toMatchObject({
      ok: false,
      problem: 'acceptance.refused.rating.excellent',
    })
    expect(await applyTransition(handle.db, { applicationId: task.applicationId, event: 'pass_acceptance', actor: task.staff, as: 'staff', lang: 'vi', appUrl: env.APP_URL })).toMatchObject({ ok: true, status: 'completed' })
    // The grantee finalises within 30 working days of the minutes.
    const dueOn = addWorkingDays(minutes.createdAt, 30, await loadHolidays(handle.db))
    expect((await getResultsDossier(handle.db, task.applicationId))!.finaliseDueOn).toBe(dueOn)
    expect(await nextDue(handle.db, task.contractId)).toEqual({ labelKey: 'acceptance.next.finalise', dueOn, href: `/tasks/${task.applicationId}/results` })
    const passed = (await mailTo(handle.db, task.owner.email)).at(-1)!
    expect(passed.subject).toContain('Nhiệm vụ được nghiệm thu: Xuất sắc')
    expect(passed.text_body).toContain(dueOn.split('-').reverse().join('/'))

    // The registration form of Circular 14/2014 (form 5), filled from the portal, read back.
    const registration = await invoke(registrationRoute, ctx(), { path: `/tasks/${task.applicationId}/results/registration`, cookie: await sessionFor(ctx(), task.owner.id), params: { id: task.applicationId } })
    expect(registration.status).toBe(200)
    const form = (await pdfLines(new Uint8Array(await registration.arrayBuffer()))).join('\n')
    expect(form).toContain('Mẫu 5 – Thông tư số 14/2014/TT-BKHCN')
    expect(form).toContain('PHIẾU ĐĂNG KÝ')
    expect(form).toContain(`số ${minutes.symbol}`)
    expect(form).toContain('Kết quả xếp loại: Xuất sắc')
    expect(form).toContain('Trong đó, kinh phí từ Quỹ (ngân sách nhà nước): 450.000.000 đồng')
    expect(form).toContain('Từ ngày 01/01/2027 đến ngày 31/12/2027.')
    expect(form).toContain('2. 5.000 cây giống đạt chuẩn')

    expect(await finaliseResults(handle.db, { applicationId: task.applicationId, values: { note: 'Đã bổ sung' }, actor: task.owner })).toEqual({ ok: true })
    expect(await finaliseResults(handle.db, { applicationId: task.applicationId, values: { note: 'Lần nữa' }, actor: task.owner })).toMatchObject({ ok: false, errors: { form: 'acceptance.refused.finalised' } })
    expect(await nextDue(handle.db, task.contractId)).toBeNull()
  })

  it('fails the task when more than a third rate it Không đạt, and a pass is then refused', async () => {
    const task = await submitted()
    const members = await formed(task)
    // 3 of 7 fail (3/7 > 1/3): fail, even with excellents.
    await rate(task, members, ['pass', 'excellent', 'excellent', 'pass', 'fail', 'fail', 'fail'])
    expect(await concludeAcceptance(handle.db, { applicationId: task.applicationId, conclusions: 'Sản phẩm chưa đạt yêu cầu chất lượng.', actor: task.staff })).toEqual({ ok: true, rating: 'fail' })
    expect(await requestSignature(handle.db, { applicationId: task.applicationId, kind: 'acceptance_minutes', actor: task.staff, appUrl: env.APP_URL })).toMatchObject({ ok: true })
    expect(await signPending(handle.db, uploadStorage(env), { applicationId: task.applicationId }, { ...members[0], roles: ['reviewer'] })).toMatchObject({ ok: true })
    expect(await applyTransition(handle.db, { applicationId: task.applicationId, event: 'pass_acceptance', actor: task.staff, as: 'staff', lang: 'vi', appUrl: env.APP_URL })).toMatchObject({ ok: false, problem: 'acceptance.refused.rating.fail' })
    expect(await applyTransition(handle.db, { applicationId: task.applicationId, event: 'fail_acceptance', actor: task.staff, as: 'staff', input: { reasons: 'Sản phẩm chưa đạt.' }, lang: 'vi', appUrl: env.APP_URL })).toMatchObject({ ok: true, status: 'failed' })
    expect((await mailTo(handle.db, task.owner.email)).at(-1)!.subject).toContain('Nhiệm vụ không đạt khi nghiệm thu')
    // The council's ratings are closed.
    const council = (await getAcceptanceCouncil(handle.db, task.applicationId))!
    expect(council).toMatchObject({ status: 'concluded', rating: 'fail', votes: { excellent: 2, pass: 2, fail: 3, voters: 7, members: 7 } })
    expect(await castAcceptanceVote(handle.db, { councilId: council.id, userId: members[4].id, vote: 'pass', comment: 'Đổi ý kiến.', actor: members[4] })).toMatchObject({ ok: false, errors: { form: 'acceptance.refused.concluded' } })
  })
})

describe('the office’s and the member’s pages', () => {
  it('answer each form with its errors in words, and a member with no seat finds nothing', async () => {
    const task = await submitted()
    const staffCookie = await sessionFor(ctx(), task.staff.id)
    const staffPost = (form: Record<string, string>) => invoke(staffRoute, ctx(), { method: 'POST', path: `/staff/tasks/${task.applicationId}/acceptance`, cookie: staffCookie, form, params: { id: task.applicationId } })
    const unknown = await staffPost({ intent: 'add_member', email: 'nobody@example.vn', role: 'chair' })
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toMatchObject({ errors: { email: { message: 'councils.v.email.unknown' } }, defaultValues: { email: 'nobody@example.vn' } })
    const [chair, other] = await createReviewers(handle.db, 2)
    expect((await staffPost({ intent: 'add_member', email: chair.email, role: 'chair' })).headers.get('Location')).toBe(`/staff/tasks/${task.applicationId}/acceptance?notice=member_added`)
    const second = await staffPost({ intent: 'add_member', email: other.email, role: 'chair' })
    expect(await second.json()).toMatchObject({ errors: { role: { message: 'acceptance.v.oneChair' } } })
    // Forming two short: the fund's size in words, with its numbers.
    const small = await staffPost({ intent: 'form', meetingOn: '15/01/2099', location: 'Phòng họp Quỹ' })
    expect(small.status).toBe(409)
    expect((await small.json()).errors).toMatchObject({ form: { message: 'acceptance.refused.notReady' }, problem0: { message: 'council.problem.size?min=7&max=9&count=1' } })
    expect((await staffPost({ intent: 'form', meetingOn: '31/02/2099', location: 'Phòng họp Quỹ' })).status).toBe(400)
    expect((await staffPost({ intent: 'pass' })).status).toBe(409)
    expect((await staffPost({ intent: 'nothing' })).status).toBe(400)
    const page = await invoke(staffRoute, ctx(), { path: `/staff/tasks/${task.applicationId}/acceptance`, cookie: staffCookie, params: { id: task.applicationId } })
    expect(await page.json()).toMatchObject({ council: { status: 'forming', members: [{ userId: chair.id, role: 'chair', conflict: 'undeclared' }] }, dossier: { selfRating: 'pass' } })

    // The member's page: only for a member; the dossier once no conflict is declared.
    const members = await formed(await submitted())
    const seat = (await handle.db.selectFrom('acceptance_members').select('council_id').where('user_id', '=', members[1].id).executeTakeFirstOrThrow()).council_id
    const memberCookie = await sessionFor(ctx(), members[1].id)
    const get = async (cookie: string) => invoke(memberRoute, ctx(), { path: `/review/acceptance/${seat}`, cookie, params: { councilId: seat } })
    expect((await get(await sessionFor(ctx(), chair.id))).status).toBe(404)
    expect(await (await get(memberCookie)).json()).toMatchObject({ me: { role: 'vice_chair', conflict: 'undeclared' }, dossier: null })
    const memberPost = (form: Record<string, string>) => invoke(memberRoute, ctx(), { method: 'POST', path: `/review/acceptance/${seat}`, cookie: memberCookie, form, params: { councilId: seat } })
    expect(await (await memberPost({ intent: 'conflict', conflict: 'declared', reason: '' })).json()).toMatchObject({ errors: { reason: { message: 'acceptance.v.conflictReason' } } })
    expect((await memberPost({ intent: 'vote', vote: 'pass', comment: 'Đạt yêu cầu.' })).status).toBe(409)
    expect((await memberPost({ intent: 'conflict', conflict: 'none' })).status).toBe(302)
    expect(await (await memberPost({ intent: 'vote', vote: 'xuat_sac', comment: '' })).json()).toMatchObject({ errors: { vote: { message: 'acceptance.v.rating' }, comment: { message: 'acceptance.v.comment' } } })
    expect((await memberPost({ intent: 'vote', vote: 'excellent', comment: 'Vượt yêu cầu.' })).headers.get('Location')).toBe(`/review/acceptance/${seat}?notice=voted`)
    expect(await (await get(memberCookie)).json()).toMatchObject({ me: { vote: 'excellent', comment: 'Vượt yêu cầu.' }, dossier: { summary: DOSSIER.summary } })
  })
})

async function removeFirst(task: ContractedTask, first: FixturePerson) {
  const { removeAcceptanceMember } = await import('../../app/modules/acceptance')
  return removeAcceptanceMember(handle.db, { applicationId: task.applicationId, userId: first.id, actor: task.staff })
}

/** A stored document's bytes. */
async function stored(documentId: string): Promise<Uint8Array> {
  const row = await handle.db.selectFrom('documents').select('storage_key').where('id', '=', documentId).executeTakeFirstOrThrow()
  const chunks: Buffer[] = []
  for await (const c of uploadStorage(env).get(row.storage_key)) chunks.push(c as Buffer)
  return new Uint8Array(Buffer.concat(chunks))
}
