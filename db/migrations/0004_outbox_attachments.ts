import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// Files sent with a message (the receipt of a submitted application, later decisions and notices):
// [{ filename, contentType, contentBase64 }], kept with the message so that a retry sends the same bytes.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE email_outbox ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]'::jsonb`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE email_outbox DROP COLUMN attachments`.execute(db)
}
