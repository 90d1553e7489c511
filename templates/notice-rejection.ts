// Thông báo không phê duyệt tài trợ: to the applicant, with the reasons.
import type { Block, DocumentModel } from '../app/modules/documents/layout'
import { body, type DocDate, document, documentNumber, type FundSettings, heading, inWordsDate, keepLast, numbered, signature, title } from './common'

export interface RejectionNoticeInput {
  fund: FundSettings
  number: number
  date: DocDate
  /** The applicant organisation (Kính gửi). */
  organisation: string
  reference: string
  applicationTitle: string
  callTitle: string
  /** What the decision rests on, e.g. "kết quả họp Hội đồng tư vấn xét chọn" and its date. */
  basis: string
  basisDate?: DocDate
  /** One reason a line (no numbering, no final punctuation needed). */
  reasons: string[]
  recipients?: string[]
}

export function rejectionNotice(input: RejectionNoticeInput): DocumentModel {
  const { fund } = input
  const number = documentNumber(input.number, 'TB', fund.documentSymbol)
  const blocks: Block[] = [
    ...heading(fund, number, input.date),
    ...title('Thông báo', `Kết quả xét duyệt hồ sơ đề nghị tài trợ thuộc ${input.callTitle}`),
    body(
      `Căn cứ ${input.basis.trim()}${input.basisDate ? ` ${inWordsDate(input.basisDate)}` : ''}, ${fund.fundName} thông báo: hồ sơ đề nghị tài trợ nhiệm vụ “${input.applicationTitle}” (mã hồ sơ ${input.reference}) của ${input.organisation} không được phê duyệt tài trợ, vì các lý do sau:`,
    ),
    ...numbered(input.reasons),
    body(`${fund.fundName} trân trọng cảm ơn ${input.organisation} đã quan tâm và mong tiếp tục nhận được đề xuất trong các đợt tài trợ tiếp theo./.`, { before: 3 }),
  ]
  keepLast(blocks)
  blocks.push(signature(fund, input.recipients ?? [input.organisation, ...fund.recipients.filter((r) => !/^Như Điều/i.test(r))]))
  return document(fund, `Thông báo số ${number}`, blocks)
}
