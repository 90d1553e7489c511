import { describe, expect, it } from 'vitest'
import { renderDocument } from '../app/modules/documents/layout'
import { layoutLines, pdfFonts, pdfInfo, tempPdf, TEXT_BOX, textLines, wordBoxes } from '../app/modules/documents/layout/pdf-check'
import { documentNumber, inWordsDate, placeAndDate } from './common'
import { decision, type DecisionInput } from './decision'
import { demoDecision } from './samples'

async function read(input: DecisionInput) {
  const bytes = await renderDocument(decision(input))
  const pdf = await tempPdf(bytes)
  try {
    const info = await pdfInfo(pdf.file)
    const pages = Number(info.Pages)
    const perPage: string[][] = []
    for (let p = 1; p <= pages; p++) perPage.push(await layoutLines(pdf.file, p))
    return { bytes, info, pages, perPage, lines: perPage.flat(), words: await wordBoxes(pdf.file), fonts: await pdfFonts(pdf.file) }
  } finally {
    await pdf.dispose()
  }
}

/** Every word inside the text box, except the page number in the top margin (page 2 on, centred). */
function expectInsideMargins(words: Awaited<ReturnType<typeof read>>['words'], pageNumber: (page: number) => number = (p) => p) {
  for (const w of words) {
    expect(w.xMin, `${w.text} p${w.page}`).toBeGreaterThanOrEqual(TEXT_BOX.left - 0.01)
    expect(w.xMax, `${w.text} p${w.page}`).toBeLessThanOrEqual(TEXT_BOX.right + 0.01)
    expect(w.yMax, `${w.text} p${w.page}`).toBeLessThanOrEqual(TEXT_BOX.bottom + 0.01)
    if (w.yMax < TEXT_BOX.top) {
      expect(w.page).toBeGreaterThan(1)
      expect(w.text).toBe(String(pageNumber(w.page)))
      expect((w.xMin + w.xMax) / 2).toBeCloseTo((TEXT_BOX.left + TEXT_BOX.right) / 2, 0)
    }
  }
}

describe('numbers and dates of Decree 30', () => {
  it('zero-pads the day below 10 and the months 1 and 2 only', () => {
    expect(placeAndDate('Đắk Lắk', '2027-01-05')).toBe('Đắk Lắk, ngày 05 tháng 01 năm 2027')
    expect(placeAndDate('Đắk Lắk', '2027-02-28')).toBe('Đắk Lắk, ngày 28 tháng 02 năm 2027')
    expect(placeAndDate('Đắk Lắk', '2027-03-09')).toBe('Đắk Lắk, ngày 09 tháng 3 năm 2027')
    expect(placeAndDate('Đắk Lắk', '2027-12-10')).toBe('Đắk Lắk, ngày 10 tháng 12 năm 2027')
    // an instant is read in Việt Nam: 18:00 UTC on 4 January is the 5th there
    expect(inWordsDate(new Date('2027-01-04T18:00:00Z'))).toBe('ngày 05 tháng 01 năm 2027')
  })

  it('writes the number zero-padded below 10, type and symbol in upper case, no spaces', () => {
    expect(documentNumber(5, 'QĐ', 'QKHCN')).toBe('05/QĐ-QKHCN')
    expect(documentNumber(12, 'TB', ' qkhcn ')).toBe('12/TB-QKHCN')
    expect(documentNumber(105, 'BB', 'QKHCN')).toBe('105/BB-QKHCN')
  })
})

