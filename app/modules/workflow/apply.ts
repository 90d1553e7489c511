import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { Application, ApplicationStatus } from '../../../db/schema'
import type { Lang } from '../../i18n'
import { recordAudit } from '../audit'
import { type Actor, transitionOf, type WorkflowEvent } from './machine'
import { RULES } from './rules'
import { EVENT_INPUT } from './schemas'
import { type PendingReference, takeReference, withReference } from './reference'
import { fieldErrors } from '../../lib/forms.server'

// applyTransition: the only way an application's status changes. One transaction: lock the row; check the
// event, the input, the actor's standing, the version, the state, the role and the event's guard; run its
// effects (which write their messages and e-mails to the outbox in the same transaction); write the status,
// the history row and the audit entry. Or answer with a typed refusal, and change nothing.

export interface TransitionActor {
  id: string
  email: string
  fullName: string
}

export interface TransitionRequest {
  applicationId: string
  event: WorkflowEvent
  actor: TransitionActor
  /** The capacity in which the actor acts; the machine checks they hold it (membership or role). */
  as: Actor
  /** The version the actor's page showed; a different one means someone else changed the application. */
  expectedVersion?: number
  input?: unknown
  /** The language of the actor's page (the submitter's receipt is in it). */
  lang: Lang
  appUrl?: string
  ip?: string | null
  now?: Date
}

/** Who last changed the application, for "changed by … at …". */
export interface LastChange {
  event: string
  at: Date
  by: string | null
}

export type Refusal =
  | { ok: false; reason: 'unknown'; status: 400 }
  | { ok: false; reason: 'invalid'; status: 400; errors: Record<string, string> }
  | { ok: false; reason: 'not_found'; status: 404 }
  | { ok: false; reason: 'role'; status: 403 }
  | { ok: false; reason: 'version'; status: 409; lastChange: LastChange | null }
  | { ok: false; reason: 'state'; status: 409; current: ApplicationStatus; lastChange: LastChange | null }
  | { ok: false; reason: 'guard'; status: 400 | 403 | 409; problem: string; problems?: GuardProblem[] }

/** One thing a guard found wrong: a catalogue key, where to fix it, and the values its words need. */
export interface GuardProblem {
  message: string
  href?: string
  document?: { vi: string; en: string }
}

export type TransitionResult =
  | { ok: true; status: ApplicationStatus; version: number; already: boolean; details: Record<string, unknown> }
  | Refusal

export interface RuleContext {
  trx: DB
  /** The application's row, locked for this transaction. */
  app: Application
  actor: TransitionActor
  as: Actor
  input: any
  lang: Lang
  appUrl: string
  ip: string | null
  now: Date
  expectedVersion?: number
}

export interface RuleOutcome {
  /** Columns of the application changed with the status. */
  set?: Partial<Pick<Application, 'reference' | 'submitted_at' | 'organisation_snapshot' | 'withdrawn_at' | 'withdraw_reason' | 'approved_amount' | 'decision_conditions' | 'decided_at'>>
  /** What the history row and the audit entry keep. */
  details?: Record<string, unknown>
  /** A dossier reference to take once everything else is written (reference.ts): the submission's. */
  reference?: PendingReference
}

export interface Rule {
  /**
   * A refusal in words (or, for input only this application's state requires, the field to fix), or null to
   * go on. Runs after the state, role and version checks, on the locked row.
   */
  guard?: (ctx: RuleContext) => Promise<Extract<Refusal, { reason: 'guard' | 'invalid' }> | null>
  effect?: (ctx: RuleContext) => Promise<RuleOutcome>
}

export async function applyTransition(db: DB, req: TransitionRequest): Promise<TransitionResult> {
  const checked = checkRequest(req)
  if (!checked.ok) return checked
  return db.transaction().execute((trx) => applyChecked(trx, req, checked.transition, checked.input))
}

/**
 * The same, in the caller's transaction: for a signed document that moves the task by itself (a termination
 * amendment, ADR 025), so that the document and the status change commit together or not at all.
 */
export async function applyTransitionIn(trx: DB, req: TransitionRequest): Promise<TransitionResult> {
  const checked = checkRequest(req)
  if (!checked.ok) return checked
  return applyChecked(trx, req, checked.transition, checked.input)
}

function checkRequest(req: TransitionRequest): { ok: true; transition: NonNullable<ReturnType<typeof transitionOf>>; input: unknown } | Refusal {
  const transition = transitionOf(req.event)
  if (!transition) return { ok: false, reason: 'unknown', status: 400 }
  const parsed = EVENT_INPUT[transition.event].safeParse(req.input ?? {})
  if (!parsed.success) {
    return { ok: false, reason: 'invalid', status: 400, errors: fieldErrors(parsed.error) }
  }
  return { ok: true, transition, input: parsed.data }
}

