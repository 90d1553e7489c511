import type { LoaderFunctionArgs } from '@remix-run/node'
import { fileResponse, pdfResponse } from '../lib/download.server'
import { uploadStorage } from '../modules/applications'
import { getMinutesForDownload, minutesPdf } from '../modules/decisions'
import { authorizeMeeting } from '../modules/review/meeting'

const ROUTE = 'routes/staff.councils.$id.minutes'

/**
 * The minutes (biên bản) of a concluded council meeting, a PDF, for the Fund's staff and the council's
 * secretary; anyone else, or before the council concluded: 404. Once issued, the stored numbered file; until
 * then the unnumbered draft, drawn now, to read in the browser.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { councilId } = await authorizeMeeting(args, ROUTE)
  const { db, env } = args.context
  const issued = await getMinutesForDownload(db, uploadStorage(env), councilId)
  if (issued) return fileResponse(issued)
  const file = await minutesPdf(db, councilId)
  if (!file) throw new Response('Not found', { status: 404 })
  return pdfResponse(file.pdf, `Du-thao-${file.filename}`, 'inline')
}
