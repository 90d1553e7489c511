import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// The progress reports' schedule is now drawn when the work starts and redrawn when a signed amendment changes
// the contract, no longer by the pages that read it. This draws it once for every contract already running
// (signed, its task in progress), as the pages did: a period of N months counted from the start each time (the
// day clamped to the month's last, as PostgreSQL adds months), due the day after it ends, as long as that day is
// on or before the contract's end; a report nobody has sent follows the contract's dates; one the schedule no
// longer has, and nobody sent, is removed. A report already sent is never touched.

const PERIODS = sql`
  SELECT c.id AS contract_id, s.seq,
    (c.starts_on + make_interval(months => (s.seq - 1) * c.report_every_months))::date AS period_from,
    (c.starts_on + make_interval(months => s.seq * c.report_every_months))::date - 1 AS period_to,
    (c.starts_on + make_interval(months => s.seq * c.report_every_months))::date AS due_on
  FROM contracts c
  JOIN applications a ON a.id = c.application_id
  CROSS JOIN LATERAL generate_series(1, 1 + (c.ends_on - c.starts_on) / 28) AS s(seq)
  WHERE c.status = 'signed' AND a.status = 'in_progress'
    AND (c.starts_on + make_interval(months => s.seq * c.report_every_months))::date <= c.ends_on`

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    INSERT INTO progress_reports (contract_id, seq, period_from, period_to, due_on)
    SELECT contract_id, seq, period_from, period_to, due_on FROM (${PERIODS}) p
    ON CONFLICT (contract_id, seq) DO NOTHING`.execute(db)
  await sql`
    UPDATE progress_reports r SET period_from = p.period_from, period_to = p.period_to, due_on = p.due_on
    FROM (${PERIODS}) p
    WHERE r.contract_id = p.contract_id AND r.seq = p.seq AND r.status = 'due'
      AND (r.due_on <> p.due_on OR r.period_from <> p.period_from)`.execute(db)
  await sql`
    DELETE FROM progress_reports r
    USING contracts c, applications a
    WHERE r.contract_id = c.id AND a.id = c.application_id AND c.status = 'signed' AND a.status = 'in_progress' AND r.status = 'due'
      AND r.seq > (SELECT count(*) FROM (${PERIODS}) p WHERE p.contract_id = c.id)`.execute(db)
}

/** Nothing to undo: the reports drawn are the ones the pages would have drawn. */
export async function down(): Promise<void> {}
