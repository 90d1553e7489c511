import type { MessageKind } from '../../../db/schema'
import { formatDateTime, formatMoney } from '../../i18n/format'
import { translator } from '../../i18n'
import { checkSubmission, type MemberApplication, vnYear } from '../applications'
import { callPhase } from '../calls/phase'
import { enqueueEmail } from '../notifications'
import { checklistComplete, loadHolidays } from '../screening'
import type { Refusal, Rule, RuleContext, RuleOutcome } from './apply'
import { councilStanding, decidedWithoutCouncil } from './council'
import type { CouncilEvent, WorkflowEvent } from './machine'
import { mailApplicant, mailOffice, mailWithdrawal, writeFundMessage } from './messages'
import { REOPENING_KINDS } from '../applications/access'
import { appraisedTotal, getAppraisal } from '../appraisal'
import { SUBMISSION_RECEIPT } from './receipt'
import { REFERENCE_PLACEHOLDER } from './reference'
import type { ApproveInput, RequestChangesInput } from './schemas'
import { getFundSettings, getReviewRules } from '../fund'
import { isLiquidated } from '../payments/liquidation'
import { acceptanceOutcome, dossierProblems, dossierRow } from '../acceptance/state'
import { mailAcceptance } from '../acceptance/mail'
import { addWorkingDays } from '../calendar'
import { drawReportSchedule } from '../reports/draw'

// The guards and effects of the status machine's events (machine.ts says which statuses and who). An effect
// runs inside applyTransition's transaction, on the locked row: what it writes (messages, e-mails in the
// outbox, columns) commits with the new status or not at all.

type GuardRefusal = Extract<Refusal, { reason: 'guard' }>

/**
 * The application as its applicant sees it, for the submission checks (which read the call and sections), with
 * its organisation's whole row (checked for completeness, and frozen by the submission).
 */
async function asMember(ctx: RuleContext) {
  const call = await ctx.trx
    .selectFrom('calls')
    .select(['id', 'code', 'title_vi', 'title_en', 'status', 'opens_at', 'closes_at', 'grace_minutes', 'max_amount', 'min_counterpart_pct', 'max_duration_months', 'modality'])
    .where('id', '=', ctx.app.call_id)
    .executeTakeFirstOrThrow()
  const org = await ctx.trx.selectFrom('organisations').selectAll().where('id', '=', ctx.app.organisation_id).executeTakeFirstOrThrow()
  const access: MemberApplication = { application: ctx.app, call, organisation: { id: org.id, name: org.name }, role: 'editor', reopened: [] }
  return { access, org }
}

/**
 * What the submission's guard read on the locked row, for its effect in the same transaction (so that deadline
 * day's submissions do not read the call and the organisation twice).
 */
const readBySubmitGuard = new WeakMap<RuleContext, Awaited<ReturnType<typeof asMember>>>()

/** Submission: the deadline (with grace, by server time), then every section, document and call rule. */
async function submitGuard(ctx: RuleContext): Promise<GuardRefusal | null> {
  const read = await asMember(ctx)
  readBySubmitGuard.set(ctx, read)
  const { access, org } = read
  if (callPhase(access.call, ctx.now) !== 'open') return { ok: false, reason: 'guard', status: 403, problem: 'submission.refused.deadline' }
  const problems = await checkSubmission(ctx.trx, access, ctx.now, org)
  return problems.length ? { ok: false, reason: 'guard', status: 400, problem: 'submission.refused.problems', problems } : null
}

/**
 * The reference (gap-free per year: taken last, in the same transaction, by `takeReference` — reference.ts says
 * why), the frozen organisation, and the confirmation e-mail to the submitter with the receipt PDF (drawn after
 * commit). Until the number is taken, what shows it holds a placeholder.
 */
