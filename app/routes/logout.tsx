import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { authorize, currentUser, endSession, recordLogout } from '../modules/auth'

// Signing out is a POST (from the button in the header): it deletes the session row, then clears the cookie.
export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/logout')
  return redirect('/')
}

export async function action(args: ActionFunctionArgs) {
  await authorize(args, 'routes/logout')
  const user = await currentUser(args)
  const cookie = await endSession(args)
  if (user) await recordLogout(args.context.db, user, { ip: args.context.clientIp })
  return redirect('/login?notice=loggedOut', { headers: { 'Set-Cookie': cookie } })
}
