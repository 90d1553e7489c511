import type { LoaderFunctionArgs } from '@remix-run/node'
import { authorize } from '../modules/auth'
import { allGrants, grantsToCsv } from '../modules/transparency'

/** Every published grant as CSV (UTF-8 with a byte-order mark, 360Giving column titles), free to download. */
export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/open-data.grants[.]csv')
  const csv = `\uFEFF${grantsToCsv(await allGrants(args.context.db))}`
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="grants.csv"',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
    },
  })
}
