import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// Issued documents are signed (ADR 017): the person with authority signs in the portal, then the Fund's key.
// - signature_requests: the office prepares a document and asks for it to be signed; the addressee (the
//   director, or the presiding member for minutes) signs it, and only then is it numbered, stored and mailed.
//   One open request per document to be.
// - documents: who signed, in what capacity and when, the certificates' fingerprints, and the short code
//   printed under the QR code that anyone can check at /verify.
// - signers: how a person signs (capacity, the "KT." line of a deputy, the image of their signature);
//   fund_settings.seal_image: the seal drawn over the signature by the Fund's signature.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE signature_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('decision', 'notice', 'ineligible', 'supplementation', 'minutes')),
      application_id uuid REFERENCES applications (id),
      council_id uuid REFERENCES councils (id),
      call_id uuid REFERENCES calls (id),
      title text NOT NULL,
      signer_id uuid REFERENCES users (id) ON DELETE SET NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'signed', 'withdrawn')),
      prepared_by uuid REFERENCES users (id) ON DELETE SET NULL,
      prepared_at timestamptz NOT NULL DEFAULT now(),
      closed_by uuid REFERENCES users (id) ON DELETE SET NULL,
      closed_at timestamptz,
      document_id uuid REFERENCES documents (id),
      CHECK ((application_id IS NULL) <> (council_id IS NULL))
    )`.execute(db)
  await sql`CREATE UNIQUE INDEX signature_requests_open_idx ON signature_requests (kind, coalesce(application_id, council_id)) WHERE state = 'pending'`.execute(db)
  await sql`CREATE INDEX signature_requests_state_idx ON signature_requests (state, prepared_at)`.execute(db)

  await sql`ALTER TABLE documents ADD COLUMN verification_code text`.execute(db)
  await sql`ALTER TABLE documents ADD COLUMN signed_at timestamptz`.execute(db)
  await sql`ALTER TABLE documents ADD COLUMN signer_id uuid REFERENCES users (id) ON DELETE SET NULL`.execute(db)
  await sql`ALTER TABLE documents ADD COLUMN signer_name text`.execute(db)
  await sql`ALTER TABLE documents ADD COLUMN signer_capacity text`.execute(db)
  await sql`ALTER TABLE documents ADD COLUMN signer_certificate_sha256 text`.execute(db)
  await sql`ALTER TABLE documents ADD COLUMN fund_certificate_sha256 text`.execute(db)
  await sql`CREATE UNIQUE INDEX documents_verification_code_idx ON documents (verification_code) WHERE verification_code IS NOT NULL`.execute(db)
  await sql`CREATE INDEX documents_sha256_idx ON documents (sha256)`.execute(db)

  await sql`
    CREATE TABLE signers (
      user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      capacity text NOT NULL DEFAULT '',
      authority text NOT NULL DEFAULT '',
      signature_image bytea,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`ALTER TABLE fund_settings ADD COLUMN seal_image bytea`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE fund_settings DROP COLUMN seal_image`.execute(db)
  await sql`DROP TABLE signers`.execute(db)
  await sql`DROP INDEX documents_sha256_idx`.execute(db)
  await sql`DROP INDEX documents_verification_code_idx`.execute(db)
  for (const c of ['fund_certificate_sha256', 'signer_certificate_sha256', 'signer_capacity', 'signer_name', 'signer_id', 'signed_at', 'verification_code']) {
    await sql`ALTER TABLE documents DROP COLUMN ${sql.id(c)}`.execute(db)
  }
  await sql`DROP TABLE signature_requests`.execute(db)
}
