import type { Readable } from 'node:stream'
import type { DB } from '../../../db'
import { recordAudit } from '../audit'
import { canEditDraft, dossierChanged, type MemberApplication, stillDraft } from './access'
import { type ArchiveVerdict, inspectArchive } from './archive'
import { ARCHIVE_TYPES, FILE_TYPES, type FileType, sniff, typeOfMedia, withExtensionOf } from './sniff'
import { EmptyFileError, type FileStorage, FileTooLargeError, type UploadSource } from './storage'

// The files an application carries, one per document the call asks for. Every function takes the member's
// view of the application (getApplicationForMember), so an outsider never gets this far; changes need
// canEditDraft. Errors are catalogue keys with their parameters in query form, for the page to translate.

export interface AttachmentSummary {
  id: string
  filename: string
  size_bytes: number
  media_type: string
  uploaded_at: Date
}

export interface AttachmentSlot {
  document: { id: number; position: number; name_vi: string; name_en: string; mandatory: boolean; accepted_types: string[]; max_size_mb: number }
  attachment: AttachmentSummary | null
}

export type AttachmentRefusal = { ok: false; status: 400 | 403 | 404 | 413 | 415; message: string }

const MB = 1024 * 1024

/** Accepted types as people read them: "PDF, DOCX". */
export const typeList = (types: readonly string[]) => types.map((t) => t.toUpperCase()).join(', ')

/** The call's documents in order, each with its current file (or none). */
export async function listAttachmentSlots(db: DB, access: Pick<MemberApplication, 'application' | 'call'>): Promise<AttachmentSlot[]> {
  const rows = await db
    .selectFrom('call_documents as d')
    .leftJoin('attachments as a', (j) => j.onRef('a.call_document_id', '=', 'd.id').on('a.application_id', '=', access.application.id))
    .select([
      'd.id',
      'd.position',
      'd.name_vi',
      'd.name_en',
      'd.mandatory',
      'd.accepted_types',
      'd.max_size_mb',
      'a.id as attachment_id',
      'a.filename',
      'a.size_bytes',
      'a.media_type',
      'a.uploaded_at',
    ])
    .where('d.call_id', '=', access.call.id)
    .orderBy('d.position')
    .orderBy('d.id')
    .execute()
  return rows.map((r) => ({
    document: { id: r.id, position: r.position, name_vi: r.name_vi, name_en: r.name_en, mandatory: r.mandatory, accepted_types: r.accepted_types, max_size_mb: r.max_size_mb },
    attachment: r.attachment_id
      ? { id: r.attachment_id, filename: r.filename!, size_bytes: Number(r.size_bytes), media_type: r.media_type!, uploaded_at: r.uploaded_at! }
      : null,
  }))
}

/** The largest file any document of the call accepts, in bytes: with a margin, the cap on a whole request. */
export async function largestDocumentBytes(db: DB, callId: string): Promise<number> {
  const row = await db.selectFrom('call_documents').select((eb) => eb.fn.max('max_size_mb').as('mb')).where('call_id', '=', callId).executeTakeFirst()
  return Number(row?.mb ?? 0) * MB
}

/** Whether every mandatory document of the application's call has a file. */
export async function attachmentsComplete(db: DB, applicationId: string): Promise<boolean> {
  const missing = await db
    .selectFrom('applications as ap')
    .innerJoin('call_documents as d', 'd.call_id', 'ap.call_id')
    .leftJoin('attachments as a', (j) => j.onRef('a.call_document_id', '=', 'd.id').onRef('a.application_id', '=', 'ap.id'))
    .select('d.id')
    .where('ap.id', '=', applicationId)
    .where('d.mandatory', '=', true)
    .where('a.id', 'is', null)
    .executeTakeFirst()
  return !missing
}

// Bidi controls make "hoa-don\u202Efdp.exe" read as "hoa-donexe.pdf"; control characters and line or paragraph
// separators are never part of a name someone chose.
const INVISIBLE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/gu

/** A file name fit to store and show: NFC, the last path segment, without invisible controls, at most 200 characters. */
export function cleanFilename(name: string | undefined): string {
  const base = (name ?? '')
    .normalize('NFC')
    .split(/[/\\]/)
    .pop()!
    .replace(/[\r\n\t]+/g, ' ')
    .replace(INVISIBLE, '')
    .trim()
  return base.slice(0, 200) || 'tep-dinh-kem'
}

