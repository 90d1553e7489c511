import { Readable } from 'node:stream'
import busboy from 'busboy'
import type { DB } from '../../../db'
import type { SessionUser } from '../auth'
import type { MemberApplication } from './access'
import { type AttachmentSlot, largestDocumentBytes, uploadAttachment } from './attachments'
import type { FileStorage } from './storage'

// The upload form's body is parsed with busboy: Remix's unstable_parseMultipartFormData (through
// @web3-storage/multipart-parser) splits a part's Content-Disposition on every ";" and "=", quoted or not, so
// a file named "bao-cao;final.pdf" was refused as a malformed body.

const MB = 1024 * 1024
/** Room for the form's other fields and the multipart framing, on top of the largest document allowed. */
const MARGIN = MB

/** The body is not what the upload form sends (malformed, a field too long, a file part out of place). */
class BadUpload extends Error {}

/** A failure of ours while storing (database, disk): it must stay a 500, not be mistaken for bad input. */
class ServerFault extends Error {}

/**
 * The file name as the person chose it. Browsers escape three characters in a part's header (HTML's
 * multipart/form-data encoding): '"' as %22, CR as %0D and LF as %0A; nothing else is escaped.
 */
const browserFilename = (name: string) => name.replace(/%22/g, '"').replace(/%0D/g, '\r').replace(/%0A/g, '\n')

export type UploadResult =
  | { ok: true; document: AttachmentSlot['document'] }
  | { ok: false; status: number; /** The form field the message belongs to. */ field: string; message: string }

/**
 * Receives the upload form (a `documentId` field, then the `file` part) and streams the file into storage
 * with the document's size and type rules. A body larger than any document accepts is refused before it is
 * read; a refused file ends the parse, so the rest of the body is not read either.
 */
export async function receiveUpload(
  db: DB,
  storage: FileStorage,
  access: MemberApplication,
  user: SessionUser,
  request: Request,
  ip: string | null,
): Promise<UploadResult> {
  const cap = (await largestDocumentBytes(db, access.call.id)) + MARGIN
  if (Number(request.headers.get('Content-Length') ?? 0) > cap) {
    return { ok: false, status: 413, field: 'form', message: `attachments.error.requestTooLarge?max=${Math.round((cap - MARGIN) / MB)}` }
  }

  type Outcome = Awaited<ReturnType<typeof uploadAttachment>> | 'no-file' | null
  const state: { documentId: number | null; outcome: Outcome } = { documentId: null, outcome: null }
  const field = () => (state.documentId ? `file-${state.documentId}` : 'form')
  const badRequest = (): UploadResult => ({ ok: false, status: 400, field: field(), message: 'attachments.error.badRequest' })

  let parser: busboy.Busboy
  try {
    parser = busboy({
      headers: { 'content-type': request.headers.get('Content-Type') ?? '' },
      // Names arrive as UTF-8 from every browser (Vietnamese letters included).
      defParamCharset: 'utf8',
      limits: { fields: 10, fieldSize: 1000, files: 1, parts: 12, headerPairs: 20 },
    })
  } catch {
    return badRequest()
  }
  if (!request.body) return badRequest()
  const body = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>)

  let fileWork: Promise<void> = Promise.resolve()
  const parsed = new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => reject(error)
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) return fail(new BadUpload('field too long'))
      if (name !== 'documentId') return
      const n = Number(value)
      if (!Number.isInteger(n) || n <= 0 || n > 2_147_483_647) return fail(new BadUpload('bad document id'))
      state.documentId = n
    })
    parser.on('file', (name, stream, info) => {
      // Its reader sees its errors; a stream nobody reads (a refused part) is destroyed with the parser.
      stream.on('error', () => {})
      const documentId = state.documentId
      fileWork = (async () => {
        if (name !== 'file' || state.outcome !== null || documentId === null) throw new BadUpload('unexpected file')
        if (!info.filename) {
          // An empty file input: the browser sends the part with no name and no content.
          for await (const _ of stream) throw new BadUpload('unnamed file with content')
          state.outcome = 'no-file'
          return
        }
        let outcome: Awaited<ReturnType<typeof uploadAttachment>>
        try {
          outcome = await uploadAttachment(db, storage, access, user, { callDocumentId: documentId, filename: browserFilename(info.filename), stream, ip })
        } catch (error) {
          throw new ServerFault('storing the upload failed', { cause: error })
        }
        state.outcome = outcome
        if (!outcome.ok) throw new BadUpload('refused')
      })()
      fileWork.catch(fail)
    })
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) parser.on(limit, () => fail(new BadUpload(limit)))
    parser.on('error', (error) => fail(error instanceof Error ? error : new BadUpload(String(error))))
    parser.on('close', () => fileWork.then(resolve, fail))
  })
  body.on('error', () => parser.destroy(new BadUpload('body ended early')))
  body.pipe(parser)

  try {
    await parsed
  } catch (error) {
    // Stop reading: whatever the body still holds is not wanted.
    body.unpipe(parser)
    body.destroy()
    parser.destroy()
    if (error instanceof ServerFault) throw error.cause
    const refused = state.outcome && state.outcome !== 'no-file' && !state.outcome.ok
    if (!refused) return badRequest()
  }
  const result = state.outcome
  // No file part (an empty file input may arrive as an empty text field) means no file was chosen.
  if (result === null || result === 'no-file') {
    return { ok: false, status: 400, field: field(), message: state.documentId ? 'attachments.error.noFile' : 'attachments.error.badRequest' }
  }
  if (!result.ok) return { ok: false, status: result.status, field: field(), message: result.message }
  return { ok: true, document: result.document }
}
