import type { DB } from '../../../db'
import type { FileStorage } from '../applications'
import type { RegisteredNumber } from './register'

// The issued documents' files (`documents`): stored with the number the register gave them, listed with the
// register's state (a cancelled number shows), downloaded by whoever the caller allowed. Decisions, notices and
// minutes are all kept this way.

export interface IssuedDocument {
  id: string
  kind: string
  symbol: string | null
  filename: string
  sizeBytes: number
  sha256: string
  createdAt: Date
  state: 'issued' | 'cancelled' | null
}

/** The documents with their number and its state; the caller narrows it (by application, by council, by id). */
export function documentsQuery(db: DB) {
  return db
    .selectFrom('documents as d')
    .leftJoin('document_register as r', 'r.id', 'd.register_id')
    .select(['d.id', 'd.kind', 'r.symbol', 'r.state', 'd.filename', 'd.size_bytes', 'd.sha256', 'd.created_at', 'd.storage_key'])
}

type DocumentRow = Awaited<ReturnType<ReturnType<typeof documentsQuery>['executeTakeFirstOrThrow']>>

export function toIssuedDocument(r: DocumentRow): IssuedDocument {
  return { id: r.id, kind: r.kind, symbol: r.symbol, filename: r.filename, sizeBytes: r.size_bytes, sha256: r.sha256, createdAt: r.created_at, state: r.state }
}

/**
 * Stores an issued document's PDF and records it under the number the register gave it, in the caller's
 * transaction (the file is stored first: an unused stored file is harmless, content-addressed). The file is
 * named after its number: "05-QĐ-QKHCN.pdf", with a prefix if given.
 */
export async function storeDocument(
  trx: DB,
  storage: FileStorage,
  input: {
    register: RegisteredNumber
    kind: string
    pdf: Uint8Array
    prefix?: string
    applicationId?: string
    callId: string
    councilId?: string
    actor: { id: string }
    now: Date
    /** Who signed it and the code printed on it (signing.ts). */
    signature?: {
      verificationCode: string
      signedAt: Date
      signerId: string
      signerName: string
      signerCapacity: string
      signerCertificateSha256: string
      fundCertificateSha256: string
    }
  },
): Promise<IssuedDocument> {
  const stored = await storage.put(input.pdf)
  const filename = `${input.prefix ?? ''}${input.register.symbol.replace(/\//g, '-')}.pdf`
  const row = await trx
    .insertInto('documents')
    .values({
      register_id: input.register.id,
      kind: input.kind,
      application_id: input.applicationId ?? null,
      call_id: input.callId,
      council_id: input.councilId ?? null,
      filename,
      size_bytes: stored.size,
      sha256: stored.sha256,
      storage_key: stored.key,
      created_by: input.actor.id,
      created_at: input.now,
      verification_code: input.signature?.verificationCode ?? null,
      signed_at: input.signature?.signedAt ?? null,
      signer_id: input.signature?.signerId ?? null,
      signer_name: input.signature?.signerName ?? null,
      signer_capacity: input.signature?.signerCapacity ?? null,
      signer_certificate_sha256: input.signature?.signerCertificateSha256 ?? null,
      fund_certificate_sha256: input.signature?.fundCertificateSha256 ?? null,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow()
  return { id: row.id, kind: input.kind, symbol: input.register.symbol, filename, sizeBytes: stored.size, sha256: stored.sha256, createdAt: row.created_at, state: 'issued' }
}

/** A document's file as a download (fileResponse): its type, size, name and bytes. */
export function documentDownload(storage: FileStorage, row: Pick<DocumentRow, 'size_bytes' | 'filename' | 'storage_key'>) {
  return { attachment: { media_type: 'application/pdf', size_bytes: row.size_bytes, filename: row.filename }, stream: storage.get(row.storage_key) }
}
