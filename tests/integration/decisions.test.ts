import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import * as previewRoute from '../../app/routes/staff.applications.$id.documents.preview'
import * as issueRoute from '../../app/routes/staff.applications.$id.documents.issue'
import * as applicantDownload from '../../app/routes/applications.$id.documents.$documentId'
import * as applicantPage from '../../app/routes/applications.$id._index'
import * as staffPage from '../../app/routes/staff.applications.$id._index'
import * as signingRoute from '../../app/routes/signing.$id._index'
import * as verifyCodeRoute from '../../app/routes/verify.$code'
import { listRegister, openSignatureRequest, verifyFile } from '../../app/modules/decisions'
import { makeKeys, TEST_FUND_NAME } from '../setup/signing'
import { pdfLines, pdfSig } from '../../app/modules/documents/layout/pdf-check'
import { applyTransition } from '../../app/modules/workflow'
import { createTestDb } from '../setup/db'
import { createUser, insertFundSettings, invoke, mailTo, sessionFor, testContext, testEnv } from '../setup/app'
import { createCompleteDraft } from '../setup/applications'
import { concludeOnCouncil, createEligibleApplication, reviseAndAppraise } from '../setup/review'

// The outcome's official document: staff preview it unnumbered, issue it (the register gives the number),
// the applicant is mailed the PDF and downloads it from the application page; nobody else can.

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let dataDir: string

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'decisions-test-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
  await insertFundSettings(handle.db)
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

async function decided(outcome: 'approve' | 'reject') {
  const app = await createEligibleApplication(handle.db, ctx.env)
  const director = await createUser(handle.db, { roles: ['director'], fullName: 'Giám Đốc Thử' })
  await concludeOnCouncil(handle.db, { applicationId: app.applicationId, staff: app.staff })
  if (outcome === 'approve') await reviseAndAppraise(handle.db, ctx.env, app)
  const input = outcome === 'approve' ? { amount: '450.000.000', conditions: 'Giải ngân hai đợt.' } : { reasons: 'Kinh phí đối ứng chưa được bảo đảm\nSản phẩm chưa rõ khả năng thương mại hóa' }
  expect(await applyTransition(handle.db, { applicationId: app.applicationId, event: outcome, actor: director, as: 'director', input, lang: 'vi' })).toMatchObject({ ok: true })
  return { ...app, director, staffCookie: await sessionFor(ctx, app.staff.id), ownerCookie: await sessionFor(ctx, app.owner.id), directorCookie: await sessionFor(ctx, director.id) }
}

/** The director's key as a file they hold: their demo PKCS#12 and its passphrase (made in the test's data folder). */
async function directorKeyFile(director: { email: string; fullName: string }) {
  await makeKeys(dataDir, [{ email: director.email, name: director.fullName }])
  return { p12: await readFile(join(dataDir, 'keys', 'signers', `${director.email.toLowerCase()}.p12`)), passphrase: (await readFile(join(dataDir, 'keys', 'passphrase'), 'utf8')).trim() }
}

/** pdfsig finds two valid signatures, the signer's then the Fund's over the whole file; a flipped byte breaks both. */
async function expectSignedBy(bytes: Uint8Array, signer: string) {
  const { signatures } = await pdfSig(bytes)
  expect(signatures.map((g) => [g.commonName, g.valid])).toEqual([[signer, true], [TEST_FUND_NAME, true]])
  expect(signatures.map((g) => g.totalDocumentSigned)).toEqual([false, true])
  const altered = bytes.slice()
  altered[11] ^= 0x01
  expect((await pdfSig(altered)).signatures.map((g) => g.valid)).toEqual([false, false])
}

/** The request waiting for a signature on this application. */
const openRequestOf = async (applicationId: string) => (await openSignatureRequest(handle.db, { applicationId }))!

/** Posts the signing form as the browser does (multipart: the key file travels with it). */
function postSigning(requestId: string, cookie: string, fields: Record<string, string>, file?: Uint8Array) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.set(k, v)
  if (file) body.set('p12', new Blob([new Uint8Array(file)]), 'chu-ky.p12')
  return invoke(signingRoute, ctx, { method: 'POST', path: `/signing/${requestId}`, cookie, params: { id: requestId }, body })
}

