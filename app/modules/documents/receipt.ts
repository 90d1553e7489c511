import type { PDFFont } from 'pdf-lib'
import { translator } from '../../i18n'
import { formatDate, formatFileSize, formatMoney, formatTime } from '../../i18n/format'
import { A4, type Block, type DocumentModel, type LayoutFonts, loadLayoutFonts, MM, renderDocument, type Table } from './layout'

/** Everything the receipt of a submitted application shows; the caller reads it from the database. */
export interface ReceiptInput {
  lang: 'vi' | 'en'
  fundName: string
  parentBody: string
  reference: string
  submittedAt: Date
  callCode: string
  callTitle: string
  organisationName: string
  organisationIdentifier: string
  applicationTitle: string
  requestedAmount: number
  counterpartAmount: number
  documents: { name: string; filename: string; sizeBytes: number; sha256: string }[]
}

/** Margins of Decree 30/2020 (top and bottom 20 mm, left 30 mm, right 20 mm): within its ranges. */
const RECEIPT_MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 20 }

/** Working days the fund takes to check a dossier (domain default; the notice wording carries it). */
const SCREENING_WORKING_DAYS = 7

const nfc = (s: string) => s.normalize('NFC')

/**
 * Widths at 1 pt, cached per font: pdf-lib measures by shaping the text with fontkit, which is slow, and
 * greedy wrapping measures the same words again and again. A line's width is the sum of its words' and
 * spaces' (kerning across a space is negligible for wrapping).
 */
const widthCache = new WeakMap<PDFFont, Map<string, number>>()
function unitWidth(font: PDFFont, text: string): number {
  let cache = widthCache.get(font)
  if (!cache) widthCache.set(font, (cache = new Map()))
  let w = cache.get(text)
  if (w === undefined) {
    w = font.widthOfTextAtSize(text, 1)
    cache.set(text, w)
  }
  return w
}

/** Pieces of a word too long for a line, broken after `-`, `_`, `.` or `/` where possible (file names wrap at their joints). */
function breakLong(word: string, font: PDFFont, size: number, max: number): string[] {
  const out: string[] = []
  let rest = word
  while (rest && unitWidth(font, rest) * size > max) {
    // the longest prefix that fits, by the advance of each character
    const chars = [...rest]
    let fit = 0
    let w = 0
    while (fit < chars.length && (w += unitWidth(font, chars[fit]) * size) <= max) fit++
    fit = Math.max(1, fit)
    const head = chars.slice(0, fit).join('')
    const joint = Math.max(...['-', '_', '.', '/'].map((c) => head.lastIndexOf(c)))
    const cut = joint > 0 && joint + 1 >= head.length / 2 ? joint + 1 : head.length
    out.push(rest.slice(0, cut))
    rest = rest.slice(cut)
  }
  if (rest) out.push(rest)
  return out
}

/** Greedy word wrap within `max` points; a word longer than a line is broken. No-break spaces hold. */
export function wrapText(text: string, font: PDFFont, size: number, max: number): string[] {
  const space = unitWidth(font, ' ') * size
  const lines: string[] = []
  for (const paragraph of nfc(text).split('\n')) {
    let line = ''
    let lineW = 0
    for (const word of paragraph.split(/ +/).filter(Boolean)) {
      const w = unitWidth(font, word) * size
      if (line && lineW + space + w <= max) {
        line = `${line} ${word}`
        lineW += space + w
        continue
      }
      if (!line && w <= max) {
        line = word
        lineW = w
        continue
      }
      if (line) lines.push(line)
      const pieces = w <= max ? [word] : breakLong(word, font, size, max)
      line = pieces.pop() ?? ''
      lineW = unitWidth(font, line) * size
      lines.push(...pieces)
    }
    lines.push(line)
  }
  return lines
}

