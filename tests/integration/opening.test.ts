import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import * as openingRoute from '../../app/routes/staff.calls.$id_.opening'
import * as signingRoute from '../../app/routes/signing.$id._index'
import * as signingList from '../../app/routes/signing._index'
import { verifyCode, verifyFile } from '../../app/modules/decisions'
import { uploadStorage } from '../../app/modules/applications'
import { pdfLines, pdfSig } from '../../app/modules/documents/layout/pdf-check'
import { issueOpeningRecord, previewOpeningRecord } from '../../app/modules/screening/opening'
import { createTestDb } from '../setup/db'
import { createUser, insertFundSettings, invoke, sessionFor, testContext, testEnv } from '../setup/app'
import { createEligibleApplication } from '../setup/review'
import { makeKeys, TEST_FUND_NAME, testSigning } from '../setup/signing'

// The dossier-opening record (biên bản mở hồ sơ, Circular 20/2023 Art. 7): once the call has closed the office
// sends it for signature from the call's page; the director signs it and only then is it numbered by the
// register, signed by them and by the Fund, listing every dossier received — once.

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let dataDir: string

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'opening-test-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
  await insertFundSettings(handle.db)
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

describe('the dossier-opening record', () => {
  it('is refused while the call is open, then signed by the director: numbered once, two valid signatures, checkable by its code', async () => {
    const first = await createEligibleApplication(handle.db, ctx.env)
    const second = await createEligibleApplication(handle.db, ctx.env, { callId: first.callId })
    const refs = await handle.db.selectFrom('applications').select('reference').where('call_id', '=', first.callId).orderBy('submitted_at').execute()
    const staff = await createUser(handle.db, { roles: ['staff'] })
    const cookie = await sessionFor(ctx, staff.id)
    const post = () => invoke(openingRoute, ctx, { method: 'POST', path: `/staff/calls/${first.callId}/opening`, cookie, params: { id: first.callId }, form: {} })

    // Still open: no record, no number.
    expect(await previewOpeningRecord(handle.db, first.callId)).toBeNull()
    expect((await post()).status).toBe(409)
    expect(await handle.db.selectFrom('document_register').select('id').execute()).toHaveLength(0)

    // Closed an hour ago (the grace minutes passed too).
    await handle.db.updateTable('calls').set({ closes_at: new Date(Date.now() - 3_600_000), grace_minutes: 0 }).where('id', '=', first.callId).execute()
    const preview = (await pdfLines((await previewOpeningRecord(handle.db, first.callId))!)).join(' ').replace(/\s+/g, ' ')
    expect(preview).toContain('BIÊN BẢN')
    expect(preview).toContain('Số hồ sơ đã nhận: 2')
    // A reference may wrap in its narrow column: compared without the spaces.
    for (const r of refs) expect(preview.replace(/\s+/g, '')).toContain(r.reference!)
    expect(preview).toContain('7 ngày làm việc kể từ ngày kết thúc tiếp nhận')
    expect(preview).not.toMatch(/Số: \d+\/BB/)

    // The office sends it for signature: nothing is numbered until the director signs.
    const sent = await post()
    expect(sent.status).toBe(302)
    expect(sent.headers.get('Location')).toBe(`/staff/calls/${first.callId}?notice=opening`)
    expect((await post()).status).toBe(302) // sent twice: the same request
    const waiting = await handle.db.selectFrom('signature_requests').select(['id', 'kind', 'call_id', 'application_id', 'council_id', 'signer_id']).where('state', '=', 'pending').execute()
    expect(waiting).toEqual([{ id: expect.any(String), kind: 'opening_record', call_id: first.callId, application_id: null, council_id: null, signer_id: null }])
    expect(await handle.db.selectFrom('document_register').select('id').execute()).toHaveLength(0)

    // It waits on the director's list; they sign it at /signing/:id with the key kept for them.
    const director = await createUser(handle.db, { roles: ['director'], fullName: 'Giám Đốc Mở Hồ Sơ' })
    await makeKeys(dataDir, [{ email: director.email, name: director.fullName }])
    const directorCookie = await sessionFor(ctx, director.id)
    const list = await (await invoke(signingList, ctx, { path: '/signing', cookie: directorCookie })).json()
    expect(list.requests.map((r: { id: string; kind: string }) => [r.id, r.kind])).toEqual([[waiting[0].id, 'opening_record']])
    const body = new FormData()
    body.set('how', 'kept')
    body.set('confirmed', 'yes')
    const signed = await invoke(signingRoute, ctx, { method: 'POST', path: `/signing/${waiting[0].id}`, cookie: directorCookie, params: { id: waiting[0].id }, body })
    expect(signed.status).toBe(302)

    const register = await handle.db.selectFrom('document_register').select(['symbol', 'subject_id']).execute()
    expect(register).toEqual([{ symbol: expect.stringMatching(/^01\/BB-/), subject_id: first.callId }])
    const file = await invoke(openingRoute, ctx, { path: `/staff/calls/${first.callId}/opening`, cookie, params: { id: first.callId } })
    expect(file.status).toBe(200)
    const bytes = new Uint8Array(await file.arrayBuffer())
    // Two valid signatures: the director's, then the Fund's over the whole file; a changed byte breaks both.
    const { signatures } = await pdfSig(bytes)
    expect(signatures.map((g) => [g.commonName, g.valid, g.totalDocumentSigned])).toEqual([
      [director.fullName, true, false],
      [TEST_FUND_NAME, true, true],
    ])
    const altered = bytes.slice()
    altered[11] ^= 0x01
    expect((await pdfSig(altered)).signatures.map((g) => g.valid)).toEqual([false, false])
    const text = (await pdfLines(bytes)).join(' ').replace(/\s+/g, ' ')
    expect(text).toContain(`Số: ${register[0].symbol}`)
    expect(text).toContain('Số hồ sơ đã nhận: 2')
    expect(text).toContain('GIÁM ĐỐC')
    expect(text).toContain(director.fullName)
    // Anyone can check it by the code printed under its QR code, or by the file itself.
    const code = /verify\/([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(text)?.[1]
    expect(code).toBeTruthy()
    expect(await verifyCode(handle.db, code!)).toMatchObject({ found: true, document: { symbol: register[0].symbol, kind: 'opening_record', signerName: director.fullName, state: 'valid' } })
    expect(await verifyFile(handle.db, bytes)).toMatchObject({ found: true, by: 'file' })
    expect(await verifyFile(handle.db, altered)).toEqual({ found: false, reason: 'altered' })
    // Issued once: another request is refused, and issuing again gives the same document.
    expect((await post()).status).toBe(409)
    expect(await issueOpeningRecord(handle.db, uploadStorage(ctx.env), { callId: first.callId, actor: staff, signing: await testSigning(director) })).toMatchObject({ ok: true, already: true })
    expect(second.callId).toBe(first.callId)
  }, 60_000)
})
