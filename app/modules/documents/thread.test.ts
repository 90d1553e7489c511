// The receipt thread (ADR 028), run as the server runs it: the thread's file bundled by esbuild (as
// server/build.mjs bundles it), started as a real worker thread; the PDFs read back with pdftotext.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { nodeBundle } from '../../../server/bundle-options.mjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfLines } from './layout/pdf-check'
import type { ReceiptInput } from './receipt'
import { type ReceiptDrawer, startReceiptThread, WARM_UP_RECEIPT } from './thread'

let dir: string
let file: URL
let drawer: ReceiptDrawer | undefined
beforeAll(async () => {
  // Inside the checkout, so that the bundle's packages resolve from node_modules as build/'s do.
  const cache = fileURLToPath(new URL('../../../node_modules/.cache', import.meta.url))
  await mkdir(cache, { recursive: true })
  dir = await mkdtemp(join(cache, 'pdf-thread-'))
  const out = join(dir, 'pdf-thread.js')
  await build({
    entryPoints: [fileURLToPath(new URL('../../../server/pdf-thread.ts', import.meta.url))],
    outfile: out,
    ...nodeBundle,
  })
  file = pathToFileURL(out)
}, 60_000)
afterAll(async () => {
  await drawer?.close()
  await rm(dir, { recursive: true, force: true })
})

const receipt = (reference: string, lang: 'vi' | 'en' = 'vi'): ReceiptInput => ({
  lang,
  fundName: 'Quỹ Phát triển Khoa học và Công nghệ tỉnh Đắk Lắk',
  parentBody: 'UBND tỉnh Đắk Lắk',
  reference,
  submittedAt: new Date('2027-01-05T07:32:00Z'),
  callCode: 'KHCN-2027-01',
  callTitle: 'Hỗ trợ đổi mới công nghệ',
  organisationName: 'Công ty Cổ phần Nông sản Buôn Ma Thuột',
  organisationIdentifier: '0100233488',
  applicationTitle: 'Cà phê Đắk Lắk: giữ độ ẩm, hương vị',
  requestedAmount: 500_000_000,
  counterpartAmount: 600_000_000,
  documents: [{ name: 'Thuyết minh nhiệm vụ', filename: 'thuyet-minh.pdf', sizeBytes: 245_760, sha256: 'a'.repeat(64) }],
})

describe('the receipt thread', () => {
  it('draws the receipts asked at once, each its own, in either language (the time read in Việt Nam time)', async () => {
    drawer = startReceiptThread(file)
    const refs = Array.from({ length: 6 }, (_, i) => `QKHCN-2027-${String(i + 1).padStart(4, '0')}`)
    const pdfs = await Promise.all(refs.map((r, i) => drawer!.draw(receipt(r, i % 2 ? 'en' : 'vi'))))
    for (const [i, pdf] of pdfs.entries()) {
      const text = (await pdfLines(pdf)).join('\n')
      expect(text).toContain(refs[i])
      for (const other of refs.filter((r) => r !== refs[i])) expect(text).not.toContain(other)
      expect(text).toContain('14:32')
      expect(text).toContain(i % 2 ? 'RECEIPT' : 'GIẤY BIÊN NHẬN')
    }
  })

  it('warms up when the server starts: its sample receipt draws (nothing real in it), and drawing goes on after', async () => {
    drawer ??= startReceiptThread(file)
    await drawer.warm()
    expect((await pdfLines(await drawer.draw(WARM_UP_RECEIPT))).join(' ')).toContain('KHOI-DONG')
    expect((await pdfLines(await drawer.draw(receipt('QKHCN-2027-0007')))).join(' ')).toContain('QKHCN-2027-0007')
  })

  it('answers a receipt it cannot draw with the reason, and goes on drawing the next ones', async () => {
    drawer ??= startReceiptThread(file)
    const broken = { ...receipt('QKHCN-2027-0099'), documents: null } as unknown as ReceiptInput
    await expect(drawer.draw(broken)).rejects.toThrow()
    expect((await pdfLines(await drawer.draw(receipt('QKHCN-2027-0100')))).join(' ')).toContain('QKHCN-2027-0100')
  })

  it('a thread that stops fails what it was drawing (the outbox retries it) and a new one draws the next', async () => {
    const own = startReceiptThread(file)
    const first = own.draw(receipt('QKHCN-2027-0200'))
    await own.close()
    await expect(first).rejects.toThrow(/stopped/)
    expect((await pdfLines(await own.draw(receipt('QKHCN-2027-0201')))).join(' ')).toContain('QKHCN-2027-0201')
    await own.close()
  })

  it('a warm-up cut short by the server stopping ends quietly (a server stopped at once logs no error)', async () => {
    const own = startReceiptThread(file)
    const warming = own.warm()
    await own.close()
    await expect(warming).resolves.toBeUndefined()
  })
})
