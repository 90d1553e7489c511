// Biên bản mở hồ sơ (Circular 20/2023 Art. 7): after the call closes the office opens the dossiers received and
// lists every one of them; the screening's working days count from the close. A new template of its own
// (issue 11), in the shared frame of common.ts.
import type { Block, DocumentModel, Table } from '../app/modules/documents/layout'
import { formatTime } from '../app/i18n/format'
import { body, type DocDate, document, documentNumber, type FundSettings, heading, inWordsDate, section, shortDate, signature, title } from './common'

export interface OpeningRecordInput {
  fund: FundSettings
  number: number
  date: DocDate
  callTitle: string
  callCode: string
  closesAt: Date
  openedAt: Date
  /** Every dossier received, in the order of receipt. */
  dossiers: { reference: string; title: string; organisation: string; submittedAt: Date }[]
  screeningDays: number
}

export function openingRecord(input: OpeningRecordInput): DocumentModel {
  const { fund } = input
  const number = documentNumber(input.number, 'BB', fund.documentSymbol)
  const table: Table = {
    kind: 'table',
    columns: [{ width: { mm: 11 }, align: 'center' }, { width: { mm: 40 } }, { width: { fr: 1 } }, { width: { mm: 28 }, align: 'center' }],
    header: [['STT', 'Mã hồ sơ', 'Tên nhiệm vụ, tổ chức chủ trì', 'Thời điểm nộp']],
    rows: input.dossiers.map((d, i) => [
      String(i + 1),
      d.reference,
      { text: [{ text: `${d.title}\n` }, { text: d.organisation, italic: true }] },
      `${formatTime(d.submittedAt)} ${shortDate(d.submittedAt)}`,
    ]),
    size: 12,
    lineHeight: 1.15,
    before: 2,
    after: 6,
  }
  const blocks: Block[] = [
    ...heading(fund, number, input.date),
    ...title('Biên bản', `Mở hồ sơ đăng ký ${input.callTitle} (mã đợt ${input.callCode})`),
    body(
      `Đợt tiếp nhận hồ sơ kết thúc lúc ${formatTime(input.closesAt)} ${inWordsDate(input.closesAt)}. Vào hồi ${formatTime(input.openedAt).replace(':', ' giờ ')} ${inWordsDate(input.openedAt)}, ${fund.fundName} mở các hồ sơ đã nhận qua Cổng thông tin của Quỹ.`,
    ),
    section(`Số hồ sơ đã nhận: ${input.dossiers.length}`),
    ...(input.dossiers.length ? [table] : [body('Không có hồ sơ nào được nộp trong thời hạn.')]),
    body(`Quỹ kiểm tra tính hợp lệ của các hồ sơ trong ${input.screeningDays} ngày làm việc kể từ ngày kết thúc tiếp nhận./.`, { keepWithNext: true }),
    signature(fund, null),
  ]
  return document(fund, `Biên bản số ${number}`, blocks)
}
