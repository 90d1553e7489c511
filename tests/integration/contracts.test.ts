import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import { uploadStorage } from '../../app/modules/applications'
import { acceptContract, contractOf, draftContract, draftFromForm, proposeContract, updateDraft } from '../../app/modules/contracts'
import { requestSignature } from '../../app/modules/decisions'
import { pdfLines, pdfSig } from '../../app/modules/documents/layout/pdf-check'
import { applyTransition } from '../../app/modules/workflow'
import { createTestDb } from '../setup/db'
import { createUser, insertFundSettings, mailTo, testEnv } from '../setup/app'
import { createApprovedApplication } from '../setup/award'
import { signPending, TEST_FUND_NAME } from '../setup/signing'

// The contract of an approved application: drafted by the office from the decision and the application,
// checked (tranches sum to the Fund's amount), sent to the grantee, accepted in the portal by its legal
// representative, signed by the director and the Fund (two valid signatures), numbered "HĐ" in the register,
// mailed with its PDF; only then is the task under contract and can start.

let handle: DatabaseHandle
let dataDir: string
let env: ReturnType<typeof testEnv>
const APP_URL = 'http://localhost:3000'

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'contracts-'))
  env = testEnv({ DATA_DIR: dataDir })
  await insertFundSettings(handle.db)
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

const form = (version: number, tranches: [string, string, string, string][], more: Record<string, string> = {}) => {
  const raw: Record<string, string> = {
    version: String(version),
    startsOn: '2027-02-01',
    endsOn: '2028-01-31',
    reportEveryMonths: '6',
    objectives: 'Xây dựng quy trình canh tác cà phê bền vững.',
    products: 'Quy trình kỹ thuật được công nhận; 02 mô hình trình diễn 5 ha.',
    quality: 'Năng suất tăng ít nhất 10 % so với đối chứng.',
    investigator: 'TS. Lê Văn Chủ Nhiệm',
    ...more,
  }
  tranches.forEach(([kind, amount, dueOn, condition], i) => Object.assign(raw, { [`tranche.${i}.kind`]: kind, [`tranche.${i}.amount`]: amount, [`tranche.${i}.dueOn`]: dueOn, [`tranche.${i}.condition`]: condition }))
  return draftFromForm(raw)
}

