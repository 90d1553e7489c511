import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import { uploadStorage } from '../../app/modules/applications'
import { acceptAmendment, contractBudget, contractOf, draftAmendment, listChanges, requestChange, reviewChange, withdrawChange } from '../../app/modules/contracts'
import { requestSignature } from '../../app/modules/decisions'
import { plannedByCategory } from '../../app/modules/payments/settlement'
import { listReports } from '../../app/modules/reports'
import { pdfLines, pdfSig } from '../../app/modules/documents/layout/pdf-check'
import { translator } from '../../app/i18n'
import { createTestDb } from '../setup/db'
import { createUser, insertFundSettings, invoke, mailTo, sessionFor, testContext, testEnv } from '../setup/app'
import * as granteePage from '../../app/routes/tasks.$id_.changes'
import * as officePage from '../../app/routes/staff.tasks.$id_.changes'
import { type ContractedTask, createContractedTask } from '../setup/award'
import { signPending, TEST_FUND_NAME } from '../setup/signing'

// Changes to a funded task's contract (ADR 025): the grantee asks with its reasons, within the fund's limits;
// the office answers and the director signs the decision (or the notice of refusal, mailed to the grantee);
// an approved change becomes an amendment the grantee's legal representative accepts and the Fund signs, and
// signing it changes the contract. A termination ends the task as failed.

let handle: DatabaseHandle
let dataDir: string
let env: ReturnType<typeof testEnv>
let task: ContractedTask
const APP_URL = 'http://localhost:3000'

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'changes-'))
  env = testEnv({ DATA_DIR: dataDir })
  await insertFundSettings(handle.db)
  task = await createContractedTask(handle.db, env, {
    startsOn: '2027-01-01',
    endsOn: '2027-12-31',
    tranches: [
      { kind: 'advance', amount: 180_000_000, dueOn: '2027-01-01', condition: 'none' },
      { kind: 'interim', amount: 180_000_000, condition: 'report_accepted' },
      { kind: 'final', amount: 90_000_000, dueOn: '2027-12-31', condition: 'acceptance' },
    ],
  })
}, 120_000)
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

const owner = () => task.owner
const staff = () => ({ ...task.staff, roles: ['staff'] as const })
const director = () => ({ ...task.director, roles: ['director' as const] })
const storage = () => uploadStorage(env)
const ask = (form: Record<string, string>) => requestChange(handle.db, { applicationId: task.applicationId, user: owner(), form, appUrl: APP_URL })
const pdfOf = (mail: { attachments: unknown }) => new Uint8Array(Buffer.from((mail.attachments as { contentBase64: string }[])[0].contentBase64, 'base64'))
const lastMail = async (address: string, template: string) => (await mailTo(handle.db, address)).filter((m) => m.template === template).at(-1)

