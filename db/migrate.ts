import { Migrator, type MigrationResultSet } from 'kysely/migration'
import type { DB } from './index'
import { migrations } from './migrations/index'

function migrator(db: DB) {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } })
}

function check(result: MigrationResultSet) {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')
    const message = result.error instanceof Error ? result.error.message : String(result.error)
    throw new Error(`Could not migrate the database${failed ? ` (migration ${failed.migrationName})` : ''}: ${message}`, { cause: result.error })
  }
  return result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? []
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: DB): Promise<string[]> {
  return check(await migrator(db).migrateToLatest())
}

/** Reverts the last migration; returns its name. */
export async function migrateDown(db: DB): Promise<string[]> {
  return check(await migrator(db).migrateDown())
}

/** The name of the newest applied migration, or null on an empty database. */
export async function currentMigration(db: DB): Promise<string | null> {
  const all = await migrator(db).getMigrations()
  const applied = all.filter((m) => m.executedAt)
  return applied.length ? applied[applied.length - 1].name : null
}

export const latestMigration = Object.keys(migrations).at(-1)!

/** Migrates up or down to the named migration (a restore brings the schema to its backup's version first). */
export async function migrateTo(db: DB, name: string): Promise<string[]> {
  return check(await migrator(db).migrateTo(name))
}

/** Whether this version of the portal knows the named migration. */
export const knowsMigration = (name: string) => name in migrations
