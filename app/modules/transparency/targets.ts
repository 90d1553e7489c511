import { sql } from 'kysely'
import { z } from 'zod'
import type { DB } from '../../../db'
import type { ProductKind, TargetComputation } from '../../../db/schema'
import { recordAudit } from '../audit'
import { vnDate } from '../calendar'
import { AWARDED } from './publication'

// The provincial S&T resolution's targets, as data an admin edits (names in both languages, baseline, target,
// year, unit, how progress is computed). Progress comes from the portal's own records where they hold it (the
// registry below: a computation returns null when the portal holds no evidence for it yet), else from the latest
// value staff entered, with its source. A module that comes later (IP outputs, post-award) supplies its
// computation by adding it to the registry; the target's row does not change. The IP, OCOP and S&T-enterprise
// targets count the products grantees attach to progress reports, once the office accepts the report (ADR 024,
// addendum).

type Actor = { id: string; email: string }

import { COMPUTATIONS } from './kinds'

COMPUTATIONS satisfies readonly TargetComputation[]

/** What the portal's records say, or null when they do not hold it (then the staff-entered value is used). */
type Computation = (db: DB, target: { target_year: number }) => Promise<number | null>

/** The resolution's period for a target: the five years ending in its target year (2026–2030 for 2030). */
const periodOf = (year: number) => ({ from: `${year - 4}-01-01`, to: `${year}-12-31` })

/**
 * The distinct documents of the given kinds proved by products of ACCEPTED progress reports and dated within
 * [from, to]. A product belongs to the version that carried it and cannot be removed after, so every product of
 * an accepted report is one the office has seen and accepted. The same document (its number, spaces and case
 * aside) reported twice, by two reports or two tasks, counts once.
 */
async function acceptedEvidence(db: DB, kinds: readonly ProductKind[], from: string, to: string): Promise<number> {
  const row = await db
    .selectFrom('progress_report_products as p')
    .innerJoin('progress_reports as r', 'r.id', 'p.report_id')
    .select(sql<string>`count(DISTINCT upper(regexp_replace(p.doc_number, '[[:space:]]', '', 'g')))`.as('n'))
    .where('r.status', '=', 'accepted')
    .where('p.version_id', 'is not', null)
    .where('p.kind', 'in', kinds)
    .where('p.doc_date', '>=', sql<Date>`${from}::date`)
    .where('p.doc_date', '<=', sql<Date>`${to}::date`)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** A count of accepted evidence in the target's period; null while there is none (then staff's value shows). */
const countIn =
  (kinds: readonly ProductKind[]): Computation =>
  async (db, target) => {
    const { from, to } = periodOf(target.target_year)
    const n = await acceptedEvidence(db, kinds, from, to)
    return n > 0 ? n : null
  }

/** IP protection titles granted: a title (văn bằng) reported as such or as the protection of an OCOP product. */
const PROTECTIONS: readonly ProductKind[] = ['ip_protection', 'ocop_ip']

const REGISTRY: Record<TargetComputation, Computation> = {
  manual: async () => null,
  // Enterprise co-investment against the state money granted, in % (the resolution: at least 100 %).
  counterpart_vs_state: async (db) => {
    const r = await db
      .selectFrom('applications as a')
      .select([sql<number>`coalesce(sum(a.counterpart_amount), 0)`.as('counterpart'), sql<number>`coalesce(sum(coalesce(a.approved_amount, 0)), 0)`.as('state')])
      .where('a.status', 'in', AWARDED)
      .executeTakeFirstOrThrow()
    const state = Number(r.state)
    return state > 0 ? Math.round((Number(r.counterpart) / state) * 1000) / 10 : null
  },
  // The resolution's "IP protections ×1.5": protection titles granted to the Fund's tasks in the target's period
  // over those granted in the five years before (one decimal); null while the earlier period holds none, since a
  // growth on nothing is no number.
  ip_filings: async (db, target) => {
    const now = periodOf(target.target_year)
    const before = periodOf(target.target_year - 5)
    const [current, previous] = [await acceptedEvidence(db, PROTECTIONS, now.from, now.to), await acceptedEvidence(db, PROTECTIONS, before.from, before.to)]
    return previous > 0 ? Math.round((current / previous) * 10) / 10 : null
  },
  // OCOP products whose IP is protected, by the number of their protection title, dated in the target's period.
  ocop_ip_products: countIn(['ocop_ip']),
  // S&T enterprise certificates (giấy chứng nhận doanh nghiệp KH&CN) dated in the target's period.
  new_st_enterprises: countIn(['st_enterprise']),
}

export interface TargetProgress {
  id: number
  code: string
  nameVi: string
  nameEn: string
  unitVi: string
  unitEn: string
  baseline: number
  target: number
  targetYear: number
  computation: TargetComputation
  /** The value now, and where it comes from: the portal's records, a staff entry (with its source), or none. */
  current: number | null
  origin: 'records' | 'entered' | 'none'
  source: string | null
  asOf: string | null
  /** Share of the way from the baseline to the target, 0–100 (null without a value). */
  progressPct: number | null
}

