import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import { sql } from 'kysely'
import type { DatabaseKind, DB } from '../../../db'
import { knowsMigration, migrateTo, migrateToLatest } from '../../../db/migrate'
import { STORAGE_KEY, uploadsDir } from '../applications'
import { databaseInUse, listTables, loadTables, tableRows, wipeTables } from './database'
import { referencedFiles, type StoredFileKind } from './stored-files'
import { ArchiveError, readTar, TarWriter } from './tar'

// One archive holds the portal: the database (every table, as JSON lines), the uploads store (attachments,
// issued documents, bulk ZIPs) and the mail folder (.eml files kept without SMTP), with a manifest of the
// schema version and the size and sha256 of every file in it. See docs/decisions/014-backup-restore.md.

export const MANIFEST_FORMAT = 'daklak-st-fund-portal-backup'
const FORMAT_VERSION = 1

/** A backup or restore refused for a reason the person running it can act on (printed as it is). */
export class BackupError extends Error {}

export interface ManifestFile {
  path: string
  bytes: number
  sha256: string
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT
  formatVersion: number
  createdAt: string
  database: { kind: DatabaseKind; schema: string; migrations: string[]; tables: { name: string; rows: number; path: string }[] }
  /** Every file of the archive but this manifest: the database's tables, then the stored files and mail. */
  files: ManifestFile[]
  /** Files the database refers to that were not in the uploads folder when the backup was made. */
  missing: { kind: StoredFileKind; key: string }[]
}

const mailDir = (dataDir: string) => join(dataDir, 'mail')

/** The folders a backup takes, by their path inside the archive. */
const FOLDERS = (dataDir: string) => [
  { prefix: 'files/uploads', dir: uploadsDir({ DATA_DIR: dataDir }), skip: (rel: string) => rel === 'tmp' || rel.startsWith(`tmp${sep}`) },
  { prefix: 'files/mail', dir: mailDir(dataDir), skip: () => false },
]

/** Every file under `dir` (relative paths, sorted), none if it does not exist. */
async function filesUnder(dir: string, skip: (rel: string) => boolean = () => false): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw error
  })
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((rel) => !skip(rel))
    .sort()
}

const pathInArchive = (prefix: string, rel: string) => `${prefix}/${rel.split(sep).join('/')}`

export interface BackupSummary {
  file: string
  schema: string
  tables: number
  rows: number
  files: number
  /** The stored files' and mail's bytes, before compression. */
  fileBytes: number
  /** The archive's size. */
  archiveBytes: number
  missing: Manifest['missing']
}

/**
 * Writes the backup archive to `out` (refused if it exists): the database read in one snapshot (a running
 * PostgreSQL server may go on serving), then the files. The archive is written beside `out` and renamed into
 * place when complete.
 */
