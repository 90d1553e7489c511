import { readFile } from 'node:fs/promises'
import postgres from 'postgres'
import { inject } from 'vitest'
import { createDb, type DatabaseHandle } from '../../db'

let counter = 0

/**
 * A database of this test file's own, already migrated: a copy of the run's template, on PGlite or on
 * the PostgreSQL server given by TEST_DATABASE_URL. `{ migrated: false }`: a new database never migrated,
 * as on a new server. Close it in afterAll.
 */
export async function createTestDb(options: { migrated?: boolean } = {}): Promise<DatabaseHandle> {
  const spec = inject('testDb')
  const migrated = options.migrated ?? true
  if (spec.kind === 'pglite') {
    if (!migrated) return createDb({})
    const dump = await readFile(spec.dump)
    return createDb({ loadDataDir: new Blob([new Uint8Array(dump)]) })
  }
  const name = `${spec.prefix}_${process.pid}_${++counter}`
  const admin = postgres(spec.serverUrl, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${migrated ? spec.template : 'template0'}`)
  } finally {
    await admin.end()
  }
  const u = new URL(spec.serverUrl)
  u.pathname = `/${name}`
  const handle = await createDb({ url: u.toString(), max: 4 })
  return {
    ...handle,
    async close() {
      await handle.close()
      const a = postgres(spec.serverUrl, { max: 1, onnotice: () => {} })
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await a.end()
    },
  }
}

/**
 * PGlite runs one transaction at a time, so a test of concurrent writers cannot fail there for a missing row
 * lock or a counter that is not incremented atomically: it only means something on PostgreSQL. Such a test's
 * title says so when it runs on PGlite, and it prints the same once it runs, so a green run is not taken for
 * more than it is.
 */
export function concurrencyTitle(title: string): string {
  return inject('testDb').kind === 'pglite' ? `${title} [PGlite: one transaction at a time — cannot catch a missing lock here; it does on PostgreSQL]` : title
}

export function noteSerialisedOnPglite(what: string): void {
  if (inject('testDb').kind === 'pglite') {
    console.info(`[PGlite] ${what}: PGlite runs one transaction at a time, so this test cannot fail here for a missing lock or a non-atomic counter. It runs with meaning on PostgreSQL (TEST_DATABASE_URL).`)
  }
}

export function databaseKind(): 'pglite' | 'postgresql' {
  return inject('testDb').kind
}