export async function listTargetProgress(db: DB): Promise<TargetProgress[]> {
  const targets = await db.selectFrom('resolution_targets').selectAll().orderBy('position').orderBy('id').execute()
  const latest = await db
    .selectFrom('target_values')
    .select(['target_id', 'value', 'source', sql<string>`to_char(as_of, 'YYYY-MM-DD')`.as('as_of')])
    .distinctOn('target_id')
    .orderBy('target_id')
    .orderBy('as_of', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute()
  const entered = new Map(latest.map((v) => [v.target_id, v]))
  const out: TargetProgress[] = []
  for (const t of targets) {
    const computed = await (REGISTRY[t.computation] ?? REGISTRY.manual)(db, t)
    const staff = entered.get(t.id)
    const current = computed ?? (staff ? Number(staff.value) : null)
    const span = t.target - t.baseline
    out.push({
      id: t.id,
      code: t.code,
      nameVi: t.name_vi,
      nameEn: t.name_en,
      unitVi: t.unit_vi,
      unitEn: t.unit_en,
      baseline: t.baseline,
      target: t.target,
      targetYear: t.target_year,
      computation: t.computation,
      current,
      origin: computed !== null ? 'records' : staff ? 'entered' : 'none',
      source: computed === null && staff ? staff.source : null,
      asOf: computed !== null ? vnDate(new Date()) : (staff?.as_of ?? null),
      progressPct: current === null ? null : span === 0 ? 100 : Math.max(0, Math.min(100, Math.round(((current - t.baseline) / span) * 1000) / 10)),
    })
  }
  return out
}

/** Money awarded by priority field (the resolution's priority fields), for the resolution's dashboard. */
export async function awardedByField(db: DB) {
  const rows = await db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .select([
      sql<string>`coalesce(nullif((SELECT g.data->>'priority_field' FROM application_sections g WHERE g.application_id = a.id AND g.key = 'general'), ''), c.priority_field)`.as('field'),
      sql<number>`count(*)`.as('tasks'),
      sql<number>`coalesce(sum(a.approved_amount), 0)`.as('awarded'),
      sql<number>`coalesce(sum(a.counterpart_amount), 0)`.as('counterpart'),
    ])
    .where('a.status', 'in', AWARDED)
    .groupBy('field')
    .orderBy('field')
    .execute()
  return rows.map((r) => ({ field: r.field, tasks: Number(r.tasks), awarded: Number(r.awarded), counterpart: Number(r.counterpart) }))
}

/** A decimal typed the Vietnamese way ("1,5" or "1.5"). */
const decimal = z
  .string()
  .trim()
  .regex(/^-?\d{1,12}([.,]\d{1,4})?$/, 'targets.v.number')
  .transform((v) => Number(v.replace(',', '.')))

export const targetSchema = z.object({
  id: z.coerce.number().int().positive(),
  name_vi: z.string().trim().min(1, 'targets.v.name').max(300, 'targets.v.name'),
  name_en: z.string().trim().min(1, 'targets.v.name').max(300, 'targets.v.name'),
  unit_vi: z.string().trim().max(40, 'targets.v.unit'),
  unit_en: z.string().trim().max(40, 'targets.v.unit'),
  baseline: decimal,
  target: decimal,
  target_year: z.string().trim().regex(/^20\d\d$/, 'targets.v.year').transform(Number),
  computation: z.enum(COMPUTATIONS, 'targets.v.computation'),
})

export const targetValueSchema = z.object({
  id: z.coerce.number().int().positive(),
  value: decimal,
  as_of: z
    .string()
    .trim()
    .regex(/^\d{2}\/\d{2}\/\d{4}$/, 'targets.v.date')
    .transform((v) => {
      const [d, m, y] = v.split('/')
      return `${y}-${m}-${d}`
    })
    .refine((v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'targets.v.date'),
  source: z.string().trim().min(1, 'targets.v.source').max(500, 'targets.v.source'),
})

export type FieldErrors = Record<string, string>
const errorsOf = (issues: readonly { path: PropertyKey[]; message: string }[]): FieldErrors =>
  Object.fromEntries(issues.map((i) => [String(i.path[0]), i.message]))

/** An admin edits a target's definition. */
export async function updateTarget(db: DB, input: { values: Record<string, string>; actor: Actor; ip?: string | null }) {
  const parsed = targetSchema.safeParse(input.values)
  if (!parsed.success) return { ok: false as const, errors: errorsOf(parsed.error.issues) }
  const { id, ...values } = parsed.data
  const updated = await db
    .updateTable('resolution_targets')
    .set({ ...values, updated_at: new Date(), updated_by: input.actor.id })
    .where('id', '=', id)
    .returning('code')
    .executeTakeFirst()
  if (!updated) return { ok: false as const, errors: { id: 'targets.v.notFound' } }
  await recordAudit(db, { action: 'target.updated', actor: input.actor, subjectType: 'target', subjectId: updated.code, ip: input.ip, details: values })
  return { ok: true as const }
}

/** Staff enter a target's value where the portal's records do not hold it, with its source. */
export async function recordTargetValue(db: DB, input: { values: Record<string, string>; actor: Actor; ip?: string | null }) {
  const parsed = targetValueSchema.safeParse(input.values)
  if (!parsed.success) return { ok: false as const, errors: errorsOf(parsed.error.issues) }
  const target = await db.selectFrom('resolution_targets').select(['id', 'code']).where('id', '=', parsed.data.id).executeTakeFirst()
  if (!target) return { ok: false as const, errors: { id: 'targets.v.notFound' } }
  await db
    .insertInto('target_values')
    .values({ target_id: target.id, value: parsed.data.value, as_of: parsed.data.as_of, source: parsed.data.source, recorded_by: input.actor.id })
    .execute()
  await recordAudit(db, {
    action: 'target.value_recorded',
    actor: input.actor,
    subjectType: 'target',
    subjectId: target.code,
    ip: input.ip,
    details: { value: parsed.data.value, asOf: parsed.data.as_of, source: parsed.data.source },
  })
  return { ok: true as const }
}
