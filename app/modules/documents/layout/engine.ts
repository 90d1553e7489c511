import QRCode from 'qrcode'
import { faceOf, type LayoutFonts } from './fonts'
import {
  A4,
  type Align,
  type Block,
  type Cell,
  type CellObject,
  DECREE_30_MARGINS_MM,
  type DocumentModel,
  type Face,
  type HeaderFrame,
  type HeaderLine,
  MM,
  type NumberDateLine,
  type Paragraph,
  type Rule,
  type SignatureBlock,
  type SignatureSpace,
  type Table,
} from './model'
import { breakLines, type Line, placeLine } from './text'

/** What a page holds once laid out: glyph runs (baseline positions) and rules, in PDF coordinates. */
export type Op =
  | { op: 'text'; text: string; face: Face; size: number; x: number; y: number; width: number }
  | { op: 'line'; x1: number; y1: number; x2: number; y2: number; thickness: number }
  /** A filled black rectangle (the modules of a QR code); x, y its bottom left corner. */
  | { op: 'rect'; x: number; y: number; width: number; height: number }

export interface LaidOutPage {
  ops: Op[]
}

export interface LaidOut {
  pages: LaidOutPage[]
  /** The faces the document uses (only those are embedded). */
  faces: Set<Face>
  /** The text box of every page (for checks): left, right, top and bottom edges in PDF coordinates. */
  box: { left: number; right: number; top: number; bottom: number }
  /** The empty signing space of each signature block (its right column), in the order of the blocks. */
  signatureSpaces: SignatureSpace[]
}

const DEFAULT_SIZE = 13
const DEFAULT_LINE_HEIGHT = 1.2
const RULE_THICKNESS = 0.6
/**
 * Gap between a line's descent and a rule under it, and between the rule and what follows. The descent covers
 * "g", "y" but not always the dots below Vietnamese vowels ("ị", "ặ") with a descender beside them: 3.5 pt keeps
 * the rule clear of both at 13–14 pt.
 */
const RULE_GAP = 3.5
const RULE_AFTER = 3

/** A block of broken lines ready to draw: one style, one alignment, one width. */
interface LineSet {
  lines: Line[]
  size: number
  lineHeight: number
  align: Align
  width: number
  rule?: Rule
}

function lineBox(set: LineSet) {
  return set.size * set.lineHeight
}

