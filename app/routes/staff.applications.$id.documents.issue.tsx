import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { issueOutcome } from '../modules/decisions'
import { uploadStorage } from '../modules/applications'
import { authorizeStaffApplication } from '../modules/screening'

/** Issues the application's outcome document (the register gives its number now) and mails it. */
export async function action(args: ActionFunctionArgs) {
  const { user, staff } = await authorizeStaffApplication(args, 'routes/staff.applications.$id.documents.issue')
  const { db, env, clientIp } = args.context
  const result = await issueOutcome(db, uploadStorage(env), { applicationId: staff.application.id, actor: user, appUrl: env.APP_URL, ip: clientIp })
  if (!result.ok) throw new Response('Nothing to issue', { status: 409 })
  return redirect(`/staff/applications/${staff.application.id}?notice=issued&symbol=${encodeURIComponent(result.document.symbol ?? '')}#documents`)
}
