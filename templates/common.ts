// The frame every official document of the Fund shares (Decree 30/2020/NĐ-CP, Appendix I): heading, number and
// date, title, signature block. Templates describe content only; the layout engine draws it.
import {
  type Block,
  type DocumentModel,
  type HeaderLine,
  MM,
  type Paragraph,
  type SignatureBlock,
  type Text,
} from '../app/modules/documents/layout'
import { formatNumber, toDateInputValue } from '../app/i18n/format'

/** The fund's settings a document uses (fund_settings in the database). */
export interface FundSettings {
  /** "UBND tỉnh Đắk Lắk" (upper-cased in the heading). */
  parentBody: string
  /** "Quỹ Phát triển Khoa học và Công nghệ tỉnh Đắk Lắk". */
  fundName: string
  /** The issuing body in the heading when shorter than the name ("Quỹ Phát triển Khoa học và Công nghệ"); default fundName. */
  issuingBody?: string
  /** "QKHCN": the symbol after the document type in a number. */
  documentSymbol: string
  /** "Đắk Lắk". */
  placeName: string
  /** "KT. GIÁM ĐỐC" when a deputy signs for the director; "" when the director signs. */
  signerAuthority: string
  /** "GIÁM ĐỐC" or "PHÓ GIÁM ĐỐC". */
  signerTitle: string
  signerName: string
  /** "Căn cứ …" lines of a decision, in order. */
  legalBases: string[]
  /** Default "Nơi nhận:" lines (without the leading dash), the last one usually "Lưu: VT, …". */
  recipients: string[]
}

/** A date as the calendar day in Việt Nam: a Date (read in Asia/Ho_Chi_Minh) or "yyyy-mm-dd". */
export type DocDate = Date | string

export function dayParts(date: DocDate): { day: number; month: number; year: number } {
  const iso = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : toDateInputValue(date)
  const [year, month, day] = iso.split('-').map(Number)
  return { day, month, year }
}

/**
 * "Đắk Lắk, ngày 05 tháng 01 năm 2027": a day below 10 and the months 1 and 2 take a leading zero
 * (Decree 30, Appendix I); other months are written as they are ("tháng 3").
 */
export function placeAndDate(place: string, date: DocDate): string {
  const { day, month, year } = dayParts(date)
  const dd = day < 10 ? `0${day}` : String(day)
  const mm = month <= 2 ? `0${month}` : String(month)
  return `${place}, ngày ${dd} tháng ${mm} năm ${year}`
}

/** "ngày 05 tháng 01 năm 2027" (the same padding). */
export function inWordsDate(date: DocDate): string {
  return placeAndDate('', date).replace(/^, /, '')
}

/** "05/QĐ-QKHCN": the number zero-padded below 10, the type and symbol in upper case, no spaces around the dash. */
export function documentNumber(n: number, type: string, symbol: string): string {
  const num = n < 10 ? `0${n}` : String(n)
  return `${num}/${type}-${symbol}`.replace(/\s+/g, '').toLocaleUpperCase('vi')
}

