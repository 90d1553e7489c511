import type { LoaderFunctionArgs } from '@remix-run/node'
import { authorizeApplicationMember } from '../modules/applications'
import { languageOf, translator } from '../i18n'
import { submissionReceipt } from '../modules/workflow'
import { pdfResponse } from '../lib/download.server'

/**
 * The receipt of the dossier (giấy biên nhận hồ sơ), the same as the one mailed at submission, for the members
 * of the applicant organisation, in the reader's language: a lost mail is no lost receipt. 404 before submission.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { access } = await authorizeApplicationMember(args, 'routes/applications.$id.receipt')
  const lang = languageOf(args.request)
  const { application } = access
  if (!application.reference || !application.submitted_at) throw new Response('Not found', { status: 404 })
  const pdf = await submissionReceipt(args.context.db, { applicationId: application.id, lang })
  return pdfResponse(pdf, `${translator(lang)('submission.receipt.filename')}-${application.reference}.pdf`)
}
