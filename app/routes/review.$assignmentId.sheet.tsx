import type { LoaderFunctionArgs } from '@remix-run/node'
import { uuidParam } from '../lib/params'
import { authorizeUser } from '../modules/auth'
import { scoringSheetPdf } from '../modules/decisions'
import { getAssignmentForReviewer } from '../modules/review/ballots'
import { pdfResponse } from '../lib/download.server'

const ROUTE = 'routes/review.$assignmentId.sheet'

/** The reviewer's own submitted ballot as its scoring sheet (phiếu đánh giá), a PDF; anyone else, or before submitting: 404. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const { db } = args.context
  const found = await getAssignmentForReviewer(db, uuidParam(args.params.assignmentId), user.id)
  if (!found || !found.dossierOpen || found.ballot?.state !== 'submitted') throw new Response('Not found', { status: 404 })
  const sheet = await scoringSheetPdf(db, found.id)
  if (!sheet) throw new Response('Not found', { status: 404 })
  return pdfResponse(sheet.pdf, sheet.filename)
}
