import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node'
import { uuidParam } from '../lib/params'
import { authorizeApplicationMember, contentDisposition, getAttachmentForDownload, uploadStorage } from '../modules/applications'

const ROUTE = 'routes/applications.$id.attachments.$attachmentId'

/** One attachment, for members of the applicant organisation only (404 for anyone else); every download is audited. */
export async function loader(args: LoaderFunctionArgs) {
  const { user, access } = await authorizeApplicationMember(args, ROUTE)
  const { db, env, clientIp } = args.context
  const found = await getAttachmentForDownload(db, uploadStorage(env), access, user, uuidParam(args.params.attachmentId), clientIp)
  if (!found) throw new Response('Not found', { status: 404 })
  return new Response(createReadableStreamFromReadable(found.stream), {
    headers: {
      'Content-Type': found.attachment.media_type,
      'Content-Length': String(found.attachment.size_bytes),
      'Content-Disposition': contentDisposition(found.attachment.filename),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  })
}
