import { sql } from 'kysely'
import type { DB } from '../../../db'
import { type AuditInput, auditRow } from '../audit'

// A dossier's reference (QKHCN-2026-0042) is gap-free per year: the counter's increment commits or rolls back with
// the submission, so the year's counter row stays locked from the increment to the commit, and every other
// submission of the year waits meanwhile. On deadline day that wait is the submissions' queue (bench/README.md):
// each statement sent after the increment adds a round trip through a busy Node process to the time the row is
// held. So the submission writes everything first with a placeholder where the reference goes, and takes the
// number last, in one statement that also puts it in place: the row is held for that statement and the commit.
// ADR 027.

/** Where the reference will go: the history row's details and the mails' text (the audit entry is appended here). */
export const REFERENCE_PLACEHOLDER = '⟦reference⟧'

/** The reference to take once the rest of the submission is written (RuleOutcome.reference). */
export interface PendingReference {
  year: number
  prefix: string
  /** The outbox rows whose subject, bodies and attachment names hold the placeholder. */
  mailIds: number[]
}

/**
 * Takes the year's next number and writes the reference everywhere the submission left the placeholder: the
 * application, its history row, its mails; and appends the audit entry with it (the audit log is append-only, so
 * it is written once, here). Called last in the submission's transaction.
 * The format is `formatReference`'s (applications/submission.ts): prefix-year-number, the number padded to 4.
 */
export async function takeReference(trx: DB, applicationId: string, pending: PendingReference, audit: AuditInput): Promise<string> {
  const entry = auditRow(audit)
  const result = await sql<{ ref: string }>`
    WITH n AS (
      INSERT INTO reference_counters (scope, year, last) VALUES ('application', ${pending.year}, 1)
      ON CONFLICT (scope, year) DO UPDATE SET last = reference_counters.last + 1
      RETURNING last
    ), r AS (
      SELECT ${pending.prefix}::text || '-' || ${String(pending.year)}::text || '-' || lpad(last::text, greatest(4, length(last::text)), '0') AS ref FROM n
    ), app AS (
      UPDATE applications SET reference = r.ref FROM r WHERE applications.id = ${applicationId} RETURNING 1
    ), ev AS (
      UPDATE application_events SET details = jsonb_set(details, '{reference}', to_jsonb(r.ref)) FROM r
      WHERE application_id = ${applicationId} AND details->>'reference' = ${REFERENCE_PLACEHOLDER} RETURNING 1
    ), au AS (
      INSERT INTO audit_log (action, actor_id, actor_email, subject_type, subject_id, ip, details)
      SELECT ${entry.action}::text, ${entry.actor_id}::uuid, ${entry.actor_email}::text, ${entry.subject_type}::text, ${entry.subject_id}::text, ${entry.ip}::text,
        jsonb_set(${JSON.stringify(entry.details)}::text::jsonb, '{reference}', to_jsonb(r.ref)) FROM r
      RETURNING 1
    ), mail AS (
      UPDATE email_outbox SET
        subject = replace(subject, ${REFERENCE_PLACEHOLDER}, r.ref),
        text_body = replace(text_body, ${REFERENCE_PLACEHOLDER}, r.ref),
        html_body = replace(html_body, ${REFERENCE_PLACEHOLDER}, r.ref),
        attachments = replace(attachments::text, ${REFERENCE_PLACEHOLDER}, r.ref)::jsonb
      FROM r WHERE email_outbox.id = ANY(${sql.raw(pending.mailIds.length ? `ARRAY[${pending.mailIds.map((id) => Number(id)).join(',')}]::bigint[]` : `ARRAY[]::bigint[]`)})
      RETURNING 1
    )
    SELECT ref FROM r`.execute(trx) // (PostgreSQL runs every data-modifying part of a WITH, read or not)
  return result.rows[0].ref
}

/** The same value with the placeholder replaced, for what the caller keeps in memory (the event's details). */
export function withReference<T>(value: T, reference: string): T {
  return JSON.parse(JSON.stringify(value).replaceAll(REFERENCE_PLACEHOLDER, reference)) as T
}
