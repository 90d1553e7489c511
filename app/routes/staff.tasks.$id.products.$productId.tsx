import type { LoaderFunctionArgs } from '@remix-run/node'
import { fileResponse } from '../lib/download.server'
import { uuidParam } from '../lib/params'
import { uploadStorage } from '../modules/applications'
import { authorizeTaskStaff, getProductFile } from '../modules/reports'

// A product file a progress report attaches, for the Fund's staff. Audited.

export async function loader(args: LoaderFunctionArgs) {
  const { user, task } = await authorizeTaskStaff(args, 'routes/staff.tasks.$id.products.$productId')
  const found = await getProductFile(args.context.db, uploadStorage(args.context.env), { task, productId: uuidParam(args.params.productId), actor: user, ip: args.context.clientIp })
  if (!found) throw new Response('Not found', { status: 404 })
  return fileResponse(found)
}
