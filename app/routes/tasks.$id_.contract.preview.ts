import type { LoaderFunctionArgs } from '@remix-run/node'
import { pdfResponse } from '../lib/download.server'
import { authorizeApplicationMember } from '../modules/applications'
import { contractOf, previewContract } from '../modules/contracts'

/** The contract the Fund sent, as it would be signed now (unnumbered), for the grantee's members; a draft is the office's alone. */
export async function loader(args: LoaderFunctionArgs) {
  const { access } = await authorizeApplicationMember(args, 'routes/tasks.$id_.contract.preview')
  const contract = await contractOf(args.context.db, access.application.id)
  if (!contract || contract.status === 'draft') throw new Response('Not found', { status: 404 })
  const pdf = await previewContract(args.context.db, access.application.id)
  if (!pdf) throw new Response('Not found', { status: 404 })
  return pdfResponse(pdf, 'hop-dong.pdf', 'inline')
}
