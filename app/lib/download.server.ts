import { createReadableStreamFromReadable } from '@remix-run/node'
import type { Readable } from 'node:stream'
import { contentDisposition } from '../modules/applications'

/** A stored file as a download: its type, length and name (UTF-8 safe), never sniffed, never cached. */
export function fileResponse(found: { attachment: { media_type: string; size_bytes: number; filename: string }; stream: Readable }) {
  return new Response(createReadableStreamFromReadable(found.stream), {
    headers: {
      'Content-Type': found.attachment.media_type,
      'Content-Length': String(found.attachment.size_bytes),
      'Content-Disposition': contentDisposition(found.attachment.filename),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  })
}
