import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// The money of a funded task (issue 12, ADR 019): the chief accountant's role; payment requests against the
// contract's tranches (the grantee asks with evidence, the office checks, the chief accountant approves, then
// paid or failed), each step a row of history; the settlement of spending by budget category; amounts to
// refund or recover and what was repaid; the liquidation of the contract.
//
// The Fund never pays more than the contract's fund_amount: a trigger locks the contract row and refuses an
// approval (or a payment) that would take the approved-or-paid total past it. The lock makes two concurrent
// approvals queue, and the second sees the first's row when it runs its sum (READ COMMITTED: each statement of
// the trigger takes a fresh snapshot after the lock is granted).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE user_roles DROP CONSTRAINT user_roles_role_check`.execute(db)
  await sql`ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_check CHECK (role IN ('applicant', 'reviewer', 'staff', 'director', 'admin', 'accountant'))`.execute(db)

  // The Fund's money rules, as stored overrides of the defaults the payments module knows (like review_rules).
  await sql`ALTER TABLE fund_settings ADD COLUMN money_rules jsonb NOT NULL DEFAULT '{}'::jsonb`.execute(db)

  await sql`
    CREATE TABLE payment_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
      tranche_id uuid NOT NULL REFERENCES contract_tranches (id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'checked', 'approved', 'paid', 'failed', 'returned')),
      amount bigint NOT NULL CHECK (amount > 0),
      evidence text NOT NULL,
      requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
      requested_at timestamptz NOT NULL DEFAULT now(),
      checked_by uuid REFERENCES users (id) ON DELETE SET NULL,
      checked_at timestamptz,
      check_note text NOT NULL DEFAULT '',
      condition_met boolean,
      approved_by uuid REFERENCES users (id) ON DELETE SET NULL,
      approved_at timestamptz,
      paid_on date,
      paid_amount bigint CHECK (paid_amount > 0),
      transfer_ref text,
      recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
      failed_reason text,
      returned_reason text,
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (paid_amount IS NULL OR paid_amount <= amount),
      CHECK (status <> 'paid' OR (paid_on IS NOT NULL AND paid_amount IS NOT NULL AND transfer_ref IS NOT NULL)),
      CHECK (status <> 'failed' OR failed_reason IS NOT NULL),
      CHECK (status <> 'returned' OR returned_reason IS NOT NULL)
    )`.execute(db)
  // A tranche has at most one request under way or paid; a returned or failed one may be asked again.
  await sql`CREATE UNIQUE INDEX payment_requests_one_live ON payment_requests (tranche_id) WHERE status IN ('requested', 'checked', 'approved', 'paid')`.execute(db)
  await sql`CREATE INDEX payment_requests_contract ON payment_requests (contract_id)`.execute(db)
  await sql`CREATE INDEX payment_requests_status ON payment_requests (status)`.execute(db)

  await sql`
    CREATE TABLE payment_events (
      id bigserial PRIMARY KEY,
      request_id uuid NOT NULL REFERENCES payment_requests (id) ON DELETE CASCADE,
      from_status text,
      to_status text NOT NULL,
      actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
      note text NOT NULL DEFAULT '',
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX payment_events_request ON payment_events (request_id, id)`.execute(db)

  await sql`
    CREATE FUNCTION payment_within_fund() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      cap bigint;
      committed bigint;
    BEGIN
      IF NEW.status NOT IN ('approved', 'paid') THEN
        RETURN NEW;
      END IF;
      SELECT fund_amount INTO cap FROM contracts WHERE id = NEW.contract_id FOR UPDATE;
      SELECT COALESCE(SUM(COALESCE(paid_amount, amount)), 0) INTO committed
        FROM payment_requests
        WHERE contract_id = NEW.contract_id AND status IN ('approved', 'paid') AND id <> NEW.id;
      IF committed + COALESCE(NEW.paid_amount, NEW.amount) > cap THEN
        RAISE EXCEPTION 'payments of contract % would exceed its fund amount % (% already committed, % more)',
          NEW.contract_id, cap, committed, COALESCE(NEW.paid_amount, NEW.amount)
          USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_within_fund';
      END IF;
      RETURN NEW;
    END
    $$`.execute(db)
  await sql`CREATE TRIGGER payment_within_fund BEFORE INSERT OR UPDATE ON payment_requests FOR EACH ROW EXECUTE FUNCTION payment_within_fund()`.execute(db)

  // Quyết toán: spending reported by budget category against the contract's plan; the office accepts it.
  await sql`
    CREATE TABLE settlements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL UNIQUE REFERENCES contracts (id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'returned')),
      lines jsonb NOT NULL DEFAULT '[]'::jsonb,
      spent_total bigint NOT NULL CHECK (spent_total >= 0),
      note text NOT NULL DEFAULT '',
      submitted_by uuid REFERENCES users (id) ON DELETE SET NULL,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
      decided_at timestamptz,
      decision_note text NOT NULL DEFAULT '',
      version integer NOT NULL DEFAULT 1
    )`.execute(db)

  // Money owed back to the Fund: a refund of what was not spent, or a recovery on failure; repaid in parts.
  await sql`
    CREATE TABLE recoveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('refund', 'recovery')),
      amount bigint NOT NULL CHECK (amount > 0),
      reason text NOT NULL,
      due_on date,
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX recoveries_contract ON recoveries (contract_id)`.execute(db)
  await sql`
    CREATE TABLE recovery_receipts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      recovery_id uuid NOT NULL REFERENCES recoveries (id) ON DELETE CASCADE,
      amount bigint NOT NULL CHECK (amount > 0),
      received_on date NOT NULL,
      transfer_ref text NOT NULL,
      recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  // Nobody repays more than is owed: the same lock-then-sum as the payments.
  await sql`
    CREATE FUNCTION recovery_within_amount() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      owed bigint;
      received bigint;
    BEGIN
      SELECT amount INTO owed FROM recoveries WHERE id = NEW.recovery_id FOR UPDATE;
      SELECT COALESCE(SUM(amount), 0) INTO received FROM recovery_receipts WHERE recovery_id = NEW.recovery_id AND id <> NEW.id;
      IF received + NEW.amount > owed THEN
        RAISE EXCEPTION 'receipts of recovery % would exceed the amount owed %', NEW.recovery_id, owed
          USING ERRCODE = 'check_violation', CONSTRAINT = 'recovery_within_amount';
      END IF;
      RETURN NEW;
    END
    $$`.execute(db)
  await sql`CREATE TRIGGER recovery_within_amount BEFORE INSERT OR UPDATE ON recovery_receipts FOR EACH ROW EXECUTE FUNCTION recovery_within_amount()`.execute(db)

  // The liquidation record is signed like the Fund's other documents (decisions/requests.ts).
  await sql`ALTER TABLE signature_requests DROP CONSTRAINT signature_requests_kind_check`.execute(db)
  await sql`ALTER TABLE signature_requests ADD CONSTRAINT signature_requests_kind_check CHECK (kind IN ('decision', 'notice', 'ineligible', 'supplementation', 'minutes', 'appraisal_minutes', 'opening_record', 'contract', 'amendment', 'change_decision', 'liquidation'))`.execute(db)

  // Thanh lý: the final figures of the contract, the amount to recover on failure, and its signed record.
  await sql`
    CREATE TABLE liquidations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL UNIQUE REFERENCES contracts (id) ON DELETE CASCADE,
      outcome text NOT NULL CHECK (outcome IN ('completed', 'failed')),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'signed')),
      paid_total bigint NOT NULL CHECK (paid_total >= 0),
      spent_accepted bigint NOT NULL CHECK (spent_accepted >= 0),
      cause text CHECK (cause IN ('objective', 'subjective')),
      unused_pct numeric(5, 2) NOT NULL DEFAULT 0,
      spent_pct numeric(5, 2) NOT NULL DEFAULT 0,
      recover_amount bigint NOT NULL DEFAULT 0 CHECK (recover_amount >= 0),
      recovery_id uuid REFERENCES recoveries (id) ON DELETE SET NULL,
      note text NOT NULL DEFAULT '',
      signature_request_id uuid REFERENCES signature_requests (id) ON DELETE SET NULL,
      document_id uuid REFERENCES documents (id) ON DELETE SET NULL,
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      signed_at timestamptz,
      CHECK (outcome = 'failed' OR recover_amount = 0)
    )`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE liquidations`.execute(db)
  await sql`DELETE FROM signature_requests WHERE kind = 'liquidation'`.execute(db)
  await sql`ALTER TABLE signature_requests DROP CONSTRAINT signature_requests_kind_check`.execute(db)
  await sql`ALTER TABLE signature_requests ADD CONSTRAINT signature_requests_kind_check CHECK (kind IN ('decision', 'notice', 'ineligible', 'supplementation', 'minutes', 'appraisal_minutes', 'opening_record', 'contract', 'amendment', 'change_decision'))`.execute(db)
  await sql`DROP TABLE recovery_receipts`.execute(db)
  await sql`DROP FUNCTION recovery_within_amount()`.execute(db)
  await sql`DROP TABLE recoveries`.execute(db)
  await sql`DROP TABLE settlements`.execute(db)
  await sql`DROP TABLE payment_events`.execute(db)
  await sql`DROP TABLE payment_requests`.execute(db)
  await sql`DROP FUNCTION payment_within_fund()`.execute(db)
  await sql`ALTER TABLE fund_settings DROP COLUMN money_rules`.execute(db)
  await sql`DELETE FROM user_roles WHERE role = 'accountant'`.execute(db)
  await sql`ALTER TABLE user_roles DROP CONSTRAINT user_roles_role_check`.execute(db)
  await sql`ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_check CHECK (role IN ('applicant', 'reviewer', 'staff', 'director', 'admin'))`.execute(db)
}
