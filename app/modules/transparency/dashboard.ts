import { sql } from 'kysely'
import type { DB } from '../../../db'
import { addWorkingDays, vnDate, workingDaysBetween } from '../calendar'
import { getReviewRules } from '../fund'
import { loadHolidays } from '../screening'
import { awardedAmount, fieldOf, reached, received } from './stages'

// The Fund's dashboard of one call: the funnel (drafts started → contracted), the amounts requested and awarded
// against the call's budget, by priority field and by kind of applicant, and the processing times against the
// clocks in working days (app/modules/calendar): screening (from the call's close, Circular 20/2023 Art. 7),
// the council (from eligibility to its conclusion) and the decision (from the appraisal, or the council when
// there was none, to the approval or rejection), each limit a fund setting, with the late ones listed.

import { CLOCKS, type ClockKind, FUNNEL, type FunnelStage } from './kinds'

export interface Breakdown {
  key: string
  received: number
  approved: number
  requested: number
  awarded: number
}

export interface ClockSummary {
  kind: ClockKind
  limit: number
  /** Applications whose step has ended (or is still running). */
  finished: number
  running: number
  /** Mean working days of the finished ones; null when none. */
  meanDays: number | null
  maxDays: number | null
  late: number
}

export interface LateStep {
  applicationId: string
  reference: string | null
  title: string
  kind: ClockKind
  elapsed: number
  limit: number
  dueDate: string
  /** Still running (not yet screened, concluded or decided). */
  open: boolean
}

export interface CallDashboard {
  call: { id: string; code: string; titleVi: string; titleEn: string; budget: number; closesAt: Date }
  funnel: Record<FunnelStage, number>
  requested: number
  awarded: number
  byField: Breakdown[]
  byType: Breakdown[]
  clocks: ClockSummary[]
  late: LateStep[]
}

const breakdownMeasures = [
  sql<number>`count(*) FILTER (WHERE ${received})`.as('received'),
  sql<number>`count(*) FILTER (WHERE ${received} AND ${reached('approved')})`.as('approved'),
  sql<number>`coalesce(sum(a.requested_amount) FILTER (WHERE ${received}), 0)`.as('requested'),
  sql<number>`coalesce(sum(${awardedAmount}), 0)`.as('awarded'),
]
const toBreakdown = (r: { key: unknown; received: unknown; approved: unknown; requested: unknown; awarded: unknown }): Breakdown => ({
  key: String(r.key),
  received: Number(r.received),
  approved: Number(r.approved),
  requested: Number(r.requested),
  awarded: Number(r.awarded),
})

/** The calls the dashboard can show, newest first. */
export async function dashboardCalls(db: DB) {
  return db.selectFrom('calls').select(['id', 'code', 'title_vi', 'title_en']).where('status', '<>', 'draft').orderBy('opens_at', 'desc').orderBy('code').execute()
}

