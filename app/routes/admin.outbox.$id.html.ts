import type { LoaderFunctionArgs } from '@remix-run/node'
import { intParam } from '../lib/params'
import { authorizeUser } from '../modules/auth'
import { getOutboxMessage } from '../modules/notifications'
import { mailPreviewResponse } from '../lib/download.server'

// The message's HTML, for the sandboxed preview frame. Its own CSP: inline styles (as mail clients see
// them) but no script, no network, and only this portal may frame it.
export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/admin.outbox.$id.html')
  const message = await getOutboxMessage(args.context.db, intParam(args.params.id))
  if (!message) throw new Response('Not found', { status: 404 })
  return mailPreviewResponse(message.html_body)
}
