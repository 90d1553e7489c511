import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { LumpSumMethod } from '../../../db/schema'
import { recordAudit } from '../audit'
import { BUDGET_CATEGORIES, readBudget } from '../applications/budget'
import { addWorkingDays, vnDate } from '../calendar'
import { loadHolidays } from '../screening/inbox'
import { getReviewRules } from '../fund'
import { documentsQuery, type IssuedDocument, toIssuedDocument } from '../decisions/documents'
import type { AppraisalRecordInput, TeamMemberInput } from './team'

// The cost appraisal (thẩm định kinh phí, Circular 20/2023 Art. 13–14) of one application, after the applicant
// revised the dossier per the council: the office forms the team (the fund's rule: five, one leader) and
// records it here; the team meets within its working days, appraises the amount per budget category (never
// above what was requested) and chooses the lump-sum method, with at least its quorum present; its minutes are
// issued through the register (./issue.ts). The status machine's start_appraisal and complete_appraisal follow
// this record (workflow/rules.ts), and the director's approval is capped by the appraised total.

export interface AppraisalMember {
  seat: number
  fullName: string
  position: string
  role: 'leader' | 'member'
  present: boolean | null
}

export interface AppraisalLine {
  category: string
  requested: number
  appraised: number
}

export interface Appraisal {
  id: string
  applicationId: string
  formedAt: Date
  /** The day the team must have met by, 'YYYY-MM-DD'. */
  dueOn: string
  metOn: string | null
  method: LumpSumMethod | null
  notes: string
  recordedAt: Date | null
  members: AppraisalMember[]
  lines: AppraisalLine[]
  /** The appraised state budget, whole đồng (null until recorded). */
  total: number | null
  minutes: IssuedDocument | null
}

export interface AppraisalRules {
  teamSize: number
  quorum: number
  workingDays: number
  revisionDays: number
}

export async function appraisalRules(db: DB): Promise<AppraisalRules> {
  const r = await getReviewRules(db)
  return { teamSize: r.appraisalTeamSize, quorum: r.appraisalQuorum, workingDays: r.appraisalWorkingDays, revisionDays: r.revisionDays }
}

/** The requested state budget per category, from the (revised) budget section. */
export async function requestedByCategory(db: DB, applicationId: string): Promise<Record<string, number>> {
  const row = await db.selectFrom('application_sections').select('data').where('application_id', '=', applicationId).where('key', '=', 'budget').executeTakeFirst()
  const budget = readBudget((row?.data ?? {}) as Record<string, string>)
  return Object.fromEntries(budget.lines.map((l) => [l.category, l.requested]))
}

export async function getAppraisal(db: DB, applicationId: string): Promise<Appraisal | null> {
  const row = await db
    .selectFrom('appraisals')
    .select(['id', 'application_id', 'formed_at', sql<string>`to_char(due_on, 'YYYY-MM-DD')`.as('due_on'), sql<string | null>`to_char(met_on, 'YYYY-MM-DD')`.as('met_on'), 'method', 'notes', 'recorded_at'])
    .where('application_id', '=', applicationId)
    .executeTakeFirst()
  if (!row) return null
  const members = await db.selectFrom('appraisal_members').select(['seat', 'full_name', 'position', 'role', 'present']).where('appraisal_id', '=', row.id).orderBy('seat').execute()
  const amounts = await db.selectFrom('appraisal_amounts').select(['category', 'requested', 'appraised']).where('appraisal_id', '=', row.id).execute()
  const order = (c: string) => (BUDGET_CATEGORIES as readonly string[]).indexOf(c)
  const lines = amounts.map((a) => ({ category: a.category, requested: Number(a.requested), appraised: Number(a.appraised) })).sort((a, b) => order(a.category) - order(b.category))
  const minutes = await documentsQuery(db).where('d.appraisal_id', '=', row.id).where('d.kind', '=', 'appraisal_minutes').where('r.state', '=', 'issued').orderBy('d.created_at', 'desc').executeTakeFirst()
  return {
    id: row.id,
    applicationId: row.application_id,
    formedAt: row.formed_at,
    dueOn: row.due_on,
    metOn: row.met_on,
    method: row.method,
    notes: row.notes,
    recordedAt: row.recorded_at,
    members: members.map((m) => ({ seat: m.seat, fullName: m.full_name, position: m.position, role: m.role, present: m.present })),
    lines,
    total: row.recorded_at ? lines.reduce((s, l) => s + l.appraised, 0) : null,
    minutes: minutes ? toIssuedDocument(minutes) : null,
  }
}

