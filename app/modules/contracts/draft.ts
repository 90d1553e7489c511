import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { z } from 'zod'
import type { DB } from '../../../db'
import type { ContractTerms, TrancheCondition, TrancheKind } from '../../../db/schema'
import { formatDateTime } from '../../i18n/format'
import { getSection } from '../applications'
import { recordAudit } from '../audit'
import { parseMoney } from '../calls/fields'
import { enqueueEmail } from '../notifications'
import { applicantRecipients, officeRecipients } from '../workflow'
import { contractById, contractOf, type Contract } from './read'
import { readContractRules } from './rules'

// A contract's road to signature (ADR 018): the office drafts it from the approved application (the decision's
// amount, the appraisal's lump-sum method, the proposal's products, the duration; tranches split by the fund's
// rules), edits it while it is a draft, and sends it to the grantee; the grantee's legal representative (an
// owner of the organisation) reads and accepts it in the portal; then the office sends it for the Fund's
// signature (decisions/requests.ts) and document.ts numbers, signs and stores it.

type Actor = { id: string; email: string; fullName?: string }

/** The words of the contract beyond its figures (contracts.terms). */
export interface DraftTerms {
  objectives: string
  products: string
  quality: string
  investigator: string
}

export function termsOf(c: Pick<Contract, 'terms'>): DraftTerms {
  const t = c.terms as Partial<DraftTerms>
  return { objectives: t.objectives ?? '', products: t.products ?? '', quality: t.quality ?? '', investigator: t.investigator ?? '' }
}

export type ContractRefusal = { ok: false; reason: 'not_found' | 'not_approved' | 'exists' | 'state' | 'version' | 'not_representative' | 'invalid'; errors?: Record<string, string> }

const iso = (d: Date) => d.toISOString().slice(0, 10)
function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number)
  return iso(new Date(Date.UTC(y, m - 1, d) + n * 86_400_000))
}
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number)
  const first = new Date(Date.UTC(y, m - 1 + n, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  return iso(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))))
}
/** The first day of the month on or after a day. */
function firstOfMonth(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return d === 1 ? day : iso(new Date(Date.UTC(y, m, 1)))
}

/** The tranches of a new contract: an advance on signing, an interim after an accepted report, the rest on acceptance. */
export function defaultTranches(amount: number, startsOn: string, rules: { advancePct: number; interimPct: number }) {
  const advance = Math.floor((amount * rules.advancePct) / 100)
  const interim = Math.floor((amount * rules.interimPct) / 100)
  const out: { kind: TrancheKind; amount: number; dueOn: string | null; condition: TrancheCondition }[] = []
  if (advance > 0) out.push({ kind: 'advance', amount: advance, dueOn: startsOn, condition: 'none' })
  if (interim > 0) out.push({ kind: 'interim', amount: interim, dueOn: null, condition: 'report_accepted' })
  const rest = amount - advance - interim
  if (rest > 0) out.push({ kind: 'final', amount: rest, dueOn: null, condition: 'acceptance' })
  return out
}

/** The Fund's amount by calendar year: a tranche falls in the year it is due (an interim after the first report, the final at the end). */
export function amountsByYear(c: Pick<Contract, 'startsOn' | 'endsOn' | 'reportEveryMonths' | 'tranches'>): { year: number; amount: number }[] {
  const years = new Map<number, number>()
  for (const t of c.tranches) {
    const day = t.dueOn ?? (t.kind === 'interim' ? addMonths(c.startsOn, c.reportEveryMonths) : c.endsOn)
    const year = Number(day.slice(0, 4))
    years.set(year, (years.get(year) ?? 0) + t.amount)
  }
  return [...years.entries()].sort(([a], [b]) => a - b).map(([year, amount]) => ({ year, amount }))
}

/**
 * The office drafts the contract of an approved application whose decision is issued: filled from the
 * decision (amount, conditions), the appraisal or council (lump-sum method), the proposal (objectives,
 * products), the team (investigator) and the duration; tranches and reporting from the fund's rules.
 */