async function submitEffect(ctx: RuleContext): Promise<RuleOutcome> {
  const { trx, app, now } = ctx
  // The guard has checked the call and the sections; the effect needs the call's name and the organisation.
  const { access, org } = readBySubmitGuard.get(ctx) ?? (await asMember(ctx))
  const call = access.call
  const snapshot = JSON.parse(JSON.stringify(org)) as Record<string, unknown>
  const fund = await getFundSettings(trx)
  const reference = REFERENCE_PLACEHOLDER

  const lang = ctx.lang
  const t = translator(lang)
  const callTitle = lang === 'en' && call.title_en ? call.title_en : call.title_vi
  const mailId = await enqueueEmail(trx, {
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
    set: { submitted_at: now, organisation_snapshot: snapshot },
    details: { reference, call: call.code },
    reference: { year: vnYear(now), prefix: fund?.short_name || 'QKHCN', mailIds: [mailId] },
  }
}

/** Answering a request for changes: the sections it reopened must be complete and pass their checks again. */
async function resubmitGuard(ctx: RuleContext): Promise<GuardRefusal | null> {
  const { access, org } = await asMember(ctx)
  const problems = (await checkSubmission(ctx.trx, access, ctx.now, org)).filter((p) => p.message !== 'submission.problem.deadline')
  return problems.length ? { ok: false, reason: 'guard', status: 400, problem: 'submission.refused.problems', problems } : null
}

/** Answers the open request that reopened sections: a request for changes, or the revision after the council. */
async function resolveOpenRequest(ctx: RuleContext) {
  await ctx.trx
    .updateTable('application_messages')
    .set({ resolved_at: ctx.now })
    .where('application_id', '=', ctx.app.id)
    .where('kind', 'in', REOPENING_KINDS)
    .where('resolved_at', 'is', null)
    .execute()
}

/**
 * The steps the call's exemption lets the office skip (calls.without_appraisal, or, for the revision, a call
 * decided without a council: there are no conclusions to revise by). Each skip needs its reason, kept on the
 * event and in the audit log.
 */
async function exemptionStep(ctx: RuleContext, step: 'revision' | 'appraisal'): Promise<Extract<Refusal, { reason: 'guard' | 'invalid' }> | null> {
  const call = await ctx.trx.selectFrom('calls').select(['without_appraisal']).where('id', '=', ctx.app.call_id).executeTakeFirstOrThrow()
  const standing = await councilStanding(ctx.trx, ctx.app.id)
  const allowed = call.without_appraisal || (step === 'revision' && decidedWithoutCouncil(standing))
  return allowed ? null : refuse(step === 'revision' ? 'workflow.refused.revisionRequired' : 'workflow.refused.appraisalRequired')
}

/** Revising after the council: the reopened sections must be complete and pass their checks again. */
async function submitRevisionEffect(ctx: RuleContext): Promise<RuleOutcome> {
  await resolveOpenRequest(ctx)
  await mailOffice(ctx.trx, { app: ctx.app, kind: 'revision_submitted', appUrl: ctx.appUrl, by: ctx.actor.fullName, at: ctx.now })
  return note(ctx)
}

/** A message from the Fund written with the change, and the e-mail that says so. */
function notify(kind: Exclude<MessageKind, 'message'>, body: (ctx: RuleContext) => string, extra?: (ctx: RuleContext) => { dueOn?: string; sections?: string[]; amount?: number }) {
  return async (ctx: RuleContext) => {
    const text = body(ctx)
    const { amount, ...more } = extra?.(ctx) ?? {}
    const id = await writeFundMessage(ctx.trx, { applicationId: ctx.app.id, authorId: ctx.actor.id, kind, body: text, at: ctx.now, ...more })
    await mailApplicant(ctx.trx, { applicationId: ctx.app.id, kind, body: text, dueOn: more.dueOn ?? null, amount, appUrl: ctx.appUrl })
    return id
  }
}

const note = (ctx: RuleContext) => ({ details: ctx.input.note ? { note: ctx.input.note } : {} })

const refuse = (problem: string, status: 403 | 409 = 409): GuardRefusal => ({ ok: false, reason: 'guard', status, problem })

/**
 * The steps a council takes. Going to review needs a council that has the application; finishing the review
 * and the recommendation need that council's conclusion on it, which decides between recommend and
 * not_recommend. Only a call whose rules allow it (calls.without_council) lets the office take these steps
 * with no council, and then each needs its reason, kept in the history and the audit log.
 */
function councilStep(event: CouncilEvent): Rule {
  return {
    guard: async (ctx) => {
      const standing = await councilStanding(ctx.trx, ctx.app.id)
      if (decidedWithoutCouncil(standing)) {
        return event === 'start_review' || ctx.input.note ? null : { ok: false, reason: 'invalid', status: 400, errors: { note: 'workflow.v.withoutCouncil.reason' } }
      }
      if (!standing.council) return refuse('workflow.refused.noCouncil')
      if (event === 'start_review') return null
      if (!standing.conclusion) return refuse('workflow.refused.councilPending')
      if (event === 'recommend' && !standing.conclusion.recommended) return refuse('workflow.refused.councilNotRecommended')
      if (event === 'not_recommend' && standing.conclusion.recommended) return refuse('workflow.refused.councilRecommended')
      return null
    },
    effect: async (ctx): Promise<RuleOutcome> => {
      const standing = await councilStanding(ctx.trx, ctx.app.id)
      if (decidedWithoutCouncil(standing)) return { details: { withoutCouncil: true, ...(ctx.input.note ? { reason: ctx.input.note } : {}) } }
      return { details: { council: standing.council?.id ?? null, ...note(ctx).details } }
    },
  }
}

/** The contract is signed on the issued decision: not before the decision document exists. */
/** Pass needs the council's rating Xuất sắc or Đạt, fail needs Không đạt; both need its minutes signed. */
async function acceptanceGuard(ctx: RuleContext, outcome: 'pass' | 'fail'): Promise<GuardRefusal | null> {
  const result = await acceptanceOutcome(ctx.trx, ctx.app.id)
  if (!result) return refuse('acceptance.refused.noMinutes')
  return (result.rating === 'fail') === (outcome === 'fail') ? null : refuse(`acceptance.refused.rating.${result.rating}`)
}

async function acceptanceEffect(ctx: RuleContext, event: 'passed' | 'failed'): Promise<RuleOutcome> {
  const result = (await acceptanceOutcome(ctx.trx, ctx.app.id))!
  const rules = await getReviewRules(ctx.trx)
  const due = addWorkingDays(result.minutesAt, rules.acceptanceFinaliseWorkingDays, await loadHolidays(ctx.trx))
  await ctx.trx.updateTable('results_dossiers').set({ finalise_due_on: due }).where('application_id', '=', ctx.app.id).execute()
  await mailAcceptance(ctx.trx, { app: ctx.app, event, day: due, rating: result.rating, appUrl: ctx.appUrl })
  return { details: { rating: result.rating, minutes: result.minutesSymbol, finaliseBy: due, ...(event === 'failed' ? { reasons: ctx.input.reasons } : note(ctx).details) } }
}

async function decisionIssued(ctx: RuleContext): Promise<GuardRefusal | null> {
  const issued = await ctx.trx
    .selectFrom('documents as d')
    .leftJoin('document_register as r', 'r.id', 'd.register_id')
    .select('d.id')
    .where('d.application_id', '=', ctx.app.id)
    .where('d.kind', '=', 'decision')
    .where((eb) => eb.or([eb('r.state', 'is', null), eb('r.state', '!=', 'cancelled')]))
    .executeTakeFirst()
  return issued ? null : refuse('workflow.refused.decisionNotIssued')
}

/** The task is under contract once both parties signed it (contracts/document.ts marks it signed). */
async function contractSigned(ctx: RuleContext): Promise<GuardRefusal | null> {
  const refused = await decisionIssued(ctx)
  if (refused) return refused
  const contract = await ctx.trx.selectFrom('contracts').select('status').where('application_id', '=', ctx.app.id).executeTakeFirst()
  return contract?.status === 'signed' ? null : refuse('workflow.refused.contractNotSigned')
}

/** The work starts: the contract's report schedule is drawn now, committed with the status (ADR 020). */
async function startWorkEffect(ctx: RuleContext): Promise<RuleOutcome> {
  const contract = await ctx.trx.selectFrom('contracts').select('id').where('application_id', '=', ctx.app.id).executeTakeFirst()
  if (contract) await drawReportSchedule(ctx.trx, contract.id)
  return note(ctx)
}

export const RULES: Partial<Record<WorkflowEvent, Rule>> = {
  submit: { guard: submitGuard, effect: submitEffect },
  withdraw: {
    effect: async (ctx) => {
      await mailWithdrawal(ctx.trx, { app: ctx.app, by: ctx.actor.fullName, at: ctx.now, reason: ctx.input.reason, appUrl: ctx.appUrl })
      return { set: { withdrawn_at: ctx.now, withdraw_reason: ctx.input.reason }, details: { reason: ctx.input.reason } }
    },
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
  start_review: councilStep('start_review'),
  complete_review: councilStep('complete_review'),
  recommend: councilStep('recommend'),
  not_recommend: councilStep('not_recommend'),
  approve: {
    guard: async (ctx) => {
      const input = ctx.input as ApproveInput
      // The appraised total caps the approval (Circular 20/2023 Art. 15); under the call's exemption, the request.
      const appraised = await appraisedTotal(ctx.trx, ctx.app.id)
      if (appraised !== null && input.amount > appraised) {
        return { ok: false, reason: 'guard', status: 400, problem: `workflow.refused.aboveAppraisal?${new URLSearchParams({ max: formatMoney(appraised) })}` }
      }
      return input.amount > Number(ctx.app.requested_amount)
        ? { ok: false, reason: 'guard', status: 400, problem: `workflow.refused.amount?${new URLSearchParams({ max: formatMoney(Number(ctx.app.requested_amount)) })}` }
        : null
    },
    effect: async (ctx) => {
      const input = ctx.input as ApproveInput
      const message = await notify('approved', () => input.conditions, () => ({ amount: input.amount }))(ctx)
      return {
        set: { approved_amount: input.amount, decision_conditions: input.conditions || null, decided_at: ctx.now, lump_sum: input.lumpSum, funding_terms: input.terms },
        details: { message, amount: input.amount, conditions: input.conditions, lumpSum: input.lumpSum, terms: input.terms },
      }
    },
  },
  reject: {
    effect: async (ctx) => {
      const message = await notify('rejected', (c) => c.input.reasons)(ctx)
      return { set: { decided_at: ctx.now }, details: { message, reasons: ctx.input.reasons } }
    },
  },
  request_revision: {
    effect: async (ctx) => {
      const input = ctx.input as RequestChangesInput
      await resolveOpenRequest(ctx)
      const message = await notify('revision_request', () => input.message, () => ({ dueOn: input.due, sections: input.sections }))(ctx)
      return { details: { message, due: input.due, sections: input.sections } }
    },
  },
  submit_revision: { guard: resubmitGuard, effect: submitRevisionEffect },
  skip_revision: {
    guard: (ctx) => exemptionStep(ctx, 'revision'),
    effect: async (ctx) => ({ details: { exempt: true, reason: ctx.input.reasons } }),
  },
  start_appraisal: {
    guard: async (ctx) => {
      const appraisal = await getAppraisal(ctx.trx, ctx.app.id)
      return appraisal ? null : refuse('workflow.refused.appraisalTeam')
    },
    effect: async (ctx) => {
      const appraisal = (await getAppraisal(ctx.trx, ctx.app.id))!
      return { details: { appraisal: appraisal.id, dueOn: appraisal.dueOn, members: appraisal.members.length, ...note(ctx).details } }
    },
  },
  complete_appraisal: {
    guard: async (ctx) => {
      const appraisal = await getAppraisal(ctx.trx, ctx.app.id)
      if (!appraisal?.recordedAt) return refuse('workflow.refused.appraisalNotRecorded')
      return appraisal.minutes ? null : refuse('workflow.refused.appraisalMinutes')
    },
    effect: async (ctx) => {
      const appraisal = (await getAppraisal(ctx.trx, ctx.app.id))!
      return { details: { appraisal: appraisal.id, total: appraisal.total, method: appraisal.method, minutes: appraisal.minutes?.symbol ?? null, ...note(ctx).details } }
    },
  },
  skip_appraisal: {
    guard: (ctx) => exemptionStep(ctx, 'appraisal'),
    effect: async (ctx) => ({ details: { exempt: true, reason: ctx.input.reasons } }),
  },
  sign_contract: { guard: contractSigned },
  start_work: { effect: startWorkEffect },
  // A task is closed only once its contract is liquidated: the record signed, any amount to recover owed (ADR 019).
  close: { guard: async (ctx) => ((await isLiquidated(ctx.trx, ctx.app.id)) ? null : refuse('workflow.refused.notLiquidated')) },
  // Acceptance (ADR 021): the results dossier complete; then the council's rating, its minutes signed, decides
  // between pass and fail, and the grantee's period to finalise runs from the minutes (the fund's working days).
  submit_results: {
    guard: async (ctx) => {
      const problems = dossierProblems(await dossierRow(ctx.trx, ctx.app.id))
      return problems.length ? { ok: false, reason: 'guard', status: 400, problem: 'acceptance.refused.incomplete', problems: problems.map((message) => ({ message, href: `/tasks/${ctx.app.id}/results` })) } : null
    },
    effect: async (ctx) => {
      await ctx.trx.updateTable('results_dossiers').set({ submitted_at: ctx.now, submitted_by: ctx.actor.id }).where('application_id', '=', ctx.app.id).execute()
      await mailAcceptance(ctx.trx, { app: ctx.app, event: 'submitted', appUrl: ctx.appUrl })
      return note(ctx)
    },
  },
  pass_acceptance: { guard: (ctx) => acceptanceGuard(ctx, 'pass'), effect: (ctx) => acceptanceEffect(ctx, 'passed') },
  fail_acceptance: { guard: (ctx) => acceptanceGuard(ctx, 'fail'), effect: (ctx) => acceptanceEffect(ctx, 'failed') },
  // Only a contract terminated by a signed amendment ends the task early (ADR 025).
  terminate: {
    guard: async (ctx) => {
      const c = await ctx.trx.selectFrom('contracts').select('status').where('application_id', '=', ctx.app.id).executeTakeFirst()
      return c?.status === 'terminated' ? null : refuse('workflow.refused.notTerminated')
    },
    effect: async (ctx) => ({ details: { reasons: ctx.input.reasons } }),
  },
  cancel: {
    effect: async (ctx) => {
      const message = await notify('cancelled', (c) => c.input.reasons)(ctx)
      return { details: { message, reasons: ctx.input.reasons } }
    },
  },
}
