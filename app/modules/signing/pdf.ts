// PAdES signatures as incremental updates: the signed bytes are never rewritten, a signature appends its objects,
// a cross-reference section and a trailer pointing to the previous one (ISO 32000-1, 7.5.6). The document must
// have a classic cross-reference table (the layout engine saves without object streams).
import { createHash } from 'node:crypto'
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  type PDFOperator,
  PDFRef,
  PDFString,
} from 'pdf-lib'
import { buildCms } from './cms'
import type { Signer } from './signer'

export const SUB_FILTER = 'ETSI.CAdES.detached'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface Appearance {
  /** Where the widget is on the page, in PDF points. */
  rect: Rect
  /** Draws the appearance (coordinates from the rect's bottom left corner): its operators and resources. */
  draw(doc: PDFDocument): Promise<{ operators: PDFOperator[]; resources: Record<string, Record<string, PDFRef>> }>
}

export interface AppendOptions {
  signer: Signer
  time: Date
  /** Field name, unique in the document ("Signature1"). */
  field: string
  page: number
  appearance: Appearance
  reason?: string
  location?: string
}

const latin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'))

/** "2026-12-03T14:05:09+07:00": a moment in Việt Nam time (UTC+7, no daylight saving), ISO 8601. */
export function vietnamIso(t: Date): string {
  return `${new Date(t.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`
}

/** A PDF date in Việt Nam time: D:20261203140509+07'00'. */
export function pdfDate(t: Date): string {
  return `D:${vietnamIso(t).slice(0, 19).replace(/[-:T]/g, '')}+07'00'`
}

/** The offset of the last cross-reference section (after the last "startxref"). */
export function lastStartXref(pdf: Uint8Array): number {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 2048))).toString('latin1')
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail) ?? /startxref\s+(\d+)/.exec(tail.slice(tail.lastIndexOf('startxref')))
  if (!m) throw new Error('No startxref at the end of the PDF')
  return Number(m[1])
}

function objectBytes(obj: PDFObject): Uint8Array {
  const buf = new Uint8Array(obj.sizeInBytes())
  obj.copyBytesInto(buf, 0)
  return buf
}

/** Appends the array to `holder[key]` (direct or indirect): returns the ref that was changed, or null when direct. */
function appendTo(doc: PDFDocument, holder: PDFDict, key: string, value: PDFRef): PDFRef | null {
  const raw = holder.get(PDFName.of(key))
  if (raw instanceof PDFRef) {
    const arr = doc.context.lookup(raw, PDFArray)
    arr.push(value)
    return raw
  }
  if (raw instanceof PDFArray) raw.push(value)
  else holder.set(PDFName.of(key), doc.context.obj([value]))
  return null
}

/**
 * Appends one visible signature to `pdf` as an incremental update and returns the signed file: a signature
 * field with its widget on the page, a /Sig dictionary whose /ByteRange covers the whole new file except the
 * /Contents hex string, and there the detached CMS of `signer`.
 */
