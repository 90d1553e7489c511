import type { AppLoadContext } from '@remix-run/node'
import type { DB } from '../../../db'
import type { ApplicationStatus, MemberRole } from '../../../db/schema'
import { uuidParam } from '../../lib/params'
import { authorizeUser, type RouteId, type SessionUser } from '../auth'
import { type Contract, contractOf } from '../contracts'

// Who may see a funded task's progress: the members of the grantee organisation (owners and editors act,
// viewers read) and the Fund's staff. A task is an application under a signed contract; the URL carries the
// application's id, the one id the task keeps from its first draft to its closure.

export interface Task {
  applicationId: string
  reference: string
  title: string
  status: ApplicationStatus
  organisationId: string
  organisation: string
  contract: Contract
}

const SIGNED_OR_AFTER: readonly Contract['status'][] = ['signed', 'liquidated', 'terminated']

/** A task by its application id; null while it has no signed contract. */
export async function getTask(db: DB, applicationId: string): Promise<Task | null> {
  const app = await db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.reference', 'a.title', 'a.status', 'a.organisation_id', 'o.name'])
    .where('a.id', '=', applicationId)
    .executeTakeFirst()
  if (!app) return null
  const contract = await contractOf(db, app.id)
  if (!contract || !SIGNED_OR_AFTER.includes(contract.status)) return null
  return { applicationId: app.id, reference: app.reference ?? '', title: app.title, status: app.status, organisationId: app.organisation_id, organisation: app.name, contract }
}

/** The member's role in the grantee organisation, or null when they are not a member. */
export async function memberRole(db: DB, organisationId: string, userId: string): Promise<MemberRole | null> {
  const row = await db.selectFrom('organisation_members').select('role').where('organisation_id', '=', organisationId).where('user_id', '=', userId).executeTakeFirst()
  return row?.role ?? null
}

type Args = { request: Request; context: AppLoadContext; params: Record<string, string | undefined> }

/** The guard of the grantee's /tasks/:id pages: the route's permission, then membership; anyone else gets a 404. */
export async function authorizeTaskMember(args: Args, routeId: RouteId): Promise<{ user: SessionUser; task: Task; role: MemberRole }> {
  const user = await authorizeUser(args, routeId)
  const task = await getTask(args.context.db, uuidParam(args.params.id))
  const role = task ? await memberRole(args.context.db, task.organisationId, user.id) : null
  if (!task || !role) throw new Response('Not found', { status: 404 })
  return { user, task, role }
}

/** The guard of the office's /staff/tasks/:id pages. */
export async function authorizeTaskStaff(args: Args, routeId: RouteId): Promise<{ user: SessionUser; task: Task }> {
  const user = await authorizeUser(args, routeId)
  const task = await getTask(args.context.db, uuidParam(args.params.id))
  if (!task) throw new Response('Not found', { status: 404 })
  return { user, task }
}
