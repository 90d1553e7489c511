import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createReadStream, createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import * as applicantAttachment from '../../app/routes/applications.$id.attachments.$attachmentId'
import * as applicantDocument from '../../app/routes/applications.$id.documents.$documentId'
import * as staffAttachment from '../../app/routes/staff.applications.$id.attachments.$attachmentId'
import * as staffDocument from '../../app/routes/staff.applications.$id.documents.$documentId'
import * as healthz from '../../app/routes/healthz'
import { uploadStorage } from '../../app/modules/applications'
import { backupCommand, createBackup, type Manifest, restoreBackup, restoreCommand } from '../../app/modules/backup'
import { readTar, TarWriter } from '../../app/modules/backup/tar'
import { issueOutcome } from '../../app/modules/decisions'
import { deliverDueEmails, fileTransport } from '../../app/modules/notifications'
import { applyTransition, MAIL_ATTACHMENT_RENDERERS } from '../../app/modules/workflow'
import { testSigning } from '../setup/signing'
import { createTestDb } from '../setup/db'
import { createUser, insertFundSettings, invoke, sessionFor, testContext, testEnv } from '../setup/app'
import { createCompleteDraft } from '../setup/applications'

// npm run backup / restore: a portal with submitted applications, an issued notice and mail is backed up,
// wiped, and restored into an empty database and data folder; every file downloads with the same sha256.
// Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.

let source: DatabaseHandle
let target: DatabaseHandle
let work: string
let sourceDir: string
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

interface Download {
  route: 'applicant' | 'staff'
  kind: 'attachment' | 'document'
  applicationId: string
  id: string
  sha256: string
  filename: string
}

let staffId: string
const owners = new Map<string, string>()

beforeAll(async () => {
  source = await createTestDb()
  target = await createTestDb({ migrated: false })
  work = await mkdtemp(join(tmpdir(), 'backup-test-'))
  sourceDir = join(work, 'source')
  const env = testEnv({ DATA_DIR: sourceDir })
  await insertFundSettings(source.db)
  const staff = { ...(await createUser(source.db, { roles: ['staff'] })), fullName: 'Cán Bộ Quỹ' }
  staffId = staff.id
  for (const name of ['Nguyễn Văn Một', 'Trần Thị Hai']) {
    const owner = { ...(await createUser(source.db, { roles: ['applicant'], fullName: name })), fullName: name }
    const draft = await createCompleteDraft(source.db, env, owner)
    owners.set(draft.applicationId, owner.id)
    expect(await applyTransition(source.db, { applicationId: draft.applicationId, event: 'submit', actor: owner, as: 'applicant', lang: 'vi', appUrl: env.APP_URL })).toMatchObject({ ok: true })
  }
  // The second application: screened, changes requested, and the notice asking for them issued (a stored PDF).
  const [, second] = [...owners.keys()]
  expect(await applyTransition(source.db, { applicationId: second, event: 'start_screening', actor: staff, as: 'staff', lang: 'vi' })).toMatchObject({ ok: true })
  const ask = await applyTransition(source.db, {
    applicationId: second, event: 'request_changes', actor: staff, as: 'staff', lang: 'vi',
    input: { message: 'Bổ sung báo cáo tài chính năm 2025', due: '15/12/2030', section_budget: 'on' },
  })
  expect(ask).toMatchObject({ ok: true })
  expect(await issueOutcome(source.db, uploadStorage(env), { applicationId: second, actor: staff, signing: await testSigning(staff, env.APP_URL) })).toMatchObject({ ok: true })
  // The mail goes to the mail folder, as without SMTP (receipts drawn on the way).
  const sent = await deliverDueEmails(source.db, fileTransport(join(sourceDir, 'mail'), 'quy@example.vn'), { maxAttempts: 3, backoffBaseMs: 1000, batchSize: 100, renderers: MAIL_ATTACHMENT_RENDERERS })
  expect(sent.sent).toBeGreaterThan(2)
})

