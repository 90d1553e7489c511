import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node'
import type { DB } from '../../../db'
import type { SessionUser } from '../auth'
import type { MemberApplication } from './access'
import { type AttachmentSlot, largestDocumentBytes, uploadAttachment } from './attachments'
import type { FileStorage } from './storage'

const MB = 1024 * 1024
/** Room for the form's other fields and the multipart framing, on top of the largest document allowed. */
const MARGIN = MB

/** The body is not what the upload form sends (malformed, a field too long, a file part out of place). */
class BadUpload extends Error {}

/** A failure of ours while storing (database, disk): it must stay a 500, not be mistaken for bad input. */
class ServerFault extends Error {}

/** Reads a small text part of a multipart body (at most `max` bytes). */
async function textOf(data: AsyncIterable<Uint8Array>, max = 1000) {
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of data) {
    size += chunk.byteLength
    if (size > max) throw new BadUpload('field too long')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

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
  const handler: UploadHandler = async (part) => {
    if (part.filename === undefined) {
      const value = await textOf(part.data)
      if (part.name === 'documentId') {
        const n = Number(value)
        if (!Number.isInteger(n) || n <= 0 || n > 2_147_483_647) throw new BadUpload('bad document id')
        state.documentId = n
      }
      return value
    }
    const documentId = state.documentId
    if (part.name !== 'file' || state.outcome !== null || documentId === null) throw new BadUpload('unexpected file')
    if (part.filename === '') {
      // An empty file input: the browser sends the part with no name and no content.
      await textOf(part.data, 0).catch(() => {
        throw new BadUpload('unnamed file with content')
      })
      state.outcome = 'no-file'
      return undefined
    }
    let outcome: Awaited<ReturnType<typeof uploadAttachment>>
    try {
      outcome = await uploadAttachment(db, storage, access, user, { callDocumentId: documentId, filename: part.filename, stream: part.data, ip })
    } catch (error) {
      throw new ServerFault('storing the upload failed', { cause: error })
    }
    state.outcome = outcome
    if (!outcome.ok) throw new BadUpload('refused')
    return 'stored'
  }

  try {
    await unstable_parseMultipartFormData(request, handler)
  } catch (error) {
    if (error instanceof ServerFault) throw error.cause
    const refused = state.outcome && state.outcome !== 'no-file' && !state.outcome.ok
    if (!refused) {
      if (!(error instanceof Error)) throw error
      return { ok: false, status: 400, field: state.documentId ? `file-${state.documentId}` : 'form', message: 'attachments.error.badRequest' }
    }
  }
  const field = state.documentId ? `file-${state.documentId}` : 'form'
  const result = state.outcome
  // No file part (an empty file input may arrive as an empty text field) means no file was chosen.
  if (result === null || result === 'no-file') {
    return { ok: false, status: 400, field, message: state.documentId ? 'attachments.error.noFile' : 'attachments.error.badRequest' }
  }
  if (!result.ok) return { ok: false, status: result.status, field, message: result.message }
  return { ok: true, document: result.document }
}
