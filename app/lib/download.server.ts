import { createReadableStreamFromReadable } from '@remix-run/node'
import type { Readable } from 'node:stream'
import { contentDisposition, downloadName } from '../modules/applications'

/** The headers of every file the portal hands out: its type, length and name (UTF-8 safe), never sniffed, never cached. */
function fileHeaders(type: string, size: number, filename: string, disposition: 'attachment' | 'inline') {
  return {
    'Content-Type': type,
    'Content-Length': String(size),
    'Content-Disposition': contentDisposition(filename, disposition),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  }
}

/**
 * A stored file as a download, always `attachment`: under a clean name with the extension of the type its
 * content was found to be (a PDF is saved as ….pdf, whatever its uploader called it).
 */
export function fileResponse(found: { attachment: { media_type: string; size_bytes: number; filename: string }; stream: Readable }) {
  const { media_type, size_bytes, filename } = found.attachment
  return new Response(createReadableStreamFromReadable(found.stream), {
    headers: fileHeaders(media_type, size_bytes, downloadName(filename, media_type), 'attachment'),
  })
}

/** A PDF drawn for this request (a preview, a sheet, a receipt): downloaded, or shown in the browser (`inline`). */
export function pdfResponse(pdf: Uint8Array, filename: string, disposition: 'attachment' | 'inline' = 'attachment') {
  return new Response(Buffer.from(pdf), { headers: fileHeaders('application/pdf', pdf.byteLength, filename, disposition) })
}

/**
 * A mail's HTML for the sandboxed preview frame: inline styles (as mail clients see them) but no script, no
 * network, and only this portal may frame it.
 */
export function mailPreviewResponse(html: string) {
  return new Response(html, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox",
      'Cache-Control': 'no-store',
    },
  })
}
