import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// Applications (one per organisation and call, edited as sections, each with its own version for
// conflict-safe autosave), their attachments (stored by sha256) and their history.

const STATUSES = [
  'draft', 'submitted', 'screening', 'changes_requested', 'resubmitted', 'eligible', 'ineligible', 'in_review',
  'reviewed', 'recommended', 'not_recommended', 'approved', 'rejected', 'contracted', 'in_progress', 'acceptance',
  'completed', 'failed', 'closed', 'withdrawn', 'cancelled',
]

const statements = [
  `CREATE TABLE applications (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    call_id uuid NOT NULL REFERENCES calls (id),
    organisation_id uuid NOT NULL REFERENCES organisations (id),
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    status text NOT NULL DEFAULT 'draft' CHECK (status IN (${STATUSES.map((s) => `'${s}'`).join(', ')})),
    version integer NOT NULL DEFAULT 1,
    reference text UNIQUE,
    title text NOT NULL DEFAULT '',
    eligibility_answers jsonb NOT NULL DEFAULT '{}'::jsonb,
    requested_amount bigint NOT NULL DEFAULT 0 CHECK (requested_amount >= 0),
    counterpart_amount bigint NOT NULL DEFAULT 0 CHECK (counterpart_amount >= 0),
    organisation_snapshot jsonb,
    submitted_at timestamptz,
    withdrawn_at timestamptz,
    withdraw_reason text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX applications_org_idx ON applications (organisation_id)`,
  `CREATE INDEX applications_call_status_idx ON applications (call_id, status)`,
  `CREATE TABLE application_sections (
    application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    key text NOT NULL,
    data jsonb NOT NULL DEFAULT '{}'::jsonb,
    version integer NOT NULL DEFAULT 0,
    completed boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (application_id, key)
  )`,
  `CREATE TABLE attachments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    call_document_id integer NOT NULL REFERENCES call_documents (id),
    filename text NOT NULL,
    size_bytes bigint NOT NULL CHECK (size_bytes > 0),
    media_type text NOT NULL,
    sha256 text NOT NULL,
    storage_key text NOT NULL,
    uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (application_id, call_document_id)
  )`,
  `CREATE TABLE application_events (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    at timestamptz NOT NULL DEFAULT now(),
    actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
    event text NOT NULL,
    from_status text,
    to_status text,
    details jsonb NOT NULL DEFAULT '{}'::jsonb
  )`,
  `CREATE INDEX application_events_app_idx ON application_events (application_id, id)`,
  `CREATE TABLE reference_counters (
    scope text NOT NULL,
    year integer NOT NULL,
    last integer NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, year)
  )`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['reference_counters', 'application_events', 'attachments', 'application_sections', 'applications']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db)
  }
}
