import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { fileResponse, pdfResponse } from '../lib/download.server'
import { uuidParam } from '../lib/params'
import { uploadStorage } from '../modules/applications'
import { authorizeUser } from '../modules/auth'
import { openSignatureRequest, requestSignature } from '../modules/decisions'
import { openingRecordDownload, previewOpeningRecord } from '../modules/screening/opening'

// The call's dossier-opening record (biên bản mở hồ sơ): GET gives the issued file, or before it is issued the
// preview without a number; POST sends it for the director's signature (once, after the close) and goes back
// to the call's page. It is numbered and issued when the director signs it at /signing/:id (ADR 017).

const ROUTE = 'routes/staff.calls.$id_.opening'

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, ROUTE)
  const id = uuidParam(args.params.id)
  const issued = await openingRecordDownload(args.context.db, uploadStorage(args.context.env), id)
  if (issued) return fileResponse(issued)
  const waiting = await openSignatureRequest(args.context.db, { callId: id })
  const pdf = await previewOpeningRecord(args.context.db, id, new Date(), waiting?.preparedAt)
  if (!pdf) throw new Response('Not found', { status: 404 })
  return pdfResponse(pdf, 'preview-bien-ban-mo-ho-so.pdf', 'inline')
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const id = uuidParam(args.params.id)
  const result = await requestSignature(args.context.db, { kind: 'opening_record', callId: id, actor: user, appUrl: args.context.env.APP_URL, ip: args.context.clientIp })
  if (!result.ok) throw new Response(result.reason === 'not_due' ? 'The call has not closed, or its record is issued' : 'Not found', { status: result.reason === 'not_due' ? 409 : 404 })
  return redirect(`/staff/calls/${id}?notice=opening`)
}