async function applyChecked(trx: DB, req: TransitionRequest, transition: NonNullable<ReturnType<typeof transitionOf>>, parsedInput: unknown): Promise<TransitionResult> {
  const parsed = { data: parsedInput }
  const now = req.now ?? new Date()
  const app = await trx.selectFrom('applications').selectAll().where('id', '=', req.applicationId).forUpdate().executeTakeFirst()
  if (!app) return { ok: false, reason: 'not_found', status: 404 }
  if (!(await holds(trx, app, req.actor.id, req.as))) return { ok: false, reason: 'role', status: 403 }

  if (req.expectedVersion !== undefined && app.version !== req.expectedVersion) {
    const last = await lastEvent(trx, app.id)
    // The same person's same event from the same version: a double click or a retried request. Answer as
    // the first time, and do nothing again.
    if (last && last.event === transition.event && last.actor_id === req.actor.id && last.from_version === req.expectedVersion) {
      return { ok: true, status: app.status, version: app.version, already: true, details: (last.details ?? {}) as Record<string, unknown> }
    }
    return { ok: false, reason: 'version', status: 409, lastChange: last ? { event: last.event, at: last.at, by: last.full_name } : null }
  }
  if (!transition.from.includes(app.status)) {
    const last = await lastEvent(trx, app.id)
    return { ok: false, reason: 'state', status: 409, current: app.status, lastChange: last ? { event: last.event, at: last.at, by: last.full_name } : null }
  }
  if (!transition.by.includes(req.as)) return { ok: false, reason: 'role', status: 403 }

  const ctx: RuleContext = {
    trx,
    app,
    actor: req.actor,
    as: req.as,
    input: parsed.data,
    lang: req.lang,
    appUrl: req.appUrl ?? '',
    ip: req.ip ?? null,
    now,
    expectedVersion: req.expectedVersion,
  }
  const rule: Rule = RULES[transition.event] ?? {}
  const refusal = rule.guard ? await rule.guard(ctx) : null
  if (refusal) return refusal
  // An event without effects keeps the note its actor may have written.
  const input = parsed.data as { note?: string }
  const outcome: RuleOutcome = rule.effect ? await rule.effect(ctx) : { details: input.note ? { note: input.note } : {} }
  const details: Record<string, unknown> = outcome.details ?? {}

  const updated = await trx
    .updateTable('applications')
    .set({
      ...outcome.set,
      status: transition.to,
      version: sql<number>`version + 1`,
      status_changed_at: now,
      status_changed_by: req.actor.id,
      updated_at: now,
    })
    .where('id', '=', app.id)
    .returning(['version'])
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('application_events')
    .values({
      application_id: app.id,
      at: now,
      actor_id: req.actor.id,
      event: transition.event,
      from_status: app.status,
      to_status: transition.to,
      from_version: app.version,
      details,
    })
    .execute()
  const audit = {
    action: `application.${transition.to as Exclude<ApplicationStatus, 'draft'>}` as const,
    actor: req.actor,
    subjectType: 'application',
    subjectId: app.id,
    ip: req.ip ?? null,
    details: { ...details, event: transition.event, from: app.status, reference: app.reference ?? details.reference ?? null, version: updated.version },
  }
  // The dossier's reference is taken last, with the audit entry, so the year's counter is held only for that
  // statement and the commit (reference.ts).
  if (outcome.reference) {
    const reference = await takeReference(trx, app.id, outcome.reference, audit)
    return { ok: true, status: transition.to, version: updated.version, already: false, details: withReference(details, reference) }
  }
  await recordAudit(trx, audit)
  return { ok: true, status: transition.to, version: updated.version, already: false, details }
}

/** Whether the actor holds the capacity they act in: an owner or editor of the applicant, or the role. */
async function holds(trx: DB, app: Application, userId: string, as: Actor): Promise<boolean> {
  if (as === 'applicant') {
    const member = await trx
      .selectFrom('organisation_members')
      .select('role')
      .where('organisation_id', '=', app.organisation_id)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return member?.role === 'owner' || member?.role === 'editor'
  }
  if (as === 'secretary') {
    // The scientific secretary of the council this application is before.
    const seat = await trx
      .selectFrom('council_applications as ca')
      .innerJoin('council_members as cm', 'cm.council_id', 'ca.council_id')
      .select('cm.role')
      .where('ca.application_id', '=', app.id)
      .where('cm.user_id', '=', userId)
      .where('cm.role', '=', 'secretary')
      .executeTakeFirst()
    return !!seat
  }
  const role = await trx.selectFrom('user_roles').select('role').where('user_id', '=', userId).where('role', '=', as as 'staff' | 'director').executeTakeFirst()
  return !!role
}

async function lastEvent(trx: DB, applicationId: string) {
  return trx
    .selectFrom('application_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.event', 'e.at', 'e.actor_id', 'e.from_version', 'e.details', 'u.full_name'])
    .where('e.application_id', '=', applicationId)
    .orderBy('e.id', 'desc')
    .limit(1)
    .executeTakeFirst()
}
