import { defineMessages } from '../define'

// The Fund's documents on the pages: the list an applicant or the office downloads from, previewing and issuing.
export const messages = defineMessages({
  'documents.section.title': ['Văn bản của Quỹ', 'Documents from the Fund'],
  'documents.section.empty': ['Chưa có văn bản nào được ban hành.', 'No document has been issued yet.'],
  'documents.kind.decision': ['Quyết định phê duyệt tài trợ', 'Funding decision'],
  'documents.kind.notice': ['Thông báo không phê duyệt', 'Notice of non-approval'],
  'documents.kind.supplementation': ['Thông báo bổ sung hồ sơ', 'Request for supplementation'],
  'documents.kind.ineligible': ['Thông báo hồ sơ không hợp lệ', 'Notice of an ineligible dossier'],
  'documents.kind.acceptance_minutes': ['Biên bản họp hội đồng nghiệm thu', 'Acceptance council minutes'],
  'documents.kind.liquidation': ['Biên bản thanh lý hợp đồng', 'Contract liquidation record'],
  'documents.kind.contract': ['Hợp đồng thực hiện nhiệm vụ', 'Task contract'],
  'documents.kind.minutes': ['Biên bản họp Hội đồng tư vấn', 'Advisory council minutes'],
  'documents.kind.opening_record': ['Biên bản mở hồ sơ', 'Dossier-opening record'],
  'documents.download': ['Tải {name} (PDF, {size})', 'Download {name} (PDF, {size})'],
  'documents.preview': ['Xem trước văn bản (chưa có số)', 'Preview the document (not numbered)'],
  'documents.issue': ['Ban hành và gửi cho tổ chức đề nghị', 'Issue and send to the applicant'],
  'documents.issue.hint': [
    'Giám đốc Quỹ đọc và ký số văn bản trên Cổng; số văn bản được cấp từ sổ đăng ký khi ký và văn bản được gửi kèm thư cho tổ chức đề nghị.',
    'The Fund’s director reads and signs the document in the portal; the number is taken from the register when it is signed, and the document is mailed to the applicant.',
  ],
  'documents.issued': ['Đã ban hành văn bản số {symbol}.', 'Document no. {symbol} was issued.'],
  'documents.cancelled': ['đã hủy', 'cancelled'],
})
