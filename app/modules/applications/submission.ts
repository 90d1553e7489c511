import type { DB } from '../../../db'
import type { Selectable } from 'kysely'
import type { OrganisationsTable } from '../../../db/schema'
import { TIME_ZONE } from '../../i18n/format'
import { callPhase } from '../calls/phase'
import { eventsFor } from '../workflow/machine'
import type { MemberApplication } from './access'
import { budgetProblems, durationProblem, readBudget } from './budget'
import { organisationComplete } from './drafts'
import { FORM_SECTIONS, pickSection, sectionProblems } from './sections'

// What stands between a draft and its submission (checkSubmission, for the "check your answers" page and the
// status machine's submit guard), the reference's form, and the application's history. The status changes
// themselves (submit, withdraw, …) are the workflow module's: app/modules/workflow.

/** Something that stops a submission: a catalogue key (parameters in query form) and where to fix it. */
export interface SubmissionProblem {
  message: string
  href: string
  /** A call document's name, for the "document missing" message (which names it in the page's language). */
  document?: { vi: string; en: string }
}

/**
 * Everything that stops this application from being submitted now: the deadline (with the call's grace
 * minutes, by server time), every section not completed or no longer passing its full checks, every mandatory
 * document without a file, and the call's budget and duration rules.
 */
export async function checkSubmission(db: DB, access: MemberApplication, now = new Date(), organisation?: Selectable<OrganisationsTable>): Promise<SubmissionProblem[]> {
  const appId = access.application.id
  const base = `/applications/${appId}`
  const problems: SubmissionProblem[] = []
  if (callPhase(access.call, now) !== 'open') problems.push({ message: 'submission.problem.deadline', href: base })

  const rows = await db.selectFrom('application_sections').select(['key', 'data', 'completed']).where('application_id', '=', appId).execute()
  for (const key of FORM_SECTIONS) {
    const href = `${base}/sections/${key}`
    const row = rows.find((r) => r.key === key)
    if (!row || !row.completed) {
      problems.push({ message: `submission.problem.section.${key}`, href })
      continue
    }
    const data = pickSection(key, (row.data ?? {}) as Record<string, unknown>)
    // The call's rules, reported in their own words; any other failing check means the section is not complete.
    const rules: string[] = []
    if (key === 'budget') rules.push(...Object.values(budgetProblems(readBudget(data), access.call)))
    if (key === 'general' && /^\d{1,3}$/.test(data.duration_months ?? '')) {
      const p = durationProblem(Number(data.duration_months), access.call)
      if (p) rules.push(p)
    }
    for (const message of rules) problems.push({ message, href })
    const other = Object.values(sectionProblems(key, data, access.call)).filter((m) => !rules.includes(m))
    if (other.length) problems.push({ message: `submission.problem.section.${key}`, href })
  }

  // The organisation's row, when the caller has read it already (the submission, on the locked application).
  const org = organisation ?? (await db.selectFrom('organisations').selectAll().where('id', '=', access.organisation.id).executeTakeFirst())
  if (!org || !organisationComplete(org)) problems.push({ message: 'submission.problem.section.organisation', href: `${base}/sections/organisation` })

  const missing = await db
    .selectFrom('call_documents as d')
    .leftJoin('attachments as a', (j) => j.onRef('a.call_document_id', '=', 'd.id').on('a.application_id', '=', appId))
    .select(['d.id', 'd.name_vi', 'd.name_en'])
    .where('d.call_id', '=', access.call.id)
    .where('d.mandatory', '=', true)
    .where('a.id', 'is', null)
    .orderBy('d.position')
    .orderBy('d.id')
    .execute()
  for (const d of missing) {
    problems.push({ message: 'submission.problem.document', href: `${base}/attachments#file-${d.id}`, document: { vi: d.name_vi, en: d.name_en } })
  }
  return problems
}

/** The year of an instant in Việt Nam (a submission at 00:30 on 1 January, local time, belongs to the new year). */
export function vnYear(at: Date): number {
  return Number(yearInVietnam.format(at))
}
// Made once: building a formatter with a time zone costs about a millisecond (a profile of deadline day found it).
const yearInVietnam = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric' })

export function formatReference(prefix: string, year: number, n: number) {
  return `${prefix}-${year}-${String(n).padStart(4, '0')}`
}

/** Whether this member may withdraw the application now (owners and editors, before a decision). */
export function canWithdraw(access: MemberApplication): boolean {
  return access.role !== 'viewer' && eventsFor(access.application.status, 'applicant').includes('withdraw')
}

export interface ApplicationEvent {
  id: number
  at: Date
  event: string
  fromStatus: string | null
  toStatus: string | null
  details: Record<string, unknown>
  actorName: string | null
  actorEmail: string | null
}

/** The application's history for its timeline, newest first (at most 200 entries). */
export async function listApplicationEvents(db: DB, applicationId: string): Promise<ApplicationEvent[]> {
  const rows = await db
    .selectFrom('application_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.at', 'e.event', 'e.from_status', 'e.to_status', 'e.details', 'u.full_name', 'u.email'])
    .where('e.application_id', '=', applicationId)
    .orderBy('e.id', 'desc')
    .limit(200)
    .execute()
  return rows.map((r) => ({ id: r.id, at: r.at, event: r.event, fromStatus: r.from_status, toStatus: r.to_status, details: r.details ?? {}, actorName: r.full_name, actorEmail: r.email }))
}