type Actor = { id: string; email: string }
export type AppraisalResult = { ok: true } | { ok: false; status: 400 | 404 | 409; errors?: Record<string, string>; problem?: string }

/**
 * Forms (or, until the meeting is recorded, re-forms) the team of an application whose revision is in: the
 * fund's number of members, exactly one leader. The meeting's due day is counted in working days from today.
 */
export async function formAppraisalTeam(
  db: DB,
  input: { applicationId: string; members: TeamMemberInput[]; leader: number | null; actor: Actor; ip?: string | null; now?: Date },
): Promise<AppraisalResult> {
  const now = input.now ?? new Date()
  const rules = await appraisalRules(db)
  const errors: Record<string, string> = {}
  if (input.members.length !== rules.teamSize) errors.name_1 = `appraisal.v.teamSize?size=${rules.teamSize}`
  if (!input.leader || !input.members.some((m) => m.seat === input.leader)) errors.leader = 'appraisal.v.leader'
  if (Object.keys(errors).length) return { ok: false, status: 400, errors }
  const holidays = await loadHolidays(db)
  return db.transaction().execute(async (trx): Promise<AppraisalResult> => {
    const app = await trx.selectFrom('applications').select(['id', 'status']).where('id', '=', input.applicationId).forUpdate().executeTakeFirst()
    if (!app) return { ok: false, status: 404 }
    if (app.status !== 'revised' && app.status !== 'appraisal') return { ok: false, status: 409, problem: 'appraisal.refused.status' }
    const existing = await trx.selectFrom('appraisals').select(['id', 'recorded_at']).where('application_id', '=', app.id).executeTakeFirst()
    if (existing?.recorded_at) return { ok: false, status: 409, problem: 'appraisal.refused.recorded' }
    const dueOn = addWorkingDays(now, rules.workingDays, holidays)
    let id = existing?.id
    if (id) {
      await trx.updateTable('appraisals').set({ formed_at: now, formed_by: input.actor.id, due_on: dueOn }).where('id', '=', id).execute()
      await trx.deleteFrom('appraisal_members').where('appraisal_id', '=', id).execute()
    } else {
      id = (await trx.insertInto('appraisals').values({ application_id: app.id, formed_at: now, formed_by: input.actor.id, due_on: dueOn }).returning('id').executeTakeFirstOrThrow()).id
    }
    await trx
      .insertInto('appraisal_members')
      .values(input.members.map((m) => ({ appraisal_id: id!, seat: m.seat, full_name: m.fullName, position: m.position, role: m.role, present: null })))
      .execute()
    await recordAudit(trx, {
      action: 'appraisal.team_formed',
      actor: input.actor,
      subjectType: 'application',
      subjectId: app.id,
      ip: input.ip ?? null,
      details: { appraisal: id, members: input.members.map((m) => ({ name: m.fullName, role: m.role })), dueOn },
    })
    return { ok: true }
  })
}

/**
 * Records the team's meeting: the day, who was present (at least the quorum), the appraised amount per
 * category (none above its request) and the lump-sum method. Once its minutes are issued it no longer changes.
 */
