import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { embedFonts, fontsDir } from './fonts'
import { type ReceiptInput, renderReceipt, wrapText } from './receipt'

// Read like a reader would: poppler's pdftotext, pdffonts and pdfinfo (poppler-utils; .ci/run installs it).
const run = promisify(execFile)
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'receipt-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

async function save(name: string, bytes: Uint8Array) {
  const file = join(dir, name)
  await writeFile(file, bytes)
  return file
}
/** The text of a PDF as pdftotext -layout gives it, each line with its runs of spaces collapsed. */
async function lines(file: string) {
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])
  return stdout.split(/\r?\n/).map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim()).filter(Boolean)
}
/** A made-up but well-formed SHA-256 (64 lower-case hex digits), different for each i. */
const hash = (i: number) => Array.from({ length: 64 }, (_, j) => '0123456789abcdef'[(i * 7 + j * 13 + (j >> 3)) % 16]).join('')

const input: ReceiptInput = {
  lang: 'vi',
  fundName: 'Quỹ Phát triển Khoa học và Công nghệ tỉnh Đắk Lắk',
  parentBody: 'UBND tỉnh Đắk Lắk',
  reference: 'HS-2027-00012',
  submittedAt: new Date('2027-01-05T07:32:00Z'), // 14:32 in Việt Nam (UTC+7)
  callCode: 'KHCN-2027-01',
  callTitle: 'Hỗ trợ đổi mới công nghệ',
  organisationName: 'Công ty Cổ phần Nông sản Buôn Ma Thuột',
  organisationIdentifier: '0100233488',
  // Typed decomposed (NFD), as some keyboards send it: the PDF must hold the composed letters.
  applicationTitle: 'Cà phê Đắk Lắk: giữ độ ẩm, hương vị'.normalize('NFD'),
  requestedAmount: 12_345_678,
  counterpartAmount: 1_500_000_000,
  documents: [
    { name: 'Đơn đăng ký', filename: 'don-dang-ky.pdf', sizeBytes: 1000, sha256: hash(1) },
    { name: 'Thuyết minh', filename: 'thuyet-minh.pdf', sizeBytes: 245_760, sha256: hash(2) },
    { name: 'Dự toán', filename: 'du-toan.xlsx', sizeBytes: 3_250_586, sha256: hash(3) },
  ],
}

