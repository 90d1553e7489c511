import { defineMessages } from '../define'

// The register of documents (/staff/register).
export const messages = defineMessages({
  'docRegister.title': ['Sổ đăng ký văn bản', 'Register of documents'],
  'docRegister.lead': [
    'Mọi số văn bản đã cấp trong năm, theo loại. Số cấp nhầm được hủy kèm lý do: số vẫn còn trong sổ và không bao giờ được cấp lại.',
    'Every number given in the year, by type. A number given by mistake is cancelled with a reason: it stays in the register and is never given again.',
  ],
  'docRegister.caption': ['Sổ đăng ký văn bản năm {year}', 'Register of documents, {year}'],
  'docRegister.year': ['Năm', 'Year'],
  'docRegister.year.current': ['Năm nay', 'This year'],
  'docRegister.type': ['Loại văn bản', 'Type'],
  'docRegister.type.any': ['Mọi loại', 'All types'],
  'docRegister.type.decision': ['Quyết định', 'Decision'],
  'docRegister.type.notice': ['Thông báo', 'Notice'],
  'docRegister.type.minutes': ['Biên bản', 'Minutes'],
  'docRegister.type.receipt': ['Giấy biên nhận', 'Receipt'],
  'docRegister.number': ['Số, ký hiệu', 'Number'],
  'docRegister.subject': ['Trích yếu', 'Subject'],
  'docRegister.issued': ['Ngày cấp số, người cấp', 'Issued, by'],
  'docRegister.state': ['Tình trạng', 'State'],
  'docRegister.state.cancelled': ['Đã hủy', 'Cancelled'],
  'docRegister.reason': ['Lý do hủy số {symbol}', 'Why cancel {symbol}'],
  'docRegister.cancel': ['Hủy số', 'Cancel the number'],
  'docRegister.cancelled': ['Đã hủy số văn bản; số vẫn được giữ trong sổ.', 'The number was cancelled; it stays in the register.'],
  'docRegister.v.reason': ['Nhập lý do hủy số.', 'Enter why the number is cancelled.'],
  'docRegister.v.already': ['Số này đã bị hủy trước đó.', 'This number was already cancelled.'],
  'docRegister.v.notFound': ['Không tìm thấy số văn bản này.', 'This number was not found.'],
})
