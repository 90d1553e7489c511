import type { LoaderFunctionArgs } from '@remix-run/node'
import { intParam } from '../lib/params'
import { authorizeUser } from '../modules/auth'
import { getOutboxMessage, messageAsEml } from '../modules/notifications'

/** The message as an .eml file (RFC 5322) that any mail program opens, delivered or not. */
export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/admin.outbox.$id.eml')
  const id = intParam(args.params.id)
  const message = await getOutboxMessage(args.context.db, id)
  if (!message) throw new Response('Not found', { status: 404 })
  const eml = await messageAsEml(message, args.context.env.MAIL_FROM)
  return new Response(new Uint8Array(eml.bytes), {
    headers: {
      'Content-Type': 'message/rfc822',
      'Content-Disposition': `attachment; filename="message-${id}.eml"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  })
}
