import type { LoaderFunctionArgs } from '@remix-run/node'
import { isEmailTemplateName, previewLanguage, renderSample } from '../../emails/samples'
import { authorizeUser } from '../modules/auth'
import { mailPreviewResponse } from '../lib/download.server'

// A template's HTML rendered from its sample (?in=vi|en), for the sandboxed preview frame (its own CSP, as
// admin.outbox.$id.html).
export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/staff.emails.$name.html')
  const name = args.params.name
  if (!isEmailTemplateName(name)) throw new Response('Not found', { status: 404 })
  const { html } = renderSample(name, args.context.env.APP_URL, previewLanguage(args.request))
  return mailPreviewResponse(html)
}
