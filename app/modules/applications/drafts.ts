import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { ApplicationStatus, MemberRole } from '../../../db/schema'
import { statement } from '../../../db/statement'
import { callPhase } from '../calls/phase'
import type { EligibilityAnswers } from '../calls/eligibility'
import { type MemberApplication, canEditDraft, openChangeRequest, stillDraft } from './access'
import { readBudget } from './budget'
import { draftSchema } from './section-schemas'
import { pickSection, type SectionData, type SectionKey, type SectionState, sectionProblems, TASK_ORDER, type TaskKey } from './sections'
import { fieldErrors } from '../../lib/forms.server'

// Draft applications: starting one from a call, the applicant's dashboard, the task list and saving a
// section. A save is one UPDATE … WHERE version = the version the form was based on, so a save from another
// tab or a co-applicant based on an older version is refused (a conflict), never silently overwritten.

export interface Actor {
  id: string
}

export type StartResult =
  | { ok: true; id: string; existing: boolean }
  | { ok: false; reason: 'not-found' | 'forbidden' | 'closed' | 'ineligible' }

const ENDED: ApplicationStatus[] = ['withdrawn', 'cancelled']

/**
 * Starts a draft for an organisation (the user must be its owner or an editor) and an open call; when the
 * organisation already has an active application to that call, returns it instead.
 */
