import { type PDFFont, type PDFPage, PDFDocument, rgb } from 'pdf-lib'
import { type Lang, translator, type Translate } from '../../i18n'
import { formatDate, formatFileSize, formatMoney, formatTime } from '../../i18n/format'
import { type DocumentFonts, embedFonts } from './fonts'

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

// A4 portrait, margins of Decree 30/2020 (left 30 mm, right 20 mm, top and bottom 20 mm), in points.
const MM = 72 / 25.4
const PAGE_W = 595.28
const PAGE_H = 841.89
const LEFT = 30 * MM
const RIGHT = 20 * MM
const TOP = 20 * MM
const BOTTOM = 20 * MM
const WIDTH = PAGE_W - LEFT - RIGHT
const BLACK = rgb(0, 0, 0)
const GREY = rgb(0.92, 0.92, 0.92)

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

type Align = 'left' | 'center' | 'right'

/** Pages and a cursor going down them; a new page starts when a block does not fit above the bottom margin. */
class Layout {
  page: PDFPage
  y = PAGE_H - TOP
  constructor(
    readonly doc: PDFDocument,
    readonly fonts: DocumentFonts,
  ) {
    this.page = doc.addPage([PAGE_W, PAGE_H])
  }

  newPage() {
    this.page = this.doc.addPage([PAGE_W, PAGE_H])
    this.y = PAGE_H - TOP - 6 * MM // below the page number
  }

  /** Makes room for `height` points, on a new page if need be; true when a page was started. */
  ensure(height: number): boolean {
    if (this.y - height >= BOTTOM) return false
    this.newPage()
    return true
  }

  /** Draws one line whose top is at `top`; the baseline sits at the font's ascent. */
  line(text: string, o: { x: number; top: number; width: number; font: PDFFont; size: number; align?: Align }) {
    const w = unitWidth(o.font, text) * o.size
    const x = o.align === 'center' ? o.x + (o.width - w) / 2 : o.align === 'right' ? o.x + o.width - w : o.x
    this.page.drawText(text, { x, y: o.top - o.size * 0.891, size: o.size, font: o.font, color: BLACK })
    return w
  }

  /** A wrapped paragraph across the full text width, moving the cursor; lines may go over to the next page. */
  paragraph(text: string, o: { font: PDFFont; size: number; align?: Align; before?: number; leading?: number }) {
    const lh = o.size * (o.leading ?? 1.25)
    this.y -= o.before ?? 0
    for (const l of wrapText(text, o.font, o.size, WIDTH)) {
      this.ensure(lh)
      this.line(l, { x: LEFT, top: this.y, width: WIDTH, font: o.font, size: o.size, align: o.align })
      this.y -= lh
    }
  }

  rule(x1: number, x2: number, y: number, thickness = 0.6) {
    this.page.drawLine({ start: { x: x1, y }, end: { x: x2, y }, thickness, color: BLACK })
  }
}

/** The two-column heading of Decree 30: issuing body on the left, the national title and motto on the right. */
function header(l: Layout, input: ReceiptInput, t: Translate) {
  const { regular, bold } = l.fonts
  const leftW = WIDTH * 0.42
  const rightX = LEFT + leftW
  const rightW = WIDTH - leftW
  const top = l.y

  let y = top
  for (const text of wrapText(input.parentBody.toLocaleUpperCase('vi'), regular, 12, leftW)) {
    l.line(text, { x: LEFT, top: y, width: leftW, font: regular, size: 12, align: 'center' })
    y -= 15
  }
  let widest = 0
  for (const text of wrapText(input.fundName.toLocaleUpperCase('vi'), bold, 12, leftW)) {
    widest = Math.max(widest, l.line(text, { x: LEFT, top: y, width: leftW, font: bold, size: 12, align: 'center' }))
    y -= 15
  }
  const shortRule = Math.min(widest, leftW) / 3
  l.rule(LEFT + (leftW - shortRule) / 2, LEFT + (leftW + shortRule) / 2, y - 2)
  const leftBottom = y - 2

  y = top
  for (const text of wrapText(t('doc.nation'), bold, 12, rightW)) {
    l.line(text, { x: rightX, top: y, width: rightW, font: bold, size: 12, align: 'center' })
    y -= 15
  }
  const motto = t('doc.motto')
  const mottoW = l.line(motto, { x: rightX, top: y, width: rightW, font: bold, size: 13, align: 'center' })
  y -= 16
  l.rule(rightX + (rightW - mottoW) / 2, rightX + (rightW + mottoW) / 2, y - 1)

  l.y = Math.min(leftBottom, y - 1) - 28
}