export async function draftContract(db: DB, input: { applicationId: string; actor: Actor; ip?: string | null; now?: Date }): Promise<{ ok: true; contract: Contract } | ContractRefusal> {
  const now = input.now ?? new Date()
  const created = await db.transaction().execute(async (trx): Promise<{ ok: true; id: string } | ContractRefusal> => {
    const app = await trx.selectFrom('applications').selectAll().where('id', '=', input.applicationId).forUpdate().executeTakeFirst()
    if (!app) return { ok: false, reason: 'not_found' }
    if (app.status !== 'approved' || app.approved_amount === null) return { ok: false, reason: 'not_approved' }
    if (await trx.selectFrom('contracts').select('id').where('application_id', '=', app.id).executeTakeFirst()) return { ok: false, reason: 'exists' }
    const call = await trx.selectFrom('calls').select(['modality']).where('id', '=', app.call_id).executeTakeFirstOrThrow()
    const rules = await readContractRules(trx)
    const general = (await getSection(trx, app.id, 'general')).data as Record<string, string>
    const proposal = (await getSection(trx, app.id, 'proposal')).data as Record<string, string>
    const team = (await getSection(trx, app.id, 'team')).data as Record<string, string>
    const conclusion = await trx.selectFrom('council_conclusions').select('lump_sum').where('application_id', '=', app.id).orderBy('concluded_at', 'desc').executeTakeFirst()
    const months = Math.max(1, Number(general.duration_months) || 12)
    const startsOn = firstOfMonth(addDays(iso(now), rules.startAfterDays))
    const endsOn = addDays(addMonths(startsOn, months), -1)
    const amount = Number(app.approved_amount)
    const terms: DraftTerms = { objectives: proposal.objectives ?? '', products: proposal.products ?? '', quality: '', investigator: team.pi_name ?? '' }
    const row = await trx
      .insertInto('contracts')
      .values({
        application_id: app.id,
        modality: call.modality,
        fund_amount: amount,
        counterpart_amount: Number(app.counterpart_amount),
        starts_on: startsOn,
        ends_on: endsOn,
        lump_sum: app.lump_sum ?? conclusion?.lump_sum ?? null,
        report_every_months: rules.reportEveryMonths,
        terms: terms as unknown as ContractTerms,
        created_by: input.actor.id,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const tranches = defaultTranches(amount, startsOn, rules)
    await trx
      .insertInto('contract_tranches')
      .values(tranches.map((t, i) => ({ contract_id: row.id, seq: i + 1, kind: t.kind, amount: t.amount, due_on: t.dueOn, condition: t.condition })))
      .execute()
    await recordAudit(trx, { action: 'contract.drafted', actor: input.actor, subjectType: 'application', subjectId: app.id, ip: input.ip, details: { contract: row.id, amount } })
    return { ok: true, id: row.id }
  })
  if (!created.ok) return created
  return { ok: true, contract: (await contractById(db, created.id))! }
}

const text = (max: number) => z.string().trim().max(max)
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/
const day = z.string().regex(ISO_DAY, 'contracts.e.date')
const trancheSchema = z.object({
  kind: z.enum(['advance', 'interim', 'final']),
  amount: z.string().transform((s, ctx) => {
    const n = parseMoney(s)
    if (n === null || n <= 0) {
      ctx.addIssue({ code: 'custom', message: 'contracts.e.amount' })
      return z.NEVER
    }
    return n
  }),
  dueOn: z.union([day, z.literal('')]).transform((s) => s || null),
  condition: z.enum(['none', 'report_accepted', 'product_delivered', 'acceptance']),
})

/** The office's edit of a draft: its dates, reporting, words and tranches (which must sum to the Fund's amount). */
export const draftSchema = z
  .object({
    version: z.coerce.number().int(),
    startsOn: day,
    endsOn: day,
    reportEveryMonths: z.coerce.number({ message: 'contracts.e.reportEvery' }).int('contracts.e.reportEvery').min(1, 'contracts.e.reportEvery').max(24, 'contracts.e.reportEvery'),
    objectives: text(20000),
    products: text(20000).min(1, 'contracts.e.products'),
    quality: text(20000),
    investigator: text(300).min(1, 'contracts.e.investigator'),
    tranches: z.array(trancheSchema).min(1, 'contracts.e.tranches').max(12),
  })
  // Compared only when both are dates: zod 4 runs this refinement even after a date failed its pattern, and a
  // start date mistyped must not also make the end date wrong.
  .refine((d) => !ISO_DAY.test(d.startsOn) || !ISO_DAY.test(d.endsOn) || d.endsOn > d.startsOn, { path: ['endsOn'], message: 'contracts.e.endsBeforeStart' })

export type DraftInput = z.input<typeof draftSchema>

/** Reads the tranche rows of a posted form (tranche.0.kind …) into the schema's array; empty rows are dropped. */
export function draftFromForm(raw: Record<string, string>): DraftInput {
  const tranches: DraftInput['tranches'] = []
  for (let i = 0; i < 12; i++) {
    const amount = raw[`tranche.${i}.amount`]?.trim() ?? ''
    if (!amount) continue
    tranches.push({ kind: raw[`tranche.${i}.kind`] as 'advance', amount, dueOn: raw[`tranche.${i}.dueOn`] ?? '', condition: raw[`tranche.${i}.condition`] as 'none' })
  }
  return {
    version: raw.version as unknown as number,
    startsOn: raw.startsOn ?? '',
    endsOn: raw.endsOn ?? '',
    reportEveryMonths: raw.reportEveryMonths as unknown as number,
    objectives: raw.objectives ?? '',
    products: raw.products ?? '',
    quality: raw.quality ?? '',
    investigator: raw.investigator ?? '',
    tranches,
  }
}

/** Saves the office's edit of a draft contract (optimistic version check); the tranches must sum to the Fund's amount. */
export async function updateDraft(db: DB, input: { contractId: string; actor: Actor; form: DraftInput; ip?: string | null }): Promise<{ ok: true } | ContractRefusal> {
  const parsed = draftSchema.safeParse(input.form)
  if (!parsed.success) {
    const errors: Record<string, string> = {}
    for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message
    return { ok: false, reason: 'invalid', errors }
  }
  const d = parsed.data
  return db.transaction().execute(async (trx): Promise<{ ok: true } | ContractRefusal> => {
    const c = await trx.selectFrom('contracts').select(['id', 'status', 'version', 'fund_amount', 'application_id']).where('id', '=', input.contractId).forUpdate().executeTakeFirst()
    if (!c) return { ok: false, reason: 'not_found' }
    if (c.status !== 'draft') return { ok: false, reason: 'state' }
    if (c.version !== d.version) return { ok: false, reason: 'version' }
    const sum = d.tranches.reduce((s, t) => s + t.amount, 0)
    if (sum !== Number(c.fund_amount)) return { ok: false, reason: 'invalid', errors: { tranches: 'contracts.e.trancheSum' } }
    await trx
      .updateTable('contracts')
      .set({
        starts_on: d.startsOn,
        ends_on: d.endsOn,
        report_every_months: d.reportEveryMonths,
        terms: { objectives: d.objectives, products: d.products, quality: d.quality, investigator: d.investigator },
        version: sql<number>`version + 1`,
        updated_at: new Date(),
      })
      .where('id', '=', c.id)
      .execute()
    await trx.deleteFrom('contract_tranches').where('contract_id', '=', c.id).execute()
    await trx
      .insertInto('contract_tranches')
      .values(d.tranches.map((t, i) => ({ contract_id: c.id, seq: i + 1, kind: t.kind, amount: t.amount, due_on: t.dueOn, condition: t.condition })))
      .execute()
    await recordAudit(trx, { action: 'contract.updated', actor: input.actor, subjectType: 'application', subjectId: c.application_id, ip: input.ip, details: { contract: c.id } })
    return { ok: true }
  })
}

async function taskFacts(db: DB, applicationId: string) {
  return db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.reference', 'a.title', 'a.organisation_id', 'o.legal_rep_name', 'o.legal_rep_title', 'o.name as organisation'])
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow()
}

/** The office sends the draft to the grantee: it can no longer be edited, and the grantee's people are told. */
export async function proposeContract(db: DB, input: { contractId: string; actor: Actor; version: number; appUrl: string; ip?: string | null; now?: Date }): Promise<{ ok: true } | ContractRefusal> {
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx): Promise<{ ok: true } | ContractRefusal> => {
    const c = await trx.selectFrom('contracts').select(['id', 'status', 'version', 'application_id']).where('id', '=', input.contractId).forUpdate().executeTakeFirst()
    if (!c) return { ok: false, reason: 'not_found' }
    if (c.status !== 'draft') return { ok: false, reason: 'state' }
    if (c.version !== input.version) return { ok: false, reason: 'version' }
    await trx.updateTable('contracts').set({ status: 'proposed', proposed_at: now, proposed_by: input.actor.id, version: sql<number>`version + 1`, updated_at: now }).where('id', '=', c.id).execute()
    const task = await taskFacts(trx, c.application_id)
    for (const p of await applicantRecipients(trx, task.organisation_id)) {
      await enqueueEmail(trx, {
        template: 'contract_proposed',
        to: { address: p.email, name: p.fullName },
        lang: p.lang,
        data: { name: p.fullName, reference: task.reference ?? '', applicationTitle: task.title, link: `${input.appUrl}/tasks/${task.id}/contract` },
      })
    }
    await recordAudit(trx, { action: 'contract.proposed', actor: input.actor, subjectType: 'application', subjectId: c.application_id, ip: input.ip, details: { contract: c.id } })
    return { ok: true }
  })
}