describe('the contract of an approved application', () => {
  it('is drafted, accepted by the representative, signed by the Fund, numbered, mailed; then the task starts', async () => {
    const app = await createApprovedApplication(handle.db, env)
    const staff = app.staff
    // Not yet under contract: the machine refuses sign_contract while the contract is not signed.
    expect(await applyTransition(handle.db, { applicationId: app.applicationId, event: 'sign_contract', as: 'staff', actor: staff, lang: 'vi' })).toMatchObject({
      ok: false,
      problem: 'workflow.refused.contractNotSigned',
    })

    const drafted = await draftContract(handle.db, { applicationId: app.applicationId, actor: staff })
    if (!drafted.ok) throw new Error(drafted.reason)
    expect(drafted.contract).toMatchObject({ status: 'draft', fundAmount: 450_000_000, modality: 'grant', reportEveryMonths: 6 })
    // The fund's default split: 40 % advance, 40 % after an accepted report, the rest on acceptance.
    expect(drafted.contract.tranches.map((t) => [t.kind, t.amount, t.condition])).toEqual([
      ['advance', 180_000_000, 'none'],
      ['interim', 180_000_000, 'report_accepted'],
      ['final', 90_000_000, 'acceptance'],
    ])
    expect(await draftContract(handle.db, { applicationId: app.applicationId, actor: staff })).toEqual({ ok: false, reason: 'exists' })

    // Tranches that do not add up to the Fund's amount are refused, with the field to fix.
    const v = drafted.contract.version
    expect(await updateDraft(handle.db, { contractId: drafted.contract.id, actor: staff, form: form(v, [['advance', '200.000.000', '2027-02-01', 'none'], ['final', '200.000.000', '', 'acceptance']]) })).toEqual({
      ok: false,
      reason: 'invalid',
      errors: { tranches: 'contracts.e.trancheSum' },
    })
    expect(await updateDraft(handle.db, { contractId: drafted.contract.id, actor: staff, form: form(v, [['advance', 'nhiều', '', 'none']]) })).toMatchObject({ ok: false, errors: { 'tranches.0.amount': 'contracts.e.amount' } })
    const tranches: [string, string, string, string][] = [
      ['advance', '225.000.000', '2027-02-01', 'none'],
      ['interim', '135.000.000', '', 'report_accepted'],
      ['final', '90.000.000', '', 'acceptance'],
    ]
    expect(await updateDraft(handle.db, { contractId: drafted.contract.id, actor: staff, form: form(v, tranches) })).toEqual({ ok: true })
    // A second edit from the page's old version is refused: someone else changed it.
    expect(await updateDraft(handle.db, { contractId: drafted.contract.id, actor: staff, form: form(v, tranches) })).toEqual({ ok: false, reason: 'version' })

    // Nothing to sign before the grantee accepted it.
    expect(await requestSignature(handle.db, { applicationId: app.applicationId, kind: 'contract', actor: staff, appUrl: APP_URL })).toEqual({ ok: false, reason: 'not_due' })
    const edited = (await contractOf(handle.db, app.applicationId))!
    expect(await proposeContract(handle.db, { contractId: edited.id, actor: staff, version: edited.version, appUrl: APP_URL })).toEqual({ ok: true })
    const proposedMail = (await mailTo(handle.db, app.owner.email)).find((m) => m.template === 'contract_proposed')!
    expect(proposedMail.subject).toContain('Dự thảo hợp đồng')
    expect(proposedMail.text_body).toContain(`${APP_URL}/tasks/${app.applicationId}`)

    // Only the legal representative (an owner) accepts; they confirm, with their position.
    const proposed = (await contractOf(handle.db, app.applicationId))!
    const editor = await createUser(handle.db, { roles: ['applicant'], fullName: 'Người Soạn', email: `editor.${Date.now()}@applicant.vn` })
    await handle.db.insertInto('organisation_members').values({ organisation_id: app.organisationId, user_id: editor.id, role: 'editor' }).execute()
    expect(await acceptContract(handle.db, { contractId: proposed.id, user: { ...editor, fullName: 'Người Soạn' }, form: { version: proposed.version, position: 'Kế toán', confirmed: 'yes' }, appUrl: APP_URL })).toEqual({
      ok: false,
      reason: 'not_representative',
    })
    expect(await acceptContract(handle.db, { contractId: proposed.id, user: app.owner, form: { version: proposed.version, position: 'Viện trưởng' } as never, appUrl: APP_URL })).toMatchObject({
      ok: false,
      errors: { confirmed: 'contracts.e.confirm' },
    })
    expect(await acceptContract(handle.db, { contractId: proposed.id, user: app.owner, form: { version: proposed.version, position: 'Viện trưởng', confirmed: 'yes' }, appUrl: APP_URL, ip: '203.0.113.7' })).toEqual({ ok: true })
    expect((await mailTo(handle.db, staff.email)).map((m) => m.template)).toContain('contract_accepted')

    // The office sends it for the Fund's signature; the director signs it.
    expect(await requestSignature(handle.db, { applicationId: app.applicationId, kind: 'contract', actor: staff, appUrl: APP_URL })).toMatchObject({ ok: true, already: false })
    expect((await mailTo(handle.db, app.director.email)).map((m) => m.template)).toContain('signature_requested')
    const signed = await signPending(handle.db, uploadStorage(env), { applicationId: app.applicationId }, { ...app.director, roles: ['director'] })
    if (!signed.ok) throw new Error(signed.reason)
    expect(signed.document.symbol).toMatch(/^\d{2,}\/HĐ-/)
    const contract = (await contractOf(handle.db, app.applicationId))!
    expect(contract.status).toBe('signed')
    const entry = await handle.db.selectFrom('document_register').select(['doc_type', 'symbol']).where('symbol', '=', signed.document.symbol!).executeTakeFirstOrThrow()
    expect(entry.doc_type).toBe('contract')

    // The grantee gets the signed PDF: two valid signatures (the director's, then the Fund's over the whole file).
    const mail = (await mailTo(handle.db, app.owner.email)).find((m) => m.template === 'contract_document_issued')!
    expect(mail.subject).toContain(signed.document.symbol!)
    const pdf = new Uint8Array(Buffer.from((mail.attachments as { contentBase64: string }[])[0].contentBase64, 'base64'))
    const { signatures } = await pdfSig(pdf)
    expect(signatures.map((g) => g.valid)).toEqual([true, true])
    expect(signatures[1].commonName).toBe(TEST_FUND_NAME)
    expect(signatures[1].totalDocumentSigned).toBe(true)
    // Its articles read back as written: parties, products and quality, duration, money by year and tranche, reports.
    const text = (await pdfLines(pdf)).join(' ')
    expect(text).toContain('HỢP ĐỒNG')
    expect(text).toContain(`Số: ${signed.document.symbol}`)
    expect(text).toContain('Bên B (Bên nhận)')
    expect(text).toContain('Điều 1. Nội dung nhiệm vụ và sản phẩm')
    expect(text).toContain('Sản phẩm: Quy trình kỹ thuật được công nhận; 02 mô hình trình diễn 5 ha.')
    expect(text).toContain('Yêu cầu chất lượng của sản phẩm: Năng suất tăng ít nhất 10 % so với đối chứng.')
    expect(text).toContain('12 tháng, từ ngày 01/02/2027 đến ngày 31/01/2028.')
    expect(text).toContain('Kinh phí Quỹ tài trợ: 450.000.000 đồng')
    expect(text).toContain('Năm 2027')
    expect(text).toContain('225.000.000')
    expect(text).toContain('135.000.000')
    expect(text).toContain('Sau khi báo cáo định kỳ được Quỹ')
    expect(text).toContain('báo cáo tiến độ và tình hình sử dụng kinh phí 6 tháng một lần')
    expect(text).toContain('Điều 7. Xử lý khi nhiệm vụ không hoàn thành')
    expect(text).toContain('Đã ký xác nhận trên Cổng lúc')
    expect(text).toContain('ĐẠI DIỆN BÊN B')

    // Now the task is under contract and starts.
    for (const event of ['sign_contract', 'start_work'] as const) {
      expect(await applyTransition(handle.db, { applicationId: app.applicationId, event, as: 'staff', actor: staff, lang: 'vi' }), event).toMatchObject({ ok: true })
    }
    expect((await handle.db.selectFrom('applications').select('status').where('id', '=', app.applicationId).executeTakeFirstOrThrow()).status).toBe('in_progress')
  }, 120_000)

  it('refuses a contract for an application that is not approved', async () => {
    const app = await createApprovedApplication(handle.db, env)
    await handle.db.updateTable('applications').set({ status: 'rejected' }).where('id', '=', app.applicationId).execute()
    expect(await draftContract(handle.db, { applicationId: app.applicationId, actor: app.staff })).toEqual({ ok: false, reason: 'not_approved' })
  }, 120_000)
})