/** dd/mm/yyyy of a day. */
export function shortDate(date: DocDate): string {
  const { day, month, year } = dayParts(date)
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`
}

/** Whole đồng with dot groups: "1.500.000.000 đồng". */
export function money(amount: number): string {
  return `${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`
}

export const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi')

// Sizes of Decree 30, Appendix I (pt).
export const SIZE = {
  heading: 12.5, // parent and issuing body, national title: 12–13
  motto: 13.5, // 13–14
  number: 13,
  date: 13.5, // 13–14 italic
  title: 14, // 13–14 bold
  body: 13, // 13–14
  recipientsTitle: 12, // bold italic 12
  recipients: 11, // 11
  signer: 13.5, // 13–14 bold
  appendixNote: 13, // "Kèm theo …" under an appendix's title: 13–14 italic
} as const

const NBSP = '\u00a0'

/**
 * Word groups of the names in a heading, longest first: a name wraps between them, never inside one
 * ("QUỸ PHÁT TRIỂN / KHOA HỌC VÀ CÔNG NGHỆ / TỈNH ĐẮK LẮK", never "TỈNH ĐẮK / LẮK").
 */
const NAME_GROUPS = [
  'KHOA HỌC VÀ CÔNG NGHỆ',
  'XÃ HỘI CHỦ NGHĨA',
  'ỦY BAN NHÂN DÂN',
  'UỶ BAN NHÂN DÂN',
  'ĐỔI MỚI SÁNG TẠO',
  'QUỸ PHÁT TRIỂN',
  'PHÓ GIÁM ĐỐC',
  'GIÁM ĐỐC',
  'CỘNG HÒA',
  'VIỆT NAM',
  'KHOA HỌC',
  'CÔNG NGHỆ',
  'PHÁT TRIỂN',
  'NHÂN DÂN',
]
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const LETTER = '[\\p{L}\\p{N}]'

/**
 * A name of a heading with its word groups held together by no-break spaces (the layout engine breaks lines at
 * ordinary spaces only): the place with its unit ("TỈNH ĐẮK LẮK", "UBND TỈNH ĐẮK LẮK" keeps "TỈNH ĐẮK LẮK"
 * whole) and the usual groups of organ names and of the national title. Case does not matter.
 */
export function holdNameGroups(text: string, placeName: string): string {
  const place = placeName.trim().split(/\s+/).map(escape).join('[ \\t]+')
  const patterns = [
    ...(place ? [`(?:(?:tỉnh|thành[ \\t]+phố|tp\\.)[ \\t]+)?${place}`] : []),
    ...NAME_GROUPS.map((g) => g.split(' ').map(escape).join('[ \\t]+')),
  ]
  let out = text.normalize('NFC')
  for (const p of patterns) {
    out = out.replace(new RegExp(`(?<!${LETTER})${p}(?!${LETTER})`, 'giu'), (m) => m.replace(/[ \t]+/g, NBSP))
  }
  return out
}

/** The two-column heading, and the number and date on one line under it. */
export function heading(fund: FundSettings, number: string | null, date: DocDate | null): Block[] {
  const hold = (s: string) => holdNameGroups(s, fund.placeName)
  const left: HeaderLine[] = [
    { text: hold(upper(fund.parentBody)), size: SIZE.heading },
    { text: hold(upper(fund.issuingBody ?? fund.fundName)), size: SIZE.heading, bold: true, rule: 0.4 },
  ]
  const right: HeaderLine[] = [
    { text: hold('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), size: SIZE.heading, bold: true },
    { text: 'Độc lập - Tự do - Hạnh phúc', size: SIZE.motto, bold: true, rule: 'text' },
  ]
  const blocks: Block[] = [{ kind: 'header', left, right, leftWidth: 0.4, after: 4 }]
  if (number !== null || date !== null) {
    blocks.push({
      kind: 'numberDate',
      leftWidth: 0.4,
      left: { text: number === null ? '' : `Số: ${number}`, size: SIZE.number },
      right: { text: date === null ? '' : placeAndDate(fund.placeName, date), size: SIZE.date, italic: true },
      after: 10,
    })
  }
  return blocks
}

/** Title of the document type ("QUYẾT ĐỊNH") and its subject ("Về việc …", with a short rule under it). */
export function title(kind: string, subject?: Text): Block[] {
  const out: Block[] = [{ kind: 'paragraph', text: upper(kind), bold: true, size: SIZE.title, align: 'center', before: 6, keepWithNext: true }]
  if (subject) out.push({ kind: 'paragraph', text: subject, bold: true, size: SIZE.title, align: 'center', balance: true, rule: 0.35, after: 8, keepWithNext: true })
  return out
}

/** A body paragraph: justified, first line indented 1 cm, 6 pt after. */
export function body(text: Text, more: Partial<Paragraph> = {}): Paragraph {
  return { kind: 'paragraph', text, align: 'justify', indent: 10 * MM, after: 6, size: SIZE.body, lineHeight: 1.2, ...more }
}

/** "- Như Điều 3;" … "- Lưu: VT, QLKH.": each line with its dash, the last ending with a full stop. */
export function recipientLines(lines: string[]): string[] {
  return lines.map((l, i) => {
    const t = l.trim().replace(/^-\s*/, '').replace(/[;.]+$/, '')
    return `- ${t}${i === lines.length - 1 ? '.' : ';'}`
  })
}

/** The foot: "Nơi nhận:" and its lines on the left; the authority, the space to sign and seal, the name. */
export function signature(fund: FundSettings, recipients: string[] | null, o: { authority?: string[]; signer?: string } = {}): SignatureBlock {
  const authority = o.authority ?? [fund.signerAuthority, fund.signerTitle].filter((s) => s.trim() !== '')
  return {
    kind: 'signature',
    recipientsTitle: recipients === null ? undefined : { text: 'Nơi nhận:', bold: true, italic: true, size: SIZE.recipientsTitle, lineHeight: 1.15 },
    recipients: recipients === null ? [] : recipientLines(recipients).map((text) => ({ text, size: SIZE.recipients, lineHeight: 1.15 })),
    authority: authority.map((text) => ({ text: holdNameGroups(upper(text), fund.placeName), bold: true, size: SIZE.signer, lineHeight: 1.15 })),
    signSpaceMm: 44,
    signer: { text: plainName(o.signer ?? fund.signerName), bold: true, size: SIZE.signer },
    leftWidth: 0.45,
    before: 8,
  }
}

/**
 * The legal bases, one a line in italics, each ending ";" and the last one "." (Decree 30, Appendix I, II.6.a, as
 * the Fund reads it), then "Theo đề nghị của …." on its own line.
 */
export function legalBases(bases: string[], proposedBy: string): Paragraph[] {
  const lines = bases.map((b) => b.trim().replace(/[;.,\s]+$/, '')).filter(Boolean)
  return [
    ...lines.map((b, i) => body(`${b}${i === lines.length - 1 ? '.' : ';'}`, { italic: true })),
    body(`Theo đề nghị của ${proposedBy.trim().replace(/[;.]*$/, '')}.`, { italic: true }),
  ]
}

/** Academic titles and degrees written in front of a name ("PGS.TS.", "ThS.", "KS."): a signature block prints the name alone. */
const TITLES = /^(?:(?:GS|PGS|TS|TSKH|ThS|KS|BS|CN|DS|KTS|LS|NCS|NGƯT|NGND|TTƯT|TTND)\.\s*)+/u

/** "PGS.TS. Lê Văn Bình" → "Lê Văn Bình". */
export function plainName(name: string): string {
  return name.normalize('NFC').trim().replace(TITLES, '').trim()
}

/** The director's authority in the body ("GIÁM ĐỐC QUỸ …"): who decides, even when a deputy signs for him. */
export function authorityTitle(fund: FundSettings): string {
  return holdNameGroups(`${upper(directorTitle(fund))} ${upper(fund.fundName)}`, fund.placeName)
}

/** "GIÁM ĐỐC" from "KT. GIÁM ĐỐC", or the signer's title when he signs in his own name. */
export function directorTitle(fund: FundSettings): string {
  const a = fund.signerAuthority.trim()
  return a ? a.replace(/^(KT|TM|TL|TUQ|Q)\.\s*/i, '') : fund.signerTitle
}

/** "Giám đốc" from "GIÁM ĐỐC". */
export function sentenceCase(s: string): string {
  const l = s.normalize('NFC').toLocaleLowerCase('vi')
  return l.charAt(0).toLocaleUpperCase('vi') + l.slice(1)
}

/** A document model with the usual settings: body size, Vietnamese, the fund as author. */
export function document(fund: FundSettings, titleText: string, blocks: Block[]): DocumentModel {
  return {
    blocks,
    size: SIZE.body,
    lineHeight: 1.2,
    info: { title: titleText, author: fund.fundName, creator: fund.fundName, language: 'vi-VN' },
  }
}

/** "Kính gửi: …" (to whom a notice goes), centred as in the forms of Decree 30. */
export function addressee(to: string): Paragraph {
  return { kind: 'paragraph', text: [{ text: 'Kính gửi: ' }, { text: to }], size: SIZE.body, align: 'center', before: 4, after: 10 }
}

/** Numbered lines "1. …;" … "n. ….", as body paragraphs. */
export function numbered(items: string[], more: Partial<Paragraph> = {}): Paragraph[] {
  return items.map((item, i) => body(`${i + 1}. ${item.trim().replace(/[;.]+$/, '')}${i === items.length - 1 ? '.' : ';'}`, { ...more }))
}

/** The last body paragraph stays on the page of the signature (the signature never stands alone). */
export function keepLast(blocks: Block[]): Block[] {
  const last = blocks[blocks.length - 1]
  if (last && last.kind === 'paragraph') blocks[blocks.length - 1] = { ...last, keepWithNext: true }
  return blocks
}

/** A score as Vietnamese write it: "15", "15,5". */
export function score(n: number): string {
  return formatNumber(n, 'vi')
}

/** "Nhãn: giá trị" as a left-aligned body line (label in bold when asked). */
export function field(label: string, value: string, o: { boldLabel?: boolean; boldValue?: boolean } = {}): Paragraph {
  return {
    kind: 'paragraph',
    text: [{ text: `${label}: `, bold: o.boldLabel }, { text: value, bold: o.boldValue }],
    size: SIZE.body,
    align: 'justify',
    after: 3,
  }
}

/** A heading inside the body ("1. Thời gian, địa điểm"), bold, kept with what follows. */
export function section(text: string): Paragraph {
  return { kind: 'paragraph', text, bold: true, size: SIZE.body, before: 6, after: 4, keepWithNext: true }
}
