// Bytes between node-forge (binary strings) and Uint8Array, and the few ASN.1 pieces of certificates the
// signing module reads. node-forge works on "binary strings" (one char a byte).
import forge from 'node-forge'

const { asn1 } = forge

export const toBinary = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1')
export const fromBinary = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'))
export const derOf = (node: forge.asn1.Asn1) => fromBinary(asn1.toDer(node).getBytes())

/** Parses DER leniently (trailing zero padding after a CMS in /Contents is normal). */
export function parseDer(bytes: Uint8Array): forge.asn1.Asn1 {
  return asn1.fromDer(toBinary(bytes), { strict: false, parseAllBytes: false, decodeBitStrings: false } as never)
}

export interface NameParts {
  CN: string | null
  O: string | null
  OU: string[]
}

const OID = { CN: '2.5.4.3', O: '2.5.4.10', OU: '2.5.4.11' }

/** The common name, organisation and units of a Name (RDNSequence), UTF-8 decoded. */
export function nameParts(name: forge.asn1.Asn1): NameParts {
  const out: NameParts = { CN: null, O: null, OU: [] }
  const rdn = (forge.pki as unknown as { RDNAttributesAsArray(n: forge.asn1.Asn1): { type: string; value: unknown; valueTagClass: number }[] }).RDNAttributesAsArray
  for (const a of rdn(name)) {
    let v = String(a.value)
    if (a.valueTagClass === asn1.Type.UTF8) v = forge.util.decodeUtf8(v)
    else if (a.valueTagClass === asn1.Type.BMPSTRING) v = Buffer.from(v, 'latin1').swap16().toString('utf16le')
    v = v.normalize('NFC')
    if (a.type === OID.CN) out.CN = v
    else if (a.type === OID.O) out.O = v
    else if (a.type === OID.OU) out.OU.push(v)
  }
  return out
}

/** The parts of a certificate's TBSCertificate the module needs, from its DER. */
export function certParts(der: Uint8Array) {
  const cert = parseDer(der)
  const tbs = (cert.value as forge.asn1.Asn1[])[0]
  const v = tbs.value as forge.asn1.Asn1[]
  const i = v[0].tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0
  return { serial: v[i], issuer: v[i + 2], subject: v[i + 4] }
}
