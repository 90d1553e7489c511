import type { DB } from '../../../db'
import { formatDateTime } from '../../i18n/format'
import { isMessageKey, translator } from '../../i18n'
import { parseVnDate } from '../../lib/params'
import type { SessionUser } from '../auth'
import { requestSignature } from '../decisions'
import { applyTransition } from '../workflow'
import { acceptContract, type ContractRefusal, draftContract, draftFromForm, proposeContract, reopenDraft, updateDraft } from './draft'
import { contractOf } from './read'

// The intents of the contract's pages (the office's /staff/tasks/:id/contract, the grantee's /tasks/:id/contract),
// one function each, so the routes stay thin. Each answers what the route should do: go on to a notice, or show
// the form again with its errors (catalogue keys) and what was typed.

export interface IntentContext {
  db: DB
  env: { APP_URL: string }
  user: SessionUser
  applicationId: string
  ip: string | null
}

export type IntentResult = { ok: true; notice: string } | { ok: false; status: number; errors: Record<string, string>; values: Record<string, string> }

const refused = (status: number, key: string, values: Record<string, string>, field = 'form'): IntentResult => ({ ok: false, status, errors: { [field]: key }, values })

const STATUS: Record<Exclude<ContractRefusal['reason'], 'invalid'>, number> = { not_found: 404, not_approved: 409, exists: 409, state: 409, version: 409, not_representative: 403 }

/** A module's refusal as the page shows it: the fields to fix (named as the form names them), or one line at the top. */
function fromRefusal(r: ContractRefusal, values: Record<string, string>): IntentResult {
  if (r.reason === 'invalid') {
    const errors: Record<string, string> = {}
    // The schema's tranches.0.amount is the form's tranche.0.amount.
    for (const [k, v] of Object.entries(r.errors ?? { form: 'contracts.e.invalid' })) errors[k.replace(/^tranches\.(\d+)/, 'tranche.$1')] = v
    return { ok: false, status: 400, errors, values }
  }
  return refused(STATUS[r.reason], `contracts.e.${r.reason}`, values)
}

/** A day typed dd/mm/yyyy (or given yyyy-mm-dd) as the schema's yyyy-mm-dd; anything else as typed, for the schema to refuse. */
export function isoDay(text: string | undefined): string {
  const s = (text ?? '').trim()
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s
  const d = parseVnDate(s)
  return d ? new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10) : s
}

/** The office drafts the contract of an approved application. */
async function draftIntent(ctx: IntentContext, raw: Record<string, string>): Promise<IntentResult> {
  const r = await draftContract(ctx.db, { applicationId: ctx.applicationId, actor: ctx.user, ip: ctx.ip })
  return r.ok ? { ok: true, notice: 'drafted' } : fromRefusal(r, raw)
}

/** The office saves its edit of the draft (the page's version; dates typed dd/mm/yyyy). */
async function saveIntent(ctx: IntentContext, raw: Record<string, string>): Promise<IntentResult> {
  const contract = await contractOf(ctx.db, ctx.applicationId)
  if (!contract) return refused(404, 'contracts.e.not_found', raw)
  const form: Record<string, string> = { ...raw, startsOn: isoDay(raw.startsOn), endsOn: isoDay(raw.endsOn) }
  for (let i = 0; i < 12; i++) if (raw[`tranche.${i}.dueOn`] !== undefined) form[`tranche.${i}.dueOn`] = isoDay(raw[`tranche.${i}.dueOn`])
  const r = await updateDraft(ctx.db, { contractId: contract.id, actor: ctx.user, form: draftFromForm(form), ip: ctx.ip })
  return r.ok ? { ok: true, notice: 'saved' } : fromRefusal(r, raw)
}

async function proposeIntent(ctx: IntentContext, raw: Record<string, string>): Promise<IntentResult> {
  const contract = await contractOf(ctx.db, ctx.applicationId)
  if (!contract) return refused(404, 'contracts.e.not_found', raw)
  const r = await proposeContract(ctx.db, { contractId: contract.id, actor: ctx.user, version: Number(raw.version), appUrl: ctx.env.APP_URL, ip: ctx.ip })
  return r.ok ? { ok: true, notice: 'proposed' } : fromRefusal(r, raw)
}

