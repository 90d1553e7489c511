import {
  beginText,
  endText,
  fill,
  rectangle,
  lineTo,
  moveTo,
  type PDFFont,
  type PDFName,
  type PDFOperator,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  setFillingGrayscaleColor,
  setFontAndSize,
  setLineWidth,
  setStrokingGrayscaleColor,
  setTextMatrix,
  showText,
  stroke,
} from 'pdf-lib'
import { layoutDocument, type LaidOut } from './engine'
import { FACES, type LayoutFonts, loadLayoutFonts } from './fonts'
import { A4, type DocumentModel, type Face, type SignatureSpace } from './model'
import { useFastSubset } from './subset'

/** Positions to 1/1000 pt: shorter content streams, far below any visible difference. */
const round = (v: number) => Math.round(v * 1000) / 1000

/** Draws a laid-out document into a new PDF: only the faces it uses are embedded, each as a subset, once. */
export async function drawDocument(laid: LaidOut, fonts: LayoutFonts, info: DocumentModel['info'] = {}, fastSubset = true): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false })
  pdf.registerFontkit(fonts.fontkit as never)
  const embedded = {} as Record<Face, PDFFont>
  for (const face of FACES) {
    if (!laid.faces.has(face)) continue
    embedded[face] = await pdf.embedFont(fonts.bytes[face], { subset: true })
    if (fastSubset) useFastSubset(embedded[face], fonts.bytes[face])
  }
  const nfc = (s: string) => s.normalize('NFC')
  if (info.title) pdf.setTitle(nfc(info.title))
  if (info.author) pdf.setAuthor(nfc(info.author))
  if (info.subject) pdf.setSubject(nfc(info.subject))
  if (info.creator) {
    pdf.setCreator(nfc(info.creator))
    pdf.setProducer(nfc(info.creator))
  }
  if (info.language) pdf.setLanguage(info.language)
  const now = new Date()
  pdf.setCreationDate(now)
  pdf.setModificationDate(now)
  for (const p of laid.pages) {
    const page = pdf.addPage([A4.width, A4.height])
    // One text object a page, the font set only when it changes: page.drawText would wrap every run in its
    // own graphics state, colour, font and matrix (nine operators a run, the most of the drawing time).
    const keys = new Map<Face, PDFName>()
    const key = (face: Face) => {
      let k = keys.get(face)
      if (!k) keys.set(face, (k = page.node.newFontDictionary(embedded[face].name, embedded[face].ref)))
      return k
    }
    const ops: PDFOperator[] = [pushGraphicsState(), setFillingGrayscaleColor(0), setStrokingGrayscaleColor(0), beginText()]
    let face: Face | undefined
    let size = 0
    for (const o of p.ops) {
      if (o.op !== 'text') continue
      if (o.face !== face || o.size !== size) {
        ops.push(setFontAndSize(key(o.face), o.size))
        face = o.face
        size = o.size
      }
      ops.push(setTextMatrix(1, 0, 0, 1, round(o.x), round(o.y)), showText(embedded[o.face].encodeText(o.text.normalize('NFC'))))
    }
    ops.push(endText())
    for (const o of p.ops) if (o.op === 'rect') ops.push(rectangle(round(o.x), round(o.y), round(o.width), round(o.height)))
    if (p.ops.some((o) => o.op === 'rect')) ops.push(fill())
    let thickness = -1
    for (const o of p.ops) {
      if (o.op !== 'line') continue
      if (o.thickness !== thickness) ops.push(setLineWidth((thickness = o.thickness)))
      ops.push(moveTo(round(o.x1), round(o.y1)), lineTo(round(o.x2), round(o.y2)), stroke())
    }
    ops.push(popGraphicsState())
    page.pushOperators(...ops)
  }
  // Classic cross-reference table, no object streams: the signing module appends incremental updates to it.
  return pdf.save({ useObjectStreams: false })
}

/**
 * Renders a document model to PDF bytes: A4 portrait, Decree 30 margins unless the model says otherwise,
 * page numbers from page 2 on. `fonts` defaults to the project's fonts (loaded once per process).
 */
export async function renderDocument(model: DocumentModel, fonts?: LayoutFonts): Promise<Uint8Array> {
  const f = fonts ?? (await loadLayoutFonts())
  return drawDocument(layoutDocument(model, f), f, model.info)
}

/**
 * Renders a document to be signed: the PDF (classic cross-reference table, ready for incremental updates) and
 * where each signature block's empty signing space is, for the visible signatures.
 */
export async function renderDocumentForSigning(model: DocumentModel, fonts?: LayoutFonts): Promise<{ pdf: Uint8Array; signatureSpaces: SignatureSpace[] }> {
  const f = fonts ?? (await loadLayoutFonts())
  const laid = layoutDocument(model, f)
  return { pdf: await drawDocument(laid, f, model.info), signatureSpaces: laid.signatureSpaces }
}
