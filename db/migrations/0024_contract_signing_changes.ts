import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// The contract's road to signature and its changes (issue 12, ADR 018):
// - contracts: when the office proposed it to the grantee, and the grantee's legal representative's acceptance in
//   the portal (who, in what capacity, when, from where, and the SHA-256 of the text they agreed to); the signed
//   document (numbered in the register "HĐ", signed by the director and the Fund).
// - contract_changes: what the grantee asks (extension, budget move, change of investigator or host,
//   suspension, termination) with reasons; the director's decision (a numbered, signed decision document).
// - contract_amendments: the amendment (phụ lục hợp đồng) an approved change becomes: accepted by the grantee,
//   signed by the Fund, numbered "PLHĐ"; its changes are applied to the contract when signed.
// - signature_requests: the contract, its amendments and the decisions on changes are signed through the same
//   requests; `subject_id` names the change or amendment (several may wait for one application).
// - document_register: the types 'contract' and 'amendment'.
// - fund_settings.contract_rules: the contracts' periods, splits and limits as stored overrides of the defaults.

const SIGNATURE_KINDS_OLD = ['decision', 'notice', 'ineligible', 'supplementation', 'minutes', 'appraisal_minutes', 'opening_record']
const SIGNATURE_KINDS = [...SIGNATURE_KINDS_OLD, 'contract', 'amendment', 'change_decision']
const DOC_TYPES_OLD = ['decision', 'notice', 'minutes', 'receipt', 'letter', 'other']
const DOC_TYPES = [...DOC_TYPES_OLD, 'contract', 'amendment']
const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(', ')

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE contracts ADD COLUMN proposed_at timestamptz`.execute(db)
  await sql`ALTER TABLE contracts ADD COLUMN proposed_by uuid REFERENCES users (id) ON DELETE SET NULL`.execute(db)
  await sql`ALTER TABLE contracts ADD COLUMN accepted_at timestamptz`.execute(db)
  await sql`ALTER TABLE contracts ADD COLUMN accepted_by uuid REFERENCES users (id) ON DELETE SET NULL`.execute(db)
  await sql`ALTER TABLE contracts ADD COLUMN accepted_name text`.execute(db)
  await sql`ALTER TABLE contracts ADD COLUMN accepted_position text`.execute(db)
  await sql`ALTER TABLE contracts ADD COLUMN accepted_ip text`.execute(db)
  await sql`ALTER TABLE contracts ADD COLUMN accepted_sha256 text`.execute(db)
  await sql`ALTER TABLE contracts ADD COLUMN document_id uuid REFERENCES documents (id)`.execute(db)

  await sql`
    CREATE TABLE contract_changes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('extension', 'budget_move', 'investigator', 'host', 'suspension', 'termination')),
      reasons text NOT NULL CHECK (length(btrim(reasons)) > 0),
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      state text NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'approved', 'rejected', 'decided', 'amended', 'withdrawn')),
      requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
      requested_at timestamptz NOT NULL DEFAULT now(),
      decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
      decided_at timestamptz,
      decision_note text NOT NULL DEFAULT '',
      decision_document_id uuid REFERENCES documents (id)
    )`.execute(db)
  await sql`CREATE INDEX contract_changes_contract ON contract_changes (contract_id, requested_at)`.execute(db)
  await sql`
    CREATE TABLE contract_amendments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
      change_id uuid NOT NULL UNIQUE REFERENCES contract_changes (id),
      seq integer NOT NULL CHECK (seq >= 1),
      status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'signed')),
      changes jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      accepted_at timestamptz,
      accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
      accepted_name text,
      accepted_position text,
      signed_at timestamptz,
      document_id uuid REFERENCES documents (id),
      UNIQUE (contract_id, seq)
    )`.execute(db)

  await sql`ALTER TABLE signature_requests ADD COLUMN subject_id uuid`.execute(db)
  await sql`ALTER TABLE signature_requests DROP CONSTRAINT IF EXISTS signature_requests_kind_check`.execute(db)
  await sql.raw(`ALTER TABLE signature_requests ADD CONSTRAINT signature_requests_kind_check CHECK (kind IN (${list(SIGNATURE_KINDS)}))`).execute(db)
  await sql`DROP INDEX signature_requests_open_idx`.execute(db)
  await sql`CREATE UNIQUE INDEX signature_requests_open_idx ON signature_requests (kind, coalesce(subject_id, application_id, council_id, call_id)) WHERE state = 'pending'`.execute(db)

  await sql`ALTER TABLE document_register DROP CONSTRAINT IF EXISTS document_register_doc_type_check`.execute(db)
  await sql.raw(`ALTER TABLE document_register ADD CONSTRAINT document_register_doc_type_check CHECK (doc_type IN (${list(DOC_TYPES)}))`).execute(db)

  await sql`ALTER TABLE fund_settings ADD COLUMN contract_rules jsonb NOT NULL DEFAULT '{}'::jsonb`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE fund_settings DROP COLUMN contract_rules`.execute(db)
  await sql`DELETE FROM document_register WHERE doc_type IN ('contract', 'amendment')`.execute(db)
  await sql`ALTER TABLE document_register DROP CONSTRAINT document_register_doc_type_check`.execute(db)
  await sql.raw(`ALTER TABLE document_register ADD CONSTRAINT document_register_doc_type_check CHECK (doc_type IN (${list(DOC_TYPES_OLD)}))`).execute(db)
  await sql`DELETE FROM signature_requests WHERE kind IN ('contract', 'amendment', 'change_decision')`.execute(db)
  await sql`DROP INDEX signature_requests_open_idx`.execute(db)
  await sql`CREATE UNIQUE INDEX signature_requests_open_idx ON signature_requests (kind, coalesce(application_id, council_id, call_id)) WHERE state = 'pending'`.execute(db)
  await sql`ALTER TABLE signature_requests DROP CONSTRAINT signature_requests_kind_check`.execute(db)
  await sql.raw(`ALTER TABLE signature_requests ADD CONSTRAINT signature_requests_kind_check CHECK (kind IN (${list(SIGNATURE_KINDS_OLD)}))`).execute(db)
  await sql`ALTER TABLE signature_requests DROP COLUMN subject_id`.execute(db)
  await sql`DROP TABLE contract_amendments`.execute(db)
  await sql`DROP TABLE contract_changes`.execute(db)
  for (const c of ['document_id', 'accepted_sha256', 'accepted_ip', 'accepted_position', 'accepted_name', 'accepted_by', 'accepted_at', 'proposed_by', 'proposed_at']) {
    await sql.raw(`ALTER TABLE contracts DROP COLUMN ${c}`).execute(db)
  }
}
