import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// Acceptance (nghiệm thu, Circular 11/2014/TT-BKHCN and successors), issue 12:
// - results_dossiers: the grantee's final results dossier (summary report, products, self-assessment, spending
//   report), one per task, submitted once (submit_results); after the council, finalised within the period the
//   fund's rules set (finalise_due_on, working days from the minutes).
// - acceptance_councils + acceptance_members: the council that accepts one task (hội đồng nghiệm thu), its
//   members with their seat, conflict declaration and their rating (Xuất sắc / Đạt / Không đạt) with a comment;
//   the council's rating is computed by the coded rules when it concludes and kept with its conclusions.
// - signature_requests: a new kind, the acceptance council's minutes, signed by the member presiding.

const OLD_KINDS = ['decision', 'notice', 'ineligible', 'supplementation', 'minutes', 'appraisal_minutes', 'opening_record', 'contract', 'amendment', 'change_decision', 'liquidation']
const KINDS = ['decision', 'notice', 'ineligible', 'supplementation', 'minutes', 'appraisal_minutes', 'opening_record', 'contract', 'amendment', 'change_decision', 'liquidation', 'acceptance_minutes']
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ')

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE results_dossiers (
      application_id uuid PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
      contract_id uuid NOT NULL REFERENCES contracts (id),
      summary text NOT NULL DEFAULT '',
      products text NOT NULL DEFAULT '',
      self_rating text CHECK (self_rating IN ('excellent', 'pass', 'fail')),
      self_assessment text NOT NULL DEFAULT '',
      spending_report text NOT NULL DEFAULT '',
      spent_amount bigint CHECK (spent_amount >= 0),
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
      submitted_at timestamptz,
      submitted_by uuid REFERENCES users (id) ON DELETE SET NULL,
      finalise_due_on date,
      finalisation_note text NOT NULL DEFAULT '',
      finalised_at timestamptz,
      finalised_by uuid REFERENCES users (id) ON DELETE SET NULL
    )`.execute(db)
  await sql`
    CREATE TABLE acceptance_councils (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL UNIQUE REFERENCES applications (id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'forming' CHECK (status IN ('forming', 'formed', 'concluded')),
      meeting_on date,
      location text NOT NULL DEFAULT '',
      rating text CHECK (rating IN ('excellent', 'pass', 'fail')),
      conclusions text NOT NULL DEFAULT '',
      votes jsonb NOT NULL DEFAULT '{}'::jsonb,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      formed_at timestamptz,
      concluded_at timestamptz,
      concluded_by uuid REFERENCES users (id) ON DELETE SET NULL,
      CHECK ((status = 'concluded') = (rating IS NOT NULL))
    )`.execute(db)
  await sql`
    CREATE TABLE acceptance_members (
      council_id uuid NOT NULL REFERENCES acceptance_councils (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id),
      role text NOT NULL CHECK (role IN ('chair', 'vice_chair', 'secretary', 'opponent', 'member')),
      conflict text NOT NULL DEFAULT 'undeclared' CHECK (conflict IN ('undeclared', 'none', 'declared')),
      conflict_reason text,
      declared_at timestamptz,
      vote text CHECK (vote IN ('excellent', 'pass', 'fail')),
      comment text NOT NULL DEFAULT '',
      voted_at timestamptz,
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (council_id, user_id),
      CHECK (vote IS NULL OR conflict = 'none')
    )`.execute(db)
  await sql`CREATE UNIQUE INDEX acceptance_members_one_chair ON acceptance_members (council_id) WHERE role = 'chair'`.execute(db)
  await sql`CREATE INDEX acceptance_members_user ON acceptance_members (user_id)`.execute(db)
  await sql.raw(`ALTER TABLE signature_requests DROP CONSTRAINT signature_requests_kind_check`).execute(db)
  await sql.raw(`ALTER TABLE signature_requests ADD CONSTRAINT signature_requests_kind_check CHECK (kind IN (${list(KINDS)}))`).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM signature_requests WHERE kind = 'acceptance_minutes'`.execute(db)
  await sql.raw(`ALTER TABLE signature_requests DROP CONSTRAINT signature_requests_kind_check`).execute(db)
  await sql.raw(`ALTER TABLE signature_requests ADD CONSTRAINT signature_requests_kind_check CHECK (kind IN (${list(OLD_KINDS)}))`).execute(db)
  await sql`DROP TABLE acceptance_members`.execute(db)
  await sql`DROP TABLE acceptance_councils`.execute(db)
  await sql`DROP TABLE results_dossiers`.execute(db)
}
