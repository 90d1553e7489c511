import { type ActionFunctionArgs, json, redirect } from '@remix-run/node'
import { languageOf } from '../i18n'
import { readForm } from '../lib/forms.server'
import { contentDisposition } from '../modules/applications'
import { authorizeUser } from '../modules/auth'
import { buildExport, exportFilter, type ExportParams, exportFilename, exportSize, MEDIA_TYPES, startExport } from '../modules/transparency'
import { DATASETS, FORMATS, INLINE_MAX_ROWS } from '../modules/transparency/kinds'

// The export asked for on /staff/exports, with its page's filters from the query string: the file at once, or,
// above INLINE_MAX_ROWS rows, a background job and back to the page that shows its progress.

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, 'routes/staff.exports.file')
  const raw = await readForm(args.request)
  const dataset = DATASETS.find((d) => d === raw.dataset)
  const format = FORMATS.find((f) => f === raw.format)
  if (!dataset || !format) return json({ error: 'bad_choice' }, { status: 400 })
  const params: ExportParams = { dataset, format, lang: languageOf(args.request), filter: exportFilter(new URL(args.request.url).searchParams, dataset) }
  const size = await exportSize(args.context.db, params)
  if (size > INLINE_MAX_ROWS) {
    await startExport(args.context.db, { params, actor: user })
    const back = new URLSearchParams(new URL(args.request.url).searchParams)
    back.set('notice', 'started')
    return redirect(`/staff/exports?${back}`)
  }
  const { bytes } = await buildExport(args.context.db, params, user)
  return new Response(Buffer.from(bytes), {
    headers: {
      'Content-Type': MEDIA_TYPES[format],
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': contentDisposition(exportFilename(params), 'attachment'),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  })
}

