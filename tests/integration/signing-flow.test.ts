import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import * as adminSigning from '../../app/routes/admin.signing'
import * as issueRoute from '../../app/routes/staff.applications.$id.documents.issue'
import * as signingRoute from '../../app/routes/signing.$id._index'
import * as signingList from '../../app/routes/signing._index'
import { uploadStorage } from '../../app/modules/applications'
import { cancelNumber, listRegister, openSignatureRequest, signRequest, verifyCode, verifyFile } from '../../app/modules/decisions'
import { pdfLines } from '../../app/modules/documents/layout/pdf-check'
import { demoSealImage, demoSignatureImage } from '../../app/modules/signing'
import { applyTransition } from '../../app/modules/workflow'
import { createTestDb } from '../setup/db'
import { createUser, insertFundSettings, invoke, sessionFor, testContext, testEnv } from '../setup/app'
import { concludeOnCouncil, createEligibleApplication, reviseAndAppraise } from '../setup/review'
import { makeKeys, testSigning } from '../setup/signing'

// What can go wrong between "send for signature" and the signed file, and how the Fund sets up who signs.

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let dataDir: string

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'signing-flow-test-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
  await insertFundSettings(handle.db)
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

const year = () => new Date().getFullYear()

/** A stored file's bytes. */
async function stored(key: string): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  for await (const c of uploadStorage(ctx.env).get(key)) chunks.push(c as Buffer)
  return new Uint8Array(Buffer.concat(chunks))
}

/** An approved application whose decision the office has sent for signature; its director has a kept key. */
async function waitingDecision(directorName = 'Giám Đốc Ký') {
  const app = await createEligibleApplication(handle.db, ctx.env)
  const director = await createUser(handle.db, { roles: ['director'], fullName: directorName })
  await concludeOnCouncil(handle.db, { applicationId: app.applicationId, staff: app.staff })
  await reviseAndAppraise(handle.db, ctx.env, app)
  expect(await applyTransition(handle.db, { applicationId: app.applicationId, event: 'approve', actor: director, as: 'director', input: { amount: '300.000.000' }, lang: 'vi' })).toMatchObject({ ok: true })
  const staffCookie = await sessionFor(ctx, app.staff.id)
  const sent = await invoke(issueRoute, ctx, { method: 'POST', path: `/staff/applications/${app.applicationId}/documents/issue`, cookie: staffCookie, params: { id: app.applicationId }, form: { confirmed: 'yes', kind: 'decision' } })
  expect(sent.status).toBe(302)
  await makeKeys(dataDir, [{ email: director.email, name: directorName }])
  const request = (await openSignatureRequest(handle.db, { applicationId: app.applicationId }))!
  return { ...app, director, directorCookie: await sessionFor(ctx, director.id), staffCookie, request }
}

function postMultipart(route: typeof signingRoute | typeof adminSigning, path: string, cookie: string, params: Record<string, string>, fields: Record<string, string>, files: Record<string, Uint8Array> = {}) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.set(k, v)
  for (const [k, v] of Object.entries(files)) body.set(k, new Blob([new Uint8Array(v)]), `${k}.bin`)
  return invoke(route, ctx, { method: 'POST', path, cookie, params, body })
}

const sign = (w: Awaited<ReturnType<typeof waitingDecision>>) =>
  postMultipart(signingRoute, `/signing/${w.request.id}`, w.directorCookie, { id: w.request.id }, { how: 'kept', confirmed: 'yes' })

