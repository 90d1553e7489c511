import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { ApplicationStatus } from '../../../db/schema'
import { formatDateTime, TIME_ZONE } from '../../i18n/format'
import { type Lang, translator } from '../../i18n'
import { recordAudit } from '../audit'
import { callPhase } from '../calls/phase'
import { renderReceipt } from '../documents'
import { enqueueEmail } from '../notifications'
import type { MemberApplication } from './access'
import { budgetProblems, durationProblem, readBudget } from './budget'
import { organisationComplete } from './drafts'
import { FORM_SECTIONS, pickSection, sectionProblems } from './sections'
import { withdrawSchema } from './submission-schema'

// Submitting an application, and withdrawing it. Each status change is ONE function here that locks the
// application's row, checks the state, writes the new status, the history row (application_events), the
// audit entry and the outbox message in one transaction, and answers with a typed refusal otherwise. They are
// written to move into the workflow module (the status machine) unchanged in substance.

/** Something that stops a submission: a catalogue key (parameters in query form) and where to fix it. */
export interface SubmissionProblem {
  message: string
  href: string
  /** A call document's name, for the "document missing" message (which names it in the page's language). */
  document?: { vi: string; en: string }
}

/** Statuses from which an application may still be withdrawn: anything before the Fund's decision. */
export const WITHDRAWABLE: readonly ApplicationStatus[] = [
  'draft', 'submitted', 'screening', 'changes_requested', 'resubmitted', 'eligible', 'in_review', 'reviewed',
  'recommended', 'not_recommended',
]

/**
 * Everything that stops this application from being submitted now: the deadline (with the call's grace
 * minutes, by server time), every section not completed or no longer passing its full checks, every mandatory
 * document without a file, and the call's budget and duration rules.
 */
export async function checkSubmission(db: DB, access: MemberApplication, now = new Date()): Promise<SubmissionProblem[]> {
  const appId = access.application.id
  const base = `/applications/${appId}`
  const problems: SubmissionProblem[] = []
  if (callPhase(access.call, now) !== 'open') problems.push({ message: 'submission.problem.deadline', href: base })

  const rows = await db.selectFrom('application_sections').select(['key', 'data', 'completed']).where('application_id', '=', appId).execute()
  for (const key of FORM_SECTIONS) {
    const href = `${base}/sections/${key}`
    const row = rows.find((r) => r.key === key)
    if (!row || !row.completed) {
      problems.push({ message: `submission.problem.section.${key}`, href })
      continue
    }
    const data = pickSection(key, (row.data ?? {}) as Record<string, unknown>)
    // The call's rules, reported in their own words; any other failing check means the section is not complete.
    const rules: string[] = []
    if (key === 'budget') rules.push(...Object.values(budgetProblems(readBudget(data), access.call)))
    if (key === 'general' && /^\d{1,3}$/.test(data.duration_months ?? '')) {
      const p = durationProblem(Number(data.duration_months), access.call)
      if (p) rules.push(p)
    }
    for (const message of rules) problems.push({ message, href })
    const other = Object.values(sectionProblems(key, data, access.call)).filter((m) => !rules.includes(m))
    if (other.length) problems.push({ message: `submission.problem.section.${key}`, href })
  }

  const org = await db.selectFrom('organisations').selectAll().where('id', '=', access.organisation.id).executeTakeFirst()
  if (!org || !organisationComplete(org)) problems.push({ message: 'submission.problem.section.organisation', href: `${base}/sections/organisation` })

  const missing = await db
    .selectFrom('call_documents as d')
    .leftJoin('attachments as a', (j) => j.onRef('a.call_document_id', '=', 'd.id').on('a.application_id', '=', appId))
    .select(['d.id', 'd.name_vi', 'd.name_en'])
    .where('d.call_id', '=', access.call.id)
    .where('d.mandatory', '=', true)
    .where('a.id', 'is', null)
    .orderBy('d.position')
    .orderBy('d.id')
    .execute()
  for (const d of missing) {
    problems.push({ message: 'submission.problem.document', href: `${base}/attachments#file-${d.id}`, document: { vi: d.name_vi, en: d.name_en } })
  }
  return problems
}

export type SubmitRefusal =
  | { ok: false; reason: 'forbidden'; status: 403 }
  | { ok: false; reason: 'status'; status: 409 }
  | { ok: false; reason: 'changed'; status: 409 }
  | { ok: false; reason: 'deadline'; status: 403 }
  | { ok: false; reason: 'problems'; status: 400; problems: SubmissionProblem[] }