describe('the decision approving one application', () => {
  it('reads back with the heading, number and date, title, articles and signature', async () => {
    const input = { ...demoDecision(0), number: 1 }
    const { lines, words, fonts, bytes, perPage } = await read(input)
    expect(lines[0]).toBe('UBND TỈNH ĐẮK LẮK CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    expect(lines[1]).toBe('QUỸ PHÁT TRIỂN Độc lập - Tự do - Hạnh phúc')
    expect(lines[2]).toBe('KHOA HỌC VÀ CÔNG NGHỆ')
    expect(lines[3]).toBe('Số: 01/QĐ-QKHCN Đắk Lắk, ngày 05 tháng 01 năm 2027')
    expect(lines[4]).toBe('QUYẾT ĐỊNH')
    expect(lines[5]).toMatch(/^Về việc phê duyệt tài trợ nhiệm vụ khoa học và công nghệ “Sấy cà phê/)
    expect(lines).toContain('QUYẾT ĐỊNH:')
    const text = lines.join(' ')
    expect(text).toContain('GIÁM ĐỐC QUỸ PHÁT TRIỂN KHOA HỌC VÀ CÔNG NGHỆ TỈNH ĐẮK LẮK')
    // A law is cited by its name and the date it was passed, without its number.
    expect(text).toContain('Căn cứ Luật Khoa học, công nghệ và đổi mới sáng tạo ngày 27 tháng 6 năm 2025;')
    expect(text).not.toContain('93/2025/QH15')
    expect(text).toContain('của Quỹ Phát triển Khoa học và Công nghệ tỉnh Đắk Lắk. Theo đề nghị của Trưởng phòng Quản lý khoa học.')
    expect(text).toContain('5. Kinh phí tài trợ từ Quỹ: 1.500.000.000 đồng (Bằng chữ: Một tỷ năm trăm triệu đồng).')
    for (const n of [1, 2, 3]) expect(lines.some((l) => l.startsWith(`Điều ${n}. `)), `Điều ${n}`).toBe(true)
    expect(text).toContain('chịu trách nhiệm thi hành Quyết định này./.')
    // the foot: recipients beside the authority, the name under the space for signature and seal
    expect(lines).toContain('Nơi nhận: KT. GIÁM ĐỐC')
    expect(lines).toContain('- Như Điều 3; PHÓ GIÁM ĐỐC')
    expect(lines).toContain('- Lưu: VT, QLKH.')
    expect(lines.at(-1)).toBe('Nguyễn Văn Minh')
    // the signature never stands alone on a page: the last article comes with it
    const last = perPage.at(-1)!
    expect(last.some((l) => l.startsWith('Điều 3.'))).toBe(true)
    expectInsideMargins(words)
    expect(fonts.length).toBe(4)
    for (const f of fonts) {
      expect(f.name).toMatch(/^LiberationSerif/)
      expect([f.emb, f.uni]).toEqual(['yes', 'yes'])
    }
    expect(bytes.length).toBeLessThan(60 * 1024)
  })

  it('puts the number on the baseline of the date, each centred under its heading column', async () => {
    const { words } = await read(demoDecision(3))
    const so = words.find((w) => w.text === 'Số:')!
    const place = words.find((w) => w.text === 'Đắk' && w.page === 1 && Math.abs(w.yMax - so.yMax) < 3)!
    expect(place).toBeDefined()
    expect(Math.abs(so.yMax - place.yMax)).toBeLessThan(1)
    const parent = textLines(words).find((l) => l[0].text === 'UBND')!
    const number = textLines(words).find((l) => l[0].text === 'Số:')!
    const centre = (l: typeof parent) => (l[0].xMin + l[l.length - 1].xMax) / 2
    const leftPart = (l: typeof parent) => l.filter((w) => w.xMax < TEXT_BOX.left + 0.4 * (TEXT_BOX.right - TEXT_BOX.left) + 1)
    expect(centre(leftPart(number))).toBeCloseTo(centre(leftPart(parent)), 0)
  })

  it('justifies the articles: lines before the last of a paragraph end on the right margin', async () => {
    const { words } = await read(demoDecision(1))
    // the body: from the legal bases down to the signature block
    const all = textLines(words)
    const from = all.findIndex((l) => l[0].text === 'Căn')
    const to = all.findIndex((l) => l[0].text === 'Nơi')
    const lines = all.slice(from, to)
    // a line followed by one that starts at the left margin (a continuation) is not the last of its paragraph
    let checked = 0
    for (let i = 0; i + 1 < lines.length; i++) {
      if (lines[i][0].page === lines[i + 1][0].page && Math.abs(lines[i + 1][0].xMin - TEXT_BOX.left) < 0.5) {
        expect(Math.abs(lines[i].at(-1)!.xMax - TEXT_BOX.right), lines[i].map((w) => w.text).join(' ')).toBeLessThanOrEqual(0.5)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(8)
  })

  it('spaces the body paragraphs by at least 6 pt and indents their first line by 1 cm', () => {
    const model = decision(demoDecision(0))
    const body = model.blocks.filter((b) => b.kind === 'paragraph' && b.align === 'justify')
    expect(body.length).toBeGreaterThan(8)
    for (const b of body) {
      if (b.kind !== 'paragraph') continue
      expect(b.after ?? 0).toBeGreaterThanOrEqual(6)
      expect(b.indent).toBeCloseTo(10 * (72 / 25.4), 6)
      expect(b.size).toBeGreaterThanOrEqual(13)
      expect(b.size).toBeLessThanOrEqual(14)
    }
  })

  it('normalises text typed decomposed (NFD)', async () => {
    const input = demoDecision(0)
    const { lines } = await read({ ...input, projects: [{ ...input.projects[0], organisation: 'Hợp tác xã Cà phê Ea Tu'.normalize('NFD') }] })
    expect(lines.join('\n')).toContain('2. Tổ chức chủ trì: Hợp tác xã Cà phê Ea Tu.')
  })

  it('ends a title or a name typed with its own full stop with one stop, never ".."', async () => {
    const input = demoDecision(0)
    const { lines } = await read({ ...input, projects: [{ ...input.projects[0], title: 'Sấy cà phê bằng năng lượng mặt trời.', organisation: 'Công ty TNHH Cà phê Ea Tu.' }] })
    const text = lines.join('\n')
    expect(text).toContain('1. Tên nhiệm vụ: Sấy cà phê bằng năng lượng mặt trời.')
    expect(text).toContain('2. Tổ chức chủ trì: Công ty TNHH Cà phê Ea Tu.')
    expect(text).not.toMatch(/[^.]\.\.(?![./])/)
  })
})

describe('the decision of a whole call, with its appendix', () => {
  it('lists 60 projects over several pages, the header row on each, page numbers from page 2', async () => {
    const input = demoDecision(0, 60)
    const { lines, perPage, pages, words } = await read(input)
    expect(pages).toBeGreaterThanOrEqual(4)
    const text = lines.join(' ')
    expect(text).toContain('Phê duyệt danh mục 60 nhiệm vụ khoa học và công nghệ được Quỹ tài trợ')
    expect(text).toContain('tổng kinh phí tài trợ: 23.250.000.000 đồng (Bằng chữ: Hai mươi ba tỷ hai trăm năm mươi triệu đồng).')
    const appendixStart = perPage.findIndex((p) => p.some((l) => l === 'Phụ lục'))
    expect(appendixStart).toBeGreaterThan(0)
    const appendix = perPage.slice(appendixStart)
    expect(appendix[0].join(' ')).toContain('(Kèm theo Quyết định số 01/QĐ-QKHCN ngày 05 tháng 01 năm 2027 của Giám đốc Quỹ Phát triển Khoa học và Công nghệ tỉnh Đắk Lắk)')
    const rowNumbers: number[] = []
    // The appendix numbers its own pages (Decree 30): its first page has none, its second is "2".
    appendix.forEach((page, i) => {
      const p = appendixStart + i + 1
      if (i > 0) expect(page[0]).toBe(String(i + 1)) // the page number comes first, at the top
      const rows = page.map((l) => /^(\d+) (Công ty|Trường|Viện|Hợp tác xã)/.exec(l)).filter(Boolean)
      if (rows.length) {
        expect(page.some((l) => l.startsWith('STT Tổ chức chủ trì Tên nhiệm vụ Kinh phí tài trợ')), `page ${p}`).toBe(true)
        rowNumbers.push(...rows.map((m) => Number(m![1])))
      }
    })
    expect(rowNumbers).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
    expect(lines).toContain('Tổng cộng 23.250.000.000')
    expect(text).toContain('Tổng kinh phí tài trợ bằng chữ: Hai mươi ba tỷ hai trăm năm mươi triệu đồng./.')
    expectInsideMargins(words, (p) => (p > appendixStart ? p - appendixStart : p))
  })
})
