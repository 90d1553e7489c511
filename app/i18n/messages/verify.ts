import { defineMessages } from '../define'

// The public check of a document of the Fund (/verify).
export const messages = defineMessages({
  'verify.title': ['Tra cứu văn bản của Quỹ', 'Check a document of the Fund'],
  'verify.lead': [
    'Kiểm tra một văn bản có đúng do Quỹ ban hành, ai ký, ký lúc nào và văn bản còn hiệu lực hay đã bị hủy hoặc thay thế. Không cần đăng nhập.',
    'Check whether a document was issued by the Fund, who signed it and when, and whether it still stands or was cancelled or replaced. No sign-in needed.',
  ],
  'verify.byFile': ['Kiểm tra bằng tệp PDF', 'Check a PDF file'],
  'verify.file': ['Tệp văn bản (PDF)', 'Document file (PDF)'],
  'verify.file.hint': ['Tệp được kiểm tra rồi bỏ đi, không lưu lại.', 'The file is checked and discarded, never kept.'],
  'verify.byCode': ['Kiểm tra bằng mã tra cứu', 'Check by its code'],
  'verify.code': ['Mã tra cứu (in dưới mã QR, ví dụ 7K2QD-M9XRT)', 'Code (printed under the QR code, e.g. 7K2QD-M9XRT)'],
  'verify.submit.file': ['Kiểm tra tệp', 'Check the file'],
  'verify.submit.code': ['Kiểm tra mã', 'Check the code'],
  'verify.result': ['Kết quả tra cứu', 'Result'],
  'verify.ok.file': ['Tệp này đúng là văn bản do Quỹ ban hành, không bị sửa đổi.', 'This file is a document the Fund issued, unaltered.'],
  'verify.ok.code': [
    'Mã này thuộc một văn bản do Quỹ ban hành. Hãy đối chiếu số, ngày và người ký dưới đây với văn bản ông/bà có.',
    'This code belongs to a document the Fund issued. Compare its number, date and signer below with the document you hold.',
  ],
  'verify.state.cancelled': ['Văn bản này đã bị hủy và không còn hiệu lực.', 'This document was cancelled and no longer stands.'],
  'verify.state.replaced': ['Văn bản này đã được thay thế bằng văn bản số {symbol}.', 'This document was replaced by document no. {symbol}.'],
  'verify.state.valid': ['Văn bản đang có hiệu lực (chưa bị hủy hoặc thay thế).', 'The document stands (not cancelled or replaced).'],
  'verify.altered': [
    'Tệp này mang chữ ký số của Quỹ nhưng KHÁC với văn bản Quỹ đã ban hành: nó đã bị sửa đổi. Đừng tin nội dung của nó.',
    'This file carries the Fund’s digital signature but DIFFERS from the document the Fund issued: it was altered. Do not rely on it.',
  ],
  'verify.unknown': ['Không tìm thấy văn bản nào của Quỹ khớp với nội dung đã nhập.', 'No document of the Fund matches what you gave.'],
  'verify.unsigned': [
    'Tệp này không có chữ ký số nên không phải là bản điện tử văn bản do Quỹ ban hành.',
    'This file has no digital signature: it is not an electronic document issued by the Fund.',
  ],
  'verify.bad_code': ['Mã tra cứu gồm 10 ký tự chữ và số, ví dụ 7K2QD-M9XRT.', 'A code has 10 letters and digits, e.g. 7K2QD-M9XRT.'],
  'verify.e.file': ['Hãy chọn tệp PDF cần kiểm tra.', 'Choose the PDF file to check.'],
  'verify.e.tooLarge': ['Tệp lớn hơn 20 MB.', 'The file is larger than 20 MB.'],
  'verify.number': ['Số văn bản', 'Number'],
  'verify.kind': ['Loại văn bản', 'Kind of document'],
  'verify.issuedAt': ['Ngày ban hành', 'Issued on'],
  'verify.signer': ['Người ký', 'Signed by'],
  'verify.signedAt': ['Thời điểm ký', 'Signed at'],
  'verify.kind.decision': ['Quyết định', 'Decision'],
  'verify.kind.notice': ['Thông báo', 'Notice'],
  'verify.kind.supplementation': ['Thông báo bổ sung hồ sơ', 'Request for supplementation'],
  'verify.kind.minutes': ['Biên bản', 'Minutes'],
  'verify.again': ['Kiểm tra văn bản khác', 'Check another document'],
})