export async function appendSignature(pdf: Uint8Array, o: AppendOptions): Promise<Uint8Array> {
  const prev = lastStartXref(pdf)
  const doc = await PDFDocument.load(pdf, { updateMetadata: false })
  const ctx = doc.context
  const before = ctx.largestObjectNumber
  const changed = new Set<PDFRef>()
  const page = doc.getPage(o.page)

  // the appearance: a form XObject drawn in the widget's rectangle
  const { rect } = o.appearance
  const drawn = await o.appearance.draw(doc)
  const resources = ctx.obj(
    Object.fromEntries(Object.entries(drawn.resources).map(([k, v]) => [k, ctx.obj(Object.fromEntries(Object.entries(v)))])) as never,
  )
  const ap = ctx.register(
    ctx.formXObject(drawn.operators, { BBox: [0, 0, rect.width, rect.height], Matrix: [1, 0, 0, 1, 0, 0], Resources: resources } as never),
  )
  const sigRef = ctx.nextRef() // written by hand below, with its placeholders
  const widget = ctx.register(
    ctx.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFString.of(o.field),
      Rect: [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height],
      F: 4, // print
      P: page.ref,
      V: sigRef,
      AP: { N: ap },
    }),
  )
  const annotsRef = appendTo(doc, page.node, 'Annots', widget)
  changed.add(annotsRef ?? page.ref)

  const rootRef = ctx.trailerInfo.Root as PDFRef
  const catalog = ctx.lookup(rootRef, PDFDict)
  const formRaw = catalog.get(PDFName.of('AcroForm'))
  if (formRaw instanceof PDFRef) {
    const form = ctx.lookup(formRaw, PDFDict)
    const fieldsRef = appendTo(doc, form, 'Fields', widget)
    form.set(PDFName.of('SigFlags'), PDFNumber.of(3))
    changed.add(formRaw)
    if (fieldsRef) changed.add(fieldsRef)
  } else if (formRaw instanceof PDFDict) {
    appendTo(doc, formRaw, 'Fields', widget)
    formRaw.set(PDFName.of('SigFlags'), PDFNumber.of(3))
    changed.add(rootRef)
  } else {
    catalog.set(PDFName.of('AcroForm'), ctx.register(ctx.obj({ Fields: [widget], SigFlags: 3 })))
    changed.add(rootRef)
  }
  await doc.flush()

  // the objects of the update: every new one and every changed one
  const objects = new Map<number, { ref: PDFRef; obj: PDFObject }>()
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) if (ref.objectNumber > before || changed.has(ref)) objects.set(ref.objectNumber, { ref, obj })

  // the /Sig dictionary, with fixed-width placeholders for /ByteRange and /Contents
  const certBytes = o.signer.certificates().reduce((n, c) => n + c.length, 0)
  const reserve = certBytes + 2560 // the CMS: certificates, then names, attributes, a signature of up to 4096 bits, headroom
  const text = (s: string) => PDFHexString.fromText(s.normalize('NFC')).toString()
  const BR = '/ByteRange [0 ********** ********** **********]'
  const sigDict =
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /${SUB_FILTER} ${BR} /Contents <${'0'.repeat(reserve * 2)}>` +
    ` /M (${pdfDate(o.time)}) /Name ${text(o.signer.name)}` +
    (o.reason ? ` /Reason ${text(o.reason)}` : '') +
    (o.location ? ` /Location ${text(o.location)}` : '') +
    ' >>'

  const parts: Uint8Array[] = []
  let offset = pdf.length
  const push = (b: Uint8Array) => {
    parts.push(b)
    offset += b.length
  }
  if (pdf[pdf.length - 1] !== 0x0a && pdf[pdf.length - 1] !== 0x0d) push(latin1('\n'))
  const offsets = new Map<number, number>()
  let sigOffset = 0
  const numbers = [...objects.keys(), sigRef.objectNumber].sort((a, b) => a - b)
  for (const n of numbers) {
    offsets.set(n, offset)
    if (n === sigRef.objectNumber) {
      sigOffset = offset
      push(latin1(`${n} 0 obj\n${sigDict}\nendobj\n`))
      continue
    }
    const { ref, obj } = objects.get(n)!
    push(latin1(`${n} ${ref.generationNumber} obj\n`))
    push(objectBytes(obj))
    push(latin1('\nendobj\n'))
  }
  // the cross-reference section: one subsection per run of consecutive numbers
  const xrefOffset = offset
  let xref = 'xref\n'
  for (let i = 0; i < numbers.length; ) {
    let j = i
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++
    xref += `${numbers[i]} ${j - i + 1}\n`
    for (let k = i; k <= j; k++) {
      const gen = numbers[k] === sigRef.objectNumber ? 0 : objects.get(numbers[k])!.ref.generationNumber
      xref += `${String(offsets.get(numbers[k])).padStart(10, '0')} ${String(gen).padStart(5, '0')} n\r\n`
    }
    i = j + 1
  }
  const t = ctx.trailerInfo
  const trailer = ctx.obj({ Size: ctx.largestObjectNumber + 1, Root: t.Root, Prev: prev } as never) as unknown as PDFDict
  if (t.Info) trailer.set(PDFName.of('Info'), t.Info as PDFObject)
  if (t.ID) trailer.set(PDFName.of('ID'), t.ID as PDFObject)
  push(latin1(xref))
  push(latin1('trailer\n'))
  push(objectBytes(trailer))
  push(latin1(`\nstartxref\n${xrefOffset}\n%%EOF\n`))

  const out = new Uint8Array(offset)
  out.set(pdf, 0)
  let at = pdf.length
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  // the byte range: everything but the <…> of /Contents
  const sigText = Buffer.from(out.subarray(sigOffset, sigOffset + 200 + reserve * 2 + BR.length)).toString('latin1')
  const contentsStart = sigOffset + sigText.indexOf('/Contents <') + '/Contents '.length
  const contentsEnd = contentsStart + reserve * 2 + 2
  const range = [0, contentsStart, contentsEnd, out.length - contentsEnd]
  const brText = `/ByteRange [${range.join(' ')}]`.padEnd(BR.length, ' ')
  if (brText.length !== BR.length) throw new Error('ByteRange does not fit its placeholder')
  out.set(latin1(brText), sigOffset + sigText.indexOf('/ByteRange ['))
  const digest = createHash('sha256').update(out.subarray(0, contentsStart)).update(out.subarray(contentsEnd)).digest()
  const cms = await buildCms(o.signer, digest, o.time)
  if (cms.length > reserve) throw new Error(`The signature (${cms.length} bytes) is larger than the space reserved (${reserve})`)
  out.set(latin1(Buffer.from(cms).toString('hex').toUpperCase()), contentsStart + 1)
  return out
}
