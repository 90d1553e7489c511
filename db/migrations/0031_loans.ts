import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// Preferential loans (cho vay ưu đãi, issue 12, ADR 026):
// - a call says how its loans are repaid: equal principal or annuity, and every how many months;
// - the Fund's loan rules (reminder and overdue periods) are data in fund_settings.loan_rules;
// - a loan is recorded at its disbursement (date, amount, transfer reference) with the rate and term the
//   decision states; its schedule of instalments follows from it, repayments are split over the instalments.
// The database keeps the two sums that must hold whatever the code does: what an instalment has been paid never
// exceeds what it asks, and the instalments' principal adds up to the loan's principal (checked at commit, since
// an early repayment rewrites several instalments in one transaction).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE calls
    ADD COLUMN loan_repayment_method text NOT NULL DEFAULT 'equal_principal' CHECK (loan_repayment_method IN ('equal_principal', 'annuity')),
    ADD COLUMN loan_repayment_every_months integer NOT NULL DEFAULT 1 CHECK (loan_repayment_every_months BETWEEN 1 AND 12)`.execute(db)
  await sql`ALTER TABLE fund_settings ADD COLUMN loan_rules jsonb NOT NULL DEFAULT '{}'::jsonb`.execute(db)

  await sql`
    CREATE TABLE loans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL UNIQUE REFERENCES contracts (id) ON DELETE CASCADE,
      principal bigint NOT NULL CHECK (principal > 0),
      rate_bp integer NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
      term_months integer NOT NULL CHECK (term_months BETWEEN 1 AND 600),
      every_months integer NOT NULL CHECK (every_months BETWEEN 1 AND 12),
      method text NOT NULL CHECK (method IN ('equal_principal', 'annuity')),
      disbursed_on date NOT NULL,
      disbursement_reference text NOT NULL CHECK (length(disbursement_reference) > 0),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'repaid')),
      repaid_on date,
      version integer NOT NULL DEFAULT 1,
      recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'repaid') = (repaid_on IS NOT NULL))
    )`.execute(db)
  await sql`
    CREATE TABLE loan_instalments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      loan_id uuid NOT NULL REFERENCES loans (id) ON DELETE CASCADE,
      seq integer NOT NULL CHECK (seq >= 1),
      due_on date NOT NULL,
      months integer NOT NULL CHECK (months >= 1),
      principal bigint NOT NULL CHECK (principal >= 0),
      interest bigint NOT NULL CHECK (interest >= 0),
      paid_principal bigint NOT NULL DEFAULT 0 CHECK (paid_principal >= 0 AND paid_principal <= principal),
      paid_interest bigint NOT NULL DEFAULT 0 CHECK (paid_interest >= 0 AND paid_interest <= interest),
      reminded_at timestamptz,
      overdue_notified_on date,
      UNIQUE (loan_id, seq)
    )`.execute(db)
  await sql`CREATE INDEX loan_instalments_due ON loan_instalments (due_on) WHERE paid_principal < principal OR paid_interest < interest`.execute(db)
  await sql`
    CREATE TABLE loan_repayments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      loan_id uuid NOT NULL REFERENCES loans (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('scheduled', 'early')),
      paid_on date NOT NULL,
      amount bigint NOT NULL CHECK (amount > 0),
      principal bigint NOT NULL CHECK (principal >= 0),
      interest bigint NOT NULL CHECK (interest >= 0),
      reference text NOT NULL CHECK (length(reference) > 0),
      note text NOT NULL DEFAULT '',
      recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (principal + interest = amount)
    )`.execute(db)
  await sql`CREATE INDEX loan_repayments_loan ON loan_repayments (loan_id, paid_on)`.execute(db)
  await sql`
    CREATE TABLE loan_repayment_parts (
      repayment_id uuid NOT NULL REFERENCES loan_repayments (id) ON DELETE CASCADE,
      instalment_id uuid NOT NULL REFERENCES loan_instalments (id) ON DELETE CASCADE,
      principal bigint NOT NULL CHECK (principal >= 0),
      interest bigint NOT NULL CHECK (interest >= 0),
      PRIMARY KEY (repayment_id, instalment_id)
    )`.execute(db)

  await sql`
    CREATE FUNCTION loan_schedule_adds_up() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      target uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.loan_id ELSE NEW.loan_id END;
      lent bigint;
      scheduled bigint;
    BEGIN
      SELECT principal INTO lent FROM loans WHERE id = target;
      IF lent IS NULL THEN RETURN NULL; END IF;
      SELECT coalesce(sum(principal), 0) INTO scheduled FROM loan_instalments WHERE loan_id = target;
      IF scheduled <> lent THEN
        RAISE EXCEPTION 'the instalments of loan % repay % đồng of a principal of %', target, scheduled, lent USING ERRCODE = 'check_violation';
      END IF;
      RETURN NULL;
    END;
    $$`.execute(db)
  await sql`
    CREATE CONSTRAINT TRIGGER loan_schedule_adds_up AFTER INSERT OR UPDATE OR DELETE ON loan_instalments
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION loan_schedule_adds_up()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE loan_repayment_parts`.execute(db)
  await sql`DROP TABLE loan_repayments`.execute(db)
  await sql`DROP TABLE loan_instalments`.execute(db)
  await sql`DROP FUNCTION loan_schedule_adds_up()`.execute(db)
  await sql`DROP TABLE loans`.execute(db)
  await sql`ALTER TABLE fund_settings DROP COLUMN loan_rules`.execute(db)
  await sql`ALTER TABLE calls DROP COLUMN loan_repayment_method, DROP COLUMN loan_repayment_every_months`.execute(db)
}
