// The other official documents: notices, scoring sheet, council minutes, receipt. Each is read back with
// poppler as a reader would (the decision has its own tests in decision.test.ts).
import { describe, expect, it } from 'vitest'
import { type DocumentModel, renderDocument } from '../app/modules/documents/layout'
import { layoutLines, pdfFonts, pdfInfo, tempPdf, TEXT_BOX, wordBoxes } from '../app/modules/documents/layout/pdf-check'
import { minutes } from './minutes'
import { rejectionNotice } from './notice-rejection'
import { fileSize, receipt } from './receipt'
import { demoHash, demoMinutes, demoReceipt, demoRejection, demoScoring, demoSupplementation } from './samples'
import { scoringSheet } from './scoring-sheet'
import { supplementationNotice } from './supplementation'

async function read(model: DocumentModel) {
  const bytes = await renderDocument(model)
  const pdf = await tempPdf(bytes)
  try {
    const pages = Number((await pdfInfo(pdf.file)).Pages)
    const lines = await layoutLines(pdf.file)
    const words = await wordBoxes(pdf.file)
    const fonts = await pdfFonts(pdf.file)
    // all inside the margins but the page numbers, centred in the top margin from page 2 on
    for (const w of words) {
      expect(w.xMin, w.text).toBeGreaterThanOrEqual(TEXT_BOX.left - 0.01)
      expect(w.xMax, w.text).toBeLessThanOrEqual(TEXT_BOX.right + 0.01)
      expect(w.yMax, w.text).toBeLessThanOrEqual(TEXT_BOX.bottom + 0.01)
      if (w.yMax < TEXT_BOX.top) expect([w.page > 1, w.text]).toEqual([true, String(w.page)])
    }
    for (const f of fonts) expect([f.name.startsWith('LiberationSerif'), f.emb, f.uni]).toEqual([true, 'yes', 'yes'])
    expect(bytes.length).toBeLessThan(60 * 1024)
    return { pages, lines, text: lines.join(' ') }
  } finally {
    await pdf.dispose()
  }
}