export async function createBackup(input: { db: DB; kind: DatabaseKind; dataDir: string; out: string }): Promise<BackupSummary> {
  const out = resolve(input.out)
  if (existsSync(out)) throw new BackupError(`${out} already exists: choose another file name.`)
  await mkdir(dirname(out), { recursive: true })
  const work = await mkdtemp(join(dirname(out), '.backup-'))
  const partial = join(work, 'archive.tar.gz')
  try {
    // The database, in one snapshot: its tables to files (their sizes must be known before they are archived).
    const snapshot = await input.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`SET TRANSACTION READ ONLY`.execute(trx)
        const { rows: applied } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(trx).catch(() => ({ rows: [] }))
        if (!applied.length) throw new BackupError('The database has no schema yet: there is nothing to back up.')
        const tables: { name: string; rows: number; path: string; file: string }[] = []
        for (const name of await listTables(trx)) {
          const file = join(work, `${name}.jsonl`)
          const sink = createWriteStream(file)
          let rows = 0
          await pipeline(
            (async function* () {
              for await (const line of tableRows(trx, name)) {
                rows++
                yield `${line}\n`
              }
            })(),
            sink,
          )
          tables.push({ name, rows, path: `database/${name}.jsonl`, file })
        }
        return { migrations: applied.map((r) => r.name), tables, referenced: await referencedFiles(trx) }
      })

    const gzip = createGzip()
    const written = pipeline(gzip, createWriteStream(partial, { flags: 'wx' }))
    written.catch(() => {})
    const tar = new TarWriter(gzip)
    const files: ManifestFile[] = []
    const add = async (path: string, file: string) => {
      const { size, mtime } = await stat(file)
      files.push({ path, bytes: size, sha256: await tar.add(path, size, createReadStream(file), mtime) })
    }
    for (const table of snapshot.tables) await add(table.path, table.file)
    for (const folder of FOLDERS(input.dataDir)) {
      for (const rel of await filesUnder(folder.dir, folder.skip)) await add(pathInArchive(folder.prefix, rel), join(folder.dir, rel))
    }
    // A stored file is named after its sha256: one whose content does not match is as lost as a missing one.
    const archived = new Map(files.map((f) => [f.path, f]))
    const missing = snapshot.referenced
      .filter((r) => {
        const file = STORAGE_KEY.test(r.key) ? archived.get(`files/uploads/${r.key}`) : undefined
        return !file || file.bytes !== r.size || file.sha256 !== r.key.slice(3)
      })
      .map(({ kind, key }) => ({ kind, key }))
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      database: {
        kind: input.kind,
        schema: snapshot.migrations.at(-1)!,
        migrations: snapshot.migrations,
        tables: snapshot.tables.map(({ name, rows, path }) => ({ name, rows, path })),
      },
      files,
      missing,
    }
    const manifestBytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`)
    // Last, so that it can give the sha256 of everything before it.
    await tar.add('manifest.json', manifestBytes.length, [manifestBytes])
    await tar.end()
    await written
    await rename(partial, out)
    const stored = files.filter((f) => f.path.startsWith('files/'))
    return {
      file: out,
      schema: manifest.database.schema,
      tables: snapshot.tables.length,
      rows: snapshot.tables.reduce((n, t) => n + t.rows, 0),
      files: stored.length,
      fileBytes: stored.reduce((n, f) => n + f.bytes, 0),
      archiveBytes: (await stat(out)).size,
      missing,
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** Where an archive's entry may go inside the staging folder; anything else is refused. */
function stagedPath(staging: string, path: string): string {
  const allowed =
    path === 'manifest.json' ||
    /^database\/[a-z_][a-z0-9_]*\.jsonl$/.test(path) ||
    /^files\/uploads\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(path) ||
    /^files\/mail\/[\w][\w.-]*$/.test(path)
  if (!allowed) throw new BackupError(`The archive holds an unexpected entry (${path}): it is not a backup of this portal.`)
  return join(staging, ...path.split('/'))
}

/** Unpacks the archive into `staging`, checking every file against the manifest; returns the manifest. */
async function unpack(file: string, staging: string): Promise<Manifest> {
  const seen = new Map<string, ManifestFile>()
  try {
    for await (const entry of readTar(createReadStream(file).pipe(createGunzip()))) {
      const target = stagedPath(staging, entry.path)
      if (seen.has(entry.path)) throw new BackupError(`The archive holds ${entry.path} twice.`)
      await mkdir(dirname(target), { recursive: true })
      const hash = createHash('sha256')
      let bytes = 0
      await pipeline(
        (async function* () {
          for await (const chunk of entry.content) {
            hash.update(chunk)
            bytes += chunk.byteLength
            yield chunk
          }
        })(),
        createWriteStream(target, { flags: 'wx' }),
      )
      seen.set(entry.path, { path: entry.path, bytes, sha256: hash.digest('hex') })
    }
  } catch (error) {
    if (error instanceof ArchiveError || String((error as NodeJS.ErrnoException).code).startsWith('Z_')) {
      throw new BackupError(`${file} is not a readable backup archive: ${(error as Error).message}`)
    }
    throw error
  }
  if (!seen.has('manifest.json')) throw new BackupError(`${file} has no manifest: it is not a complete backup archive.`)
  let manifest: Manifest
  try {
    manifest = JSON.parse(await readFile(join(staging, 'manifest.json'), 'utf8')) as Manifest
  } catch {
    throw new BackupError(`${file} has a manifest that cannot be read: it is not a complete backup archive.`)
  }
  if (manifest?.format !== MANIFEST_FORMAT || manifest.formatVersion !== FORMAT_VERSION) {
    throw new BackupError(`${file} is not a backup of this portal (or of a format this version does not read).`)
  }
  const damaged = manifest.files.filter((f) => {
    const found = seen.get(f.path)
    return !found || found.bytes !== f.bytes || found.sha256 !== f.sha256
  })
  const extra = [...seen.keys()].filter((p) => p !== 'manifest.json' && !manifest.files.some((f) => f.path === p))
  if (damaged.length || extra.length) {
    throw new BackupError(`The archive does not match its manifest (${damaged.length} files missing or damaged, ${extra.length} not listed): it was not restored.`)
  }
  return manifest
}

/** True when the folder holds a file (not counting the uploads' temporary folder). */
const holdsFiles = async (dir: string, skip?: (rel: string) => boolean) => (await filesUnder(dir, skip)).length > 0

async function* linesOf(file: string): AsyncGenerator<string> {
  let rest = ''
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
    const lines = (rest + chunk).split('\n')
    rest = lines.pop()!
    for (const line of lines) if (line) yield line
  }
  if (rest) yield rest
}

export interface RestoreSummary {
  schema: string
  /** Migrations applied after the load, when the backup was made by an older version. */
  migrated: string[]
  tables: number
  rows: number
  files: number
  bytes: number
  /** Folders moved aside by --force (kept until someone deletes them). */
  replaced: string[]
  missing: Manifest['missing']
}

/**
 * Restores an archive into this database and data folder. Refused over a database in use (accounts, the
 * fund, calls, applications), or over
 * stored files or mail, unless `force`: then the database is emptied and the two folders are moved aside
 * (`uploads.replaced-…`), not deleted. Everything is unpacked and checked before anything is changed; the
 * rows go in in one transaction.
 */
export async function restoreBackup(input: { db: DB; dataDir: string; file: string; force: boolean }): Promise<RestoreSummary> {
  const file = resolve(input.file)
  if (!existsSync(file)) throw new BackupError(`${file} does not exist.`)
  const dataDir = resolve(input.dataDir)
  const folders = FOLDERS(dataDir)
  const inUse = await databaseInUse(input.db)
  const occupied = []
  for (const folder of folders) if (await holdsFiles(folder.dir, folder.skip)) occupied.push(folder.dir)
  if (!input.force && (inUse || occupied.length)) {
    const what = [inUse ? 'the database holds data' : null, ...occupied.map((dir) => `${dir} holds files`)].filter(Boolean).join('; ')
    throw new BackupError(`Refused: ${what}. Restore into an empty database and data folder, or add --force to replace them.`)
  }

  await mkdir(dataDir, { recursive: true })
  const stamp = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`
  const staging = join(dataDir, `.restore-${stamp}`)
  try {
    const manifest = await unpack(file, staging)
    const { schema } = manifest.database
    if (!knowsMigration(schema)) {
      throw new BackupError(`The backup's schema (${schema}) is newer than this version of the portal knows: restore it with the version that made it, or a newer one.`)
    }
    const current = (await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(input.db).catch(() => ({ rows: [] }))).rows[0]?.name
    // A database at another version is emptied before its schema is moved to the backup's.
    if (current && current !== schema && inUse) await input.db.transaction().execute((trx) => wipeTables(trx))
    await migrateTo(input.db, schema)
    const tables = manifest.database.tables.map((t) => ({ name: t.name, lines: () => linesOf(join(staging, ...t.path.split('/'))) }))
    const counts = await input.db.transaction().execute((trx) => loadTables(trx, tables))
    const migrated = await migrateToLatest(input.db)

    const replaced: string[] = []
    for (const folder of folders) {
      if (await holdsFiles(folder.dir, folder.skip)) {
        const aside = `${folder.dir}.replaced-${stamp}`
        await rename(folder.dir, aside)
        replaced.push(aside)
      } else await rm(folder.dir, { recursive: true, force: true })
      const unpacked = join(staging, ...folder.prefix.split('/'))
      if (existsSync(unpacked)) await rename(unpacked, folder.dir)
    }
    const stored = manifest.files.filter((f) => f.path.startsWith('files/'))
    return {
      schema,
      migrated,
      tables: Object.keys(counts).length,
      rows: Object.values(counts).reduce((n, c) => n + c, 0),
      files: stored.length,
      bytes: stored.reduce((n, f) => n + f.bytes, 0),
      replaced,
      missing: manifest.missing,
    }
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}