/** Signs the application's waiting document as its director, with the key kept for them. */
async function signAsDirector(app: { applicationId: string; director: { email: string; fullName: string }; directorCookie: string }) {
  await makeKeys(dataDir, [{ email: app.director.email, name: app.director.fullName }])
  const request = await openRequestOf(app.applicationId)
  const signed = await postSigning(request.id, app.directorCookie, { how: 'kept', confirmed: 'yes' })
  expect(signed.status).toBe(302)
  return signed
}

/** One string, lines joined by a space: a phrase may wrap at the end of a line. */
async function pdfText(bytes: Uint8Array) {
  return (await pdfLines(bytes)).join(' ').replace(/\s+/g, ' ')
}

describe('the outcome’s official document', () => {
  it('previews the decision unnumbered, issues it numbered from the register, mails it, and lets the applicant download it', async () => {
    const app = await decided('approve')
    const id = app.applicationId
    const preview = await invoke(previewRoute, ctx, { path: `/staff/applications/${id}/documents/preview`, cookie: app.staffCookie, params: { id } })
    expect(preview.status).toBe(200)
    expect(preview.headers.get('Content-Type')).toBe('application/pdf')
    const previewText = await pdfText(new Uint8Array(await preview.arrayBuffer()))
    expect(previewText).toContain('QUYẾT ĐỊNH')
    expect(previewText).not.toMatch(/Số: \d+\/QĐ/)
    expect(await listRegister(handle.db, { year: new Date().getFullYear(), type: 'decision' })).toHaveLength(0)

    const issuePath = `/staff/applications/${id}/documents/issue`
    const post = (form: Record<string, string>) => invoke(issueRoute, ctx, { method: 'POST', path: issuePath, cookie: app.staffCookie, params: { id }, form })
    // The application page's button leads to the confirmation: nothing is numbered, nothing mailed.
    const unconfirmed = await post({})
    expect(unconfirmed.status).toBe(302)
    expect(unconfirmed.headers.get('Location')).toBe(issuePath)
    expect(await listRegister(handle.db, { year: new Date().getFullYear(), type: 'decision' })).toHaveLength(0)
    expect((await mailTo(handle.db, app.owner.email)).filter((m) => m.template === 'document_issued')).toEqual([])
    // It names the document, the organisation, the amount and the people it is mailed to.
    const confirm = await invoke(issueRoute, ctx, { path: issuePath, cookie: app.staffCookie, params: { id } })
    expect(confirm.status).toBe(200)
    expect((await confirm.json()).outcome).toMatchObject({
      kind: 'decision',
      organisation: expect.stringContaining('Cà phê'),
      amount: 450_000_000,
      recipients: [{ email: app.owner.email, fullName: app.owner.fullName }],
    })
    // A confirmation of another document than the one due issues nothing.
    const wrongKind = await post({ confirmed: 'yes', kind: 'notice' })
    expect(wrongKind.status).toBe(409)
    expect((await wrongKind.json()).errors.form.message).toBe('reviewing.confirm.issue.changed')
    expect(await listRegister(handle.db, { year: new Date().getFullYear(), type: 'decision' })).toHaveLength(0)

    // Sent for signature: nothing numbered or mailed to the applicant yet; the director is asked to sign.
    const sent = await post({ confirmed: 'yes', kind: 'decision' })
    expect(sent.status).toBe(302)
    expect(sent.headers.get('Location')).toContain('notice=sent')
    expect(await listRegister(handle.db, { year: new Date().getFullYear(), type: 'decision' })).toHaveLength(0)
    expect((await mailTo(handle.db, app.owner.email)).filter((m) => m.template === 'document_issued')).toEqual([])
    expect((await mailTo(handle.db, app.director.email)).map((m) => m.template)).toContain('signature_requested')
    // Sending again waits on the same request; the confirmation page is gone while it waits.
    await post({ confirmed: 'yes', kind: 'decision' })
    expect(await handle.db.selectFrom('signature_requests').select('id').where('application_id', '=', id).where('kind', '=', 'decision').execute()).toHaveLength(1)
    const gone = await invoke(issueRoute, ctx, { path: issuePath, cookie: app.staffCookie, params: { id } })
    expect(gone.headers.get('Location')).toBe(`/staff/applications/${id}#documents`)

    // The office cannot sign; the director can, with their certificate file and its passphrase.
    const request = await openRequestOf(id)
    expect((await postSigning(request.id, app.staffCookie, { how: 'file', confirmed: 'yes' })).status).toBe(403)
    const key = await directorKeyFile(app.director)
    const signingPage = await (await invoke(signingRoute, ctx, { path: `/signing/${request.id}`, cookie: app.directorCookie, params: { id: request.id } })).json()
    expect(signingPage).toMatchObject({ signer: true, kept: true, request: { kind: 'decision', state: 'pending' } })
    const wrongPass = await postSigning(request.id, app.directorCookie, { how: 'file', passphrase: 'sai-mat-khau', confirmed: 'yes' }, key.p12)
    expect(wrongPass.status).toBe(400)
    expect((await wrongPass.json()).errors.passphrase.message).toBe('signing.e.passphrase')
    const notAKey = await postSigning(request.id, app.directorCookie, { how: 'file', passphrase: key.passphrase, confirmed: 'yes' }, new TextEncoder().encode('not a key'))
    expect((await notAKey.json()).errors.p12.message).toBe('signing.e.format')
    const unconfirmedSign = await postSigning(request.id, app.directorCookie, { how: 'file', passphrase: key.passphrase }, key.p12)
    expect((await unconfirmedSign.json()).errors.confirmed.message).toBe('signing.e.confirm')
    // Someone else's certificate is refused.
    await makeKeys(dataDir, [{ email: 'nguoi.khac@example.vn', name: 'Người Khác' }])
    const other = await readFile(join(dataDir, 'keys', 'signers', 'nguoi.khac@example.vn.p12'))
    const notYours = await postSigning(request.id, app.directorCookie, { how: 'file', passphrase: key.passphrase, confirmed: 'yes' }, other)
    expect((await notYours.json()).errors.p12.message).toBe('signing.e.not_you?name=Ng%C6%B0%E1%BB%9Di%20Kh%C3%A1c')
    // Nothing of that took a number.
    expect(await listRegister(handle.db, { year: new Date().getFullYear(), type: 'decision' })).toHaveLength(0)

    const signed = await postSigning(request.id, app.directorCookie, { how: 'file', passphrase: key.passphrase, confirmed: 'yes' }, key.p12)
    expect(signed.status).toBe(302)
    // One sequence a year for all the Fund's documents: the appraisal's minutes took a number before.
    const [entry] = await listRegister(handle.db, { year: new Date().getFullYear(), type: 'decision' })
    const symbol = entry.symbol
    expect(symbol).toMatch(/^\d{2}\/QĐ-QKHCN$/)
    expect(signed.headers.get('Location')).toBe(`/signing?notice=signed&symbol=${encodeURIComponent(symbol)}`)
    // Signing again does nothing more: the request is closed.
    const twice = await postSigning(request.id, app.directorCookie, { how: 'file', passphrase: key.passphrase, confirmed: 'yes' }, key.p12)
    expect((await twice.json()).errors.form.message).toBe('signing.e.closed')
    // (The appraisal's minutes, issued before the decision, are the application's other document.)
    const docs = await handle.db.selectFrom('documents').selectAll().where('application_id', '=', id).where('kind', '!=', 'appraisal_minutes').execute()
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({ signer_id: app.director.id, signer_name: 'Giám Đốc Thử', signer_capacity: 'GIÁM ĐỐC', verification_code: expect.stringMatching(/^[0-9A-Z]{10}$/) })
    const register = await handle.db.selectFrom('document_register').selectAll().where('doc_type', '!=', 'minutes').execute()
    expect(register.map((r) => r.symbol)).toEqual([symbol])

    const mail = (await mailTo(handle.db, app.owner.email)).find((m) => m.template === 'document_issued')!
    expect(mail.subject).toContain(symbol)
    expect((mail.attachments as { filename: string }[])[0].filename).toBe(`${symbol.replace('/', '-')}.pdf`)

    const page = await (await invoke(applicantPage, ctx, { path: `/applications/${id}`, cookie: app.ownerCookie, params: { id } })).json()
    // The decision, and the appraisal's minutes the applicant may read too.
    expect(page.documents.map((d: { symbol: string }) => d.symbol)[0]).toBe(symbol)
    const download = await invoke(applicantDownload, ctx, { path: `/applications/${id}/documents/${docs[0].id}`, cookie: app.ownerCookie, params: { id, documentId: docs[0].id } })
    expect(download.status).toBe(200)
    const text = await pdfText(new Uint8Array(await download.arrayBuffer()))
    expect(text).toContain(`Số: ${symbol}`)
    expect(text).toContain('450.000.000 đồng')
    expect(text).toContain('Bốn trăm năm mươi triệu đồng')
    expect(text).toContain('Giám Đốc Thử')
    // Two signatures, both valid: the director's, then the Fund's over the whole file (pdfsig, as a reader checks).
    const bytes = new Uint8Array(await (await invoke(applicantDownload, ctx, { path: `/applications/${id}/documents/${docs[0].id}`, cookie: app.ownerCookie, params: { id, documentId: docs[0].id } })).arrayBuffer())
    const { signatures } = await pdfSig(bytes)
    expect(signatures.map((g) => [g.commonName, g.valid])).toEqual([['Giám Đốc Thử', true], [TEST_FUND_NAME, true]])
    expect(signatures[1].totalDocumentSigned).toBe(true)
    // Anyone can check it: by the file, by the code printed under the QR code; an altered copy is called so.
    const code = text.match(/Tra cứu: \S+\/verify\/([0-9A-Z]{5}-[0-9A-Z]{5})/)![1]
    expect(code.replace('-', '')).toBe(docs[0].verification_code)
    expect(await verifyFile(handle.db, bytes)).toMatchObject({ found: true, by: 'file', document: { symbol, signerName: 'Giám Đốc Thử', state: 'valid' } })
    const byCode = await invoke(verifyCodeRoute, ctx, { path: `/verify/${code}`, params: { code: code.toLowerCase() } })
    expect(byCode.status).toBe(200)
    expect((await byCode.json()).result).toMatchObject({ found: true, by: 'code', document: { symbol, kind: 'decision' } })
    const altered = bytes.slice()
    // A byte of the binary comment under the header: the file still opens, but it is not the file that was signed.
    altered[11] ^= 0x01
    expect(await verifyFile(handle.db, altered)).toEqual({ found: false, reason: 'altered' })
    expect(await verifyFile(handle.db, new TextEncoder().encode('%PDF-1.7 nothing'))).toEqual({ found: false, reason: 'unsigned' })

    // Another organisation's member cannot see it.
    const stranger = await createUser(handle.db, { roles: ['applicant'] })
    const refused = await invoke(applicantDownload, ctx, { path: `/applications/${id}/documents/${docs[0].id}`, cookie: await sessionFor(ctx, stranger.id), params: { id, documentId: docs[0].id } })
    expect(refused.status).toBe(404)
  })

  it('issues the notice of not approving with the director’s reasons, numbered as a notice', async () => {
    const app = await decided('reject')
    const id = app.applicationId
    expect((await invoke(issueRoute, ctx, { method: 'POST', path: `/staff/applications/${id}/documents/issue`, cookie: app.staffCookie, params: { id }, form: { confirmed: 'yes', kind: 'notice' } })).status).toBe(302)
    await signAsDirector(app)
    const doc = await handle.db.selectFrom('documents').selectAll().where('application_id', '=', id).executeTakeFirstOrThrow()
    const download = await invoke(applicantDownload, ctx, { path: `/applications/${id}/documents/${doc.id}`, cookie: app.ownerCookie, params: { id, documentId: doc.id } })
    const bytes = new Uint8Array(await download.arrayBuffer())
    const text = await pdfText(bytes)
    // one sequence a year for all the Fund's documents: the decision of the test above took 01
    expect(text).toMatch(/Số: \d{2}\/TB-QKHCN/)
    expect(text).toContain('Kinh phí đối ứng chưa được bảo đảm')
    await expectSignedBy(bytes, app.director.fullName)
  })

  it('issues the request for supplementation while the Fund asks for changes: numbered as a notice, one per request', async () => {
    const owner = { ...(await createUser(handle.db, { roles: ['applicant'] })), fullName: 'Chủ Hồ Sơ' }
    const officer = { ...(await createUser(handle.db, { roles: ['staff'] })), fullName: 'Cán Bộ Kiểm Tra' }
    const draft = await createCompleteDraft(handle.db, ctx.env, owner)
    const sid = draft.applicationId
    const fresh = { owner, staff: officer }
    const version = (await handle.db.selectFrom('applications').select('version').where('id', '=', sid).executeTakeFirstOrThrow()).version
    expect(await applyTransition(handle.db, { applicationId: sid, event: 'submit', actor: owner, as: 'applicant', expectedVersion: version, lang: 'vi' })).toMatchObject({ ok: true })
    expect(await applyTransition(handle.db, { applicationId: sid, event: 'start_screening', actor: officer, as: 'staff', lang: 'vi' })).toMatchObject({ ok: true })
    const ask = await applyTransition(handle.db, {
      applicationId: sid, event: 'request_changes', actor: fresh.staff, as: 'staff', lang: 'vi',
      input: { message: 'Bổ sung báo cáo tài chính năm 2025\nBổ sung cam kết vốn đối ứng', due: '15/12/2030', section_budget: 'on' },
    })
    expect(ask).toMatchObject({ ok: true, status: 'changes_requested' })
    const staffCookie = await sessionFor(ctx, fresh.staff.id)
    const issue = () => invoke(issueRoute, ctx, { method: 'POST', path: `/staff/applications/${sid}/documents/issue`, cookie: staffCookie, params: { id: sid }, form: { confirmed: 'yes', kind: 'supplementation' } })
    expect((await issue()).status).toBe(302)
    expect((await issue()).status).toBe(302)
    const director = await createUser(handle.db, { roles: ['director'], fullName: 'Phó Giám Đốc Ký' })
    const signer = { applicationId: sid, director, directorCookie: await sessionFor(ctx, director.id) }
    await signAsDirector(signer)
    const docs = await handle.db.selectFrom('documents').selectAll().where('application_id', '=', sid).execute()
    expect(docs.map((d) => d.kind)).toEqual(['supplementation'])
    const ownerCookie = await sessionFor(ctx, fresh.owner.id)
    const download = await invoke(applicantDownload, ctx, { path: `/applications/${sid}/documents/${docs[0].id}`, cookie: ownerCookie, params: { id: sid, documentId: docs[0].id } })
    const notice = new Uint8Array(await download.arrayBuffer())
    await expectSignedBy(notice, director.fullName)
    const text = await pdfText(notice)
    expect(text).toMatch(/Số: \d{2}\/TB-QKHCN/)
    expect(text).toContain('Bổ sung báo cáo tài chính năm 2025')
    expect(text).toContain('15/12/2030')
    const mail = (await mailTo(handle.db, fresh.owner.email)).find((m) => m.template === 'document_issued')!
    expect(mail.subject).toContain('Thông báo bổ sung hồ sơ số')
    const staffView = async () => (await invoke(staffPage, ctx, { path: `/staff/applications/${sid}`, cookie: staffCookie, params: { id: sid } })).json()
    expect((await staffView()).pending).toBeNull()

    // Resubmitted, screened again, a second request: a second notice of its own.
    expect(await applyTransition(handle.db, { applicationId: sid, event: 'resubmit', actor: owner, as: 'applicant', lang: 'vi' })).toMatchObject({ ok: true })
    expect(await applyTransition(handle.db, { applicationId: sid, event: 'start_screening', actor: officer, as: 'staff', lang: 'vi' })).toMatchObject({ ok: true })
    expect(
      await applyTransition(handle.db, { applicationId: sid, event: 'request_changes', actor: officer, as: 'staff', lang: 'vi', input: { message: 'Bổ sung hợp đồng thuê đất', due: '20/12/2030', section_attachments: 'on' } }),
    ).toMatchObject({ ok: true })
    expect((await staffView()).pending).toBe('supplementation')
    expect((await issue()).status).toBe(302)
    await signAsDirector(signer)
    const notices = await handle.db.selectFrom('documents as d').innerJoin('document_register as r', 'r.id', 'd.register_id').select('r.symbol').where('d.application_id', '=', sid).orderBy('r.number').execute()
    expect(notices).toHaveLength(2)
    expect(new Set(notices.map((n) => n.symbol)).size).toBe(2)
  })
})
