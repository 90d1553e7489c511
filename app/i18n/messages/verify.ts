import { defineMessages } from '../define'

// The public check of a document of the Fund (/verify).
export const messages = defineMessages({
  'docCheck.title': ['Tra cứu văn bản của Quỹ', 'Check a document of the Fund'],
  'docCheck.lead': [
    'Kiểm tra một văn bản có đúng do Quỹ ban hành, ai ký, ký lúc nào và văn bản còn hiệu lực hay đã bị hủy hoặc thay thế. Không cần đăng nhập.',
    'Check whether a document was issued by the Fund, who signed it and when, and whether it still stands or was cancelled or replaced. No sign-in needed.',
  ],
  'docCheck.byFile': ['Kiểm tra bằng tệp PDF', 'Check a PDF file'],
  'docCheck.file': ['Tệp văn bản (PDF)', 'Document file (PDF)'],
  'docCheck.file.hint': ['Tệp được kiểm tra rồi bỏ đi, không lưu lại.', 'The file is checked and discarded, never kept.'],
  'docCheck.byCode': ['Kiểm tra bằng mã tra cứu', 'Check by its code'],
  'docCheck.code': ['Mã tra cứu (in dưới mã QR, ví dụ 7K2QD-M9XRT)', 'Code (printed under the QR code, e.g. 7K2QD-M9XRT)'],
  'docCheck.submit.file': ['Kiểm tra tệp', 'Check the file'],
  'docCheck.submit.code': ['Kiểm tra mã', 'Check the code'],
  'docCheck.result': ['Kết quả tra cứu', 'Result'],
  'docCheck.ok.file': ['Tệp này đúng là văn bản do Quỹ ban hành, không bị sửa đổi.', 'This file is a document the Fund issued, unaltered.'],
  'docCheck.ok.code': [
    'Mã này thuộc một văn bản do Quỹ ban hành. Hãy đối chiếu số, ngày và người ký dưới đây với văn bản ông/bà có.',
    'This code belongs to a document the Fund issued. Compare its number, date and signer below with the document you hold.',
  ],
  'docCheck.state.cancelled': ['Văn bản này đã bị hủy và không còn hiệu lực.', 'This document was cancelled and no longer stands.'],
  'docCheck.state.replaced': ['Văn bản này đã được thay thế bằng văn bản số {symbol}.', 'This document was replaced by document no. {symbol}.'],
  'docCheck.state.valid': ['Văn bản đang có hiệu lực (chưa bị hủy hoặc thay thế).', 'The document stands (not cancelled or replaced).'],
  'docCheck.altered': [
    'Tệp này mang chữ ký số của Quỹ nhưng KHÁC với văn bản Quỹ đã ban hành: nó đã bị sửa đổi. Đừng tin nội dung của nó.',
    'This file carries the Fund’s digital signature but DIFFERS from the document the Fund issued: it was altered. Do not rely on it.',
  ],
  'docCheck.unknown': ['Không tìm thấy văn bản nào của Quỹ khớp với nội dung đã nhập.', 'No document of the Fund matches what you gave.'],
  'docCheck.unsigned': [
    'Tệp này không có chữ ký số nên không phải là bản điện tử văn bản do Quỹ ban hành.',
    'This file has no digital signature: it is not an electronic document issued by the Fund.',
  ],
  'docCheck.bad_code': ['Mã tra cứu gồm 10 ký tự chữ và số, ví dụ 7K2QD-M9XRT.', 'A code has 10 letters and digits, e.g. 7K2QD-M9XRT.'],
  'docCheck.e.file': ['Hãy chọn tệp PDF cần kiểm tra.', 'Choose the PDF file to check.'],
  'docCheck.e.tooLarge': ['Tệp lớn hơn 20 MB.', 'The file is larger than 20 MB.'],
  'docCheck.number': ['Số văn bản', 'Number'],
  'docCheck.kind': ['Loại văn bản', 'Kind of document'],
  'docCheck.issuedAt': ['Ngày ban hành', 'Issued on'],
  'docCheck.signer': ['Người ký', 'Signed by'],
  'docCheck.signedAt': ['Thời điểm ký', 'Signed at'],
  'docCheck.kind.decision': ['Quyết định', 'Decision'],
  'docCheck.kind.notice': ['Thông báo', 'Notice'],
  'docCheck.kind.ineligible': ['Thông báo hồ sơ không hợp lệ', 'Notice of an ineligible dossier'],
  'docCheck.kind.supplementation': ['Thông báo bổ sung hồ sơ', 'Request for supplementation'],
  'docCheck.kind.minutes': ['Biên bản', 'Minutes'],
  'docCheck.again': ['Kiểm tra văn bản khác', 'Check another document'],
})
