import type { LoaderFunctionArgs } from '@remix-run/node'
import { fileResponse } from '../lib/download.server'
import { uuidParam } from '../lib/params'
import { authorizeApplicationMember, uploadStorage } from '../modules/applications'
import { getDocumentForDownload } from '../modules/decisions'

/** A document the Fund issued for this application, for the members of the applicant organisation. */
export async function loader(args: LoaderFunctionArgs) {
  const { access } = await authorizeApplicationMember(args, 'routes/applications.$id.documents.$documentId')
  const found = await getDocumentForDownload(args.context.db, uploadStorage(args.context.env), access.application.id, uuidParam(args.params.documentId))
  if (!found) throw new Response('Not found', { status: 404 })
  return fileResponse(found)
}
