import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// One statement per query: both drivers run each through the extended protocol.
const statements = [
  `
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      full_name text NOT NULL,
      password_hash text,
      email_verified_at timestamptz,
      lang text NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'invited', 'disabled')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )
  `,
  `
    CREATE UNIQUE INDEX users_email_key ON users (lower(email))
  `,
  `
    CREATE TABLE user_roles (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('applicant', 'reviewer', 'staff', 'director', 'admin')),
      granted_by uuid REFERENCES users (id) ON DELETE SET NULL,
      granted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, role)
    )
  `,
  `
    CREATE TABLE sessions (
      id_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ip text,
      user_agent text
    )
  `,
  `
    CREATE INDEX sessions_user_idx ON sessions (user_id)
  `,
  `
    CREATE INDEX sessions_expires_idx ON sessions (expires_at)
  `,
  `
    CREATE TABLE user_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'invitation')),
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )
  `,
  `
    CREATE INDEX user_tokens_user_idx ON user_tokens (user_id, purpose)
  `,
  `
    CREATE TABLE rate_limits (
      key text NOT NULL,
      window_start timestamptz NOT NULL,
      hits integer NOT NULL DEFAULT 0,
      PRIMARY KEY (key, window_start)
    )
  `,
  `
    CREATE TABLE email_outbox (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      created_at timestamptz NOT NULL DEFAULT now(),
      template text NOT NULL,
      lang text NOT NULL CHECK (lang IN ('vi', 'en')),
      to_address text NOT NULL,
      to_name text,
      subject text NOT NULL,
      text_body text NOT NULL,
      html_body text NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz,
      last_error text,
      sent_at timestamptz,
      message_id text,
      eml_file text
    )
  `,
  `
    CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at) WHERE state IN ('pending', 'sending')
  `,
  `
    CREATE TABLE audit_log (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      actor_email text,
      action text NOT NULL,
      subject_type text,
      subject_id text,
      ip text,
      details jsonb NOT NULL DEFAULT '{}'::jsonb
    )
  `,
  `
    CREATE INDEX audit_log_at_idx ON audit_log (at DESC)
  `,
  `
    CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC)
  `,
  `
    CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id)
  `,
  `
    CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
    END;
    $$
  `,
  `
    CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()
  `,
  `
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()
  `,
  `
    CREATE TABLE fund_settings (
      id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      parent_body_vi text NOT NULL,
      parent_body_en text NOT NULL,
      name_vi text NOT NULL,
      name_en text NOT NULL,
      short_name text NOT NULL,
      address text NOT NULL,
      phone text NOT NULL,
      email text NOT NULL,
      website text,
      updated_at timestamptz NOT NULL DEFAULT now()
    )
  `,
  `
    CREATE TABLE calls (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
      modality text NOT NULL CHECK (modality IN ('grant', 'preferential_loan', 'loan_guarantee', 'support')),
      priority_field text NOT NULL,
      title_vi text NOT NULL,
      title_en text NOT NULL,
      summary_vi text NOT NULL,
      summary_en text NOT NULL,
      opens_at timestamptz NOT NULL,
      closes_at timestamptz NOT NULL,
      grace_minutes integer NOT NULL DEFAULT 0 CHECK (grace_minutes >= 0),
      budget_total bigint NOT NULL CHECK (budget_total > 0),
      max_amount bigint NOT NULL CHECK (max_amount > 0),
      min_counterpart_pct integer NOT NULL DEFAULT 0 CHECK (min_counterpart_pct BETWEEN 0 AND 100),
      max_duration_months integer NOT NULL CHECK (max_duration_months > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (closes_at > opens_at),
      CHECK (max_amount <= budget_total)
    )
  `,
  `
    CREATE INDEX calls_status_closes_idx ON calls (status, closes_at)
  `,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['calls', 'fund_settings', 'audit_log', 'email_outbox', 'rate_limits', 'user_tokens', 'sessions', 'user_roles', 'users']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db)
  }
  await sql`DROP FUNCTION audit_log_is_append_only()`.execute(db)
}
