import { defineMessages } from '../define'

// The public calls: the list, a call's page and its eligibility self-check. Labels of a call's facts
// (code, modality, field, budget, deadline) and the modality and field names are in home.ts.

export const messages = defineMessages({
  'nav.calls': ['Đợt gọi hồ sơ', 'Calls'],

  'calls.title': ['Đợt gọi hồ sơ', 'Calls for applications'],
  'calls.lead': [
    'Các đợt gọi hồ sơ tài trợ, hỗ trợ, cho vay ưu đãi và bảo lãnh vốn vay của Quỹ. Mở một đợt để xem điều kiện, hồ sơ cần nộp, tiêu chí đánh giá và hạn nộp, rồi tự kiểm tra xem bạn có thể đăng ký hay không.',
    'The Fund’s calls for grants, support, preferential loans and loan guarantees. Open a call to see its conditions, the documents to submit, how applications are scored and the deadline, then check for yourself whether you may apply.',
  ],
  'calls.filter.field': ['Lĩnh vực', 'Field'],
  'calls.filter.anyField': ['Tất cả lĩnh vực', 'All fields'],
  'calls.filter.modality': ['Hình thức', 'Type of funding'],
  'calls.filter.anyModality': ['Tất cả hình thức', 'All types'],
  'calls.filter.phase': ['Tình trạng', 'Status'],
  'calls.filter.anyPhase': ['Tất cả', 'All'],
  'calls.count': ['{count} đợt gọi hồ sơ', '{count, plural, one {# call} other {# calls}}'],
  'calls.count.one': ['1 đợt gọi hồ sơ', '1 call'],
  'calls.none': ['Không có đợt gọi hồ sơ nào phù hợp với bộ lọc.', 'No call matches these filters.'],
  'calls.listLabel': ['Danh sách đợt gọi hồ sơ', 'List of calls'],

  'calls.phase': ['Tình trạng', 'Status'],
  'calls.phase.open': ['Đang nhận hồ sơ', 'Open'],
  'calls.phase.upcoming': ['Sắp mở', 'Opening soon'],
  'calls.phase.closed': ['Đã đóng', 'Closed'],
  'calls.opensAt': ['Mở nhận từ {time} ngày {date}', 'Opens at {time} on {date}'],
  'calls.closedNote': ['Đã hết hạn nhận hồ sơ', 'No longer accepting applications'],

  'calls.page.caption': ['Đợt gọi hồ sơ {code}', 'Call {code}'],
  'calls.details': ['Thông tin chính', 'Key facts'],
  'calls.description': ['Nội dung hỗ trợ', 'What the call funds'],
  'calls.counterpart': ['Vốn đối ứng tối thiểu', 'Minimum counterpart funding'],
  'calls.counterpart.value': ['{pct, percent} tổng kinh phí thực hiện', '{pct, percent} of the total cost'],
  'calls.counterpart.none': ['Không yêu cầu', 'Not required'],
  'calls.duration': ['Thời gian thực hiện tối đa', 'Maximum duration'],
  'calls.duration.value': ['{months} tháng', '{months, plural, one {# month} other {# months}}'],
  'calls.council': ['Cách xét chọn', 'How applications are selected'],
  'calls.council.with': [
    'Hội đồng tư vấn xét chọn đánh giá, chấm điểm từng hồ sơ; Giám đốc Quỹ quyết định trên cơ sở kết luận của hội đồng.',
    'A council of experts reviews and scores each application; the Fund’s director decides after the council’s conclusion.',
  ],
  'calls.council.without': [
    'Hỗ trợ quy mô nhỏ, không qua hội đồng: cán bộ Quỹ thẩm định từng hồ sơ, ghi rõ lý do, và Giám đốc Quỹ quyết định.',
    'Small support, without a council: the Fund’s office assesses each application, recording its reasons, and the director decides.',
  ],
  'calls.council.field': ['Quyết định không qua hội đồng (đợt hỗ trợ quy mô nhỏ)', 'Decide without a council (a small support call)'],
  'calls.council.field.hint': [
    'Cán bộ Quỹ thẩm định hồ sơ và phải ghi lý do ở mỗi bước thay cho hội đồng. Tổ chức đề nghị thấy điều này trên trang đợt gọi hồ sơ.',
    'The office assesses the applications and must record its reason at each step a council would take. Applicants see this on the call’s page.',
  ],
  'calls.whoMayApply': ['Đối tượng được đăng ký', 'Who may apply'],
  'calls.whoMayApply.any': ['Mọi tổ chức, cá nhân', 'Any organisation or person'],
  'calls.applicantType.enterprise': ['Doanh nghiệp', 'Enterprises'],
  'calls.applicantType.st_organisation': ['Tổ chức khoa học và công nghệ', 'Science and technology organisations'],
  'calls.applicantType.university': ['Cơ sở giáo dục đại học', 'Universities'],
  'calls.applicantType.cooperative': ['Hợp tác xã', 'Cooperatives'],
  'calls.applicantType.household': ['Hộ kinh doanh', 'Household businesses'],
  'calls.applicantType.individual': ['Cá nhân', 'Individuals'],
  'calls.applicantType.other': ['Loại khác', 'Other'],

  'calls.deadline.left': ['Còn {time}', '{time} left'],
  'calls.deadline.opensIn': ['Mở nhận hồ sơ sau {time}', 'Opens in {time}'],
  'calls.deadline.reached': ['Đã đến hạn nộp hồ sơ', 'The deadline has been reached'],
  'calls.deadline.closed': ['Đã hết hạn nhận hồ sơ', 'No longer accepting applications'],
  'calls.deadline.note': [
    'Thời hạn tính theo giờ máy chủ của Quỹ, giờ Việt Nam (UTC+7).',
    'Deadlines follow the Fund’s server clock, Việt Nam time (UTC+7).',
  ],
  'calls.unit.days': ['{n} ngày', '{n, plural, one {# day} other {# days}}'],
  'calls.unit.hours': ['{n} giờ', '{n, plural, one {# hour} other {# hours}}'],
  'calls.unit.minutes': ['{n} phút', '{n, plural, one {# minute} other {# minutes}}'],

  'calls.documents.title': ['Hồ sơ cần nộp', 'Documents to submit'],
  'calls.documents.lead': [
    'Đơn đăng ký được tạo từ biểu mẫu trực tuyến; các tài liệu dưới đây được tải lên cùng hồ sơ.',
    'The application letter is generated from the online form; the documents below are uploaded with the application.',
  ],
  'calls.documents.col.name': ['Tài liệu', 'Document'],
  'calls.documents.col.mandatory': ['Bắt buộc', 'Required'],
  'calls.documents.col.types': ['Định dạng chấp nhận', 'Accepted formats'],
  'calls.documents.col.size': ['Dung lượng tối đa', 'Maximum size'],
  'calls.documents.mandatory': ['Bắt buộc', 'Required'],
  'calls.documents.optional': ['Không bắt buộc', 'Optional'],
  'calls.documents.size': ['{mb} MB', '{mb} MB'],
  'calls.documents.none': ['Đợt này không yêu cầu tài liệu đính kèm.', 'This call asks for no attachments.'],

  'calls.rubric.title': ['Tiêu chí đánh giá', 'How applications are scored'],
  'calls.rubric.lead': [
    'Hội đồng chấm hồ sơ theo phiếu đánh giá “{name}”, tối đa {total} điểm.',
    'The council scores applications on the “{name}” scoring sheet, out of {total, plural, one {# point} other {# points}}.',
  ],
  'calls.rubric.col.criterion': ['Tiêu chí', 'Criterion'],
  'calls.rubric.col.max': ['Điểm tối đa', 'Maximum points'],
  'calls.rubric.total': ['Tổng cộng', 'Total'],
  'calls.rubric.none': ['Tiêu chí đánh giá sẽ được công bố sau.', 'The scoring criteria will be published later.'],

  'calls.check.title': ['Bạn có đủ điều kiện đăng ký không?', 'Can you apply?'],
  'calls.check.lead': [
    'Trả lời vài câu hỏi ngắn để biết ngay bạn có thể đăng ký đợt này hay không. Không cần đăng nhập.',
    'Answer a few short questions to find out at once whether you may apply to this call. No sign-in needed.',
  ],
  'calls.check.button': ['Kiểm tra điều kiện', 'Check eligibility'],
  'calls.backToList': ['Tất cả đợt gọi hồ sơ', 'All calls'],

  'calls.eligibility.title': ['Kiểm tra điều kiện đăng ký', 'Check whether you may apply'],
  'calls.eligibility.lead': [
    'Trả lời các câu hỏi dưới đây. Đây là bước tự kiểm tra; Quỹ xem xét lại điều kiện khi tiếp nhận hồ sơ.',
    'Answer the questions below. This is a self-check; the Fund checks the conditions again when it receives the application.',
  ],
  'calls.eligibility.typeQuestion': ['Bạn đăng ký với tư cách nào?', 'Which group of applicants do you belong to?'],
  'calls.eligibility.yes': ['Có', 'Yes'],
  'calls.eligibility.no': ['Không', 'No'],
  'calls.eligibility.submit': ['Xem kết quả', 'See the result'],
  'calls.eligibility.typeRequired': ['Hãy chọn bạn đăng ký với tư cách nào', 'Select the group of applicants you belong to'],
  'calls.eligibility.answerRequired': ['Hãy chọn Có hoặc Không cho câu hỏi {n}', 'Select yes or no for question {n}'],
  'calls.eligibility.typeReason': ['Đợt này chỉ dành cho: {types}.', 'This call is only open to: {types}.'],
  'calls.eligibility.noQuestions': [
    'Đợt này không đặt thêm câu hỏi điều kiện nào.',
    'This call sets no further eligibility questions.',
  ],
  'calls.eligibility.eligible.title': ['Bạn có thể đăng ký', 'You may apply'],
  'calls.eligibility.eligible.body': [
    'Theo câu trả lời của bạn, bạn đáp ứng điều kiện của đợt gọi hồ sơ này. Câu trả lời được giữ trên trình duyệt này trong một ngày và chuyển vào hồ sơ khi bạn bắt đầu.',
    'From your answers, you meet the conditions of this call. Your answers are kept in this browser for one day and carried into your application when you start it.',
  ],
  'calls.eligibility.start': ['Bắt đầu lập hồ sơ', 'Start an application'],
  'calls.eligibility.upcoming': [
    'Đợt này chưa mở nhận hồ sơ. Bạn có thể bắt đầu lập hồ sơ từ {time} ngày {date}.',
    'This call is not open yet. You can start an application from {time} on {date}.',
  ],
  'calls.eligibility.closed': ['Đợt này đã hết hạn nhận hồ sơ.', 'This call no longer accepts applications.'],
  'calls.eligibility.ineligible.title': ['Bạn chưa thể đăng ký đợt này', 'You may not apply to this call'],
  'calls.eligibility.ineligible.lead': ['Lý do:', 'Why not:'],
  'calls.eligibility.ineligible.next': [
    'Nếu bạn chọn nhầm, hãy sửa câu trả lời bên dưới và xem lại kết quả.',
    'If you chose wrongly, change your answers below and see the result again.',
  ],
  'calls.eligibility.otherCalls': ['Xem các đợt gọi hồ sơ khác', 'See other calls'],
  'calls.eligibility.yourAnswers': ['Câu trả lời của bạn', 'Your answers'],
  'calls.eligibility.backToCall': ['Quay lại đợt gọi hồ sơ', 'Back to the call'],
})