/** The laid-out form of a document: pages of positioned text and rules. Pure: nothing is drawn yet. */
export function layoutDocument(model: DocumentModel, fonts: LayoutFonts): LaidOut {
  const m = model.marginsMm ?? DECREE_30_MARGINS_MM
  const box = { left: m.left * MM, right: A4.width - m.right * MM, top: A4.height - m.top * MM, bottom: m.bottom * MM }
  const textWidth = box.right - box.left
  const baseSize = model.size ?? DEFAULT_SIZE
  const baseLH = model.lineHeight ?? DEFAULT_LINE_HEIGHT
  const faces = new Set<Face>()
  const pages: LaidOutPage[] = []
  const signatureSpaces: SignatureSpace[] = []
  let page!: LaidOutPage
  let y = 0 // the cursor: top of the next block
  const newPage = () => {
    page = { ops: [] }
    pages.push(page)
    y = box.top
  }
  newPage()
  const atTop = () => y === box.top
  const room = () => y - box.bottom
  const ensure = (h: number) => {
    if (h > room() + 1e-6 && !atTop()) {
      newPage()
      return true
    }
    return false
  }

  // ---------- measuring ----------
  const lineSet = (text: HeaderLine['text'], style: { size?: number; bold?: boolean; italic?: boolean; lineHeight?: number; balance?: boolean }, width: number, align: Align, indent = 0, rule?: Rule): LineSet => {
    const size = style.size ?? baseSize
    const opts = { size, bold: style.bold, italic: style.italic, width, indent }
    let lines = breakLines(text, fonts, opts)
    if (style.balance && lines.length > 1 && lines.every((l) => l.words.length > 0)) {
      // the narrowest width giving as many lines (measurements are cached: a few passes cost little)
      let lo = width / lines.length
      let hi = width
      for (let k = 0; k < 12 && hi - lo > 0.5; k++) {
        const mid = (lo + hi) / 2
        if (breakLines(text, fonts, { ...opts, width: mid }).length > lines.length) lo = mid
        else hi = mid
      }
      lines = breakLines(text, fonts, { ...opts, width: hi })
    }
    return {
      lines,
      size,
      lineHeight: style.lineHeight ?? baseLH,
      align,
      width,
      rule,
    }
  }
  const ruleExtra = (set: LineSet) => (set.rule === undefined ? 0 : RULE_GAP + RULE_THICKNESS + RULE_AFTER)
  const setHeight = (set: LineSet) => set.lines.length * lineBox(set) + ruleExtra(set)

  // ---------- drawing ----------
  /** The baseline of a line whose box starts at `top`: the glyphs' ascent-to-descent centred in the line box. */
  const baseline = (top: number, set: LineSet) => {
    const asc = fonts.ascent('regular')
    const desc = fonts.descent('regular')
    return top - (lineBox(set) - set.size * (asc + desc)) / 2 - set.size * asc
  }
  const drawLine = (line: Line, set: LineSet, x: number, top: number, base?: number) => {
    const yb = base ?? baseline(top, set)
    for (const p of placeLine(line, set.width, set.align)) {
      faces.add(p.face)
      page.ops.push({ op: 'text', text: p.text, face: p.face, size: set.size, x: x + p.x, y: yb, width: p.width })
    }
    return yb
  }
  const rule = (x1: number, x2: number, yy: number) => page.ops.push({ op: 'line', x1, y1: yy, x2, y2: yy, thickness: RULE_THICKNESS })
  /** The rule under a line set: centred on the box, as long as its rule says. */
  const drawRule = (set: LineSet, x: number, lastBaseline: number) => {
    if (set.rule === undefined) return
    const textW = Math.max(...set.lines.map((l) => l.width))
    const len = set.rule === 'text' ? textW : typeof set.rule === 'number' ? textW * set.rule : set.rule.mm * MM
    const yy = lastBaseline - fonts.descent('regular') * set.size - RULE_GAP
    const cx = x + set.width / 2
    rule(cx - len / 2, cx + len / 2, yy)
  }
  /** Draws a whole line set from `top` down (no page breaks); returns its height. */
  const drawSet = (set: LineSet, x: number, top: number) => {
    let t = top
    let last = top
    for (const line of set.lines) {
      last = drawLine(line, set, x, t)
      t -= lineBox(set)
    }
    drawRule(set, x, last)
    return setHeight(set)
  }
  /** A column of header lines, each centred in it; returns its height. */
  const columnSets = (lines: HeaderLine[], width: number, align: Align = 'center') =>
    lines.map((l) => lineSet(l.text, { ...l, size: l.size ?? baseSize }, width, align, 0, l.rule))
  const drawColumn = (sets: LineSet[], x: number, top: number) => {
    let t = top
    for (const s of sets) t -= drawSet(s, x, t)
    return top - t
  }
  const columnHeight = (sets: LineSet[]) => sets.reduce((h, s) => h + setHeight(s), 0)

  // ---------- blocks ----------
  const paragraphSet = (b: Paragraph) => lineSet(b.text, b, textWidth, b.align ?? 'left', b.indent ?? 0, b.rule)

  function paragraph(b: Paragraph, next?: Block) {
    const set = paragraphSet(b)
    if (!atTop()) y -= b.before ?? 0
    const lh = lineBox(set)
    // Keep a heading with what follows; do not leave one line of a paragraph alone at the foot of a page.
    const keep = b.keepWithNext ? setHeight(set) + (next ? minHeight(next) : 0) : Math.min(set.lines.length, 2) * lh
    if (ensure(keep)) y = box.top
    let last = y
    set.lines.forEach((line) => {
      if (lh > room() + 1e-6) newPage()
      last = drawLine(line, set, box.left, y)
      y -= lh
    })
    drawRule(set, box.left, last)
    y -= ruleExtra(set)
    y -= b.after ?? 0
  }

  /** The least height a block needs at the top of a page (for keepWithNext). */
  function minHeight(b: Block): number {
    switch (b.kind) {
      case 'paragraph': {
        const set = paragraphSet(b)
        return (b.before ?? 0) + Math.min(set.lines.length, 2) * lineBox(set)
      }
      case 'header':
      case 'numberDate':
      case 'signature':
        return measureAtomic(b)
      case 'table': {
        const t = tableLayout(b)
        return (b.before ?? 0) + t.headerHeight + (t.rows[0]?.height ?? 0)
      }
      default:
        return 0
    }
  }

  function headerSets(b: HeaderFrame | NumberDateLine) {
    const lw = textWidth * (b.leftWidth ?? 0.4)
    const left = columnSets(b.kind === 'header' ? b.left : [b.left], lw)
    const right = columnSets(b.kind === 'header' ? b.right : [b.right], textWidth - lw)
    return { lw, left, right }
  }

  function measureAtomic(b: HeaderFrame | NumberDateLine | SignatureBlock): number {
    if (b.kind === 'signature') {
      const s = signatureSets(b)
      return (b.before ?? 0) + Math.max(columnHeight(s.left) + s.leftSpace, columnHeight(s.right) + s.space)
    }
    const { left, right } = headerSets(b)
    return Math.max(columnHeight(left), columnHeight(right))
  }

  /** How far each of two columns moves down so that their first lines share one baseline (the lower one). */
  const alignFirst = (a: LineSet[], b: LineSet[]): [number, number] => {
    if (!a.length || !b.length) return [0, 0]
    const ba = baseline(0, a[0])
    const bb = baseline(0, b[0])
    const base = Math.min(ba, bb)
    return [ba - base, bb - base]
  }

  function header(b: HeaderFrame) {
    const { lw, left, right } = headerSets(b)
    const [dl, dr] = alignFirst(left, right)
    ensure(Math.max(columnHeight(left) + dl, columnHeight(right) + dr))
    const h = Math.max(drawColumn(left, box.left, y - dl) + dl, drawColumn(right, box.left + lw, y - dr) + dr)
    y -= h + (b.after ?? 0)
  }

  function numberDate(b: NumberDateLine) {
    const { lw, left, right } = headerSets(b)
    const [l, r] = [left[0], right[0]]
    ensure(Math.max(setHeight(l), setHeight(r)))
    // one baseline for both: the lower of the two first baselines
    const base = Math.min(baseline(y, l), baseline(y, r))
    const shift = (set: LineSet) => base - baseline(y, set)
    const draw = (set: LineSet, x: number) => {
      let t = y + shift(set)
      let last = t
      for (const line of set.lines) {
        last = drawLine(line, set, x, t)
        t -= lineBox(set)
      }
      drawRule(set, x, last)
      return y - t + ruleExtra(set)
    }
    const h = Math.max(draw(l, box.left), draw(r, box.left + lw))
    y -= h + (b.after ?? 0)
  }

  function signatureSets(b: SignatureBlock) {
    const lw = textWidth * (b.leftWidth ?? 0.45)
    const space = (b.signSpaceMm ?? 25) * MM
    const authority = columnSets(b.authority, textWidth - lw)
    const signer = columnSets([b.signer], textWidth - lw)
    const ls = b.leftSigner && { authority: columnSets(b.leftSigner.authority, lw), signer: columnSets([b.leftSigner.signer], lw) }
    const left = ls ? [...ls.authority, ...ls.signer] : [...(b.recipientsTitle ? columnSets([b.recipientsTitle], lw, 'left') : []), ...columnSets(b.recipients, lw, 'left')]
    return { lw, left, leftSpace: ls ? space : 0, ls, right: [...authority, ...signer], authority, signer, space }
  }

  function signature(b: SignatureBlock) {
    const s = signatureSets(b)
    if (!atTop()) y -= b.before ?? 0
    if (ensure(Math.max(columnHeight(s.left) + s.leftSpace, columnHeight(s.right) + s.space) + 2)) y = box.top
    const [dl, dr] = alignFirst(s.left, s.right)
    const signed = (authority: LineSet[], signer: LineSet[], x: number, top: number) => {
      let t = top - drawColumn(authority, x, top)
      t -= s.space
      return { space: t, bottom: t - drawColumn(signer, x, t) }
    }
    const leftBottom = s.ls ? signed(s.ls.authority, s.ls.signer, box.left, y - dl).bottom : y - dl - drawColumn(s.left, box.left, y - dl)
    const right = signed(s.authority, s.signer, box.left + s.lw, y - dr)
    signatureSpaces.push({ page: pages.length - 1, x: box.left + s.lw, y: right.space, width: textWidth - s.lw, height: s.space })
    y = Math.min(leftBottom, right.bottom)
  }

  // ---------- tables ----------
  interface RowLayout {
    cells: { x: number; width: number; set: LineSet }[]
    height: number
    pad: number
  }
  const tableCache = new WeakMap<Table, { rows: RowLayout[]; header: RowLayout[]; headerHeight: number; xs: number[] }>()

  function tableLayout(t: Table) {
    const cached = tableCache.get(t)
    if (cached) return cached
    const fixed = t.columns.reduce((s, c) => s + ('mm' in c.width ? c.width.mm * MM : 0), 0)
    const frs = t.columns.reduce((s, c) => s + ('fr' in c.width ? c.width.fr : 0), 0)
    const free = Math.max(0, textWidth - fixed)
    const widths = t.columns.map((c) => ('mm' in c.width ? c.width.mm * MM : frs > 0 ? (free * c.width.fr) / frs : 0))
    // scale down when fixed columns overflow the text width: the table never leaves the margins
    const total = widths.reduce((a, b) => a + b, 0)
    if (total > textWidth) for (let i = 0; i < widths.length; i++) widths[i] *= textWidth / total
    const xs = [box.left]
    for (const w of widths) xs.push(xs[xs.length - 1] + w)
    const pad = t.padding ?? 3
    const size = t.size ?? baseSize
    const lh = t.lineHeight ?? baseLH
    const row = (cells: Cell[], head: boolean): RowLayout => {
      let col = 0
      const out: RowLayout['cells'] = []
      for (const raw of cells) {
        const c: CellObject = typeof raw === 'string' ? { text: raw } : raw
        const span = Math.max(1, Math.min(c.span ?? 1, t.columns.length - col))
        const x = xs[col]
        const width = xs[col + span] - x
        const align = c.align ?? (head ? 'center' : (t.columns[col].align ?? 'left'))
        out.push({ x, width, set: lineSet(c.text, { size: c.size ?? size, bold: c.bold ?? head, italic: c.italic, lineHeight: c.lineHeight ?? lh }, width - 2 * pad, align) })
        col += span
        if (col >= t.columns.length) break
      }
      const height = Math.max(...out.map((c) => setHeight(c.set)), size * lh) + 2 * pad
      return { cells: out, height, pad }
    }
    const header = (t.header ?? []).map((r) => row(r, true))
    const laid = { rows: t.rows.map((r) => row(r, false)), header, headerHeight: header.reduce((s, r) => s + r.height, 0), xs }
    tableCache.set(t, laid)
    return laid
  }

  /** Draws lines [from, to) of each cell of a row as one slice of the given height, with its grid. */
  function drawRowSlice(t: Table, r: RowLayout, from: number[], to: number[], height: number) {
    const top = y
    r.cells.forEach((c, i) => {
      let lt = top - r.pad
      for (let k = from[i]; k < to[i]; k++) {
        drawLine(c.set.lines[k], c.set, c.x + r.pad, lt)
        lt -= lineBox(c.set)
      }
    })
    if (t.borders !== false) {
      const right = r.cells[r.cells.length - 1]
      const x2 = right.x + right.width
      rule(r.cells[0].x, x2, top)
      rule(r.cells[0].x, x2, top - height)
      for (const x of [...r.cells.map((c) => c.x), x2]) page.ops.push({ op: 'line', x1: x, y1: top, x2: x, y2: top - height, thickness: 0.5 })
    }
    y = top - height
  }

  function drawRow(t: Table, r: RowLayout, repeatHeader: () => void) {
    if (r.height <= room() + 1e-6) {
      drawRowSlice(t, r, r.cells.map(() => 0), r.cells.map((c) => c.set.lines.length), r.height)
      return
    }
    // A row taller than what is left of a page: split it between lines, never below the bottom margin.
    const from = r.cells.map(() => 0)
    let fresh = false
    for (;;) {
      const avail = room() - 2 * r.pad
      const to = r.cells.map((c, i) => Math.min(c.set.lines.length, from[i] + Math.max(0, Math.floor((avail + 1e-6) / lineBox(c.set)))))
      if (to.every((v, i) => v === from[i] || v === r.cells[i].set.lines.length) && to.every((v, i) => v === from[i])) {
        if (!fresh) {
          newPage()
          repeatHeader()
          fresh = true
          continue
        }
        // one line taller than a page: nothing better than one line a page
        to.forEach((_, i) => (to[i] = Math.min(r.cells[i].set.lines.length, from[i] + 1)))
      }
      const done = r.cells.every((c, i) => to[i] >= c.set.lines.length)
      const h = Math.max(...r.cells.map((c, i) => (to[i] - from[i]) * lineBox(c.set))) + 2 * r.pad
      drawRowSlice(t, r, from, to, done ? h : Math.max(h, room()))
      if (done) return
      to.forEach((v, i) => (from[i] = v))
      newPage()
      repeatHeader()
      fresh = true
    }
  }

  function table(t: Table) {
    const l = tableLayout(t)
    if (!atTop()) y -= t.before ?? 0
    const drawHeader = () => {
      for (const h of l.header) drawRowSlice(t, h, h.cells.map(() => 0), h.cells.map((c) => c.set.lines.length), h.height)
    }
    // the header rows stay with the first row
    if (ensure(l.headerHeight + Math.min(l.rows[0]?.height ?? 0, box.top - box.bottom - l.headerHeight))) y = box.top
    drawHeader()
    for (const r of l.rows) {
      if (r.height > room() + 1e-6 && r.height <= box.top - box.bottom - l.headerHeight) {
        newPage()
        drawHeader()
      }
      drawRow(t, r, drawHeader)
    }
    y -= t.after ?? 0
  }

  // The first page of each part that numbers its own pages (the document, then each appendix).
  const partStarts = [0]
  model.blocks.forEach((b, i) => {
    switch (b.kind) {
      case 'paragraph':
        return paragraph(b, model.blocks[i + 1])
      case 'header':
        return header(b)
      case 'numberDate':
        return numberDate(b)
      case 'table':
        return table(b)
      case 'signature':
        return signature(b)
      case 'pageBreak':
        newPage()
        if (b.restartNumbering) partStarts.push(pages.length - 1)
        return
      case 'spacer':
        if (!atTop()) y -= Math.min(b.height, room())
        return
    }
  })

  // Page numbers: centred over the text, in the top margin, from page 2 on (Decree 30) — of the document, and of
  // each appendix, which numbers its own pages.
  if (model.pageNumbers !== false && pages.length > 1) {
    const size = model.pageNumberSize ?? 13
    const top = A4.height
    const marginMid = top - (top - box.top) / 2
    pages.forEach((p, i) => {
      const start = partStarts.filter((s) => s <= i).at(-1) ?? 0
      if (i === start) return
      const text = String(i - start + 1)
      const width = fonts.width('regular', text) * size
      faces.add('regular')
      p.ops.push({ op: 'text', text, face: 'regular', size, x: box.left + (textWidth - width) / 2, y: marginMid - (size * fonts.ascent('regular')) / 2 + 2, width })
    })
  }
  if (model.verification) verificationMark(model.verification, pages[0], box, fonts, faces)
  return { pages, faces, box, signatureSpaces }
}

