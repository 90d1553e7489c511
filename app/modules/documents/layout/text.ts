import { faceOf, type LayoutFonts } from './fonts'
import type { Align, Face, Run, Text } from './model'

/** A piece of a word in one face; width at the line's size, in pt. */
export interface Piece {
  text: string
  face: Face
  width: number
}

/** A word: pieces without a breakable space between them; `space` is the width of the space that follows it. */
export interface Word {
  pieces: Piece[]
  width: number
  space: number
}

/** A broken line: its words, natural width, and whether it ends the paragraph or a forced break (never justified). */
export interface Line {
  words: Word[]
  width: number
  last: boolean
  /** The indent of the line (the first line of a paragraph). */
  indent: number
}

export interface BreakOptions {
  size: number
  bold?: boolean
  italic?: boolean
  /** Available width in pt. */
  width: number
  /** First-line indent in pt. */
  indent?: number
}

const nfc = (s: string) => s.normalize('NFC')

export function toRuns(text: Text, bold?: boolean, italic?: boolean): Run[] {
  if (typeof text === 'string') return [{ text, bold, italic }]
  return text.map((r) => ({ text: r.text, bold: r.bold ?? bold, italic: r.italic ?? italic }))
}

const BREAK = null

/** Words of the runs, and BREAK where a '\n' forces a new line. Ordinary spaces separate words; a no-break space holds. */
function words(runs: Run[], fonts: LayoutFonts, size: number): (Word | typeof BREAK)[] {
  const out: (Word | typeof BREAK)[] = []
  let current: Word | null = null
  const finish = (space: number) => {
    if (current) {
      current.space = space
      out.push(current)
      current = null
    }
  }
  for (const run of runs) {
    const face = faceOf(run.bold, run.italic)
    for (const token of nfc(run.text).split(/(\n|[ \t]+)/)) {
      if (!token) continue
      if (token === '\n') {
        finish(0)
        out.push(BREAK)
      } else if (/^[ \t]+$/.test(token)) {
        finish(fonts.width(face, ' ') * size)
      } else {
        const width = fonts.width(face, token) * size
        current ??= { pieces: [], width: 0, space: 0 }
        current.pieces.push({ text: token, face, width })
        current.width += width
      }
    }
  }
  finish(0)
  return out
}

/** Joints where an over-long word is best broken: after these characters (file names, URLs, codes). */
const JOINTS = new Set(['-', '_', '.', '/', '\\', '|'])

/**
 * Pieces of a word too long for `max`: the longest prefix that fits on each line, cut after a joint when one
 * lies in its second half. Every piece fits (at least one character a line).
 */
export function breakWord(word: Word, fonts: LayoutFonts, size: number, first: number, max: number): Word[] {
  const chars: { ch: string; face: Face }[] = []
  for (const p of word.pieces) for (const ch of p.text) chars.push({ ch, face: p.face })
  const build = (from: number, to: number): Word => {
    const pieces: Piece[] = []
    for (let i = from; i < to; i++) {
      const last = pieces.at(-1)
      if (last && last.face === chars[i].face) last.text += chars[i].ch
      else pieces.push({ text: chars[i].ch, face: chars[i].face, width: 0 })
    }
    let width = 0
    for (const p of pieces) width += (p.width = fonts.width(p.face, p.text) * size)
    return { pieces, width, space: 0 }
  }
  const out: Word[] = []
  let from = 0
  let avail = first
  while (from < chars.length) {
    let to = from
    let w = 0
    while (to < chars.length && w + fonts.width(chars[to].face, chars[to].ch) * size <= avail) w += fonts.width(chars[to].face, chars[to++].ch) * size
    if (to === chars.length) {
      const rest = build(from, to)
      if (rest.width <= avail) {
        out.push(rest)
        break
      }
    }
    to = Math.max(from + 1, Math.min(to, chars.length - 1))
    for (let j = to - 1; j > from + (to - from) / 2; j--) {
      if (JOINTS.has(chars[j].ch)) {
        to = j + 1
        break
      }
    }
    let piece = build(from, to)
    // shaping may make the run a little wider than the sum of its characters
    while (piece.width > avail && to > from + 1) piece = build(from, --to)
    out.push(piece)
    from = to
    avail = max
  }
  out[out.length - 1].space = word.space
  return out
}

const NBSP = '\u00a0'

