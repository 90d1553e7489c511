import { defineMessages } from '../define'

// Progress of a funded task: periodic reports, their reminders, and inspections (issue 12, ADR 020).

export const messages = defineMessages({
  'reports.email.action.open': ['Mở báo cáo', 'Open the report'],
  'reports.email.action.review': ['Xem xét báo cáo', 'Review the report'],
  'reports.email.submitted.subject': ['{reference}: đã nộp báo cáo định kỳ lần {seq}', '{reference}: progress report {seq} submitted'],
  'reports.email.submitted.body': [
    '{by} ({organisation}) đã nộp phiên bản {version} của báo cáo định kỳ lần {seq} (kỳ {period}) của nhiệm vụ {reference} “{title}”. Văn phòng Quỹ xem xét và chấp nhận hoặc yêu cầu chỉnh sửa.',
    '{by} ({organisation}) has submitted progress report {seq} (period {period}, version {version}) of task {reference} “{title}”. The office reviews it and accepts it or asks for changes.',
  ],
  'reports.email.reviewed.subject.accepted': ['{reference}: báo cáo định kỳ lần {seq} đã được chấp nhận', '{reference}: progress report {seq} accepted'],
  'reports.email.reviewed.subject.changes_requested': ['{reference}: đề nghị chỉnh sửa báo cáo định kỳ lần {seq}', '{reference}: changes asked to progress report {seq}'],
  'reports.email.reviewed.body.accepted': [
    'Văn phòng Quỹ đã chấp nhận phiên bản {version} của báo cáo định kỳ lần {seq} (kỳ {period}) của nhiệm vụ {reference} “{title}”.',
    'The Fund’s office has accepted progress report {seq} (period {period}, version {version}) of task {reference} “{title}”.',
  ],
  'reports.email.reviewed.body.changes_requested': [
    'Văn phòng Quỹ đề nghị chỉnh sửa phiên bản {version} của báo cáo định kỳ lần {seq} (kỳ {period}) của nhiệm vụ {reference} “{title}” rồi nộp lại trên cổng.',
    'The Fund’s office asks for changes to progress report {seq} (period {period}, version {version}) of task {reference} “{title}”; submit it again on the portal.',
  ],
  'reports.email.reviewed.note': ['Ý kiến của Văn phòng Quỹ:', 'The office’s note:'],
  'reports.email.reminder.subject': ['{reference}: báo cáo định kỳ lần {seq} đến hạn ngày {due}', '{reference}: progress report {seq} is due on {due}'],
  'reports.email.reminder.body': [
    'Báo cáo định kỳ lần {seq} (kỳ {period}) của nhiệm vụ {reference} “{title}” đến hạn nộp ngày {due}. Xin nộp báo cáo trên cổng trước hạn.',
    'Progress report {seq} (period {period}) of task {reference} “{title}” is due on {due}. Please submit it on the portal before then.',
  ],
  'reports.email.overdue.subject.late': ['{reference}: báo cáo định kỳ lần {seq} đã quá hạn', '{reference}: progress report {seq} is late'],
  'reports.email.overdue.subject.very_late': ['{reference}: báo cáo định kỳ lần {seq} chậm nghiêm trọng', '{reference}: progress report {seq} is very late'],
  'reports.email.overdue.body.grantee': [
    'Báo cáo định kỳ lần {seq} (kỳ {period}) của nhiệm vụ {reference} “{title}” đến hạn ngày {due} và đã quá hạn {days} ngày mà chưa nộp.',
    'Progress report {seq} (period {period}) of task {reference} “{title}” was due on {due} and is {days, plural, one {# day} other {# days}} late.',
  ],
  'reports.email.overdue.body.office': [
    'Báo cáo định kỳ lần {seq} (kỳ {period}) của nhiệm vụ {reference} “{title}” ({organisation}) đến hạn ngày {due} và đã quá hạn {days} ngày mà chưa nộp.',
    'Progress report {seq} (period {period}) of task {reference} “{title}” ({organisation}) was due on {due} and is {days, plural, one {# day} other {# days}} late.',
  ],
  'reports.email.overdue.next.grantee': [
    'Xin nộp báo cáo ngay trên cổng. Chậm báo cáo có thể làm chậm các đợt cấp kinh phí tiếp theo.',
    'Please submit it on the portal now. A late report can hold back the next payments.',
  ],
  'reports.email.overdue.next.office': [
    'Bên nhận tài trợ đã được nhắc. Văn phòng Quỹ xem xét biện pháp tiếp theo (kiểm tra, tạm dừng cấp kinh phí).',
    'The grantee has been reminded. The office decides what follows (an inspection, holding payments).',
  ],

  'audit.action.report.submitted': ['Nộp báo cáo định kỳ', 'Progress report submitted'],
  'audit.action.report.accepted': ['Chấp nhận báo cáo định kỳ', 'Progress report accepted'],
  'audit.action.report.changes_requested': ['Yêu cầu chỉnh sửa báo cáo định kỳ', 'Changes asked to a progress report'],
  'audit.action.report.product_added': ['Thêm sản phẩm vào báo cáo định kỳ', 'Product added to a progress report'],
  'audit.action.report.product_removed': ['Bỏ sản phẩm khỏi báo cáo định kỳ', 'Product removed from a progress report'],
  'audit.action.report.product_downloaded': ['Tải tệp sản phẩm của báo cáo', 'Report product downloaded'],
  'audit.action.inspection.recorded': ['Ghi nhận kết quả kiểm tra định kỳ', 'Inspection recorded'],
  'audit.action.inspection.follow_up_added': ['Thêm việc cần làm sau kiểm tra', 'Inspection follow-up added'],
  'audit.action.inspection.follow_up_done': ['Hoàn thành việc cần làm sau kiểm tra', 'Inspection follow-up done'],

  'reports.next.due': ['Nộp báo cáo định kỳ', 'Submit the progress report'],
  'reports.next.changes': ['Chỉnh sửa và nộp lại báo cáo định kỳ', 'Revise and resubmit the progress report'],

  'reports.v.required': ['Vui lòng nhập nội dung này.', 'Please fill this in.'],
  'reports.v.tooLong': ['Nội dung quá dài.', 'This is too long.'],
  'reports.v.stale': ['Báo cáo vừa được người khác thay đổi. Hãy tải lại trang.', 'Someone else has just changed the report. Reload the page.'],
  'reports.v.report': ['Không tìm thấy báo cáo.', 'The report was not found.'],
  'reports.v.product': ['Không tìm thấy sản phẩm.', 'The product was not found.'],
  'reports.v.outcome': ['Hãy chọn chấp nhận hoặc yêu cầu chỉnh sửa.', 'Choose to accept or to ask for changes.'],
  'reports.v.noteRequired': ['Hãy ghi rõ cần chỉnh sửa gì.', 'Say what needs to change.'],
  'reports.v.date': ['Hãy nhập ngày hợp lệ.', 'Enter a valid date.'],
  'reports.v.assessment': ['Hãy chọn đánh giá chung.', 'Choose an overall assessment.'],
  'reports.v.inspection': ['Không tìm thấy đợt kiểm tra.', 'The inspection was not found.'],
  'reports.v.followUp': ['Không tìm thấy việc cần làm.', 'The follow-up was not found.'],

  'reports.refusal.stale': ['Báo cáo vừa được người khác thay đổi. Hãy tải lại trang.', 'Someone else has just changed the report. Reload the page.'],
  'reports.refusal.not_open': ['Báo cáo này không chờ nộp.', 'This report is not waiting to be submitted.'],
  'reports.refusal.not_running': ['Nhiệm vụ không ở giai đoạn thực hiện nên không nộp báo cáo định kỳ.', 'The task is not in progress, so no progress report can be submitted.'],
  'reports.refusal.not_found': ['Không tìm thấy báo cáo.', 'The report was not found.'],
  'reports.refusal.not_submitted': ['Báo cáo này không chờ xem xét.', 'This report is not waiting for review.'],
  'reports.product.refusal.not_found': ['Không tìm thấy báo cáo.', 'The report was not found.'],
  'reports.product.refusal.not_open': ['Chỉ thêm sản phẩm khi báo cáo đang chờ nộp.', 'Products can be added only while the report is waiting to be submitted.'],
  'reports.product.refusal.type': ['Tệp phải là PDF, DOCX, XLSX, JPG hoặc PNG (kiểm tra theo nội dung tệp).', 'The file must be a PDF, DOCX, XLSX, JPG or PNG (checked by its content).'],
  'reports.product.refusal.too_large': ['Tệp lớn hơn {max} MB.', 'The file is larger than {max} MB.'],
  'reports.product.refusal.empty': ['Tệp rỗng.', 'The file is empty.'],
})
