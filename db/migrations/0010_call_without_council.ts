import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// A call's rules may let the Fund decide without a council (a small support call): the office assesses the
// applications and the director decides; each step taken without a council records its reason.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE calls ADD COLUMN without_council boolean NOT NULL DEFAULT false`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE calls DROP COLUMN without_council`.execute(db)
}
