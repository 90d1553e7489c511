import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// Background jobs the portal runs outside a request: first, issuing every outcome document of a call and
// bundling them in one ZIP. A worker claims a queued (or abandoned) job with a lease (locked_until) that it
// renews while it works, so a job whose process died is taken up again once its lease has expired.

const statements = [
  `CREATE TABLE jobs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind text NOT NULL CHECK (kind IN ('issue_decisions')),
    call_id uuid REFERENCES calls (id),
    state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
    total integer NOT NULL DEFAULT 0,
    done integer NOT NULL DEFAULT 0,
    failed integer NOT NULL DEFAULT 0,
    error text,
    zip_key text,
    zip_size integer,
    zip_sha256 text,
    locked_until timestamptz,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
  )`,
  `CREATE INDEX jobs_call_idx ON jobs (call_id, created_at)`,
  // At most one unfinished job of a kind per call.
  `CREATE UNIQUE INDEX jobs_one_active_idx ON jobs (kind, call_id) WHERE state IN ('queued', 'running')`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE jobs`.execute(db)
}
