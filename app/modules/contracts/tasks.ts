import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { ApplicationStatus, ContractStatus } from '../../../db/schema'
import { documentsQuery, type IssuedDocument, toIssuedDocument } from '../decisions/documents'
import { type Contract, contractOf } from './read'

// The funded tasks as people see them: the grantee's list (/tasks) and page (/tasks/:id), the office's portfolio
// (/staff/tasks, filtered by call, status, field, due this week) and page. A task is an application with a contract.

export interface TaskRow {
  applicationId: string
  reference: string | null
  title: string
  organisation: string
  callCode: string
  field: string | null
  status: ApplicationStatus
  contractStatus: ContractStatus
  fundAmount: number
  endsOn: string
  /** The next tranche's due day, when one is scheduled ('YYYY-MM-DD'). */
  nextDueOn: string | null
}

function tasksQuery(db: DB) {
  return db
    .selectFrom('contracts as c')
    .innerJoin('applications as a', 'a.id', 'c.application_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .innerJoin('calls as k', 'k.id', 'a.call_id')
    .select([
      'a.id',
      'a.reference',
      'a.title',
      'o.name as organisation',
      'k.code as call_code',
      'a.status',
      'c.status as contract_status',
      'c.fund_amount',
      sql<string>`to_char(c.ends_on, 'YYYY-MM-DD')`.as('ends_on'),
      sql<string | null>`(SELECT to_char(min(t.due_on), 'YYYY-MM-DD') FROM contract_tranches t WHERE t.contract_id = c.id AND t.due_on >= current_date)`.as('next_due_on'),
      sql<string | null>`(SELECT s.data->>'priority_field' FROM application_sections s WHERE s.application_id = a.id AND s.key = 'general')`.as('field'),
    ])
}

type Row = Awaited<ReturnType<ReturnType<typeof tasksQuery>['execute']>>[number]
const toRow = (r: Row): TaskRow => ({
  applicationId: r.id,
  reference: r.reference,
  title: r.title,
  organisation: r.organisation,
  callCode: r.call_code,
  field: r.field,
  status: r.status,
  contractStatus: r.contract_status,
  fundAmount: Number(r.fund_amount),
  endsOn: r.ends_on,
  nextDueOn: r.next_due_on,
})

/** The tasks of the organisations a person belongs to, newest contract first. */
export async function listMemberTasks(db: DB, userId: string): Promise<TaskRow[]> {
  const rows = await tasksQuery(db)
    .innerJoin('organisation_members as m', 'm.organisation_id', 'a.organisation_id')
    .where('m.user_id', '=', userId)
    .where('c.status', '!=', 'draft')
    .orderBy('c.created_at', 'desc')
    .execute()
  return rows.map(toRow)
}

export interface PortfolioFilter {
  call?: string
  status?: string
  field?: string
  /** Only tasks with a tranche due within the next 7 days. */
  dueThisWeek?: boolean
}

/** The office's portfolio of funded tasks, filtered; by reference. */
export async function listPortfolio(db: DB, filter: PortfolioFilter = {}): Promise<TaskRow[]> {
  let q = tasksQuery(db)
  if (filter.call) q = q.where('k.code', '=', filter.call)
  if (filter.status) q = q.where('a.status', '=', filter.status as ApplicationStatus)
  const rows = (await q.orderBy('a.reference').execute()).map(toRow)
  const week = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)
  return rows.filter((r) => (!filter.field || r.field === filter.field) && (!filter.dueThisWeek || (r.nextDueOn !== null && r.nextDueOn <= week)))
}

export interface TaskView {
  applicationId: string
  reference: string | null
  title: string
  organisation: string
  status: ApplicationStatus
  contract: Contract
  accepted: { name: string; position: string; at: Date } | null
  documents: IssuedDocument[]
}

/** One task with its contract, the grantee's acceptance and every document of the application. */
export async function taskView(db: DB, applicationId: string): Promise<TaskView | null> {
  const contract = await contractOf(db, applicationId)
  if (!contract) return null
  const app = await db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.reference', 'a.title', 'a.status', 'o.name'])
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const acc = await db.selectFrom('contracts').select(['accepted_at', 'accepted_name', 'accepted_position']).where('id', '=', contract.id).executeTakeFirstOrThrow()
  const documents = (await documentsQuery(db).where('d.application_id', '=', applicationId).orderBy('d.created_at', 'desc').execute()).map(toIssuedDocument)
  return {
    applicationId: app.id,
    reference: app.reference,
    title: app.title,
    organisation: app.name,
    status: app.status,
    contract,
    accepted: acc.accepted_at ? { name: acc.accepted_name ?? '', position: acc.accepted_position ?? '', at: acc.accepted_at } : null,
    documents,
  }
}
