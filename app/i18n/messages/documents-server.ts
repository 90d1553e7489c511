import { defineMessages } from '../define'

// Written only on the server, never sent to a browser: the generated documents (PDF; upper-case lines are written
// as they appear on the page, Decree 30/2020 layout) and the mail that carries an issued document.
export const messages = defineMessages({
  'doc.nation': ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'SOCIALIST REPUBLIC OF VIET NAM'],
  'doc.motto': ['Độc lập - Tự do - Hạnh phúc', 'Independence - Freedom - Happiness'],
  'doc.dateTime': ['{time} ngày {date}', '{time} on {date}'],

  'doc.receipt.title': ['GIẤY BIÊN NHẬN HỒ SƠ', 'RECEIPT OF APPLICATION'],
  'doc.receipt.intro': [
    '{fund} xác nhận đã nhận hồ sơ đề nghị trực tuyến sau đây:',
    '{fund} confirms receipt of the following online application:',
  ],
  'doc.receipt.reference': ['Mã hồ sơ:', 'Reference:'],
  'doc.receipt.submittedAt': ['Thời điểm nộp:', 'Submitted at:'],
  'doc.receipt.call': ['Đợt kêu gọi:', 'Call:'],
  'doc.receipt.organisation': ['Tổ chức đề nghị:', 'Applicant organisation:'],
  'doc.receipt.identifier': ['Mã số thuế:', 'Tax code:'],
  'doc.receipt.applicationTitle': ['Tên nhiệm vụ:', 'Title of the proposal:'],
  'doc.receipt.requested': ['Kinh phí đề nghị Quỹ hỗ trợ:', 'Amount requested from the Fund:'],
  'doc.receipt.counterpart': ['Vốn đối ứng:', 'Counterpart funds:'],
  'doc.receipt.documents': ['Danh mục tài liệu đã nộp ({n})', 'Documents submitted ({n})'],
  'doc.receipt.noDocuments': ['Không có tài liệu đính kèm.', 'No documents attached.'],
  'doc.receipt.col.no': ['STT', 'No.'],
  'doc.receipt.col.name': ['Tài liệu', 'Document'],
  'doc.receipt.col.filename': ['Tên tệp', 'File name'],
  'doc.receipt.col.size': ['Dung lượng', 'Size'],
  'doc.receipt.col.sha256': ['Mã băm SHA-256', 'SHA-256 hash'],
  'doc.receipt.hashNote': [
    'Mã băm SHA-256 cho phép kiểm tra tệp được lưu đúng là tệp đã nộp.',
    'The SHA-256 hash lets anyone check that a stored file is the one submitted.',
  ],
  'doc.receipt.closing': [
    'Quỹ sẽ thông báo kết quả kiểm tra hồ sơ trong {days} ngày làm việc.',
    'The Fund will notify you of the result of the dossier check within {days, plural, one {# working day} other {# working days}}.',
  ],
  'doc.receipt.generated': [
    'Giấy biên nhận được tạo tự động trên Cổng thông tin của Quỹ, không cần chữ ký.',
    'This receipt was generated automatically by the Fund’s portal and needs no signature.',
  ],
  'documents.sign.email.subject': ['Văn bản chờ ông/bà ký: {title}', 'A document waits for your signature: {title}'],
  'documents.sign.email.body': [
    'Văn phòng Quỹ đã chuẩn bị {kind} "{title}" và trình ông/bà ký.',
    'The Fund’s office has prepared the {kind} "{title}" for your signature.',
  ],
  'documents.sign.email.how': [
    'Hãy đăng nhập Cổng thông tin, đọc văn bản và ký số. Văn bản được cấp số và gửi đi khi ông/bà ký.',
    'Sign in to the portal, read the document and sign it digitally. It takes its number and is sent when you sign.',
  ],
  'documents.sign.email.action': ['Đọc và ký', 'Read and sign'],
  'documents.sign.email.kind.decision': ['quyết định phê duyệt', 'funding decision'],
  'documents.sign.email.kind.notice': ['thông báo không phê duyệt', 'notice of not approving'],
  'documents.sign.email.kind.supplementation': ['thông báo bổ sung hồ sơ', 'request for supplementation'],
  'documents.sign.email.kind.ineligible': ['thông báo hồ sơ không hợp lệ', 'notice of an ineligible dossier'],
  'documents.sign.email.kind.minutes': ['biên bản họp hội đồng', 'council meeting minutes'],
  'documents.sign.email.kind.appraisal_minutes': ['biên bản thẩm định kinh phí', 'cost-appraisal minutes'],
  'documents.sign.email.kind.opening_record': ['biên bản mở hồ sơ', 'dossier-opening record'],
  'documents.sign.email.kind.liquidation': ['biên bản thanh lý hợp đồng', 'contract liquidation record'],
  'documents.sign.email.kind.acceptance_minutes': ['biên bản họp hội đồng nghiệm thu', 'acceptance council minutes'],
  'documents.sign.email.kind.contract': ['hợp đồng thực hiện nhiệm vụ', 'contract for the task'],
  'documents.sign.email.kind.amendment': ['phụ lục hợp đồng', 'contract amendment'],
  'documents.sign.email.kind.change_decision': ['quyết định điều chỉnh nhiệm vụ', 'decision on a change to the task'],
  'documents.issued.email.subject.decision': ['[{reference}] Quyết định phê duyệt tài trợ số {symbol}', '[{reference}] Funding decision no. {symbol}'],
  'documents.issued.email.subject.notice': ['[{reference}] Thông báo kết quả xét duyệt số {symbol}', '[{reference}] Notice of the outcome no. {symbol}'],
  'documents.issued.email.body.decision': [
    'Quỹ đã ban hành Quyết định số {symbol} phê duyệt tài trợ nhiệm vụ “{title}”.',
    'The Fund has issued Decision no. {symbol} approving funding for “{title}”.',
  ],
  'documents.issued.email.body.notice': [
    'Quỹ đã ban hành Thông báo số {symbol} về kết quả xét duyệt hồ sơ “{title}”.',
    'The Fund has issued Notice no. {symbol} on the outcome of “{title}”.',
  ],
  'documents.issued.email.subject.ineligible': ['[{reference}] Thông báo hồ sơ không hợp lệ số {symbol}', '[{reference}] Notice of an ineligible dossier no. {symbol}'],
  'documents.issued.email.body.ineligible': [
    'Quỹ đã ban hành Thông báo số {symbol} về việc hồ sơ “{title}” không hợp lệ, kèm lý do.',
    'The Fund issued Notice no. {symbol}: the dossier “{title}” is not eligible, with the reasons.',
  ],
  'documents.issued.email.subject.supplementation': ['[{reference}] Thông báo bổ sung hồ sơ số {symbol}', '[{reference}] Request for supplementation no. {symbol}'],
  'documents.issued.email.body.supplementation': [
    'Quỹ đã ban hành Thông báo số {symbol} đề nghị bổ sung hồ sơ “{title}”; thời hạn và nội dung cần bổ sung ghi trong thông báo.',
    'The Fund has issued Notice no. {symbol} asking for changes to “{title}”; what to change and by when are in the notice.',
  ],
  'documents.issued.email.attached': ['Văn bản được đính kèm thư này và có trên trang hồ sơ.', 'The document is attached and is on the application page.'],
})
