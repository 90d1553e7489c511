// A fast TrueType subsetter for embedding (the font program of a CIDFontType2 with CIDToGIDMap Identity).
//
// Why: @pdf-lib/fontkit's TTFSubset decodes every glyph and re-encodes the whole font through its generic
// table encoders: 10–25 ms per face on this machine, 40–100 ms for a document using four faces, far above
// the 20 ms budget of a whole decision. Here the font is parsed once per process (table directory, loca,
// hmtx, raw glyf); a subset is a copy of the glyphs' bytes plus a few patched tables: well under 1 ms.
//
// The output has the tables PDF needs for a TrueType font program (head, hhea, loca, maxp, glyf, hmtx), glyph
// i of the subset being the i-th glyph id passed in; components of composite glyphs are appended and
// renumbered. Hinting is left out (the glyphs' instructions and the cvt, fpgm and prep tables): a third of
// the bytes of Liberation Serif's glyphs, and PDF viewers scale outlines to any size without it (fontkit's
// subset keeps it).

interface ParsedFont {
  tables: Map<string, Uint8Array>
  glyf: Uint8Array
  loca: Uint32Array
  advances: Uint16Array
  bearings: Int16Array
}

const parsedCache = new WeakMap<Uint8Array, ParsedFont>()

function parse(bytes: Uint8Array): ParsedFont {
  const cached = parsedCache.get(bytes)
  if (cached) return cached
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const numTables = dv.getUint16(4)
  const tables = new Map<string, Uint8Array>()
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16
    const tag = String.fromCharCode(bytes[rec], bytes[rec + 1], bytes[rec + 2], bytes[rec + 3])
    const offset = dv.getUint32(rec + 8)
    const length = dv.getUint32(rec + 12)
    tables.set(tag, bytes.subarray(offset, offset + length))
  }
  const need = (tag: string) => {
    const t = tables.get(tag)
    if (!t) throw new Error(`TrueType font without a ${tag} table`)
    return t
  }
  const view = (t: Uint8Array) => new DataView(t.buffer, t.byteOffset, t.byteLength)
  const head = view(need('head'))
  const maxp = view(need('maxp'))
  const hhea = view(need('hhea'))
  const numGlyphs = maxp.getUint16(4)
  const longLoca = head.getInt16(50) === 1
  const locaT = view(need('loca'))
  const loca = new Uint32Array(numGlyphs + 1)
  for (let i = 0; i <= numGlyphs; i++) loca[i] = longLoca ? locaT.getUint32(i * 4) : locaT.getUint16(i * 2) * 2
  const hmtx = view(need('hmtx'))
  const numberOfHMetrics = hhea.getUint16(34)
  const advances = new Uint16Array(numGlyphs)
  const bearings = new Int16Array(numGlyphs)
  for (let i = 0; i < numGlyphs; i++) {
    if (i < numberOfHMetrics) {
      advances[i] = hmtx.getUint16(i * 4)
      bearings[i] = hmtx.getInt16(i * 4 + 2)
    } else {
      advances[i] = advances[numberOfHMetrics - 1]
      bearings[i] = hmtx.getInt16(numberOfHMetrics * 4 + (i - numberOfHMetrics) * 2)
    }
  }
  const parsed = { tables, glyf: need('glyf'), loca, advances, bearings }
  parsedCache.set(bytes, parsed)
  return parsed
}

// Composite glyph flags (OpenType glyf table).
const ARG_1_AND_2_ARE_WORDS = 0x0001
const WE_HAVE_A_SCALE = 0x0008
const MORE_COMPONENTS = 0x0020
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040
const WE_HAVE_A_TWO_BY_TWO = 0x0080
const WE_HAVE_INSTRUCTIONS = 0x0100

/** A simple glyph without its hinting instructions (the outline is unchanged). */
function stripSimple(glyph: Uint8Array): Uint8Array {
  const contours = (glyph[0] << 8) | glyph[1]
  const at = 10 + contours * 2
  const length = (glyph[at] << 8) | glyph[at + 1]
  if (length === 0) return glyph
  const out = new Uint8Array(glyph.length - length)
  out.set(glyph.subarray(0, at), 0) // header, end points, and a zero instruction length
  out.set(glyph.subarray(at + 2 + length), at + 2)
  return out
}

function checksum(data: Uint8Array): number {
  let sum = 0
  const n = data.length
  for (let i = 0; i < n; i += 4) {
    sum = (sum + (((data[i] << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0)) >>> 0)) >>> 0
  }
  return sum
}

