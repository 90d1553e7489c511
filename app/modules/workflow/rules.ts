import { sql } from 'kysely'
import type { MessageKind } from '../../../db/schema'
import { formatDateTime, formatMoney } from '../../i18n/format'
import { translator } from '../../i18n'
import { checkSubmission, formatReference, type MemberApplication, vnYear } from '../applications'
import { callPhase } from '../calls/phase'
import { enqueueEmail } from '../notifications'
import { checklistComplete } from '../screening'
import type { Refusal, Rule, RuleContext } from './apply'
import type { WorkflowEvent } from './machine'
import { mailApplicant, writeFundMessage } from './messages'
import { SUBMISSION_RECEIPT } from './receipt'
import type { ApproveInput, RequestChangesInput } from './schemas'
import { getFundSettings } from '../fund'

// The guards and effects of the status machine's events (machine.ts says which statuses and who). An effect
// runs inside applyTransition's transaction, on the locked row: what it writes (messages, e-mails in the
// outbox, columns) commits with the new status or not at all.

type GuardRefusal = Extract<Refusal, { reason: 'guard' }>

/** The application as its applicant sees it, for the submission checks (which read the call and sections). */
async function asMember(ctx: RuleContext): Promise<MemberApplication> {
  const call = await ctx.trx
    .selectFrom('calls')
    .select(['id', 'code', 'title_vi', 'title_en', 'status', 'opens_at', 'closes_at', 'grace_minutes', 'max_amount', 'min_counterpart_pct', 'max_duration_months', 'modality'])
    .where('id', '=', ctx.app.call_id)
    .executeTakeFirstOrThrow()
  const org = await ctx.trx.selectFrom('organisations').select(['id', 'name']).where('id', '=', ctx.app.organisation_id).executeTakeFirstOrThrow()
  return { application: ctx.app, call, organisation: org, role: 'editor', reopened: [] }
}

/** Submission: the deadline (with grace, by server time), then every section, document and call rule. */
async function submitGuard(ctx: RuleContext): Promise<GuardRefusal | null> {
  const access = await asMember(ctx)
  if (callPhase(access.call, ctx.now) !== 'open') return { ok: false, reason: 'guard', status: 403, problem: 'submission.refused.deadline' }
  const problems = await checkSubmission(ctx.trx, access, ctx.now)
  return problems.length ? { ok: false, reason: 'guard', status: 400, problem: 'submission.refused.problems', problems } : null
}

/**
 * The reference (gap-free per year: the counter's increment commits or rolls back with the submission), the
 * frozen organisation, and the confirmation e-mail to the submitter with the receipt PDF (drawn after commit).
 */
async function submitEffect(ctx: RuleContext) {
  const { trx, app, now } = ctx
  // The guard has checked the call and the sections; the effect needs only the call's name and the organisation.
  const call = await trx.selectFrom('calls').select(['code', 'title_vi', 'title_en']).where('id', '=', app.call_id).executeTakeFirstOrThrow()
  const org = await trx.selectFrom('organisations').selectAll().where('id', '=', app.organisation_id).executeTakeFirstOrThrow()
  const snapshot = JSON.parse(JSON.stringify(org)) as Record<string, unknown>
  const fund = await getFundSettings(trx)
  const year = vnYear(now)
  const counter = await sql<{ last: number }>`
    INSERT INTO reference_counters (scope, year, last) VALUES ('application', ${year}, 1)
    ON CONFLICT (scope, year) DO UPDATE SET last = reference_counters.last + 1
    RETURNING last`.execute(trx)
  const reference = formatReference(fund?.short_name || 'QKHCN', year, Number(counter.rows[0].last))

  const lang = ctx.lang
  const t = translator(lang)
  const callTitle = lang === 'en' && call.title_en ? call.title_en : call.title_vi
  await enqueueEmail(trx, {
    template: 'application_submitted',
    to: { address: ctx.actor.email, name: ctx.actor.fullName },
    lang,
    data: {
      name: ctx.actor.fullName,
      reference,
      callTitle,
      applicationTitle: app.title,
      organisation: org.name,
      submittedAt: formatDateTime(now, lang),
      link: `${ctx.appUrl}/applications/${app.id}`,
    },
    // Drawn by the outbox worker once this commits (receipt.ts): not while the year's counter is held.
    attachments: [
      {
        filename: `${t('submission.receipt.filename')}-${reference}.pdf`,
        contentType: 'application/pdf',
        generate: { kind: SUBMISSION_RECEIPT, params: { applicationId: app.id, lang } },
      },
    ],
  })
  return {
    set: { reference, submitted_at: now, organisation_snapshot: snapshot },
    details: { reference, call: call.code },
  }
}

