// Detached CMS SignedData (RFC 5652) for PAdES, built by hand on node-forge's ASN.1: SHA-256, signed attributes
// contentType, signingTime, messageDigest and ESS signingCertificateV2 (CAdES, RFC 5035); RSA PKCS#1 v1.5 by the
// Signer. And the reverse: reading one back and checking it (verify.ts).
import { createHash, X509Certificate, verify as cryptoVerify } from 'node:crypto'
import forge from 'node-forge'
import { certParts, derOf, fromBinary, parseDer, toBinary } from './der'
import type { Signer } from './signer'

const { asn1 } = forge
const { Class, Type } = asn1

export const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
}
const HASHES: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.3.14.3.2.26': 'sha1',
}

const seq = (v: forge.asn1.Asn1[]) => asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, v)
const set = (v: forge.asn1.Asn1[]) => asn1.create(Class.UNIVERSAL, Type.SET, true, v)
const oid = (o: string) => asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(o).getBytes())
const int = (n: number) => asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(n).getBytes())
const octets = (b: Uint8Array) => asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, toBinary(b))
const nul = () => asn1.create(Class.UNIVERSAL, Type.NULL, false, '')
const attribute = (type: string, value: forge.asn1.Asn1) => seq([oid(type), set([value])])

/** DER of a SET OF: its elements in the order of their encodings (X.690 11.6). */
function sortedSet(items: forge.asn1.Asn1[]): forge.asn1.Asn1[] {
  return items
    .map((i) => ({ i, der: asn1.toDer(i).getBytes() }))
    .sort((a, b) => (a.der < b.der ? -1 : a.der > b.der ? 1 : 0))
    .map((x) => x.i)
}

/**
 * A detached CMS SignedData over content whose SHA-256 is `digest`, signed by `signer` at `time`; its DER.
 * The signature covers the DER of the signed attributes (as a SET), as RFC 5652 5.4 says.
 */
export async function buildCms(signer: Signer, digest: Uint8Array, time: Date): Promise<Uint8Array> {
  const certs = signer.certificates()
  const own = certParts(certs[0])
  const attrs = sortedSet([
    attribute(OIDS.contentType, oid(OIDS.data)),
    // UTCTime up to 2049 (RFC 5652 11.3)
    attribute(OIDS.signingTime, time.getUTCFullYear() < 2050 ? asn1.create(Class.UNIVERSAL, Type.UTCTIME, false, asn1.dateToUtcTime(time)) : asn1.create(Class.UNIVERSAL, Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(time))),
    attribute(OIDS.messageDigest, octets(digest)),
    // SigningCertificateV2 { certs SEQUENCE OF ESSCertIDv2 { certHash (SHA-256, the default), issuerSerial } }
    attribute(
      OIDS.signingCertificateV2,
      seq([seq([seq([octets(createHash('sha256').update(certs[0]).digest()), seq([seq([asn1.create(Class.CONTEXT_SPECIFIC, 4, true, [own.issuer])]), own.serial])])])]),
    ),
  ])
  const signature = await signer.sign(derOf(set(attrs)))
  const sha256 = seq([oid(OIDS.sha256)])
  const signerInfo = seq([
    int(1),
    seq([own.issuer, own.serial]),
    sha256,
    asn1.create(Class.CONTEXT_SPECIFIC, 0, true, attrs),
    seq([oid(OIDS.rsaEncryption), nul()]),
    octets(signature),
  ])
  const signedData = seq([
    int(1),
    set([sha256]),
    seq([oid(OIDS.data)]),
    asn1.create(Class.CONTEXT_SPECIFIC, 0, true, certs.map((c) => parseDer(c))),
    set([signerInfo]),
  ])
  return derOf(seq([oid(OIDS.signedData), asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [signedData])]))
}

export interface ReadCms {
  /** DER of the signer's certificate (the one the SignerInfo names), or null when it is not in the CMS. */
  certificate: Uint8Array | null
  messageDigest: Uint8Array | null
  signingTime: Date | null
  /** The hash named by the SignerInfo (node's name: 'sha256'). */
  hash: string | null
  /** Whether the signature over the signed attributes verifies with the certificate's public key. */
  signatureValid: boolean
}

const children = (n: forge.asn1.Asn1) => (Array.isArray(n.value) ? (n.value as forge.asn1.Asn1[]) : [])
const oidOf = (n: forge.asn1.Asn1 | undefined) => (n && n.type === Type.OID && typeof n.value === 'string' ? asn1.derToOid(n.value) : null)
const same = (a: forge.asn1.Asn1, b: forge.asn1.Asn1) => asn1.toDer(a).getBytes() === asn1.toDer(b).getBytes()

/** Reads a detached CMS SignedData (one signer): throws on what is not one. */
export function readCms(der: Uint8Array): ReadCms {
  const ci = parseDer(der)
  if (oidOf(children(ci)[0]) !== OIDS.signedData) throw new Error('not a CMS SignedData')
  const sd = children(children(ci)[1])[0]
  const parts = children(sd)
  const certNode = parts.find((p) => p.tagClass === Class.CONTEXT_SPECIFIC && p.type === 0)
  const certs = certNode ? children(certNode).map((c) => derOf(c)) : []
  const signerInfo = children(parts[parts.length - 1])[0]
  const si = children(signerInfo)
  const sid = si[1]
  let certificate: Uint8Array | null = null
  if (sid.tagClass === Class.UNIVERSAL) {
    const [issuer, serial] = children(sid)
    certificate = certs.find((c) => {
      const p = certParts(c)
      return same(p.issuer, issuer) && same(p.serial, serial)
    }) ?? null
  }
  certificate ??= certs[0] ?? null
  const hash = HASHES[oidOf(children(si[2])[0]) ?? ''] ?? null
  const signedAttrs = si[3]?.tagClass === Class.CONTEXT_SPECIFIC && si[3].type === 0 ? si[3] : null
  let messageDigest: Uint8Array | null = null
  let signingTime: Date | null = null
  for (const a of signedAttrs ? children(signedAttrs) : []) {
    const [t, values] = children(a)
    const v = children(values)[0]
    const type = oidOf(t)
    if (type === OIDS.messageDigest && typeof v?.value === 'string') messageDigest = fromBinary(v.value)
    if (type === OIDS.signingTime && typeof v?.value === 'string') signingTime = v.type === Type.UTCTIME ? asn1.utcTimeToDate(v.value) : asn1.generalizedTimeToDate(v.value)
  }
  let signatureValid = false
  const sigNode = si[signedAttrs ? 5 : 4]
  if (certificate && signedAttrs && hash && sigNode && typeof sigNode.value === 'string') {
    // the signature is over the attributes as a SET (tag 0x31), not as the [0] IMPLICIT they are sent in
    const attrsDer = derOf(signedAttrs)
    attrsDer[0] = 0x31
    try {
      signatureValid = cryptoVerify(hash, attrsDer, new X509Certificate(certificate).publicKey, fromBinary(sigNode.value))
    } catch {
      signatureValid = false
    }
  }
  return { certificate, messageDigest, signingTime, hash, signatureValid }
}
