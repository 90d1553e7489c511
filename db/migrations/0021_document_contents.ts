import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// What the Fund's documents say, as data (issue 11):
// - the legal bases ("Căn cứ …") per kind of document, edited by an admin; the defaults cite a law by its name
//   and the date it was passed (no number), a decree by number, date, issuer and title; Decree 30/2020 (clerical
//   work) is no basis for funding anything. The charter is cited from the fund's settings (number, date, issuer).
// - what a funding decision states: the lump-sum method, and the terms of a loan or a guarantee.
// - the council's meeting: who presided, the vote-counting board, the revision period; per application what to
//   revise and the proposed lump-sum method.
// - the register: one sequence per year for all the Fund's documents, numbers issued outside the portal recorded
//   in it, and letters (công văn) as a type.

const LAW = 'Căn cứ Luật Khoa học, công nghệ và đổi mới sáng tạo ngày 27 tháng 6 năm 2025'
const DECREE_265 =
  'Căn cứ Nghị định số 265/2025/NĐ-CP ngày 14 tháng 10 năm 2025 của Chính phủ hướng dẫn thi hành một số điều của Luật Khoa học, công nghệ và đổi mới sáng tạo về tài chính và đầu tư trong khoa học, công nghệ và đổi mới sáng tạo'
const KINDS = ['decision_grant', 'decision_loan', 'decision_guarantee', 'decision_support']

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE legal_bases (
    doc_kind text NOT NULL CHECK (doc_kind IN ('decision_grant', 'decision_loan', 'decision_guarantee', 'decision_support')),
    position integer NOT NULL CHECK (position > 0),
    text text NOT NULL CHECK (length(text) > 0),
    PRIMARY KEY (doc_kind, position)
  )`.execute(db)
  for (const kind of KINDS) {
    await sql`INSERT INTO legal_bases (doc_kind, position, text) VALUES (${kind}, 1, ${LAW}), (${kind}, 2, ${DECREE_265})`.execute(db)
  }
  await sql`ALTER TABLE fund_settings
    ADD COLUMN charter_number text NOT NULL DEFAULT '',
    ADD COLUMN charter_date date,
    ADD COLUMN charter_issuer text NOT NULL DEFAULT 'Ủy ban nhân dân tỉnh Đắk Lắk'`.execute(db)

  await sql`ALTER TABLE applications
    ADD COLUMN lump_sum text CHECK (lump_sum IN ('full', 'partial')),
    ADD COLUMN funding_terms jsonb NOT NULL DEFAULT '{}'::jsonb`.execute(db)

  await sql`ALTER TABLE councils
    ADD COLUMN presided_by uuid REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN counting_board jsonb NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN revision_days integer NOT NULL DEFAULT 20 CHECK (revision_days > 0)`.execute(db)
  await sql`ALTER TABLE council_conclusions
    ADD COLUMN revisions text NOT NULL DEFAULT '',
    ADD COLUMN lump_sum text CHECK (lump_sum IN ('full', 'partial'))`.execute(db)

  await sql`ALTER TABLE document_register DROP CONSTRAINT IF EXISTS document_register_doc_type_check`.execute(db)
  await sql`ALTER TABLE document_register ADD CONSTRAINT document_register_doc_type_check CHECK (doc_type IN ('decision', 'notice', 'minutes', 'receipt', 'letter', 'other'))`.execute(db)
  await sql`ALTER TABLE document_register ADD COLUMN external boolean NOT NULL DEFAULT false`.execute(db)
  // Numbers given before the one sequence counted per type; from now on a number is given once a year.
  await sql`ALTER TABLE document_register ADD COLUMN one_sequence boolean NOT NULL DEFAULT true`.execute(db)
  await sql`UPDATE document_register SET one_sequence = false`.execute(db)
  await sql`CREATE UNIQUE INDEX document_register_year_number_key ON document_register (year, number) WHERE one_sequence`.execute(db)
  // One sequence per year from now on: it continues after the highest number any type reached.
  await sql`INSERT INTO reference_counters (scope, year, last)
    SELECT 'register', year, max(number) FROM document_register GROUP BY year
    ON CONFLICT (scope, year) DO UPDATE SET last = GREATEST(reference_counters.last, EXCLUDED.last)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM reference_counters WHERE scope = 'register'`.execute(db)
  await sql`DROP INDEX document_register_year_number_key`.execute(db)
  await sql`ALTER TABLE document_register DROP COLUMN external, DROP COLUMN one_sequence`.execute(db)
  await sql`DELETE FROM document_register WHERE doc_type IN ('letter', 'other')`.execute(db)
  await sql`ALTER TABLE document_register DROP CONSTRAINT document_register_doc_type_check`.execute(db)
  await sql`ALTER TABLE document_register ADD CONSTRAINT document_register_doc_type_check CHECK (doc_type IN ('decision', 'notice', 'minutes', 'receipt'))`.execute(db)
  await sql`ALTER TABLE council_conclusions DROP COLUMN revisions, DROP COLUMN lump_sum`.execute(db)
  await sql`ALTER TABLE councils DROP COLUMN presided_by, DROP COLUMN counting_board, DROP COLUMN revision_days`.execute(db)
  await sql`ALTER TABLE applications DROP COLUMN lump_sum, DROP COLUMN funding_terms`.execute(db)
  await sql`ALTER TABLE fund_settings DROP COLUMN charter_number, DROP COLUMN charter_date, DROP COLUMN charter_issuer`.execute(db)
  await sql`DROP TABLE legal_bases`.execute(db)
}