/** Label and value side by side; the value wraps within its column. */
function fields(l: Layout, rows: { label: string; value: string; bold?: boolean }[]) {
  const { regular, bold } = l.fonts
  const size = 13
  const lh = size * 1.3
  const labelW = Math.min(WIDTH * 0.45, Math.max(...rows.map((r) => regular.widthOfTextAtSize(nfc(r.label), size))) + 14)
  for (const row of rows) {
    const font = row.bold ? bold : regular
    const lines = wrapText(row.value, font, size, WIDTH - labelW)
    // keep a short value with its label; a long one may break between its lines
    l.ensure(Math.min(lines.length, 2) * lh)
    l.line(nfc(row.label), { x: LEFT, top: l.y, width: labelW, font: regular, size })
    lines.forEach((text, i) => {
      if (i > 0 && l.ensure(lh)) l.line(nfc(row.label), { x: LEFT, top: l.y, width: labelW, font: regular, size })
      l.line(text, { x: LEFT + labelW, top: l.y, width: WIDTH - labelW, font, size })
      l.y -= lh
    })
    l.y -= 3
  }
}

/** The documents as a ruled table; the header row is repeated on every page the table runs onto. */
function documentTable(l: Layout, documents: ReceiptInput['documents'], t: Translate) {
  const { regular, bold } = l.fonts
  const size = 10
  const hashSize = 8.5
  const pad = 3
  const lh = size * 1.2
  const hashLh = hashSize * 1.2
  // Column widths: number and size fixed; the hash column holds 32 hex digits a line (a hash takes two lines).
  const noW = 26
  const sizeW = Math.max(56, bold.widthOfTextAtSize(nfc(t('doc.receipt.col.size')), size) + 2 * pad + 1)
  const hashW = Math.max(...'0123456789abcdef'.split('').map((c) => regular.widthOfTextAtSize(c.repeat(32), hashSize))) + 2 * pad + 1
  const rest = WIDTH - noW - sizeW - hashW
  const nameW = rest * 0.55
  const fileW = rest - nameW
  const cols = [
    { w: noW, align: 'center' as Align },
    { w: nameW, align: 'left' as Align },
    { w: fileW, align: 'left' as Align },
    { w: sizeW, align: 'right' as Align },
    { w: hashW, align: 'left' as Align },
  ]
  const xs = cols.reduce<number[]>((acc, c, i) => [...acc, (acc[i] ?? LEFT) + c.w], [LEFT])

  const drawRow = (cells: string[][], o: { font: PDFFont; fill?: boolean; hashLast?: boolean }) => {
    const heights = cells.map((lines, i) => lines.length * (o.hashLast && i === 4 ? hashLh : lh))
    const h = Math.max(...heights) + 2 * pad
    const top = l.y
    if (o.fill) l.page.drawRectangle({ x: LEFT, y: top - h, width: WIDTH, height: h, color: GREY })
    cells.forEach((lines, i) => {
      const hash = o.hashLast && i === 4
      lines.forEach((text, j) => {
        l.line(text, {
          x: xs[i] + pad,
          top: top - pad - j * (hash ? hashLh : lh) - (hash ? 1 : 0),
          width: cols[i].w - 2 * pad,
          font: hash ? regular : o.font,
          size: hash ? hashSize : size,
          align: cols[i].align,
        })
      })
    })
    // grid: top and bottom edges and the column separators
    l.rule(LEFT, LEFT + WIDTH, top, 0.5)
    l.rule(LEFT, LEFT + WIDTH, top - h, 0.5)
    for (const x of xs) l.page.drawLine({ start: { x, y: top }, end: { x, y: top - h }, thickness: 0.5, color: BLACK })
    l.y = top - h
  }

  const headCells = [t('doc.receipt.col.no'), t('doc.receipt.col.name'), t('doc.receipt.col.filename'), t('doc.receipt.col.size'), t('doc.receipt.col.sha256')].map(
    (text, i) => wrapText(text, bold, size, cols[i].w - 2 * pad),
  )
  const headHeight = Math.max(...headCells.map((c) => c.length)) * lh + 2 * pad

  const rows = documents.map((d, i) => {
    const cells = [
      [String(i + 1)],
      wrapText(d.name, regular, size, nameW - 2 * pad),
      wrapText(d.filename, regular, size, fileW - 2 * pad),
      [formatFileSize(d.sizeBytes, t)],
      d.sha256.toLowerCase().match(/.{1,32}/g) ?? [''], // 64 hex digits: two lines of 32
    ]
    const height = Math.max(...cells.map((c, j) => c.length * (j === 4 ? hashLh : lh))) + 2 * pad
    return { cells, height }
  })

  // The heading stays with the header row and the first document.
  l.ensure(headHeight + (rows[0]?.height ?? 0))
  drawRow(headCells, { font: bold, fill: true })
  for (const row of rows) {
    if (l.ensure(row.height)) drawRow(headCells, { font: bold, fill: true })
    drawRow(row.cells, { font: regular, hashLast: true })
  }
}