export type SubmitResult = { ok: true; reference: string; submittedAt: Date; already: boolean } | SubmitRefusal

export interface Submitter {
  id: string
  email: string
  fullName: string
}

/** The year of an instant in Việt Nam (a submission at 00:30 on 1 January, local time, belongs to the new year). */
export function vnYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric' }).format(at))
}

export function formatReference(prefix: string, year: number, n: number) {
  return `${prefix}-${year}-${String(n).padStart(4, '0')}`
}

/**
 * Submits a draft. Idempotent: a second submit (a double click, two tabs) waits for the first on the row
 * lock and gets the same reference back, with no second e-mail. Everything happens in one transaction: the
 * reference (gap-free per year), the frozen organisation snapshot, the history row, the audit entry and the
 * confirmation e-mail with its receipt PDF; a refusal changes nothing.
 */
export async function submitApplication(
  db: DB,
  access: MemberApplication,
  user: Submitter,
  input: { expectedVersion: number; lang: Lang; appUrl?: string; ip?: string | null },
  now = new Date(),
): Promise<SubmitResult> {
  if (access.role === 'viewer') return { ok: false, reason: 'forbidden', status: 403 }
  const appId = access.application.id
  return db.transaction().execute(async (trx): Promise<SubmitResult> => {
    const app = await trx.selectFrom('applications').selectAll().where('id', '=', appId).forUpdate().executeTakeFirstOrThrow()
    if (app.status === 'submitted' && app.reference && app.submitted_at) {
      return { ok: true, reference: app.reference, submittedAt: app.submitted_at, already: true }
    }
    if (app.status !== 'draft') return { ok: false, reason: 'status', status: 409 }
    if (app.version !== input.expectedVersion) return { ok: false, reason: 'changed', status: 409 }
    const call = await trx
      .selectFrom('calls')
      .select(['id', 'code', 'title_vi', 'title_en', 'status', 'opens_at', 'closes_at', 'grace_minutes', 'max_amount', 'min_counterpart_pct', 'max_duration_months', 'modality'])
      .where('id', '=', app.call_id)
      .executeTakeFirstOrThrow()
    if (callPhase(call, now) !== 'open') return { ok: false, reason: 'deadline', status: 403 }
    const fresh: MemberApplication = { ...access, application: app, call }
    const problems = await checkSubmission(trx, fresh, now)
    if (problems.length) return { ok: false, reason: 'problems', status: 400, problems }

    const org = await trx.selectFrom('organisations').selectAll().where('id', '=', app.organisation_id).executeTakeFirstOrThrow()
    const snapshot = JSON.parse(JSON.stringify(org)) as Record<string, unknown>
    const fund = await trx.selectFrom('fund_settings').selectAll().orderBy('id').executeTakeFirst()
    const year = vnYear(now)
    // Gap-free: the counter's increment commits or rolls back with the submission.
    const counter = await sql<{ last: number }>`
      INSERT INTO reference_counters (scope, year, last) VALUES ('application', ${year}, 1)
      ON CONFLICT (scope, year) DO UPDATE SET last = reference_counters.last + 1
      RETURNING last`.execute(trx)
    const reference = formatReference(fund?.short_name || 'QKHCN', year, Number(counter.rows[0].last))

    const updated = await trx
      .updateTable('applications')
      .set({ status: 'submitted', reference, submitted_at: now, version: sql`version + 1`, organisation_snapshot: snapshot, updated_at: now })
      .where('id', '=', appId)
      .returning(['version'])
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('application_events')
      .values({ application_id: appId, at: now, actor_id: user.id, event: 'submitted', from_status: 'draft', to_status: 'submitted', details: { reference } })
      .execute()
    await recordAudit(trx, {
      action: 'application.submitted',
      actor: user,
      subjectType: 'application',
      subjectId: appId,
      ip: input.ip ?? null,
      details: { reference, call: call.code, version: updated.version },
    })

    const lang = input.lang
    const t = translator(lang)
    const documents = await trx
      .selectFrom('attachments as a')
      .innerJoin('call_documents as d', 'd.id', 'a.call_document_id')
      .select(['d.name_vi', 'd.name_en', 'a.filename', 'a.size_bytes', 'a.sha256'])
      .where('a.application_id', '=', appId)
      .orderBy('d.position')
      .orderBy('d.id')
      .execute()
    const callTitle = lang === 'en' && call.title_en ? call.title_en : call.title_vi
    const pdf = await renderReceipt({
      lang,
      fundName: fund ? (lang === 'en' ? fund.name_en : fund.name_vi) : t('fund.name'),
      parentBody: fund ? (lang === 'en' ? fund.parent_body_en : fund.parent_body_vi) : t('fund.parent'),
      reference,
      submittedAt: now,
      callCode: call.code,
      callTitle,
      organisationName: org.name,
      organisationIdentifier: org.identifier,
      applicationTitle: app.title,
      requestedAmount: Number(app.requested_amount),
      counterpartAmount: Number(app.counterpart_amount),
      documents: documents.map((d) => ({
        name: lang === 'en' && d.name_en ? d.name_en : d.name_vi,
        filename: d.filename,
        sizeBytes: Number(d.size_bytes),
        sha256: d.sha256,
      })),
    })
    await enqueueEmail(trx, {
      template: 'application_submitted',
      to: { address: user.email, name: user.fullName },
      lang,
      data: {
        name: user.fullName,
        reference,
        callTitle,
        applicationTitle: app.title,
        organisation: org.name,
        submittedAt: formatDateTime(now, lang),
        link: `${input.appUrl ?? ''}/applications/${appId}`,
      },
      attachments: [{ filename: `${t('submission.receipt.filename')}-${reference}.pdf`, contentType: 'application/pdf', content: pdf }],
    })
    return { ok: true, reference, submittedAt: now, already: false }
  })
}

