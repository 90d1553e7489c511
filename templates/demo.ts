// Demo data for the sample documents (npm run documents:samples) and the template tests. Made up.
import type { FundSettings } from './common'
import type { ApprovedProject } from './decision'

export const demoFund: FundSettings = {
  parentBody: 'UBND tỉnh Đắk Lắk',
  fundName: 'Quỹ Phát triển Khoa học và Công nghệ tỉnh Đắk Lắk',
  issuingBody: 'Quỹ Phát triển Khoa học và Công nghệ',
  documentSymbol: 'QKHCN',
  placeName: 'Đắk Lắk',
  signerAuthority: 'KT. GIÁM ĐỐC',
  signerTitle: 'PHÓ GIÁM ĐỐC',
  signerName: 'Nguyễn Văn Minh',
  // As migration 0021 seeds them (a law by name and date, no number; a decree by number, date, issuer, title), then
  // the charter's line from the fund's settings — its number and date here are made up.
  legalBases: [
    'Căn cứ Luật Khoa học, công nghệ và đổi mới sáng tạo ngày 27 tháng 6 năm 2025',
    'Căn cứ Nghị định số 265/2025/NĐ-CP ngày 14 tháng 10 năm 2025 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Khoa học, Công nghệ và Đổi mới sáng tạo về tài chính và đầu tư trong khoa học, công nghệ và đổi mới sáng tạo',
    'Căn cứ Quyết định số 12/2026/QĐ-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân tỉnh Đắk Lắk ban hành Điều lệ tổ chức và hoạt động của Quỹ Phát triển Khoa học và Công nghệ tỉnh Đắk Lắk',
  ],
  recipients: ['Như Điều 3', 'UBND tỉnh (để b/c)', 'Sở Khoa học và Công nghệ', 'Ban Giám đốc Quỹ', 'Lưu: VT, QLKH'],
}

const ORGS = [
  'Công ty Cổ phần Nông sản Buôn Ma Thuột',
  'Trường Đại học Tây Nguyên',
  'Viện Khoa học Kỹ thuật Nông Lâm nghiệp Tây Nguyên',
  'Hợp tác xã Cà phê Ea Tu',
  'Công ty TNHH Công nghệ Sinh học Krông Pắc',
]
const TITLES = [
  'Sấy cà phê bằng năng lượng mặt trời: giữ độ ẩm và hương vị đặc trưng của cà phê Đắk Lắk',
  'Ứng dụng trí tuệ nhân tạo dự báo sâu bệnh trên cây sầu riêng',
  'Chế biến sâu hồ tiêu thành tinh dầu và sản phẩm OCOP',
  'Xây dựng chỉ dẫn địa lý cho sản phẩm bơ Đắk Lắk',
  'Hệ thống tưới tiết kiệm nước tự động cho vùng cà phê Krông Năng trong điều kiện biến đổi khí hậu',
]

/** n approved projects with varied lengths and amounts. */
export function demoProjects(n: number): ApprovedProject[] {
  return Array.from({ length: n }, (_, i) => ({
    organisation: ORGS[i % ORGS.length],
    title: `${TITLES[i % TITLES.length]}${i >= TITLES.length ? ` (giai đoạn ${Math.floor(i / TITLES.length) + 1})` : ''}`,
    amount: 150_000_000 + ((i * 37) % 20) * 25_000_000,
    investigator: ['TS. Trần Thị Hoa', 'PGS.TS. Lê Văn Bình', 'ThS. Y Kuêt Niê', 'KS. Phạm Quốc Đạt'][i % 4],
    months: 12 + (i % 3) * 6,
  }))
}