/** The receipt as a document of the layout engine (./layout): the Decree 30 frame, fields, the documents table. */
export function receiptModel(input: ReceiptInput, fonts: LayoutFonts): DocumentModel {
  const t = translator(input.lang)
  const upper = (s: string) => nfc(s).toLocaleUpperCase('vi')
  const title = t('doc.receipt.title')
  const body = 13
  // Labels in a column as wide as the widest of them; values wrap in the rest of the line.
  const rows = [
    { label: t('doc.receipt.reference'), value: input.reference, bold: true },
    { label: t('doc.receipt.submittedAt'), value: t('doc.dateTime', { time: formatTime(input.submittedAt), date: formatDate(input.submittedAt) }) },
    { label: t('doc.receipt.call'), value: `${input.callCode} – ${input.callTitle}` },
    { label: t('doc.receipt.organisation'), value: input.organisationName },
    { label: t('doc.receipt.identifier'), value: input.organisationIdentifier },
    { label: t('doc.receipt.applicationTitle'), value: input.applicationTitle },
    { label: t('doc.receipt.requested'), value: formatMoney(input.requestedAmount) },
    { label: t('doc.receipt.counterpart'), value: formatMoney(input.counterpartAmount) },
  ]
  const textWidth = (A4.width - (RECEIPT_MARGINS_MM.left + RECEIPT_MARGINS_MM.right) * MM) / MM
  const labelMm = Math.min(textWidth * 0.45, (Math.max(...rows.map((r) => fonts.width('regular', nfc(r.label)))) * body + 14) / MM)
  const fields: Table = {
    kind: 'table',
    columns: [{ width: { mm: labelMm } }, { width: { fr: 1 } }],
    rows: rows.map((r) => [r.label, { text: r.value, bold: r.bold }]),
    borders: false,
    padding: 0,
    size: body,
    lineHeight: 1.3,
    after: 8,
  }
  // The hash column holds 32 hex digits a line: a hash takes two lines.
  const hashSize = 8.5
  const pad = 3
  const hashMm = (Math.max(...'0123456789abcdef'.split('').map((c) => fonts.width('regular', c.repeat(32)))) * hashSize + 2 * pad + 1) / MM
  const sizeMm = Math.max(56, fonts.width('bold', nfc(t('doc.receipt.col.size'))) * 10 + 2 * pad + 1) / MM
  const documents: Table = {
    kind: 'table',
    columns: [{ width: { mm: 26 / MM }, align: 'center' }, { width: { fr: 0.55 } }, { width: { fr: 0.45 } }, { width: { mm: sizeMm }, align: 'right' }, { width: { mm: hashMm } }],
    header: [[t('doc.receipt.col.no'), t('doc.receipt.col.name'), t('doc.receipt.col.filename'), t('doc.receipt.col.size'), t('doc.receipt.col.sha256')]],
    rows: input.documents.map((d, i) => {
      const hash = d.sha256.toLowerCase()
      return [String(i + 1), d.name, d.filename, formatFileSize(d.sizeBytes, t), { text: `${hash.slice(0, 32)}\n${hash.slice(32)}`, size: hashSize, lineHeight: 1.2 }]
    }),
    size: 10,
    lineHeight: 1.2,
    padding: pad,
    before: 4,
  }
  const heading = t('doc.receipt.documents', { n: input.documents.length })
  const blocks: Block[] = [
    {
      kind: 'header',
      left: [
        { text: upper(input.parentBody), size: 12 },
        { text: upper(input.fundName), size: 12, bold: true, rule: 1 / 3 },
      ],
      right: [
        { text: t('doc.nation'), size: 12, bold: true },
        { text: t('doc.motto'), size: 13, bold: true, rule: 'text' },
      ],
      leftWidth: 0.42,
      after: 24,
    },
    { kind: 'paragraph', text: title, bold: true, size: 15, align: 'center', after: 10, keepWithNext: true },
    { kind: 'paragraph', text: t('doc.receipt.intro', { fund: nfc(input.fundName) }), size: body, lineHeight: 1.3, align: 'justify', after: 6 },
    fields,
    { kind: 'paragraph', text: heading, bold: true, size: body, keepWithNext: true },
    ...(input.documents.length === 0
      ? [{ kind: 'paragraph' as const, text: t('doc.receipt.noDocuments'), italic: true, size: 12 }]
      : [documents, { kind: 'paragraph' as const, text: t('doc.receipt.hashNote'), italic: true, size: 10, before: 4 }]),
    { kind: 'paragraph', text: t('doc.receipt.closing', { days: SCREENING_WORKING_DAYS }), size: body, lineHeight: 1.3, before: 14, keepWithNext: true },
    { kind: 'paragraph', text: t('doc.receipt.generated'), italic: true, size: 11, before: 6 },
  ]
  return {
    blocks,
    marginsMm: RECEIPT_MARGINS_MM,
    size: body,
    lineHeight: 1.25,
    pageNumberSize: 12,
    info: {
      title: `${title} ${input.reference}`,
      author: input.fundName,
      subject: input.applicationTitle,
      creator: input.fundName,
      language: input.lang === 'vi' ? 'vi-VN' : 'en',
    },
  }
}

/**
 * The receipt of a submitted application ("Giấy biên nhận hồ sơ"): A4, the fund's heading, the reference,
 * the moment of submission (Asia/Ho_Chi_Minh), call, organisation, title, amounts and the documents with
 * their SHA-256 hashes. Text is NFC-normalised and set in Liberation Serif, embedded (subsets of the faces
 * used). Laid out and drawn by the layout engine (./layout).
 */
export async function renderReceipt(input: ReceiptInput): Promise<Uint8Array> {
  const fonts = await loadLayoutFonts()
  return renderDocument(receiptModel(input, fonts), fonts)
}
