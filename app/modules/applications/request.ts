import type { AppLoadContext } from '@remix-run/node'
import { uuidParam } from '../../lib/params'
import { authorizeUser, type RouteId, type SessionUser } from '../auth'
import { getApplicationForMember, type MemberApplication } from './access'

/**
 * The guard of every /applications/:id page: the route's permission, then membership of the applicant
 * organisation. Anyone else gets a 404, so an application's existence is never revealed.
 */
export async function authorizeApplicationMember(
  args: { request: Request; context: AppLoadContext; params: Record<string, string | undefined> },
  routeId: RouteId,
): Promise<{ user: SessionUser; access: MemberApplication }> {
  const user = await authorizeUser(args, routeId)
  const access = await getApplicationForMember(args.context.db, uuidParam(args.params.id), user.id)
  if (!access) throw new Response('Not found', { status: 404 })
  return { user, access }
}
