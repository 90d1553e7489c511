import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// Transparency (issue 14):
// - a call's results, published by the Fund's office after its decisions: one frozen row per approved task with
//   exactly what the public may see (never a rejected or withdrawn applicant), the call's publication time;
// - the provincial resolution's targets as data (names in both languages, baseline, target, year, unit and how
//   progress is computed) and the values staff enter, each with its source, where the portal holds no evidence;
// - exports as background jobs: the jobs table takes a second kind and the parameters of the export.

const TARGETS: [code: string, vi: string, en: string, unitVi: string, unitEn: string, baseline: number, target: number, computation: string][] = [
  ['ip_protection_growth', 'Số văn bằng bảo hộ sở hữu trí tuệ tăng so với giai đoạn trước', 'Intellectual-property protections, growth on the previous period', 'lần', 'times', 1, 1.5, 'ip_filings'],
  ['ocop_ip_products', 'Sản phẩm OCOP được bảo hộ sở hữu trí tuệ', 'OCOP products with protected intellectual property', 'sản phẩm', 'products', 0, 30, 'ocop_ip_products'],
  ['new_st_enterprises', 'Doanh nghiệp khoa học và công nghệ mới', 'New science and technology enterprises', 'doanh nghiệp', 'enterprises', 0, 5, 'new_st_enterprises'],
  ['co_investment', 'Vốn đối ứng của doanh nghiệp so với kinh phí ngân sách được tài trợ', 'Enterprise co-investment against the state money granted', '%', '%', 0, 100, 'counterpart_vs_state'],
  ['st_budget_share', 'Chi ngân sách cho khoa học và công nghệ trên tổng chi ngân sách tỉnh', 'S&T spending as a share of the provincial budget', '%', '%', 0, 1.5, 'manual'],
]

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE calls
    ADD COLUMN results_published_at timestamptz,
    ADD COLUMN results_published_by uuid REFERENCES users (id) ON DELETE SET NULL`.execute(db)
  await sql`CREATE TABLE published_results (
    application_id uuid PRIMARY KEY REFERENCES applications (id),
    call_id uuid NOT NULL REFERENCES calls (id),
    reference text NOT NULL,
    title text NOT NULL,
    summary text NOT NULL DEFAULT '',
    organisation_name text NOT NULL,
    organisation_tax_code text,
    organisation_type text NOT NULL,
    priority_field text NOT NULL,
    amount bigint NOT NULL CHECK (amount >= 0),
    counterpart bigint NOT NULL CHECK (counterpart >= 0),
    duration_months integer,
    decision_number text,
    decision_date date,
    published_at timestamptz NOT NULL,
    modified_at timestamptz NOT NULL
  )`.execute(db)
  await sql`CREATE INDEX published_results_call_idx ON published_results (call_id, reference)`.execute(db)

  await sql`CREATE TABLE resolution_targets (
    id serial PRIMARY KEY,
    code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_]{1,40}$'),
    position integer NOT NULL DEFAULT 0,
    name_vi text NOT NULL CHECK (length(name_vi) > 0),
    name_en text NOT NULL CHECK (length(name_en) > 0),
    unit_vi text NOT NULL DEFAULT '',
    unit_en text NOT NULL DEFAULT '',
    baseline double precision NOT NULL DEFAULT 0,
    target double precision NOT NULL,
    target_year integer NOT NULL CHECK (target_year BETWEEN 2000 AND 2100),
    computation text NOT NULL DEFAULT 'manual',
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid REFERENCES users (id) ON DELETE SET NULL
  )`.execute(db)
  await sql`CREATE TABLE target_values (
    id serial PRIMARY KEY,
    target_id integer NOT NULL REFERENCES resolution_targets (id) ON DELETE CASCADE,
    value double precision NOT NULL,
    as_of date NOT NULL,
    source text NOT NULL CHECK (length(source) > 0),
    recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db)
  await sql`CREATE INDEX target_values_target_idx ON target_values (target_id, as_of DESC, recorded_at DESC)`.execute(db)
  let position = 0
  for (const [code, vi, en, unitVi, unitEn, baseline, target, computation] of TARGETS) {
    position += 1
    await sql`INSERT INTO resolution_targets (code, position, name_vi, name_en, unit_vi, unit_en, baseline, target, target_year, computation)
      VALUES (${code}, ${position}, ${vi}, ${en}, ${unitVi}, ${unitEn}, ${baseline}, ${target}, 2030, ${computation})`.execute(db)
  }

  await sql`ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check`.execute(db)
  await sql`ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('issue_decisions', 'export'))`.execute(db)
  await sql`ALTER TABLE jobs ADD COLUMN params jsonb NOT NULL DEFAULT '{}'::jsonb`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM jobs WHERE kind = 'export'`.execute(db)
  await sql`ALTER TABLE jobs DROP COLUMN params`.execute(db)
  await sql`ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check`.execute(db)
  await sql`ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('issue_decisions'))`.execute(db)
  await sql`DROP TABLE target_values`.execute(db)
  await sql`DROP TABLE resolution_targets`.execute(db)
  await sql`DROP TABLE published_results`.execute(db)
  await sql`ALTER TABLE calls DROP COLUMN results_published_by, DROP COLUMN results_published_at`.execute(db)
}
