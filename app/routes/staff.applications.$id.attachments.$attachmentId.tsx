import type { LoaderFunctionArgs } from '@remix-run/node'
import { fileResponse } from '../lib/download.server'
import { uuidParam } from '../lib/params'
import { getAttachmentForDownload, uploadStorage } from '../modules/applications'
import { authorizeStaffApplication } from '../modules/screening'

const ROUTE = 'routes/staff.applications.$id.attachments.$attachmentId'

/** One attachment of a submitted application, for the Fund's staff and director; every download is audited. */
export async function loader(args: LoaderFunctionArgs) {
  const { user, staff } = await authorizeStaffApplication(args, ROUTE)
  const { db, env, clientIp } = args.context
  const found = await getAttachmentForDownload(db, uploadStorage(env), staff, user, uuidParam(args.params.attachmentId), clientIp)
  if (!found) throw new Response('Not found', { status: 404 })
  return fileResponse(found)
}
