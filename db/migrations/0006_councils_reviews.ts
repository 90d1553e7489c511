import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// Councils (hội đồng tư vấn) per call or group of applications, their members and roles, the applications
// each reviews; one assignment per member and application (with the conflict-of-interest declaration, the
// two opponent reviewers flagged), one ballot per assignment (phiếu đánh giá: score and comment per rubric
// criterion); relations reviewers declare (for conflict detection); the council's conclusion per application.

const statements = [
  `CREATE TABLE councils (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    call_id uuid NOT NULL REFERENCES calls (id),
    name text NOT NULL,
    status text NOT NULL DEFAULT 'forming' CHECK (status IN ('forming', 'formed', 'concluded')),
    meeting_at timestamptz,
    location text NOT NULL DEFAULT '',
    review_due_on date,
    vice_chair_authorised boolean NOT NULL DEFAULT false,
    version integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX councils_call_idx ON councils (call_id)`,
  `CREATE TABLE council_members (
    council_id uuid NOT NULL REFERENCES councils (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id),
    role text NOT NULL CHECK (role IN ('chair', 'vice_chair', 'secretary', 'member')),
    present boolean,
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (council_id, user_id)
  )`,
  `CREATE INDEX council_members_user_idx ON council_members (user_id)`,
  `CREATE TABLE council_applications (
    council_id uuid NOT NULL REFERENCES councils (id) ON DELETE CASCADE,
    application_id uuid NOT NULL UNIQUE REFERENCES applications (id),
    lead_proposed boolean NOT NULL DEFAULT false,
    prior_excellent boolean NOT NULL DEFAULT false,
    PRIMARY KEY (council_id, application_id)
  )`,
  `CREATE TABLE review_assignments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    council_id uuid NOT NULL REFERENCES councils (id) ON DELETE CASCADE,
    application_id uuid NOT NULL REFERENCES applications (id),
    reviewer_id uuid NOT NULL REFERENCES users (id),
    opponent boolean NOT NULL DEFAULT false,
    due_on date,
    conflict text NOT NULL DEFAULT 'undeclared' CHECK (conflict IN ('undeclared', 'none', 'declared')),
    conflict_reason text,
    declared_at timestamptz,
    detected jsonb NOT NULL DEFAULT '[]'::jsonb,
    override_reason text,
    overridden_by uuid REFERENCES users (id) ON DELETE SET NULL,
    overridden_at timestamptz,
    reminded_at timestamptz,
    overdue_notified_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (application_id, reviewer_id)
  )`,
  `CREATE INDEX review_assignments_reviewer_idx ON review_assignments (reviewer_id)`,
  `CREATE INDEX review_assignments_council_idx ON review_assignments (council_id, application_id)`,
  `CREATE TABLE reviews (
    assignment_id uuid PRIMARY KEY REFERENCES review_assignments (id) ON DELETE CASCADE,
    scores jsonb NOT NULL DEFAULT '{}'::jsonb,
    comments jsonb NOT NULL DEFAULT '{}'::jsonb,
    overall_comment text NOT NULL DEFAULT '',
    recommendation text CHECK (recommendation IN ('fund', 'fund_with_changes', 'do_not_fund')),
    state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted')),
    version integer NOT NULL DEFAULT 0,
    submitted_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE reviewer_relations (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tax_code text,
    person_name text,
    note text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (tax_code IS NOT NULL OR person_name IS NOT NULL)
  )`,
  `CREATE INDEX reviewer_relations_user_idx ON reviewer_relations (user_id)`,
  `CREATE TABLE council_conclusions (
    application_id uuid PRIMARY KEY REFERENCES applications (id),
    council_id uuid NOT NULL REFERENCES councils (id) ON DELETE CASCADE,
    mean numeric(6, 2),
    final_score numeric(6, 2),
    rank integer,
    recommended boolean NOT NULL,
    fundable boolean NOT NULL DEFAULT false,
    data jsonb NOT NULL DEFAULT '{}'::jsonb,
    concluded_by uuid REFERENCES users (id) ON DELETE SET NULL,
    concluded_at timestamptz NOT NULL DEFAULT now()
  )`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['council_conclusions', 'reviewer_relations', 'reviews', 'review_assignments', 'council_applications', 'council_members', 'councils']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db)
  }
}
