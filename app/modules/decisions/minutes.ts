import type { DB } from '../../../db'
import type { FileStorage } from '../applications'
import type { IssuedDocument } from './issue'
import { takeNumber } from './register'
import { minutesPdf } from './sheets'

// The minutes (biên bản) of a concluded council meeting as an official document: staff or the council's
// secretary preview them unnumbered, then issue them — the register gives the year's next 'minutes' number
// ("Số: 01/BB-QKHCN") in the transaction that stores the file, so the number and the file exist together or
// not at all. Issued once per council; if the number is cancelled in the register, they can be issued again
// with a new one, and the cancelled file stays recorded.

type Actor = { id: string; email: string }

export type IssueMinutesResult = { ok: true; document: IssuedDocument; already: boolean } | { ok: false; reason: 'not_found' | 'not_concluded' }

/** The council's issued minutes, the latest whose number is not cancelled. */
export async function issuedMinutes(db: DB, councilId: string): Promise<IssuedDocument | null> {
  const row = await db
    .selectFrom('documents as d')
    .innerJoin('document_register as r', 'r.id', 'd.register_id')
    .select(['d.id', 'd.kind', 'r.symbol', 'r.state', 'd.filename', 'd.size_bytes', 'd.sha256', 'd.created_at'])
    .where('d.council_id', '=', councilId)
    .where('d.kind', '=', 'minutes')
    .where('r.state', '=', 'issued')
    .orderBy('d.created_at', 'desc')
    .executeTakeFirst()
  return row
    ? { id: row.id, kind: row.kind, symbol: row.symbol, filename: row.filename, sizeBytes: row.size_bytes, sha256: row.sha256, createdAt: row.created_at, state: row.state }
    : null
}

/**
 * Issues the minutes of a concluded council: takes the number, renders them with it, stores the file and records
 * it. Idempotent: a council's minutes are issued once (the council row is locked while it is decided).
 */
export async function issueMinutes(
  db: DB,
  storage: FileStorage,
  input: { councilId: string; actor: Actor; ip?: string | null; now?: Date },
): Promise<IssueMinutesResult> {
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx): Promise<IssueMinutesResult> => {
    const council = await trx.selectFrom('councils').select(['id', 'name', 'status', 'call_id']).where('id', '=', input.councilId).forUpdate().executeTakeFirst()
    if (!council) return { ok: false, reason: 'not_found' }
    const concluded = await trx.selectFrom('council_conclusions').select('application_id').where('council_id', '=', council.id).executeTakeFirst()
    if (council.status !== 'concluded' || !concluded) return { ok: false, reason: 'not_concluded' }
    const existing = await issuedMinutes(trx, council.id)
    if (existing) return { ok: true, document: existing, already: true }

    const register = await takeNumber(trx, {
      type: 'minutes',
      title: `Biên bản họp ${council.name}`,
      subjectType: 'council',
      subjectId: council.id,
      actor: input.actor,
      now,
      ip: input.ip,
    })
    const file = await minutesPdf(trx, council.id, { number: register.number })
    if (!file) throw new Error(`the minutes of council ${council.id} could not be drawn`) // rolls the number back
    const stored = await storage.put(file.pdf)
    const filename = `Bien-ban-${register.symbol.replace(/\//g, '-')}.pdf`
    const row = await trx
      .insertInto('documents')
      .values({
        register_id: register.id,
        kind: 'minutes',
        application_id: null,
        call_id: council.call_id,
        council_id: council.id,
        filename,
        size_bytes: stored.size,
        sha256: stored.sha256,
        storage_key: stored.key,
        created_by: input.actor.id,
        created_at: now,
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow()
    return {
      ok: true,
      already: false,
      document: { id: row.id, kind: 'minutes', symbol: register.symbol, filename, sizeBytes: stored.size, sha256: stored.sha256, createdAt: row.created_at, state: 'issued' },
    }
  })
}

/** The council's minutes to download: the issued file if they were issued, else null (the caller offers the preview). */
export async function getMinutesForDownload(db: DB, storage: FileStorage, councilId: string) {
  const doc = await issuedMinutes(db, councilId)
  if (!doc) return null
  const row = await db.selectFrom('documents').select(['storage_key']).where('id', '=', doc.id).executeTakeFirstOrThrow()
  return { document: doc, attachment: { media_type: 'application/pdf', size_bytes: doc.sizeBytes, filename: doc.filename }, stream: storage.get(row.storage_key) }
}
