import type { DB } from '../../../db'
import type { Application } from '../../../db/schema'
import { recordAudit } from '../audit'
import type { ApplicationCall } from '../applications'
import { CHECK_ITEMS, type CheckItem, checklistSchema, noteSchema } from './schemas'

// An application as the Fund's office works on it: the record, the screening checklist and internal notes.
// Notes are the staff's own: nothing here is ever shown to the applicant.

export interface StaffApplication {
  application: Application
  call: ApplicationCall & { blind: boolean; rubric_id: number | null }
  organisation: { id: string; name: string }
}

type Actor = { id: string; email: string }

/** A submitted application for staff (drafts are the applicant's private work: null, and the page says 404). */
export async function getApplicationForStaff(db: DB, applicationId: string): Promise<StaffApplication | null> {
  const app = await db.selectFrom('applications').selectAll().where('id', '=', applicationId).where('status', '!=', 'draft').executeTakeFirst()
  if (!app) return null
  const call = await db
    .selectFrom('calls')
    .select(['id', 'code', 'title_vi', 'title_en', 'status', 'opens_at', 'closes_at', 'grace_minutes', 'max_amount', 'min_counterpart_pct', 'max_duration_months', 'modality', 'blind', 'rubric_id'])
    .where('id', '=', app.call_id)
    .executeTakeFirstOrThrow()
  const org = await db.selectFrom('organisations').select(['id', 'name']).where('id', '=', app.organisation_id).executeTakeFirstOrThrow()
  return { application: app, call, organisation: org }
}

export interface Checklist {
  items: Record<CheckItem, boolean>
  notes: string
  updatedAt: Date | null
  updatedBy: string | null
}

export async function getChecklist(db: DB, applicationId: string): Promise<Checklist> {
  const row = await db
    .selectFrom('screening_checks as c')
    .leftJoin('users as u', 'u.id', 'c.updated_by')
    .select(['c.items', 'c.notes', 'c.updated_at', 'u.full_name'])
    .where('c.application_id', '=', applicationId)
    .executeTakeFirst()
  const items = Object.fromEntries(CHECK_ITEMS.map((k) => [k, row?.items?.[k] === true])) as Record<CheckItem, boolean>
  return { items, notes: row?.notes ?? '', updatedAt: row?.updated_at ?? null, updatedBy: row?.full_name ?? null }
}

/** Whether every item of the checklist is ticked (the guard of "eligible"). */
export async function checklistComplete(db: DB, applicationId: string): Promise<boolean> {
  const { items } = await getChecklist(db, applicationId)
  return CHECK_ITEMS.every((k) => items[k])
}

export async function saveChecklist(
  db: DB,
  input: { applicationId: string; actor: Actor; values: unknown; ip?: string | null; now?: Date },
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const parsed = checklistSchema.safeParse(input.values)
  if (!parsed.success) return { ok: false, errors: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'form', i.message])) }
  const { notes, ...items } = parsed.data
  const at = input.now ?? new Date()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('screening_checks')
      .values({ application_id: input.applicationId, items, notes, updated_by: input.actor.id, updated_at: at })
      .onConflict((oc) => oc.column('application_id').doUpdateSet({ items, notes, updated_by: input.actor.id, updated_at: at }))
      .execute()
    await recordAudit(trx, {
      action: 'application.screening_saved',
      actor: input.actor,
      subjectType: 'application',
      subjectId: input.applicationId,
      ip: input.ip ?? null,
      details: { items },
    })
  })
  return { ok: true }
}

export interface StaffNote {
  id: number
  body: string
  createdAt: Date
  authorName: string | null
}

export async function listStaffNotes(db: DB, applicationId: string): Promise<StaffNote[]> {
  const rows = await db
    .selectFrom('staff_notes as n')
    .leftJoin('users as u', 'u.id', 'n.author_id')
    .select(['n.id', 'n.body', 'n.created_at', 'u.full_name'])
    .where('n.application_id', '=', applicationId)
    .orderBy('n.id', 'desc')
    .limit(200)
    .execute()
  return rows.map((r) => ({ id: r.id, body: r.body, createdAt: r.created_at, authorName: r.full_name }))
}

export async function addStaffNote(
  db: DB,
  input: { applicationId: string; actor: Actor; values: unknown; ip?: string | null },
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const parsed = noteSchema.safeParse(input.values)
  if (!parsed.success) return { ok: false, errors: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'form', i.message])) }
  await db.transaction().execute(async (trx) => {
    const note = await trx.insertInto('staff_notes').values({ application_id: input.applicationId, author_id: input.actor.id, body: parsed.data.body }).returning('id').executeTakeFirstOrThrow()
    await recordAudit(trx, { action: 'application.note_added', actor: input.actor, subjectType: 'application', subjectId: input.applicationId, ip: input.ip ?? null, details: { note: note.id } })
  })
  return { ok: true }
}
