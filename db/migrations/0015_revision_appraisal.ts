import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// The steps between the council and the decision (Circular 20/2023 Art. 11.12, 13–15): the applicant revises
// the dossier per the council's conclusions (a request that reopens sections, like a request for changes),
// then a cost-appraisal team of five (leader and members, quorum 4/5) appraises the budget per category,
// chooses the lump-sum method and issues its minutes; the director approves no more than it appraised.
// A call may exempt its applications from these steps (a small support of fixed amounts), each skip with its reason.

const OLD_STATUSES = [
  'draft', 'submitted', 'screening', 'changes_requested', 'resubmitted', 'eligible', 'ineligible', 'in_review',
  'reviewed', 'recommended', 'not_recommended', 'approved', 'rejected', 'contracted', 'in_progress', 'acceptance',
  'completed', 'failed', 'closed', 'withdrawn', 'cancelled',
]
const STATUSES = [...OLD_STATUSES, 'revision', 'revised', 'appraisal', 'appraised']
const OLD_KINDS = ['message', 'change_request', 'eligible', 'ineligible', 'approved', 'rejected', 'cancelled']
const KINDS = [...OLD_KINDS, 'revision_request']
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ')

const statements = [
  `ALTER TABLE applications DROP CONSTRAINT applications_status_check`,
  `ALTER TABLE applications ADD CONSTRAINT applications_status_check CHECK (status IN (${list(STATUSES)}))`,
  `ALTER TABLE application_messages DROP CONSTRAINT application_messages_kind_check`,
  `ALTER TABLE application_messages ADD CONSTRAINT application_messages_kind_check CHECK (kind IN (${list(KINDS)}))`,
  `ALTER TABLE calls ADD COLUMN without_appraisal boolean NOT NULL DEFAULT false`,
  `CREATE TABLE appraisals (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    application_id uuid NOT NULL UNIQUE REFERENCES applications (id) ON DELETE CASCADE,
    formed_at timestamptz NOT NULL,
    formed_by uuid REFERENCES users (id) ON DELETE SET NULL,
    due_on date NOT NULL,
    met_on date,
    method text CHECK (method IN ('full', 'partial')),
    notes text NOT NULL DEFAULT '',
    recorded_at timestamptz,
    recorded_by uuid REFERENCES users (id) ON DELETE SET NULL
  )`,
  `CREATE TABLE appraisal_members (
    appraisal_id uuid NOT NULL REFERENCES appraisals (id) ON DELETE CASCADE,
    seat integer NOT NULL CHECK (seat >= 1),
    full_name text NOT NULL,
    position text NOT NULL DEFAULT '',
    role text NOT NULL CHECK (role IN ('leader', 'member')),
    present boolean,
    PRIMARY KEY (appraisal_id, seat)
  )`,
  `CREATE UNIQUE INDEX appraisal_members_one_leader ON appraisal_members (appraisal_id) WHERE role = 'leader'`,
  `CREATE TABLE appraisal_amounts (
    appraisal_id uuid NOT NULL REFERENCES appraisals (id) ON DELETE CASCADE,
    category text NOT NULL,
    requested bigint NOT NULL CHECK (requested >= 0),
    appraised bigint NOT NULL CHECK (appraised >= 0),
    PRIMARY KEY (appraisal_id, category)
  )`,
  `ALTER TABLE documents ADD COLUMN appraisal_id uuid REFERENCES appraisals (id)`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE documents DROP COLUMN appraisal_id`.execute(db)
  for (const t of ['appraisal_amounts', 'appraisal_members', 'appraisals']) await sql`DROP TABLE ${sql.table(t)}`.execute(db)
  await sql`ALTER TABLE calls DROP COLUMN without_appraisal`.execute(db)
  await sql.raw(`ALTER TABLE application_messages DROP CONSTRAINT application_messages_kind_check`).execute(db)
  await sql.raw(`ALTER TABLE application_messages ADD CONSTRAINT application_messages_kind_check CHECK (kind IN (${list(OLD_KINDS)}))`).execute(db)
  await sql.raw(`ALTER TABLE applications DROP CONSTRAINT applications_status_check`).execute(db)
  await sql.raw(`ALTER TABLE applications ADD CONSTRAINT applications_status_check CHECK (status IN (${list(OLD_STATUSES)}))`).execute(db)
}
