import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// Progress of a funded task (issue 12): the periodic reports the contract schedules (one row per period, made
// from the contract's start, end and reporting period), each submitted in versions that the office accepts
// or sends back for changes, with the products a version attaches; the reminders sent are recorded on the
// report so the scheduled job sends each once. Inspections (kiểm tra định kỳ) with their findings and the
// follow-ups the office asks for.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE progress_reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
      seq integer NOT NULL CHECK (seq >= 1),
      period_from date NOT NULL,
      period_to date NOT NULL,
      due_on date NOT NULL,
      status text NOT NULL DEFAULT 'due' CHECK (status IN ('due', 'submitted', 'changes_requested', 'accepted')),
      version integer NOT NULL DEFAULT 0 CHECK (version >= 0),
      first_submitted_at timestamptz,
      accepted_at timestamptz,
      reminded_at timestamptz,
      late_notified_at timestamptz,
      very_late_notified_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (contract_id, seq),
      CHECK (period_to >= period_from),
      CHECK ((status = 'due') = (version = 0))
    )`.execute(db)
  await sql`CREATE INDEX progress_reports_open ON progress_reports (due_on) WHERE status <> 'accepted'`.execute(db)
  await sql`
    CREATE TABLE progress_report_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      report_id uuid NOT NULL REFERENCES progress_reports (id) ON DELETE CASCADE,
      version integer NOT NULL CHECK (version >= 1),
      work_done text NOT NULL,
      problems text NOT NULL DEFAULT '',
      next_steps text NOT NULL DEFAULT '',
      submitted_by uuid REFERENCES users (id) ON DELETE SET NULL,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      outcome text CHECK (outcome IN ('accepted', 'changes_requested')),
      review_note text NOT NULL DEFAULT '',
      reviewed_by uuid REFERENCES users (id) ON DELETE SET NULL,
      reviewed_at timestamptz,
      UNIQUE (report_id, version),
      CHECK ((outcome IS NULL) = (reviewed_at IS NULL))
    )`.execute(db)
  await sql`
    CREATE TABLE progress_report_products (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      report_id uuid NOT NULL REFERENCES progress_reports (id) ON DELETE CASCADE,
      version_id uuid REFERENCES progress_report_versions (id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      description text NOT NULL DEFAULT '',
      filename text,
      storage_key text,
      sha256 text,
      size_bytes bigint,
      media_type text,
      added_by uuid REFERENCES users (id) ON DELETE SET NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((storage_key IS NULL) = (sha256 IS NULL))
    )`.execute(db)
  await sql`CREATE INDEX progress_report_products_report ON progress_report_products (report_id)`.execute(db)
  await sql`
    CREATE TABLE inspections (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
      inspected_on date NOT NULL,
      inspectors text NOT NULL,
      findings text NOT NULL,
      assessment text NOT NULL CHECK (assessment IN ('on_track', 'behind', 'at_risk')),
      recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX inspections_contract ON inspections (contract_id, inspected_on)`.execute(db)
  await sql`
    CREATE TABLE inspection_follow_ups (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      inspection_id uuid NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
      action text NOT NULL,
      due_on date,
      done_at timestamptz,
      done_note text NOT NULL DEFAULT '',
      done_by uuid REFERENCES users (id) ON DELETE SET NULL
    )`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE inspection_follow_ups`.execute(db)
  await sql`DROP TABLE inspections`.execute(db)
  await sql`DROP TABLE progress_report_products`.execute(db)
  await sql`DROP TABLE progress_report_versions`.execute(db)
  await sql`DROP TABLE progress_reports`.execute(db)
}
