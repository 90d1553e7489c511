// What the documents say (issue 11): one decision per kind of funding, with its own title, articles and amounts;
// the notice to an ineligible dossier; the minutes of a meeting a vice-chair presided. Read back with pdftotext.
import { describe, expect, it } from 'vitest'
import { type DocumentModel, renderDocument } from '../app/modules/documents/layout'
import { layoutLines, tempPdf } from '../app/modules/documents/layout/pdf-check'
import { plainName } from './common'
import { decision } from './decision'
import { minutes } from './minutes'
import { ineligibleNotice } from './notice-ineligible'
import { demoFundingDecision, demoIneligible, demoMinutes, demoMinutesViceChair } from './samples'

/** The text as pdftotext -layout gives it, lines joined by one space, runs of spaces made one. */
async function text(model: DocumentModel): Promise<{ text: string; lines: string[] }> {
  const pdf = await tempPdf(await renderDocument(model))
  try {
    const lines = await layoutLines(pdf.file)
    return { lines, text: lines.join(' ').replace(/\s+/g, ' ') }
  } finally {
    await pdf.dispose()
  }
}

const BASES =
  'Căn cứ Luật Khoa học, công nghệ và đổi mới sáng tạo ngày 27 tháng 6 năm 2025; Căn cứ Nghị định số 265/2025/NĐ-CP ngày 14 tháng 10 năm 2025 của Chính phủ'

describe('a decision for each kind of funding', () => {
  it('a grant: approves funding, states host, investigator, total, the Fund’s and the counterpart amounts, the lump-sum method, the duration and the conditions', async () => {
    const { text: t } = await text(decision(demoFundingDecision(0, 'grant')))
    expect(t).toContain('Về việc phê duyệt tài trợ nhiệm vụ khoa học và công nghệ “Sấy cà phê')
    expect(t).toContain(BASES)
    expect(t).toContain('2. Tổ chức chủ trì: Công ty Cổ phần Nông sản Buôn Ma Thuột.')
    expect(t).toContain('3. Chủ nhiệm nhiệm vụ: TS. Trần Thị Hoa.')
    expect(t).toContain('4. Thời gian thực hiện: 12 tháng kể từ ngày ký hợp đồng.')
    expect(t).toContain('5. Tổng kinh phí thực hiện nhiệm vụ: 3.150.000.000 đồng (Bằng chữ: Ba tỷ một trăm năm mươi triệu đồng).')
    expect(t).toContain('6. Kinh phí tài trợ từ Quỹ: 1.500.000.000 đồng')
    expect(t).toContain('7. Kinh phí đối ứng của tổ chức chủ trì: 1.650.000.000 đồng')
    expect(t).toContain('8. Phương thức khoán chi: khoán chi toàn phần.')
    // the director's conditions, stored with the approval, are printed
    expect(t).toContain('Điều 2. Tổ chức chủ trì có trách nhiệm: 1. Hoàn thiện thuyết minh theo kết luận của Hội đồng trước khi ký hợp đồng;')
    expect(t).toContain('2. Bổ sung báo giá thiết bị còn hiệu lực (không quá 90 ngày);')
    expect(t).toContain('ký hợp đồng tài trợ thực hiện nhiệm vụ')
    expect(t).not.toMatch(/cho vay|bảo lãnh/)
  })

  it('a preferential loan: lends, with the rate, term, repayment and collateral — no grant wording', async () => {
    const { text: t } = await text(decision(demoFundingDecision(0, 'preferential_loan')))
    expect(t).toContain('Về việc cho vay ưu đãi thực hiện dự án “Sấy cà phê')
    expect(t).toContain('Điều 1. Cho vay ưu đãi từ nguồn vốn của Quỹ để thực hiện dự án thuộc')
    expect(t).toContain('2. Bên vay vốn: Công ty Cổ phần Nông sản Buôn Ma Thuột.')
    expect(t).toContain('Tổng vốn đầu tư của dự án: 3.200.000.000 đồng')
    expect(t).toContain('Số tiền cho vay: 2.000.000.000 đồng (Bằng chữ: Hai tỷ đồng).')
    expect(t).toContain('Lãi suất cho vay: 3,5%/năm.')
    expect(t).toContain('Thời hạn cho vay: 36 tháng kể từ ngày giải ngân lần đầu.')
    expect(t).toContain('Phương thức trả nợ gốc và lãi: trả nợ gốc 06 tháng một lần')
    expect(t).toContain('Tài sản bảo đảm tiền vay: dây chuyền sấy cà phê')
    expect(t).toContain('ký hợp đồng tín dụng')
    // (the call's own title may say "tài trợ": the decision's words do not)
    expect(t).not.toMatch(/phê duyệt tài trợ|Kinh phí tài trợ|hợp đồng tài trợ|khoán chi/)
  })

  it('a loan guarantee: guarantees, with the lender, the guaranteed amount, term and fee', async () => {
    const { text: t } = await text(decision(demoFundingDecision(0, 'loan_guarantee')))
    expect(t).toContain('Về việc bảo lãnh vốn vay thực hiện dự án “Sấy cà phê')
    expect(t).toContain('Bên được bảo lãnh: Công ty Cổ phần Nông sản Buôn Ma Thuột.')
    expect(t).toContain('Số tiền được bảo lãnh: 2.000.000.000 đồng')
    expect(t).toContain('Bên nhận bảo lãnh (tổ chức cho vay): Ngân hàng Nông nghiệp và Phát triển nông thôn Việt Nam – Chi nhánh Đắk Lắk.')
    expect(t).toContain('Thời hạn bảo lãnh: 36 tháng.')
    expect(t).toContain('Phí bảo lãnh: 0,5%/năm.')
    expect(t).toContain('ký hợp đồng bảo lãnh')
    expect(t).not.toMatch(/phê duyệt tài trợ|Kinh phí tài trợ|hợp đồng tài trợ|cho vay ưu đãi/)
  })

  it('a support: supports, with its own amounts and the lump-sum method', async () => {
    const { text: t } = await text(decision(demoFundingDecision(1, 'support')))
    expect(t).toContain('Về việc hỗ trợ kinh phí thực hiện nhiệm vụ khoa học và công nghệ')
    expect(t).toContain('Điều 1. Hỗ trợ kinh phí thực hiện nhiệm vụ khoa học và công nghệ thuộc')
    expect(t).toContain('Kinh phí hỗ trợ từ Quỹ: 1.500.001.000 đồng')
    expect(t).toContain('Phương thức khoán chi: khoán chi từng phần.')
    expect(t).toContain('ký hợp đồng hỗ trợ')
    expect(t).not.toMatch(/phê duyệt tài trợ|Kinh phí tài trợ|hợp đồng tài trợ/)
  })

  it('a list decision of a loan call speaks of loans in its article and appendix', async () => {
    const input = { ...demoFundingDecision(0, 'preferential_loan'), projects: demoFundingDecision(0, 'grant').projects.concat(demoFundingDecision(1, 'grant').projects) }
    const { text: t } = await text(decision(input))
    expect(t).toContain('Cho vay ưu đãi 2 dự án thuộc')
    expect(t).toContain('STT Bên vay vốn Tên dự án Số tiền cho vay (đồng)')
    expect(t).toContain('Tổng số tiền cho vay bằng chữ:')
  })
})

