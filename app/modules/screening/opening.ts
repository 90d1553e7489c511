import type { DB } from '../../../db'
import { openingRecord } from '../../../templates/opening-record'
import type { FileStorage } from '../applications'
import { documentDownload, documentsQuery, type IssuedDocument, storeDocument, toIssuedDocument } from '../decisions/documents'
import { blankNumber, fundForDocuments } from '../decisions/issue'
import { takeNumber } from '../decisions/register'
import { renderDocument } from '../documents/layout'
import { getFundSettings, getReviewRules } from '../fund'

// The dossier-opening record (biên bản mở hồ sơ) of a call, issued by the office from the call's page once the
// call has closed (its grace minutes included): every dossier received, in the order of receipt. Issued by a
// person, not automatically at the close: it records the office's act of opening the dossiers (Circular 20/2023
// Art. 7), which a clock cannot witness, and the office chooses the moment (the screening clock itself runs from
// the close either way). Its own issuing function beside the others, calling the same register and store
// helpers, so a signing step plugs in here as it does there.

type Actor = { id: string; email: string }

export const OPENING_RECORD_KIND = 'opening_record'

const closedAt = (call: { closes_at: Date; grace_minutes: number }) => new Date(call.closes_at.getTime() + call.grace_minutes * 60_000)

/** The call's issued opening record, if any (the latest whose number is not cancelled). */
export async function issuedOpeningRecord(db: DB, callId: string): Promise<IssuedDocument | null> {
  const row = await documentsQuery(db).where('d.call_id', '=', callId).where('d.kind', '=', OPENING_RECORD_KIND).where('r.state', '=', 'issued').orderBy('d.created_at', 'desc').executeTakeFirst()
  return row ? toIssuedDocument(row) : null
}

async function draw(db: DB, callId: string, number: number | null, now: Date): Promise<Uint8Array | null> {
  const call = await db.selectFrom('calls').select(['id', 'code', 'title_vi', 'closes_at', 'grace_minutes']).where('id', '=', callId).executeTakeFirst()
  if (!call || now < closedAt(call)) return null
  const dossiers = await db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.reference', 'a.title', 'a.organisation_snapshot', 'o.name', 'a.submitted_at'])
    .where('a.call_id', '=', callId)
    .where('a.submitted_at', 'is not', null)
    .orderBy('a.submitted_at')
    .orderBy('a.reference')
    .execute()
  const model = openingRecord({
    fund: fundForDocuments(await getFundSettings(db)),
    number: number ?? 0,
    date: now,
    callTitle: call.title_vi,
    callCode: call.code,
    closesAt: call.closes_at,
    openedAt: now,
    dossiers: dossiers.map((d) => ({ reference: d.reference ?? '', title: d.title, organisation: (d.organisation_snapshot as { name?: string } | null)?.name ?? d.name, submittedAt: d.submitted_at! })),
    screeningDays: (await getReviewRules(db)).screeningWorkingDays,
  })
  return renderDocument(number ? model : blankNumber(model))
}

/** The record as it would be issued now, unnumbered (null before the call has closed). */
export function previewOpeningRecord(db: DB, callId: string, now = new Date()): Promise<Uint8Array | null> {
  return draw(db, callId, null, now)
}

export type IssueOpeningResult = { ok: true; document: IssuedDocument; already: boolean } | { ok: false; reason: 'not_found' | 'open' }

/** Issues the call's opening record once, after the close (the call row is locked meanwhile). */
export async function issueOpeningRecord(db: DB, storage: FileStorage, input: { callId: string; actor: Actor; ip?: string | null; now?: Date }): Promise<IssueOpeningResult> {
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx): Promise<IssueOpeningResult> => {
    const call = await trx.selectFrom('calls').select(['id', 'code', 'title_vi', 'closes_at', 'grace_minutes']).where('id', '=', input.callId).forUpdate().executeTakeFirst()
    if (!call) return { ok: false, reason: 'not_found' }
    if (now < closedAt(call)) return { ok: false, reason: 'open' }
    const existing = await issuedOpeningRecord(trx, call.id)
    if (existing) return { ok: true, document: existing, already: true }
    const register = await takeNumber(trx, { type: 'minutes', title: `Biên bản mở hồ sơ đợt ${call.code}`, subjectType: 'call', subjectId: call.id, actor: input.actor, now, ip: input.ip })
    const pdf = await draw(trx, call.id, register.number, now)
    if (!pdf) throw new Error(`the opening record of call ${call.id} could not be drawn`) // rolls the number back
    const document = await storeDocument(trx, storage, { register, kind: OPENING_RECORD_KIND, pdf, prefix: 'Bien-ban-mo-ho-so-', callId: call.id, actor: input.actor, now })
    return { ok: true, document, already: false }
  })
}

/** The issued record's file to download, or null. */
export async function openingRecordDownload(db: DB, storage: FileStorage, callId: string) {
  const row = await documentsQuery(db).where('d.call_id', '=', callId).where('d.kind', '=', OPENING_RECORD_KIND).where('r.state', '=', 'issued').orderBy('d.created_at', 'desc').executeTakeFirst()
  return row ? { document: toIssuedDocument(row), ...documentDownload(storage, row) } : null
}