/** One call's dashboard as of `now` (the running clocks are measured to it). */
export async function callDashboard(db: DB, callId: string, now = new Date()): Promise<CallDashboard | null> {
  const call = await db.selectFrom('calls').select(['id', 'code', 'title_vi', 'title_en', 'budget_total', 'closes_at']).where('id', '=', callId).executeTakeFirst()
  if (!call) return null
  const base = db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .where('a.call_id', '=', callId)
  const [totals, byField, byType, steps, rules, holidays] = await Promise.all([
    base
      .select([
        sql<number>`count(*)`.as('started'),
        sql<number>`count(*) FILTER (WHERE ${received})`.as('submitted'),
        sql<number>`count(*) FILTER (WHERE ${received} AND ${reached('eligible')})`.as('eligible'),
        sql<number>`count(*) FILTER (WHERE ${received} AND ${reached('reviewed')})`.as('reviewed'),
        sql<number>`count(*) FILTER (WHERE ${received} AND ${reached('recommended')})`.as('recommended'),
        sql<number>`count(*) FILTER (WHERE ${received} AND ${reached('approved')})`.as('approved'),
        sql<number>`count(*) FILTER (WHERE ${received} AND ${reached('contracted')})`.as('contracted'),
        sql<number>`coalesce(sum(a.requested_amount) FILTER (WHERE ${received}), 0)`.as('requested'),
        sql<number>`coalesce(sum(${awardedAmount}), 0)`.as('awarded'),
      ])
      .executeTakeFirstOrThrow(),
    base.select([fieldOf.as('key'), ...breakdownMeasures]).groupBy(fieldOf).orderBy(fieldOf).execute(),
    base.select(['o.type as key', ...breakdownMeasures]).groupBy('o.type').orderBy('o.type').execute(),
    base
      .select([
        'a.id',
        'a.reference',
        'a.title',
        'a.status',
        'a.submitted_at',
        sql<Date | null>`(SELECT min(e.at) FROM application_events e WHERE e.application_id = a.id AND e.to_status IN ('eligible', 'ineligible'))`.as('screened_at'),
        sql<Date | null>`(SELECT min(e.at) FROM application_events e WHERE e.application_id = a.id AND e.to_status = 'eligible')`.as('eligible_at'),
        sql<Date | null>`(SELECT min(e.at) FROM application_events e WHERE e.application_id = a.id AND e.to_status IN ('recommended', 'not_recommended'))`.as('concluded_at'),
        sql<Date | null>`(SELECT min(e.at) FROM application_events e WHERE e.application_id = a.id AND e.to_status = 'recommended')`.as('recommended_at'),
        sql<Date | null>`(SELECT max(e.at) FROM application_events e WHERE e.application_id = a.id AND e.to_status = 'appraised')`.as('appraised_at'),
        sql<Date | null>`(SELECT min(e.at) FROM application_events e WHERE e.application_id = a.id AND e.to_status IN ('approved', 'rejected'))`.as('decided_at'),
      ])
      .where('a.submitted_at', 'is not', null)
      .orderBy('a.reference')
      .execute(),
    getReviewRules(db),
    loadHolidays(db),
  ])

  const limits: Record<ClockKind, number> = { screening: rules.screeningWorkingDays, council: rules.councilWorkingDays, decision: rules.decisionWorkingDays }
  const measured: Record<ClockKind, { days: number[]; running: number; late: number }> = {
    screening: { days: [], running: 0, late: 0 },
    council: { days: [], running: 0, late: 0 },
    decision: { days: [], running: 0, late: 0 },
  }
  const late: LateStep[] = []
  const WITHDRAWN = ['withdrawn', 'cancelled']
  for (const s of steps) {
    const stopped = WITHDRAWN.includes(s.status)
    const spans: [ClockKind, Date | null, Date | null][] = [
      // Screening runs from the call's close (or the receipt, when later).
      ['screening', s.submitted_at && s.submitted_at > call.closes_at ? s.submitted_at : call.closes_at, s.screened_at],
      ['council', s.eligible_at, s.concluded_at],
      ['decision', s.appraised_at ?? s.recommended_at, s.decided_at],
    ]
    for (const [kind, start, end] of spans) {
      if (!start) continue
      // Between the council and the appraisal the applicant revises: the decision clock starts at the appraisal.
      if (kind === 'decision' && !s.appraised_at && ['revision', 'revised', 'appraisal'].includes(s.status)) continue
      if (!end && (stopped || now < start)) continue
      const until = end ?? now
      const elapsed = workingDaysBetween(start, until, holidays)
      const dueDate = addWorkingDays(start, limits[kind], holidays)
      const isLate = vnDate(until) > dueDate
      const m = measured[kind]
      if (end) m.days.push(elapsed)
      else m.running += 1
      if (isLate) {
        m.late += 1
        late.push({ applicationId: s.id, reference: s.reference, title: s.title, kind, elapsed, limit: limits[kind], dueDate, open: !end })
      }
    }
  }

  const funnel = Object.fromEntries(FUNNEL.map((k) => [k, Number(totals[k])])) as Record<FunnelStage, number>
  return {
    call: { id: call.id, code: call.code, titleVi: call.title_vi, titleEn: call.title_en, budget: Number(call.budget_total), closesAt: call.closes_at },
    funnel,
    requested: Number(totals.requested),
    awarded: Number(totals.awarded),
    byField: byField.map(toBreakdown),
    byType: byType.map(toBreakdown),
    clocks: CLOCKS.map((kind) => {
      const m = measured[kind]
      return {
        kind,
        limit: limits[kind],
        finished: m.days.length,
        running: m.running,
        meanDays: m.days.length ? Math.round((m.days.reduce((a, b) => a + b, 0) / m.days.length) * 10) / 10 : null,
        maxDays: m.days.length ? Math.max(...m.days) : null,
        late: m.late,
      }
    }),
    late: late.sort((a, b) => CLOCKS.indexOf(a.kind) - CLOCKS.indexOf(b.kind) || (a.reference ?? '').localeCompare(b.reference ?? '')),
  }
}
