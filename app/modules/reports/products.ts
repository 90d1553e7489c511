import type { Readable } from 'node:stream'
import type { DB } from '../../../db'
import type { IpType, ProductKind } from '../../../db/schema'
import { recordAudit } from '../audit'
import { cleanFilename, type FileStorage, sniff } from '../applications'
import type { Task } from './access'
import type { Actor } from './reports'

// The products a progress report attaches (sản phẩm: a prototype's test record, a publication, a data set…):
// a title and a description, with a file when there is one. Added while the report is open, they travel with
// the next version submitted and are frozen with it. A product also says what it is evidence of (an IP filing or
// protection, an OCOP product with protected IP, an S&T enterprise's certificate: the resolution's targets count
// these once the office accepts the report, ADR 024 addendum).

/** What a product is evidence of; `other` carries no document. */
export interface ProductEvidence {
  kind: ProductKind
  ipType: IpType | null
  docNumber: string | null
  /** 'YYYY-MM-DD' */
  docDate: string | null
}

/** What a product file may be, by its content (never its name). */
const PRODUCT_TYPES = ['pdf', 'docx', 'xlsx', 'jpg', 'png'] as const

export type ProductRefusal = 'not_found' | 'not_open' | 'type' | 'too_large' | 'empty'

/**
 * Adds a product to the report's next version. The file (optional) is checked by its content and the Fund's
 * size limit, and stored by its sha256 like every upload.
 */
export async function addProduct(
  db: DB,
  storage: FileStorage,
  input: { task: Task; reportId: string; title: string; description: string; evidence?: ProductEvidence; file?: { filename: string; bytes: Uint8Array }; maxBytes: number; actor: Actor; ip?: string | null },
): Promise<{ ok: true; id: string } | { ok: false; reason: ProductRefusal }> {
  const report = await db.selectFrom('progress_reports').select(['id', 'status']).where('id', '=', input.reportId).where('contract_id', '=', input.task.contract.id).executeTakeFirst()
  if (!report) return { ok: false, reason: 'not_found' }
  if (report.status !== 'due' && report.status !== 'changes_requested') return { ok: false, reason: 'not_open' }
  let file: { filename: string; key: string; sha256: string; size: number; mediaType: string } | null = null
  if (input.file) {
    if (input.file.bytes.byteLength === 0) return { ok: false, reason: 'empty' }
    if (input.file.bytes.byteLength > input.maxBytes) return { ok: false, reason: 'too_large' }
    const sniffed = sniff(input.file.bytes.subarray(0, 256 * 1024))
    if (!sniffed.ok || !(PRODUCT_TYPES as readonly string[]).includes(sniffed.type)) return { ok: false, reason: 'type' }
    const stored = await storage.put(input.file.bytes, { maxBytes: input.maxBytes })
    file = { filename: cleanFilename(input.file.filename), key: stored.key, sha256: stored.sha256, size: stored.size, mediaType: sniffed.mediaType }
  }
  return db.transaction().execute(async (trx) => {
    // The report may have been submitted meanwhile: then the product waits for nothing, refuse it.
    const open = await trx.selectFrom('progress_reports').select('status').where('id', '=', report.id).forUpdate().executeTakeFirstOrThrow()
    if (open.status !== 'due' && open.status !== 'changes_requested') return { ok: false, reason: 'not_open' } as const
    const row = await trx
      .insertInto('progress_report_products')
      .values({
        report_id: report.id,
        title: input.title,
        description: input.description,
        filename: file?.filename ?? null,
        storage_key: file?.key ?? null,
        sha256: file?.sha256 ?? null,
        size_bytes: file?.size ?? null,
        media_type: file?.mediaType ?? null,
        added_by: input.actor.id,
        kind: input.evidence?.kind ?? 'other',
        ip_type: input.evidence?.ipType ?? null,
        doc_number: input.evidence?.docNumber ?? null,
        doc_date: input.evidence?.docDate ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { action: 'report.product_added', actor: input.actor, subjectType: 'application', subjectId: input.task.applicationId, ip: input.ip ?? null, details: { report: report.id, product: row.id, sha256: file?.sha256 ?? null, kind: input.evidence?.kind ?? 'other', number: input.evidence?.docNumber ?? null } })
    return { ok: true, id: row.id } as const
  })
}

/** Removes a product not yet carried by a submitted version (the stored file stays: files are shared by content). */
export async function removeProduct(db: DB, input: { task: Task; reportId: string; productId: string; actor: Actor; ip?: string | null }): Promise<boolean> {
  const removed = await db
    .deleteFrom('progress_report_products')
    .where('id', '=', input.productId)
    .where('report_id', '=', input.reportId)
    .where('version_id', 'is', null)
    .where('report_id', 'in', (eb) => eb.selectFrom('progress_reports').select('id').where('contract_id', '=', input.task.contract.id))
    .returning('id')
    .executeTakeFirst()
  if (removed) await recordAudit(db, { action: 'report.product_removed', actor: input.actor, subjectType: 'application', subjectId: input.task.applicationId, ip: input.ip ?? null, details: { report: input.reportId, product: input.productId } })
  return !!removed
}

/** A product's file to download, when the product belongs to the task and has one. Audited. */
export async function getProductFile(
  db: DB,
  storage: FileStorage,
  input: { task: Task; productId: string; actor: Actor; ip?: string | null },
): Promise<{ attachment: { filename: string; media_type: string; size_bytes: number }; stream: Readable } | null> {
  const row = await db
    .selectFrom('progress_report_products as p')
    .innerJoin('progress_reports as r', 'r.id', 'p.report_id')
    .select(['p.id', 'p.filename', 'p.media_type', 'p.size_bytes', 'p.storage_key'])
    .where('p.id', '=', input.productId)
    .where('r.contract_id', '=', input.task.contract.id)
    .executeTakeFirst()
  if (!row?.storage_key || !row.filename || !row.media_type || row.size_bytes === null) return null
  await recordAudit(db, { action: 'report.product_downloaded', actor: input.actor, subjectType: 'application', subjectId: input.task.applicationId, ip: input.ip ?? null, details: { product: row.id } })
  return { attachment: { filename: row.filename, media_type: row.media_type, size_bytes: Number(row.size_bytes) }, stream: storage.get(row.storage_key) }
}