describe('the notice to an ineligible dossier', () => {
  it('says the dossier is not eligible, with the reasons from screening, and carries no “Kính gửi”', async () => {
    const { text: t, lines } = await text(ineligibleNotice(demoIneligible(0)))
    expect(lines[3]).toBe('Số: 20/TB-QKHCN Đắk Lắk, ngày 10 tháng 02 năm 2027')
    expect(lines[4]).toBe('THÔNG BÁO')
    expect(t).toContain('Về việc hồ sơ đề nghị không hợp lệ thuộc Đợt tài trợ năm 2027')
    expect(t).toContain('“Sản xuất chế phẩm sinh học xử lý vỏ cà phê thành phân bón hữu cơ” (mã hồ sơ QKHCN-2027-0030) nộp lúc 10:15 ngày 20/01/2027 của Công ty TNHH Công nghệ Sinh học Krông Pắc không hợp lệ')
    expect(t).toContain('1. Thiếu báo cáo tài chính năm 2025 của tổ chức chủ trì; 2. Tổ chức chủ trì không có trụ sở trên địa bàn tỉnh Đắk Lắk.')
    expect(t).not.toContain('Kính gửi')
    expect(t).toContain('Nơi nhận: KT. GIÁM ĐỐC - Công ty TNHH Công nghệ Sinh học Krông')
  })
})

describe('the minutes', () => {
  it('of a meeting the vice-chair presided: signed as vice-chair, with the counting board, the conclusions per application and the revision period', async () => {
    const { text: t, lines } = await text(minutes(demoMinutesViceChair(0)))
    expect(t).toContain('Chủ trì cuộc họp: Nguyễn Hữu Phước, Phó Chủ tịch Hội đồng, theo ủy quyền của Chủ tịch Hội đồng.')
    expect(t).toContain('Hội đồng bầu Ban kiểm phiếu gồm 3 thành viên: H’Hen Niê – Trưởng ban; Trần Quốc Việt – Ủy viên; Đinh Thị Lan – Ủy viên.')
    expect(t).toContain('Hồ sơ QKHCN-2027-0012: Hội đồng kết luận như sau:')
    expect(t).toContain('- Nội dung cần chỉnh sửa, hoàn thiện: Bổ sung phương án đo độ ẩm hạt theo từng mẻ sấy; Điều chỉnh dự toán thuê chuyên gia.')
    expect(t).toContain('- Phương thức khoán chi đề xuất: khoán chi từng phần.')
    expect(t).toContain('- Phương thức khoán chi đề xuất: khoán chi toàn phần.')
    expect(t).toContain('trong thời hạn 20 ngày kể từ ngày Biên bản này được thông qua (ngày 10/03/2027).')
    expect(lines).toContain('THƯ KÝ KHOA HỌC PHÓ CHỦ TỊCH HỘI ĐỒNG')
    expect(t).not.toContain('THƯ KÝ KHOA HỌC CHỦ TỊCH HỘI ĐỒNG')
    expect(lines.at(-1)).toBe('Phan Văn Tân Nguyễn Hữu Phước')
  })

  it('of a meeting the chair presided: signed as chair', async () => {
    const { lines } = await text(minutes(demoMinutes(0)))
    expect(lines).toContain('THƯ KÝ KHOA HỌC CHỦ TỊCH HỘI ĐỒNG')
  })

  it('drops academic titles in front of a name, and only them', () => {
    expect(plainName('PGS.TS. Lê Văn Bình')).toBe('Lê Văn Bình')
    expect(plainName('ThS. Y Kuêt Niê')).toBe('Y Kuêt Niê')
    expect(plainName('GS.TSKH. Đặng Văn Tư')).toBe('Đặng Văn Tư')
    expect(plainName('Y Dhăm Êban')).toBe('Y Dhăm Êban')
    expect(plainName('Thân Văn Sĩ')).toBe('Thân Văn Sĩ')
  })
})
