// The Signer interface and the one implementation we ship: a PKCS#12 file held in memory.
// A hardware token (PKCS#11) or a remote signing service implements the same interface (ADR 017).
import { createHash, createPrivateKey, type KeyObject, sign as rsaSign } from 'node:crypto'
import forge from 'node-forge'
import { DEMO_MARKER } from './certificate'
import { certParts, derOf, nameParts, parseDer } from './der'

export interface Signer {
  /** The certificate subject's common name. */
  name: string
  /** The subject's organisation (O). */
  organisation: string | null
  /** A demo certificate (its subject carries the DEMO marker). */
  demo: boolean
  /** Hex SHA-256 of the signer certificate's DER. */
  certificateSha256: string
  notBefore: Date
  notAfter: Date
  /** DER certificates: the signer's first, then its chain. */
  certificates(): Uint8Array[]
  /** RSA PKCS#1 v1.5 with SHA-256 over `data` (the DER of the CMS signed attributes). */
  sign(data: Uint8Array): Promise<Uint8Array>
}

export type SignerKeyErrorReason = 'passphrase' | 'format' | 'no_key' | 'expired' | 'not_yet_valid'

/** A key that cannot sign. The message never holds the passphrase. */
export class SignerKeyError extends Error {
  constructor(
    public reason: SignerKeyErrorReason,
    message?: string,
  ) {
    super(message ?? `Signing key refused: ${reason}`)
    this.name = 'SignerKeyError'
  }
}

/** Whether a certificate's subject marks it as a demo (an OU starting with "DEMO"). */
export const isDemoSubject = (ou: string[]) => ou.some((u) => u === DEMO_MARKER || /^DEMO\b/i.test(u))

export const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

/**
 * A signer from a PKCS#12 file and its passphrase, checked at `now` (default: the current time): the key and
 * certificates stay in this object's memory only.
 */
export function p12Signer(p12: Uint8Array, passphrase: string, now: Date = new Date()): Signer {
  let parsed: forge.pkcs12.Pkcs12Pfx
  let asn: forge.asn1.Asn1
  try {
    asn = parseDer(p12)
  } catch {
    throw new SignerKeyError('format', 'Not a PKCS#12 file')
  }
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(asn, false, passphrase)
  } catch (e) {
    const msg = e instanceof Error ? e.message : ''
    if (/password|MAC|decrypt/i.test(msg)) throw new SignerKeyError('passphrase', 'Wrong passphrase for the PKCS#12 file')
    throw new SignerKeyError('format', 'Not a readable PKCS#12 file')
  }
  const bagsOf = (type: string) => parsed.getBags({ bagType: type })[type] ?? []
  const keys = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag), ...bagsOf(forge.pki.oids.keyBag)].map((b) => b.key).filter(Boolean) as forge.pki.rsa.PrivateKey[]
  if (keys.length === 0) {
    // a wrong passphrase on a file without MAC decrypts to garbage: the key bag is then unreadable
    throw new SignerKeyError('no_key', 'The PKCS#12 file holds no private key (or it cannot be decrypted)')
  }
  const key = keys[0]
  const certs = bagsOf(forge.pki.oids.certBag)
    .map((b) => b.cert)
    .filter(Boolean) as forge.pki.Certificate[]
  const own = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey
    return pub?.n?.equals(key.n) && pub.e.equals(key.e)
  })
  if (!own) throw new SignerKeyError('no_key', 'No certificate in the PKCS#12 file matches its private key')
  const ders = [own, ...certs.filter((c) => c !== own)].map((c) => derOf(forge.pki.certificateToAsn1(c)))
  const subject = nameParts(certParts(ders[0]).subject)
  const notBefore = own.validity.notBefore
  const notAfter = own.validity.notAfter
  if (now.getTime() > notAfter.getTime()) throw new SignerKeyError('expired', `The certificate expired on ${notAfter.toISOString()}`)
  if (now.getTime() < notBefore.getTime()) throw new SignerKeyError('not_yet_valid', `The certificate is valid from ${notBefore.toISOString()}`)
  const privateKey: KeyObject = createPrivateKey(forge.pki.privateKeyToPem(key))
  return {
    name: subject.CN ?? '',
    organisation: subject.O,
    demo: isDemoSubject(subject.OU),
    certificateSha256: sha256Hex(ders[0]),
    notBefore,
    notAfter,
    certificates: () => ders.map((d) => d.slice()),
    sign: async (data) => new Uint8Array(rsaSign('sha256', data, privateKey)),
  }
}
