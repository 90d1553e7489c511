import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import * as download from '../../app/routes/applications.$id.attachments.$attachmentId'
import * as page from '../../app/routes/applications.$id.attachments'
import { attachmentsComplete } from '../../app/modules/applications'
import { up as cleanStoredNames } from '../../db/migrations/0013_clean_attachment_names'
import { createTestDb } from '../setup/db'
import { APP_URL, auditActions, createUser, invoke, sessionFor, testContext, testEnv } from '../setup/app'
import { createDraftApplication, createOrganisation } from '../setup/applications'
import { DOCX, docxWith, EXE, PDF, PDF_HTML_POLYGLOT, PNG, pdfOfSize, zip } from '../fixtures/files'

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let dataDir: string

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'attachments-test-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

async function person() {
  const user = await createUser(handle.db)
  return { ...user, cookie: await sessionFor(ctx, user.id) }
}

/** A draft with its documents by name: 'registration' (pdf/jpg, 10 MB), 'proposal' (pdf, 20 MB), 'other' (pdf/docx, optional). */
async function draft() {
  const owner = await person()
  const { applicationId, organisationId, call } = await createDraftApplication(handle.db, owner.id)
  const docs = await handle.db.selectFrom('call_documents').select(['id', 'name_vi']).where('call_id', '=', call.id).orderBy('position').execute()
  const [registration, proposal, other] = docs.map((d) => d.id)
  return { owner, applicationId, organisationId, call, docs: { registration, proposal, other } }
}

const path = (applicationId: string) => `/applications/${applicationId}/attachments`

function upload(applicationId: string, cookie: string, documentId: number | string, bytes: Uint8Array, filename = 'thuyet-minh.pdf', headers: Record<string, string> = {}) {
  const body = new FormData()
  body.append('documentId', String(documentId))
  body.append('file', new Blob([new Uint8Array(bytes)]), filename)
  const request = new Request(`${APP_URL}${path(applicationId)}`, { method: 'POST', headers: { Cookie: cookie, ...headers }, body })
  return run(page.action, request, { id: applicationId })
}

