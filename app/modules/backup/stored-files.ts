import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { FileStorage } from '../applications'

// The files the database points at in the uploads store: attachments, issued documents (decisions, notices,
// minutes) and the ZIPs of bulk issues. A database brought back without its files fails every download, so
// the backup checks all of them and the health check the newest few.

export type StoredFileKind = 'attachment' | 'document' | 'zip'

/** Every storage key the database refers to, with its size and kind (in the caller's snapshot). */
export async function referencedFiles(db: DB): Promise<{ kind: StoredFileKind; key: string; size: number }[]> {
  const { rows } = await sql<{ kind: StoredFileKind; key: string; size: number }>`
    SELECT 'attachment' AS kind, storage_key AS key, size_bytes AS size FROM attachments
    UNION SELECT 'document', storage_key, size_bytes FROM documents
    UNION SELECT 'zip', zip_key, zip_size FROM jobs WHERE zip_key IS NOT NULL
  `.execute(db)
  return rows.map((r) => ({ ...r, size: Number(r.size) }))
}

export interface NewestFilesCheck {
  checked: number
  missing: { kind: StoredFileKind; count: number }[]
}

/**
 * Whether the newest stored files (`perKind` of each kind) are in storage with their size: a cheap sign that
 * the uploads folder is the one the database belongs to, not a scan.
 */
export async function checkNewestFiles(db: DB, storage: FileStorage, perKind = 5): Promise<NewestFilesCheck> {
  const newest = await sql<{ kind: StoredFileKind; key: string; size: number }>`
    (SELECT 'attachment' AS kind, storage_key AS key, size_bytes AS size FROM attachments ORDER BY uploaded_at DESC LIMIT ${perKind})
    UNION ALL (SELECT 'document', storage_key, size_bytes FROM documents ORDER BY created_at DESC LIMIT ${perKind})
    UNION ALL (SELECT 'zip', zip_key, zip_size FROM jobs WHERE zip_key IS NOT NULL ORDER BY finished_at DESC NULLS LAST LIMIT ${perKind})
  `.execute(db)
  const missing = new Map<StoredFileKind, number>()
  for (const file of newest.rows) {
    if ((await storage.size(file.key)) !== Number(file.size)) missing.set(file.kind, (missing.get(file.kind) ?? 0) + 1)
  }
  return { checked: newest.rows.length, missing: [...missing].map(([kind, count]) => ({ kind, count })) }
}
