import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// Every document from the register is signed (issue 11, ADR 017): the cost-appraisal minutes of an application
// and the dossier-opening record of a call are sent for signature like the decision. The opening record's
// subject is a call, not an application or a council: a request names exactly one subject — an application, a
// council, or (for the opening record) the call alone — and one request per kind and subject waits at a time.

const KINDS = ['decision', 'notice', 'ineligible', 'supplementation', 'minutes', 'appraisal_minutes', 'opening_record']
const OLD_KINDS = ['decision', 'notice', 'ineligible', 'supplementation', 'minutes']
const list = (kinds: string[]) => kinds.map((k) => `'${k}'`).join(', ')

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE signature_requests DROP CONSTRAINT signature_requests_kind_check`.execute(db)
  await sql.raw(`ALTER TABLE signature_requests ADD CONSTRAINT signature_requests_kind_check CHECK (kind IN (${list(KINDS)}))`).execute(db)
  await sql`ALTER TABLE signature_requests DROP CONSTRAINT signature_requests_check`.execute(db)
  await sql`ALTER TABLE signature_requests ADD CONSTRAINT signature_requests_subject_check CHECK (
    CASE WHEN kind = 'opening_record' THEN application_id IS NULL AND council_id IS NULL AND call_id IS NOT NULL
         ELSE (application_id IS NULL) <> (council_id IS NULL) END)`.execute(db)
  await sql`DROP INDEX signature_requests_open_idx`.execute(db)
  await sql`CREATE UNIQUE INDEX signature_requests_open_idx ON signature_requests (kind, coalesce(application_id, council_id, call_id)) WHERE state = 'pending'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM signature_requests WHERE kind IN ('appraisal_minutes', 'opening_record')`.execute(db)
  await sql`DROP INDEX signature_requests_open_idx`.execute(db)
  await sql`CREATE UNIQUE INDEX signature_requests_open_idx ON signature_requests (kind, coalesce(application_id, council_id)) WHERE state = 'pending'`.execute(db)
  await sql`ALTER TABLE signature_requests DROP CONSTRAINT signature_requests_subject_check`.execute(db)
  await sql`ALTER TABLE signature_requests ADD CONSTRAINT signature_requests_check CHECK ((application_id IS NULL) <> (council_id IS NULL))`.execute(db)
  await sql`ALTER TABLE signature_requests DROP CONSTRAINT signature_requests_kind_check`.execute(db)
  await sql.raw(`ALTER TABLE signature_requests ADD CONSTRAINT signature_requests_kind_check CHECK (kind IN (${list(OLD_KINDS)}))`).execute(db)
}