export async function recordAppraisal(
  db: DB,
  input: { applicationId: string; record: AppraisalRecordInput; actor: Actor; ip?: string | null; now?: Date },
): Promise<AppraisalResult> {
  const now = input.now ?? new Date()
  const rules = await appraisalRules(db)
  return db.transaction().execute(async (trx): Promise<AppraisalResult> => {
    const app = await trx.selectFrom('applications').select(['id', 'status']).where('id', '=', input.applicationId).forUpdate().executeTakeFirst()
    if (!app) return { ok: false, status: 404 }
    if (app.status !== 'appraisal') return { ok: false, status: 409, problem: 'appraisal.refused.status' }
    const appraisal = await getAppraisal(trx, app.id)
    if (!appraisal) return { ok: false, status: 409, problem: 'appraisal.refused.noTeam' }
    if (appraisal.minutes) return { ok: false, status: 409, problem: 'appraisal.refused.issued' }
    const errors: Record<string, string> = {}
    const present = input.record.present.filter((s) => appraisal.members.some((m) => m.seat === s))
    if (present.length < rules.quorum) errors.present = `appraisal.v.quorum?quorum=${rules.quorum}&size=${appraisal.members.length}&present=${present.length}`
    const requested = await requestedByCategory(trx, app.id)
    for (const c of BUDGET_CATEGORIES) {
      const amount = input.record.amounts[c] ?? 0
      if (amount > (requested[c] ?? 0)) errors[`appraised_${c}`] = `appraisal.v.aboveRequest?requested=${groups(requested[c] ?? 0)}`
    }
    if (Object.values(input.record.amounts).reduce((s, a) => s + a, 0) <= 0) errors.appraised_labour = 'appraisal.v.nothing'
    if (Object.keys(errors).length) return { ok: false, status: 400, errors }
    await trx
      .updateTable('appraisals')
      .set({ met_on: input.record.metOn, method: input.record.method, notes: input.record.notes, recorded_at: now, recorded_by: input.actor.id })
      .where('id', '=', appraisal.id)
      .execute()
    for (const m of appraisal.members) {
      await trx.updateTable('appraisal_members').set({ present: present.includes(m.seat) }).where('appraisal_id', '=', appraisal.id).where('seat', '=', m.seat).execute()
    }
    await trx.deleteFrom('appraisal_amounts').where('appraisal_id', '=', appraisal.id).execute()
    await trx
      .insertInto('appraisal_amounts')
      .values(BUDGET_CATEGORIES.map((c) => ({ appraisal_id: appraisal.id, category: c, requested: requested[c] ?? 0, appraised: input.record.amounts[c] ?? 0 })))
      .execute()
    const total = BUDGET_CATEGORIES.reduce((s, c) => s + (input.record.amounts[c] ?? 0), 0)
    await recordAudit(trx, {
      action: 'appraisal.recorded',
      actor: input.actor,
      subjectType: 'application',
      subjectId: app.id,
      ip: input.ip ?? null,
      details: { appraisal: appraisal.id, metOn: input.record.metOn, present: present.length, method: input.record.method, total },
    })
    return { ok: true }
  })
}

const groups = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')

/** The most the director may approve: the appraised total once the appraisal is recorded. */
export async function appraisedTotal(db: DB, applicationId: string): Promise<number | null> {
  const row = await db
    .selectFrom('appraisals as p')
    .leftJoin('appraisal_amounts as m', 'm.appraisal_id', 'p.id')
    .select([sql<string | null>`sum(m.appraised)`.as('total'), 'p.recorded_at'])
    .where('p.application_id', '=', applicationId)
    .groupBy(['p.id', 'p.recorded_at'])
    .executeTakeFirst()
  return row?.recorded_at && row.total !== null ? Number(row.total) : null
}

/** What "what to do next" needs of the appraisal: the call's exemption, and where the appraisal stands. */
export async function appraisalFacts(db: DB, app: { id: string; call_id: string }): Promise<{ exempt: boolean; appraisal: { recorded: boolean; minutesIssued: boolean; total: number | null } | null }> {
  const call = await db.selectFrom('calls').select('without_appraisal').where('id', '=', app.call_id).executeTakeFirstOrThrow()
  const appraisal = await getAppraisal(db, app.id)
  return { exempt: call.without_appraisal, appraisal: appraisal ? { recorded: !!appraisal.recordedAt, minutesIssued: !!appraisal.minutes, total: appraisal.total } : null }
}

/**
 * The revision's default due day, dd/mm/yyyy: the fund's number of days (20) from the adoption of the council's
 * minutes — the day they were issued — or from today when they are not issued yet (Circular 20/2023 Art. 11.12).
 */
export async function revisionDueDefault(db: DB, applicationId: string, now = new Date()): Promise<string> {
  const rules = await appraisalRules(db)
  const minutes = await db
    .selectFrom('documents as d')
    .innerJoin('document_register as r', 'r.id', 'd.register_id')
    .innerJoin('council_applications as ca', 'ca.council_id', 'd.council_id')
    .select('r.issued_at')
    .where('ca.application_id', '=', applicationId)
    .where('d.kind', '=', 'minutes')
    .where('r.state', '=', 'issued')
    .orderBy('r.issued_at', 'desc')
    .executeTakeFirst()
  const from = minutes?.issued_at ?? now
  const [y, m, d] = vnDate(from).split('-').map(Number)
  const due = new Date(Date.UTC(y, m - 1, d + rules.revisionDays))
  return `${String(due.getUTCDate()).padStart(2, '0')}/${String(due.getUTCMonth() + 1).padStart(2, '0')}/${due.getUTCFullYear()}`
}
