import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import * as appraisalPage from '../../app/routes/staff.applications.$id.appraisal'
import * as minutesPreview from '../../app/routes/staff.applications.$id.appraisal.minutes'
import * as staffPage from '../../app/routes/staff.applications.$id._index'
import * as applicantPage from '../../app/routes/applications.$id._index'
import * as checkPage from '../../app/routes/applications.$id.check'
import * as signingRoute from '../../app/routes/signing.$id._index'
import * as signingList from '../../app/routes/signing._index'
import * as startPage from '../../app/routes/home'
import { verifyCode } from '../../app/modules/decisions'
import { getApplicationForMember, saveSection, uploadStorage } from '../../app/modules/applications'
import { pdfLines, pdfSig } from '../../app/modules/documents/layout/pdf-check'
import { applyTransition } from '../../app/modules/workflow'
import { createTestDb } from '../setup/db'
import { createUser, insertFundSettings, invoke, mailTo, sessionFor, testContext, testEnv } from '../setup/app'
import { COMPLETE_SECTIONS } from '../setup/applications'
import { concludeOnCouncil, createEligibleApplication, TEAM } from '../setup/review'
import { makeKeys, TEST_FUND_NAME } from '../setup/signing'

// The steps between the council and the decision through the pages: the revision reopens only what the office
// names, the applicant resubmits it and everyone is told; the office forms the appraisal team of five, records
// its meeting (quorum 4 of 5, amounts per category never above the request), sends its minutes for signature —
// the director signs them and only then are they numbered and signed (theirs, then the Fund's) — and the
// director's approval is capped by what was appraised.

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let dataDir: string

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'appraisal-test-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
  await insertFundSettings(handle.db)
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

