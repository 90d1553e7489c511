import type { DB } from '../../../db'
import type { FileStorage } from '../applications'
import { documentDownload, documentsQuery, type IssuedDocument, toIssuedDocument } from './documents'
import { takeNumber } from './register'
import { minutesModel } from './sheets'
import { type Signing, signAndStore } from './signing'

// The minutes (biên bản) of a concluded council meeting as an official document: staff or the council's
// secretary preview them unnumbered, then issue them — the register gives the year's next 'minutes' number
// ("Số: 01/BB-QKHCN") in the transaction that stores the file, so the number and the file exist together or
// not at all. Issued once per council; if the number is cancelled in the register, they can be issued again
// with a new one, and the cancelled file stays recorded.

type Actor = { id: string; email: string }

export type IssueMinutesResult = { ok: true; document: IssuedDocument; already: boolean } | { ok: false; reason: 'not_found' | 'not_concluded' }

/** The council's minutes as issued: the latest whose number is not cancelled. */
const latestMinutes = (db: DB, councilId: string) =>
  documentsQuery(db).where('d.council_id', '=', councilId).where('d.kind', '=', 'minutes').where('r.state', '=', 'issued').orderBy('d.created_at', 'desc').executeTakeFirst()

/** The concluded councils whose minutes are not issued yet (or whose number was cancelled), oldest first. */
export async function listMinutesToIssue(db: DB): Promise<{ councilId: string; nameVi: string; nameEn: string; concludedAt: Date | null; waitingSignature: boolean }[]> {
  const rows = await db
    .selectFrom('councils as c')
    .select(['c.id', 'c.name_vi', 'c.name_en', 'c.updated_at'])
    .select((eb) => eb.exists(eb.selectFrom('signature_requests as s').select('s.id').whereRef('s.council_id', '=', 'c.id').where('s.state', '=', 'pending')).as('waiting_signature'))
    .where('c.status', '=', 'concluded')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('documents as d')
            .innerJoin('document_register as r', 'r.id', 'd.register_id')
            .select('d.id')
            .whereRef('d.council_id', '=', 'c.id')
            .where('d.kind', '=', 'minutes')
            .where('r.state', '=', 'issued'),
        ),
      ),
    )
    .orderBy('c.updated_at')
    .execute()
  return rows.map((r) => ({ councilId: r.id, nameVi: r.name_vi, nameEn: r.name_en, concludedAt: r.updated_at, waitingSignature: !!r.waiting_signature }))
}

/** The council's issued minutes, the latest whose number is not cancelled. */
export async function issuedMinutes(db: DB, councilId: string): Promise<IssuedDocument | null> {
  const row = await latestMinutes(db, councilId)
  return row ? toIssuedDocument(row) : null
}

export interface IssueMinutesInput {
  councilId: string
  actor: Actor
  ip?: string | null
  now?: Date
  /** the presiding member signs, then the Fund (signing.ts) */
  signing: Signing
}

/**
 * Issues the minutes of a concluded council in the caller's transaction: takes the number, renders them with it,
 * signs them, stores the file and records it. Idempotent: a council's minutes are issued once (the council row
 * is locked while it is decided).
 */
export async function issueMinutesIn(trx: DB, storage: FileStorage, input: IssueMinutesInput): Promise<IssueMinutesResult> {
  const now = input.now ?? new Date()
  const council = await trx.selectFrom('councils').select(['id', 'name_vi', 'status', 'call_id']).where('id', '=', input.councilId).forUpdate().executeTakeFirst()
  if (!council) return { ok: false, reason: 'not_found' }
  const concluded = await trx.selectFrom('council_conclusions').select('application_id').where('council_id', '=', council.id).executeTakeFirst()
  if (council.status !== 'concluded' || !concluded) return { ok: false, reason: 'not_concluded' }
  const existing = await issuedMinutes(trx, council.id)
  if (existing) return { ok: true, document: existing, already: true }

  const register = await takeNumber(trx, {
    type: 'minutes',
    title: `Biên bản họp ${council.name_vi}`,
    subjectType: 'council',
    subjectId: council.id,
    actor: input.actor,
    now,
    ip: input.ip,
  })
  const { party } = input.signing
  const drawn = await minutesModel(trx, council.id, { number: register.number, signer: { name: party.user.fullName, capacity: party.capacity, authority: party.authority } })
  if (!drawn) throw new Error(`the minutes of council ${council.id} could not be drawn`) // rolls the number back
  const { document } = await signAndStore(trx, storage, { register, kind: 'minutes', model: drawn.model, prefix: 'Bien-ban-', callId: council.call_id, councilId: council.id, actor: input.actor, now, signing: input.signing })
  return { ok: true, document, already: false }
}

/** issueMinutesIn in a transaction of its own. */
export async function issueMinutes(db: DB, storage: FileStorage, input: IssueMinutesInput): Promise<IssueMinutesResult> {
  return db.transaction().execute((trx) => issueMinutesIn(trx, storage, input))
}

/** The council's minutes to download: the issued file if they were issued, else null (the caller offers the preview). */
export async function getMinutesForDownload(db: DB, storage: FileStorage, councilId: string) {
  const row = await latestMinutes(db, councilId)
  return row ? { document: toIssuedDocument(row), ...documentDownload(storage, row) } : null
}
