// Thông báo không phê duyệt tài trợ: to the applicant, with the reasons.
import type { DocumentModel } from '../app/modules/documents/layout'
import { type DocDate, inWordsDate } from './common'
import { type ApplicantNoticeInput, applicantNotice } from './notice'

export interface RejectionNoticeInput extends ApplicantNoticeInput {
  callTitle: string
  /** What the decision rests on, e.g. "kết quả họp Hội đồng tư vấn xét chọn" and its date. */
  basis: string
  basisDate?: DocDate
  /** One reason a line (no numbering, no final punctuation needed). */
  reasons: string[]
}

export function rejectionNotice(input: RejectionNoticeInput): DocumentModel {
  const { fund } = input
  return applicantNotice(input, {
    subject: `Kết quả xét duyệt hồ sơ đề nghị tài trợ thuộc ${input.callTitle}`,
    opening: `Căn cứ ${input.basis.trim()}${input.basisDate ? ` ${inWordsDate(input.basisDate)}` : ''}, ${fund.fundName} thông báo: hồ sơ đề nghị tài trợ nhiệm vụ “${input.applicationTitle}” (mã hồ sơ ${input.reference}) của ${input.organisation} không được phê duyệt tài trợ, vì các lý do sau:`,
    points: input.reasons,
    closing: `${fund.fundName} trân trọng cảm ơn ${input.organisation} đã quan tâm và mong tiếp tục nhận được đề xuất trong các đợt tài trợ tiếp theo./.`,
  })
}