/** QR code size and the size of the line beside it (the bottom margin of Decree 30 is 20 mm). */
const QR_MM = 14
const VERIFY_SIZE = 8

/**
 * The QR code of the verification address at the left of page 1's bottom margin, and its line beside it,
 * both below the text box: nothing else on the page moves.
 */
function verificationMark(v: { url: string; text: string }, page: LaidOutPage, box: LaidOut['box'], fonts: LayoutFonts, faces: Set<Face>) {
  const qr = QRCode.create(v.url, { errorCorrectionLevel: 'M' })
  const n = qr.modules.size
  const side = QR_MM * MM
  const cell = side / n
  const y0 = (box.bottom - side) / 2
  const x0 = box.left
  for (let r = 0; r < n; r++) {
    // one rectangle per run of dark modules in a row
    let c = 0
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++
        continue
      }
      const start = c
      while (c < n && qr.modules.get(r, c)) c++
      page.ops.push({ op: 'rect', x: x0 + start * cell, y: y0 + (n - 1 - r) * cell, width: (c - start) * cell, height: cell })
    }
  }
  const text = v.text.normalize('NFC')
  faces.add('regular')
  const x = x0 + side + 2 * MM
  page.ops.push({ op: 'text', text, face: 'regular', size: VERIFY_SIZE, x, y: y0 + side / 2 - (VERIFY_SIZE * fonts.ascent('regular')) / 2 + 1, width: fonts.width('regular', text) * VERIFY_SIZE })
}

export { faceOf }