async function run(handler: (args: any) => unknown, request: Request, params: Record<string, string>): Promise<Response> {
  try {
    const result = await handler({ request, context: ctx, params })
    return result instanceof Response ? result : Response.json(result ?? null)
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

async function slots(applicationId: string, cookie: string) {
  const res = await invoke(page, ctx, { path: path(applicationId), cookie, params: { id: applicationId } })
  expect(res.status).toBe(200)
  return (await res.json()) as { editable: boolean; complete: boolean; slots: { document: { id: number; mandatory: boolean }; attachment: { id: string; filename: string; size_bytes: number } | null }[] }
}

const rows = (applicationId: string) => handle.db.selectFrom('attachments').selectAll().where('application_id', '=', applicationId).execute()

async function errorOf(res: Response) {
  const body = (await res.json()) as { errors: Record<string, { message: string }> }
  return Object.values(body.errors)[0]?.message
}

describe('attachments', () => {
  it('uploads a PDF, lists it in order with the documents, and records it', async () => {
    const { owner, applicationId, docs } = await draft()
    const res = await upload(applicationId, owner.cookie, docs.proposal, PDF, 'Thuyết minh đề tài.pdf')
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe(`${path(applicationId)}?notice=uploaded&doc=${docs.proposal}`)
    const data = await slots(applicationId, owner.cookie)
    expect(data.slots.map((s) => s.document.id)).toEqual([docs.registration, docs.proposal, docs.other])
    expect(data.slots.map((s) => s.document.mandatory)).toEqual([true, true, false])
    expect(data.slots[1].attachment).toMatchObject({ filename: 'Thuyết minh đề tài.pdf', size_bytes: PDF.length })
    expect(data.slots[0].attachment).toBeNull()
    const [row] = await rows(applicationId)
    expect(row).toMatchObject({ media_type: 'application/pdf', uploaded_by: owner.id, storage_key: `${row.sha256.slice(0, 2)}/${row.sha256}` })
    expect(await auditActions(handle.db, applicationId)).toEqual(['application.attachment_uploaded'])
    expect(data.complete).toBe(false)
  })

  it('replaces a file: one row per document; the other document types are checked by content', async () => {
    const { owner, applicationId, docs } = await draft()
    expect((await upload(applicationId, owner.cookie, docs.other, PDF, 'a.pdf')).status).toBe(302)
    expect((await upload(applicationId, owner.cookie, docs.other, DOCX, 'Phụ lục.docx')).status).toBe(302)
    const list = await rows(applicationId)
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ filename: 'Phụ lục.docx', media_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })
  })

  it('refuses an .exe renamed to .pdf, and a type the document does not accept', async () => {
    const { owner, applicationId, docs } = await draft()
    const exe = await upload(applicationId, owner.cookie, docs.proposal, EXE, 'thuyet-minh.pdf')
    expect(exe.status).toBe(415)
    expect(await errorOf(exe)).toBe('attachments.error.executable?types=PDF')
    const png = await upload(applicationId, owner.cookie, docs.registration, PNG, 'giay-dang-ky.jpg')
    expect(png.status).toBe(415)
    expect(await errorOf(png)).toBe('attachments.error.type?types=PDF%2C+JPG')
    expect(await rows(applicationId)).toHaveLength(0)
    // Nothing refused is kept on disk.
    const stored = await readdir(join(dataDir, 'uploads'), { recursive: true }).catch(() => [])
    expect(stored.filter((f) => String(f).startsWith('tmp/'))).toEqual([])
  })

  it('refuses a file over the document’s limit, and a request over the largest limit before reading it', async () => {
    const { owner, applicationId, docs } = await draft()
    await handle.db.updateTable('call_documents').set({ max_size_mb: 1 }).where('id', '=', docs.other).execute()
    const res = await upload(applicationId, owner.cookie, docs.other, pdfOfSize(1.2 * 1024 * 1024), 'lon.pdf')
    expect(res.status).toBe(413)
    expect(await errorOf(res)).toBe('attachments.error.tooLarge?max=1')
    expect(await rows(applicationId)).toHaveLength(0)
    const huge = await upload(applicationId, owner.cookie, docs.proposal, PDF, 'a.pdf', { 'Content-Length': String(500 * 1024 * 1024) })
    expect(huge.status).toBe(413)
    expect(await errorOf(huge)).toBe('attachments.error.requestTooLarge?max=20')
  })

  it('answers a missing file, a broken body and a plain form with a 4xx', async () => {
    const { owner, applicationId, docs } = await draft()
    const empty = await upload(applicationId, owner.cookie, docs.proposal, new Uint8Array(), '')
    expect(empty.status).toBe(400)
    expect(await errorOf(empty)).toBe('attachments.error.noFile')
    const zero = await upload(applicationId, owner.cookie, docs.proposal, new Uint8Array(), 'rong.pdf')
    expect(zero.status).toBe(400)
    const broken = await run(
      page.action,
      new Request(`${APP_URL}${path(applicationId)}`, { method: 'POST', headers: { Cookie: owner.cookie, 'Content-Type': 'multipart/form-data; boundary=zzz' }, body: '--zzz\r\nbroken' }),
      { id: applicationId },
    )
    expect(broken.status).toBe(400)
    const plain = await invoke(page, ctx, { method: 'POST', path: path(applicationId), cookie: owner.cookie, params: { id: applicationId }, form: { intent: 'upload' } })
    expect(plain.status).toBe(400)
    const noDoc = await upload(applicationId, owner.cookie, 'abc', PDF)
    expect(noDoc.status).toBe(400)
  })

  it('refuses a document of another call with a 404', async () => {
    const { owner, applicationId } = await draft()
    const other = await draft()
    const res = await upload(applicationId, owner.cookie, other.docs.proposal, PDF)
    expect(res.status).toBe(404)
  })

  it('deletes a file while a draft; mandatory documents make it complete', async () => {
    const { owner, applicationId, docs } = await draft()
    await upload(applicationId, owner.cookie, docs.registration, PDF)
    await upload(applicationId, owner.cookie, docs.proposal, PDF)
    expect(await attachmentsComplete(handle.db, applicationId)).toBe(true)
    expect((await slots(applicationId, owner.cookie)).complete).toBe(true)
    const [row] = (await rows(applicationId)).filter((r) => r.call_document_id === docs.registration)
    const res = await invoke(page, ctx, { method: 'POST', path: path(applicationId), cookie: owner.cookie, params: { id: applicationId }, form: { intent: 'delete', attachmentId: row.id, documentId: String(docs.registration) } })
    expect(res.status).toBe(302)
    expect(await rows(applicationId)).toHaveLength(1)
    expect(await attachmentsComplete(handle.db, applicationId)).toBe(false)
    expect(await auditActions(handle.db, applicationId)).toContain('application.attachment_deleted')
    // The other document still has the same content: the shared file stays.
    const [left] = await rows(applicationId)
    const bytes = await invoke(download, ctx, { path: `${path(applicationId)}/${left.id}`, cookie: owner.cookie, params: { id: applicationId, attachmentId: left.id } })
    expect(new Uint8Array(await bytes.arrayBuffer())).toEqual(PDF)
    const again = await invoke(page, ctx, { method: 'POST', path: path(applicationId), cookie: owner.cookie, params: { id: applicationId }, form: { intent: 'delete', attachmentId: row.id } })
    expect(again.status).toBe(404)
  })

  it('stores identical files once', async () => {
    const a = await draft()
    const b = await draft()
    await upload(a.applicationId, a.owner.cookie, a.docs.proposal, PDF)
    await upload(b.applicationId, b.owner.cookie, b.docs.other, PDF)
    const [ra] = await rows(a.applicationId)
    const [rb] = await rows(b.applicationId)
    expect(ra.storage_key).toBe(rb.storage_key)
    const files = (await readdir(join(dataDir, 'uploads', ra.sha256.slice(0, 2)))).filter((f) => f === ra.sha256)
    expect(files).toHaveLength(1)
  })

  it('downloads with safe headers, Vietnamese names intact, and audits each download', async () => {
    const { owner, applicationId, docs } = await draft()
    await upload(applicationId, owner.cookie, docs.proposal, PDF, 'Thuyết minh Đắk Lắk (bản 2).pdf')
    const [row] = await rows(applicationId)
    const res = await invoke(download, ctx, { path: `${path(applicationId)}/${row.id}`, cookie: owner.cookie, params: { id: applicationId, attachmentId: row.id } })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/pdf')
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(res.headers.get('Cache-Control')).toBe('private, no-store')
    const disposition = res.headers.get('Content-Disposition')!
    expect(disposition).toMatch(/^attachment; filename="Thuyet minh Dak Lak \(ban 2\)\.pdf"; filename\*=UTF-8''/)
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('Thuyết minh Đắk Lắk (bản 2).pdf')
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF)
    expect(await auditActions(handle.db, applicationId)).toEqual(['application.attachment_uploaded', 'application.attachment_downloaded'])
  })

  it('gives a user of another organisation a 404 on the page, the upload, the delete and the download', async () => {
    const { owner, applicationId, docs } = await draft()
    await upload(applicationId, owner.cookie, docs.proposal, PDF)
    const [row] = await rows(applicationId)
    const stranger = await person()
    await createOrganisation(handle.db, [{ userId: stranger.id, role: 'owner' }])
    const params = { id: applicationId }
    expect((await invoke(page, ctx, { path: path(applicationId), cookie: stranger.cookie, params })).status).toBe(404)
    expect((await upload(applicationId, stranger.cookie, docs.proposal, PDF)).status).toBe(404)
    expect((await invoke(page, ctx, { method: 'POST', path: path(applicationId), cookie: stranger.cookie, params, form: { intent: 'delete', attachmentId: row.id } })).status).toBe(404)
    expect((await invoke(download, ctx, { path: `${path(applicationId)}/${row.id}`, cookie: stranger.cookie, params: { id: applicationId, attachmentId: row.id } })).status).toBe(404)
    // An attachment of another application under one's own application's address is not found either.
    const mine = await draft()
    expect((await invoke(download, ctx, { path: `${path(mine.applicationId)}/${row.id}`, cookie: mine.owner.cookie, params: { id: mine.applicationId, attachmentId: row.id } })).status).toBe(404)
    expect(await rows(applicationId)).toHaveLength(1)
  })

  it('lets a viewer see and download but not upload or delete (403)', async () => {
    const { owner, applicationId, organisationId, docs } = await draft()
    await upload(applicationId, owner.cookie, docs.proposal, PDF)
    const [row] = await rows(applicationId)
    const viewer = await person()
    await handle.db.insertInto('organisation_members').values({ organisation_id: organisationId, user_id: viewer.id, role: 'viewer' }).execute()
    expect((await slots(applicationId, viewer.cookie)).editable).toBe(false)
    const res = await upload(applicationId, viewer.cookie, docs.registration, PDF)
    expect(res.status).toBe(403)
    expect(await errorOf(res)).toBe('attachments.error.notEditable')
    const del = await invoke(page, ctx, { method: 'POST', path: path(applicationId), cookie: viewer.cookie, params: { id: applicationId }, form: { intent: 'delete', attachmentId: row.id } })
    expect(del.status).toBe(403)
    const get = await invoke(download, ctx, { path: `${path(applicationId)}/${row.id}`, cookie: viewer.cookie, params: { id: applicationId, attachmentId: row.id } })
    expect(get.status).toBe(200)
    await get.arrayBuffer()
    expect(await rows(applicationId)).toHaveLength(1)
  })

  it('refuses uploads and deletions after the deadline', async () => {
    const { owner, applicationId, call, docs } = await draft()
    await upload(applicationId, owner.cookie, docs.proposal, PDF)
    const [row] = await rows(applicationId)
    await handle.db.updateTable('calls').set({ closes_at: new Date(Date.now() - 60_000) }).where('id', '=', call.id).execute()
    expect((await upload(applicationId, owner.cookie, docs.registration, PDF)).status).toBe(403)
    const del = await invoke(page, ctx, { method: 'POST', path: path(applicationId), cookie: owner.cookie, params: { id: applicationId }, form: { intent: 'delete', attachmentId: row.id } })
    expect(del.status).toBe(403)
    expect(await rows(applicationId)).toHaveLength(1)
  })

  it('keeps a name with ";", "=", quotes and Vietnamese letters as the applicant chose it', async () => {
    const { owner, applicationId, docs } = await draft()
    const names = ['bao-cao;final.pdf', 'a=b; filename="x".pdf', 'Báo cáo "cuối" năm; bản=2.pdf']
    const stored = []
    for (const name of names) {
      const res = await upload(applicationId, owner.cookie, docs.proposal, PDF, name)
      expect(res.status, name).toBe(302)
      stored.push((await rows(applicationId))[0].filename)
    }
    // A browser escapes a quote as %22 in the part's header: the name keeps its quotes.
    expect(stored).toEqual(names)
  })

  it('strips bidi overrides and control characters from names, stored and downloaded', async () => {
    const { owner, applicationId, docs } = await draft()
    expect((await upload(applicationId, owner.cookie, docs.proposal, PDF, 'hoa-don\u202Efdp.exe')).status).toBe(302)
    const [row] = await rows(applicationId)
    // Without the override the name reads as it is, and the file is what its content says: a PDF.
    expect(row.filename).toBe('hoa-donfdp.pdf')
    // C1 controls, isolates, marks and embeddings go too; a line break (sent as %0D%0A) becomes a space.
    const res = await upload(applicationId, owner.cookie, docs.proposal, PDF, '\u2066Tho\u0302\u0300ng\u200f\u061c tin\u0085\u2069\r\n\u202ahợp đồng\u202c.pdf')
    expect(res.status).toBe(302)
    // NFC: "Thồng" typed with combining marks is stored composed.
    expect((await rows(applicationId))[0].filename).toBe('Thồng tin hợp đồng.pdf')
  })

  it('cleans the names stored before uploads were cleaned (migration 0013)', async () => {
    const { owner, applicationId, docs } = await draft()
    await upload(applicationId, owner.cookie, docs.proposal, PDF, 'a.pdf')
    await upload(applicationId, owner.cookie, docs.other, PDF, 'b.pdf')
    const [first, second] = await rows(applicationId)
    await handle.db.updateTable('attachments').set({ filename: 'hoa-don\u202Efdp.exe' }).where('id', '=', first.id).execute()
    await handle.db.updateTable('attachments').set({ filename: '\u2066Tho\u0302\u0300ng\u0085\u2069\r\ntin.pdf' }).where('id', '=', second.id).execute()
    await cleanStoredNames(handle.db)
    const names = Object.fromEntries((await rows(applicationId)).map((r) => [r.id, r.filename]))
    expect(names).toEqual({ [first.id]: 'hoa-donfdp.exe', [second.id]: 'Thồng tin.pdf' })
  })

  it('serves a file under the extension of its real type: a PDF named poly.html downloads as poly.pdf, never as a page', async () => {
    const { owner, applicationId, docs } = await draft()
    expect((await upload(applicationId, owner.cookie, docs.proposal, PDF_HTML_POLYGLOT, 'poly.html')).status).toBe(302)
    const [row] = await rows(applicationId)
    expect(row).toMatchObject({ filename: 'poly.pdf', media_type: 'application/pdf' })
    // A row stored before names were corrected is served under the right name all the same.
    await handle.db.updateTable('attachments').set({ filename: 'poly.html\u202E' }).where('id', '=', row.id).execute()
    const res = await invoke(download, ctx, { path: `${path(applicationId)}/${row.id}`, cookie: owner.cookie, params: { id: applicationId, attachmentId: row.id } })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/pdf')
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="poly.pdf"; filename*=UTF-8''poly.pdf`)
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF_HTML_POLYGLOT)
  })

  describe('Office files and zips are opened and checked inside', () => {
    async function refusal(bytes: Uint8Array, filename = 'phu-luc.docx') {
      const { owner, applicationId, docs } = await draft()
      await handle.db.updateTable('call_documents').set({ accepted_types: ['pdf', 'docx', 'zip'] }).where('id', '=', docs.other).execute()
      const res = await upload(applicationId, owner.cookie, docs.other, bytes, filename)
      const stored = await rows(applicationId)
      return { status: res.status, message: res.status === 302 ? null : await errorOf(res), stored }
    }

    it('refuses a .docx that carries programs or scripts, by name or by content', async () => {
      const named = await refusal(docxWith({ 'word/invoice.exe': EXE, 'run.js': 'WScript.Shell' }))
      expect(named).toMatchObject({ status: 415, stored: [] })
      expect(named.message).toBe(`attachments.error.archiveExecutable?${new URLSearchParams({ names: 'invoice.exe, run.js' })}`)
      // A program named like a picture is found by its first bytes.
      const disguised = await refusal(docxWith({ 'word/media/image1.png': EXE }))
      expect(disguised.message).toBe(`attachments.error.archiveExecutable?${new URLSearchParams({ names: 'image1.png' })}`)
      const inZip = await refusal(zip({ 'ho-so/giay-phep.pdf': PDF, 'ho-so/cai-dat.BAT': '@echo off' }, 8), 'ho-so.zip')
      expect(inZip.message).toBe(`attachments.error.archiveExecutable?${new URLSearchParams({ names: 'cai-dat.BAT' })}`)
    })

    it('refuses macros: a VBA project, or a macro-enabled content type', async () => {
      const vba = await refusal(docxWith({ 'word/vbaProject.bin': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]) }))
      expect(vba).toMatchObject({ status: 415, message: 'attachments.error.archiveMacros', stored: [] })
      const macroTypes = zip(
        {
          '[Content_Types].xml':
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
          'word/document.xml': '<w:document/>',
        },
        8,
      )
      expect(await refusal(macroTypes)).toMatchObject({ status: 415, message: 'attachments.error.archiveMacros' })
    })

    it('refuses a file that expands more than 100 times (a zip bomb)', async () => {
      const bomb = await refusal(docxWith({ 'word/media/blank.bmp': new Uint8Array(8 * 1024 * 1024) }))
      expect(bomb).toMatchObject({ status: 415, message: 'attachments.error.archiveBomb', stored: [] })
    })

    it('refuses a damaged or encrypted archive', async () => {
      const truncated = await refusal(DOCX.subarray(0, DOCX.length - 30))
      expect(truncated).toMatchObject({ status: 415, message: 'attachments.error.archiveBroken', stored: [] })
      const encrypted = await refusal(docxWith({ 'word/secret.xml': '<x/>' }, { flags: 1 }))
      expect(encrypted).toMatchObject({ status: 415, message: 'attachments.error.archiveBroken', stored: [] })
    })

    it('accepts a plain Word file and a zip of documents', async () => {
      expect(await refusal(docxWith({ 'word/media/image1.png': PNG, 'docProps/app.xml': '<Properties/>' }))).toMatchObject({ status: 302, message: null })
      expect(await refusal(zip({ 'ho-so/giay-phep.pdf': PDF, 'ho-so/ghi-chu.txt': 'Xin chào' }, 8), 'ho-so.zip')).toMatchObject({ status: 302 })
    })
  })
})