async function reopenIntent(ctx: IntentContext, raw: Record<string, string>): Promise<IntentResult> {
  const contract = await contractOf(ctx.db, ctx.applicationId)
  if (!contract) return refused(404, 'contracts.e.not_found', raw)
  if (contract.version !== Number(raw.version)) return refused(409, 'contracts.e.version', raw)
  const r = await reopenDraft(ctx.db, { contractId: contract.id, actor: ctx.user, ip: ctx.ip })
  return r.ok ? { ok: true, notice: 'reopened' } : fromRefusal(r, raw)
}

/** The office sends the accepted contract for the Fund's signature (decisions/requests.ts; the director signs at /signing/:id). */
async function requestSignatureIntent(ctx: IntentContext, raw: Record<string, string>): Promise<IntentResult> {
  const r = await requestSignature(ctx.db, { applicationId: ctx.applicationId, kind: 'contract', actor: ctx.user, appUrl: ctx.env.APP_URL, ip: ctx.ip })
  if (r.ok) return { ok: true, notice: 'sent' }
  return refused(r.reason === 'not_found' ? 404 : 409, r.reason === 'not_due' ? 'contracts.e.notDue' : 'contracts.e.noSigner', raw)
}

/** Once both parties signed, the office records that the task is under contract (the machine's sign_contract). */
const recordSignedIntent = (ctx: IntentContext, raw: Record<string, string>) => transitionIntent(ctx, raw, 'sign_contract', 'recorded')

/** Then that the work has started (start_work): the reports' schedule and the payments run from here. */
const startWorkIntent = (ctx: IntentContext, raw: Record<string, string>) => transitionIntent(ctx, raw, 'start_work', 'started')

async function transitionIntent(ctx: IntentContext, raw: Record<string, string>, event: 'sign_contract' | 'start_work', notice: 'recorded' | 'started'): Promise<IntentResult> {
  const result = await applyTransition(ctx.db, {
    applicationId: ctx.applicationId,
    event,
    actor: ctx.user,
    as: 'staff',
    expectedVersion: Number(raw.appVersion) || 0,
    input: { note: '' },
    lang: ctx.user.lang,
    appUrl: ctx.env.APP_URL,
    ip: ctx.ip,
  })
  if (result.ok) return { ok: true, notice }
  switch (result.reason) {
    case 'version':
    case 'state': {
      const t = translator(ctx.user.lang)
      const last = result.lastChange
      const what = last ? `screening.event.title.${last.event}` : ''
      const params = new URLSearchParams({
        name: last?.by ?? t('workflow.someone'),
        time: last ? formatDateTime(last.at, ctx.user.lang) : '—',
        event: isMessageKey(what) ? t(what) : t('submission.event.other'),
        status: t(`workflow.status.${result.reason === 'state' ? result.current : event === 'sign_contract' ? 'approved' : 'contracted'}`),
      })
      return refused(409, `workflow.refused.${result.reason}?${params}`, raw)
    }
    case 'guard':
      return refused(result.status, result.problem, raw)
    case 'role':
      return refused(403, 'workflow.refused.role', raw)
    case 'invalid':
      return refused(400, 'contracts.e.invalid', raw)
    default:
      return refused(404, 'contracts.e.not_found', raw)
  }
}

const STAFF_INTENTS: Record<string, (ctx: IntentContext, raw: Record<string, string>) => Promise<IntentResult>> = {
  draft: draftIntent,
  save: saveIntent,
  propose: proposeIntent,
  reopen: reopenIntent,
  sign: requestSignatureIntent,
  record: recordSignedIntent,
  start: startWorkIntent,
}

/** The office's intents on the contract page, by the form's hidden `intent`. */
export async function staffContractIntent(ctx: IntentContext, raw: Record<string, string>): Promise<IntentResult> {
  const name = raw.intent ?? ''
  return Object.hasOwn(STAFF_INTENTS, name) ? STAFF_INTENTS[name](ctx, raw) : refused(400, 'contracts.e.invalid', raw)
}

/** The grantee's legal representative accepts the proposed contract (name from the account; position; the confirmation). */
export async function acceptContractIntent(ctx: IntentContext, raw: Record<string, string>): Promise<IntentResult> {
  const contract = await contractOf(ctx.db, ctx.applicationId)
  if (!contract || contract.status === 'draft') return refused(404, 'contracts.e.not_found', raw)
  const r = await acceptContract(ctx.db, {
    contractId: contract.id,
    user: ctx.user,
    form: { version: raw.version as unknown as number, position: raw.position ?? '', confirmed: raw.confirmed as 'yes' },
    appUrl: ctx.env.APP_URL,
    ip: ctx.ip,
  })
  return r.ok ? { ok: true, notice: 'accepted' } : fromRefusal(r, raw)
}
