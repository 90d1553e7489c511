import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// After the decision (issue 12): the funded task runs under a contract (hợp đồng thực hiện nhiệm vụ) between the
// Fund and the host organisation. The contract carries what the decision and the appraisal settled (the Fund's
// amount, the counterpart, the lump-sum method, the duration), the reporting period, and the money in tranches
// (advance, interim, final settlement) each with the condition it waits for. One contract per approved
// application; its amendments, payments, reports and acceptance hang off it (later migrations).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE contracts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL UNIQUE REFERENCES applications (id) ON DELETE CASCADE,
      modality text NOT NULL CHECK (modality IN ('grant', 'preferential_loan', 'loan_guarantee', 'support')),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'proposed', 'signed', 'liquidated', 'terminated')),
      fund_amount bigint NOT NULL CHECK (fund_amount > 0),
      counterpart_amount bigint NOT NULL DEFAULT 0 CHECK (counterpart_amount >= 0),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      lump_sum text CHECK (lump_sum IN ('full', 'partial')),
      report_every_months integer NOT NULL DEFAULT 6 CHECK (report_every_months BETWEEN 1 AND 24),
      terms jsonb NOT NULL DEFAULT '{}'::jsonb,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      signed_at timestamptz,
      CHECK (ends_on > starts_on)
    )`.execute(db)
  await sql`
    CREATE TABLE contract_tranches (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
      seq integer NOT NULL CHECK (seq >= 1),
      kind text NOT NULL CHECK (kind IN ('advance', 'interim', 'final')),
      amount bigint NOT NULL CHECK (amount > 0),
      due_on date,
      condition text NOT NULL DEFAULT 'none' CHECK (condition IN ('none', 'report_accepted', 'product_delivered', 'acceptance')),
      condition_note text NOT NULL DEFAULT '',
      UNIQUE (contract_id, seq)
    )`.execute(db)
  await sql`CREATE INDEX contracts_status ON contracts (status)`.execute(db)
  await sql`ALTER TABLE documents ADD COLUMN contract_id uuid REFERENCES contracts (id)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE documents DROP COLUMN contract_id`.execute(db)
  await sql`DROP TABLE contract_tranches`.execute(db)
  await sql`DROP TABLE contracts`.execute(db)
}
