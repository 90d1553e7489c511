import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import * as legalBasesRoute from '../../app/routes/admin.legal-bases'
import * as settingsRoute from '../../app/routes/admin.settings'
import { issueOutcome, previewOutcome } from '../../app/modules/decisions'
import { pdfLines, pdfSig } from '../../app/modules/documents/layout/pdf-check'
import { uploadStorage } from '../../app/modules/applications'
import { applyTransition } from '../../app/modules/workflow'
import { TEST_FUND_NAME, TEST_SIGNER, testSigning } from '../setup/signing'
import { createTestDb } from '../setup/db'
import { createUser, insertFundSettings, invoke, mailTo, sessionFor, testContext, testEnv } from '../setup/app'
import { createCompleteDraft } from '../setup/applications'
import { concludeOnCouncil, createEligibleApplication, reviseAndAppraise } from '../setup/review'

// What the issued documents say (issue 11): the legal bases an admin edits, the decision of the call's kind of
// funding with its amounts and the director's conditions, the notice to an ineligible dossier.

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let dataDir: string
let admin: { id: string; email: string }

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'document-contents-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
  await insertFundSettings(handle.db)
  admin = await createUser(handle.db, { roles: ['admin'] })
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

const text = async (bytes: Uint8Array) => (await pdfLines(bytes)).join(' ').replace(/\s+/g, ' ')

/** Approved by a director on the approval's form; `terms`: its fields for a loan's or a guarantee's terms. */
async function approved(modality: 'grant' | 'preferential_loan' | 'loan_guarantee' | 'support', terms: Record<string, string> = {}) {
  const app = await createEligibleApplication(handle.db, ctx.env)
  await handle.db.updateTable('calls').set({ modality }).where('id', '=', app.callId).execute()
  await handle.db.updateTable('applications').set({ counterpart_amount: 600_000_000 }).where('id', '=', app.applicationId).execute()
  const { councilId } = await concludeOnCouncil(handle.db, { applicationId: app.applicationId, staff: app.staff })
  await handle.db.updateTable('council_conclusions').set({ lump_sum: 'partial' }).where('council_id', '=', councilId).execute()
  await reviseAndAppraise(handle.db, ctx.env, app)
  const director = { ...(await createUser(handle.db, { roles: ['director'] })), fullName: 'Giám Đốc' }
  const input = { amount: '450.000.000', conditions: 'Giải ngân hai đợt\nNộp báo giá thiết bị trước khi ký hợp đồng', ...terms }
  expect(await applyTransition(handle.db, { applicationId: app.applicationId, event: 'approve', actor: director, as: 'director', input, lang: 'vi' })).toMatchObject({ ok: true })
  return app
}

