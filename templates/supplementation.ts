// Thông báo bổ sung hồ sơ: what the applicant must add, and by when.
import type { Block, DocumentModel } from '../app/modules/documents/layout'
import { formatTime } from '../app/i18n/format'
import { body, type DocDate, document, documentNumber, type FundSettings, heading, keepLast, numbered, shortDate, signature, title } from './common'

export interface SupplementationNoticeInput {
  fund: FundSettings
  number: number
  date: DocDate
  organisation: string
  reference: string
  applicationTitle: string
  submittedAt: Date
  /** What to add or correct, one item a line. */
  items: string[]
  /** The due moment (Asia/Ho_Chi_Minh). */
  dueAt: Date
  /** Where to send it: "trực tuyến trên Cổng thông tin của Quỹ". */
  channel: string
  recipients?: string[]
}

export function supplementationNotice(input: SupplementationNoticeInput): DocumentModel {
  const { fund } = input
  const number = documentNumber(input.number, 'TB', fund.documentSymbol)
  const blocks: Block[] = [
    ...heading(fund, number, input.date),
    ...title('Thông báo', 'Về việc bổ sung, hoàn thiện hồ sơ đề nghị tài trợ'),
    body(
      `Qua kiểm tra hồ sơ đề nghị tài trợ nhiệm vụ “${input.applicationTitle}” (mã hồ sơ ${input.reference}) nộp lúc ${formatTime(input.submittedAt)} ngày ${shortDate(input.submittedAt)}, ${fund.fundName} đề nghị ${input.organisation} bổ sung, hoàn thiện các nội dung sau:`,
    ),
    ...numbered(input.items),
    body(
      `Hồ sơ bổ sung gửi ${input.channel.trim()} trước ${formatTime(input.dueAt)} ngày ${shortDate(input.dueAt)}. Quá thời hạn trên mà hồ sơ chưa được bổ sung, hoàn thiện thì hồ sơ không được xem xét ở các bước tiếp theo./.`,
      { before: 3 },
    ),
  ]
  keepLast(blocks)
  blocks.push(signature(fund, input.recipients ?? [input.organisation, ...fund.recipients.filter((r) => !/^Như Điều/i.test(r))]))
  return document(fund, `Thông báo số ${number}`, blocks)
}
