import type { LoaderFunctionArgs } from '@remix-run/node'
import { pdfResponse } from '../lib/download.server'
import { authorizeUser, can } from '../modules/auth'
import { getSignatureRequest, maySign, previewRequest } from '../modules/decisions'

/** The document a request would issue, unnumbered and unsigned, for its signer (or the office) to read. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, 'routes/signing.$id.preview')
  const request = await getSignatureRequest(args.context.db, args.params.id ?? '')
  if (!request || !(maySign(user, request) || can(user, 'application:screen'))) throw new Response('Not found', { status: 404 })
  const pdf = request.state === 'pending' ? await previewRequest(args.context.db, request) : null
  if (!pdf) throw new Response('Not found', { status: 404 })
  return pdfResponse(pdf, `preview-${request.kind}.pdf`, 'inline')
}
