// Giấy biên nhận hồ sơ: the reference, the moment of submission and the documents with their size and SHA-256.
// (app/modules/documents/receipt.ts is the receipt the portal mails today, translated through the catalogues;
// this is the same document in the official frame of the layout engine.)
import type { Block, DocumentModel, Table } from '../app/modules/documents/layout'
import { formatTime } from '../app/i18n/format'
import { body, type DocDate, document, field, type FundSettings, heading, money, shortDate, SIZE, title } from './common'

export interface ReceiptDocInput {
  fund: FundSettings
  reference: string
  submittedAt: Date
  /** The day the receipt is issued (default: the day of submission). */
  date?: DocDate
  callTitle: string
  organisation: string
  organisationIdentifier: string
  applicationTitle: string
  requestedAmount: number
  documents: { name: string; filename: string; sizeBytes: number; sha256: string }[]
  /** Working days the fund takes to check a dossier. */
  screeningDays: number
}

const decimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 })

/** "512 byte", "240 KB", "3,1 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`
  if (bytes < 1024 * 1024) return `${decimal.format(bytes / 1024)} KB`
  return `${decimal.format(bytes / 1024 / 1024)} MB`
}

export function receipt(input: ReceiptDocInput): DocumentModel {
  const { fund } = input
  const table: Table = {
    kind: 'table',
    columns: [{ width: { mm: 10 }, align: 'center' }, { width: { fr: 1.1 } }, { width: { fr: 1 } }, { width: { mm: 22 }, align: 'right' }, { width: { mm: 54 } }],
    header: [['STT', 'Tài liệu', 'Tên tệp', 'Dung lượng', 'Mã băm SHA-256']],
    rows: input.documents.map((d, i) => [String(i + 1), d.name, d.filename, fileSize(d.sizeBytes), { text: `${d.sha256.toLowerCase().slice(0, 32)}\n${d.sha256.toLowerCase().slice(32)}`, size: 8.5 }]),
    size: 11,
    lineHeight: 1.15,
    before: 4,
    after: 6,
  }
  const blocks: Block[] = [
    ...heading(fund, null, input.date ?? input.submittedAt),
    ...title('Giấy biên nhận hồ sơ'),
    body(`${fund.fundName} xác nhận đã nhận hồ sơ đề nghị tài trợ nộp trực tuyến như sau:`, { before: 6 }),
    field('Mã hồ sơ', input.reference, { boldValue: true }),
    field('Thời điểm nộp', `${formatTime(input.submittedAt)} ngày ${shortDate(input.submittedAt)}`),
    field('Đợt kêu gọi', input.callTitle),
    field('Tổ chức đề nghị', input.organisation),
    field('Mã số thuế', input.organisationIdentifier),
    field('Tên nhiệm vụ', input.applicationTitle),
    field('Kinh phí đề nghị Quỹ hỗ trợ', money(input.requestedAmount)),
    { kind: 'paragraph', text: `Danh mục tài liệu đã nộp (${input.documents.length})`, bold: true, size: SIZE.body, before: 8, keepWithNext: true },
    table,
    { kind: 'paragraph', text: 'Mã băm SHA-256 xác định nội dung của từng tệp: một tệp có cùng mã băm là đúng tệp đã nộp.', italic: true, size: 11, after: 8 },
    body(`Quỹ sẽ thông báo kết quả kiểm tra hồ sơ trong ${input.screeningDays} ngày làm việc./.`),
    { kind: 'paragraph', text: 'Giấy biên nhận này được Cổng thông tin của Quỹ tạo tự động.', italic: true, size: 11, before: 6 },
  ]
  return document(fund, `Giấy biên nhận hồ sơ ${input.reference}`, blocks)
}
