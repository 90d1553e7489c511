import type { LoaderFunctionArgs } from '@remix-run/node'
import { fileResponse } from '../lib/download.server'
import { uuidParam } from '../lib/params'
import { authorizeApplicationMember, getAttachmentForDownload, uploadStorage } from '../modules/applications'

const ROUTE = 'routes/applications.$id.attachments.$attachmentId'

/** One attachment, for members of the applicant organisation only (404 for anyone else); every download is audited. */
export async function loader(args: LoaderFunctionArgs) {
  const { user, access } = await authorizeApplicationMember(args, ROUTE)
  const { db, env, clientIp } = args.context
  const found = await getAttachmentForDownload(db, uploadStorage(env), access, user, uuidParam(args.params.attachmentId), clientIp)
  if (!found) throw new Response('Not found', { status: 404 })
  return fileResponse(found)
}
