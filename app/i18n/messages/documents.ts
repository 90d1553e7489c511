import { defineMessages } from '../define'

// The Fund's documents on the pages: the list an applicant or the office downloads from, previewing and issuing.
export const messages = defineMessages({
  'documents.section.title': ['Văn bản của Quỹ', 'Documents from the Fund'],
  'documents.section.empty': ['Chưa có văn bản nào được ban hành.', 'No document has been issued yet.'],
  'documents.kind.decision': ['Quyết định phê duyệt tài trợ', 'Funding decision'],
  'documents.kind.notice': ['Thông báo không phê duyệt', 'Notice of not approving'],
  'documents.kind.supplementation': ['Thông báo bổ sung hồ sơ', 'Request for supplementation'],
  'documents.kind.ineligible': ['Thông báo hồ sơ không hợp lệ', 'Notice of an ineligible dossier'],
  'documents.download': ['Tải {name} (PDF, {size})', 'Download {name} (PDF, {size})'],
  'documents.preview': ['Xem trước văn bản (chưa có số)', 'Preview the document (not numbered)'],
  'documents.issue': ['Ban hành và gửi cho tổ chức đề nghị', 'Issue and send to the applicant'],
  'documents.issue.hint': ['Số văn bản được cấp từ sổ đăng ký khi ban hành; văn bản được gửi kèm thư cho tổ chức đề nghị.', 'The number is taken from the register when issued; the document is mailed to the applicant.'],
  'documents.issued': ['Đã ban hành văn bản số {symbol}.', 'Document no. {symbol} was issued.'],
  'documents.cancelled': ['đã hủy', 'cancelled'],
})