/** The office takes a proposed contract back to edit it (before the Fund signs); the grantee's acceptance is cleared. */
export async function reopenDraft(db: DB, input: { contractId: string; actor: Actor; ip?: string | null }): Promise<{ ok: true } | ContractRefusal> {
  return db.transaction().execute(async (trx): Promise<{ ok: true } | ContractRefusal> => {
    const c = await trx.selectFrom('contracts').select(['id', 'status', 'application_id']).where('id', '=', input.contractId).forUpdate().executeTakeFirst()
    if (!c) return { ok: false, reason: 'not_found' }
    if (c.status !== 'proposed') return { ok: false, reason: 'state' }
    const waiting = await trx.selectFrom('signature_requests').select('id').where('application_id', '=', c.application_id).where('kind', '=', 'contract').where('state', '=', 'pending').executeTakeFirst()
    if (waiting) return { ok: false, reason: 'state' }
    await trx
      .updateTable('contracts')
      .set({ status: 'draft', accepted_at: null, accepted_by: null, accepted_name: null, accepted_position: null, accepted_ip: null, accepted_sha256: null, version: sql<number>`version + 1`, updated_at: new Date() })
      .where('id', '=', c.id)
      .execute()
    await recordAudit(trx, { action: 'contract.updated', actor: input.actor, subjectType: 'application', subjectId: c.application_id, ip: input.ip, details: { contract: c.id, reopened: true } })
    return { ok: true }
  })
}