/** The words of a group held by no-break spaces, each no-break space an ordinary (breakable) one. */
function unbind(word: Word, fonts: LayoutFonts, size: number): Word[] {
  const out: Word[] = []
  let current: Word = { pieces: [], width: 0, space: 0 }
  for (const p of word.pieces) {
    p.text.split(NBSP).forEach((part, i) => {
      if (i > 0) {
        current.space = fonts.width(p.face, ' ') * size
        out.push(current)
        current = { pieces: [], width: 0, space: 0 }
      }
      if (!part) return
      const width = fonts.width(p.face, part) * size
      current.pieces.push({ text: part, face: p.face, width })
      current.width += width
    })
  }
  current.space = word.space
  out.push(current)
  return out.filter((w) => w.pieces.length > 0)
}

/**
 * Greedy line breaking of styled text within `width` (the first line within width − indent). Lines break at
 * ordinary spaces only: a no-break space (U+00A0) holds a word group together ("TỈNH ĐẮK LẮK") unless the group
 * is wider than a whole line, when it breaks at its no-break spaces. A word longer than a line is broken
 * (breakWord): no line is ever wider than its width.
 */
export function breakLines(text: Text, fonts: LayoutFonts, o: BreakOptions): Line[] {
  const size = o.size
  const indent = o.indent ?? 0
  const lines: Line[] = []
  let cur: Word[] = []
  let curW = 0
  let first = true
  const avail = () => o.width - (first ? indent : 0)
  const push = (last: boolean) => {
    lines.push({ words: cur, width: curW, last, indent: first ? indent : 0 })
    cur = []
    curW = 0
    first = false
  }
  const queue = words(toRuns(text, o.bold, o.italic), fonts, size)
  for (let q = 0; q < queue.length; q++) {
    const word = queue[q]
    if (word === BREAK) {
      push(true)
      continue
    }
    // A group held together by no-break spaces ("TỈNH ĐẮK LẮK") that no line can hold: its no-break spaces
    // become the places to break, before any word is cut.
    if (word.width > o.width - (first && cur.length === 0 ? indent : 0) + 1e-9) {
      const loose = unbind(word, fonts, size)
      if (loose.length > 1) {
        queue.splice(q, 1, ...loose)
        q--
        continue
      }
    }
    if (cur.length > 0) {
      const w = curW + cur[cur.length - 1].space + word.width
      if (w <= avail() + 1e-9) {
        cur.push(word)
        curW = w
        continue
      }
      push(false)
    }
    if (word.width <= avail() + 1e-9) {
      cur = [word]
      curW = word.width
      continue
    }
    if (first && cur.length === 0 && indent > 0) {
      // the indent leaves no room for even one character: start on the next line
      const p0 = word.pieces[0]
      const ch = [...p0.text][0]
      if (fonts.width(p0.face, ch) * size > avail()) push(false)
    }
    const parts = breakWord(word, fonts, size, avail(), o.width)
    for (let i = 0; i < parts.length - 1; i++) {
      cur = [parts[i]]
      curW = parts[i].width
      push(false)
    }
    cur = [parts[parts.length - 1]]
    curW = cur[0].width
  }
  push(true)
  return lines
}

/** A glyph run to draw: text in one face at x (pt from the left of the box). */
export interface Placed {
  text: string
  face: Face
  x: number
  width: number
}

/**
 * Positions of a line's text within a box of `width`. Justified lines (except a paragraph's last) spread the
 * extra space over their spaces, so the last word ends on the right edge; other lines keep natural spaces and
 * are drawn as runs of the same face.
 */
export function placeLine(line: Line, width: number, align: Align): Placed[] {
  const out: Placed[] = []
  const box = width - line.indent
  const justify = align === 'justify' && !line.last && line.words.length > 1
  let x = line.indent + (align === 'center' ? (box - line.width) / 2 : align === 'right' ? box - line.width : 0)
  const extra = justify ? (box - line.width) / (line.words.length - 1) : 0
  line.words.forEach((word, i) => {
    for (const p of word.pieces) {
      const prev = out[out.length - 1]
      // Unjustified: join with the previous run (one drawn string with a real space, as a reader copies it).
      if (!justify && prev && prev.face === p.face && i > 0 && p === word.pieces[0] && Math.abs(prev.x + prev.width + line.words[i - 1].space - x) < 1e-6) {
        prev.text += ` ${p.text}`
        prev.width = x + p.width - prev.x
      } else if (prev && p !== word.pieces[0] && prev.face === p.face) {
        prev.text += p.text
        prev.width += p.width
      } else {
        out.push({ text: p.text, face: p.face, x, width: p.width })
      }
      x += p.width
    }
    x += word.space + extra
  })
  return out
}