afterAll(async () => {
  await source?.close()
  await target?.close()
  await rm(work, { recursive: true, force: true })
})

/** Every attachment and issued document of the portal, downloaded through the applicant's and the staff's routes. */
async function downloadEverything(handle: DatabaseHandle, dataDir: string): Promise<Download[]> {
  const ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
  const staffCookie = await sessionFor(ctx, staffId)
  const out: Download[] = []
  const attachments = await handle.db.selectFrom('attachments').select(['id', 'application_id']).orderBy('id').execute()
  const documents = await handle.db.selectFrom('documents').select(['id', 'application_id']).where('application_id', 'is not', null).orderBy('id').execute()
  const items = [
    ...attachments.map((a) => ({ kind: 'attachment' as const, id: a.id, applicationId: a.application_id })),
    ...documents.map((d) => ({ kind: 'document' as const, id: d.id, applicationId: d.application_id! })),
  ]
  for (const item of items) {
    const ownerCookie = await sessionFor(ctx, owners.get(item.applicationId)!)
    const params: Record<string, string> = item.kind === 'attachment' ? { id: item.applicationId, attachmentId: item.id } : { id: item.applicationId, documentId: item.id }
    for (const [route, module, cookie] of [
      ['applicant', item.kind === 'attachment' ? applicantAttachment : applicantDocument, ownerCookie],
      ['staff', item.kind === 'attachment' ? staffAttachment : staffDocument, staffCookie],
    ] as const) {
      const res = await invoke(module, ctx, { path: `/${route}/${item.id}`, cookie, params })
      expect(res.status, `${route} ${item.kind} ${item.id}`).toBe(200)
      const filename = decodeURIComponent(res.headers.get('Content-Disposition')!.split("UTF-8''")[1])
      out.push({ route, ...item, sha256: sha256(new Uint8Array(await res.arrayBuffer())), filename })
    }
  }
  return out
}

async function rowCounts(handle: DatabaseHandle) {
  const { rows } = await sql<{ name: string }>`SELECT relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND relkind = 'r' AND relname NOT LIKE 'kysely%' ORDER BY relname`.execute(handle.db)
  const counts: Record<string, number> = {}
  for (const { name } of rows) counts[name] = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(handle.db)).rows[0].n)
  return counts
}

async function entriesOf(archive: string) {
  const entries: { path: string; bytes: Buffer }[] = []
  for await (const entry of readTar(createReadStream(archive).pipe(createGunzip()))) {
    const chunks: Uint8Array[] = []
    for await (const c of entry.content) chunks.push(c)
    entries.push({ path: entry.path, bytes: Buffer.concat(chunks) })
  }
  return entries
}

