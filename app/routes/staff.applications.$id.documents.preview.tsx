import type { LoaderFunctionArgs } from '@remix-run/node'
import { previewOutcome } from '../modules/decisions'
import { authorizeStaffApplication } from '../modules/screening'
import { pdfResponse } from '../lib/download.server'

/** The application's outcome document as it would be issued now, unnumbered, shown in the browser. */
export async function loader(args: LoaderFunctionArgs) {
  const { staff } = await authorizeStaffApplication(args, 'routes/staff.applications.$id.documents.preview')
  const preview = await previewOutcome(args.context.db, staff.application.id)
  if (!preview) throw new Response('Not found', { status: 404 })
  return pdfResponse(preview.pdf, `preview-${preview.kind}.pdf`, 'inline')
}