/** Page numbers, centred in the top margin, from page 2 on (Decree 30). */
function pageNumbers(doc: PDFDocument, font: PDFFont) {
  doc.getPages().forEach((page, i) => {
    if (i === 0) return
    const text = String(i + 1)
    const w = font.widthOfTextAtSize(text, 12)
    page.drawText(text, { x: LEFT + (WIDTH - w) / 2, y: PAGE_H - 12 * MM - 12 * 0.891, size: 12, font, color: BLACK })
  })
}

/**
 * The receipt of a submitted application ("Giấy biên nhận hồ sơ"): A4, the fund's heading, the reference,
 * the moment of submission (Asia/Ho_Chi_Minh), call, organisation, title, amounts and the documents with
 * their SHA-256 hashes. Text is NFC-normalised and set in Liberation Serif, embedded.
 */
export async function renderReceipt(input: ReceiptInput): Promise<Uint8Array> {
  const lang: Lang = input.lang
  const t = translator(lang)
  const doc = await PDFDocument.create()
  const fonts = await embedFonts(doc)
  const title = t('doc.receipt.title')
  doc.setTitle(nfc(`${title} ${input.reference}`))
  doc.setAuthor(nfc(input.fundName))
  doc.setSubject(nfc(input.applicationTitle))
  doc.setLanguage(lang === 'vi' ? 'vi-VN' : 'en')
  doc.setCreator(nfc(input.fundName))
  doc.setCreationDate(new Date())

  const l = new Layout(doc, fonts)
  header(l, input, t)

  l.paragraph(title, { font: fonts.bold, size: 15, align: 'center' })
  l.y -= 10
  l.paragraph(t('doc.receipt.intro', { fund: nfc(input.fundName) }), { font: fonts.regular, size: 13, leading: 1.3 })
  l.y -= 6

  const at = t('doc.dateTime', { time: formatTime(input.submittedAt), date: formatDate(input.submittedAt) })
  fields(l, [
    { label: t('doc.receipt.reference'), value: input.reference, bold: true },
    { label: t('doc.receipt.submittedAt'), value: at },
    { label: t('doc.receipt.call'), value: `${input.callCode} – ${input.callTitle}` },
    { label: t('doc.receipt.organisation'), value: input.organisationName },
    { label: t('doc.receipt.identifier'), value: input.organisationIdentifier },
    { label: t('doc.receipt.applicationTitle'), value: input.applicationTitle },
    { label: t('doc.receipt.requested'), value: formatMoney(input.requestedAmount) },
    { label: t('doc.receipt.counterpart'), value: formatMoney(input.counterpartAmount) },
  ])

  l.y -= 8
  const heading = t('doc.receipt.documents', { n: input.documents.length })
  if (input.documents.length === 0) {
    l.paragraph(heading, { font: fonts.bold, size: 13 })
    l.paragraph(t('doc.receipt.noDocuments'), { font: fonts.italic, size: 12 })
  } else {
    l.ensure(13 * 1.25 + 60) // the heading does not stay alone at the foot of a page
    l.paragraph(heading, { font: fonts.bold, size: 13 })
    l.y -= 4
    documentTable(l, input.documents, t)
    l.paragraph(t('doc.receipt.hashNote'), { font: fonts.italic, size: 10, before: 4 })
  }

  l.paragraph(t('doc.receipt.closing', { days: SCREENING_WORKING_DAYS }), { font: fonts.regular, size: 13, before: 14, leading: 1.3 })
  l.paragraph(t('doc.receipt.generated'), { font: fonts.italic, size: 11, before: 6 })

  pageNumbers(doc, fonts.regular)
  return doc.save()
}
