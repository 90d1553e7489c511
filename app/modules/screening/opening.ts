import type { DB } from '../../../db'
import { openingRecord } from '../../../templates/opening-record'
import type { FileStorage } from '../applications'
import { documentDownload, documentsQuery, type IssuedDocument, toIssuedDocument } from '../decisions/documents'
import { blankNumber, fundForDocuments, type SignerLines, withSigner } from '../decisions/issue'
import { takeNumber } from '../decisions/register'
import { type Signing, signAndStore } from '../decisions/signing'
import { type DocumentModel, renderDocument } from '../documents/layout'
import { getFundSettings, getReviewRules } from '../fund'

// The dossier-opening record (biên bản mở hồ sơ) of a call, prepared by the office from the call's page once the
// call has closed (its grace minutes included): every dossier received, in the order of receipt. Prepared by a
// person, not automatically at the close: it records the office's act of opening the dossiers (Circular 20/2023
// Art. 7), which a clock cannot witness, and the office chooses the moment (the screening clock itself runs from
// the close either way). The office sends it for signature; the director (or a deputy) signs it at /signing/:id
// and only then is it numbered, signed by them and by the Fund, and stored (decisions/requests.ts, ADR 017).

type Actor = { id: string; email: string }

export const OPENING_RECORD_KIND = 'opening_record'

const closedAt = (call: { closes_at: Date; grace_minutes: number }) => new Date(call.closes_at.getTime() + call.grace_minutes * 60_000)

/** The call's issued opening record, if any (the latest whose number is not cancelled). */
export async function issuedOpeningRecord(db: DB, callId: string): Promise<IssuedDocument | null> {
  const row = await documentsQuery(db).where('d.call_id', '=', callId).where('d.kind', '=', OPENING_RECORD_KIND).where('r.state', '=', 'issued').orderBy('d.created_at', 'desc').executeTakeFirst()
  return row ? toIssuedDocument(row) : null
}

/** Whether the call's record may be prepared now: the call exists and has closed; null when there is no such call. */
export async function openingRecordState(db: DB, callId: string, now = new Date()): Promise<'open' | 'due' | 'issued' | null> {
  const call = await db.selectFrom('calls').select(['id', 'closes_at', 'grace_minutes']).where('id', '=', callId).executeTakeFirst()
  if (!call) return null
  if (now < closedAt(call)) return 'open'
  return (await issuedOpeningRecord(db, callId)) ? 'issued' : 'due'
}

/** `openedAt`: when the office opened the dossiers (it sent the record for signature); the date is the signing's. */
async function draw(db: DB, callId: string, number: number | null, at: { date: Date; openedAt: Date }, signer?: SignerLines): Promise<DocumentModel | null> {
  const call = await db.selectFrom('calls').select(['id', 'code', 'title_vi', 'closes_at', 'grace_minutes']).where('id', '=', callId).executeTakeFirst()
  if (!call || at.openedAt < closedAt(call)) return null
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
    fund: withSigner(fundForDocuments(await getFundSettings(db)), signer),
    number: number ?? 0,
    date: at.date,
    callTitle: call.title_vi,
    callCode: call.code,
    closesAt: call.closes_at,
    openedAt: at.openedAt,
    dossiers: dossiers.map((d) => ({ reference: d.reference ?? '', title: d.title, organisation: (d.organisation_snapshot as { name?: string } | null)?.name ?? d.name, submittedAt: d.submitted_at! })),
    screeningDays: (await getReviewRules(db)).screeningWorkingDays,
  })
  return number ? model : blankNumber(model)
}

/** The record as it would be issued now, unnumbered (null before the call has closed). `openedAt`: a waiting request's. */
export async function previewOpeningRecord(db: DB, callId: string, now = new Date(), openedAt = now): Promise<Uint8Array | null> {
  const model = await draw(db, callId, null, { date: now, openedAt })
  return model ? renderDocument(model) : null
}

export type IssueOpeningResult = { ok: true; document: IssuedDocument; already: boolean } | { ok: false; reason: 'not_found' | 'open' }

export interface IssueOpeningInput {
  callId: string
  actor: Actor
  ip?: string | null
  now?: Date
  /** When the office opened the dossiers (default: now). */
  openedAt?: Date
  /** who signs (the director or a deputy), then the Fund (decisions/signing.ts) */
  signing: Signing
}

/** Issues the call's opening record once, after the close, in the caller's transaction (the call row is locked). */
export async function issueOpeningRecordIn(trx: DB, storage: FileStorage, input: IssueOpeningInput): Promise<IssueOpeningResult> {
  const now = input.now ?? new Date()
  const call = await trx.selectFrom('calls').select(['id', 'code', 'closes_at', 'grace_minutes']).where('id', '=', input.callId).forUpdate().executeTakeFirst()
  if (!call) return { ok: false, reason: 'not_found' }
  if (now < closedAt(call)) return { ok: false, reason: 'open' }
  const existing = await issuedOpeningRecord(trx, call.id)
  if (existing) return { ok: true, document: existing, already: true }
  const register = await takeNumber(trx, { type: 'minutes', title: `Biên bản mở hồ sơ đợt ${call.code}`, subjectType: 'call', subjectId: call.id, actor: input.actor, now, ip: input.ip })
  const { party } = input.signing
  const openedAt = input.openedAt && input.openedAt >= closedAt(call) ? input.openedAt : now
  const model = await draw(trx, call.id, register.number, { date: now, openedAt }, { name: party.user.fullName, capacity: party.capacity, authority: party.authority })
  if (!model) throw new Error(`the opening record of call ${call.id} could not be drawn`) // rolls the number back
  const { document } = await signAndStore(trx, storage, { register, kind: OPENING_RECORD_KIND, model, prefix: 'Bien-ban-mo-ho-so-', callId: call.id, actor: input.actor, now, signing: input.signing })
  return { ok: true, document, already: false }
}

/** issueOpeningRecordIn in a transaction of its own (tests and scripts with a kept key). */
export function issueOpeningRecord(db: DB, storage: FileStorage, input: IssueOpeningInput): Promise<IssueOpeningResult> {
  return db.transaction().execute((trx) => issueOpeningRecordIn(trx, storage, input))
}

/** The issued record's file to download, or null. */
export async function openingRecordDownload(db: DB, storage: FileStorage, callId: string) {
  const row = await documentsQuery(db).where('d.call_id', '=', callId).where('d.kind', '=', OPENING_RECORD_KIND).where('r.state', '=', 'issued').orderBy('d.created_at', 'desc').executeTakeFirst()
  return row ? { document: toIssuedDocument(row), ...documentDownload(storage, row) } : null
}
