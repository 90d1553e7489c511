import type { LoaderFunctionArgs } from '@remix-run/node'
import { pdfResponse } from '../lib/download.server'
import { previewContract } from '../modules/contracts'
import { authorizeStaffApplication } from '../modules/screening'

/** The application's contract as it would be signed now, unnumbered, shown in the browser (the office's and the director's). */
export async function loader(args: LoaderFunctionArgs) {
  const { staff } = await authorizeStaffApplication(args, 'routes/staff.tasks.$id_.contract.preview')
  const pdf = await previewContract(args.context.db, staff.application.id)
  if (!pdf) throw new Response('Not found', { status: 404 })
  return pdfResponse(pdf, 'du-thao-hop-dong.pdf', 'inline')
}
