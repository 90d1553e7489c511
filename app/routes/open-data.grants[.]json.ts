import type { LoaderFunctionArgs } from '@remix-run/node'
import { authorize } from '../modules/auth'
import { allGrants, LICENSE } from '../modules/transparency'

/** Every published grant as one 360Giving-style JSON package, with its licence. */
export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/open-data.grants[.]json')
  return new Response(JSON.stringify({ license: LICENSE, grants: await allGrants(args.context.db) }), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' },
  })
}