describe('changes to a contract', () => {
  it('an extension asked, decided, turned into an amendment, accepted and signed moves the contract’s end', async () => {
    // Beyond the longest extension (12 months by default): refused, with the field to fix.
    const far = await ask({ kind: 'extension', reasons: 'Mưa kéo dài làm chậm vụ thử nghiệm.', endsOn: '31/12/2029' })
    expect(far).toMatchObject({ ok: false, status: 400, errors: { endsOn: 'changes.e.extension.tooLong?max=12' } })
    expect(await ask({ kind: 'extension', reasons: 'ngắn', endsOn: 'mai' })).toMatchObject({ ok: false, errors: { reasons: 'changes.e.reasons', endsOn: 'changes.e.date' } })

    // To 31/12/2027 the contract has one report, due 01/07/2027 (the rest is the final dossier).
    const dueDates = async () => (await listReports(handle.db, task.contractId)).map((r) => r.dueOn)
    expect(await dueDates()).toEqual(['2027-07-01'])

    const asked = await ask({ kind: 'extension', reasons: 'Mưa kéo dài làm chậm vụ thu hoạch thử nghiệm.', endsOn: '30/06/2028' })
    if (!asked.ok) throw new Error(JSON.stringify(asked))
    expect((await mailTo(handle.db, task.staff.email)).map((m) => m.template)).toContain('contract_change_requested')
    // One change at a time.
    expect(await ask({ kind: 'termination', reasons: 'Không còn khả năng thực hiện nhiệm vụ.' })).toMatchObject({ ok: false, status: 409, errors: { form: 'changes.e.open' } })

    // Nothing to sign before the office answers; then the director signs the decision.
    expect(await requestSignature(handle.db, { kind: 'change_decision', subjectId: asked.id, actor: task.staff, appUrl: APP_URL })).toEqual({ ok: false, reason: 'not_due' })
    expect(await reviewChange(handle.db, { applicationId: task.applicationId, actor: { ...director(), roles: ['director'] }, form: { changeId: asked.id, outcome: 'approve' } })).toMatchObject({ ok: false, status: 403 })
    expect(await reviewChange(handle.db, { applicationId: task.applicationId, actor: staff(), form: { changeId: asked.id, outcome: 'approve', note: 'Không điều chỉnh tổng kinh phí.' } })).toEqual({ ok: true, id: asked.id })
    expect(await requestSignature(handle.db, { kind: 'change_decision', subjectId: asked.id, actor: task.staff, appUrl: APP_URL })).toMatchObject({ ok: true, already: false })
    const decision = await signPending(handle.db, storage(), { subjectId: asked.id }, director(), 'change_decision')
    if (!decision.ok) throw new Error(decision.reason)
    expect(decision.document.symbol).toMatch(/^\d{2,}\/QĐ-/)

    const decided = await lastMail(owner().email, 'contract_change_decided')
    expect(decided!.subject).toContain('được chấp thuận')
    const decisionPdf = pdfOf(decided!)
    const sig = await pdfSig(decisionPdf)
    expect(sig.signatures.map((s) => s.valid)).toEqual([true, true])
    expect(sig.signatures[1].commonName).toBe(TEST_FUND_NAME)
    const decisionText = (await pdfLines(decisionPdf)).join(' ')
    expect(decisionText).toContain('QUYẾT ĐỊNH')
    expect(decisionText).toContain(`Số: ${decision.document.symbol}`)
    expect(decisionText).toContain('Gia hạn thời gian thực hiện nhiệm vụ đến ngày 30/06/2028')
    expect(decisionText).toContain('Không điều chỉnh tổng kinh phí')

    // The office draws up the amendment; only the legal representative accepts it.
    const drafted = await draftAmendment(handle.db, { applicationId: task.applicationId, changeId: asked.id, actor: staff(), appUrl: APP_URL })
    if (!drafted.ok) throw new Error(JSON.stringify(drafted))
    expect((await lastMail(owner().email, 'contract_change_step'))!.subject).toContain('Phụ lục hợp đồng')
    const editor = await createUser(handle.db, { roles: ['applicant'], fullName: 'Người Soạn Phụ Lục', email: `editor.${Date.now()}@applicant.vn` })
    await handle.db.insertInto('organisation_members').values({ organisation_id: task.organisationId, user_id: editor.id, role: 'editor' }).execute()
    const form = { amendmentId: drafted.id, position: 'Viện trưởng', confirmed: 'yes' }
    expect(await acceptAmendment(handle.db, { applicationId: task.applicationId, user: { ...editor, fullName: 'Người Soạn Phụ Lục' }, form, appUrl: APP_URL })).toEqual({
      ok: false,
      status: 403,
      errors: { form: 'contracts.e.not_representative' },
    })
    expect(await acceptAmendment(handle.db, { applicationId: task.applicationId, user: owner(), form: { ...form, confirmed: '' }, appUrl: APP_URL })).toMatchObject({ ok: false, errors: { confirmed: 'contracts.e.confirm' } })
    // Not yet accepted: nothing to sign.
    expect(await requestSignature(handle.db, { kind: 'amendment', subjectId: drafted.id, actor: task.staff, appUrl: APP_URL })).toEqual({ ok: false, reason: 'not_due' })
    expect(await acceptAmendment(handle.db, { applicationId: task.applicationId, user: owner(), form, appUrl: APP_URL })).toEqual({ ok: true, id: drafted.id })
    expect((await mailTo(handle.db, task.staff.email)).map((m) => m.template)).toContain('contract_accepted')

    expect(await requestSignature(handle.db, { kind: 'amendment', subjectId: drafted.id, actor: task.staff, appUrl: APP_URL })).toMatchObject({ ok: true })
    const signed = await signPending(handle.db, storage(), { subjectId: drafted.id }, director(), 'amendment')
    if (!signed.ok) throw new Error(signed.reason)
    expect(signed.document.symbol).toMatch(/^\d{2,}\/PLHĐ-/)
    const entry = await handle.db.selectFrom('document_register').select('doc_type').where('symbol', '=', signed.document.symbol!).executeTakeFirstOrThrow()
    expect(entry.doc_type).toBe('amendment')

    // The contract now ends on the new date; the final tranche, due at the old end, moved with it.
    const contract = (await contractOf(handle.db, task.applicationId))!
    expect(contract.endsOn).toBe('2028-06-30')
    expect(contract.tranches.map((t) => t.dueOn)).toEqual(['2027-01-01', null, '2028-06-30'])
    // The report schedule follows it: a second report, due 01/01/2028, now falls within the contract.
    expect(await dueDates()).toEqual(['2027-07-01', '2028-01-01'])
    const [change] = await listChanges(handle.db, contract.id)
    expect(change).toMatchObject({ state: 'amended', amendment: { status: 'signed', seq: 1 } })

    const issued = await lastMail(owner().email, 'contract_document_issued')
    expect(issued!.subject).toContain(signed.document.symbol!)
    const amendmentPdf = pdfOf(issued!)
    expect((await pdfSig(amendmentPdf)).signatures.map((s) => s.valid)).toEqual([true, true])
    const text = (await pdfLines(amendmentPdf)).join(' ')
    expect(text).toContain('PHỤ LỤC HỢP ĐỒNG SỐ 01')
    expect(text).toContain(`Căn cứ Quyết định số ${decision.document.symbol}`)
    expect(text).toContain('đến ngày 30/06/2028')
    expect(text).toContain('Đã ký xác nhận trên Cổng')

    const actions = await handle.db.selectFrom('audit_log').select('action').where('subject_id', '=', task.applicationId).where('action', 'like', 'contract.%').execute()
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['contract.change_requested', 'contract.change_reviewed', 'contract.change_decided', 'contract.amendment_proposed', 'contract.amendment_accepted', 'contract.amended']),
    )
    // The fund allows one extension by default: a second one is refused.
    expect(await ask({ kind: 'extension', reasons: 'Cần thêm thời gian hoàn thiện sản phẩm.', endsOn: '31/10/2028' })).toMatchObject({ ok: false, errors: { form: 'changes.e.extension.count?max=1' } })
  })

  it('a budget move beyond the limit is refused with a message; within it, it is asked and can be withdrawn', async () => {
    const over = await ask({ kind: 'budget_move', reasons: 'Giá vật tư tăng so với dự toán.', fromCategory: 'labour', toCategory: 'materials', amount: '60.000.000' })
    expect(over).toMatchObject({ ok: false, status: 400 })
    if (over.ok) return
    expect(over.errors.amount).toMatch(/^changes\.e\.budget\.limit\?/)
    // As the page shows it: the limit, in words and money.
    const [key, query] = over.errors.amount.split('?')
    const words = translator('vi')(key as 'changes.e.budget.limit', Object.fromEntries(new URLSearchParams(query)))
    expect(words).toContain('10%')
    expect(words).toContain('45.000.000')
    expect(await ask({ kind: 'budget_move', reasons: 'Giá vật tư tăng so với dự toán.', fromCategory: 'labour', toCategory: 'labour', amount: '1.000.000' })).toMatchObject({ ok: false, errors: { toCategory: 'changes.e.sameCategory' } })

    const within = await ask({ kind: 'budget_move', reasons: 'Giá vật tư tăng so với dự toán.', fromCategory: 'labour', toCategory: 'materials', amount: '30.000.000' })
    if (!within.ok) throw new Error(JSON.stringify(within))
    expect(await withdrawChange(handle.db, { applicationId: task.applicationId, changeId: within.id, user: owner(), appUrl: APP_URL })).toEqual({ ok: true, id: within.id })
    expect((await lastMail(task.staff.email, 'contract_change_step'))!.subject).toContain('rút')
    const budget = await contractBudget(handle.db, (await contractOf(handle.db, task.applicationId))!)
    expect(budget.labour).toBe(500_000_000)
  })

  it('a refused change is answered by a signed notice mailed to the grantee', async () => {
    const asked = await ask({ kind: 'investigator', reasons: 'Chủ nhiệm nhiệm vụ chuyển công tác.', investigatorName: 'TS. Trần Thị Mới', investigatorId: '066190001234' })
    if (!asked.ok) throw new Error(JSON.stringify(asked))
    expect(await reviewChange(handle.db, { applicationId: task.applicationId, actor: staff(), form: { changeId: asked.id, outcome: 'reject' } })).toMatchObject({ ok: false, errors: { note: 'changes.e.rejectReasons' } })
    expect(await reviewChange(handle.db, { applicationId: task.applicationId, actor: staff(), form: { changeId: asked.id, outcome: 'reject', note: 'Chủ nhiệm đề xuất chưa đủ kinh nghiệm chuyên môn.' } })).toMatchObject({ ok: true })
    expect(await requestSignature(handle.db, { kind: 'change_decision', subjectId: asked.id, actor: task.staff, appUrl: APP_URL })).toMatchObject({ ok: true })
    const notice = await signPending(handle.db, storage(), { subjectId: asked.id }, director(), 'change_decision')
    if (!notice.ok) throw new Error(notice.reason)
    expect(notice.document.symbol).toMatch(/^\d{2,}\/TB-/)

    const mail = await lastMail(owner().email, 'contract_change_decided')
    expect(mail!.subject).toContain('không được chấp thuận')
    expect(mail!.text_body).toContain('Chủ nhiệm đề xuất chưa đủ kinh nghiệm chuyên môn.')
    const pdf = pdfOf(mail!)
    expect((await pdfSig(pdf)).signatures.map((s) => s.valid)).toEqual([true, true])
    expect((await pdfLines(pdf)).join(' ')).toContain('không chấp thuận đề nghị trên')
    const contract = (await contractOf(handle.db, task.applicationId))!
    expect((contract.terms as { investigator?: string }).investigator ?? '').not.toBe('TS. Trần Thị Mới')
    const [latest] = await listChanges(handle.db, contract.id)
    expect(latest).toMatchObject({ state: 'rejected', decisionDocument: { symbol: notice.document.symbol } })
    // Settled: no amendment for a refusal, and the grantee may ask again.
    expect(await draftAmendment(handle.db, { applicationId: task.applicationId, changeId: asked.id, actor: staff(), appUrl: APP_URL })).toMatchObject({ ok: false, status: 409 })
  })

  it('the pages: the grantee’s form answers a budget move over the limit with a 400 and the message by the field; the office answers, the director may not', async () => {
    const ctx = testContext(handle, env)
    const path = `/tasks/${task.applicationId}/changes`
    const params = { id: task.applicationId }
    const grantee = await sessionFor(ctx, owner().id)
    const page = await invoke(granteePage, ctx, { path: `${path}?kind=budget_move`, cookie: grantee, params })
    expect(page.status).toBe(200)
    const view = await page.json()
    expect(view).toMatchObject({ kind: 'budget_move', canAsk: true, representative: true, rules: { pct: 10, maxMove: 45_000_000 } })
    expect(view.changes.map((c: { state: string }) => c.state)).toEqual(['rejected', 'withdrawn', 'amended'])

    const form = { intent: 'request', kind: 'budget_move', reasons: 'Giá vật tư tăng so với dự toán.', fromCategory: 'labour', toCategory: 'materials', amount: '50.000.000' }
    const refused = await invoke(granteePage, ctx, { method: 'POST', path, cookie: grantee, params, form })
    expect(refused.status).toBe(400)
    const body = await refused.json()
    expect(body.errors.amount.message).toMatch(/^changes\.e\.budget\.limit\?/)
    expect(body.defaultValues).toMatchObject({ amount: '50.000.000', reasons: form.reasons })

    const asked = await invoke(granteePage, ctx, { method: 'POST', path, cookie: grantee, params, form: { ...form, amount: '20.000.000' } })
    expect(asked.status).toBe(302)
    expect(asked.headers.get('Location')).toBe(`${path}?notice=requested`)
    const [change] = await listChanges(handle.db, (await contractOf(handle.db, task.applicationId))!.id)

    const office = `/staff/tasks/${task.applicationId}/changes`
    const staffCookie = await sessionFor(ctx, task.staff.id)
    const noReasons = await invoke(officePage, ctx, { method: 'POST', path: office, cookie: staffCookie, params, form: { intent: 'review', changeId: change.id, outcome: 'reject', note: '' } })
    expect(noReasons.status).toBe(400)
    expect((await noReasons.json()).errors.note.message).toBe('changes.e.rejectReasons')
    const byDirector = await invoke(officePage, ctx, { method: 'POST', path: office, cookie: await sessionFor(ctx, task.director.id), params, form: { intent: 'review', changeId: change.id, outcome: 'approve' } })
    expect(byDirector.status).toBe(403)
    // Ids that are not ids are a 404 in words, never a server error.
    const junk = await invoke(officePage, ctx, { method: 'POST', path: office, cookie: staffCookie, params, form: { intent: 'draft', changeId: "1' OR '1'='1" } })
    expect(junk.status).toBe(404)
    const sent = await invoke(officePage, ctx, { method: 'POST', path: office, cookie: staffCookie, params, form: { intent: 'review', changeId: change.id, outcome: 'reject', note: 'Chưa có báo giá vật tư kèm theo.' } })
    expect(sent.headers.get('Location')).toBe(`${office}?notice=reviewed`)
    expect((await mailTo(handle.db, task.director.email)).map((m) => m.template)).toContain('signature_requested')
    // The director signs the refusal; the budget stays as it was.
    expect(await signPending(handle.db, storage(), { subjectId: change.id }, director(), 'change_decision')).toMatchObject({ ok: true })
    expect((await contractBudget(handle.db, (await contractOf(handle.db, task.applicationId))!)).materials).toBe(0)
  })

  it('a budget move within the limit, once amended, moves the categories the settlement is checked against', async () => {
    const asked = await ask({ kind: 'budget_move', reasons: 'Giá vật tư tăng so với dự toán; có báo giá kèm theo.', fromCategory: 'labour', toCategory: 'materials', amount: '40.000.000' })
    if (!asked.ok) throw new Error(JSON.stringify(asked))
    await reviewChange(handle.db, { applicationId: task.applicationId, actor: staff(), form: { changeId: asked.id, outcome: 'approve' } })
    await requestSignature(handle.db, { kind: 'change_decision', subjectId: asked.id, actor: task.staff, appUrl: APP_URL })
    expect(await signPending(handle.db, storage(), { subjectId: asked.id }, director(), 'change_decision')).toMatchObject({ ok: true })
    const drafted = await draftAmendment(handle.db, { applicationId: task.applicationId, changeId: asked.id, actor: staff(), appUrl: APP_URL })
    if (!drafted.ok) throw new Error(JSON.stringify(drafted))
    await acceptAmendment(handle.db, { applicationId: task.applicationId, user: owner(), form: { amendmentId: drafted.id, position: 'Viện trưởng', confirmed: 'yes' }, appUrl: APP_URL })
    await requestSignature(handle.db, { kind: 'amendment', subjectId: drafted.id, actor: task.staff, appUrl: APP_URL })
    expect(await signPending(handle.db, storage(), { subjectId: drafted.id }, director(), 'amendment')).toMatchObject({ ok: true })
    const planned = Object.fromEntries((await plannedByCategory(handle.db, task.applicationId)).map((p) => [p.category, p.planned]))
    expect(planned).toMatchObject({ labour: 460_000_000, materials: 40_000_000 })
    // The 10 % is spent: 40.000.000 moved of 45.000.000, so 10.000.000 more is refused.
    expect(await ask({ kind: 'budget_move', reasons: 'Bổ sung thêm kinh phí thuê dịch vụ.', fromCategory: 'labour', toCategory: 'services', amount: '10.000.000' })).toMatchObject({ ok: false, errors: { amount: expect.stringMatching(/^changes\.e\.budget\.limit\?/) } })
  })

  it('a signed termination ends the contract and the task fails, toward its liquidation', async () => {
    const asked = await ask({ kind: 'termination', reasons: 'Đối tác chuyển giao công nghệ rút khỏi dự án.' })
    if (!asked.ok) throw new Error(JSON.stringify(asked))
    await reviewChange(handle.db, { applicationId: task.applicationId, actor: staff(), form: { changeId: asked.id, outcome: 'approve' } })
    await requestSignature(handle.db, { kind: 'change_decision', subjectId: asked.id, actor: task.staff, appUrl: APP_URL })
    expect(await signPending(handle.db, storage(), { subjectId: asked.id }, director(), 'change_decision')).toMatchObject({ ok: true })
    const drafted = await draftAmendment(handle.db, { applicationId: task.applicationId, changeId: asked.id, actor: staff(), appUrl: APP_URL })
    if (!drafted.ok) throw new Error(JSON.stringify(drafted))
    expect(drafted.id).toBeTruthy()
    const [amendment] = (await listChanges(handle.db, (await contractOf(handle.db, task.applicationId))!.id)).map((c) => c.amendment)
    expect(amendment?.seq).toBe(3)
    await acceptAmendment(handle.db, { applicationId: task.applicationId, user: owner(), form: { amendmentId: drafted.id, position: 'Viện trưởng', confirmed: 'yes' }, appUrl: APP_URL })
    await requestSignature(handle.db, { kind: 'amendment', subjectId: drafted.id, actor: task.staff, appUrl: APP_URL })
    expect(await signPending(handle.db, storage(), { subjectId: drafted.id }, director(), 'amendment')).toMatchObject({ ok: true })
    expect((await contractOf(handle.db, task.applicationId))!.status).toBe('terminated')
    const app = await handle.db.selectFrom('applications').select('status').where('id', '=', task.applicationId).executeTakeFirstOrThrow()
    expect(app.status).toBe('failed')
    const event = await handle.db.selectFrom('application_events').select(['event', 'actor_id']).where('application_id', '=', task.applicationId).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(event).toEqual({ event: 'terminate', actor_id: task.director.id })
    // Nothing more to change on a terminated contract.
    expect(await ask({ kind: 'suspension', reasons: 'Tạm dừng để chờ thiết bị.', suspendFrom: '01/03/2027', suspendUntil: '01/05/2027' })).toMatchObject({ ok: false, errors: { form: 'changes.e.notRunning' } })
  })
})
