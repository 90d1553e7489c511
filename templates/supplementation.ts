// Thông báo bổ sung hồ sơ: what the applicant must add, and by when.
import type { DocumentModel } from '../app/modules/documents/layout'
import { formatTime } from '../app/i18n/format'
import { shortDate } from './common'
import { type ApplicantNoticeInput, applicantNotice } from './notice'

export interface SupplementationNoticeInput extends ApplicantNoticeInput {
  submittedAt: Date
  /** What to add or correct, one item a line. */
  items: string[]
  /** The due moment (Asia/Ho_Chi_Minh). */
  dueAt: Date
  /** Where to send it: "trực tuyến trên Cổng thông tin của Quỹ". */
  channel: string
}

export function supplementationNotice(input: SupplementationNoticeInput): DocumentModel {
  const { fund } = input
  return applicantNotice(input, {
    subject: 'Về việc bổ sung, hoàn thiện hồ sơ đề nghị tài trợ',
    opening: `Qua kiểm tra hồ sơ đề nghị tài trợ nhiệm vụ “${input.applicationTitle}” (mã hồ sơ ${input.reference}) nộp lúc ${formatTime(input.submittedAt)} ngày ${shortDate(input.submittedAt)}, ${fund.fundName} đề nghị ${input.organisation} bổ sung, hoàn thiện các nội dung sau:`,
    points: input.items,
    closing: `Hồ sơ bổ sung gửi ${input.channel.trim()} trước ${formatTime(input.dueAt)} ngày ${shortDate(input.dueAt)}. Quá thời hạn trên mà hồ sơ chưa được bổ sung, hoàn thiện thì hồ sơ không được xem xét ở các bước tiếp theo./.`,
  })
}