/** The name a stored file is handed out under: cleaned, with the extension of its real type. */
export function downloadName(filename: string, mediaType: string): string {
  const type = typeOfMedia(mediaType)
  const clean = cleanFilename(filename)
  return type ? withExtensionOf(type, clean) : clean
}

class TypeRefused extends Error {}

/** The message of a refused archive, with its parameters (catalogue key?query). */
function archiveRefusal(verdict: Exclude<ArchiveVerdict, { ok: true }>): string {
  if (verdict.reason === 'executable') return `attachments.error.archiveExecutable?${new URLSearchParams({ names: verdict.names.slice(0, 5).join(', ') })}`
  return verdict.reason === 'macros' ? 'attachments.error.archiveMacros' : verdict.reason === 'bomb' ? 'attachments.error.archiveBomb' : 'attachments.error.archiveBroken'
}

type Actor = { id: string; email: string }

/** Removes a stored file unless another attachment still points at it (files are shared by content). */
async function releaseFile(db: DB, storage: FileStorage, key: string) {
  const used = await db.selectFrom('attachments').select('id').where('storage_key', '=', key).executeTakeFirst()
  if (!used) await storage.delete?.(key)
}

/**
 * Stores a file for one of the call's documents, replacing the one it had. The stream is read once, hashed
 * and counted on the way to storage, and abandoned as soon as it passes the document's size limit.
 */
export async function uploadAttachment(
  db: DB,
  storage: FileStorage,
  access: MemberApplication,
  user: Actor,
  input: { callDocumentId: number; filename: string | undefined; stream: UploadSource; ip?: string | null },
): Promise<{ ok: true; attachment: AttachmentSummary; document: AttachmentSlot['document'] } | AttachmentRefusal> {
  if (!canEditDraft(access, undefined, 'attachments')) return { ok: false, status: 403, message: 'attachments.error.notEditable' }
  const document = await db
    .selectFrom('call_documents')
    .select(['id', 'position', 'name_vi', 'name_en', 'mandatory', 'accepted_types', 'max_size_mb'])
    .where('id', '=', input.callDocumentId)
    .where('call_id', '=', access.call.id)
    .executeTakeFirst()
  if (!document) return { ok: false, status: 404, message: 'attachments.error.noDocument' }
  const accepted = document.accepted_types.filter((t): t is FileType => (FILE_TYPES as readonly string[]).includes(t))
  const types = typeList(accepted)
  let found: { type: FileType; mediaType: string } | undefined
  let stored
  try {
    stored = await storage.put(input.stream, {
      maxBytes: document.max_size_mb * MB,
      check: async ({ head, size, read }) => {
        const sniffed = sniff(head)
        if (!sniffed.ok) throw new TypeRefused(`${sniffed.reason === 'executable' ? 'attachments.error.executable' : 'attachments.error.type'}?${new URLSearchParams({ types })}`)
        if (!(accepted as string[]).includes(sniffed.type)) throw new TypeRefused(`attachments.error.type?${new URLSearchParams({ types })}`)
        if (ARCHIVE_TYPES.includes(sniffed.type)) {
          const verdict = await inspectArchive(read, size)
          if (!verdict.ok) throw new TypeRefused(archiveRefusal(verdict))
        }
        found = sniffed
      },
    })
  } catch (error) {
    if (error instanceof FileTooLargeError) return { ok: false, status: 413, message: `attachments.error.tooLarge?max=${document.max_size_mb}` }
    if (error instanceof EmptyFileError) return { ok: false, status: 400, message: 'attachments.error.empty' }
    if (error instanceof TypeRefused) return { ok: false, status: 415, message: error.message }
    throw error
  }
  const { type, mediaType } = found!
  const filename = withExtensionOf(type, cleanFilename(input.filename))
  const saved = await db.transaction().execute(async (trx) => {
    // A submission in progress holds the row: wait for it, then refuse (the dossier is frozen).
    if (!(await stillDraft(trx, access.application.id, 'attachments'))) return null
    const previous = await trx
      .selectFrom('attachments')
      .select('storage_key')
      .where('application_id', '=', access.application.id)
      .where('call_document_id', '=', document.id)
      .forUpdate()
      .executeTakeFirst()
    const row = await trx
      .insertInto('attachments')
      .values({
        application_id: access.application.id,
        call_document_id: document.id,
        filename,
        size_bytes: stored.size,
        media_type: mediaType,
        sha256: stored.sha256,
        storage_key: stored.key,
        uploaded_by: user.id,
      })
      .onConflict((oc) =>
        oc.columns(['application_id', 'call_document_id']).doUpdateSet({
          filename,
          size_bytes: stored.size,
          media_type: mediaType,
          sha256: stored.sha256,
          storage_key: stored.key,
          uploaded_by: user.id,
          uploaded_at: new Date(),
        }),
      )
      .returning(['id', 'filename', 'size_bytes', 'media_type', 'uploaded_at'])
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      action: 'application.attachment_uploaded',
      actor: user,
      subjectType: 'application',
      subjectId: access.application.id,
      ip: input.ip ?? null,
      details: { document: document.id, attachment: row.id, filename, size: stored.size, sha256: stored.sha256, replaced: Boolean(previous) },
    })
    await dossierChanged(trx, access.application.id)
    return { attachment: { ...row, size_bytes: Number(row.size_bytes) }, previousKey: previous?.storage_key ?? null }
  })
  if (!saved) {
    await releaseFile(db, storage, stored.key)
    return { ok: false, status: 403, message: 'attachments.error.notEditable' }
  }
  const { attachment, previousKey } = saved
  if (previousKey && previousKey !== stored.key) await releaseFile(db, storage, previousKey)
  return { ok: true, attachment, document }
}

