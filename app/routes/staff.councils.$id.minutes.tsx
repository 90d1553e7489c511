import type { LoaderFunctionArgs } from '@remix-run/node'
import { uuidParam } from '../lib/params'
import { contentDisposition } from '../modules/applications'
import { authorizeUser } from '../modules/auth'
import { minutesPdf } from '../modules/decisions'
import { mayRunMeeting } from '../modules/review/meeting'

const ROUTE = 'routes/staff.councils.$id.minutes'

/**
 * The minutes (biên bản) of a concluded council meeting, a PDF, for the Fund's staff and the council's
 * secretary; anyone else, or before the council concluded: 404. Unnumbered until the minutes are issued.
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const { db } = args.context
  const councilId = uuidParam(args.params.id)
  if (!(await mayRunMeeting(db, councilId, user))) throw new Response('Not found', { status: 404 })
  const file = await minutesPdf(db, councilId)
  if (!file) throw new Response('Not found', { status: 404 })
  return new Response(Buffer.from(file.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(file.pdf.byteLength),
      'Content-Disposition': contentDisposition(file.filename),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  })
}
