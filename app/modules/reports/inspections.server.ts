import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { InspectionAssessment } from '../../../db/schema'
import { fieldErrors } from '../../lib/forms.server'
import { recordAudit } from '../audit'
import type { Task } from './access'
import type { IntentContext, IntentResult } from './intents.server'
import { followUpDoneSchema, followUpSchema, inspectionSchema } from './schemas'

// Inspections of a funded task (kiểm tra định kỳ, Circular 04/2015/TT-BKHCN and successors): the office records
// when it inspected, who inspected, what it found and its overall assessment, then the follow-ups it asks of the
// grantee, each marked done when done. Everything is audited on the application.

export interface FollowUp {
  id: string
  action: string
  dueOn: string | null
  doneAt: Date | null
  doneNote: string
}

export interface Inspection {
  id: string
  inspectedOn: string
  inspectors: string
  findings: string
  assessment: InspectionAssessment
  recordedBy: string | null
  recordedAt: Date
  followUps: FollowUp[]
}

/** The task's inspections, latest first, each with its follow-ups in the order they were asked. */
export async function listInspections(db: DB, contractId: string): Promise<Inspection[]> {
  const rows = await db
    .selectFrom('inspections as i')
    .leftJoin('users as u', 'u.id', 'i.recorded_by')
    .select(['i.id', 'i.inspectors', 'i.findings', 'i.assessment', 'i.recorded_at', 'u.full_name', sql<string>`to_char(i.inspected_on, 'YYYY-MM-DD')`.as('inspected_on')])
    .where('i.contract_id', '=', contractId)
    .orderBy('i.inspected_on', 'desc')
    .orderBy('i.recorded_at', 'desc')
    .execute()
  const followUps = rows.length
    ? await db
        .selectFrom('inspection_follow_ups')
        .select(['id', 'inspection_id', 'action', 'done_at', 'done_note', sql<string | null>`to_char(due_on, 'YYYY-MM-DD')`.as('due_on')])
        .where('inspection_id', 'in', rows.map((r) => r.id))
        .orderBy('due_on')
        .orderBy('id')
        .execute()
    : []
  return rows.map((r) => ({
    id: r.id,
    inspectedOn: r.inspected_on,
    inspectors: r.inspectors,
    findings: r.findings,
    assessment: r.assessment,
    recordedBy: r.full_name,
    recordedAt: r.recorded_at,
    followUps: followUps.filter((f) => f.inspection_id === r.id).map((f) => ({ id: f.id, action: f.action, dueOn: f.due_on, doneAt: f.done_at, doneNote: f.done_note })),
  }))
}

async function inspectionOf(db: DB, task: Task, inspectionId: string) {
  return db.selectFrom('inspections').select('id').where('id', '=', inspectionId).where('contract_id', '=', task.contract.id).executeTakeFirst()
}

/** The office records an inspection. */
export async function recordInspectionIntent(ctx: IntentContext, raw: Record<string, string>): Promise<IntentResult> {
  const parsed = inspectionSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error), values: raw }
  const d = parsed.data
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('inspections')
      .values({ contract_id: ctx.task.contract.id, inspected_on: d.inspectedOn, inspectors: d.inspectors, findings: d.findings, assessment: d.assessment, recorded_by: ctx.user.id })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { action: 'inspection.recorded', actor: ctx.user, subjectType: 'application', subjectId: ctx.task.applicationId, ip: ctx.ip, details: { inspection: row.id, on: d.inspectedOn, assessment: d.assessment } })
  })
  return { ok: true, notice: 'recorded' }
}

/** The office adds a follow-up to one of the task's inspections. */
export async function addFollowUpIntent(ctx: IntentContext, raw: Record<string, string>): Promise<IntentResult> {
  const parsed = followUpSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error), values: raw }
  const d = parsed.data
  if (!(await inspectionOf(ctx.db, ctx.task, d.inspectionId))) return { ok: false, status: 404, errors: { form: 'reports.v.inspection' }, values: raw }
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('inspection_follow_ups').values({ inspection_id: d.inspectionId, action: d.action, due_on: d.dueOn || null }).returning('id').executeTakeFirstOrThrow()
    await recordAudit(trx, { action: 'inspection.follow_up_added', actor: ctx.user, subjectType: 'application', subjectId: ctx.task.applicationId, ip: ctx.ip, details: { inspection: d.inspectionId, followUp: row.id } })
  })
  return { ok: true, notice: 'followUp' }
}

/** The office marks a follow-up done, with a note. Once done it stays done. */
export async function followUpDoneIntent(ctx: IntentContext, raw: Record<string, string>): Promise<IntentResult> {
  const parsed = followUpDoneSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error), values: raw }
  const d = parsed.data
  const done = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('inspection_follow_ups')
      .set({ done_at: new Date(), done_note: d.note, done_by: ctx.user.id })
      .where('id', '=', d.followUpId)
      .where('done_at', 'is', null)
      .where('inspection_id', 'in', (eb) => eb.selectFrom('inspections').select('id').where('contract_id', '=', ctx.task.contract.id))
      .returning('id')
      .executeTakeFirst()
    if (row) await recordAudit(trx, { action: 'inspection.follow_up_done', actor: ctx.user, subjectType: 'application', subjectId: ctx.task.applicationId, ip: ctx.ip, details: { followUp: row.id } })
    return !!row
  })
  if (!done) return { ok: false, status: 409, errors: { form: 'reports.v.followUp' }, values: {} }
  return { ok: true, notice: 'done' }
}
