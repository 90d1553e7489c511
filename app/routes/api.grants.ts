import type { LoaderFunctionArgs } from '@remix-run/node'
import { authorize } from '../modules/auth'
import { grantsPage, LICENSE } from '../modules/transparency'

// The open data's JSON API: one page of grants in a stable order, with the total and the next page's address.

const DEFAULT_SIZE = 100
const MAX_SIZE = 500

function whole(value: string | null, fallback: number, max: number): number | null {
  if (value === null || value === '') return fallback
  if (!/^\d{1,6}$/.test(value)) return null
  const n = Number(value)
  return n >= 1 && n <= max ? n : null
}

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/api.grants')
  const url = new URL(args.request.url)
  const page = whole(url.searchParams.get('page'), 1, 100_000)
  const pageSize = whole(url.searchParams.get('pageSize'), DEFAULT_SIZE, MAX_SIZE)
  const headers = { 'Content-Type': 'application/json; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Access-Control-Allow-Origin': '*' }
  if (page === null || pageSize === null) {
    return new Response(JSON.stringify({ error: `page must be a whole number from 1, pageSize from 1 to ${MAX_SIZE}` }), { status: 400, headers })
  }
  const { grants, total } = await grantsPage(args.context.db, page, pageSize)
  const next = page * pageSize < total ? `/api/grants?page=${page + 1}&pageSize=${pageSize}` : null
  return new Response(JSON.stringify({ license: LICENSE, page, pageSize, total, next, grants }), { headers: { ...headers, 'Cache-Control': 'public, max-age=60' } })
}