/** Removes the file of one document while the draft can be edited. */
export async function deleteAttachment(
  db: DB,
  storage: FileStorage,
  access: MemberApplication,
  user: Actor,
  attachmentId: string,
  ip: string | null = null,
): Promise<{ ok: true; filename: string } | AttachmentRefusal> {
  if (!canEditDraft(access, undefined, 'attachments')) return { ok: false, status: 403, message: 'attachments.error.notEditable' }
  const removed = await db.transaction().execute(async (trx) => {
    if (!(await stillDraft(trx, access.application.id, 'attachments'))) return 'frozen' as const
    const row = await trx
      .deleteFrom('attachments')
      .where('id', '=', attachmentId)
      .where('application_id', '=', access.application.id)
      .returning(['id', 'filename', 'storage_key', 'call_document_id'])
      .executeTakeFirst()
    if (!row) return null
    await auditAttachment(trx, 'application.attachment_deleted', access, user, ip, row)
    await dossierChanged(trx, access.application.id)
    return row
  })
  if (removed === 'frozen') return { ok: false, status: 403, message: 'attachments.error.notEditable' }
  if (!removed) return { ok: false, status: 404, message: 'attachments.error.gone' }
  await releaseFile(db, storage, removed.storage_key)
  return { ok: true, filename: removed.filename }
}

/** The audit entry of something done to one attachment of an application. */
function auditAttachment(
  q: Parameters<typeof recordAudit>[0],
  action: 'application.attachment_deleted' | 'application.attachment_downloaded',
  access: { application: { id: string } },
  user: Actor,
  ip: string | null,
  row: { id: string; call_document_id: number; filename: string },
) {
  return recordAudit(q, {
    action,
    actor: user,
    subjectType: 'application',
    subjectId: access.application.id,
    ip,
    details: { document: row.call_document_id, attachment: row.id, filename: row.filename },
  })
}

/** One attachment of the application to download (recorded in the audit log), or null; the caller checked who may. */
export async function getAttachmentForDownload(
  db: DB,
  storage: FileStorage,
  access: { application: { id: string } },
  user: Actor,
  attachmentId: string,
  ip: string | null = null,
): Promise<{ attachment: AttachmentSummary & { sha256: string }; stream: Readable } | null> {
  const row = await db
    .selectFrom('attachments')
    .select(['id', 'filename', 'size_bytes', 'media_type', 'uploaded_at', 'sha256', 'storage_key', 'call_document_id'])
    .where('id', '=', attachmentId)
    .where('application_id', '=', access.application.id)
    .executeTakeFirst()
  if (!row) return null
  await auditAttachment(db, 'application.attachment_downloaded', access, user, ip, row)
  const { storage_key, call_document_id: _doc, ...attachment } = row
  return { attachment: { ...attachment, size_bytes: Number(attachment.size_bytes) }, stream: storage.get(storage_key) }
}

/** RFC 5987/6266: an ASCII fallback and the exact UTF-8 name, so Vietnamese names survive. The caller cleaned the name. */
export function contentDisposition(filename: string, type: 'attachment' | 'inline' = 'attachment') {
  const ascii = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%;]/g, '_')
  const encoded = encodeURIComponent(filename.normalize('NFC')).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
