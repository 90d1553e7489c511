import type { AppLoadContext } from '@remix-run/node'
import type { DB } from '../../../db'
import type { ApplicationStatus, MemberRole } from '../../../db/schema'
import { uuidParam } from '../../lib/params'
import { authorizeUser, type RouteId, type SessionUser } from '../auth'
import { type Contract, contractOf } from '../contracts'

// A funded task as the payments pages see it: the application (its title, reference, status, organisation and
// call) with its signed contract. The task's id is the application's.

export interface Task {
  id: string
  title: string
  reference: string | null
  status: ApplicationStatus
  organisationId: string
  organisationName: string
  callId: string
  callCode: string
  callTitleVi: string
  callTitleEn: string
  contract: Contract
}

/** Statuses in which the grantee may ask for a payment: the work under way, in acceptance, or accepted. */
export const PAYABLE_STATUSES: readonly ApplicationStatus[] = ['in_progress', 'acceptance', 'completed']

/** The task of an application under a contract, or null (no such application, or no contract yet). */
export async function taskOf(db: DB, applicationId: string): Promise<Task | null> {
  const row = await db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .select(['a.id', 'a.title', 'a.reference', 'a.status', 'a.organisation_id', 'o.name as organisation_name', 'a.call_id', 'c.code', 'c.title_vi', 'c.title_en'])
    .where('a.id', '=', applicationId)
    .executeTakeFirst()
  if (!row) return null
  const contract = await contractOf(db, applicationId)
  if (!contract) return null
  return {
    id: row.id,
    title: row.title,
    reference: row.reference,
    status: row.status,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    callId: row.call_id,
    callCode: row.code,
    callTitleVi: row.title_vi,
    callTitleEn: row.title_en,
    contract,
  }
}

/** Whether the user speaks for the task's organisation (owner or editor); a viewer only reads. */
export async function memberRole(db: DB, organisationId: string, userId: string): Promise<'owner' | 'editor' | 'viewer' | null> {
  const row = await db.selectFrom('organisation_members').select('role').where('organisation_id', '=', organisationId).where('user_id', '=', userId).executeTakeFirst()
  return row?.role ?? null
}

type Args = { request: Request; context: AppLoadContext; params: Record<string, string | undefined> }

/**
 * The guard of the grantee's money pages (/tasks/:id/payments, /tasks/:id/settlement): the route's permission,
 * then membership of the task's organisation. Anyone outside it gets a 404: a task's existence is not revealed.
 */
export async function authorizeGranteeMoney(args: Args, routeId: RouteId): Promise<{ user: SessionUser; task: Task; role: MemberRole }> {
  const user = await authorizeUser(args, routeId)
  const task = await taskOf(args.context.db, uuidParam(args.params.id))
  const role = task ? await memberRole(args.context.db, task.organisationId, user.id) : null
  if (!task || !role) throw new Response('Not found', { status: 404 })
  return { user, task, role }
}
