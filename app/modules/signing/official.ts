// An official document signed as Decree 30/2020 (Appendix I) describes an electronic one: first the signer
// (the image of their signature at the signature block), then the Fund (its seal at its real size over the left
// third of the signature, with the organisation's name and the signing time in Việt Nam time, 10 pt regular),
// each a PAdES signature, the second an incremental update after the first.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import {
  beginText,
  concatTransformationMatrix,
  drawObject,
  endText,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFOperator,
  PDFRawStream,
  type PDFRef,
  popGraphicsState,
  pushGraphicsState,
  setFillingGrayscaleColor,
  setFontAndSize,
  setTextMatrix,
  showText,
} from 'pdf-lib'
import { fontsDir } from '../documents/fonts'
import { loadLayoutFonts, MM, type SignatureSpace } from '../documents/layout'
import { useFastSubset } from '../documents/layout/subset'
import { type Appearance, appendSignature, type Rect, vietnamIso } from './pdf'
import type { Signer } from './signer'

export type { SignatureSpace }

/** Real size of the seal (round seals of organisations are 35–36 mm across; the demo's is 35). */
export const SEAL_MM = 35
/** The organisation's name and the signing time: 10 pt, regular (Decree 30, Appendix I). */
const INFO_SIZE = 10
const INFO_LEADING = 11.5
/** The tallest a signature image is drawn. */
const SIGNATURE_MAX_MM = 24

export interface OfficialSigningOptions {
  signer: Signer
  /** PNG with a transparent background; null: the signature is invisible (an empty widget). */
  signatureImage: Uint8Array | null
  fund: Signer
  /** The seal, red, PNG with a transparent background; null: only the name and time are drawn. */
  sealImage: Uint8Array | null
  fundName: string
  time: Date
  reason?: string
  location?: string
}

/** Width and height in pixels of a PNG (its IHDR). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47]
  if (png.length < 24 || sig.some((b, i) => png[i] !== b)) throw new Error('Not a PNG image')
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength)
  return { width: v.getUint32(16), height: v.getUint32(20) }
}

/** Lines of `text` no wider than `width` at `size` (words kept whole). */
function wrap(text: string, size: number, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word
    if (line && measure(next) * size > width) {
      lines.push(line)
      line = word
    } else line = next
  }
  if (line) lines.push(line)
  return lines
}

export interface OfficialLayout {
  signature: Rect
  seal: Rect
  /** The lines of the organisation's name and the time, with their baselines (page coordinates). */
  info: { text: string; x: number; y: number }[]
  /** The Fund's widget: around the seal and the lines. */
  fundRect: Rect
}

/** Where the signature, the seal and the lines go in a signature space. Pure, for tests and previews. */
export async function officialLayout(space: SignatureSpace, o: { signatureAspect: number; fundName: string; time: Date }): Promise<OfficialLayout> {
  const fonts = await loadLayoutFonts()
  const measure = (s: string) => fonts.width('regular', s)
  const lines = [...wrap(o.fundName.normalize('NFC'), INFO_SIZE, space.width, measure), vietnamIso(o.time)]
  const infoHeight = lines.length * INFO_LEADING
  const seal = SEAL_MM * MM
  // the images share the space above the lines, centred on one horizontal axis
  const regionBottom = space.y + infoHeight + 2
  const regionHeight = Math.max(space.height - infoHeight - 2, 10 * MM)
  let sigH = Math.min(regionHeight * 0.8, SIGNATURE_MAX_MM * MM)
  let sigW = sigH * o.signatureAspect
  if (sigW > space.width * 0.55) {
    sigW = space.width * 0.55
    sigH = sigW / o.signatureAspect
  }
  const groupWidth = seal + (2 * sigW) / 3
  const gx = space.x + Math.max(0, (space.width - groupWidth) / 2)
  const cy = regionBottom + regionHeight / 2
  const signature = { x: gx + seal - sigW / 3, y: cy - sigH / 2, width: sigW, height: sigH }
  const sealRect = { x: gx, y: cy - seal / 2, width: seal, height: seal }
  const widest = Math.max(...lines.map((l) => measure(l) * INFO_SIZE))
  const tx = Math.max(space.x, Math.min(gx, space.x + space.width - widest))
  const asc = fonts.ascent('regular') * INFO_SIZE
  const info = lines.map((text, i) => ({ text, x: tx, y: space.y + infoHeight - i * INFO_LEADING - asc }))
  const x1 = Math.min(sealRect.x, tx)
  const x2 = Math.max(sealRect.x + seal, tx + widest)
  const y1 = Math.min(space.y, sealRect.y)
  const y2 = sealRect.y + seal
  return { signature, seal: sealRect, info, fundRect: { x: x1, y: y1, width: x2 - x1, height: y2 - y1 } }
}

interface PreparedStream {
  dict: PDFDict
  contents: Uint8Array
}

/** PNG images as pdf-lib embeds them (decoded, split into colour and alpha, deflated), prepared once each. */
const prepared = new Map<string, Promise<{ image: PreparedStream; smask: PreparedStream | null }>>()
const PREPARED_LIMIT = 64

