import type { LoaderFunctionArgs } from '@remix-run/node'
import { fileResponse } from '../lib/download.server'
import { uuidParam } from '../lib/params'
import { uploadStorage } from '../modules/applications'
import { getDocumentForDownload } from '../modules/decisions'
import { authorizeStaffApplication } from '../modules/screening'

/** An issued document of the application, for the Fund's people. */
export async function loader(args: LoaderFunctionArgs) {
  const { staff } = await authorizeStaffApplication(args, 'routes/staff.applications.$id.documents.$documentId')
  const found = await getDocumentForDownload(args.context.db, uploadStorage(args.context.env), staff.application.id, uuidParam(args.params.documentId))
  if (!found) throw new Response('Not found', { status: 404 })
  return fileResponse(found)
}
