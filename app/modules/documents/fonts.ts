import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import fontkit from '@pdf-lib/fontkit'
import type { PDFDocument, PDFFont } from 'pdf-lib'

/**
 * The fonts of every generated document: Liberation Serif 2 (Times New Roman metrics, full Vietnamese),
 * shipped with the project under templates/fonts (SIL OFL 1.1, see templates/fonts/LICENSE).
 * Debian's fonts-liberation 1.x lacks letters such as ạ ơ ư ộ ệ: never fall back to system fonts.
 */
export type FontFace = 'regular' | 'bold' | 'italic' | 'boldItalic'

const FILES: Record<FontFace, string> = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
}

export interface DocumentFonts {
  regular: PDFFont
  bold: PDFFont
  italic: PDFFont
  boldItalic: PDFFont
}

/** Looks for templates/fonts in `start` and each folder above it. */
function searchUp(start: string): string | null {
  let dir = resolve(start)
  for (;;) {
    const candidate = join(dir, 'templates', 'fonts')
    if (existsSync(join(candidate, FILES.regular))) return candidate
    const parent = dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

/**
 * Where the fonts are. From source (vitest, vite dev) this module sits in app/modules/documents; bundled it
 * is in build/server.js or build/server/index.js. Both lie under the project root, and so does the usual
 * working directory: search upwards from each.
 */
export function fontsDir(): string {
  const starts = [process.cwd()]
  try {
    starts.push(dirname(fileURLToPath(import.meta.url)))
  } catch {
    // not a file: URL (an unusual bundle); the working directory is still searched
  }
  for (const start of starts) {
    const found = searchUp(start)
    if (found) return found
  }
  throw new Error(`templates/fonts not found above ${starts.join(' or ')}`)
}

let loading: Promise<Record<FontFace, Uint8Array>> | undefined

/** The four font files, read once per process. */
export function fontBytes(): Promise<Record<FontFace, Uint8Array>> {
  loading ??= (async () => {
    const dir = fontsDir()
    const entries = await Promise.all(
      (Object.keys(FILES) as FontFace[]).map(async (face) => [face, new Uint8Array(await readFile(join(dir, FILES[face])))] as const),
    )
    return Object.fromEntries(entries) as Record<FontFace, Uint8Array>
  })()
  loading.catch(() => (loading = undefined)) // a failed read may be retried
  return loading
}

/**
 * Embeds the four faces in a document.
 *
 * Subsetting, measured on this machine (warm process, the four faces, a line of Vietnamese in each):
 * subset: true  — embed ≈ 5–17 ms, save ≈ 50–70 ms, PDF ≈ 39 KB;
 * subset: false — embed ≈ 8–34 ms, save ≈ 220–510 ms (deflating whole fonts), PDF ≈ 890 KB.
 * Subsetting is both faster and 20× smaller (receipts go out as e-mail attachments and the outbox refuses
 * more than ~2 MB), so documents embed only the glyphs they use. A whole receipt renders in ≈ 90–130 ms.
 */
export async function embedFonts(doc: PDFDocument): Promise<DocumentFonts> {
  const bytes = await fontBytes()
  doc.registerFontkit(fontkit)
  const [regular, bold, italic, boldItalic] = await Promise.all([
    doc.embedFont(bytes.regular, { subset: true }),
    doc.embedFont(bytes.bold, { subset: true }),
    doc.embedFont(bytes.italic, { subset: true }),
    doc.embedFont(bytes.boldItalic, { subset: true }),
  ])
  return { regular, bold, italic, boldItalic }
}
