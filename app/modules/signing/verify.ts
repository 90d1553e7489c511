// Reading the signatures of a PDF back: each /ByteRange and its /Contents, the digest of the bytes it covers
// against the CMS messageDigest, the CMS signature against its certificate. No PDF parser: the byte ranges say
// where everything is, so an altered or damaged file is read as far as it can be, never thrown at.
import { createHash } from 'node:crypto'
import { readCms } from './cms'
import { certParts, nameParts } from './der'
import { isDemoSubject, sha256Hex } from './signer'

export interface SignatureInfo {
  signerName: string
  organisation: string | null
  demo: boolean
  certificateSha256: string
  signingTime: Date | null
  /** The byte range ends at the end of the file: nothing was appended after this signature. */
  coversWholeFile: boolean
  /** The bytes it covers are those signed, and the signature verifies with the certificate in it. */
  intact: boolean
  /** The length of the revision it signs (the end of its byte range). */
  revisionLength: number
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g

/** The signatures of a PDF in file order; [] for anything that is not a signed PDF. */
export function readSignatures(pdf: Uint8Array): SignatureInfo[] {
  const out: SignatureInfo[] = []
  try {
    if (!(pdf instanceof Uint8Array) || pdf.length < 8) return []
    const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1')
    if (!text.startsWith('%PDF-')) return []
    const seen = new Set<string>()
    for (const m of text.matchAll(BYTE_RANGE)) {
      const [a, b, c, d] = m.slice(1, 5).map(Number)
      const key = `${a} ${b} ${c} ${d}`
      if (seen.has(key)) continue
      seen.add(key)
      const info = readOne(pdf, text, a, b, c, d)
      if (info) out.push(info)
    }
  } catch {
    return out
  }
  return out.sort((x, y) => x.revisionLength - y.revisionLength)
}

function readOne(pdf: Uint8Array, text: string, a: number, b: number, c: number, d: number): SignatureInfo | null {
  // a well-formed range: from the start of the file, a gap that is exactly the <hex> of /Contents
  if (a !== 0 || b <= 0 || c <= b + 1 || c + d > pdf.length) return null
  const gap = text.slice(b, c)
  if (!/^<[0-9A-Fa-f\s]*>$/.test(gap)) return null
  const hex = gap.slice(1, -1).replace(/\s+/g, '')
  let cms
  try {
    cms = readCms(new Uint8Array(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex')))
  } catch {
    return null
  }
  const digest = cms.hash ? createHash(cms.hash).update(pdf.subarray(0, b)).update(pdf.subarray(c, c + d)).digest() : null
  const digestOk = !!digest && !!cms.messageDigest && Buffer.compare(digest, cms.messageDigest) === 0
  let name = ''
  let organisation: string | null = null
  let demo = false
  if (cms.certificate) {
    try {
      const subject = nameParts(certParts(cms.certificate).subject)
      name = subject.CN ?? ''
      organisation = subject.O
      demo = isDemoSubject(subject.OU)
    } catch {
      // an unreadable subject: no name
    }
  }
  return {
    signerName: name,
    organisation,
    demo,
    certificateSha256: cms.certificate ? sha256Hex(cms.certificate) : '',
    signingTime: cms.signingTime,
    coversWholeFile: c + d === pdf.length,
    intact: digestOk && cms.signatureValid,
    revisionLength: c + d,
  }
}
