import fontkit from '@pdf-lib/fontkit'
import { fontBytes } from '../fonts'
import type { Face } from './model'

type FontkitFont = ReturnType<typeof fontkit.create>
type GlyphRun = ReturnType<FontkitFont['layout']>

export const FACES: readonly Face[] = ['regular', 'bold', 'italic', 'boldItalic']

/** Layout caches per face: shaping a word with fontkit is the slow part of both measuring and drawing. */
const LAYOUT_CACHE_LIMIT = 50_000

/**
 * The fonts of the layout engine: the four faces parsed once per process, with their metrics and caches.
 *
 * - Widths at 1 pt are cached per face (greedy breaking measures the same words again and again).
 * - Each parsed font is handed to pdf-lib through a fontkit whose create() returns it (pdf-lib would otherwise
 *   parse the whole font file again for every document), and its layout() is memoised per text: pdf-lib
 *   shapes every string it draws, and documents repeat words. pdf-lib only reads the glyph runs.
 * Each document still embeds its own subset (renderDocument).
 */
export interface LayoutFonts {
  bytes: Record<Face, Uint8Array>
  /** Width of `text` at 1 pt in `face` (as pdf-lib measures and draws it: glyph advances, no kerning). */
  width(face: Face, text: string): number
  /** Ascent and descent at 1 pt (positive numbers). */
  ascent(face: Face): number
  descent(face: Face): number
  /** The fontkit for pdf-lib's registerFontkit: returns the parsed font of those bytes. */
  fontkit: { create(bytes: Uint8Array): FontkitFont }
}

export function createLayoutFonts(bytes: Record<Face, Uint8Array>): LayoutFonts {
  const parsed = new Map<Uint8Array, FontkitFont>()
  const fk = {} as Record<Face, FontkitFont>
  const widths = {} as Record<Face, Map<string, number>>
  for (const face of FACES) {
    const font = fontkit.create(bytes[face])
    const layout = font.layout.bind(font)
    const runs = new Map<string, GlyphRun>()
    // Only pdf-lib calls this (with its default features); the engine measures through width().
    font.layout = ((text: string, features?: unknown) => {
      if (features !== undefined) return layout(text, features as never)
      let run = runs.get(text)
      if (!run) {
        if (runs.size >= LAYOUT_CACHE_LIMIT) runs.clear()
        run = layout(text)
        runs.set(text, run)
      }
      return run
    }) as FontkitFont['layout']
    fk[face] = font
    widths[face] = new Map()
    parsed.set(bytes[face], font)
  }
  return {
    bytes,
    width(face, text) {
      const cache = widths[face]
      let w = cache.get(text)
      if (w === undefined) {
        const font = fk[face]
        let units = 0
        for (const g of font.layout(text).glyphs) units += g.advanceWidth
        w = units / font.unitsPerEm
        if (cache.size >= LAYOUT_CACHE_LIMIT) cache.clear()
        cache.set(text, w)
      }
      return w
    },
    ascent: (face) => fk[face].ascent / fk[face].unitsPerEm,
    descent: (face) => -fk[face].descent / fk[face].unitsPerEm,
    fontkit: {
      create(b: Uint8Array) {
        const font = parsed.get(b)
        if (!font) throw new Error('Unknown font: pass LayoutFonts.bytes to embedFont')
        return font
      },
    },
  }
}

let loading: Promise<LayoutFonts> | undefined

/** The document fonts (templates/fonts, Liberation Serif), parsed once per process. */
export function loadLayoutFonts(): Promise<LayoutFonts> {
  loading ??= fontBytes().then(createLayoutFonts)
  loading.catch(() => (loading = undefined))
  return loading
}

export function faceOf(bold?: boolean, italic?: boolean): Face {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular'
}
