import type { LoaderFunctionArgs } from '@remix-run/node'
import { authorize } from '../modules/auth'

// Any address no other route claims: the friendly 404 page of the root error boundary.
export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/$')
  throw new Response('Not found', { status: 404 })
}

export async function action(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/$')
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return null
}
