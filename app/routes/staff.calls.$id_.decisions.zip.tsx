import type { LoaderFunctionArgs } from '@remix-run/node'
import { fileResponse } from '../lib/download.server'
import { uuidParam } from '../lib/params'
import { uploadStorage } from '../modules/applications'
import { authorizeUser } from '../modules/auth'
import { getJobZip } from '../modules/decisions'

/** The ZIP of the call's outcome documents and their list, from its latest finished job; 404 if none. */
export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/staff.calls.$id_.decisions.zip')
  const found = await getJobZip(args.context.db, uploadStorage(args.context.env), uuidParam(args.params.id))
  if (!found) throw new Response('Not found', { status: 404 })
  return fileResponse(found)
}
