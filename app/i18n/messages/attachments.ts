import { defineMessages } from '../define'

// Attachments of an application: the page listing the call's documents, uploads, downloads and their errors.

export const messages = defineMessages({
  'attachments.title': ['Tài liệu đính kèm', 'Attachments'],
  'attachments.lead': [
    'Tải lên một tệp cho mỗi tài liệu. Tệp mới sẽ thay thế tệp đã có. Hệ thống kiểm tra loại tệp theo nội dung, không theo tên tệp.',
    'Upload one file for each document. A new file replaces the one already there. The type of a file is checked by its content, not by its name.',
  ],
  'attachments.back': ['Quay lại hồ sơ', 'Back to the application'],
  'attachments.mandatory': ['Bắt buộc', 'Required'],
  'attachments.optional': ['Không bắt buộc', 'Optional'],
  'attachments.rules': ['Định dạng chấp nhận: {types}. Dung lượng tối đa {max} MB.', 'Accepted formats: {types}. Up to {max} MB.'],
  'attachments.current': ['Tệp hiện tại', 'Current file'],
  'attachments.none': ['Chưa có tệp', 'No file yet'],
  'attachments.fileInfo': ['{size}, tải lên lúc {at}', '{size}, uploaded {at}'],
  'attachments.chooseFile': ['Chọn tệp', 'Choose a file'],
  'attachments.chooseReplacement': ['Chọn tệp thay thế', 'Choose a replacement file'],
  // Read after "Choose a file" by a screen reader ("Choose a file for Project description"): a word, not a colon,
  // which a screen reader would read after a space ("Choose a file : …").
  'attachments.chooseFor': ['cho {name}', 'for {name}'],
  'attachments.upload': ['Tải lên', 'Upload'],
  'attachments.replace': ['Thay thế', 'Replace'],
  'attachments.delete': ['Xóa', 'Delete'],
  'attachments.download': ['Tải xuống', 'Download'],
  'attachments.progress': ['Đang tải lên {name}', 'Uploading {name}'],
  'attachments.progressPercent': ['{percent, percent}', '{percent, percent}'],
  'attachments.complete': ['Đã có đủ các tài liệu bắt buộc.', 'Every required document has a file.'],
  'attachments.incomplete': ['Còn {count} tài liệu bắt buộc chưa có tệp.', '{count, plural, one {# required document still needs a file.} other {# required documents still need a file.}}'],
  'attachments.readOnly': [
    'Hồ sơ này không thể sửa: chỉ chủ sở hữu và biên tập viên của tổ chức được tải tệp lên khi hồ sơ còn là bản nháp và đợt gọi còn mở.',
    'This application cannot be changed: only the organisation’s owners and editors can upload files, while it is a draft and the call is open.',
  ],
  'attachments.notice.uploaded': ['Đã tải lên {name}.', '{name} has been uploaded.'],
  'attachments.notice.deleted': ['Đã xóa {name}.', '{name} has been deleted.'],
  'attachments.size.bytes': ['{n, number} byte', '{n, plural, one {# byte} other {# bytes}}'],
  'attachments.size.kb': ['{n, number} KB', '{n, number} KB'],
  'attachments.size.mb': ['{n, number} MB', '{n, number} MB'],
  'attachments.error.notEditable': [
    'Không thể thay đổi tệp: hồ sơ không còn là bản nháp, đợt gọi đã hết hạn hoặc bạn chỉ có quyền xem.',
    'The files cannot be changed: the application is no longer a draft, the call has closed, or you can only view it.',
  ],
  'attachments.error.noDocument': ['Tài liệu này không thuộc đợt gọi hồ sơ của hồ sơ.', 'This document is not one the call asks for.'],
  'attachments.error.noFile': ['Hãy chọn một tệp để tải lên', 'Select a file to upload'],
  'attachments.error.empty': ['Tệp đã chọn không có nội dung', 'The selected file is empty'],
  'attachments.error.tooLarge': ['Tệp phải nhỏ hơn {max} MB', 'The file must be smaller than {max} MB'],
  'attachments.error.requestTooLarge': ['Tệp quá lớn: không tài liệu nào nhận tệp trên {max} MB', 'The file is too large: no document accepts files over {max} MB'],
  'attachments.error.type': ['Tệp phải có định dạng {types}', 'The file must be one of these types: {types}'],
  'attachments.error.executable': [
    'Tệp này là chương trình chạy được, không phải tài liệu. Tệp phải có định dạng {types}',
    'This file is an executable program, not a document. The file must be one of these types: {types}',
  ],
  'attachments.error.archiveExecutable': [
    'Tệp chứa chương trình hoặc mã lệnh ({names}), không được chấp nhận. Hãy bỏ chúng ra rồi tải tệp lên lại.',
    'The file contains programs or scripts ({names}), which are not accepted. Remove them and upload the file again.',
  ],
  'attachments.error.archiveMacros': [
    'Tệp chứa macro, không được chấp nhận. Hãy lưu thành tệp không có macro (.docx, .xlsx) rồi tải lên lại.',
    'The file contains macros, which are not accepted. Save it as a file without macros (.docx, .xlsx) and upload it again.',
  ],
  'attachments.error.archiveBomb': [
    'Tệp khi giải nén lớn hơn 100 lần dung lượng của nó nên không được chấp nhận.',
    'The file would expand to more than 100 times its size when opened, so it is not accepted.',
  ],
  'attachments.error.archiveBroken': [
    'Tệp bị hỏng hoặc được đặt mật khẩu nên không kiểm tra được. Hãy lưu lại tệp (không đặt mật khẩu) rồi tải lên lại.',
    'The file is damaged or password-protected, so it cannot be checked. Save it again without a password and upload it.',
  ],
  'attachments.error.gone': ['Tệp này đã bị xóa hoặc thay thế. Hãy tải lại trang.', 'This file has already been deleted or replaced. Reload the page.'],
  'attachments.error.badRequest': ['Yêu cầu tải tệp không hợp lệ. Hãy chọn tệp và thử lại.', 'The upload could not be understood. Choose the file and try again.'],
  'attachments.error.network': ['Không tải lên được do lỗi kết nối. Hãy thử lại.', 'The upload failed because of a connection problem. Try again.'],
})