const row = (id: string) => handle.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('revision and cost appraisal', () => {
  it('reopens the named sections for the revision, takes the resubmission, forms the team, records the appraisal and issues its minutes', async () => {
    const app = await createEligibleApplication(handle.db, ctx.env)
    const id = app.applicationId
    await concludeOnCouncil(handle.db, { applicationId: id, staff: app.staff })
    const officer = await sessionFor(ctx, app.staff.id)
    const owner = await sessionFor(ctx, app.owner.id)

    // The office asks for the revision the council concluded: the budget reopens, nothing else.
    expect(await applyTransition(handle.db, { applicationId: id, event: 'request_revision', actor: app.staff, as: 'staff', lang: 'vi', appUrl: ctx.env.APP_URL, input: { message: 'Giảm chi thuê dịch vụ theo kết luận hội đồng.', due: '28/12/2026', section_budget: 'on' } })).toMatchObject({ ok: true, status: 'revision' })
    const mail = (await mailTo(handle.db, app.owner.email)).filter((m) => m.template === 'fund_message').at(-1)!
    expect(mail.subject).toContain('Đề nghị hoàn thiện hồ sơ theo kết luận hội đồng')
    expect(mail.text_body).toContain('28/12/2026')
    const mine = await (await invoke(applicantPage, ctx, { path: `/applications/${id}`, cookie: owner, params: { id } })).json()
    expect(mine.next).toEqual({ text: 'applications.whatNext.revision', params: { date: '28/12/2026' } })
    expect(mine.canResubmit).toBe(true)
    const access = (await getApplicationForMember(handle.db, id, app.owner.id))!
    const base = (await handle.db.selectFrom('application_sections').select('version').where('application_id', '=', id).where('key', '=', 'budget').executeTakeFirstOrThrow()).version
    const budget = await saveSection(handle.db, access, app.owner, 'budget', { data: { ...COMPLETE_SECTIONS.budget, labour_requested: '450.000.000' }, baseVersion: base, complete: true })
    expect(budget).toMatchObject({ ok: true })
    expect(await saveSection(handle.db, access, app.owner, 'general', { data: COMPLETE_SECTIONS.general, baseVersion: 1, complete: true })).not.toMatchObject({ ok: true })

    // The applicant resubmits from the check page; the applicant and the office are told.
    const version = (await row(id)).version
    const sent = await invoke(checkPage, ctx, { method: 'POST', path: `/applications/${id}/check`, cookie: owner, params: { id }, form: { version: String(version) } })
    expect(sent.status).toBe(302)
    expect((await row(id)).status).toBe('revised')
    expect((await mailTo(handle.db, app.owner.email)).some((m) => m.template === 'revision_submitted' && m.subject.includes('Đã nhận hồ sơ hoàn thiện'))).toBe(true)
    expect((await mailTo(handle.db, app.staff.email)).some((m) => m.template === 'revision_submitted')).toBe(true)

    // The office's next step: form the team. The machine refuses to start without one.
    const next = async () => (await (await invoke(staffPage, ctx, { path: `/staff/applications/${id}`, cookie: officer, params: { id } })).json()).next
    expect((await next()).steps).toEqual([{ kind: 'link', text: 'screening.next.appraisal.form', href: `/staff/applications/${id}/appraisal` }])
    expect(await applyTransition(handle.db, { applicationId: id, event: 'start_appraisal', actor: app.staff, as: 'staff', lang: 'vi' })).toMatchObject({ ok: false, problem: 'workflow.refused.appraisalTeam' })

    const post = (form: Record<string, string>) => invoke(appraisalPage, ctx, { method: 'POST', path: `/staff/applications/${id}/appraisal`, cookie: officer, params: { id }, form })
    const team: Record<string, string> = { intent: 'team', leader: '1' }
    TEAM.forEach((name, i) => Object.assign(team, { [`name_${i + 1}`]: name, [`position_${i + 1}`]: 'Sở Tài chính' }))
    // Four members are not a team of five; a leader must be one of them.
    const short = await post({ ...team, name_5: '' })
    expect(short.status).toBe(400)
    expect((await short.json()).errors.name_1.message).toBe('appraisal.v.teamSize?size=5')
    expect((await (await post({ ...team, leader: '' })).json()).errors.leader.message).toBe('appraisal.v.leader')
    expect((await post(team)).status).toBe(302)
    expect(await applyTransition(handle.db, { applicationId: id, event: 'start_appraisal', actor: app.staff, as: 'staff', lang: 'vi' })).toMatchObject({ ok: true, status: 'appraisal' })

    // The meeting: three present is below the quorum; an amount above its request is refused; nothing is kept.
    const meeting = { intent: 'record', met_on: '15/12/2026', present_1: 'on', present_2: 'on', present_3: 'on', appraised_labour: '420.000.000', appraised_equipment: '0', method: 'partial', notes: 'Giảm chi thuê dịch vụ.' }
    const few = await post(meeting)
    expect(few.status).toBe(400)
    expect((await few.json()).errors.present.message).toBe('appraisal.v.quorum?quorum=4&size=5&present=3')
    const above = await post({ ...meeting, present_4: 'on', appraised_labour: '460.000.000' })
    expect((await above.json()).errors.appraised_labour.message).toBe('appraisal.v.aboveRequest?requested=450.000.000')
    expect(await applyTransition(handle.db, { applicationId: id, event: 'complete_appraisal', actor: app.staff, as: 'staff', lang: 'vi' })).toMatchObject({ ok: false, problem: 'workflow.refused.appraisalNotRecorded' })
    expect((await post({ ...meeting, present_4: 'on' })).status).toBe(302)
    expect(await applyTransition(handle.db, { applicationId: id, event: 'complete_appraisal', actor: app.staff, as: 'staff', lang: 'vi' })).toMatchObject({ ok: false, problem: 'workflow.refused.appraisalMinutes' })

    // The minutes: previewed unnumbered, then issued with the register's next number.
    const preview = await invoke(minutesPreview, ctx, { path: `/staff/applications/${id}/appraisal/minutes`, cookie: officer, params: { id } })
    expect(preview.status).toBe(200)
    const text = (await pdfLines(new Uint8Array(await preview.arrayBuffer()))).join(' ').replace(/\s+/g, ' ')
    expect(text).toContain('BIÊN BẢN')
    expect(text).toContain('Thẩm định kinh phí nhiệm vụ khoa học và công nghệ')
    expect(text).toContain('Số thành viên có mặt: 4/5')
    expect(text).toContain('Tổng kinh phí thẩm định: 420.000.000 đồng, theo phương thức khoán chi từng phần')
    expect(text).toContain(TEAM[0])
    expect(text).not.toMatch(/Số: \d+\/BB/)
    // The team's members are names, not accounts: the director signs the minutes, confirming them for the Fund.
    const director = await createUser(handle.db, { roles: ['director'], fullName: 'Giám Đốc Thẩm Định' })
    await makeKeys(dataDir, [{ email: director.email, name: director.fullName }])
    const directorCookie = await sessionFor(ctx, director.id)
    // The office sends them for signature: nothing is numbered, the appraisal cannot conclude yet.
    expect((await post({ intent: 'issue' })).status).toBe(302)
    expect((await post({ intent: 'issue' })).status).toBe(302) // twice: one request
    const waiting = await (await invoke(appraisalPage, ctx, { path: `/staff/applications/${id}/appraisal`, cookie: officer, params: { id } })).json()
    expect(waiting.appraisal.minutes).toBeNull()
    expect(waiting.signature).toEqual({ id: expect.any(String), preparedAt: expect.any(String) })
    expect(await applyTransition(handle.db, { applicationId: id, event: 'complete_appraisal', actor: app.staff, as: 'staff', lang: 'vi' })).toMatchObject({ ok: false, problem: 'workflow.refused.appraisalMinutes' })

    // The director is told, finds them on their list and on their start page, and signs them.
    expect((await mailTo(handle.db, director.email)).some((m) => m.template === 'signature_requested' && m.text_body.includes('biên bản thẩm định kinh phí'))).toBe(true)
    const list = await (await invoke(signingList, ctx, { path: '/signing', cookie: directorCookie })).json()
    expect(list.requests.map((r: { id: string; kind: string }) => [r.id, r.kind])).toEqual([[waiting.signature.id, 'appraisal_minutes']])
    const start = await (await invoke(startPage, ctx, { path: '/home', cookie: directorCookie })).json()
    expect(JSON.stringify(start)).toContain(waiting.signature.id)
    const body = new FormData()
    body.set('how', 'kept')
    body.set('confirmed', 'yes')
    const signed = await invoke(signingRoute, ctx, { method: 'POST', path: `/signing/${waiting.signature.id}`, cookie: directorCookie, params: { id: waiting.signature.id }, body })
    expect(signed.status).toBe(302)

    const page = await (await invoke(appraisalPage, ctx, { path: `/staff/applications/${id}/appraisal`, cookie: officer, params: { id } })).json()
    expect(page.appraisal).toMatchObject({ total: 420_000_000, method: 'partial', minutes: { symbol: expect.stringMatching(/^\d{2}\/BB-/) } })
    const doc = await handle.db.selectFrom('documents').select(['storage_key', 'kind']).where('id', '=', page.appraisal.minutes.id).executeTakeFirstOrThrow()
    const chunks: Buffer[] = []
    for await (const c of uploadStorage(ctx.env).get(doc.storage_key)) chunks.push(c as Buffer)
    const bytes = new Uint8Array(Buffer.concat(chunks))
    const { signatures } = await pdfSig(bytes)
    expect(signatures.map((g) => [g.commonName, g.valid, g.totalDocumentSigned])).toEqual([
      [director.fullName, true, false],
      [TEST_FUND_NAME, true, true],
    ])
    const signedText = (await pdfLines(bytes)).join(' ').replace(/\s+/g, ' ')
    expect(signedText).toContain(`Số: ${page.appraisal.minutes.symbol}`)
    expect(signedText).toContain('TỔ TRƯỞNG TỔ THẨM ĐỊNH')
    expect(signedText).toContain('XÁC NHẬN CỦA QUỸ')
    expect(signedText).toContain(director.fullName)
    expect(signedText).toContain('Tổng kinh phí thẩm định: 420.000.000 đồng')
    const code = /verify\/([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(signedText)?.[1]
    expect(await verifyCode(handle.db, code ?? '')).toMatchObject({ found: true, document: { symbol: page.appraisal.minutes.symbol, kind: 'appraisal_minutes', signerName: director.fullName, state: 'valid' } })
    expect(await applyTransition(handle.db, { applicationId: id, event: 'complete_appraisal', actor: app.staff, as: 'staff', lang: 'vi' })).toMatchObject({ ok: true, status: 'appraised' })
    // Once issued, the record no longer changes.
    expect((await handle.db.selectFrom('audit_log').select('action').where('subject_id', '=', id).where('action', 'like', 'appraisal.%').execute()).map((a) => a.action)).toEqual(['appraisal.team_formed', 'appraisal.recorded'])
  }, 60_000)
})
