import { createHash } from 'node:crypto'
import type { DB } from '../../../db'
import { readSignatures } from '../signing'
import { normaliseVerificationCode } from './signing'

// Anyone can check a document of the Fund (/verify, no sign-in): by its file, or by the code printed under its
// QR code. The answer shows only what the document itself prints — its number, date, kind, who signed it and
// when — and whether it still stands: cancelled in the register, or replaced by a later one.

export interface VerifiedDocument {
  symbol: string
  kind: string
  /** The day it was issued (its date), as stored. */
  issuedAt: Date
  signerName: string | null
  signerCapacity: string | null
  signedAt: Date | null
  state: 'valid' | 'cancelled' | 'replaced'
  replacedBy: string | null
  code: string
}

export type Verification =
  | { found: true; by: 'file' | 'code'; document: VerifiedDocument }
  /** unknown: nothing of ours; altered: signed with the Fund's key but not the file it issued; unsigned: no signature at all. */
  | { found: false; reason: 'unknown' | 'altered' | 'unsigned' | 'bad_code' }

const query = (db: DB) =>
  db
    .selectFrom('documents as d')
    .innerJoin('document_register as r', 'r.id', 'd.register_id')
    .select(['d.id', 'd.kind', 'd.application_id', 'd.council_id', 'd.call_id', 'd.created_at', 'd.signer_name', 'd.signer_capacity', 'd.signed_at', 'd.verification_code', 'r.symbol', 'r.state', 'r.issued_at'])
    .where('d.verification_code', 'is not', null)

type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>

async function describe(db: DB, row: Row): Promise<VerifiedDocument> {
  // Replaced: a later document of the same kind for the same application or council (or, for a call's own
  // document such as its opening record, the same call), whose number stands.
  const later = await db
    .selectFrom('documents as d')
    .innerJoin('document_register as r', 'r.id', 'd.register_id')
    .select('r.symbol')
    .where('d.kind', '=', row.kind)
    .where('d.created_at', '>', row.created_at)
    .where('r.state', '=', 'issued')
    .where((eb) =>
      row.application_id
        ? eb('d.application_id', '=', row.application_id)
        : row.council_id
          ? eb('d.council_id', '=', row.council_id)
          : eb.and([eb('d.call_id', '=', row.call_id), eb('d.application_id', 'is', null), eb('d.council_id', 'is', null)]),
    )
    .orderBy('d.created_at')
    .executeTakeFirst()
  const state = later ? 'replaced' : row.state === 'cancelled' ? 'cancelled' : 'valid'
  return {
    symbol: row.symbol,
    kind: row.kind,
    issuedAt: row.issued_at,
    signerName: row.signer_name,
    signerCapacity: row.signer_capacity,
    signedAt: row.signed_at,
    state,
    replacedBy: later?.symbol ?? null,
    code: row.verification_code!,
  }
}

/** The document with this printed code ("ABCDE-FGHJK", any case, with or without the dash). */
export async function verifyCode(db: DB, input: string): Promise<Verification> {
  const code = normaliseVerificationCode(input)
  if (!code) return { found: false, reason: 'bad_code' }
  const row = await query(db).where('d.verification_code', '=', code).executeTakeFirst()
  return row ? { found: true, by: 'code', document: await describe(db, row) } : { found: false, reason: 'unknown' }
}

/**
 * A PDF someone holds: the very file the Fund issued (same SHA-256), or a file that carries a signature of the
 * Fund's key but differs from every file it issued (altered), or something else.
 */
export async function verifyFile(db: DB, bytes: Uint8Array): Promise<Verification> {
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const row = await query(db).where('d.sha256', '=', sha256).executeTakeFirst()
  if (row) return { found: true, by: 'file', document: await describe(db, row) }
  const signatures = readSignatures(bytes)
  if (signatures.length === 0) return { found: false, reason: 'unsigned' }
  const fingerprints = [...new Set(signatures.map((s) => s.certificateSha256))]
  const ours = await db
    .selectFrom('documents')
    .select('id')
    .where((eb) => eb.or([eb('fund_certificate_sha256', 'in', fingerprints), eb('signer_certificate_sha256', 'in', fingerprints)]))
    .limit(1)
    .executeTakeFirst()
  return { found: false, reason: ours ? 'altered' : 'unknown' }
}