describe('signing a document', () => {
  it('lists what waits for the director, not for the office, and the office can take it back', async () => {
    const w = await waitingDecision()
    const mine = await (await invoke(signingList, ctx, { path: '/signing', cookie: w.directorCookie })).json()
    expect(mine.requests.map((r: { id: string }) => r.id)).toContain(w.request.id)
    const office = await (await invoke(signingList, ctx, { path: '/signing', cookie: w.staffCookie })).json()
    expect(office.requests).toEqual([])
    // Taken back: it waits for nobody and cannot be signed; the office may send it again.
    const back = await invoke(signingRoute, ctx, { method: 'POST', path: `/signing/${w.request.id}`, cookie: w.staffCookie, params: { id: w.request.id }, form: { intent: 'withdraw' } })
    expect(back.status).toBe(302)
    expect((await (await sign(w)).json()).errors.form.message).toBe('signing.e.closed')
    expect(await listRegister(handle.db, { year: year(), type: 'decision' })).toEqual([])
    expect(await openSignatureRequest(handle.db, { applicationId: w.applicationId })).toBeNull()
    // An applicant cannot even see it.
    const stranger = await createUser(handle.db, { roles: ['applicant'] })
    expect((await invoke(signingRoute, ctx, { path: `/signing/${w.request.id}`, cookie: await sessionFor(ctx, stranger.id), params: { id: w.request.id } })).status).toBe(403)
  })

  it('takes no number when a key fails: the Fund’s key missing, or a signer whose signing throws', async () => {
    const again = await waitingDecision('Giám Đốc Lỗi')
    const broken = testContext(handle, testEnv({ DATA_DIR: dataDir, FUND_SIGNING_P12: join(dataDir, 'no-such.p12'), FUND_SIGNING_PASSPHRASE: 'x' }))
    const failed = await (async () => {
      const body = new FormData()
      body.set('how', 'kept')
      body.set('confirmed', 'yes')
      return invoke(signingRoute, broken, { method: 'POST', path: `/signing/${again.request.id}`, cookie: again.directorCookie, params: { id: again.request.id }, body })
    })()
    expect(failed.status).toBe(503)
    expect((await failed.json()).errors.form.message).toBe('signing.e.fund_key')
    const before = (await listRegister(handle.db, { year: year() })).length
    // A signer whose key fails mid-way (a token pulled out): the transaction rolls back, no number is taken.
    const good = await testSigning(again.director)
    const failing = { ...good.party, signer: { ...good.party.signer, certificates: () => good.party.signer.certificates(), sign: async () => Promise.reject(new Error('token removed')) } }
    await expect(signRequest(handle.db, uploadStorage(ctx.env), { requestId: again.request.id, user: again.director, party: failing, fund: good.fund, appUrl: good.appUrl })).rejects.toThrow('token removed')
    expect((await listRegister(handle.db, { year: year() })).length).toBe(before)
    expect((await openSignatureRequest(handle.db, { applicationId: again.applicationId }))?.id).toBe(again.request.id)
    // Then signed for real: the next number, no gap.
    expect((await sign(again)).status).toBe(302)
    // One sequence a year for all the Fund's documents: no number was lost to the failures.
    const numbers = (await listRegister(handle.db, { year: year() })).map((r) => r.number).sort((a, b) => a - b)
    expect(numbers).toEqual(numbers.map((_, i) => i + 1))
  })

  it('withdraws a request whose application moved on, taking no number', async () => {
    const w = await waitingDecision('Giám Đốc Ba')
    // The approval is cancelled before the director signs (the director cancels the task).
    expect(await applyTransition(handle.db, { applicationId: w.applicationId, event: 'cancel', actor: w.director, as: 'director', input: { reasons: 'Tổ chức chủ trì xin dừng.' }, lang: 'vi' })).toMatchObject({ ok: true })
    const before = (await listRegister(handle.db, { year: year() })).length
    const res = await sign(w)
    expect(res.status).toBe(409)
    expect((await res.json()).errors.form.message).toBe('signing.e.changed')
    expect((await listRegister(handle.db, { year: year() })).length).toBe(before)
    expect(await openSignatureRequest(handle.db, { applicationId: w.applicationId })).toBeNull()
  })

  it('tells /verify when a document was cancelled, and which one replaced it', async () => {
    const w = await waitingDecision('Giám Đốc Bốn')
    expect((await sign(w)).status).toBe(302)
    const first = await handle.db.selectFrom('documents').selectAll().where('application_id', '=', w.applicationId).where('kind', '=', 'decision').executeTakeFirstOrThrow()
    const bytes = await stored(first.storage_key)
    expect(await verifyFile(handle.db, bytes)).toMatchObject({ found: true, document: { state: 'valid' } })
    const entry = (await handle.db.selectFrom('document_register').select('id').where('id', '=', first.register_id!).executeTakeFirstOrThrow()).id
    expect(await cancelNumber(handle.db, { id: entry, reason: 'Sai số tiền', actor: w.staff })).toEqual({ ok: true })
    expect(await verifyCode(handle.db, first.verification_code!)).toMatchObject({ found: true, document: { state: 'cancelled' } })
    // Issued again under a new number: the old one now says which replaced it.
    const sent = await invoke(issueRoute, ctx, { method: 'POST', path: `/staff/applications/${w.applicationId}/documents/issue`, cookie: w.staffCookie, params: { id: w.applicationId }, form: { confirmed: 'yes', kind: 'decision' } })
    expect(sent.status).toBe(302)
    const second = (await openSignatureRequest(handle.db, { applicationId: w.applicationId }))!
    expect((await postMultipart(signingRoute, `/signing/${second.id}`, w.directorCookie, { id: second.id }, { how: 'kept', confirmed: 'yes' })).status).toBe(302)
    const replacement = await handle.db.selectFrom('documents as d').innerJoin('document_register as r', 'r.id', 'd.register_id').select('r.symbol').where('d.application_id', '=', w.applicationId).where('d.kind', '=', 'decision').where('r.state', '=', 'issued').executeTakeFirstOrThrow()
    expect(await verifyCode(handle.db, first.verification_code!.toLowerCase())).toMatchObject({ found: true, document: { state: 'replaced', replacedBy: replacement.symbol } })
    expect(await verifyCode(handle.db, 'ABCDE')).toEqual({ found: false, reason: 'bad_code' })
    expect(await verifyCode(handle.db, 'ZZZZZ-ZZZZZ')).toEqual({ found: false, reason: 'unknown' })
  })
})