function prepare(png: Uint8Array) {
  const key = createHash('sha256').update(png).digest('hex')
  let p = prepared.get(key)
  if (!p) {
    if (prepared.size >= PREPARED_LIMIT) prepared.clear()
    p = (async () => {
      const scratch = await PDFDocument.create({ updateMetadata: false })
      const img = await scratch.embedPng(png)
      await scratch.flush()
      const stream = scratch.context.lookup(img.ref) as PDFRawStream
      const smaskRef = stream.dict.get(PDFName.of('SMask')) as PDFRef | undefined
      const smask = smaskRef ? (scratch.context.lookup(smaskRef) as PDFRawStream) : null
      return { image: { dict: stream.dict, contents: stream.contents }, smask: smask && { dict: smask.dict, contents: smask.contents } }
    })()
    p.catch(() => prepared.delete(key))
    prepared.set(key, p)
  }
  return p
}

/** Embeds a PNG in `doc` from its prepared streams: the costly decoding and deflating happen once a process. */
async function embedImage(doc: PDFDocument, png: Uint8Array): Promise<PDFRef> {
  const { image, smask } = await prepare(png)
  const ctx = doc.context
  const dict = image.dict.clone(ctx)
  if (smask) dict.set(PDFName.of('SMask'), ctx.register(PDFRawStream.of(smask.dict.clone(ctx), smask.contents)))
  return ctx.register(PDFRawStream.of(dict, image.contents))
}

const imageOps = (name: string, r: Rect, origin: Rect): PDFOperator[] => [
  pushGraphicsState(),
  concatTransformationMatrix(r.width, 0, 0, r.height, r.x - origin.x, r.y - origin.y),
  drawObject(name),
  popGraphicsState(),
]

/**
 * Signs a rendered official document twice: the signer, visibly, in `space` (from renderDocumentForSigning),
 * then the Fund, as an incremental update, its seal over the left third of the signature.
 */
export async function signOfficialDocument(pdf: Uint8Array, space: SignatureSpace, opts: OfficialSigningOptions): Promise<Uint8Array> {
  const aspect = opts.signatureImage ? (({ width, height }) => width / height)(pngSize(opts.signatureImage)) : 2
  const at = await officialLayout(space, { signatureAspect: aspect, fundName: opts.fundName, time: opts.time })
  const fonts = await loadLayoutFonts()

  const signerAppearance: Appearance = {
    rect: opts.signatureImage ? at.signature : { ...at.signature, width: 0, height: 0 },
    async draw(doc: PDFDocument): ReturnType<Appearance['draw']> {
      if (!opts.signatureImage) return { operators: [], resources: {} }
      const img = await embedImage(doc, opts.signatureImage)
      return { operators: imageOps('Im1', at.signature, at.signature), resources: { XObject: { Im1: img } } }
    },
  }
  const once = await appendSignature(pdf, {
    signer: opts.signer,
    time: opts.time,
    field: 'Signature1',
    page: space.page,
    appearance: signerAppearance,
    reason: opts.reason,
    location: opts.location,
  })

  const fundAppearance: Appearance = {
    rect: at.fundRect,
    async draw(doc: PDFDocument) {
      doc.registerFontkit(fonts.fontkit as never)
      const font = await doc.embedFont(fonts.bytes.regular, { subset: true })
      useFastSubset(font, fonts.bytes.regular)
      const operators: PDFOperator[] = []
      const resources: Record<string, Record<string, PDFRef>> = { Font: { F1: font.ref } }
      if (opts.sealImage) {
        resources.XObject = { Im1: await embedImage(doc, opts.sealImage) }
        operators.push(...imageOps('Im1', at.seal, at.fundRect))
      }
      operators.push(beginText(), setFillingGrayscaleColor(0), setFontAndSize('F1', INFO_SIZE))
      for (const l of at.info) operators.push(setTextMatrix(1, 0, 0, 1, l.x - at.fundRect.x, l.y - at.fundRect.y), showText(font.encodeText(l.text.normalize('NFC'))))
      operators.push(endText())
      return { operators, resources }
    },
  }
  return appendSignature(once, {
    signer: opts.fund,
    time: opts.time,
    field: 'Signature2',
    page: space.page,
    appearance: fundAppearance,
    reason: opts.reason,
    location: opts.location,
  })
}

/** templates/signing, beside templates/fonts. */
function signingDir(): string {
  const dir = join(dirname(fontsDir()), 'signing')
  if (!existsSync(dir)) throw new Error(`${dir} not found`)
  return dir
}

const cache = new Map<string, Promise<Uint8Array>>()
const asset = (name: string) => {
  let p = cache.get(name)
  if (!p) {
    p = readFile(join(signingDir(), name)).then((b) => new Uint8Array(b))
    p.catch(() => cache.delete(name))
    cache.set(name, p)
  }
  return p
}

/** A plausible handwritten signature (templates/signing/demo-signature.png), read once per process. */
export const demoSignatureImage = () => asset('demo-signature.png')
/** The demo Fund's red round seal (templates/signing/demo-seal.png), read once per process. */
export const demoSealImage = () => asset('demo-seal.png')
