import type { LoaderFunctionArgs } from '@remix-run/node'
import { pdfResponse } from '../lib/download.server'
import { authorizeApplicationMember } from '../modules/applications'
import { resultsRegistrationPdf } from '../modules/acceptance'

/** The results registration form (Circular 14/2014, form 5), filled from the portal, for the host to sign and file. */
export async function loader(args: LoaderFunctionArgs) {
  const { access } = await authorizeApplicationMember(args, 'routes/tasks.$id.results.registration')
  const pdf = await resultsRegistrationPdf(args.context.db, access.application.id)
  if (!pdf) throw new Response('Not found', { status: 404 })
  return pdfResponse(pdf, `Phieu-dang-ky-ket-qua-${access.application.reference ?? access.application.id}.pdf`, 'attachment')
}
