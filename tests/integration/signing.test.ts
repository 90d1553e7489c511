// Signed documents (issue 11): a decision rendered from the real templates, signed by the director and then the
// Fund (an incremental update), read back by poppler's pdfsig and pdftotext and by readSignatures.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfLines, pdfSig } from '~/modules/documents/layout/pdf-check'
import { layoutDocument, loadLayoutFonts, renderDocument, renderDocumentForSigning } from '~/modules/documents/layout'
import {
  DEMO_MARKER,
  demoSealImage,
  demoSignatureImage,
  ensureDemoKeys,
  issueCertificate,
  p12Signer,
  readSignatures,
  type Signer,
  SignerKeyError,
  SigningConfigError,
  signingConfig,
  signingKeys,
  signOfficialDocument,
  toP12,
} from '~/modules/signing'
import { decision } from '../../templates/decision'
import { demoDecision } from '../../templates/samples'

const FUND = 'Quỹ Phát triển Khoa học và Công nghệ tỉnh Đắk Lắk'
const TIME = new Date('2026-12-03T07:05:09Z')
const DIRECTOR = { email: 'giamdoc@quykhcn.daklak.gov.vn', name: 'Nguyễn Văn Minh' }

let dir: string
let signer: Signer
let fund: Signer
let unsigned: Uint8Array
let signed: Uint8Array
const model = () => ({ ...decision(demoDecision(0)), verification: { url: 'https://quy.example.vn/verify/AB12CD', text: 'Tra cứu: https://quy.example.vn/verify/AB12CD' } })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signing-'))
  const config = signingConfig({ DATA_DIR: dir })
  const made = await ensureDemoKeys(config, { fundName: FUND, people: [DIRECTOR] })
  expect(made.created).toBe(true)
  const keys = signingKeys(config)
  fund = await keys.fund()
  signer = (await keys.personal(DIRECTOR.email))!
  const r = await renderDocumentForSigning(model())
  unsigned = r.pdf
  const t0 = performance.now()
  signed = await signOfficialDocument(unsigned, r.signatureSpaces[0], {
    signer,
    signatureImage: await demoSignatureImage(),
    fund,
    sealImage: await demoSealImage(),
    fundName: FUND,
    time: TIME,
    reason: 'Ban hành quyết định',
    location: 'Đắk Lắk',
  })
  const t1 = performance.now()
  const again = await signOfficialDocument(unsigned, r.signatureSpaces[0], { signer, signatureImage: await demoSignatureImage(), fund, sealImage: await demoSealImage(), fundName: FUND, time: TIME })
  const t2 = performance.now()
  expect(again.length).toBeGreaterThan(0)
  console.log(`signing: unsigned ${unsigned.length} B, signed ${signed.length} B; first ${Math.round(t1 - t0)} ms, warm ${Math.round(t2 - t1)} ms`)
  if (process.env.SIGNING_SAMPLE) await writeFile(process.env.SIGNING_SAMPLE, signed)
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('a signed decision', () => {
  it('carries two valid signatures, the director then the Fund, the last one over the whole document', async () => {
    const { signatures, output } = await pdfSig(signed)
    expect(signatures, output).toHaveLength(2)
    expect(signatures.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.'])
    expect(signatures[0].commonName).toBe(DIRECTOR.name)
    expect(signatures[1].commonName).toBe(FUND)
    expect(signatures[0].totalDocumentSigned).toBe(false)
    expect(signatures[1].totalDocumentSigned).toBe(true)
  })
})

/** The file with one byte changed at `at` (inside a stream, so the file still parses). */
function flip(pdf: Uint8Array, at: number): Uint8Array {
  const out = pdf.slice()
  out[at] ^= 0x01
  return out
}
/** An offset inside the first stream after `from`. */
function inStream(pdf: Uint8Array, from: number): number {
  const i = Buffer.from(pdf).indexOf('stream\n', from, 'latin1')
  return i + 'stream\n'.length + 5
}

describe('an altered copy', () => {
  it('a byte changed in the original document: pdfsig reports both signatures invalid', async () => {
    const altered = flip(signed, inStream(signed, 200))
    const { signatures, output } = await pdfSig(altered)
    expect(signatures, output).toHaveLength(2)
    for (const s of signatures) expect(s.valid, output).toBe(false)
    expect(output).toMatch(/Digest Mismatch/)
  })

  it("a byte changed in the Fund's update: the director's signature still holds, the Fund's does not", async () => {
    const first = readSignatures(signed)[0]
    const altered = flip(signed, inStream(signed, first.revisionLength))
    const { signatures, output } = await pdfSig(altered)
    expect(signatures.map((s) => s.valid), output).toEqual([true, false])
    expect(readSignatures(altered).map((s) => s.intact)).toEqual([true, false])
  })
})

describe('the text of a signed decision', () => {
  it("reads back with pdftotext as the unsigned decision, plus the verification line and the Fund's signature lines", async () => {
    const plain = await pdfLines(await renderDocument(decision(demoDecision(0))))
    const lines = await pdfLines(signed)
    expect(lines).toContain('Tra cứu: https://quy.example.vn/verify/AB12CD')
    // the visible mark of the Fund's signature: its name and the signing time in Việt Nam time, above the signer's name
    const info = [FUND, '2026-12-03T14:05:09+07:00']
    expect(lines.slice(-3)).toEqual([...info, 'Nguyễn Văn Minh'])
    expect(lines.filter((l) => !l.startsWith('Tra cứu:') && !info.includes(l))).toEqual(plain)
    expect((await pdfLines(unsigned)).filter((l) => !l.startsWith('Tra cứu:'))).toEqual(plain)
  })

  it('the verification mark sits in the bottom margin of page 1 and moves nothing', async () => {
    const fonts = await loadLayoutFonts()
    const without = layoutDocument(decision(demoDecision(0)), fonts)
    const withMark = layoutDocument(model(), fonts)
    const [first, ...rest] = withMark.pages
    expect(rest.map((p) => p.ops)).toEqual(without.pages.slice(1).map((p) => p.ops))
    const added = first.ops.slice(without.pages[0].ops.length)
    expect(first.ops.slice(0, without.pages[0].ops.length)).toEqual(without.pages[0].ops)
    expect(added.some((o) => o.op === 'rect')).toBe(true)
    for (const o of added) if (o.op !== 'line') expect(o.y).toBeLessThan(withMark.box.bottom)
    expect(withMark.signatureSpaces).toEqual(without.signatureSpaces)
  })

  it('reports the empty space of the signature block, 44 mm high under the authority lines', async () => {
    const fonts = await loadLayoutFonts()
    const laid = layoutDocument(decision(demoDecision(0)), fonts)
    expect(laid.signatureSpaces).toHaveLength(1)
    const space = laid.signatureSpaces[0]
    expect(space.height).toBeCloseTo((44 * 72) / 25.4, 1)
    const texts = laid.pages[space.page].ops.filter((o) => o.op === 'text')
    // nothing is drawn inside the space
    for (const t of texts) if (t.op === 'text' && t.x >= space.x) expect(t.y > space.y + space.height - 1 || t.y < space.y).toBe(true)
  })
})

describe('readSignatures', () => {
  it('reads who signed, when, with which certificate, and that the last signature covers the file', () => {
    const sigs = readSignatures(signed)
    expect(sigs).toHaveLength(2)
    expect(sigs.map((s) => [s.signerName, s.organisation, s.demo, s.intact, s.coversWholeFile])).toEqual([
      [DIRECTOR.name, FUND, true, true, false],
      [FUND, FUND, true, true, true],
    ])
    expect(sigs[0].certificateSha256).toBe(signer.certificateSha256)
    expect(sigs[1].certificateSha256).toBe(fund.certificateSha256)
    expect(sigs[0].signingTime?.toISOString()).toBe(TIME.toISOString())
    expect(sigs[1].revisionLength).toBe(signed.length)
    expect(sigs[0].revisionLength).toBeLessThan(sigs[1].revisionLength)
  })

  it('reports an altered file as not intact, and something appended after the last signature', () => {
    expect(readSignatures(flip(signed, inStream(signed, 200))).map((s) => s.intact)).toEqual([false, false])
    const appended = new Uint8Array([...signed, ...Buffer.from('\n% appended\n')])
    expect(readSignatures(appended).map((s) => [s.intact, s.coversWholeFile])).toEqual([
      [true, false],
      [true, false],
    ])
  })

  it('returns [] for an unsigned PDF and for garbage, never throws', () => {
    expect(readSignatures(unsigned)).toEqual([])
    expect(readSignatures(new Uint8Array())).toEqual([])
    expect(readSignatures(randomBytes(5000))).toEqual([])
    expect(readSignatures(new Uint8Array(Buffer.from('%PDF-1.7\n/ByteRange [0 10 20 5] /Contents <3082zz>')))).toEqual([])
    expect(readSignatures(new Uint8Array(Buffer.from('%PDF-1.7\n/ByteRange [0 99999999 99999999999 5]')))).toEqual([])
    // a signed file cut short: what remains is read as far as it goes
    expect(() => readSignatures(signed.subarray(0, Math.floor(signed.length / 2)))).not.toThrow()
    // the CMS replaced by zeros
    const zeroed = signed.slice()
    const r = readSignatures(signed)[0]
    const at = Buffer.from(signed).indexOf('/Contents <', 0, 'latin1') + 11
    zeroed.fill(0x30, at, at + 200)
    expect(() => readSignatures(zeroed)).not.toThrow()
    expect(r.intact).toBe(true)
  })
})

describe('keys', () => {
  const year = 365 * 86_400_000
  const issued = () => {
    const ca = issueCertificate({ subject: { CN: 'Test CA', OU: DEMO_MARKER }, notBefore: new Date(Date.now() - year), notAfter: new Date(Date.now() + 5 * year), ca: true })
    const own = issueCertificate({ subject: { CN: 'Trần Thị Hoa', O: FUND, OU: DEMO_MARKER }, issuer: ca, notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2027-01-01T00:00:00Z') })
    return toP12(own, [ca], 'đúng-mật-khẩu')
  }
  const p12 = issued()

  it('opens a PKCS#12 with its passphrase: the name, the organisation, the chain', () => {
    const s = p12Signer(p12, 'đúng-mật-khẩu', new Date('2026-06-01T00:00:00Z'))
    expect([s.name, s.organisation, s.demo, s.certificates().length]).toEqual(['Trần Thị Hoa', FUND, true, 2])
    expect(s.certificateSha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses a wrong passphrase, an expired or not yet valid certificate, and what is not a PKCS#12', () => {
    const reason = (f: () => unknown) => {
      try {
        f()
      } catch (e) {
        expect(e).toBeInstanceOf(SignerKeyError)
        expect(String((e as Error).message)).not.toContain('sai-mật-khẩu')
        return (e as SignerKeyError).reason
      }
      return 'accepted'
    }
    expect(reason(() => p12Signer(p12, 'sai-mật-khẩu', new Date('2026-06-01T00:00:00Z')))).toBe('passphrase')
    expect(reason(() => p12Signer(p12, 'đúng-mật-khẩu', new Date('2027-02-01T00:00:00Z')))).toBe('expired')
    expect(reason(() => p12Signer(p12, 'đúng-mật-khẩu', new Date('2025-12-01T00:00:00Z')))).toBe('not_yet_valid')
    expect(reason(() => p12Signer(randomBytes(300), 'x'))).toBe('format')
    expect(reason(() => p12Signer(new Uint8Array(Buffer.from('%PDF-1.7 not a key')), 'x'))).toBe('format')
  })

  it('demo keys: made once, private files, refused in production', async () => {
    const config = signingConfig({ DATA_DIR: dir })
    expect(await ensureDemoKeys(config, { fundName: FUND, people: [DIRECTOR] })).toEqual({ created: false, dir: join(dir, 'keys') })
    for (const f of ['passphrase', 'fund.p12', 'demo-ca.p12', `signers/${DIRECTOR.email}.p12`]) expect((await stat(join(dir, 'keys', f))).mode & 0o777).toBe(0o600)
    expect(await readFile(join(dir, 'keys', 'demo-ca.crt'), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/)
    // a new person later: only their key is made
    expect((await ensureDemoKeys(config, { fundName: FUND, people: [DIRECTOR, { email: 'Pho.GD@example.vn', name: 'Lê Văn Phó' }] })).created).toBe(true)
    expect((await signingKeys(config).personal('pho.gd@example.vn'))?.name).toBe('Lê Văn Phó')
    expect(await signingKeys(config).personal('nobody@example.vn')).toBeNull()

    const production = signingConfig({ DATA_DIR: dir, NODE_ENV: 'production', APP_URL: 'https://quy.example.vn' })
    await expect(signingKeys(production).fund()).rejects.toMatchObject({ reason: 'demo_in_production' })
    await expect(signingKeys(production).personal(DIRECTOR.email)).rejects.toBeInstanceOf(SigningConfigError)
    expect(await ensureDemoKeys(production, { fundName: FUND, people: [] })).toMatchObject({ created: false })
    // production over plain http (a local trial) still takes them
    expect((await signingKeys(signingConfig({ DATA_DIR: dir, NODE_ENV: 'production', APP_URL: 'http://localhost:3000' })).fund()).demo).toBe(true)
  })

  it('a missing or unreadable Fund key is reported without its passphrase', async () => {
    const missing = signingConfig({ DATA_DIR: join(dir, 'nowhere') })
    await expect(signingKeys(missing).fund()).rejects.toMatchObject({ reason: 'missing' })
    const wrong = signingConfig({ DATA_DIR: dir, FUND_SIGNING_P12: join(dir, 'keys', 'fund.p12'), FUND_SIGNING_PASSPHRASE: 'bí-mật-sai' })
    const err = await signingKeys(wrong).fund().catch((e) => e)
    expect(err).toBeInstanceOf(SigningConfigError)
    expect(err.reason).toBe('unreadable')
    expect(err.message).not.toContain('bí-mật-sai')
    expect(JSON.stringify(wrong)).not.toContain('bí-mật-sai')
  })
})