describe('the legal bases, as data an admin edits', () => {
  it('are seeded without Decree 30 and with the law cited without its number; an edit changes the next document; Decree 30 is refused', async () => {
    const cookie = await sessionFor(ctx, admin.id)
    const page = await (await invoke(legalBasesRoute, ctx, { path: '/admin/legal-bases', cookie })).json()
    expect(page.values.decision_grant.split('\n')).toEqual([
      'Căn cứ Luật Khoa học, công nghệ và đổi mới sáng tạo ngày 27 tháng 6 năm 2025',
      expect.stringMatching(/^Căn cứ Nghị định số 265\/2025\/NĐ-CP ngày 14 tháng 10 năm 2025 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Khoa học, Công nghệ và Đổi mới sáng tạo về tài chính và đầu tư trong khoa học, công nghệ và đổi mới sáng tạo$/),
    ])
    expect(JSON.stringify(page.values)).not.toContain('30/2020')
    expect(page.charter).toBeNull()

    const app = await approved('grant')
    const before = await text((await previewOutcome(handle.db, app.applicationId))!.pdf)
    expect(before).toContain('Căn cứ Luật Khoa học, công nghệ và đổi mới sáng tạo ngày 27 tháng 6 năm 2025;')
    expect(before).not.toContain('Điều lệ')

    // The charter's number and date come from the fund's settings and are cited last.
    const shown = await (await invoke(settingsRoute, ctx, { path: '/admin/settings', cookie })).json()
    const settings = { values: { ...shown.values, parent_body_en: 'Đắk Lắk People’s Committee', name_en: 'Đắk Lắk S&T Fund', address: '15 Lê Duẩn', phone: '0262 3852 585', email: 'quy@daklak.gov.vn' } }
    const badDate = await invoke(settingsRoute, ctx, { method: 'POST', path: '/admin/settings', cookie, form: { ...settings.values, charter_number: '12/2026/QĐ-UBND', charter_date: '31/02/2026' } })
    expect(badDate.status).toBe(400)
    expect((await badDate.json()).errors.charter_date.message).toBe('fund.v.date')
    const saved = await invoke(settingsRoute, ctx, { method: 'POST', path: '/admin/settings', cookie, form: { ...settings.values, charter_number: '12/2026/QĐ-UBND', charter_date: '05/03/2026' } })
    expect(saved.status).toBe(302)
    expect((await (await invoke(settingsRoute, ctx, { path: '/admin/settings', cookie })).json()).values.charter_date).toBe('05/03/2026')

    const refused = await invoke(legalBasesRoute, ctx, {
      method: 'POST', path: '/admin/legal-bases', cookie,
      form: { ...page.values, decision_grant: `${page.values.decision_grant}\nCăn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư` },
    })
    expect(refused.status).toBe(400)
    expect((await refused.json()).errors.decision_grant.message).toBe('legalBases.v.decree30')
    const notBasis = await invoke(legalBasesRoute, ctx, { method: 'POST', path: '/admin/legal-bases', cookie, form: { ...page.values, decision_loan: 'Theo Luật Các tổ chức tín dụng' } })
    expect((await notBasis.json()).errors.decision_loan.message).toBe('legalBases.v.start')

    const edited = await invoke(legalBasesRoute, ctx, {
      method: 'POST', path: '/admin/legal-bases', cookie,
      form: { ...page.values, decision_grant: `${page.values.decision_grant}\nCăn cứ Nghị quyết số 05/2026/NQ-HĐND ngày 10 tháng 7 năm 2026 của Hội đồng nhân dân tỉnh Đắk Lắk;` },
    })
    expect(edited.status, JSON.stringify(edited.status === 302 ? '' : await edited.clone().json())).toBe(302)
    const after = await text((await previewOutcome(handle.db, app.applicationId))!.pdf)
    expect(after).toContain('Căn cứ Nghị quyết số 05/2026/NQ-HĐND ngày 10 tháng 7 năm 2026 của Hội đồng nhân dân tỉnh Đắk Lắk;')
    expect(after).toContain(
      'Căn cứ Quyết định số 12/2026/QĐ-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân tỉnh Đắk Lắk ban hành Điều lệ tổ chức và hoạt động của Quỹ Phát triển khoa học và công nghệ tỉnh Đắk Lắk. Theo đề nghị của',
    )
  }, 90_000)
})

