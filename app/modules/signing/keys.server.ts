// Where the signing keys come from (server side only). The Fund's PKCS#12 and its passphrase come from the
// environment (FUND_SIGNING_P12, FUND_SIGNING_PASSPHRASE), never from the database; configured signers' PKCS#12
// files lie in SIGNER_KEYS_DIR as <email>.p12. On a fresh installation ensureDemoKeys creates a demo PKI under
// $DATA_DIR/keys; production (NODE_ENV=production with an https APP_URL) refuses demo certificates.
// Passphrases are kept out of this object's enumerable fields, of logs and of error messages.
import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import forge from 'node-forge'
import { certificatePem, DEMO_MARKER, type Issued, issueCertificate, toP12 } from './certificate'
import { p12Signer, type Signer, SignerKeyError } from './signer'

export type SigningConfigErrorReason = 'missing' | 'demo_in_production' | 'unreadable'

export class SigningConfigError extends Error {
  constructor(
    public reason: SigningConfigErrorReason,
    message: string,
  ) {
    super(message)
    this.name = 'SigningConfigError'
  }
}

export interface SigningConfig {
  /** $DATA_DIR/keys: the demo PKI and its passphrase file. */
  keysDir: string
  /** The Fund's PKCS#12 (FUND_SIGNING_P12, default keysDir/fund.p12). */
  fundP12: string
  /** FUND_SIGNING_P12 was set: real keys are configured, no demo keys are made. */
  fundFromEnvironment: boolean
  /** Configured signers' PKCS#12 files, <email>.p12 (SIGNER_KEYS_DIR, default keysDir/signers). */
  signerKeysDir: string
  /** False in production (NODE_ENV=production and an https APP_URL): demo certificates are refused. */
  demoKeysAllowed: boolean
  /** The passphrases (from the environment, else the passphrase file of keysDir). Not enumerable. */
  readonly fundPassphrase: () => Promise<string | null>
  readonly signerPassphrase: () => Promise<string | null>
}

/** The file in keysDir holding the demo keys' passphrase (0600). */
export const PASSPHRASE_FILE = 'passphrase'

async function passphraseFile(keysDir: string): Promise<string | null> {
  const file = join(keysDir, PASSPHRASE_FILE)
  if (!existsSync(file)) return null
  return (await readFile(file, 'utf8')).trim()
}

export function signingConfig(env: Record<string, string | undefined>): SigningConfig {
  const dataDir = resolve(env.DATA_DIR || 'data')
  const keysDir = join(dataDir, 'keys')
  const production = env.NODE_ENV === 'production' && /^https:\/\//i.test(env.APP_URL ?? '')
  const fundPass = env.FUND_SIGNING_PASSPHRASE
  const signerPass = env.SIGNER_KEYS_PASSPHRASE
  const config = {
    keysDir,
    fundP12: resolve(env.FUND_SIGNING_P12 || join(keysDir, 'fund.p12')),
    fundFromEnvironment: !!env.FUND_SIGNING_P12,
    signerKeysDir: resolve(env.SIGNER_KEYS_DIR || join(keysDir, 'signers')),
    demoKeysAllowed: !production,
  } as SigningConfig
  Object.defineProperty(config, 'fundPassphrase', { enumerable: false, value: async () => fundPass ?? passphraseFile(keysDir) })
  Object.defineProperty(config, 'signerPassphrase', { enumerable: false, value: async () => signerPass ?? passphraseFile(keysDir) })
  return config
}

/** The file name of a person's PKCS#12: the e-mail address in lower case, nothing that leaves the folder. */
export function signerFileName(email: string): string {
  return `${email.trim().toLowerCase().replace(/[^a-z0-9@._+-]/g, '_').replace(/^\.+/, '_')}.p12`
}

const DAY = 86_400_000

async function writePrivate(file: string, bytes: Uint8Array | string) {
  await writeFile(file, bytes, { mode: 0o600 })
  await chmod(file, 0o600)
}

/**
 * Creates what is missing of the demo PKI under keysDir: the passphrase file, a demo CA (demo-ca.p12,
 * demo-ca.crt), the Fund's certificate (fund.p12, O = the fund's name) and one PKCS#12 per person
 * (signers/<email>.p12). Idempotent; does nothing when real keys are configured or demo keys are refused.
 */
