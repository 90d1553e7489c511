import { Readable } from 'node:stream'
import busboy from 'busboy'

// A small form with one or two files read into memory: a signer's certificate file (a few kB), a PDF someone
// checks at /verify (up to a few MB). Attachments, which can be large, stream into storage instead
// (applications/upload.ts). A body over the limit is refused before it is read.

export type SmallForm = { ok: true; fields: Record<string, string>; files: Record<string, { filename: string; bytes: Uint8Array }> } | { ok: false; status: 400 | 413 }

export async function readSmallForm(request: Request, limits: { maxFileBytes: number; maxFields?: number; maxFiles?: number }): Promise<SmallForm> {
  const declared = Number(request.headers.get('Content-Length') ?? 0)
  if (declared > limits.maxFileBytes + 64 * 1024) return { ok: false, status: 413 }
  if (!request.body) return { ok: false, status: 400 }
  let parser: busboy.Busboy
  try {
    parser = busboy({
      headers: { 'content-type': request.headers.get('Content-Type') ?? '' },
      defParamCharset: 'utf8',
      limits: { fields: limits.maxFields ?? 10, fieldSize: 4000, files: limits.maxFiles ?? 1, fileSize: limits.maxFileBytes, parts: (limits.maxFields ?? 10) + (limits.maxFiles ?? 1) },
    })
  } catch {
    return { ok: false, status: 400 }
  }
  const fields: Record<string, string> = {}
  const files: Record<string, { filename: string; bytes: Uint8Array }> = {}
  const body = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>)
  const result = await new Promise<SmallForm>((resolve) => {
    let settled = false
    const done = (r: SmallForm) => {
      if (settled) return
      settled = true
      if (!r.ok) {
        body.unpipe(parser)
        body.destroy()
      }
      resolve(r)
    }
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) return done({ ok: false, status: 400 })
      fields[name] = value
    })
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('limit', () => done({ ok: false, status: 413 }))
      stream.on('error', () => done({ ok: false, status: 400 }))
      stream.on('end', () => {
        // An empty file input sends a part with no name and no content: no file chosen.
        if (info.filename) files[name] = { filename: info.filename, bytes: new Uint8Array(Buffer.concat(chunks)) }
      })
    })
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) parser.on(limit, () => done({ ok: false, status: 400 }))
    parser.on('error', () => done({ ok: false, status: 400 }))
    parser.on('close', () => done({ ok: true, fields, files }))
    body.on('error', () => done({ ok: false, status: 400 }))
    body.pipe(parser)
  })
  return result
}
