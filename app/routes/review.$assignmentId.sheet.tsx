import type { LoaderFunctionArgs } from '@remix-run/node'
import { uuidParam } from '../lib/params'
import { contentDisposition } from '../modules/applications'
import { authorizeUser } from '../modules/auth'
import { scoringSheetPdf } from '../modules/decisions'
import { getAssignmentForReviewer } from '../modules/review/ballots'

const ROUTE = 'routes/review.$assignmentId.sheet'

/** The reviewer's own submitted ballot as its scoring sheet (phiếu đánh giá), a PDF; anyone else, or before submitting: 404. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const { db } = args.context
  const found = await getAssignmentForReviewer(db, uuidParam(args.params.assignmentId), user.id)
  if (!found || !found.dossierOpen || found.ballot?.state !== 'submitted') throw new Response('Not found', { status: 404 })
  const sheet = await scoringSheetPdf(db, found.id)
  if (!sheet) throw new Response('Not found', { status: 404 })
  return pdfResponse(sheet)
}

function pdfResponse(sheet: { pdf: Uint8Array; filename: string }) {
  return new Response(Buffer.from(sheet.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(sheet.pdf.byteLength),
      'Content-Disposition': contentDisposition(sheet.filename),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  })
}
