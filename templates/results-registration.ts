// Phiếu đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ sử dụng ngân sách nhà nước (Circular
// 14/2014/TT-BKHCN, Art. 5 (12 as amended), form 5 of its appendix), filled from what the portal holds: the task,
// its host and investigator, the managing body (the Fund), the contract's period and money, the acceptance (the
// minutes' number and day, the rating), the summary of results and the products. The host signs and files it
// with the S&T information office; the portal draws it, unnumbered, for the host to print or keep.
import type { Block, DocumentModel } from '../app/modules/documents/layout'
import { body, type DocDate, document, field, type FundSettings, money, section, shortDate, SIZE, title } from './common'

export interface RegistrationInput {
  fund: FundSettings
  reference: string
  taskTitle: string
  host: { name: string; address: string; phone: string; email: string; representative: string }
  investigator: string
  contract: { startsOn: DocDate; endsOn: DocDate; fundAmount: number; counterpartAmount: number }
  acceptance: { minutes: string; on: DocDate; rating: string }
  summary: string
  products: string[]
}

export function resultsRegistration(input: RegistrationInput): DocumentModel {
  const total = input.contract.fundAmount + input.contract.counterpartAmount
  const blocks: Block[] = [
    { kind: 'paragraph', text: 'Mẫu 5 – Thông tư số 14/2014/TT-BKHCN', italic: true, size: 11, align: 'right', after: 6 },
    ...title('Phiếu đăng ký', 'Kết quả thực hiện nhiệm vụ khoa học và công nghệ sử dụng ngân sách nhà nước'),
    section('1. Tên nhiệm vụ'),
    body(`${input.taskTitle} (mã số ${input.reference}).`),
    section('2. Tổ chức chủ trì nhiệm vụ'),
    field('Tên tổ chức', input.host.name),
    field('Địa chỉ', input.host.address),
    field('Điện thoại', input.host.phone),
    field('Thư điện tử', input.host.email),
    field('Thủ trưởng tổ chức', input.host.representative),
    section('3. Chủ nhiệm nhiệm vụ'),
    body(input.investigator || '…'),
    section('4. Cơ quan quản lý nhiệm vụ'),
    body(input.fund.fundName),
    section('5. Thời gian thực hiện theo hợp đồng'),
    body(`Từ ngày ${shortDate(input.contract.startsOn)} đến ngày ${shortDate(input.contract.endsOn)}.`),
    section('6. Kinh phí thực hiện'),
    field('Tổng kinh phí', money(total)),
    field('Trong đó, kinh phí từ Quỹ (ngân sách nhà nước)', money(input.contract.fundAmount)),
    field('Kinh phí đối ứng', money(input.contract.counterpartAmount)),
    section('7. Đánh giá, nghiệm thu chính thức'),
    field('Biên bản họp Hội đồng đánh giá, nghiệm thu', `số ${input.acceptance.minutes} ngày ${shortDate(input.acceptance.on)}`),
    field('Kết quả xếp loại', input.acceptance.rating, { boldValue: true }),
    section('8. Tóm tắt kết quả thực hiện nhiệm vụ'),
    ...input.summary.split(/\n+/).filter((l) => l.trim()).map((l) => body(l.trim())),
    section('9. Sản phẩm của nhiệm vụ'),
    ...input.products.map((p, i) => body(`${i + 1}. ${p}`, { indent: 0 })),
    {
      kind: 'signature',
      recipients: [],
      authority: [{ text: 'THỦ TRƯỞNG TỔ CHỨC CHỦ TRÌ', bold: true, size: SIZE.signer }],
      signSpaceMm: 26,
      signer: { text: input.host.representative, bold: true, size: SIZE.signer },
      leftWidth: 0.5,
      before: 10,
    },
  ]
  return document(input.fund, `Phiếu đăng ký kết quả ${input.reference}`, blocks)
}