export type WithdrawResult =
  | { ok: true; status: 'withdrawn' }
  | { ok: false; reason: 'forbidden'; status: 403 }
  | { ok: false; reason: 'status'; status: 409 }
  | { ok: false; reason: 'invalid'; status: 400; errors: Record<string, string> }

/** Whether this member may withdraw the application now (owners and editors, before a decision). */
export function canWithdraw(access: MemberApplication): boolean {
  return access.role !== 'viewer' && WITHDRAWABLE.includes(access.application.status)
}

/** Withdraws an application (a draft or one not yet decided), with the applicant's reason. */
export async function withdrawApplication(
  db: DB,
  access: MemberApplication,
  user: Submitter,
  input: { reason: unknown; ip?: string | null },
  now = new Date(),
): Promise<WithdrawResult> {
  if (access.role === 'viewer') return { ok: false, reason: 'forbidden', status: 403 }
  const parsed = withdrawSchema.safeParse({ reason: input.reason })
  if (!parsed.success) {
    const errors: Record<string, string> = {}
    for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message
    return { ok: false, reason: 'invalid', status: 400, errors }
  }
  const reason = parsed.data.reason
  const appId = access.application.id
  return db.transaction().execute(async (trx): Promise<WithdrawResult> => {
    const app = await trx.selectFrom('applications').select(['status', 'reference']).where('id', '=', appId).forUpdate().executeTakeFirstOrThrow()
    if (!WITHDRAWABLE.includes(app.status)) return { ok: false, reason: 'status', status: 409 }
    await trx
      .updateTable('applications')
      .set({ status: 'withdrawn', withdrawn_at: now, withdraw_reason: reason, version: sql`version + 1`, updated_at: now })
      .where('id', '=', appId)
      .execute()
    await trx
      .insertInto('application_events')
      .values({ application_id: appId, at: now, actor_id: user.id, event: 'withdrawn', from_status: app.status, to_status: 'withdrawn', details: { reason } })
      .execute()
    await recordAudit(trx, {
      action: 'application.withdrawn',
      actor: user,
      subjectType: 'application',
      subjectId: appId,
      ip: input.ip ?? null,
      details: { from: app.status, reference: app.reference, reason },
    })
    return { ok: true, status: 'withdrawn' }
  })
}

export interface ApplicationEvent {
  id: number
  at: Date
  event: string
  fromStatus: string | null
  toStatus: string | null
  details: Record<string, unknown>
  actorName: string | null
  actorEmail: string | null
}

/** The application's history for its timeline, newest first (at most 200 entries). */
export async function listApplicationEvents(db: DB, applicationId: string): Promise<ApplicationEvent[]> {
  const rows = await db
    .selectFrom('application_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.at', 'e.event', 'e.from_status', 'e.to_status', 'e.details', 'u.full_name', 'u.email'])
    .where('e.application_id', '=', applicationId)
    .orderBy('e.id', 'desc')
    .limit(200)
    .execute()
  return rows.map((r) => ({ id: r.id, at: r.at, event: r.event, fromStatus: r.from_status, toStatus: r.to_status, details: r.details ?? {}, actorName: r.full_name, actorEmail: r.email }))
}
