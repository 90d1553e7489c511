import { sql } from 'kysely'
import type { DB } from '../../../db'

// The database as data, not as files of one PostgreSQL version: every table's rows as PostgreSQL itself
// writes them in JSON (to_json: exact numbers, timestamps with their offset, bytea in hex), one row a line,
// and read back by PostgreSQL (json_populate_recordset) into the same schema version. The same on PGlite and
// on a server, whatever their versions (docs/decisions/014-backup-restore.md).

/** The migrator's own tables: the schema version is recreated by migrating, not copied. */
const MIGRATOR_TABLES = /^kysely_migration/

/** The portal's tables in the current schema, by name. */
export async function listTables(db: DB): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname
  `.execute(db)
  return rows.map((r) => r.name).filter((name) => !MIGRATOR_TABLES.test(name))
}

/** Tables that only people fill: the migrations' own rows (wards, holidays, default rubrics) do not count. */
const IN_USE_TABLES = ['users', 'fund_settings', 'organisations', 'calls', 'applications']

/** True when the database holds what people made: an account, the fund's settings, a call, an application. */
export async function databaseInUse(db: DB): Promise<boolean> {
  const present = new Set(await listTables(db))
  for (const table of IN_USE_TABLES.filter((t) => present.has(t))) {
    const { rows } = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(table)}) AS any`.execute(db)
    if (rows[0].any) return true
  }
  return false
}

/**
 * Every row of a table as one line of JSON each, read through a cursor in batches (a table never sits whole
 * in memory). Runs in the caller's transaction, whose snapshot makes all tables agree.
 */
export async function* tableRows(trx: DB, table: string, batch = 500): AsyncGenerator<string> {
  await sql`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT to_json(t)::text AS row FROM ${sql.table(table)} t`.execute(trx)
  try {
    for (;;) {
      const { rows } = await sql<{ row: string }>`FETCH ${sql.raw(String(batch))} FROM backup_rows`.execute(trx)
      if (!rows.length) return
      for (const r of rows) yield r.row
    }
  } finally {
    await sql`CLOSE backup_rows`.execute(trx)
  }
}

interface ForeignKey {
  table: string
  name: string
  definition: string
}

async function foreignKeys(trx: DB): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    SELECT cl.relname AS table, co.conname AS name, pg_get_constraintdef(co.oid) AS definition
    FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
    WHERE co.contype = 'f' AND n.nspname = current_schema()
    ORDER BY cl.relname, co.conname
  `.execute(trx)
  return rows
}

/** The columns a row can be given (not the computed ones), in table order. */
async function insertableColumns(trx: DB, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT a.attname AS name FROM pg_attribute a
    WHERE a.attrelid = quote_ident(${table})::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    ORDER BY a.attnum
  `.execute(trx)
  return rows.map((r) => r.name)
}

/** Sequences behind identity and serial columns continue after the highest value restored. */
async function resetSequences(trx: DB) {
  const { rows } = await sql<{ table: string; column: string }>`
    SELECT table_name AS table, column_name AS column FROM information_schema.columns
    WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
  `.execute(trx)
  for (const { table, column } of rows) {
    if (MIGRATOR_TABLES.test(table)) continue
    await sql`
      SELECT setval(pg_get_serial_sequence(${table}, ${column}), coalesce(max(${sql.ref(column)}), 1), max(${sql.ref(column)}) IS NOT NULL)
      FROM ${sql.table(table)}
    `.execute(trx)
  }
}

async function truncateAll(trx: DB, tables: string[]) {
  if (tables.length) await sql`TRUNCATE ${sql.join(tables.map((t) => sql.table(t)))} RESTART IDENTITY CASCADE`.execute(trx)
}

/** Empties every table (the audit log's guard against TRUNCATE is a trigger of its own: off meanwhile). */
export async function wipeTables(trx: DB) {
  const tables = await listTables(trx)
  for (const table of tables) await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER USER`.execute(trx)
  await truncateAll(trx, tables)
  for (const table of tables) await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER USER`.execute(trx)
}

/** Rows of one table, as lines of JSON, in batches of at most about this many characters. */
const BATCH_CHARS = 4 * 1024 * 1024

/**
 * Replaces every table's rows with these, all in the caller's transaction: the tables are emptied (the
 * migrations' own rows too: the backup has them), foreign keys are dropped and re-created around the load
 * (which checks every row against them), the tables' own triggers are off while rows go in (a row is restored
 * exactly as it was), and identity sequences continue after the highest value. Returns the rows per table.
 */
export async function loadTables(trx: DB, tables: { name: string; lines: () => AsyncIterable<string> }[]) {
  const present = new Set(await listTables(trx))
  const unknown = tables.filter((t) => !present.has(t.name))
  if (unknown.length) throw new Error(`the backup holds tables this database does not have: ${unknown.map((t) => t.name).join(', ')}`)
  for (const table of present) await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER USER`.execute(trx)
  await truncateAll(trx, [...present])
  const keys = await foreignKeys(trx)
  for (const key of keys) await sql`ALTER TABLE ${sql.table(key.table)} DROP CONSTRAINT ${sql.ref(key.name)}`.execute(trx)

  const counts: Record<string, number> = {}
  for (const table of tables) {
    const columns = sql.join((await insertableColumns(trx, table.name)).map((c) => sql.ref(c)))
    const insert = (rows: string[]) =>
      sql`
        INSERT INTO ${sql.table(table.name)} (${columns}) OVERRIDING SYSTEM VALUE
        SELECT ${columns} FROM json_populate_recordset(NULL::${sql.table(table.name)}, ${`[${rows.join(',')}]`}::text::json)
      `.execute(trx)
    let rows: string[] = []
    let chars = 0
    let count = 0
    for await (const line of table.lines()) {
      rows.push(line)
      chars += line.length
      count++
      if (chars >= BATCH_CHARS || rows.length >= 2000) {
        await insert(rows)
        rows = []
        chars = 0
      }
    }
    if (rows.length) await insert(rows)
    counts[table.name] = count
  }

  for (const key of keys) await sql`ALTER TABLE ${sql.table(key.table)} ADD CONSTRAINT ${sql.ref(key.name)} ${sql.raw(key.definition)}`.execute(trx)
  for (const table of present) await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER USER`.execute(trx)
  await resetSequences(trx)
  return counts
}
