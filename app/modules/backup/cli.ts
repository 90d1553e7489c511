import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { DatabaseHandle } from '../../../db'
import { BackupError, createBackup, restoreBackup } from './backup'

// `npm run backup -- --out FILE` and `npm run restore -- FILE [--force]` (server/main.ts runs them from the
// build): arguments, the embedded database's lock, and what was done, printed for the person at the console.

type Print = (line: string) => void

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/**
 * PGlite is one process's database: while the portal runs (or after it died without closing it), its folder
 * holds postmaster.pid, and opening it from a second process would corrupt it.
 */
function refuseOpenPglite(env: { DATABASE_URL?: string; DATA_DIR: string }) {
  const pid = join(env.DATA_DIR, 'pglite', 'postmaster.pid')
  if (!env.DATABASE_URL && existsSync(pid)) {
    throw new BackupError(
      `The embedded database (${join(env.DATA_DIR, 'pglite')}) is in use: stop the portal first. If it is not running, it did not shut down cleanly: start it once and stop it with Ctrl+C, then try again.`,
    )
  }
}

function parse(argv: string[], options: ParseArgsConfig['options'], usage: string): { values: Record<string, unknown>; positionals: string[] } {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new BackupError(`${(error as Error).message}\nUsage: ${usage}`)
  }
}

/** `backup --out FILE`: returns the exit status (1 when stored files the database refers to are missing). */
export async function backupCommand(argv: string[], env: { DATABASE_URL?: string; DATA_DIR: string }, open: () => Promise<DatabaseHandle>, print: Print = console.log) {
  const usage = 'npm run backup -- --out FILE'
  const { values, positionals } = parse(argv, { out: { type: 'string' } }, usage)
  if (typeof values.out !== 'string' || !values.out || positionals.length) throw new BackupError(`Which file? Usage: ${usage}`)
  refuseOpenPglite(env)
  const database = await open()
  try {
    const done = await createBackup({ db: database.db, kind: database.kind, dataDir: env.DATA_DIR, out: values.out as string })
    print(`Backup written: ${done.file} (${mb(done.archiveBytes)})`)
    print(`  database: ${database.kind} (${database.location}), schema ${done.schema}: ${done.tables} tables, ${done.rows} rows`)
    print(`  files:    ${done.files} stored files and mail from ${env.DATA_DIR}, ${mb(done.fileBytes)}`)
    if (!done.missing.length) return 0
    print(`WARNING: ${done.missing.length} stored files the database refers to are missing or damaged in ${join(env.DATA_DIR, 'uploads')}:`)
    for (const m of done.missing.slice(0, 20)) print(`  ${m.kind} ${m.key}`)
    return 1
  } finally {
    await database.close()
  }
}

/** `restore FILE [--force]`: returns the exit status. */
export async function restoreCommand(argv: string[], env: { DATABASE_URL?: string; DATA_DIR: string }, open: () => Promise<DatabaseHandle>, print: Print = console.log) {
  const usage = 'npm run restore -- FILE [--force]'
  const { values, positionals } = parse(argv, { force: { type: 'boolean' } }, usage)
  if (positionals.length !== 1) throw new BackupError(`Which archive? Usage: ${usage}`)
  refuseOpenPglite(env)
  const database = await open()
  try {
    const done = await restoreBackup({ db: database.db, dataDir: env.DATA_DIR, file: positionals[0], force: values.force === true })
    print(`Restored ${positionals[0]}`)
    print(`  database: ${database.kind} (${database.location}), schema ${done.schema}: ${done.tables} tables, ${done.rows} rows`)
    if (done.migrated.length) print(`  migrated since the backup: ${done.migrated.join(', ')}`)
    print(`  files:    ${done.files} stored files and mail into ${env.DATA_DIR}, ${mb(done.bytes)}`)
    for (const dir of done.replaced) print(`  the folder it replaced was kept as ${dir} (delete it when you no longer need it)`)
    if (done.missing.length) print(`WARNING: the backup was made while ${done.missing.length} stored files were already missing; their downloads will fail.`)
    return 0
  } finally {
    await database.close()
  }
}
