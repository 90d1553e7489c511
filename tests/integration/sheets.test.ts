import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import type { CouncilRole } from '../../db/schema'
import * as sheetRoute from '../../app/routes/review.$assignmentId.sheet'
import * as minutesRoute from '../../app/routes/staff.councils.$id.minutes'
import * as meetingRoute from '../../app/routes/staff.councils.$id.meeting'
import * as issueMinutesRoute from '../../app/routes/staff.councils.$id.minutes_.issue'
import { uploadStorage } from '../../app/modules/applications'
import { cancelNumber, issuedMinutes, issueMinutes, minutesPdf, scoringSheetPdf, supplementationNoticePdf } from '../../app/modules/decisions'
import { concludeCouncil, saveAttendance, saveBallot } from '../../app/modules/review'
import { pdfLines } from '../../app/modules/documents/layout/pdf-check'
import { applyTransition } from '../../app/modules/workflow'
import { signPending, testSigning } from '../setup/signing'
import { createTestDb } from '../setup/db'
import { createUser, invoke, mailTo, sessionFor, testContext, testEnv } from '../setup/app'
import { createCall } from '../setup/calls'
import { createEligibleApplication, createReviewers, type FixturePerson } from '../setup/review'

// The review's working papers as PDFs: a reviewer's scoring sheet of their submitted ballot, and the minutes of
// a concluded council meeting, read back with pdftotext -layout.

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let dataDir: string

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'sheets-test-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

// A small council: chair, vice-chair, secretary and two members (the opponents of every application).
const ROLES: CouncilRole[] = ['chair', 'vice_chair', 'secretary', 'member', 'member']

async function council(opts: { n: number; blind?: boolean }) {
  const call = await createCall(handle.db, { blind: opts.blind ?? false })
  const reviewers = await createReviewers(handle.db, ROLES.length)
  const staff = await createUser(handle.db, { roles: ['staff'], fullName: 'Phạm Thị Điều Phối' })
  const staffActor = { ...staff, fullName: 'Phạm Thị Điều Phối' }
  const apps: Awaited<ReturnType<typeof createEligibleApplication>>[] = []
  for (let i = 0; i < opts.n; i++) apps.push(await createEligibleApplication(handle.db, ctx.env, { callId: call.id }))
  const row = await handle.db
    .insertInto('councils')
    .values({ call_id: call.id, name_vi: 'Hội đồng tư vấn xét chọn số 3', name_en: 'Selection council no. 3', status: 'formed', created_by: staff.id, location: 'Phòng họp tầng 2, trụ sở Quỹ.' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await handle.db
    .insertInto('council_members')
    .values(reviewers.map((r, i) => ({ council_id: row.id, user_id: r.id, role: ROLES[i] })))
    .execute()
  const assignments = new Map<string, string>()
  for (const app of apps) {
    await handle.db.insertInto('council_applications').values({ council_id: row.id, application_id: app.applicationId }).execute()
    // To review once the council has it, as forming the council does.
    const started = await applyTransition(handle.db, { applicationId: app.applicationId, event: 'start_review', as: 'staff', actor: staffActor, lang: 'vi' })
    expect(started).toMatchObject({ ok: true, status: 'in_review' })
    for (const [i, r] of reviewers.entries()) {
      const a = await handle.db
        .insertInto('review_assignments')
        .values({ council_id: row.id, application_id: app.applicationId, reviewer_id: r.id, opponent: i >= 3, conflict: 'none' })
        .returning('id')
        .executeTakeFirstOrThrow()
      assignments.set(`${app.applicationId}:${r.id}`, a.id)
    }
  }
  const assignment = (appIndex: number, reviewerIndex: number) => assignments.get(`${apps[appIndex].applicationId}:${reviewers[reviewerIndex].id}`)!
  const criteria = (
    await handle.db
      .selectFrom('rubric_criteria as rc')
      .innerJoin('calls as c', 'c.rubric_id', 'rc.rubric_id')
      .select(['rc.id', 'rc.name_vi', 'rc.max_points'])
      .where('c.id', '=', call.id)
      .orderBy('rc.position')
      .execute()
  ).map((r) => ({ key: String(r.id), name: r.name_vi, max: Number(r.max_points) }))
  return { councilId: row.id, call, reviewers, staff: staffActor, apps, assignment, criteria }
}

/** Scores at `pct` % of each maximum, a comment on the first criterion. */
async function submit(assignmentId: string, who: FixturePerson, criteria: { key: string; max: number }[], pct: number, extra: Record<string, string> = {}) {
  const values: Record<string, string> = { overall_comment: 'Hồ sơ chuẩn bị tốt.', recommendation: pct >= 70 ? 'fund' : 'do_not_fund', ...extra }
  for (const c of criteria) values[`score_${c.key}`] = String(Math.round(c.max * pct) / 100)
  const r = await saveBallot(handle.db, { assignmentId, reviewer: who, values, baseVersion: 0, submit: true })
  expect(r).toMatchObject({ ok: true, state: 'submitted' })
}

const pdfText = pdfLines

const score = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2, useGrouping: false })