/** A TrueType font program holding the glyphs `gids` (old ids) as glyphs 0, 1, 2… of the subset. */
export function subsetTrueType(bytes: Uint8Array, gids: readonly number[]): Uint8Array {
  const f = parse(bytes)
  const order = [...gids]
  const newId = new Map<number, number>()
  order.forEach((g, i) => {
    if (!newId.has(g)) newId.set(g, i)
  })
  const pieces: Uint8Array[] = []
  const offsets: number[] = []
  let offset = 0
  for (let i = 0; i < order.length; i++) {
    const gid = order[i]
    const start = f.loca[gid]
    const end = f.loca[gid + 1]
    let glyph = f.glyf.subarray(start, end)
    if (glyph.length >= 10 && !(((glyph[0] << 8) | glyph[1]) & 0x8000)) glyph = stripSimple(glyph)
    else if (glyph.length >= 10) {
      // composite: renumber its components, adding them to the subset
      glyph = glyph.slice()
      const dv = new DataView(glyph.buffer, glyph.byteOffset, glyph.byteLength)
      let pos = 10
      for (;;) {
        const flagsAt = pos
        const flags = dv.getUint16(pos)
        const component = dv.getUint16(pos + 2)
        let id = newId.get(component)
        if (id === undefined) {
          id = order.length
          order.push(component)
          newId.set(component, id)
        }
        dv.setUint16(pos + 2, id)
        pos += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2)
        if (flags & WE_HAVE_A_SCALE) pos += 2
        else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4
        else if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8
        if (!(flags & MORE_COMPONENTS)) {
          // no hinting: the component list ends the glyph
          dv.setUint16(flagsAt, flags & ~WE_HAVE_INSTRUCTIONS)
          glyph = glyph.subarray(0, pos)
          break
        }
      }
    }
    offsets.push(offset)
    pieces.push(glyph)
    offset += glyph.length
    const pad = (4 - (glyph.length % 4)) % 4
    if (pad) {
      pieces.push(new Uint8Array(pad))
      offset += pad
    }
  }
  offsets.push(offset)
  const n = order.length

  const glyf = new Uint8Array(offset)
  let at = 0
  for (const p of pieces) {
    glyf.set(p, at)
    at += p.length
  }
  const loca = new Uint8Array((n + 1) * 4)
  const locaV = new DataView(loca.buffer)
  offsets.forEach((o, i) => locaV.setUint32(i * 4, o))
  const hmtx = new Uint8Array(n * 4)
  const hmtxV = new DataView(hmtx.buffer)
  order.forEach((g, i) => {
    hmtxV.setUint16(i * 4, f.advances[g])
    hmtxV.setInt16(i * 4 + 2, f.bearings[g])
  })
  const head = f.tables.get('head')!.slice()
  const headV = new DataView(head.buffer)
  headV.setUint32(8, 0) // checkSumAdjustment, set below
  headV.setInt16(50, 1) // long loca offsets
  const hhea = f.tables.get('hhea')!.slice()
  new DataView(hhea.buffer).setUint16(34, n)
  const maxp = f.tables.get('maxp')!.slice()
  new DataView(maxp.buffer).setUint16(4, n)

  const out = new Map<string, Uint8Array>([
    ['glyf', glyf],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', hmtx],
    ['loca', loca],
    ['maxp', maxp],
  ])
  const tags = [...out.keys()].sort()
  const numTables = tags.length
  let entrySelector = 0
  while (1 << (entrySelector + 1) <= numTables) entrySelector++
  const searchRange = (1 << entrySelector) * 16
  let size = 12 + numTables * 16
  for (const tag of tags) size += (out.get(tag)!.length + 3) & ~3
  const font = new Uint8Array(size)
  const dv = new DataView(font.buffer)
  dv.setUint32(0, 0x00010000)
  dv.setUint16(4, numTables)
  dv.setUint16(6, searchRange)
  dv.setUint16(8, entrySelector)
  dv.setUint16(10, numTables * 16 - searchRange)
  let dataAt = 12 + numTables * 16
  let headAt = 0
  tags.forEach((tag, i) => {
    const data = out.get(tag)!
    const rec = 12 + i * 16
    for (let k = 0; k < 4; k++) font[rec + k] = tag.charCodeAt(k)
    dv.setUint32(rec + 4, checksum(data))
    dv.setUint32(rec + 8, dataAt)
    dv.setUint32(rec + 12, data.length)
    font.set(data, dataAt)
    if (tag === 'head') headAt = dataAt
    dataAt += (data.length + 3) & ~3
  })
  dv.setUint32(headAt + 8, (0xb1b0afba - checksum(font)) >>> 0)
  return font
}

/**
 * Makes a pdf-lib font (embedded with { subset: true }) serialise its subset with subsetTrueType instead of
 * fontkit's encoder. Relies on pdf-lib 1.17's CustomFontSubsetEmbedder (its `subset` of fontkit and
 * `serializeFont`); when those are not there, fontkit's encoder stays in place.
 */
export function useFastSubset(pdfFont: object, bytes: Uint8Array): boolean {
  const embedder = (pdfFont as { embedder?: { subset?: { glyphs?: number[]; cff?: unknown }; serializeFont?: () => Promise<Uint8Array> } }).embedder
  const glyphs = embedder?.subset?.glyphs
  if (!embedder || !Array.isArray(glyphs) || typeof embedder.serializeFont !== 'function' || embedder.subset?.cff) return false
  // a TrueType font ('\0\1\0\0' or 'true'), not an OpenType/CFF one
  const tag = (bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]
  if (tag !== 0x00010000 && tag !== 0x74727565) return false
  embedder.serializeFont = async () => subsetTrueType(bytes, glyphs)
  return true
}
