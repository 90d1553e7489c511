// Thông báo hồ sơ không hợp lệ (Circular 20/2023, Art. 7.5): the office found a dossier invalid at screening and
// tells the applicant in writing, with the reasons. A notice carries no "Kính gửi" (that belongs to letters): the
// applicant is its first recipient.
import type { DocumentModel } from '../app/modules/documents/layout'
import { formatTime } from '../app/i18n/format'
import { shortDate } from './common'
import { type ApplicantNoticeInput, applicantNotice } from './notice'

export interface IneligibleNoticeInput extends ApplicantNoticeInput {
  callTitle: string
  submittedAt?: Date
  /** The reasons recorded at screening, one a line. */
  reasons: string[]
}

export function ineligibleNotice(input: IneligibleNoticeInput): DocumentModel {
  const { fund } = input
  const submitted = input.submittedAt ? ` nộp lúc ${formatTime(input.submittedAt)} ngày ${shortDate(input.submittedAt)}` : ''
  return applicantNotice(input, {
    subject: `Về việc hồ sơ đề nghị không hợp lệ thuộc ${input.callTitle}`,
    opening: `Qua kiểm tra tính hợp lệ của hồ sơ, ${fund.fundName} thông báo: hồ sơ “${input.applicationTitle}” (mã hồ sơ ${input.reference})${submitted} của ${input.organisation} không hợp lệ và không được đưa vào xét chọn, vì các lý do sau:`,
    points: input.reasons.length ? input.reasons : ['Hồ sơ không đáp ứng yêu cầu của thông báo tuyển chọn'],
    closing: `${fund.fundName} thông báo để ${input.organisation} được biết./.`,
  })
}
