import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// Every document from the register is signed (issue 11, ADR 017): the cost-appraisal minutes of an application
// and the dossier-opening record of a call are sent for signature like the decision. The opening record's
// subject is a call, not an application or a council: a request names exactly one subject — an application, a
// council, or (for the opening record) the call alone — and one request per kind and subject waits at a time.
// Also a data fix: Decree 265/2025/NĐ-CP's exact title, as the decree itself states it ("quy định chi tiết và
// hướng dẫn thi hành …", Luật Khoa học, Công nghệ và Đổi mới sáng tạo as the decree writes the law's name); only
// the default text 0021 seeded is replaced, never a basis an admin has edited.

const KINDS = ['decision', 'notice', 'ineligible', 'supplementation', 'minutes', 'appraisal_minutes', 'opening_record']
const OLD_KINDS = ['decision', 'notice', 'ineligible', 'supplementation', 'minutes']
const DECREE_265_0021 =
  'Căn cứ Nghị định số 265/2025/NĐ-CP ngày 14 tháng 10 năm 2025 của Chính phủ hướng dẫn thi hành một số điều của Luật Khoa học, công nghệ và đổi mới sáng tạo về tài chính và đầu tư trong khoa học, công nghệ và đổi mới sáng tạo'
const DECREE_265 =
  'Căn cứ Nghị định số 265/2025/NĐ-CP ngày 14 tháng 10 năm 2025 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Khoa học, Công nghệ và Đổi mới sáng tạo về tài chính và đầu tư trong khoa học, công nghệ và đổi mới sáng tạo'
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
  await sql`UPDATE legal_bases SET text = ${DECREE_265} WHERE text = ${DECREE_265_0021}`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`UPDATE legal_bases SET text = ${DECREE_265_0021} WHERE text = ${DECREE_265}`.execute(db)
  await sql`DELETE FROM signature_requests WHERE kind IN ('appraisal_minutes', 'opening_record')`.execute(db)
  await sql`DROP INDEX signature_requests_open_idx`.execute(db)
  await sql`CREATE UNIQUE INDEX signature_requests_open_idx ON signature_requests (kind, coalesce(application_id, council_id)) WHERE state = 'pending'`.execute(db)
  await sql`ALTER TABLE signature_requests DROP CONSTRAINT signature_requests_subject_check`.execute(db)
  await sql`ALTER TABLE signature_requests ADD CONSTRAINT signature_requests_check CHECK ((application_id IS NULL) <> (council_id IS NULL))`.execute(db)
  await sql`ALTER TABLE signature_requests DROP CONSTRAINT signature_requests_kind_check`.execute(db)
  await sql.raw(`ALTER TABLE signature_requests ADD CONSTRAINT signature_requests_kind_check CHECK (kind IN (${list(OLD_KINDS)}))`).execute(db)
}
