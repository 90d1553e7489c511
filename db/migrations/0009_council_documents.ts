import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// The council's minutes (biên bản) are issued like the other official documents: numbered by the register
// (type 'minutes') and stored. They belong to a council, not to one application.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE documents ADD COLUMN council_id uuid REFERENCES councils (id)`.execute(db)
  await sql`CREATE INDEX documents_council_idx ON documents (council_id) WHERE council_id IS NOT NULL`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX documents_council_idx`.execute(db)
  await sql`ALTER TABLE documents DROP COLUMN council_id`.execute(db)
}