/** The fingerprint of what the grantee agrees to: the contract's figures, period, words and tranches. */
export function contractFingerprint(c: Contract): string {
  const content = { fund: c.fundAmount, counterpart: c.counterpartAmount, startsOn: c.startsOn, endsOn: c.endsOn, lumpSum: c.lumpSum, reportEveryMonths: c.reportEveryMonths, terms: termsOf(c), tranches: c.tranches.map((t) => [t.seq, t.kind, t.amount, t.dueOn, t.condition]) }
  return createHash('sha256').update(JSON.stringify(content)).digest('hex')
}

/** Whether a user is the grantee's legal representative in the portal: an owner of the organisation. */
export async function isRepresentative(db: DB, applicationId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('applications as a')
    .innerJoin('organisation_members as m', 'm.organisation_id', 'a.organisation_id')
    .select('m.role')
    .where('a.id', '=', applicationId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst()
  return row?.role === 'owner'
}

export const acceptSchema = z.object({
  version: z.coerce.number().int(),
  position: z.string().trim().min(1, 'contracts.e.position').max(200),
  confirmed: z.literal('yes', { message: 'contracts.e.confirm' }),
})

/**
 * The grantee's legal representative accepts the proposed contract in the portal: their name, capacity, the
 * time, their address and the fingerprint of the text are recorded; the office is told to send it for the
 * Fund's signature.
 */
export async function acceptContract(
  db: DB,
  input: { contractId: string; user: Actor & { fullName: string }; form: z.input<typeof acceptSchema>; appUrl: string; ip?: string | null; now?: Date },
): Promise<{ ok: true } | ContractRefusal> {
  const parsed = acceptSchema.safeParse(input.form)
  if (!parsed.success) {
    const errors: Record<string, string> = {}
    for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message
    return { ok: false, reason: 'invalid', errors }
  }
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx): Promise<{ ok: true } | ContractRefusal> => {
    const c = await trx.selectFrom('contracts').select(['id', 'status', 'version', 'application_id', 'accepted_at']).where('id', '=', input.contractId).forUpdate().executeTakeFirst()
    if (!c) return { ok: false, reason: 'not_found' }
    if (!(await isRepresentative(trx, c.application_id, input.user.id))) return { ok: false, reason: 'not_representative' }
    if (c.status !== 'proposed' || c.accepted_at) return { ok: false, reason: 'state' }
    if (c.version !== parsed.data.version) return { ok: false, reason: 'version' }
    const contract = (await contractById(trx, c.id))!
    await trx
      .updateTable('contracts')
      .set({ accepted_at: now, accepted_by: input.user.id, accepted_name: input.user.fullName, accepted_position: parsed.data.position, accepted_ip: input.ip ?? null, accepted_sha256: contractFingerprint(contract), version: sql<number>`version + 1`, updated_at: now })
      .where('id', '=', c.id)
      .execute()
    const task = await taskFacts(trx, c.application_id)
    for (const p of await officeRecipients(trx)) {
      await enqueueEmail(trx, {
        template: 'contract_accepted',
        to: { address: p.email, name: p.fullName },
        lang: p.lang,
        data: { name: p.fullName, kind: 'contract', reference: task.reference ?? '', applicationTitle: task.title, by: input.user.fullName, at: formatDateTime(now, p.lang), link: `${input.appUrl}/staff/tasks/${task.id}/contract` },
      })
    }
    await recordAudit(trx, { action: 'contract.accepted', actor: input.user, subjectType: 'application', subjectId: c.application_id, ip: input.ip, details: { contract: c.id, position: parsed.data.position } })
    return { ok: true }
  })
}

export { contractOf }
