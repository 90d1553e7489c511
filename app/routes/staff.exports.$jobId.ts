import type { LoaderFunctionArgs } from '@remix-run/node'
import { uuidParam } from '../lib/params'
import { contentDisposition, uploadStorage } from '../modules/applications'
import { authorizeUser } from '../modules/auth'
import { exportFile } from '../modules/transparency'

/** A finished background export, for the person who asked for it; 404 for anyone else or before it is done. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, 'routes/staff.exports.$jobId')
  const file = await exportFile(args.context.db, uploadStorage(args.context.env), { jobId: uuidParam(args.params.jobId), userId: user.id })
  if (!file) throw new Response('Not found', { status: 404 })
  return new Response(Buffer.from(file.bytes), {
    headers: {
      'Content-Type': file.mediaType,
      'Content-Length': String(file.bytes.byteLength),
      'Content-Disposition': contentDisposition(file.filename, 'attachment'),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  })
}
