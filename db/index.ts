import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { PostgresJSDialect } from 'kysely-postgres-js'
import postgres from 'postgres'
import type { Database } from './schema'

export type DatabaseKind = 'pglite' | 'postgresql'
export type DB = Kysely<Database>

export interface DatabaseHandle {
  db: DB
  kind: DatabaseKind
  /** Where the data lives, for people: a folder for PGlite, the server (without password) for PostgreSQL. */
  location: string
  close(): Promise<void>
  /** PGlite only: the whole data directory as a tar archive (backups; tests copy a migrated template). */
  dumpDataDir?: () => Promise<Blob>
}

export interface DatabaseOptions {
  /** A postgres:// URL; without it the embedded PGlite database is used. */
  url?: string
  /** PGlite's data folder (ignored with a URL). */
  dataDir?: string
  /** A PGlite data-dir dump to start from (tests copy a migrated template this way). */
  loadDataDir?: Blob
  /** Maximum pool size for PostgreSQL. */
  max?: number
}

/**
 * The folder of the server's Unix socket when the URL names one as libpq does (`postgres:///fund?host=/var/run/postgresql`,
 * or `postgres://user@localhost/fund?host=/run/postgresql`), and the URL without it: postgres.js reads a socket only
 * from its `host` option, and sends the URL's other parameters to the server as settings.
 */
export function splitUnixSocket(url: string): { url: string; socketDir?: string } {
  const u = new URL(url)
  const host = u.searchParams.get('host')
  if (!host?.startsWith('/')) return { url }
  u.searchParams.delete('host')
  return { url: u.toString(), socketDir: host }
}

/** Opens the portal's database: a real PostgreSQL server when a URL is given, otherwise embedded PGlite. */
export async function createDb(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const { url, socketDir } = splitUnixSocket(options.url)
    const client = postgres(url, {
      ...(socketDir ? { host: socketDir } : {}),
      max: options.max ?? 10,
      // postgres.js otherwise keeps idle connections (and the process) alive forever.
      idle_timeout: 20,
      connect_timeout: 10,
      onnotice: () => {},
      // int8 columns hold whole VND amounts, far below 2^53: read them as numbers on both drivers.
      types: { bigint: { to: 20, from: [20], serialize: (v: number) => String(v), parse: (v: string) => Number(v) } },
    })
    const db = new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: client }) })
    const u = new URL(url)
    return {
      db,
      kind: 'postgresql',
      location: `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}${socketDir ? ` (Unix socket in ${socketDir})` : ''}`,
      close: () => db.destroy(),
    }
  }
  const dir = options.dataDir ? resolve(options.dataDir) : undefined
  if (dir) mkdirSync(dir, { recursive: true })
  const pgOptions = { loadDataDir: options.loadDataDir, parsers: { 20: (v: string) => Number(v) } }
  // PGlite ignores loadDataDir when the data dir argument is given as undefined: pass options alone then.
  const pg = dir ? new PGlite(dir, pgOptions) : new PGlite(pgOptions)
  await pg.waitReady
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pg) })
  return {
    db,
    kind: 'pglite',
    location: dir ?? '(in memory)',
    close: () => db.destroy(),
    dumpDataDir: async () => (await pg.dumpDataDir('none')) as Blob,
  }
}