export async function startApplication(
  db: DB,
  user: Actor,
  input: { callCode: string; organisationId: string; eligibilityAnswers: EligibilityAnswers | null },
  now = new Date(),
): Promise<StartResult> {
  return db.transaction().execute(async (trx): Promise<StartResult> => {
    // Locking the organisation's row makes two starts at once (a double click) create one draft.
    const member = await trx
      .selectFrom('organisation_members as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .select(['m.role', 'o.type'])
      .where('m.organisation_id', '=', input.organisationId)
      .where('m.user_id', '=', user.id)
      .forUpdate('o')
      .executeTakeFirst()
    if (!member) return { ok: false, reason: 'not-found' }
    if (member.role === 'viewer') return { ok: false, reason: 'forbidden' }
    const call = await trx
      .selectFrom('calls')
      .select(['id', 'status', 'opens_at', 'closes_at', 'grace_minutes', 'eligible_types'])
      .where('code', '=', input.callCode)
      .where('status', 'in', ['published', 'closed'])
      .executeTakeFirst()
    if (!call) return { ok: false, reason: 'not-found' }
    const existing = await trx
      .selectFrom('applications')
      .select('id')
      .where('organisation_id', '=', input.organisationId)
      .where('call_id', '=', call.id)
      .where('status', 'not in', ENDED)
      .executeTakeFirst()
    if (existing) return { ok: true, id: existing.id, existing: true }
    if (callPhase(call, now) !== 'open') return { ok: false, reason: 'closed' }
    if (call.eligible_types.length && !call.eligible_types.includes(member.type)) return { ok: false, reason: 'ineligible' }
    const created = await trx
      .insertInto('applications')
      .values({
        call_id: call.id,
        organisation_id: input.organisationId,
        created_by: user.id,
        eligibility_answers: { ...(input.eligibilityAnswers ?? {}) },
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('application_events')
      .values({ application_id: created.id, actor_id: user.id, event: 'application.started', to_status: 'draft', details: {} })
      .execute()
    return { ok: true, id: created.id, existing: false }
  })
}

export type NextAction = 'continue' | 'respond' | 'view' | 'closed'

export interface MyApplication {
  id: string
  title: string
  status: ApplicationStatus
  role: MemberRole
  organisation: { id: string; name: string }
  call: { code: string; title_vi: string; title_en: string; closes_at: Date }
  next: NextAction
  /** The due date ('YYYY-MM-DD') of the Fund's open request for changes, if any. */
  changesDue: string | null
}

/** Every application of every organisation the user belongs to, latest deadline first (at most 500). */
export async function listMyApplications(db: DB, userId: string, now = new Date()): Promise<MyApplication[]> {
  const rows = await db
    .selectFrom('applications as a')
    .innerJoin('organisation_members as m', (j) => j.onRef('m.organisation_id', '=', 'a.organisation_id').on('m.user_id', '=', userId))
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .select([
      'a.id', 'a.title', 'a.status', 'm.role', 'o.id as org_id', 'o.name as org_name', 'c.code', 'c.title_vi', 'c.title_en',
      'c.closes_at', 'c.opens_at', 'c.grace_minutes', 'c.status as call_status', 'a.created_at',
    ])
    .select(
      sql<string | null>`(SELECT to_char(min(x.due_on), 'YYYY-MM-DD') FROM application_messages x
        WHERE x.application_id = a.id AND x.kind = 'change_request' AND x.resolved_at IS NULL)`.as('changes_due'),
    )
    .orderBy('c.closes_at', 'desc')
    .orderBy('a.created_at', 'desc')
    .limit(500)
    .execute()
  return rows.map((r) => {
    const open = callPhase({ status: r.call_status, opens_at: r.opens_at, closes_at: r.closes_at, grace_minutes: r.grace_minutes }, now) === 'open'
    const next: NextAction =
      (r.status === 'changes_requested' || r.status === 'revision') && r.role !== 'viewer' ? 'respond' : r.status !== 'draft' ? 'view' : !open ? 'closed' : r.role === 'viewer' ? 'view' : 'continue'
    return {
      id: r.id,
      title: r.title,
      status: r.status,
      role: r.role,
      organisation: { id: r.org_id, name: r.org_name },
      call: { code: r.code, title_vi: r.title_vi, title_en: r.title_en, closes_at: r.closes_at },
      next,
      changesDue: r.status === 'changes_requested' ? r.changes_due : null,
    }
  })
}

export interface Section {
  key: SectionKey
  data: SectionData
  version: number
  completed: boolean
  updatedAt: Date | null
  updatedBy: string | null
}

/** A section as stored; version 0 and no data before its first save. */
export async function getSection(db: DB, applicationId: string, key: SectionKey): Promise<Section> {
  const row = await db
    .selectFrom('application_sections as s')
    .leftJoin('users as u', 'u.id', 's.updated_by')
    .select(['s.data', 's.version', 's.completed', 's.updated_at', 'u.full_name'])
    .where('s.application_id', '=', applicationId)
    .where('s.key', '=', key)
    .executeTakeFirst()
  if (!row) return { key, data: {}, version: 0, completed: false, updatedAt: null, updatedBy: null }
  return { key, data: pickSection(key, (row.data ?? {}) as Record<string, unknown>), version: row.version, completed: row.completed, updatedAt: row.updated_at, updatedBy: row.full_name }
}

/** Whether an organisation's profile has every detail an application needs. */
export function organisationComplete(profile: object): boolean {
  const org = profile as Record<string, unknown>
  return ['name', 'identifier', 'address_line', 'ward_code', 'legal_rep_name', 'legal_rep_title', 'phone', 'email'].every(
    (k) => typeof org[k] === 'string' && (org[k] as string).trim() !== '',
  )
}

export interface Task {
  key: TaskKey
  state: SectionState
  href: string
}

/**
 * The task list: each section in order with its state. While the Fund asks for changes, a section its request
 * reopened is "to change" until it is saved as complete again after the request (files: uploaded after it).
 */
export async function getTaskList(db: DB, access: MemberApplication): Promise<Task[]> {
  const appId = access.application.id
  const sections = await db.selectFrom('application_sections').select(['key', 'version', 'completed', 'updated_at']).where('application_id', '=', appId).execute()
  const request = access.reopened.length > 0 ? await openChangeRequest(db, appId) : undefined
  const changed = (key: string, at: Date | null | undefined) => !request || !access.reopened.includes(key) || (!!at && at >= request.createdAt)
  const org = await db.selectFrom('organisations').selectAll().where('id', '=', access.organisation.id).executeTakeFirstOrThrow()
  // Attachments: completed when every mandatory document of the call has a file, started when any has.
  const docs = await db
    .selectFrom('call_documents as d')
    .leftJoin('attachments as f', (j) => j.onRef('f.call_document_id', '=', 'd.id').on('f.application_id', '=', appId))
    .select(['d.mandatory', sql<number>`count(f.id)`.as('files'), sql<Date | null>`max(f.uploaded_at)`.as('last_upload')])
    .where('d.call_id', '=', access.call.id)
    .groupBy(['d.id', 'd.mandatory'])
    .execute()
  const anyFile = docs.some((d) => Number(d.files) > 0)
  const allMandatory = docs.filter((d) => d.mandatory).every((d) => Number(d.files) > 0)
  const lastUpload = docs.reduce<Date | null>((last, d) => (d.last_upload && (!last || new Date(d.last_upload) > last) ? new Date(d.last_upload) : last), null)
  return TASK_ORDER.map((key): Task => {
    const href = key === 'attachments' ? `/applications/${appId}/attachments` : `/applications/${appId}/sections/${key}`
    if (key === 'attachments') return { key, href, state: !anyFile ? 'not_started' : !allMandatory ? 'in_progress' : changed(key, lastUpload) ? 'completed' : 'to_change' }
    if (key === 'organisation') return { key, href, state: organisationComplete(org) ? 'completed' : 'in_progress' }
    const row = sections.find((s) => s.key === key)
    if (!row || row.version === 0) return { key, href, state: 'not_started' }
    return { key, href, state: !row.completed ? 'in_progress' : changed(key, row.updated_at) ? 'completed' : 'to_change' }
  })
}

export type SaveResult =
  | { ok: true; version: number; savedAt: Date; completed: boolean }
  | { conflict: { version: number; savedAt: Date | null; savedBy: string | null } }
  | { invalid: Record<string, string> }
  | { refused: 'read-only' }

/**
 * Saves a section based on the version the form was loaded with. `complete` runs the section's full checks
 * (including the call's rules) and marks it completed; otherwise it is kept as typed, in progress.
 */
export async function saveSection(
  db: DB,
  access: MemberApplication,
  user: Actor,
  key: Exclude<SectionKey, 'organisation'>,
  input: { data: Record<string, unknown>; baseVersion: number; complete: boolean },
  now = new Date(),
): Promise<SaveResult> {
  if (!canEditDraft(access, now, key)) return { refused: 'read-only' }
  const draft = draftSchema(key).safeParse(input.data)
  if (!draft.success) return { invalid: fieldErrors(draft.error) }
  const data = pickSection(key, input.data)
  if (input.complete) {
    const problems = sectionProblems(key, data, access.call)
    if (Object.keys(problems).length) return { invalid: problems }
  }
  const appId = access.application.id
  // Any change to the dossier moves the application's version, so a "check your answers" page read before it
  // cannot submit what the applicant has not seen.
  const budget = key === 'budget' ? readBudget(data) : null
  const moved = {
    updated_at: now,
    ...(key === 'general' ? { title: data.title ?? '' } : {}),
    ...(budget ? { requested_amount: budget.requested, counterpart_amount: budget.counterpart } : {}),
  }
  const conflict = async (): Promise<SaveResult> => {
    const current = await db
      .selectFrom('application_sections as s')
      .leftJoin('users as u', 'u.id', 's.updated_by')
      .select(['s.version', 's.updated_at', 'u.full_name'])
      .where('s.application_id', '=', appId)
      .where('s.key', '=', key)
      .executeTakeFirst()
    const version = current?.version ?? 0
    return { conflict: { version, savedAt: version > 0 ? (current?.updated_at ?? null) : null, savedBy: current?.full_name ?? null } }
  }
  // Deadline day's autosave (a draft's section saved before, kept as typed): one statement, no transaction around
  // it. Not a draft (submitted, or reopened by the Fund): the transaction below decides.
  if (input.baseVersion > 0 && !input.complete) {
    const [r] = await saveDraftSection(db, appId, key, data, now, user.id, input.baseVersion, moved.title ?? null, moved.requested_amount ?? null, moved.counterpart_amount ?? null)
    if (r?.draft) return r.version === null ? conflict() : { ok: true, version: r.version, savedAt: r.updated_at!, completed: false }
  }
  try {
    return await db.transaction().execute(async (trx): Promise<SaveResult> => {
      // The application's row is locked first: a save waits for a submission in progress and then fails, so
      // nothing changes in a dossier once it is submitted (or once the Fund's request for changes is answered).
      // A draft (deadline day's autosaves) is locked, checked and its version moved in one statement; a dossier
      // reopened by the Fund is checked section by section (stillDraft), its version moved after the save.
      const [draft] = await moveDraft(trx, appId, now, moved.title ?? null, moved.requested_amount ?? null, moved.counterpart_amount ?? null)
      if (!draft && !(await stillDraft(trx, appId, key))) return { refused: 'read-only' }
      const saved = await writeSection(trx, appId, key, user.id, data, input.baseVersion, input.complete, now)
      // Someone saved since this form was loaded: nothing is written (the version moved above is rolled back).
      if (!saved) throw new SectionConflict()
      if (!draft) await trx.updateTable('applications').set((eb) => ({ version: eb('version', '+', 1), ...moved })).where('id', '=', appId).execute()
      if (input.complete) {
        await trx
          .insertInto('application_events')
          .values({ application_id: appId, actor_id: user.id, event: 'section.saved', details: { section: key, version: saved.version } })
          .execute()
      }
      return { ok: true, version: saved.version, savedAt: saved.updated_at, completed: input.complete }
    })
  } catch (error) {
    if (!(error instanceof SectionConflict)) throw error
    return conflict()
  }
}

class SectionConflict extends Error {}

/**
 * Writes a section over the version the form was loaded with, in one statement: the first save of a section
 * (from version 0) creates its row; a later one updates it only if nobody saved since. Null: a conflict.
 */
async function writeSection(trx: DB, appId: string, key: string, userId: string, data: Record<string, unknown>, baseVersion: number, complete: boolean, now: Date) {
  const [saved] =
    baseVersion === 0
      ? await insertSection(trx, appId, key, data, complete, now, userId)
      : await updateSection(trx, appId, key, data, complete, now, userId, baseVersion)
  return saved
}

// The autosave's three writes, every few seconds for each applicant typing on deadline day: written once
// (db/statement.ts, ADR 030) rather than built per call. Null moves nothing (coalesce keeps the column).
const moveDraft = statement<{ id: string }>(
  `UPDATE applications SET version = version + 1, updated_at = $2, title = coalesce($3, title),
     requested_amount = coalesce($4, requested_amount), counterpart_amount = coalesce($5, counterpart_amount)
   WHERE id = $1 AND status = 'draft' RETURNING id`,
)
/**
 * The transaction's work for a draft's section saved before, in one statement (ADR 030): the application's row
 * locked first and still a draft (a save waits for a submission in progress, then finds it submitted: `draft`
 * false), the section written only over the version the form had, and the application's version moved only if the
 * section was written (a conflict moves nothing). Two saves from the same version: the second waits for the first's
 * lock, then finds the section's version moved (PostgreSQL checks the WHERE again on the row as committed).
 */
const saveDraftSection = statement<{ draft: boolean; version: number | null; updated_at: Date | null }>(
  `WITH draft AS (
     SELECT id FROM applications WHERE id = $1 AND status = 'draft' FOR UPDATE
   ), saved AS (
     UPDATE application_sections SET data = $3, completed = false, updated_at = $4, updated_by = $5, version = version + 1
     WHERE application_id = $1 AND key = $2 AND version = $6 AND EXISTS (SELECT 1 FROM draft)
     RETURNING version, updated_at
   ), moved AS ( -- run to its end though nothing reads it, as every data-modifying WITH
     UPDATE applications SET version = version + 1, updated_at = $4, title = coalesce($7, title),
       requested_amount = coalesce($8, requested_amount), counterpart_amount = coalesce($9, counterpart_amount)
     WHERE id IN (SELECT id FROM draft) AND EXISTS (SELECT 1 FROM saved)
     RETURNING id
   )
   SELECT EXISTS (SELECT 1 FROM draft) AS draft, (SELECT version FROM saved) AS version,
     (SELECT updated_at FROM saved) AS updated_at`,
)
const insertSection = statement<{ version: number; updated_at: Date }>(
  `INSERT INTO application_sections (application_id, key, version, data, completed, updated_at, updated_by)
   VALUES ($1, $2, 1, $3, $4, $5, $6)
   ON CONFLICT (application_id, key) DO UPDATE SET data = $3, completed = $4, updated_at = $5, updated_by = $6,
     version = application_sections.version + 1
   WHERE application_sections.version = 0
   RETURNING version, updated_at`,
)
const updateSection = statement<{ version: number; updated_at: Date }>(
  `UPDATE application_sections SET data = $3, completed = $4, updated_at = $5, updated_by = $6, version = version + 1
   WHERE application_id = $1 AND key = $2 AND version = $7
   RETURNING version, updated_at`,
)
