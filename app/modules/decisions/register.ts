import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { DocumentType } from '../../../db/schema'
import { recordAudit } from '../audit'
import { vnYear } from '../applications'
import { documentNumber } from '../../../templates/common'
import { getFundSettings } from '../fund'

// The register of official documents (sổ đăng ký văn bản): one sequence of numbers per year for all the Fund's
// documents, as its records office keeps them (Decree 30/2020), from 1, without gaps or duplicates even when many
// are issued at once (the year's counter row is incremented in the transaction that records the number, so both
// commit or neither). A number the office gave to a document made outside the portal is recorded in the same
// sequence, so the portal never gives it again. A cancelled number stays in the register with who cancelled it
// and why, and is never given again.

/** The abbreviation of each type in a number (Decree 30/2020, appendix III): "05/QĐ-QKHCN". */
export const DOCUMENT_ABBREVIATION: Record<DocumentType, string> = {
  decision: 'QĐ',
  notice: 'TB',
  minutes: 'BB',
  receipt: 'GBN',
  letter: '',
  other: '',
  contract: 'HĐ',
  amendment: 'PLHĐ',
}

/** The counter of the year's one sequence (reference_counters.scope). */
const SEQUENCE = 'register'

/** "05/QĐ-QKHCN": the number zero-padded below 10, the type's abbreviation, the fund's symbol; no spaces. */
export function formatDocumentNumber(n: number, type: DocumentType, symbol: string): string {
  const abbreviation = DOCUMENT_ABBREVIATION[type]
  // A letter (công văn) carries no type: "05/QKHCN".
  return abbreviation ? documentNumber(n, abbreviation, symbol) : `${n < 10 ? `0${n}` : n}/${symbol}`.replace(/\s+/g, '').toLocaleUpperCase('vi')
}

export interface RegisteredNumber {
  id: number
  year: number
  number: number
  symbol: string
  issuedAt: Date
}

type Actor = { id: string; email: string }

/**
 * Takes the next number of the year for a document type, inside the caller's transaction (the document it
 * numbers is written in the same one). Concurrent callers queue on the counter row.
 */
export async function takeNumber(
  trx: DB,
  input: { type: DocumentType; title: string; subjectType?: string; subjectId?: string; actor: Actor; now?: Date; ip?: string | null; external?: boolean },
): Promise<RegisteredNumber> {
  const now = input.now ?? new Date()
  const year = vnYear(now)
  const fund = await getFundSettings(trx)
  const counter = await sql<{ last: number }>`
    INSERT INTO reference_counters (scope, year, last) VALUES (${SEQUENCE}, ${year}, 1)
    ON CONFLICT (scope, year) DO UPDATE SET last = reference_counters.last + 1
    RETURNING last`.execute(trx)
  const number = Number(counter.rows[0].last)
  const symbol = formatDocumentNumber(number, input.type, fund?.document_symbol || 'QKHCN')
  const row = await trx
    .insertInto('document_register')
    .values({
      year,
      doc_type: input.type,
      number,
      symbol,
      title: input.title,
      subject_type: input.subjectType ?? null,
      subject_id: input.subjectId ?? null,
      issued_by: input.actor.id,
      issued_at: now,
      external: input.external ?? false,
    })
    .returning(['id', 'issued_at'])
    .executeTakeFirstOrThrow()
  await recordAudit(trx, {
    action: 'document.issued',
    actor: input.actor,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    ip: input.ip ?? null,
    details: { register: row.id, symbol, type: input.type, year, ...(input.external ? { external: true } : {}) },
  })
  return { id: row.id, year, number, symbol, issuedAt: row.issued_at }
}

/** Issues a number on its own (a document numbered outside the portal's templates). */
export async function issueNumber(db: DB, input: Parameters<typeof takeNumber>[1]): Promise<RegisteredNumber> {
  return db.transaction().execute((trx) => takeNumber(trx, input))
}

export type ExternalResult =
  | { ok: true; entry: RegisteredNumber }
  | { ok: false; reason: 'title_required' | 'taken' | 'not_next'; next: number }

