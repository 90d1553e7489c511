import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// The status machine's bookkeeping (who moved an application last, from which version), the fund's
// messages to applicants (plain messages, requests for changes with a due date and the sections they open,
// notices of ineligibility and of decisions), internal staff notes, the screening checklist, the public
// holidays the working-day clocks skip (data), and the review rules as fund configuration.

const statements = [
  `ALTER TABLE applications
    ADD COLUMN status_changed_at timestamptz,
    ADD COLUMN status_changed_by uuid REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN approved_amount bigint CHECK (approved_amount >= 0),
    ADD COLUMN decision_conditions text,
    ADD COLUMN decided_at timestamptz`,
  `ALTER TABLE application_events ADD COLUMN from_version integer`,
  `CREATE TABLE application_messages (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    author_id uuid REFERENCES users (id) ON DELETE SET NULL,
    kind text NOT NULL CHECK (kind IN ('message', 'change_request', 'eligible', 'ineligible', 'approved', 'rejected', 'cancelled')),
    body text NOT NULL,
    due_on date,
    sections jsonb NOT NULL DEFAULT '[]'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz
  )`,
  `CREATE INDEX application_messages_app_idx ON application_messages (application_id, id)`,
  `CREATE TABLE staff_notes (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    author_id uuid REFERENCES users (id) ON DELETE SET NULL,
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX staff_notes_app_idx ON staff_notes (application_id, id)`,
  `CREATE TABLE screening_checks (
    application_id uuid PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
    items jsonb NOT NULL DEFAULT '{}'::jsonb,
    notes text NOT NULL DEFAULT '',
    updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE holidays (
    day date PRIMARY KEY,
    name_vi text NOT NULL,
    name_en text NOT NULL
  )`,
  `ALTER TABLE fund_settings ADD COLUMN review_rules jsonb NOT NULL DEFAULT '{}'::jsonb`,
  `ALTER TABLE calls ADD COLUMN blind boolean NOT NULL DEFAULT false`,
  // Search that ignores Vietnamese diacritics and case ("dak lak" finds "Đắk Lắk"), the same on PostgreSQL and
  // PGlite (no unaccent extension needed): every accented letter, either case, to its base letter, then lower
  // case (which the C locale does for ASCII only, hence both cases in the table).
  `CREATE FUNCTION vn_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(translate(value,
      'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ',
      'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydAAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD'))
  $$`,
]

// Việt Nam's public holidays for 2026 and 2027 (Labour Code 2019, art. 112, with the days in lieu; 2027's
// Tết days are provisional until the Government announces them), copied from app/modules/calendar/holidays-vn.ts
// as it stood. Kept as data: next year's days are added to the table, not to code.
const HOLIDAYS: [string, string, string][] = [
  ['2026-01-01', 'Tết Dương lịch', "New Year's Day"],
  ['2026-02-16', 'Tết Nguyên đán', 'Lunar New Year (Tết)'],
  ['2026-02-17', 'Tết Nguyên đán', 'Lunar New Year (Tết)'],
  ['2026-02-18', 'Tết Nguyên đán', 'Lunar New Year (Tết)'],
  ['2026-02-19', 'Tết Nguyên đán', 'Lunar New Year (Tết)'],
  ['2026-02-20', 'Tết Nguyên đán', 'Lunar New Year (Tết)'],
  ['2026-04-26', 'Giỗ Tổ Hùng Vương', 'Hung Kings Commemoration Day'],
  ['2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'Hung Kings Commemoration Day (day in lieu)'],
  ['2026-04-30', 'Ngày Chiến thắng', 'Reunification Day'],
  ['2026-05-01', 'Ngày Quốc tế Lao động', 'International Labour Day'],
  ['2026-09-01', 'Quốc khánh', 'National Day'],
  ['2026-09-02', 'Quốc khánh', 'National Day'],
  ['2027-01-01', 'Tết Dương lịch', "New Year's Day"],
  ['2027-02-05', 'Tết Nguyên đán', 'Lunar New Year (Tết)'],
  ['2027-02-08', 'Tết Nguyên đán', 'Lunar New Year (Tết)'],
  ['2027-02-09', 'Tết Nguyên đán', 'Lunar New Year (Tết)'],
  ['2027-02-10', 'Nghỉ bù Tết Nguyên đán', 'Lunar New Year (day in lieu)'],
  ['2027-02-11', 'Nghỉ bù Tết Nguyên đán', 'Lunar New Year (day in lieu)'],
  ['2027-04-16', 'Giỗ Tổ Hùng Vương', 'Hung Kings Commemoration Day'],
  ['2027-04-30', 'Ngày Chiến thắng', 'Reunification Day'],
  ['2027-05-01', 'Ngày Quốc tế Lao động', 'International Labour Day'],
  ['2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động', 'International Labour Day (day in lieu)'],
  ['2027-09-02', 'Quốc khánh', 'National Day'],
  ['2027-09-03', 'Quốc khánh', 'National Day'],
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
  if (HOLIDAYS.length) {
    await db
      .insertInto('holidays')
      .values(HOLIDAYS.map(([day, name_vi, name_en]) => ({ day, name_vi, name_en })))
      .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['holidays', 'screening_checks', 'staff_notes', 'application_messages']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db)
  }
  await sql`DROP FUNCTION vn_fold(text)`.execute(db)
  await sql`ALTER TABLE calls DROP COLUMN blind`.execute(db)
  await sql`ALTER TABLE fund_settings DROP COLUMN review_rules`.execute(db)
  await sql`ALTER TABLE application_events DROP COLUMN from_version`.execute(db)
  await sql.raw(`ALTER TABLE applications DROP COLUMN status_changed_at, DROP COLUMN status_changed_by,
    DROP COLUMN approved_amount, DROP COLUMN decision_conditions, DROP COLUMN decided_at`).execute(db)
}
