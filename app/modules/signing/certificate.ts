// X.509 certificates of the demo PKI (keys.server.ts, the tests): keys from Node's crypto (fast, native),
// certificates and PKCS#12 files from node-forge.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import forge from 'node-forge'
import { derOf, fromBinary, toBinary } from './der'

const { pki, asn1 } = forge

/** The organisational unit every demo certificate carries: readers and verifiers show it. */
export const DEMO_MARKER = 'DEMO – not valid for official use'

export interface Subject {
  CN: string
  O?: string | null
  OU?: string | null
}

export interface Issued {
  cert: forge.pki.Certificate
  key: forge.pki.rsa.PrivateKey
  der: Uint8Array
}

function attrs(s: Subject): forge.pki.CertificateField[] {
  const out: forge.pki.CertificateField[] = [{ shortName: 'CN', value: s.CN.normalize('NFC'), valueTagClass: asn1.Type.UTF8 as never }]
  if (s.O) out.push({ shortName: 'O', value: s.O.normalize('NFC'), valueTagClass: asn1.Type.UTF8 as never })
  if (s.OU) out.push({ shortName: 'OU', value: s.OU.normalize('NFC'), valueTagClass: asn1.Type.UTF8 as never })
  out.push({ shortName: 'C', value: 'VN' })
  return out
}

/**
 * Issues a certificate (RSA 2048, SHA-256): a CA when `ca` is set, else a signing certificate (digital signature
 * and non-repudiation). Self-signed when no issuer is given. Names are UTF8String (forge encodes them).
 */
export function issueCertificate(o: { subject: Subject; issuer?: Issued; notBefore: Date; notAfter: Date; ca?: boolean }): Issued {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const key = pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string) as forge.pki.rsa.PrivateKey
  const cert = pki.createCertificate()
  cert.publicKey = pki.setRsaPublicKey(key.n, key.e)
  // a positive serial of 16 random bytes
  const serial = randomBytes(16)
  serial[0] &= 0x7f
  cert.serialNumber = serial.toString('hex')
  cert.validity.notBefore = o.notBefore
  cert.validity.notAfter = o.notAfter
  cert.setSubject(attrs(o.subject))
  cert.setIssuer(o.issuer ? o.issuer.cert.subject.attributes : attrs(o.subject))
  cert.setExtensions(
    o.ca
      ? [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
          { name: 'subjectKeyIdentifier' },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
          { name: 'subjectKeyIdentifier' },
          ...(o.issuer ? [{ name: 'authorityKeyIdentifier', keyIdentifier: o.issuer.cert.generateSubjectKeyIdentifier().getBytes() }] : []),
        ],
  )
  cert.sign(o.issuer ? o.issuer.key : key, forge.md.sha256.create())
  return { cert, key, der: derOf(pki.certificateToAsn1(cert)) }
}

/** A PKCS#12 file of a key, its certificate and its chain (AES-256, SHA-1 MAC as OpenSSL reads it). */
export function toP12(issued: Issued, chain: Issued[], passphrase: string, friendlyName?: string): Uint8Array {
  const p12 = forge.pkcs12.toPkcs12Asn1(issued.key, [issued.cert, ...chain.map((c) => c.cert)], passphrase, {
    algorithm: 'aes256',
    ...(friendlyName ? { friendlyName } : {}),
  })
  return fromBinary(asn1.toDer(p12).getBytes())
}

export const certificatePem = (der: Uint8Array) => pki.certificateToPem(pki.certificateFromAsn1(asn1.fromDer(toBinary(der))))