/**
 * Records a number the records office gave to a document made outside the portal (a letter, a decision signed on
 * paper), in the year's one sequence: the next number when none is given, or the one given when it is the next
 * (the office took it on paper meanwhile). A number already in the register is refused, and so is one beyond the
 * next (it would leave a gap the portal would later fill twice): the answer says which number is next.
 */
export async function recordExternalNumber(
  db: DB,
  input: { type: DocumentType; title: string; number?: number | null; actor: Actor; now?: Date; ip?: string | null },
): Promise<ExternalResult> {
  const now = input.now ?? new Date()
  const year = vnYear(now)
  const title = input.title.trim()
  return db.transaction().execute(async (trx): Promise<ExternalResult> => {
    // Lock the year's counter row: every number of the year queues here.
    const counter = await sql<{ last: number }>`
      INSERT INTO reference_counters (scope, year, last) VALUES (${SEQUENCE}, ${year}, 0)
      ON CONFLICT (scope, year) DO UPDATE SET last = reference_counters.last
      RETURNING last`.execute(trx)
    const next = Number(counter.rows[0].last) + 1
    if (!title) return { ok: false, reason: 'title_required', next }
    if (input.number != null && input.number !== next) {
      const taken = await trx.selectFrom('document_register').select('id').where('year', '=', year).where('number', '=', input.number).where('one_sequence', '=', true).executeTakeFirst()
      return { ok: false, reason: taken || input.number < next ? 'taken' : 'not_next', next }
    }
    const entry = await takeNumber(trx, { type: input.type, title, actor: input.actor, now, ip: input.ip, external: true })
    return { ok: true, entry }
  })
}

/** The number the register gives next this year. */
export async function nextNumber(db: DB, now = new Date()): Promise<number> {
  const row = await db.selectFrom('reference_counters').select('last').where('scope', '=', SEQUENCE).where('year', '=', vnYear(now)).executeTakeFirst()
  return Number(row?.last ?? 0) + 1
}

/** Cancels a number: it stays in the register, marked, with the reason; it is never reused. */
export async function cancelNumber(
  db: DB,
  input: { id: number; reason: string; actor: Actor; now?: Date; ip?: string | null },
): Promise<{ ok: true } | { ok: false; reason: 'not_found' | 'already' | 'reason_required' }> {
  const reason = input.reason.trim()
  if (!reason) return { ok: false, reason: 'reason_required' }
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('document_register').select(['state', 'symbol']).where('id', '=', input.id).forUpdate().executeTakeFirst()
    if (!row) return { ok: false, reason: 'not_found' } as const
    if (row.state === 'cancelled') return { ok: false, reason: 'already' } as const
    await trx
      .updateTable('document_register')
      .set({ state: 'cancelled', cancelled_by: input.actor.id, cancelled_at: input.now ?? new Date(), cancel_reason: reason })
      .where('id', '=', input.id)
      .execute()
    await recordAudit(trx, { action: 'document.cancelled', actor: input.actor, ip: input.ip ?? null, details: { register: input.id, symbol: row.symbol, reason } })
    return { ok: true } as const
  })
}

export interface RegisterEntry {
  id: number
  year: number
  type: DocumentType
  number: number
  symbol: string
  state: 'issued' | 'cancelled'
  title: string
  issuedAt: Date
  issuedBy: string | null
  cancelReason: string | null
  external: boolean
}

/** The register of a year, by type and number. */
export async function listRegister(db: DB, filter: { year: number; type?: DocumentType }): Promise<RegisterEntry[]> {
  let q = db
    .selectFrom('document_register as r')
    .leftJoin('users as u', 'u.id', 'r.issued_by')
    .select(['r.id', 'r.year', 'r.doc_type', 'r.number', 'r.symbol', 'r.state', 'r.title', 'r.issued_at', 'u.full_name', 'r.cancel_reason', 'r.external'])
    .where('r.year', '=', filter.year)
  if (filter.type) q = q.where('r.doc_type', '=', filter.type)
  const rows = await q.orderBy('r.number').orderBy('r.doc_type').limit(5000).execute()
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    type: r.doc_type,
    number: r.number,
    symbol: r.symbol,
    state: r.state,
    title: r.title,
    issuedAt: r.issued_at,
    issuedBy: r.full_name,
    cancelReason: r.cancel_reason,
    external: r.external,
  }))
}