/** Answering a request for changes: the sections it reopened must be complete and pass their checks again. */
async function resubmitGuard(ctx: RuleContext): Promise<GuardRefusal | null> {
  const access = await asMember(ctx)
  const problems = (await checkSubmission(ctx.trx, access, ctx.now)).filter((p) => p.message !== 'submission.problem.deadline')
  return problems.length ? { ok: false, reason: 'guard', status: 400, problem: 'submission.refused.problems', problems } : null
}

async function resolveOpenRequest(ctx: RuleContext) {
  await ctx.trx
    .updateTable('application_messages')
    .set({ resolved_at: ctx.now })
    .where('application_id', '=', ctx.app.id)
    .where('kind', '=', 'change_request')
    .where('resolved_at', 'is', null)
    .execute()
}

/** A message from the Fund written with the change, and the e-mail that says so. */
function notify(kind: Exclude<MessageKind, 'message'>, body: (ctx: RuleContext) => string, extra?: (ctx: RuleContext) => { dueOn?: string; sections?: string[] }) {
  return async (ctx: RuleContext) => {
    const text = body(ctx)
    const more = extra?.(ctx) ?? {}
    const id = await writeFundMessage(ctx.trx, { applicationId: ctx.app.id, authorId: ctx.actor.id, kind, body: text, at: ctx.now, ...more })
    await mailApplicant(ctx.trx, { applicationId: ctx.app.id, kind, body: text, dueOn: more.dueOn ?? null, appUrl: ctx.appUrl })
    return id
  }
}

const note = (ctx: RuleContext) => ({ details: ctx.input.note ? { note: ctx.input.note } : {} })

export const RULES: Partial<Record<WorkflowEvent, Rule>> = {
  submit: { guard: submitGuard, effect: submitEffect },
  withdraw: {
    effect: async (ctx) => ({
      set: { withdrawn_at: ctx.now, withdraw_reason: ctx.input.reason },
      details: { reason: ctx.input.reason },
    }),
  },
  request_changes: {
    effect: async (ctx) => {
      const input = ctx.input as RequestChangesInput
      await resolveOpenRequest(ctx)
      const message = await notify('change_request', () => input.message, () => ({ dueOn: input.due, sections: input.sections }))(ctx)
      return { details: { message, due: input.due, sections: input.sections } }
    },
  },
  resubmit: {
    guard: resubmitGuard,
    effect: async (ctx) => {
      await resolveOpenRequest(ctx)
      return note(ctx)
    },
  },
  declare_eligible: {
    guard: async (ctx) => ((await checklistComplete(ctx.trx, ctx.app.id)) ? null : { ok: false, reason: 'guard', status: 409, problem: 'workflow.refused.checklist' }),
    effect: async (ctx) => {
      const message = await notify('eligible', (c) => c.input.note)(ctx)
      return { details: { message, ...note(ctx).details } }
    },
  },
  declare_ineligible: {
    effect: async (ctx) => {
      const message = await notify('ineligible', (c) => c.input.reasons)(ctx)
      return { details: { message, reasons: ctx.input.reasons } }
    },
  },
  approve: {
    guard: async (ctx) => {
      const input = ctx.input as ApproveInput
      return input.amount > Number(ctx.app.requested_amount)
        ? { ok: false, reason: 'guard', status: 400, problem: `workflow.refused.amount?${new URLSearchParams({ max: formatMoney(Number(ctx.app.requested_amount)) })}` }
        : null
    },
    effect: async (ctx) => {
      const input = ctx.input as ApproveInput
      const message = await notify('approved', () => input.conditions)(ctx)
      return {
        set: { approved_amount: input.amount, decision_conditions: input.conditions || null, decided_at: ctx.now },
        details: { message, amount: input.amount, conditions: input.conditions },
      }
    },
  },
  reject: {
    effect: async (ctx) => {
      const message = await notify('rejected', (c) => c.input.reasons)(ctx)
      return { set: { decided_at: ctx.now }, details: { message, reasons: ctx.input.reasons } }
    },
  },
  fail_acceptance: { effect: async (ctx) => ({ details: { reasons: ctx.input.reasons } }) },
  cancel: {
    effect: async (ctx) => {
      const message = await notify('cancelled', (c) => c.input.reasons)(ctx)
      return { details: { message, reasons: ctx.input.reasons } }
    },
  },
}
