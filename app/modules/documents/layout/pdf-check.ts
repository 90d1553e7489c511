// Test helpers: read a generated PDF back as a reader would, with poppler-utils (pdftotext, pdffonts, pdfinfo).
// Used by the engine's and the templates' tests; not part of the runtime.
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { A4, DECREE_30_MARGINS_MM, MM } from './model'

const run = promisify(execFile)

export interface PdfFile {
  file: string
  dispose(): Promise<void>
}

export async function tempPdf(bytes: Uint8Array, name = 'doc.pdf'): Promise<PdfFile> {
  const dir = await mkdtemp(join(tmpdir(), 'layout-'))
  const file = join(dir, name)
  await writeFile(file, bytes)
  return { file, dispose: () => rm(dir, { recursive: true, force: true }) }
}

/** The lines of a PDF held in memory, as layoutLines reads them (the file is written to a temporary place). */
export async function pdfLines(bytes: Uint8Array): Promise<string[]> {
  const pdf = await tempPdf(bytes)
  try {
    return await layoutLines(pdf.file)
  } finally {
    await pdf.dispose()
  }
}

/** pdftotext -layout, each line with its runs of spaces collapsed, empty lines dropped; one page or all. */
export async function layoutLines(file: string, page?: number): Promise<string[]> {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)]
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', ...range, file, '-'])
  return stdout
    .split(/\r?\n/)
    .map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean)
}

export interface WordBox {
  page: number
  text: string
  /** PDF points from the top-left corner of the page (poppler's convention). */
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')

/** Every word with its box (pdftotext -bbox). */
export async function wordBoxes(file: string): Promise<WordBox[]> {
  const { stdout } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 })
  const out: WordBox[] = []
  let page = 0
  for (const line of stdout.split('\n')) {
    if (line.includes('<page ')) page++
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line)
    if (m) out.push({ page, xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4], text: unescape(m[5]) })
  }
  return out
}

/** Lines of words: words of one page whose vertical centres are within 2 pt, left to right. */
export function textLines(words: WordBox[]): WordBox[][] {
  const lines: WordBox[][] = []
  for (const w of [...words].sort((a, b) => a.page - b.page || a.yMax - b.yMax || a.xMin - b.xMin)) {
    const last = lines[lines.length - 1]
    if (last && last[0].page === w.page && Math.abs(last[0].yMax - w.yMax) < 2) last.push(w)
    else lines.push([w])
  }
  for (const l of lines) l.sort((a, b) => a.xMin - b.xMin)
  return lines
}

/** The text box of the Decree 30 margins, in poppler's top-left coordinates. */
export const TEXT_BOX = {
  left: DECREE_30_MARGINS_MM.left * MM,
  right: A4.width - DECREE_30_MARGINS_MM.right * MM,
  top: DECREE_30_MARGINS_MM.top * MM,
  bottom: A4.height - DECREE_30_MARGINS_MM.bottom * MM,
}

/** pdffonts rows: name, whether embedded and whether it has a ToUnicode map. */
export async function pdfFonts(file: string): Promise<{ name: string; emb: string; uni: string }[]> {
  const { stdout } = await run('pdffonts', [file])
  return stdout
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((row) => {
      const cols = row.trim().split(/\s+/)
      return { name: cols[0], emb: cols.at(-5) ?? '', uni: cols.at(-3) ?? '' }
    })
}

export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await run('pdfinfo', [file])
  return Object.fromEntries(stdout.split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]))
}

/** Renders pages to PNG bytes (pdftoppm), for comparisons. */
export async function pagePng(file: string, page: number, dpi = 72): Promise<Buffer> {
  const { stdout } = await run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), file], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 })
  return stdout as unknown as Buffer
}

export interface PdfSigSignature {
  /** "Signature #1" … in file order. */
  index: number
  commonName: string
  signingTime: string
  /** "Signature is Valid.", "Digest Mismatch.", … (pdfsig's words). */
  validation: string
  valid: boolean
  /** pdfsig's "Total document signed" (as opposed to "not total document signed"). */
  totalDocumentSigned: boolean
  subFilter: string
}

/**
 * pdfsig (poppler-utils) on a PDF held in memory: each signature as poppler reads it, and its raw output.
 * Certificates are not checked against a trust store (-nocert): the demo CA is not trusted, and what the tests
 * ask is whether the signatures and the bytes they cover hold.
 */
export async function pdfSig(bytes: Uint8Array): Promise<{ signatures: PdfSigSignature[]; output: string }> {
  const pdf = await tempPdf(bytes, 'signed.pdf')
  try {
    let output: string
    try {
      output = (await run('pdfsig', ['-nocert', pdf.file])).stdout
    } catch (e) {
      // pdfsig exits non-zero when a signature does not verify: its report is still on stdout
      const err = e as { stdout?: string; stderr?: string }
      output = `${err.stdout ?? ''}${err.stderr ?? ''}`
    }
    const signatures: PdfSigSignature[] = []
    for (const part of output.split(/^Signature #/m).slice(1)) {
      const field = (label: string) => new RegExp(`- ${label}: (.*)`).exec(part)?.[1]?.trim() ?? ''
      const validation = field('Signature Validation')
      signatures.push({
        index: Number.parseInt(part, 10),
        commonName: field('Signer Certificate Common Name'),
        signingTime: field('Signing Time'),
        validation,
        valid: validation === 'Signature is Valid.',
        totalDocumentSigned: /Total document signed/.test(part) && !/not total document signed/i.test(part),
        subFilter: field('Signature Type'),
      })
    }
    return { signatures, output }
  } finally {
    await pdf.dispose()
  }
}
