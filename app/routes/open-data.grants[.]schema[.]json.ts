import type { LoaderFunctionArgs } from '@remix-run/node'
import { authorize } from '../modules/auth'
import schema from '../modules/transparency/grants.schema.json'

/** The JSON Schema the open data follows (the file committed with the code; a test validates the data against it). */
export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/open-data.grants[.]schema[.]json')
  return new Response(JSON.stringify(schema, null, 2), {
    headers: { 'Content-Type': 'application/schema+json; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'public, max-age=3600', 'Access-Control-Allow-Origin': '*' },
  })
}
