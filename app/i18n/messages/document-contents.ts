import { defineMessages } from '../define'

// What the Fund's documents say (issue 11): legal bases per kind of document (/admin/legal-bases), the register's
// numbers given outside the portal (/staff/register), the council meeting's record (presiding member, counting board,
// conclusions per application).
export const messages = defineMessages({
  'audit.action.fund.legal_bases_updated': ['Sửa căn cứ pháp lý của văn bản', 'Legal bases of documents changed'],
  'audit.action.council.meeting_recorded': ['Ghi diễn biến cuộc họp hội đồng', 'Council meeting record saved'],
  'screening.next.issue.ineligible': ['Ban hành thông báo hồ sơ không hợp lệ (mục Văn bản bên dưới)', 'Issue the notice that the dossier is not eligible (in the documents below)'],
  'docRegister.type.letter': ['Công văn', 'Letter'],
  'docRegister.type.other': ['Văn bản khác', 'Other document'],
  'docRegister.external': ['Cấp ngoài cổng', 'Issued outside the portal'],
  'docRegister.external.title': ['Ghi số văn bản cấp ngoài cổng', 'Record a number issued outside the portal'],
  'docRegister.external.lead': [
    'Văn thư ghi vào sổ số của văn bản ban hành ngoài cổng (ký giấy, công văn…), trong cùng một dãy số của năm, để cổng không bao giờ cấp trùng. Số tiếp theo: {next}.',
    'The records office records here the number of a document made outside the portal (signed on paper, a letter…), in the year’s one sequence, so the portal never gives it twice. Next number: {next}.',
  ],
  'docRegister.external.number': ['Số (để trống: số tiếp theo)', 'Number (blank: the next one)'],
  'docRegister.external.subject': ['Trích yếu nội dung', 'Subject'],
  'docRegister.external.submit': ['Ghi vào sổ', 'Record in the register'],
  'docRegister.external.done': ['Đã ghi số {symbol} vào sổ.', 'Number {symbol} recorded in the register.'],
  'docRegister.v.subject': ['Nhập trích yếu nội dung văn bản.', 'Enter the document’s subject.'],
  'docRegister.v.taken': ['Số này đã có trong sổ năm nay. Số tiếp theo là {next}.', 'This number is already in this year’s register. The next number is {next}.'],
  'docRegister.v.notNext': ['Chỉ ghi được số tiếp theo ({next}) để dãy số không bị đứt quãng.', 'Only the next number ({next}) can be recorded, so the sequence has no gap.'],
  'docRegister.v.number': ['Số văn bản là một số nguyên dương.', 'The number is a positive whole number.'],
  'docRegister.v.type': ['Chọn loại văn bản.', 'Choose the type of document.'],

  'legalBases.title': ['Căn cứ pháp lý của văn bản', 'Legal bases of documents'],
  'legalBases.lead': [
    'Các dòng “Căn cứ …” in trên mỗi loại quyết định, theo thứ tự. Luật ghi tên và ngày thông qua, không ghi số; nghị định, quyết định ghi số, ngày, cơ quan ban hành và tên đầy đủ. Căn cứ Điều lệ Quỹ lấy số và ngày của quyết định ban hành Điều lệ trong phần Thông tin Quỹ và được in sau cùng. Dấu “;” và dấu “.” ở dòng cuối được thêm khi in.',
    'The “Căn cứ …” lines printed on each kind of decision, in order. A law is cited by its name and the date it was passed, without its number; a decree or a decision by number, date, issuer and full title. The Fund’s charter is cited from the number and date of the decision that issued it (fund settings) and printed last. The “;” and the final “.” are added when printed.',
  ],
  'legalBases.short': ['Các dòng “Căn cứ …” của từng loại quyết định.', 'The “Căn cứ …” lines of each kind of decision.'],
  'legalBases.kind.decision_grant': ['Quyết định tài trợ', 'Grant decision'],
  'legalBases.kind.decision_loan': ['Quyết định cho vay ưu đãi', 'Preferential loan decision'],
  'legalBases.kind.decision_guarantee': ['Quyết định bảo lãnh vốn vay', 'Loan guarantee decision'],
  'legalBases.kind.decision_support': ['Quyết định hỗ trợ', 'Support decision'],
  'legalBases.hint': ['Mỗi dòng một căn cứ, bắt đầu bằng “Căn cứ”.', 'One basis a line, starting with “Căn cứ”.'],
  'legalBases.charter': ['In sau cùng: {line}', 'Printed last: {line}'],
  'legalBases.charter.missing': ['Chưa có số và ngày của quyết định ban hành Điều lệ Quỹ (Thông tin Quỹ): căn cứ Điều lệ chưa được in.', 'The number and date of the decision issuing the Fund’s charter are not set (fund settings): the charter is not cited.'],
  'legalBases.save': ['Lưu căn cứ', 'Save the bases'],
  'legalBases.saved': ['Đã lưu. Các văn bản ban hành từ nay in các căn cứ này; văn bản đã ban hành giữ nguyên.', 'Saved. Documents issued from now on print these bases; documents already issued keep theirs.'],
  'legalBases.v.start': ['Mỗi dòng bắt đầu bằng “Căn cứ”.', 'Each line starts with “Căn cứ”.'],
  'legalBases.v.count': ['Tối đa 12 căn cứ, mỗi căn cứ tối đa 600 ký tự.', 'At most 12 bases of at most 600 characters each.'],
  'legalBases.v.decree30': ['Nghị định 30/2020/NĐ-CP (công tác văn thư) không phải căn cứ để tài trợ.', 'Decree 30/2020/NĐ-CP (clerical work) is no basis for funding.'],

  'fund.settings.charter_number': ['Số quyết định ban hành Điều lệ Quỹ', 'Number of the decision issuing the charter'],
  'fund.settings.charter_date': ['Ngày ban hành Điều lệ', 'Date of that decision'],
  'fund.settings.charter_date.hint': ['Ngày/tháng/năm, ví dụ 05/03/2026.', 'Day/month/year, like 05/03/2026.'],
  'fund.v.date': ['Nhập ngày dạng ngày/tháng/năm, ví dụ 05/03/2026.', 'Enter a day as day/month/year, like 05/03/2026.'],
  'fund.settings.charter_issuer': ['Cơ quan ban hành Điều lệ', 'Issuer of the charter'],
  'fund.settings.legal_bases.link': ['Căn cứ pháp lý của từng loại văn bản', 'Legal bases per kind of document'],
})
