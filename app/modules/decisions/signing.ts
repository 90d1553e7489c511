import { randomInt } from 'node:crypto'
import type { DB } from '../../../db'
import type { FileStorage } from '../applications'
import { type DocumentModel, renderDocumentForSigning } from '../documents/layout'
import { type Signer, signOfficialDocument } from '../signing'
import { type IssuedDocument, storeDocument } from './documents'
import type { RegisteredNumber } from './register'

// The last step of issuing any of the Fund's documents (ADR 017): the number is in the model, a verification
// code and its QR code are printed on page 1, the signer signs in the signature block, the Fund's key signs
// over it (seal, name, time) as an incremental update, and the signed file is stored with who signed it — in the
// caller's transaction, so a signing that fails leaves no number taken.

/** The person who signs: their account, key, capacity and the image of their signature. */
export interface SigningParty {
  user: { id: string; fullName: string }
  signer: Signer
  signatureImage: Uint8Array | null
  /** "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "CHỦ TỊCH HỘI ĐỒNG"… */
  capacity: string
  /** "KT. GIÁM ĐỐC" when a deputy signs for the director; "" otherwise. */
  authority: string
}

/** The Fund's own signature: its key, its seal's image and its name, printed beside the seal. */
export interface FundSeal {
  signer: Signer
  sealImage: Uint8Array | null
  fundName: string
}

export interface Signing {
  party: SigningParty
  fund: FundSeal
  /** The portal's address, for the verification link printed on the document. */
  appUrl: string
}

/** Crockford's base 32 without the letters read as digits (I, L, O, U): easy to read off paper and type. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A new verification code: 10 characters (50 bits), printed as "ABCDE-FGHJK". */
export function newVerificationCode(): string {
  let code = ''
  for (let i = 0; i < 10; i++) code += ALPHABET[randomInt(ALPHABET.length)]
  return code
}

/** A code as typed (lower case, spaces, dashes, O for 0, I/L for 1) to its stored form; null when it cannot be one. */
export function normaliseVerificationCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  return code.length === 10 && [...code].every((c) => ALPHABET.includes(c)) ? code : null
}

export const printedCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`

export const verificationUrl = (appUrl: string, code: string) => `${appUrl.replace(/\/+$/, '')}/verify/${printedCode(code)}`

/**
 * Signs and stores a numbered document: prints the verification line, signs it as the party then as the Fund,
 * and records the file with the signatures' facts. Throws when a key fails (the caller's transaction rolls back).
 */
export async function signAndStore(
  trx: DB,
  storage: FileStorage,
  input: {
    register: RegisteredNumber
    kind: string
    model: DocumentModel
    prefix?: string
    applicationId?: string
    callId: string
    councilId?: string
    actor: { id: string }
    now: Date
    signing: Signing
  },
): Promise<{ document: IssuedDocument; pdf: Uint8Array }> {
  const { party, fund, appUrl } = input.signing
  const code = newVerificationCode()
  const url = verificationUrl(appUrl, code)
  const model: DocumentModel = { ...input.model, verification: { url, text: `Tra cứu: ${url}` } }
  const drawn = await renderDocumentForSigning(model)
  // The signer's block is the last one drawn (the right-hand one where there are two, as in minutes).
  const space = drawn.signatureSpaces.at(-1)
  if (!space) throw new Error(`the ${input.kind} has no signature block to sign in`)
  const pdf = await signOfficialDocument(drawn.pdf, space, {
    signer: party.signer,
    signatureImage: party.signatureImage,
    fund: fund.signer,
    sealImage: fund.sealImage,
    fundName: fund.fundName,
    time: input.now,
    reason: input.register.symbol,
  })
  const document = await storeDocument(trx, storage, {
    register: input.register,
    kind: input.kind,
    pdf,
    prefix: input.prefix,
    applicationId: input.applicationId,
    callId: input.callId,
    councilId: input.councilId,
    actor: input.actor,
    now: input.now,
    signature: {
      verificationCode: code,
      signedAt: input.now,
      signerId: party.user.id,
      signerName: party.user.fullName,
      signerCapacity: [party.authority, party.capacity].filter(Boolean).join(' – '),
      signerCertificateSha256: party.signer.certificateSha256,
      fundCertificateSha256: fund.signer.certificateSha256,
    },
  })
  return { document, pdf }
}
