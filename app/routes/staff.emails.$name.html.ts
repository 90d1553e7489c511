import type { LoaderFunctionArgs } from '@remix-run/node'
import { isEmailTemplateName, previewLanguage, renderSample } from '../../emails/samples'
import { authorizeUser } from '../modules/auth'

// A template's HTML rendered from its sample (?in=vi|en), for the sandboxed preview frame. Its own CSP, as
// admin.outbox.$id.html: inline styles (as mail clients see them) but no script, no network, and only this
// portal may frame it.
export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/staff.emails.$name.html')
  const name = args.params.name
  if (!isEmailTemplateName(name)) throw new Response('Not found', { status: 404 })
  const { html } = renderSample(name, args.context.env.APP_URL, previewLanguage(args.request))
  return new Response(html, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox",
      'Cache-Control': 'no-store',
    },
  })
}
