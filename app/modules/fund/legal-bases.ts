import type { DB } from '../../../db'
import type { FundSettings, LegalBasisKind, Modality } from '../../../db/schema'
import { recordAudit } from '../audit'
import { inWordsDate } from '../../../templates/common'
import { getFundSettings } from './index'
import { splitLines } from './schemas'
import { LEGAL_BASIS_KINDS } from './legal-bases-form'

// The legal bases ("Căn cứ …") each kind of decision prints, as data an admin edits (/admin/legal-bases). The
// defaults (migration 0021) cite the Law on Science, Technology and Innovation by its name and the date it was
// passed (a law is cited without its number) and Decree 265/2025/NĐ-CP by number, date, issuer and title. The
// Fund's charter is cited last, from the fund's settings: the number, date and issuer of the decision that issued it.

export { LEGAL_BASIS_KINDS }

/** The list of bases a funding decision of this modality prints. */
export function basisKindOf(modality: Modality): LegalBasisKind {
  return modality === 'preferential_loan' ? 'decision_loan' : modality === 'loan_guarantee' ? 'decision_guarantee' : modality === 'support' ? 'decision_support' : 'decision_grant'
}

/** The edited lines of every kind, in order (without the charter). */
export async function listLegalBases(db: DB): Promise<Record<LegalBasisKind, string[]>> {
  const rows = await db.selectFrom('legal_bases').select(['doc_kind', 'text']).orderBy('doc_kind').orderBy('position').execute()
  const out = Object.fromEntries(LEGAL_BASIS_KINDS.map((k) => [k, [] as string[]])) as Record<LegalBasisKind, string[]>
  for (const r of rows) out[r.doc_kind].push(r.text)
  return out
}

/** "Căn cứ Quyết định số 12/2026/QĐ-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân tỉnh Đắk Lắk ban hành Điều lệ …", or null when the number or date is not set. */
export function charterBasis(fund: Pick<FundSettings, 'charter_number' | 'charter_date' | 'charter_issuer' | 'name_vi'> | undefined): string | null {
  if (!fund || !fund.charter_number?.trim() || !fund.charter_date) return null
  const date = typeof fund.charter_date === 'string' ? fund.charter_date.slice(0, 10) : fund.charter_date
  const issuer = fund.charter_issuer?.trim()
  return `Căn cứ Quyết định số ${fund.charter_number.trim()} ${inWordsDate(date)}${issuer ? ` của ${issuer}` : ''} ban hành Điều lệ tổ chức và hoạt động của ${fund.name_vi}`
}

/** The lines a decision of this kind prints, in order, the charter last. */
export async function legalBasesFor(db: DB, kind: LegalBasisKind): Promise<string[]> {
  const [lines, fund] = await Promise.all([
    db.selectFrom('legal_bases').select('text').where('doc_kind', '=', kind).orderBy('position').execute(),
    getFundSettingsWithCharter(db),
  ])
  const charter = charterBasis(fund)
  return [...lines.map((l) => l.text), ...(charter ? [charter] : [])]
}

/** The fund's settings with the charter date read back as 'YYYY-MM-DD' (a date column). */
export async function getFundSettingsWithCharter(db: DB) {
  const fund = await getFundSettings(db)
  if (!fund) return undefined
  const row = await db.selectFrom('fund_settings').select((eb) => eb.fn<string | null>('to_char', ['charter_date', eb.val('YYYY-MM-DD')]).as('day')).where('id', '=', 1).executeTakeFirst()
  return { ...fund, charter_date: row?.day ?? null }
}

const MAX_LINES = 12
const MAX_LENGTH = 600

/**
 * Saves every kind's lines (one a line; "Căn cứ" first; the punctuation is added when printed). Decree 30/2020
 * (clerical work) is refused: it is no basis for funding anything. Documents already issued keep what they printed.
 */
export async function saveLegalBases(
  db: DB,
  input: { values: Record<string, string | undefined>; actor: { id: string; email: string }; ip?: string | null },
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const errors: Record<string, string> = {}
  const lists = {} as Record<LegalBasisKind, string[]>
  for (const kind of LEGAL_BASIS_KINDS) {
    const lines = splitLines(input.values[kind]).map((l) => l.normalize('NFC').replace(/\s+/g, ' '))
    if (lines.length > MAX_LINES || lines.some((l) => l.length > MAX_LENGTH)) errors[kind] = 'legalBases.v.count'
    else if (lines.some((l) => !/^Căn cứ\s/u.test(l))) errors[kind] = 'legalBases.v.start'
    else if (lines.some((l) => /30\/2020\/NĐ-CP/u.test(l))) errors[kind] = 'legalBases.v.decree30'
    lists[kind] = lines
  }
  if (Object.keys(errors).length) return { ok: false, errors }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('legal_bases').execute()
    const rows = LEGAL_BASIS_KINDS.flatMap((kind) => lists[kind].map((text, i) => ({ doc_kind: kind, position: i + 1, text })))
    if (rows.length) await trx.insertInto('legal_bases').values(rows).execute()
    await recordAudit(trx, { action: 'fund.legal_bases_updated', actor: input.actor, ip: input.ip ?? null, details: Object.fromEntries(LEGAL_BASIS_KINDS.map((k) => [k, lists[k].length])) })
  })
  return { ok: true }
}
