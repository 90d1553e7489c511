import { writeFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import postgres from 'postgres'
import { createDb } from '../../db'
import { migrateToLatest } from '../../db/migrate'

/**
 * Migrates one database for the whole run; each test file then starts from a copy of it.
 * - PGlite (default): a migrated data dir is dumped to a file; files load it (≈1 s instead of 5 s).
 * - PostgreSQL (TEST_DATABASE_URL): a fresh template database per run; files clone it with
 *   CREATE DATABASE … TEMPLATE; all of them are dropped at the end.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL
  const run = `fund_test_${process.pid}_${Date.now().toString(36)}`
  if (serverUrl) {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
    await admin.unsafe(`CREATE DATABASE ${run}_tpl`)
    const tplUrl = withDatabase(serverUrl, `${run}_tpl`)
    const handle = await createDb({ url: tplUrl, max: 1 })
    await migrateToLatest(handle.db)
    await handle.close()
    project.provide('testDb', { kind: 'postgresql', serverUrl, template: `${run}_tpl`, prefix: run })
    return async () => {
      const dbs = await admin<{ datname: string }[]>`SELECT datname FROM pg_database WHERE datname LIKE ${`${run}%`}`
      for (const { datname } of dbs) await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`)
      await admin.end()
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'fund-test-'))
  const handle = await createDb({})
  await migrateToLatest(handle.db)
  const dump = await handle.dumpDataDir!()
  const file = join(dir, 'migrated.tar')
  await writeFile(file, Buffer.from(await dump.arrayBuffer()))
  await handle.close()
  project.provide('testDb', { kind: 'pglite', dump: file })
  return async () => {
    await rm(dir, { recursive: true, force: true })
  }
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDb:
      | { kind: 'pglite'; dump: string }
      | { kind: 'postgresql'; serverUrl: string; template: string; prefix: string }
  }
}
