import type { AppLoadContext } from '@remix-run/node'
import { uuidParam } from '../../lib/params'
import { authorizeUser, type RouteId, type SessionUser } from '../auth'
import { getApplicationForStaff, type StaffApplication } from './desk'

/** The guard of every /staff/applications/:id page: the route's permission, then a submitted application (404 otherwise). */
export async function authorizeStaffApplication(
  args: { request: Request; context: AppLoadContext; params: Record<string, string | undefined> },
  routeId: RouteId,
): Promise<{ user: SessionUser; staff: StaffApplication }> {
  const user = await authorizeUser(args, routeId)
  const staff = await getApplicationForStaff(args.context.db, uuidParam(args.params.id))
  if (!staff) throw new Response('Not found', { status: 404 })
  return { user, staff }
}
