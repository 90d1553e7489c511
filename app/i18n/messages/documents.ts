import { defineMessages } from '../define'

// Generated documents (PDF). Upper-case lines are written as they appear on the page (Decree 30/2020 layout).
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
    'The Fund will notify you of the result of the dossier check within {days} working days.',
  ],
  'doc.receipt.generated': [
    'Giấy biên nhận được tạo tự động trên Cổng thông tin của Quỹ, không cần chữ ký.',
    'This receipt was generated automatically by the Fund’s portal and needs no signature.',
  ],
})