const HEADING = ['UBND TỈNH ĐẮK LẮK CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'QUỸ PHÁT TRIỂN Độc lập - Tự do - Hạnh phúc', 'KHOA HỌC VÀ CÔNG NGHỆ']

describe('the notice of rejection', () => {
  it('gives the reasons, numbered, and is signed', async () => {
    const { lines, text } = await read(rejectionNotice(demoRejection(0)))
    expect(lines.slice(0, 3)).toEqual(HEADING)
    expect(lines[3]).toBe('Số: 12/TB-QKHCN Đắk Lắk, ngày 16 tháng 3 năm 2027')
    expect(lines[4]).toBe('THÔNG BÁO')
    // "Kính gửi" belongs to letters, not to notices: the applicant is the notice's first recipient.
    expect(lines.some((l) => l.includes('Kính gửi'))).toBe(false)
    expect(text).toContain('- Hợp tác xã Cà phê Ea Tu;')
    expect(text).toContain('hồ sơ đề nghị tài trợ nhiệm vụ “Xây dựng chỉ dẫn địa lý cho sản phẩm bơ Đắk Lắk” (mã hồ sơ QKHCN-2027-0041)')
    expect(text).toContain('ngày 10 tháng 3 năm 2027')
    expect(text).toContain('1. Điểm trung bình của Hội đồng đạt 62,5/100, thấp hơn mức tối thiểu 70 điểm;')
    expect(text).toContain('3. Kế hoạch triển khai chưa nêu rõ sản phẩm của từng giai đoạn.')
    expect(text).toContain('trong các đợt tài trợ tiếp theo./.')
    expect(lines).toContain('Nơi nhận: KT. GIÁM ĐỐC')
    expect(lines).toContain('- Hợp tác xã Cà phê Ea Tu; PHÓ GIÁM ĐỐC')
    expect(lines.at(-1)).toBe('Nguyễn Văn Minh')
  })
})

describe('the notice asking for supplementation', () => {
  it('lists what to add and the due moment in Việt Nam time', async () => {
    const { lines, text } = await read(supplementationNotice(demoSupplementation(0)))
    expect(lines.slice(0, 3)).toEqual(HEADING)
    expect(lines[3]).toBe('Số: 03/TB-QKHCN Đắk Lắk, ngày 08 tháng 02 năm 2027')
    expect(lines).toContain('Về việc bổ sung, hoàn thiện hồ sơ đề nghị tài trợ')
    expect(text).toContain('nộp lúc 14:32 ngày 05/01/2027')
    expect(text).toContain('2. Văn bản cam kết góp vốn đối ứng của Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh Đắk Lắk;')
    // 10:00 UTC is 17:00 in Asia/Ho_Chi_Minh
    expect(text).toContain('trước 17:00 ngày 22/02/2027')
    expect(text).toContain('không được xem xét ở các bước tiếp theo./.')
    expect(lines.at(-1)).toBe('Nguyễn Văn Minh')
  })
})

describe('the scoring sheet', () => {
  it('shows each criterion with its maximum, score and comment, the totals and the recommendation', async () => {
    const input = demoScoring(0)
    const { lines, text, pages } = await read(scoringSheet(input))
    expect(pages).toBe(1)
    expect(lines.slice(0, 3)).toEqual(HEADING)
    expect(lines[3]).toBe('Đắk Lắk, ngày 10 tháng 3 năm 2027')
    expect(lines).toContain('PHIẾU ĐÁNH GIÁ')
    expect(lines).toContain('Họ và tên thành viên Hội đồng: PGS.TS. Lê Thị Thu Hà')
    expect(lines).toContain('Mã hồ sơ: QKHCN-2027-0012')
    expect(lines.some((l) => /^STT Tiêu chí đánh giá Điểm Điểm Nhận xét$/.test(l))).toBe(true)
    expect(lines.some((l) => /^2 Nội dung, nhân lực và phương( pháp)? 24 20,5 Đạt.$/.test(l))).toBe(true)
    const total = input.criteria.reduce((s, c) => s + c.score, 0)
    expect(total).toBe(90.5)
    expect(lines).toContain('Tổng cộng 100 90,5')
    expect(text).toContain('Kiến nghị: Đề nghị tài trợ.')
    expect(lines).toContain('THÀNH VIÊN HỘI ĐỒNG')
    expect(lines.at(-1)).toBe('PGS.TS. Lê Thị Thu Hà')
  })
})

describe('the minutes of the council meeting', () => {
  it('records who came, the quorum, the scores in ranking order and the conclusion, signed by both', async () => {
    const { lines, text, pages } = await read(minutes(demoMinutes(0)))
    expect(pages).toBeGreaterThanOrEqual(2)
    expect(lines.slice(0, 3)).toEqual(HEADING)
    expect(lines[3]).toBe('Số: 03/BB-QKHCN Đắk Lắk, ngày 10 tháng 3 năm 2027')
    expect(lines[4]).toBe('BIÊN BẢN')
    expect(text).toContain('Vào hồi 08 giờ 00 ngày 10 tháng 3 năm 2027')
    expect(lines).toContain('STT Họ và tên Chức danh trong Hội đồng Tham dự')
    expect(lines).toContain('1 PGS.TS. Lê Thị Thu Hà Chủ tịch Hội đồng Có mặt')
    expect(lines).toContain('9 TS. Hoàng Minh Đức Ủy viên Vắng mặt')
    expect(text).toContain('Số thành viên có mặt: 7/9.')
    expect(text).toContain('Hội đồng đủ điều kiện làm việc.')
    const ranks = lines.map((l) => /^(\d) QKHCN-2027-00(\d\d): .* (\d) (Đề nghị tài|Không đề)$/.exec(l)).filter(Boolean)
    expect(ranks.map((m) => Number(m![3]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(lines.some((l) => /^1 QKHCN-2027-0012: Sấy cà phê bằng 88 7\/7 1 Đề nghị tài$/.test(l))).toBe(true)
    expect(lines.some((l) => / 84,63 6\/7 2 /.test(l))).toBe(true)
    expect(text).toContain('Biên bản được các thành viên Hội đồng thống nhất thông qua./.')
    expect(lines).toContain('THƯ KÝ KHOA HỌC CHỦ TỊCH HỘI ĐỒNG')
    // Names in the signature blocks without academic titles in front.
    expect(lines.at(-1)).toBe('Phan Văn Tân Lê Thị Thu Hà')
  })
})

describe('the receipt of a dossier', () => {
  it('shows the reference, the moment of submission and each document with its size and SHA-256', async () => {
    const { lines, text } = await read(receipt(demoReceipt(0)))
    expect(lines.slice(0, 3)).toEqual(HEADING)
    expect(lines[3]).toBe('Đắk Lắk, ngày 05 tháng 01 năm 2027')
    expect(lines).toContain('GIẤY BIÊN NHẬN HỒ SƠ')
    expect(lines).toContain('Mã hồ sơ: QKHCN-2027-0012')
    expect(lines).toContain('Thời điểm nộp: 14:32 ngày 05/01/2027')
    expect(lines).toContain('Kinh phí đề nghị Quỹ hỗ trợ: 500.000.000 đồng')
    expect(lines).toContain('STT Tài liệu Tên tệp Dung lượng Mã băm SHA-256')
    // the hash in two lines of 32 hex digits, beside its row
    for (const [i, row] of [[0, '1 Giấy đăng ký doanh giay-dang-ky-0.pdf 240 KB'], [1, '2 Thuyết minh nhiệm vụ thuyet-minh-de-tai.pdf 3,1 MB'], [2, '3 Dự toán kinh phí du-toan.xlsx 47,1 KB']] as const) {
      const at = lines.indexOf(`${row} ${demoHash(i).slice(0, 32)}`)
      expect(at, row).toBeGreaterThan(0)
      expect(lines[at + 1].endsWith(demoHash(i).slice(32))).toBe(true)
    }
    expect(text).toContain('Quỹ sẽ thông báo kết quả kiểm tra hồ sơ trong 7 ngày làm việc./.')
    expect(fileSize(512)).toBe('512 byte')
    expect(fileSize(3_250_586)).toBe('3,1 MB')
  })
})