describe('the decision of the call’s kind of funding', () => {
  it('a grant states the host, investigator, total, the Fund’s and counterpart amounts, the council’s lump-sum method and the director’s conditions', async () => {
    const app = await approved('grant')
    const t = await text((await previewOutcome(handle.db, app.applicationId))!.pdf)
    expect(t).toContain('Về việc phê duyệt tài trợ nhiệm vụ khoa học và công nghệ')
    expect(t).toContain('Tổng kinh phí thực hiện nhiệm vụ: 1.050.000.000 đồng')
    expect(t).toContain('Kinh phí tài trợ từ Quỹ: 450.000.000 đồng')
    expect(t).toContain('Kinh phí đối ứng của tổ chức chủ trì: 600.000.000 đồng')
    expect(t).toContain('Phương thức khoán chi: khoán chi từng phần.')
    expect(t).toContain('1. Giải ngân hai đợt; 2. Nộp báo giá thiết bị trước khi ký hợp đồng;')
  })

  it('a preferential loan is issued as a loan, with the terms the director entered on the approval', async () => {
    const app = await approved('preferential_loan', { interest_rate: '4', term_months: '24', repayment: 'trả gốc hằng quý', collateral: 'máy sấy hình thành từ vốn vay' })
    expect((await handle.db.selectFrom('applications').select('funding_terms').where('id', '=', app.applicationId).executeTakeFirstOrThrow()).funding_terms).toEqual({
      interestRate: 4,
      termMonths: 24,
      repayment: 'trả gốc hằng quý',
      collateral: 'máy sấy hình thành từ vốn vay',
    })
    const result = await issueOutcome(handle.db, uploadStorage(ctx.env), { applicationId: app.applicationId, actor: app.staff, signing: await testSigning(app.staff) })
    expect(result).toMatchObject({ ok: true })
    const mail = (await mailTo(handle.db, app.owner.email)).find((m) => m.template === 'document_issued')!
    const pdf = Buffer.from((mail.attachments as { contentBase64: string }[])[0].contentBase64, 'base64')
    const t = await text(new Uint8Array(pdf))
    expect(t).toContain('Về việc cho vay ưu đãi thực hiện dự án')
    expect(t).toContain('Số tiền cho vay: 450.000.000 đồng')
    expect(t).toContain('Lãi suất cho vay: 4%/năm.')
    expect(t).toContain('Thời hạn cho vay: 24 tháng kể từ ngày giải ngân lần đầu.')
    expect(t).toContain('Phương thức trả nợ gốc và lãi: trả gốc hằng quý.')
    expect(t).toContain('Tài sản bảo đảm tiền vay: máy sấy hình thành từ vốn vay.')
    expect(t).not.toMatch(/phê duyệt tài trợ|Kinh phí tài trợ/)
  })
})

describe('the notice to an ineligible dossier', () => {
  it('is the document the ineligible status calls for, with the reasons from screening, numbered in the year’s sequence', async () => {
    const owner = { ...(await createUser(handle.db, { roles: ['applicant'] })), fullName: 'Chủ Hồ Sơ' }
    const officer = { ...(await createUser(handle.db, { roles: ['staff'] })), fullName: 'Cán Bộ' }
    const draft = await createCompleteDraft(handle.db, ctx.env, owner)
    const id = draft.applicationId
    const version = (await handle.db.selectFrom('applications').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version
    expect(await applyTransition(handle.db, { applicationId: id, event: 'submit', actor: owner, as: 'applicant', expectedVersion: version, lang: 'vi' })).toMatchObject({ ok: true })
    expect(await applyTransition(handle.db, { applicationId: id, event: 'start_screening', actor: officer, as: 'staff', lang: 'vi' })).toMatchObject({ ok: true })
    const reasons = 'Thiếu báo cáo tài chính năm 2025\nTổ chức không có trụ sở trên địa bàn tỉnh'
    expect(await applyTransition(handle.db, { applicationId: id, event: 'declare_ineligible', actor: officer, as: 'staff', lang: 'vi', input: { reasons } })).toMatchObject({ ok: true })
    const result = await issueOutcome(handle.db, uploadStorage(ctx.env), { applicationId: id, actor: officer, signing: await testSigning(officer), kind: 'ineligible' })
    expect(result).toMatchObject({ ok: true, already: false, document: { kind: 'ineligible' } })
    const mail = (await mailTo(handle.db, owner.email)).find((m) => m.template === 'document_issued')!
    expect(mail.subject).toContain('Thông báo hồ sơ không hợp lệ số')
    const pdf = new Uint8Array(Buffer.from((mail.attachments as { contentBase64: string }[])[0].contentBase64, 'base64'))
    // Signed like every document of the register: the signer's signature, then the Fund's over the whole file.
    const { signatures } = await pdfSig(pdf)
    expect(signatures.map((g) => [g.commonName, g.valid, g.totalDocumentSigned])).toEqual([[TEST_SIGNER.name, true, false], [TEST_FUND_NAME, true, true]])
    const t = await text(pdf)
    expect(t).toMatch(/Số: \d{2}\/TB-QKHCN/)
    expect(t).toContain('không hợp lệ và không được đưa vào xét chọn, vì các lý do sau: 1. Thiếu báo cáo tài chính năm 2025; 2. Tổ chức không có trụ sở trên địa bàn tỉnh.')
    expect(t).not.toContain('Kính gửi')
  })
})