describe('backup and restore', () => {
  let archive: string
  let before: Download[]

  it('backs up the database, the stored files and the mail in one archive, with a manifest of every file', async () => {
    before = await downloadEverything(source, sourceDir)
    expect(before.filter((d) => d.kind === 'attachment').length).toBeGreaterThanOrEqual(8)
    expect(before.filter((d) => d.kind === 'document')).toHaveLength(2)
    archive = join(work, 'fund.tar.gz')
    const lines: string[] = []
    const status = await backupCommand(['--out', archive], { DATA_DIR: sourceDir }, async () => ({ ...source, close: async () => {} }), (l) => lines.push(l))
    expect(status).toBe(0)
    expect(lines[0]).toMatch(new RegExp(`^Backup written: ${archive.replace(/[.]/g, '\\.')} \\(`))
    expect(lines.join('\n')).toMatch(/\d+ tables, \d+ rows/)

    const entries = await entriesOf(archive)
    const manifest = JSON.parse(entries.at(-1)!.bytes.toString('utf8')) as Manifest
    expect(entries.at(-1)!.path).toBe('manifest.json')
    expect(manifest.database).toMatchObject({ kind: source.kind, schema: (await source.db.selectFrom('kysely_migration' as never).select('name' as never).execute()).map((r) => (r as { name: string }).name).sort().at(-1) })
    // Every file in the archive is in the manifest with its sha256, and the other way round.
    expect(manifest.files.map((f) => f.path).sort()).toEqual(entries.slice(0, -1).map((e) => e.path).sort())
    for (const e of entries.slice(0, -1)) expect(manifest.files.find((f) => f.path === e.path)).toMatchObject({ bytes: e.bytes.length, sha256: sha256(e.bytes) })
    const paths = entries.map((e) => e.path)
    expect(paths.filter((p) => p.startsWith('files/mail/')).length).toBeGreaterThan(2)
    const stored = (await readdir(join(sourceDir, 'uploads'), { recursive: true })).filter((p) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(String(p)))
    expect(stored.length).toBeGreaterThanOrEqual(2)
    expect(paths.filter((p) => p.startsWith('files/uploads/')).sort()).toEqual(stored.map((p) => `files/uploads/${p}`).sort())
    expect(manifest.database.tables.find((t) => t.name === 'applications')?.rows).toBe(2)
    expect(manifest.missing).toEqual([])
  })

  it('restores into a new database (never migrated) and an empty data folder: the same rows, and every file downloads with the same sha256', async () => {
    const restoredDir = join(work, 'restored')
    const lines: string[] = []
    const status = await restoreCommand([archive], { DATA_DIR: restoredDir }, async () => ({ ...target, close: async () => {} }), (l) => lines.push(l))
    expect(status).toBe(0)
    expect(lines.join('\n')).toMatch(/schema \w+: \d+ tables, \d+ rows/)
    expect(lines.join('\n')).toMatch(/\d+ stored files and mail into/)
    expect(await rowCounts(target)).toEqual(await rowCounts(source))
    expect(await downloadEverything(target, restoredDir)).toEqual(before)
    // The mail folder came back file for file.
    const mail = async (dir: string) => Promise.all((await readdir(join(dir, 'mail'))).sort().map(async (f) => [f, sha256(await readFile(join(dir, 'mail', f)))]))
    expect(await mail(restoredDir)).toEqual(await mail(sourceDir))
    // Identities go on after the restored rows: the next audit entry gets a new number.
    const maxId = (await target.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id
    const next = await target.db.insertInto('audit_log').values({ action: 'user.login', actor_id: null, actor_email: null, subject_type: 'user', subject_id: staffId, ip: null, details: {} }).returning('id').executeTakeFirstOrThrow()
    expect(Number(next.id)).toBeGreaterThan(Number(maxId))
    // The audit log is append-only again after the load.
    await expect(sql`DELETE FROM audit_log`.execute(target.db)).rejects.toThrow(/append-only/)
    const health = await invoke(healthz, testContext(target, testEnv({ DATA_DIR: restoredDir })), { path: '/healthz' })
    expect(health.status).toBe(200)
  })

  it('refuses to restore over a database with data or over stored files, unless forced', async () => {
    const emptyDir = join(work, 'empty')
    await expect(restoreBackup({ db: target.db, dataDir: emptyDir, file: archive, force: false })).rejects.toThrow(/^Refused: the database holds data\. .*--force/)
    expect(existsSync(join(emptyDir, 'uploads'))).toBe(false)

    const filesOnly = await createTestDb()
    try {
      const occupied = join(work, 'occupied')
      await mkdir(join(occupied, 'mail'), { recursive: true })
      await writeFile(join(occupied, 'mail', '000001-old.eml'), 'Subject: old\n')
      const untouched = await rowCounts(filesOnly)
      await expect(restoreBackup({ db: filesOnly.db, dataDir: occupied, file: archive, force: false })).rejects.toThrow(`Refused: ${join(occupied, 'mail')} holds files.`)
      expect(await rowCounts(filesOnly)).toEqual(untouched)
    } finally {
      await filesOnly.close()
    }

    // Forced: the data goes, the folders are kept aside, and the backup is there again.
    const restoredDir = join(work, 'restored')
    await createUser(target.db, { roles: ['applicant'] })
    const done = await restoreBackup({ db: target.db, dataDir: restoredDir, file: archive, force: true })
    expect(done.replaced.map((d) => d.replace(/\.replaced-.*$/, ''))).toEqual([join(restoredDir, 'uploads'), join(restoredDir, 'mail')])
    expect(await rowCounts(target)).toEqual(await rowCounts(source))
    expect(await downloadEverything(target, restoredDir)).toEqual(before)
  })

  it('refuses an archive that does not match its manifest, and one that is not an archive', async () => {
    const entries = await entriesOf(archive)
    const tampered = join(work, 'tampered.tar.gz')
    const gzip = createGzip()
    const done = pipeline(gzip, createWriteStream(tampered))
    const tar = new TarWriter(gzip)
    for (const e of entries) {
      const bytes = e.path.startsWith('files/uploads/') ? Buffer.from(e.bytes).fill(0x20, 0, 8) : e.bytes
      await tar.add(e.path, bytes.length, [bytes])
    }
    await tar.end()
    await done
    const fresh = await createTestDb()
    const untouched = await rowCounts(fresh)
    try {
      await expect(restoreBackup({ db: fresh.db, dataDir: join(work, 'fresh'), file: tampered, force: false })).rejects.toThrow(/does not match its manifest/)
      const notArchive = join(work, 'notes.txt')
      await writeFile(notArchive, 'not a backup')
      await expect(restoreBackup({ db: fresh.db, dataDir: join(work, 'fresh'), file: notArchive, force: false })).rejects.toThrow(/not a readable backup archive/)
      expect(existsSync(join(work, 'fresh', 'uploads'))).toBe(false)
      expect(await rowCounts(fresh)).toEqual(untouched)
    } finally {
      await fresh.close()
    }
  })

  it('refuses to open the embedded database of a running portal, and to write over an existing archive', async () => {
    const running = join(work, 'running')
    await mkdir(join(running, 'pglite'), { recursive: true })
    await writeFile(join(running, 'pglite', 'postmaster.pid'), '-42\n')
    const never = async (): Promise<DatabaseHandle> => {
      throw new Error('the database must not be opened')
    }
    await expect(backupCommand(['--out', join(work, 'x.tar.gz')], { DATA_DIR: running }, never)).rejects.toThrow(/is in use: stop the portal first/)
    await expect(restoreCommand([archive], { DATA_DIR: running }, never)).rejects.toThrow(/is in use: stop the portal first/)
    await expect(createBackup({ db: source.db, kind: source.kind, dataDir: sourceDir, out: archive })).rejects.toThrow(/already exists/)
    expect((await stat(archive)).size).toBeGreaterThan(0)
  })
})

describe('/healthz and the stored files', () => {
  it('answers 503 with the reason when the newest stored files are missing or cut short, 200 when they are there', async () => {
    const ctx = testContext(source, testEnv({ DATA_DIR: sourceDir }))
    expect((await invoke(healthz, ctx, { path: '/healthz' })).status).toBe(200)
    const document = await source.db.selectFrom('documents').select('storage_key').orderBy('created_at', 'desc').executeTakeFirstOrThrow()
    const file = join(sourceDir, 'uploads', document.storage_key)
    const bytes = await readFile(file)
    await rm(file)
    const res = await invoke(healthz, ctx, { path: '/healthz' })
    expect(res.status).toBe(503)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(await res.json()).toMatchObject({ status: 'files-missing', reason: expect.stringContaining('1 document'), missing: [{ kind: 'document', count: 1 }] })
    // A file cut short is as broken as a missing one.
    await writeFile(file, bytes.subarray(0, 10))
    expect((await invoke(healthz, ctx, { path: '/healthz' })).status).toBe(503)
    await writeFile(file, bytes)
    expect((await invoke(healthz, ctx, { path: '/healthz' })).status).toBe(200)
  })
})
