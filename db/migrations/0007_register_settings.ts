import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// The register of official documents (sổ đăng ký văn bản): one number per year and document type, without
// gaps or duplicates; a cancelled number stays recorded and is never given again. The generated files.
// The fund's settings every template uses: the document symbol, the place, the signer, the legal bases
// (Căn cứ …) and the default recipients (Nơi nhận).

const statements = [
  `ALTER TABLE fund_settings
    ADD COLUMN document_symbol text NOT NULL DEFAULT 'QKHCN',
    ADD COLUMN place_name text NOT NULL DEFAULT 'Đắk Lắk',
    ADD COLUMN signer_authority text NOT NULL DEFAULT '',
    ADD COLUMN signer_title text NOT NULL DEFAULT 'GIÁM ĐỐC',
    ADD COLUMN signer_name text NOT NULL DEFAULT '',
    ADD COLUMN legal_bases jsonb NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN recipients jsonb NOT NULL DEFAULT '[]'::jsonb`,
  `CREATE TABLE document_register (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year integer NOT NULL,
    doc_type text NOT NULL CHECK (doc_type IN ('decision', 'notice', 'minutes', 'receipt')),
    number integer NOT NULL CHECK (number > 0),
    symbol text NOT NULL,
    state text NOT NULL DEFAULT 'issued' CHECK (state IN ('issued', 'cancelled')),
    title text NOT NULL DEFAULT '',
    subject_type text,
    subject_id text,
    issued_by uuid REFERENCES users (id) ON DELETE SET NULL,
    issued_at timestamptz NOT NULL DEFAULT now(),
    cancelled_by uuid REFERENCES users (id) ON DELETE SET NULL,
    cancelled_at timestamptz,
    cancel_reason text,
    UNIQUE (year, doc_type, number)
  )`,
  `CREATE INDEX document_register_subject_idx ON document_register (subject_type, subject_id)`,
  `CREATE TABLE documents (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    register_id integer REFERENCES document_register (id),
    kind text NOT NULL,
    application_id uuid REFERENCES applications (id),
    call_id uuid REFERENCES calls (id),
    filename text NOT NULL,
    size_bytes integer NOT NULL CHECK (size_bytes > 0),
    sha256 text NOT NULL,
    storage_key text NOT NULL,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX documents_application_idx ON documents (application_id)`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE documents`.execute(db)
  await sql`DROP TABLE document_register`.execute(db)
  await sql.raw(`ALTER TABLE fund_settings DROP COLUMN document_symbol, DROP COLUMN place_name, DROP COLUMN signer_authority,
    DROP COLUMN signer_title, DROP COLUMN signer_name, DROP COLUMN legal_bases, DROP COLUMN recipients`).execute(db)
}
