import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// A council has a name in each language, like a call's title: mail to an expert reading English must not splice
// the Vietnamese name into English words (nor the reverse). A council that had one name keeps it in both.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE councils RENAME COLUMN name TO name_vi`.execute(db)
  await sql`ALTER TABLE councils ADD COLUMN name_en text`.execute(db)
  await sql`UPDATE councils SET name_en = name_vi`.execute(db)
  await sql`ALTER TABLE councils ALTER COLUMN name_en SET NOT NULL`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE councils DROP COLUMN name_en`.execute(db)
  await sql`ALTER TABLE councils RENAME COLUMN name_vi TO name`.execute(db)
}
