import type { LoaderFunctionArgs } from '@remix-run/node'
import { previewAppraisalMinutes } from '../modules/appraisal/issue'
import { authorizeStaffApplication } from '../modules/screening'
import { pdfResponse } from '../lib/download.server'

/** The appraisal team's minutes as they would be issued now, unnumbered, shown in the browser. */
export async function loader(args: LoaderFunctionArgs) {
  const { staff } = await authorizeStaffApplication(args, 'routes/staff.applications.$id.appraisal.minutes')
  const pdf = await previewAppraisalMinutes(args.context.db, staff.application.id)
  if (!pdf) throw new Response('Not found', { status: 404 })
  return pdfResponse(pdf, 'preview-appraisal-minutes.pdf', 'inline')
}