describe('how the Fund signs, set by the administrator', () => {
  it('stores a deputy’s capacity, authority line and signature image, refuses what is not a PNG, and the next document prints them', async () => {
    const admin = await createUser(handle.db, { roles: ['admin'] })
    const cookie = await sessionFor(ctx, admin.id)
    const w = await waitingDecision('Phó Giám Đốc Ký Thay')
    const page = await (await invoke(adminSigning, ctx, { path: '/admin/signing', cookie })).json()
    expect(page.fund).toMatchObject({ demo: true })
    expect(page.signers.map((s: { fullName: string }) => s.fullName)).toContain('Phó Giám Đốc Ký Thay')
    const notPng = await postMultipart(adminSigning, '/admin/signing', cookie, {}, { userId: w.director.id, capacity: 'Phó Giám đốc', authority: 'KT. Giám đốc' }, { image: new TextEncoder().encode('GIF89a…') })
    expect(notPng.status).toBe(400)
    expect((await notPng.json()).errors[`image-${w.director.id}`].message).toBe('signers.v.image.not_png')
    const saved = await postMultipart(adminSigning, '/admin/signing', cookie, {}, { userId: w.director.id, capacity: 'Phó Giám đốc', authority: 'KT. Giám đốc' }, { image: await demoSignatureImage() })
    expect(saved.status).toBe(302)
    expect((await postMultipart(adminSigning, '/admin/signing', cookie, {}, { intent: 'seal' }, { seal: await demoSealImage() })).status).toBe(302)
    expect((await sign(w)).status).toBe(302)
    const doc = await handle.db.selectFrom('documents').selectAll().where('application_id', '=', w.applicationId).where('kind', '=', 'decision').executeTakeFirstOrThrow()
    expect(doc).toMatchObject({ signer_name: 'Phó Giám Đốc Ký Thay', signer_capacity: 'KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC' })
    const text = (await pdfLines(await stored(doc.storage_key))).join('\n')
    expect(text).toContain('KT. GIÁM ĐỐC')
    expect(text).toContain('PHÓ GIÁM ĐỐC')
    expect(text).toContain('Phó Giám Đốc Ký Thay')
  })
})