describe('the receipt of an application', () => {
  it('reads back, line by line, in Vietnamese', async () => {
    const file = await save('vi.pdf', await renderReceipt(input))
    const text = await lines(file)
    expect(text.join('\n')).toBe(text.join('\n').normalize('NFC'))
    expect(text[0]).toBe('UBND TỈNH ĐẮK LẮK CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    expect(text).toContain('GIẤY BIÊN NHẬN HỒ SƠ')
    expect(text).toContain('Mã hồ sơ: HS-2027-00012')
    expect(text).toContain('Thời điểm nộp: 14:32 ngày 05/01/2027')
    expect(text).toContain('Đợt kêu gọi: KHCN-2027-01 – Hỗ trợ đổi mới công nghệ')
    expect(text).toContain('Tổ chức đề nghị: Công ty Cổ phần Nông sản Buôn Ma Thuột')
    expect(text).toContain('Mã số thuế: 0100233488')
    expect(text).toContain('Tên nhiệm vụ: Cà phê Đắk Lắk: giữ độ ẩm, hương vị')
    expect(text).toContain('Kinh phí đề nghị Quỹ hỗ trợ: 12.345.678 ₫')
    expect(text).toContain('Vốn đối ứng: 1.500.000.000 ₫')
    expect(text).toContain('Danh mục tài liệu đã nộp (3)')
    // Each document on its row; the hash wraps after 32 digits, the rest on the next line.
    const rows = [
      ['1 Đơn đăng ký don-dang-ky.pdf 1.000 byte', hash(1)],
      ['2 Thuyết minh thuyet-minh.pdf 240 KB', hash(2)],
      ['3 Dự toán du-toan.xlsx 3,1 MB', hash(3)],
    ]
    for (const [row, sha] of rows) {
      const at = text.indexOf(`${row} ${sha.slice(0, 32)}`)
      expect(at, row).toBeGreaterThan(0)
      expect(text[at + 1]).toBe(sha.slice(32))
    }
    expect(text).toContain('Quỹ sẽ thông báo kết quả kiểm tra hồ sơ trong 7 ngày làm việc.')
  })

  it('embeds Liberation Serif, and the document says what it is', async () => {
    const bytes = await renderReceipt(input)
    const file = await save('fonts.pdf', bytes)
    const { stdout } = await run('pdffonts', [file])
    const fonts = stdout.split('\n').slice(2).filter(Boolean)
    expect(fonts.length).toBeGreaterThanOrEqual(2) // regular and bold, italic for the notes
    for (const f of fonts) {
      expect(f).toMatch(/^LiberationSerif/)
      const cols = f.trim().split(/\s+/)
      expect(cols.at(-5), f).toBe('yes') // emb
      expect(cols.at(-3), f).toBe('yes') // uni: a ToUnicode map, so text copies out right
    }
    const info = await run('pdfinfo', [file])
    expect(info.stdout).toMatch(/^Title:\s+GIẤY BIÊN NHẬN HỒ SƠ HS-2027-00012$/m)
    expect(info.stdout).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m)
    expect(info.stdout).toMatch(/^Pages:\s+1$/m)
    expect(bytes.length).toBeLessThan(200_000) // subset fonts: small enough to mail
  })

  it('is written in English for an English-speaking applicant', async () => {
    const text = await lines(await save('en.pdf', await renderReceipt({ ...input, lang: 'en' })))
    expect(text).toContain('RECEIPT OF APPLICATION')
    expect(text).toContain('Reference: HS-2027-00012')
    expect(text).toContain('Submitted at: 14:32 on 05/01/2027')
    expect(text).toContain('Amount requested from the Fund: 12.345.678 ₫')
    expect(text).toContain('The Fund will notify you of the result of the dossier check within 7 working days.')
    const none = await lines(await save('none.pdf', await renderReceipt({ ...input, lang: 'en', documents: [] })))
    expect(none).toContain('Documents submitted (0)')
    expect(none).toContain('No documents attached.')
  })

  it('runs a long list of documents over several pages, numbered from page 2, the table heading repeated', async () => {
    const documents = Array.from({ length: 40 }, (_, i) => ({
      name: `Tài liệu số ${i + 1}`,
      filename: `tai-lieu-${String(i + 1).padStart(2, '0')}.pdf`,
      sizeBytes: 10_000 + i,
      sha256: hash(i),
    }))
    const file = await save('long.pdf', await renderReceipt({ ...input, documents }))
    const { stdout } = await run('pdfinfo', [file])
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(stdout)?.[1])
    expect(pages).toBeGreaterThan(1)
    const text = await lines(file)
    for (const d of documents) expect(text.some((l) => l.includes(` ${d.filename} `)), d.filename).toBe(true)
    for (let p = 1; p <= pages; p++) {
      const { stdout: page } = await run('pdftotext', ['-layout', '-f', String(p), '-l', String(p), file, '-'])
      const pageLines = page.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean)
      if (p > 1) expect(pageLines[0]).toBe(String(p))
      // every page the table runs onto starts it with its heading row
      if (pageLines.some((l) => l.includes('tai-lieu-'))) expect(pageLines).toContain('STT Tài liệu Tên tệp Dung lượng Mã băm SHA-256')
    }
    expect(text.at(-2)).toBe('Quỹ sẽ thông báo kết quả kiểm tra hồ sơ trong 7 ngày làm việc.')
  })

  it('wraps long values within the margins and keeps every word', async () => {
    const long = {
      ...input,
      applicationTitle: 'Ứng dụng công nghệ sinh học trong bảo quản và chế biến sâu cà phê, hồ tiêu, sầu riêng vùng Đắk Lắk nhằm nâng cao giá trị xuất khẩu',
      documents: [{ name: 'Báo cáo tài chính', filename: 'bao-cao-tai-chinh-hai-nam-gan-nhat-da-kiem-toan_2025_2026.pdf', sizeBytes: 5, sha256: hash(9) }],
    }
    const text = await lines(await save('wrap.pdf', await renderReceipt(long)))
    const start = text.findIndex((l) => l.startsWith('Tên nhiệm vụ: '))
    const end = text.findIndex((l) => l.startsWith('Kinh phí đề nghị'))
    expect(end - start).toBeGreaterThan(1)
    expect(text.slice(start, end).join(' ').replace('Tên nhiệm vụ: ', '')).toBe(long.applicationTitle)
  })
})

describe('wrapText', () => {
  it('fills lines up to the width, breaking over-long words (file names at their joints)', async () => {
    const doc = await PDFDocument.create()
    const { regular } = await embedFonts(doc)
    const words = 'Quỹ Phát triển Khoa học và Công nghệ tỉnh Đắk Lắk xác nhận đã nhận hồ sơ'
    const out = wrapText(words, regular, 12, 120)
    expect(out.length).toBeGreaterThan(1)
    for (const l of out) expect(regular.widthOfTextAtSize(l, 12)).toBeLessThanOrEqual(120)
    expect(out.join(' ')).toBe(words)
    const name = wrapText('bao-cao-tai-chinh-hai-nam-gan-nhat.pdf', regular, 10, 60)
    expect(name.join('')).toBe('bao-cao-tai-chinh-hai-nam-gan-nhat.pdf')
    for (const l of name) expect(regular.widthOfTextAtSize(l, 10)).toBeLessThanOrEqual(60)
    expect(name.slice(0, -1).every((l) => /[-_.]$/.test(l)), name.join(' | ')).toBe(true)
  })

  it('finds the fonts shipped with the project', () => {
    expect(fontsDir()).toMatch(/templates[\\/]fonts$/)
  })
})