describe('the scoring sheet', () => {
  it('draws the reviewer’s submitted ballot, and only for them, only once submitted', async () => {
    const c = await council({ n: 1 })
    const reviewer = c.reviewers[3] // an opponent
    const assignmentId = c.assignment(0, 3)
    const path = `/review/${assignmentId}/sheet`
    const get = async (who: FixturePerson) => invoke(sheetRoute, ctx, { path, cookie: await sessionFor(ctx, who.id), params: { assignmentId } })

    // A draft is not a sheet.
    const draft = await saveBallot(handle.db, { assignmentId, reviewer, values: { [`score_${c.criteria[0].key}`]: '5' }, baseVersion: 0, submit: false })
    expect(draft).toMatchObject({ ok: true, state: 'draft' })
    expect(await scoringSheetPdf(handle.db, assignmentId)).toBeNull()
    expect((await get(reviewer)).status).toBe(404)

    const values: Record<string, string> = { overall_comment: 'Đề nghị làm rõ phương án tài chính.', recommendation: 'fund_with_changes' }
    c.criteria.forEach((k, i) => (values[`score_${k.key}`] = String(i === 0 ? k.max : k.max / 2)))
    values[`comment_${c.criteria[0].key}`] = 'Công nghệ phù hợp thị trường'
    expect(await saveBallot(handle.db, { assignmentId, reviewer, values, baseVersion: 1, submit: true })).toMatchObject({ ok: true, state: 'submitted' })
    const total = c.criteria.reduce((s, k, i) => s + (i === 0 ? k.max : k.max / 2), 0)
    const max = c.criteria.reduce((s, k) => s + k.max, 0)

    const sheet = (await scoringSheetPdf(handle.db, assignmentId))!
    expect(sheet.filename).toMatch(/^Phieu-danh-gia-.+\.pdf$/)
    const text = await pdfText(sheet.pdf)
    const all = text.join('\n')
    expect(all).toContain('PHIẾU ĐÁNH GIÁ')
    expect(all).toContain(`Hội đồng: Hội đồng tư vấn xét chọn số 3`)
    expect(all).toContain(`Họ và tên thành viên Hội đồng: ${reviewer.fullName}`)
    expect(all).toContain('Vai trò trong Hội đồng: Ủy viên, Ủy viên phản biện')
    expect(all).toContain('Tổ chức chủ trì:')
    // Each criterion: its number, name, maximum and score on one line (the comment beside the first).
    c.criteria.forEach((k, i) => {
      const line = text.find((l) => l.startsWith(`${i + 1} ${k.name}`))
      expect(line, k.name).toBeDefined()
      expect(line).toContain(`${score(k.max)} ${score(i === 0 ? k.max : k.max / 2)}`)
    })
    expect(text.find((l) => l.startsWith('1 '))).toContain('Công nghệ phù hợp')
    expect(text).toContain(`Tổng cộng ${score(max)} ${score(total)}`)
    expect(all).toContain('Nhận xét chung: Đề nghị làm rõ phương án tài chính.')
    expect(all).toContain('Kiến nghị: Đề nghị tài trợ với điều kiện chỉnh sửa')

    // The reviewer downloads it; another member of the same council does not even learn it exists.
    const mine = await get(reviewer)
    expect(mine.status).toBe(200)
    expect(mine.headers.get('Content-Type')).toBe('application/pdf')
    expect(mine.headers.get('Content-Disposition')).toMatch(/^attachment; filename="Phieu-danh-gia-/)
    expect(new TextDecoder().decode((await mine.arrayBuffer()).slice(0, 5))).toBe('%PDF-')
    expect((await get(c.reviewers[4])).status).toBe(404)
    expect((await get(c.staff)).status).toBe(403) // staff do not hold review:own
  })

  it('leaves the organisation out when the call is blind', async () => {
    const c = await council({ n: 1, blind: true })
    await submit(c.assignment(0, 0), c.reviewers[0], c.criteria, 60)
    const all = (await pdfText((await scoringSheetPdf(handle.db, c.assignment(0, 0)))!.pdf)).join('\n')
    expect(all).toContain(c.reviewers[0].fullName)
    expect(all).toContain('Vai trò trong Hội đồng: Chủ tịch Hội đồng')
    expect(all).not.toContain('Tổ chức chủ trì')
    expect(all).toContain('Tổng cộng 100 60')
    expect(all).toContain('Kiến nghị: Không đề nghị tài trợ.')
  })
})

describe('the minutes of the meeting', () => {
  it('draws a concluded council’s minutes for staff and its secretary', async () => {
    const c = await council({ n: 2 })
    // The vice-chair is absent: four of five present is the quorum (⌈2/3 × 5⌉ = 4), with the chair and the opponents.
    const present = [0, 2, 3, 4]
    for (const r of present) {
      await submit(c.assignment(0, r), c.reviewers[r], c.criteria, 60)
      await submit(c.assignment(1, r), c.reviewers[r], c.criteria, 85)
    }
    expect(await saveAttendance(handle.db, { councilId: c.councilId, actor: c.staff, present: present.map((i) => c.reviewers[i].id) })).toEqual({ ok: true })

    const path = `/staff/councils/${c.councilId}/minutes`
    const get = async (who: { id: string }) => invoke(minutesRoute, ctx, { path, cookie: await sessionFor(ctx, who.id), params: { id: c.councilId } })
    // Not before the conclusion.
    expect(await minutesPdf(handle.db, c.councilId)).toBeNull()
    expect((await get(c.staff)).status).toBe(404)

    const done = await concludeCouncil(handle.db, { councilId: c.councilId, actor: { ...c.staff, roles: ['staff'] }, lang: 'vi' })
    expect(done).toMatchObject({ ok: true })

    const file = (await minutesPdf(handle.db, c.councilId))!
    const text = await pdfText(file.pdf)
    const all = text.join('\n')
    expect(all).toContain('BIÊN BẢN')
    expect(all).toContain('Hội đồng tư vấn xét chọn số 3')
    expect(all).toMatch(/Số: +\/BB-/) // unnumbered until issued through the register
    expect(all).toContain('Phòng họp tầng 2, trụ sở Quỹ')
    // Typed with its own full stop, the place still ends the sentence once.
    expect(all).not.toContain('Quỹ..')
    // Members with their seats, present or absent.
    const memberLine = (i: number) => text.find((l) => l.includes(c.reviewers[i].fullName) && /Có mặt|Vắng mặt/.test(l))
    expect(memberLine(0)).toMatch(/Chủ tịch Hội đồng Có mặt$/)
    expect(memberLine(1)).toMatch(/Phó Chủ tịch Hội đồng Vắng mặt$/)
    expect(memberLine(2)).toMatch(/Thư ký khoa học Có mặt$/)
    expect(memberLine(3)).toMatch(/Ủy viên Có mặt$/)
    expect(all).toContain('Số thành viên có mặt: 4/5.')
    expect(all).toContain('Hội đồng đủ điều kiện làm việc')
    // The ranking: application 1 (85) first, recommended; application 0 (60) second, not recommended.
    const [ref0, ref1] = await Promise.all(
      c.apps.map(async (a) => (await handle.db.selectFrom('applications').select('reference').where('id', '=', a.applicationId).executeTakeFirstOrThrow()).reference!),
    )
    const first = text.findIndex((l) => l.includes(`${ref1}:`))
    const second = text.findIndex((l) => l.includes(`${ref0}:`))
    expect(first).toBeGreaterThan(-1)
    expect(second).toBeGreaterThan(first)
    expect(text[first]).toMatch(/^1 .*85 4\/4 1 Đề nghị tài/) // the cell wraps: \"trợ\" on the next line
    expect(text[second]).toMatch(/^2 .*60 4\/4 2 Không đề/)
    expect(all).toContain(`Hồ sơ ${ref1}`)
    expect(all).toMatch(/Hội đồng đề nghị tài trợ/)
    expect(all).toMatch(/Hội đồng không đề nghị tài trợ/)
    // Signed by the chair and the secretary.
    expect(all).toContain('CHỦ TỊCH HỘI ĐỒNG')
    expect(all).toContain('THƯ KÝ KHOA HỌC')

    // Staff and the council's secretary download it; another member gets 404.
    const staffGet = await get(c.staff)
    expect(staffGet.status).toBe(200)
    expect(staffGet.headers.get('Content-Type')).toBe('application/pdf')
    // Until issued, the unnumbered draft, to read in the browser.
    expect(staffGet.headers.get('Content-Disposition')).toMatch(/^inline; filename="Du-thao-Bien-ban-/)
    expect((await get(c.reviewers[2])).status).toBe(200)
    expect((await get(c.reviewers[3])).status).toBe(404)
  })
})

describe('the minutes of a meeting the vice-chair presided (issue 11)', () => {
  it('records who presided, the counting board, the revision period and per-application conclusions, and prints them', async () => {
    const c = await council({ n: 2 })
    // The chair is absent; the vice-chair presides with the chair's written authority.
    await handle.db.updateTable('councils').set({ vice_chair_authorised: true }).where('id', '=', c.councilId).execute()
    const present = [1, 2, 3, 4]
    for (const r of present) {
      await submit(c.assignment(0, r), c.reviewers[r], c.criteria, 60)
      await submit(c.assignment(1, r), c.reviewers[r], c.criteria, 85)
    }
    expect(await saveAttendance(handle.db, { councilId: c.councilId, actor: c.staff, present: present.map((i) => c.reviewers[i].id) })).toEqual({ ok: true })
    expect(await concludeCouncil(handle.db, { councilId: c.councilId, actor: { ...c.staff, roles: ['staff'] }, lang: 'vi' })).toMatchObject({ ok: true })
    const cookie = await sessionFor(ctx, c.staff.id)
    const path = `/staff/councils/${c.councilId}/meeting`
    const post = (form: Record<string, string>) => invoke(meetingRoute, ctx, { method: 'POST', path, cookie, params: { id: c.councilId }, form: { intent: 'record', ...form } })
    const [a0, a1] = c.apps.map((a) => a.applicationId)
    const vice = c.reviewers[1]
    // A member who is neither chair nor vice-chair does not preside; a board is three different members.
    const bad = await post({ presided_by: c.reviewers[3].id, board_1: c.reviewers[2].id, board_2: c.reviewers[2].id, board_3: '', revision_days: '0' })
    expect(bad.status).toBe(400)
    expect(Object.fromEntries(Object.entries((await bad.json()).errors).map(([k, v]) => [k, (v as { message: string }).message]))).toEqual({
      presided_by: 'record.v.presider',
      board_1: 'record.v.board',
      revision_days: 'record.v.days',
    })
    const ok = await post({
      presided_by: vice.id,
      board_1: c.reviewers[2].id,
      board_2: c.reviewers[3].id,
      board_3: c.reviewers[4].id,
      revision_days: '15',
      [`revisions_${a1}`]: 'Bổ sung phương án thử nghiệm\nĐiều chỉnh dự toán thuê chuyên gia',
      [`lump_${a1}`]: 'partial',
      [`lump_${a0}`]: '',
    })
    expect(ok.status).toBe(302)
    const page = await (await invoke(meetingRoute, ctx, { path, cookie, params: { id: c.councilId } })).json()
    expect(page.record).toMatchObject({ presidedBy: vice.id, revisionDays: 15, countingBoard: [2, 3, 4].map((i) => c.reviewers[i].fullName) })

    const text = (await pdfText((await minutesPdf(handle.db, c.councilId))!.pdf)).join(' ').replace(/\s+/g, ' ')
    expect(text).toContain(`Chủ trì cuộc họp: ${vice.fullName}, Phó Chủ tịch Hội đồng, theo ủy quyền của Chủ tịch Hội đồng.`)
    expect(text).toContain(`Hội đồng bầu Ban kiểm phiếu gồm 3 thành viên: ${c.reviewers[2].fullName} – Trưởng ban; ${c.reviewers[3].fullName} – Ủy viên; ${c.reviewers[4].fullName} – Ủy viên.`)
    expect(text).toContain('Nội dung cần chỉnh sửa, hoàn thiện: Bổ sung phương án thử nghiệm; Điều chỉnh dự toán thuê chuyên gia.')
    expect(text).toContain('Phương thức khoán chi đề xuất: khoán chi từng phần.')
    expect(text).toMatch(/trong thời hạn 15 ngày kể từ ngày Biên bản này được thông qua \(ngày \d{2}\/\d{2}\/\d{4}\)/)
    // The vice-chair signs as vice-chair, not under "CHỦ TỊCH HỘI ĐỒNG".
    expect(text).toContain('THƯ KÝ KHOA HỌC PHÓ CHỦ TỊCH HỘI ĐỒNG')
    expect(text).not.toMatch(/KHOA HỌC CHỦ TỊCH HỘI ĐỒNG/)
    expect(text.endsWith(`${c.reviewers[2].fullName} ${vice.fullName}`)).toBe(true)

    // Once the minutes are issued, the record is what they printed: it cannot change.
    expect(await issueMinutes(handle.db, uploadStorage(ctx.env), { councilId: c.councilId, actor: c.staff, signing: await testSigning(vice) })).toMatchObject({ ok: true })
    const late = await post({ presided_by: '', revision_days: '20' })
    expect(late.status).toBe(409)
  })
})

describe('issuing the minutes', () => {
  async function concluded() {
    const c = await council({ n: 1 })
    const present = [0, 1, 2, 3, 4]
    for (const r of present) await submit(c.assignment(0, r), c.reviewers[r], c.criteria, 80)
    expect(await saveAttendance(handle.db, { councilId: c.councilId, actor: c.staff, present: present.map((i) => c.reviewers[i].id) })).toEqual({ ok: true })
    return c
  }
  const registerRows = (councilId: string) =>
    handle.db.selectFrom('document_register').select(['id', 'symbol', 'state', 'number']).where('subject_id', '=', councilId).orderBy('id').execute()

  it('numbers them from the register once, stores the file and serves it from then on', async () => {
    const c = await concluded()
    const path = `/staff/councils/${c.councilId}/meeting`
    const issuePath = `/staff/councils/${c.councilId}/minutes/issue`
    const post = async (who: { id: string }, form: Record<string, string>) =>
      invoke(meetingRoute, ctx, { method: 'POST', path, cookie: await sessionFor(ctx, who.id), params: { id: c.councilId }, form })
    const confirm = async (who: { id: string }) =>
      invoke(issueMinutesRoute, ctx, { method: 'POST', path: issuePath, cookie: await sessionFor(ctx, who.id), params: { id: c.councilId }, form: { confirmed: 'yes' } })

    // Not before the council concluded: a message in words, and no number taken.
    const early = await confirm(c.staff)
    expect(early.status).toBe(409)
    expect((await early.json()).errors.form).toMatchObject({ message: 'reviewing.minutes.notConcluded' })
    expect(await registerRows(c.councilId)).toEqual([])

    expect(await concludeCouncil(handle.db, { councilId: c.councilId, actor: { ...c.staff, roles: ['staff'] }, lang: 'vi' })).toMatchObject({ ok: true })
    // A member who is not the secretary may not issue them.
    expect((await confirm(c.reviewers[3])).status).toBe(404)

    // The secretary's button on the meeting page leads to the confirmation, which takes no number yet.
    const asked = await post(c.reviewers[2], { intent: 'issue_minutes' })
    expect(asked.headers.get('Location')).toBe(issuePath)
    const page1 = await invoke(issueMinutesRoute, ctx, { path: issuePath, cookie: await sessionFor(ctx, c.reviewers[2].id), params: { id: c.councilId } })
    expect(await page1.json()).toMatchObject({ present: 5, applications: 1, recommended: 1 })
    expect(await registerRows(c.councilId)).toEqual([])
    // Confirmed there, they go to the member presiding (the chair, present) for signature: still no number.
    const res = await confirm(c.reviewers[2])
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe(`${path}?notice=sent#minutes`)
    expect(await registerRows(c.councilId)).toEqual([])
    const chair = c.reviewers[ROLES.indexOf('chair')]
    const request = await handle.db.selectFrom('signature_requests').selectAll().where('council_id', '=', c.councilId).executeTakeFirstOrThrow()
    expect(request).toMatchObject({ kind: 'minutes', signer_id: chair.id, state: 'pending' })
    expect((await mailTo(handle.db, chair.email)).map((m) => m.template)).toContain('signature_requested')
    const storage = uploadStorage(ctx.env)
    // Only the chair may sign them, not the secretary who sent them.
    expect(await signPending(handle.db, storage, { councilId: c.councilId }, { ...c.reviewers[2], roles: ['reviewer'] })).toEqual({ ok: false, reason: 'not_yours' })
    expect(await signPending(handle.db, storage, { councilId: c.councilId }, { ...chair, roles: ['reviewer'] })).toMatchObject({ ok: true })
    const doc = (await issuedMinutes(handle.db, c.councilId))!
    expect(doc.symbol).toMatch(/^\d{2,}\/BB-QKHCN$/)
    expect(doc.filename).toBe(`Bien-ban-${doc.symbol!.replace('/', '-')}.pdf`)
    const [entry] = await registerRows(c.councilId)
    expect(entry).toMatchObject({ symbol: doc.symbol, state: 'issued' })

    // The meeting page says which number they have.
    const page = await invoke(meetingRoute, ctx, { path, cookie: await sessionFor(ctx, c.staff.id), params: { id: c.councilId } })
    expect(((await page.json()) as { minutes: { symbol: string } }).minutes.symbol).toBe(doc.symbol)

    // From now on the download is the stored, numbered file, byte for byte.
    const got = await invoke(minutesRoute, ctx, { path: `/staff/councils/${c.councilId}/minutes`, cookie: await sessionFor(ctx, c.staff.id), params: { id: c.councilId } })
    expect(got.status).toBe(200)
    expect(got.headers.get('Content-Disposition')).toMatch(new RegExp(`^attachment; filename="${doc.filename}"`))
    const bytes = new Uint8Array(await got.arrayBuffer())
    const { createHash } = await import('node:crypto')
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256)
    const all = (await pdfText(bytes)).join('\n')
    expect(all).toContain(`Số: ${doc.symbol}`)
    expect(all).toContain('BIÊN BẢN')

    // Issuing again — also many at once — gives the same minutes and takes no other number.
    const signing = await testSigning(chair)
    const again = await Promise.all(Array.from({ length: 5 }, () => issueMinutes(handle.db, storage, { councilId: c.councilId, actor: c.staff, signing })))
    for (const r of again) expect(r).toMatchObject({ ok: true, already: true, document: { id: doc.id } })
    expect(await registerRows(c.councilId)).toHaveLength(1)

    // A cancelled number stays in the register; the minutes are issued again under the next one.
    expect(await cancelNumber(handle.db, { id: entry.id, reason: 'Sai tên địa điểm họp', actor: c.staff })).toEqual({ ok: true })
    expect(await issuedMinutes(handle.db, c.councilId)).toBeNull()
    const reissued = await issueMinutes(handle.db, storage, { councilId: c.councilId, actor: c.staff, signing })
    expect(reissued).toMatchObject({ ok: true, already: false })
    const rows = await registerRows(c.councilId)
    expect(rows.map((r) => r.state)).toEqual(['cancelled', 'issued'])
    expect(rows[1].number).toBe(rows[0].number + 1)
    expect((await issuedMinutes(handle.db, c.councilId))!.symbol).toBe(rows[1].symbol)
  })
})

describe('the supplementation notice', () => {
  it('lists what a change request asks for, and by when', async () => {
    const app = await createEligibleApplication(handle.db, ctx.env)
    const row = await handle.db
      .insertInto('application_messages')
      .values({
        application_id: app.applicationId,
        author_id: app.staff.id,
        kind: 'change_request',
        body: '- Bổ sung bản sao giấy phép kinh doanh có chứng thực\n\n2. Giải trình dự toán mục thiết bị',
        due_on: '2030-12-15',
        sections: ['budget'],
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(await supplementationNoticePdf(handle.db, row.id + 1000)).toBeNull()
    const unnumbered = (await supplementationNoticePdf(handle.db, row.id))!
    const text = await pdfText(unnumbered.pdf)
    const all = text.join('\n')
    expect(all).toMatch(/Số: +\/TB-/)
    expect(all).toContain('THÔNG BÁO')
    expect(all).toContain('1. Bổ sung bản sao giấy phép kinh doanh có chứng thực;')
    expect(all).toContain('2. Giải trình dự toán mục thiết bị.')
    expect(text.join(' ')).toMatch(/trước 23:59 ngày 15\/12\/2030/)
    const numbered = (await supplementationNoticePdf(handle.db, row.id, { number: 7 }))!
    expect((await pdfText(numbered.pdf)).join('\n')).toMatch(/Số: 07\/TB-/)
    expect(numbered.filename).toMatch(/^Thong-bao-bo-sung-.+\.pdf$/)
  })
})
