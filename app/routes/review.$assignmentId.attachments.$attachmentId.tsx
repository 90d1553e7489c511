import type { LoaderFunctionArgs } from '@remix-run/node'
import { fileResponse } from '../lib/download.server'
import { uuidParam } from '../lib/params'
import { getAttachmentForDownload, uploadStorage } from '../modules/applications'
import { authorizeUser } from '../modules/auth'
import { getAssignmentForReviewer } from '../modules/review/ballots'

const ROUTE = 'routes/review.$assignmentId.attachments.$attachmentId'

/** One file of the dossier, for its reviewer while the dossier is open to them; every download is audited. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const { db, env, clientIp } = args.context
  const found = await getAssignmentForReviewer(db, uuidParam(args.params.assignmentId), user.id)
  if (!found || !found.dossierOpen) throw new Response('Not found', { status: 404 })
  const file = await getAttachmentForDownload(db, uploadStorage(env), found.access, user, uuidParam(args.params.attachmentId), clientIp)
  if (!file) throw new Response('Not found', { status: 404 })
  return fileResponse(file)
}
