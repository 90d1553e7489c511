import type { AppLoadContext } from '@remix-run/node'
import type { DB } from '../../../db'
import type { MemberRole } from '../../../db/schema'
import { uuidParam } from '../../lib/params'
import { authorizeUser, type RouteId, type SessionUser } from '../auth'
import { listMemberTasks, type TaskRow, type TaskView, taskView } from '../contracts'
import { type AgendaItem, agendaOf, isDueSoon, taskAgenda } from './agenda'

// The hub pages of a funded task: the grantee's list (/tasks) and overview (/tasks/:id), the office's overview
// (/staff/tasks/:id), and the start page's list of tasks with something due soon. Who may open them, and what
// they show beyond the contracts module's readers: the agenda, and the contract's number.

export interface MyTask extends TaskRow {
  /** The first step of the task's agenda, if any. */
  next: AgendaItem | null
}

/** The funded tasks of the person's organisations, each with the next thing due (newest contract first). */
export async function listMyTasks(db: DB, userId: string, now = new Date()): Promise<MyTask[]> {
  const rows = await listMemberTasks(db, userId)
  const out: MyTask[] = []
  for (const r of rows) out.push({ ...r, next: (await taskAgenda(db, r.applicationId, now))[0] ?? null })
  return out
}

/** The tasks whose next step is due within the start page's horizon (or late), soonest first. */
export function tasksDueSoon(tasks: MyTask[], now = new Date()): MyTask[] {
  return tasks.filter((t) => t.next && isDueSoon(t.next, now)).sort((a, b) => a.next!.dueOn!.localeCompare(b.next!.dueOn!))
}

export interface TaskOverview extends TaskView {
  /** The signed contract's number in the document register (null until the Fund signs it). */
  contractNumber: string | null
  agenda: AgendaItem[]
}

/** One task for its overview page: the contract, what is due next and the documents; null without a contract. */
export async function taskOverview(db: DB, applicationId: string, now = new Date()): Promise<TaskOverview | null> {
  const view = await taskView(db, applicationId)
  if (!view) return null
  const contractDoc = view.documents.find((d) => d.kind === 'contract' && d.state !== 'cancelled')
  return { ...view, contractNumber: contractDoc?.symbol ?? null, agenda: await agendaOf(db, view.contract, now) }
}

type Args = { request: Request; context: AppLoadContext; params: Record<string, string | undefined> }

/**
 * The guard of /tasks/:id: the route's permission, then a member of the grantee organisation, and a contract the
 * Fund has sent (a draft is the office's own). Anyone else gets a 404, as if the task did not exist.
 */
export async function authorizeTaskOverview(args: Args, routeId: RouteId, now = new Date()): Promise<{ user: SessionUser; task: TaskOverview; role: MemberRole }> {
  const user = await authorizeUser(args, routeId)
  const id = uuidParam(args.params.id)
  const member = await args.context.db
    .selectFrom('applications as a')
    .innerJoin('organisation_members as m', 'm.organisation_id', 'a.organisation_id')
    .innerJoin('contracts as c', 'c.application_id', 'a.id')
    .select('m.role')
    .where('a.id', '=', id)
    .where('m.user_id', '=', user.id)
    .where('c.status', '!=', 'draft')
    .executeTakeFirst()
  const task = member ? await taskOverview(args.context.db, id, now) : null
  if (!member || !task) throw new Response('Not found', { status: 404 })
  return { user, task, role: member.role }
}

/** The guard of /staff/tasks/:id: the route's permission and a task with a contract (a draft included). */
export async function authorizeStaffTaskOverview(args: Args, routeId: RouteId, now = new Date()): Promise<{ user: SessionUser; task: TaskOverview }> {
  const user = await authorizeUser(args, routeId)
  const task = await taskOverview(args.context.db, uuidParam(args.params.id), now)
  if (!task) throw new Response('Not found', { status: 404 })
  return { user, task }
}
