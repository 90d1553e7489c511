import { defineMessages } from '../define'

// Staff's preview of the messages the portal sends (staff/emails): the list, one template in a language, and
// for each template the event that sends it.

export const messages = defineMessages({
  'emails.preview.nav': ['Mẫu thư điện tử', 'Email templates'],
  'emails.preview.title': ['Mẫu thư điện tử', 'Email templates'],
  'emails.preview.lead': [
    'Các thư cổng hồ sơ gửi tự động. Mỗi thư được gửi theo ngôn ngữ của người nhận, gồm bản HTML và bản văn bản thuần, kèm các liên kết người nhận cần.',
    'The messages the portal sends by itself. Each goes out in the recipient’s language, in HTML and plain text, with the links the recipient needs.',
  ],
  'emails.preview.sampleNote': [
    'Bản xem trước dùng dữ liệu mẫu (người nhận, hồ sơ, liên kết); không thư nào được gửi đi.',
    'The previews use sample data (recipient, application, links); nothing is sent.',
  ],
  'emails.preview.col.template': ['Mẫu thư', 'Template'],
  'emails.preview.col.event': ['Gửi khi', 'Sent when'],
  'emails.preview.col.subjectVi': ['Tiêu đề tiếng Việt', 'Subject in Vietnamese'],
  'emails.preview.col.subjectEn': ['Tiêu đề tiếng Anh', 'Subject in English'],

  'emails.preview.page': ['Mẫu thư {name}', 'Template {name}'],
  'emails.preview.back': ['Tất cả mẫu thư', 'All email templates'],
  'emails.preview.template': ['Mã mẫu thư', 'Template'],
  'emails.preview.event': ['Gửi khi', 'Sent when'],
  'emails.preview.subject': ['Tiêu đề', 'Subject'],
  'emails.preview.language': ['Ngôn ngữ của thư', 'Language of the message'],
  'emails.preview.in.legend': ['Xem thư bằng ngôn ngữ', 'Show the message in'],
  'emails.preview.in.vi': ['Tiếng Việt', 'Vietnamese'],
  'emails.preview.in.en': ['Tiếng Anh', 'English'],
  'emails.preview.show': ['Xem', 'Show'],
  'emails.preview.htmlVersion': ['Bản HTML', 'HTML version'],
  'emails.preview.htmlFrame': ['Bản HTML của thư {name} ({lang})', 'HTML version of the {name} message ({lang})'],
  'emails.preview.openHtml': ['Mở riêng bản HTML', 'Open the HTML version on its own'],
  'emails.preview.textVersion': ['Bản văn bản thuần', 'Plain-text version'],

  'emails.preview.event.verify_email': [
    'Một người vừa đăng ký tài khoản, hoặc yêu cầu gửi lại liên kết xác minh địa chỉ thư điện tử.',
    'Someone has just registered, or asked for the email confirmation link again.',
  ],
  'emails.preview.event.reset_password': [
    'Một người dùng yêu cầu đặt lại mật khẩu (trang “Quên mật khẩu”).',
    'A user asks to reset their password (the “Forgotten your password?” page).',
  ],
  'emails.preview.event.password_changed': [
    'Mật khẩu của một tài khoản vừa được đổi hoặc đặt lại.',
    'The password of an account has just been changed or reset.',
  ],
  'emails.preview.event.invitation': [
    'Quản trị hệ thống mời một người chưa có tài khoản (chuyên gia đánh giá, cán bộ Quỹ, Giám đốc Quỹ hoặc quản trị) tham gia cổng.',
    'An administrator invites someone without an account (a reviewer, Fund staff, the director or an administrator) to the portal.',
  ],
  'emails.preview.event.account_exists': [
    'Có người đăng ký bằng một địa chỉ thư điện tử đã có tài khoản.',
    'Someone registers with an email address that already has an account.',
  ],
  'emails.preview.event.sign_in_paused': [
    'Một tài khoản có quá nhiều lần đăng nhập sai mật khẩu (từ bất kỳ địa chỉ nào) nên tạm ngừng đăng nhập; chủ tài khoản nhận một thư cho mỗi lần tạm ngừng.',
    'An account has had too many failed sign-ins (from any address) and its sign-in is paused; its owner gets one message per pause.',
  ],
  'emails.preview.event.organisation_invitation': [
    'Chủ sở hữu của một tổ chức mời người khác cùng soạn hoặc xem hồ sơ của tổ chức.',
    'An organisation’s owner invites someone to edit or view the organisation’s applications.',
  ],
  'emails.preview.event.application_submitted': [
    'Người đề nghị nộp hồ sơ; thư kèm giấy biên nhận (PDF).',
    'An applicant submits an application; the receipt (PDF) is attached.',
  ],
  'emails.preview.event.fund_message': [
    'Quỹ gửi thông báo, yêu cầu bổ sung, kết quả kiểm tra tính hợp lệ, quyết định phê duyệt hoặc hủy nhiệm vụ; mẫu hiển thị một yêu cầu bổ sung.',
    'The Fund sends a message, a request for changes, the eligibility result, a funding decision or a cancellation; the sample shows a request for changes.',
  ],
  'emails.preview.event.application_withdrawn': [
    'Người đề nghị rút hồ sơ; thư gửi chủ sở hữu và người soạn hồ sơ, và cán bộ Quỹ (khi hồ sơ đã nộp). Mẫu hiển thị thư gửi người đề nghị.',
    'An applicant withdraws an application; its owners and editors are told, and the Fund’s staff (once it was submitted). The sample shows the applicant’s message.',
  ],
  'emails.preview.event.document_issued': [
    'Quỹ ban hành quyết định phê duyệt tài trợ hoặc thông báo kết quả xét duyệt cho một hồ sơ; văn bản (PDF) được đính kèm. Mẫu hiển thị một quyết định.',
    'The Fund issues the funding decision or the notice of the outcome for an application; the document (PDF) is attached. The sample shows a decision.',
  ],
  'emails.preview.event.signature_requested': [
    'Văn phòng Quỹ gửi một văn bản trình ký; thư gửi Giám đốc (hoặc chủ tọa phiên họp, với biên bản).',
    'The office sends a document for signature; the director (or, for minutes, the member presiding) is told.',
  ],
  'emails.preview.event.reviewer_invitation': [
    'Hội đồng xét chọn được thành lập; mỗi thành viên nhận một thư mời.',
    'A review council is formed; each member gets an invitation.',
  ],
  'emails.preview.event.review_reminder': [
    'Phiếu đánh giá của một chuyên gia sắp đến hạn mà chưa nộp (số ngày nhắc trước theo quy định của Quỹ).',
    'A reviewer’s ballot is due soon and not yet submitted (as many days ahead as the Fund’s rules say).',
  ],
  'emails.preview.event.acceptance_event': [
    'Nghiệm thu nhiệm vụ: nộp hồ sơ đánh giá (gửi tổ chức chủ trì và văn phòng), thành lập hội đồng nghiệm thu (gửi thành viên), nhiệm vụ đạt hoặc không đạt (gửi tổ chức chủ trì, kèm hạn hoàn thiện hồ sơ). Mẫu hiển thị thư báo nhiệm vụ đạt.',
    'Acceptance of a task: the results dossier submitted (to the grantee and the office), an acceptance council formed (to its members), the task passed or failed (to the grantee, with the day to finalise by). The sample shows a pass.',
  ],
  'emails.preview.event.report_submitted': [
    'Bên nhận tài trợ nộp một phiên bản báo cáo định kỳ; gửi Văn phòng Quỹ.',
    'A grantee submits a version of a progress report; sent to the office.',
  ],
  'emails.preview.event.report_reviewed': [
    'Văn phòng Quỹ chấp nhận báo cáo định kỳ hoặc yêu cầu chỉnh sửa; gửi bên nhận tài trợ.',
    'The office accepts a progress report or asks for changes; sent to the grantee.',
  ],
  'emails.preview.event.report_reminder': [
    'Báo cáo định kỳ sắp đến hạn mà chưa nộp (số ngày nhắc trước theo quy định của Quỹ); gửi một lần.',
    'A progress report is due soon and not yet submitted (as many days ahead as the Fund’s rules say); sent once.',
  ],
  'emails.preview.event.report_overdue': [
    'Báo cáo định kỳ chậm nộp, rồi chậm nghiêm trọng (số ngày theo quy định của Quỹ; khi chậm nghiêm trọng gửi cả Văn phòng Quỹ); mỗi mức gửi một lần.',
    'A progress report is late, then very late (days as the Fund’s rules say; when very late the office is told too); sent once at each level.',
  ],
  'emails.preview.event.review_overdue': [
    'Phiếu đánh giá của một chuyên gia đã quá hạn mà chưa nộp; gửi một lần.',
    'A reviewer’s ballot is past its due date and not submitted; sent once.',
  ],
  'emails.preview.event.payment_step': [
    'Mỗi bước của một đề nghị thanh toán (đề nghị, Văn phòng kiểm tra, trả lại, Kế toán trưởng duyệt, đã chuyển tiền, chuyển tiền không thành công): gửi bên thực hiện và người của Quỹ làm bước tiếp theo.',
    'Each step of a payment request (asked, checked by the office, returned, approved by the chief accountant, paid, transfer failed): sent to the grantee and to the Fund’s people who take the next step.',
  ],
  'emails.preview.event.contract_proposed': [
    'Văn phòng gửi dự thảo hợp đồng cho tổ chức được tài trợ; thư gửi chủ sở hữu và người soạn hồ sơ.',
    'The office sends the draft contract to the funded organisation; its owners and editors are told.',
  ],
  'emails.preview.event.contract_accepted': [
    'Người đại diện của bên nhận ký xác nhận hợp đồng hoặc phụ lục trên Cổng; thư gửi cán bộ Quỹ.',
    'The grantee’s representative accepts a contract or an amendment in the portal; the Fund’s staff are told.',
  ],
  'emails.preview.event.contract_document_issued': [
    'Quỹ ký hợp đồng, phụ lục hợp đồng hoặc quyết định điều chỉnh; văn bản (PDF) được đính kèm. Mẫu hiển thị một hợp đồng.',
    'The Fund signs a contract, an amendment or a decision on a change; the document (PDF) is attached. The sample shows a contract.',
  ],
  'emails.preview.event.contract_change_requested': [
    'Bên nhận đề nghị điều chỉnh nhiệm vụ (gia hạn, kinh phí, chủ nhiệm, tổ chức chủ trì, tạm dừng, chấm dứt); thư gửi cán bộ Quỹ và Giám đốc.',
    'The grantee asks for a change (extension, budget, investigator, host, suspension, termination); the Fund’s staff and the directors are told.',
  ],
  'emails.preview.event.contract_change_step': [
    'Bên nhận rút đề nghị điều chỉnh (thư gửi Văn phòng), hoặc Văn phòng gửi phụ lục hợp đồng để bên nhận ký xác nhận (thư gửi bên nhận). Mẫu hiển thị phụ lục được gửi.',
    'The grantee withdraws a change (the office is told), or the office sends the amendment for the grantee to accept (the grantee is told). The sample shows an amendment sent.',
  ],
  'emails.preview.event.contract_change_decided': [
    'Giám đốc quyết định về đề nghị điều chỉnh; thư gửi bên nhận.',
    'The director decides on a change; the grantee is told.',
  ],
})
