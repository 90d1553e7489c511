// Thông báo hồ sơ không hợp lệ (Circular 20/2023, Art. 7.5): the office found a dossier invalid at screening and
// tells the applicant in writing, with the reasons. A notice carries no "Kính gửi" (that belongs to letters): the
// applicant is its first recipient.
import type { Block, DocumentModel } from '../app/modules/documents/layout'
import { formatTime } from '../app/i18n/format'
import { body, type DocDate, document, documentNumber, type FundSettings, heading, keepLast, numbered, shortDate, signature, title } from './common'

export interface IneligibleNoticeInput {
  fund: FundSettings
  number: number
  date: DocDate
  organisation: string
  reference: string
  applicationTitle: string
  callTitle: string
  submittedAt?: Date
  /** The reasons recorded at screening, one a line. */
  reasons: string[]
  recipients?: string[]
}

export function ineligibleNotice(input: IneligibleNoticeInput): DocumentModel {
  const { fund } = input
  const number = documentNumber(input.number, 'TB', fund.documentSymbol)
  const submitted = input.submittedAt ? ` nộp lúc ${formatTime(input.submittedAt)} ngày ${shortDate(input.submittedAt)}` : ''
  const blocks: Block[] = [
    ...heading(fund, number, input.date),
    ...title('Thông báo', `Về việc hồ sơ đề nghị không hợp lệ thuộc ${input.callTitle}`),
    body(
      `Qua kiểm tra tính hợp lệ của hồ sơ, ${fund.fundName} thông báo: hồ sơ “${input.applicationTitle}” (mã hồ sơ ${input.reference})${submitted} của ${input.organisation} không hợp lệ và không được đưa vào xét chọn, vì các lý do sau:`,
    ),
    ...numbered(input.reasons.length ? input.reasons : ['Hồ sơ không đáp ứng yêu cầu của thông báo tuyển chọn']),
    body(`${fund.fundName} thông báo để ${input.organisation} được biết./.`, { before: 3 }),
  ]
  keepLast(blocks)
  blocks.push(signature(fund, input.recipients ?? [input.organisation, ...fund.recipients.filter((r) => !/^Như Điều/i.test(r))]))
  return document(fund, `Thông báo số ${number}`, blocks)
}