export async function ensureDemoKeys(config: SigningConfig, input: { fundName: string; people: { email: string; name: string }[] }): Promise<{ created: boolean; dir: string }> {
  const dir = config.keysDir
  if (!config.demoKeysAllowed || config.fundFromEnvironment) return { created: false, dir }
  let created = false
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await mkdir(config.signerKeysDir, { recursive: true, mode: 0o700 })
  const passFile = join(dir, PASSPHRASE_FILE)
  if (!existsSync(passFile)) {
    await writePrivate(passFile, `${randomBytes(24).toString('base64url')}\n`)
    created = true
  }
  const passphrase = (await passphraseFile(dir))!
  const now = Date.now()
  const caFile = join(dir, 'demo-ca.p12')
  let ca: Issued
  if (existsSync(caFile)) {
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(await readFile(caFile)).toString('latin1')), false, passphrase)
    const key = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]![0].key as forge.pki.rsa.PrivateKey
    const cert = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag]![0].cert!
    ca = { key, cert, der: new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'latin1')) }
  } else {
    ca = issueCertificate({
      subject: { CN: `${input.fundName} – Demo CA`, O: input.fundName, OU: DEMO_MARKER },
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 10 * 365 * DAY),
      ca: true,
    })
    await writePrivate(caFile, toP12(ca, [], passphrase, 'demo-ca'))
    await writeFile(join(dir, 'demo-ca.crt'), certificatePem(ca.der))
    created = true
  }
  const issue = async (file: string, cn: string) => {
    if (existsSync(file)) return
    const own = issueCertificate({ subject: { CN: cn, O: input.fundName, OU: DEMO_MARKER }, issuer: ca, notBefore: new Date(now - DAY), notAfter: new Date(now + 3 * 365 * DAY) })
    await writePrivate(file, toP12(own, [ca], passphrase, cn))
    created = true
  }
  if (config.fundP12 === resolve(join(dir, 'fund.p12'))) await issue(config.fundP12, input.fundName)
  for (const p of input.people) await issue(join(config.signerKeysDir, signerFileName(p.email)), p.name)
  return { created, dir }
}

/** Signers parsed from files, kept per process while the file (and the passphrase that opened it) is unchanged. */
const loaded = new Map<string, { stamp: string; signer: Signer }>()

async function fileSigner(file: string, passphrase: string | null, what: string): Promise<Signer> {
  let st
  try {
    st = await stat(file)
  } catch {
    throw new SigningConfigError('missing', `${what}: no PKCS#12 file at ${file}`)
  }
  if (passphrase === null) throw new SigningConfigError('missing', `${what}: no passphrase is configured`)
  // the passphrase is part of the key: a wrong one never gets the signer a right one opened
  const stamp = `${st.mtimeMs}:${st.size}:${createHash('sha256').update(passphrase).digest('hex')}`
  const hit = loaded.get(file)
  if (hit && hit.stamp === stamp && hit.signer.notAfter.getTime() >= Date.now()) return hit.signer
  let signer: Signer
  try {
    signer = p12Signer(new Uint8Array(await readFile(file)), passphrase)
  } catch (e) {
    const reason = e instanceof SignerKeyError ? e.reason : 'format'
    throw new SigningConfigError('unreadable', `${what}: the PKCS#12 file ${file} cannot be used (${reason})`)
  }
  loaded.set(file, { stamp, signer })
  return signer
}

/** The Fund's signer and configured personal signers. */
export function signingKeys(config: SigningConfig): { fund(): Promise<Signer>; personal(email: string): Promise<Signer | null> } {
  const refuseDemo = (s: Signer, what: string) => {
    if (s.demo && !config.demoKeysAllowed) throw new SigningConfigError('demo_in_production', `${what}: a demo certificate cannot sign in production`)
    return s
  }
  return {
    async fund() {
      return refuseDemo(await fileSigner(config.fundP12, await config.fundPassphrase(), "The Fund's signing key"), "The Fund's signing key")
    },
    async personal(email: string) {
      const file = join(config.signerKeysDir, signerFileName(email))
      if (!existsSync(file)) return null
      return refuseDemo(await fileSigner(file, await config.signerPassphrase(), 'The signing key of a configured signer'), 'The signing key of a configured signer')
    },
  }
}
