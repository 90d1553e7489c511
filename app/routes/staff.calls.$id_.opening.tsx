import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { fileResponse, pdfResponse } from '../lib/download.server'
import { uuidParam } from '../lib/params'
import { uploadStorage } from '../modules/applications'
import { authorizeUser } from '../modules/auth'
import { issueOpeningRecord, openingRecordDownload, previewOpeningRecord } from '../modules/screening/opening'

// The call's dossier-opening record (biên bản mở hồ sơ): GET gives the issued file, or before it is issued the
// preview without a number; POST issues it (once, after the close) and goes back to the call's page.

const ROUTE = 'routes/staff.calls.$id_.opening'

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, ROUTE)
  const id = uuidParam(args.params.id)
  const issued = await openingRecordDownload(args.context.db, uploadStorage(args.context.env), id)
  if (issued) return fileResponse(issued)
  const pdf = await previewOpeningRecord(args.context.db, id)
  if (!pdf) throw new Response('Not found', { status: 404 })
  return pdfResponse(pdf, 'preview-bien-ban-mo-ho-so.pdf', 'inline')
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const id = uuidParam(args.params.id)
  const result = await issueOpeningRecord(args.context.db, uploadStorage(args.context.env), { callId: id, actor: user, ip: args.context.clientIp })
  if (!result.ok) throw new Response(result.reason === 'open' ? 'The call has not closed' : 'Not found', { status: result.reason === 'open' ? 409 : 404 })
  return redirect(`/staff/calls/${id}?notice=opening`)
}
