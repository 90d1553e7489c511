import { defineMessages } from '../define'

// The steps between the council and the decision, as the applicant and everyone else sees them (issue 11):
// the revision after the council, the cost appraisal, their statuses and events; and the counterpart rule in
// whole đồng. The office's appraisal pages have theirs in appraisal.ts (staff only).

export const messages = defineMessages({
  'workflow.status.revision': ['Đang hoàn thiện theo kết luận hội đồng', 'Revising per the council'],
  'workflow.status.revised': ['Đã hoàn thiện hồ sơ', 'Revised'],
  'workflow.status.appraisal': ['Đang thẩm định kinh phí', 'Cost appraisal'],
  'workflow.status.appraised': ['Đã thẩm định kinh phí', 'Costs appraised'],

  'workflow.event.request_revision': ['Quỹ đề nghị hoàn thiện hồ sơ theo kết luận hội đồng', 'The Fund asked for the revision the council concluded'],
  'workflow.event.submit_revision': ['Nộp hồ sơ đã hoàn thiện theo kết luận hội đồng', 'Revised dossier submitted'],
  'workflow.event.skip_revision': ['Không phải hoàn thiện hồ sơ (đợt được miễn): {reason}', 'No revision (the call exempts it): {reason}'],
  'workflow.event.start_appraisal': ['Tổ thẩm định kinh phí bắt đầu làm việc', 'The cost-appraisal team started'],
  'workflow.event.complete_appraisal': ['Tổ thẩm định kinh phí đã kết luận', 'The cost-appraisal team concluded'],
  'workflow.event.skip_appraisal': ['Không thẩm định kinh phí (đợt được miễn): {reason}', 'No cost appraisal (the call exempts it): {reason}'],

  'workflow.stage.revision': ['Hoàn thiện hồ sơ', 'Revision'],
  'workflow.stage.appraisal': ['Thẩm định kinh phí', 'Cost appraisal'],

  'workflow.message.revision_request': ['Đề nghị hoàn thiện hồ sơ theo kết luận hội đồng', 'Revise the dossier per the council'],
  'workflow.email.body.revision_request': [
    'Hội đồng tư vấn đã kiến nghị tài trợ hồ sơ “{title}” ({call}). Đề nghị hoàn thiện hồ sơ theo kết luận của hội đồng trước ngày {due}: chỉ các phần được nêu trong hồ sơ mới mở để sửa; sau khi sửa, hãy nộp lại.',
    'The council recommended “{title}” ({call}). Revise the dossier as the council concluded by {due}: only the sections named on the application page are open; when they are done, resubmit.',
  ],
  'workflow.refused.revisionRequired': [
    'Đợt này không được miễn bước hoàn thiện hồ sơ: hãy đề nghị tổ chức hoàn thiện hồ sơ theo kết luận hội đồng.',
    'This call does not exempt the revision: ask the applicant to revise the dossier as the council concluded.',
  ],
  'workflow.refused.appraisalRequired': [
    'Đợt này không được miễn thẩm định kinh phí: hãy thành lập tổ thẩm định.',
    'This call does not exempt the cost appraisal: form the appraisal team.',
  ],
  'workflow.refused.appraisalTeam': ['Thành lập tổ thẩm định kinh phí trước khi bắt đầu thẩm định.', 'Form the cost-appraisal team before the appraisal starts.'],
  'workflow.refused.appraisalNotRecorded': ['Ghi nhận kết quả họp của tổ thẩm định trước.', 'Record the appraisal team’s meeting first.'],
  'workflow.refused.appraisalMinutes': ['Ban hành biên bản thẩm định kinh phí trước.', 'Issue the appraisal minutes first.'],
  'workflow.refused.aboveAppraisal': [
    'Số tiền phê duyệt không được lớn hơn kinh phí đã thẩm định ({max}).',
    'The approved amount cannot exceed the appraised amount ({max}).',
  ],

  'applications.whatNext.revision': [
    'Hoàn thiện hồ sơ theo kết luận của hội đồng trong các phần được mở, rồi nộp lại trước ngày {date}.',
    'Revise the dossier as the council concluded, in the sections opened, and resubmit by {date}.',
  ],
  'applications.whatNext.revisionUndated': ['Hoàn thiện hồ sơ theo kết luận của hội đồng trong các phần được mở, rồi nộp lại.', 'Revise the dossier as the council concluded, in the sections opened, and resubmit.'],
  'applications.whatNext.recommended': [
    'Hội đồng đã kiến nghị tài trợ. Quỹ sẽ đề nghị bạn hoàn thiện hồ sơ theo kết luận của hội đồng.',
    'The council recommended funding. The Fund will ask you to revise the dossier as the council concluded.',
  ],
  'applications.whatNext.appraisal': [
    'Tổ thẩm định của Quỹ đang thẩm định kinh phí; sau đó Giám đốc Quỹ sẽ quyết định.',
    'The Fund’s team is appraising the costs; then the director will decide.',
  ],

  'steps.email.revised.subject': ['[{reference}] Đã nhận hồ sơ hoàn thiện', '[{reference}] Revised dossier received'],
  'steps.email.revised.body.applicant': [
    'Quỹ đã nhận hồ sơ “{title}” ({call}) được hoàn thiện theo kết luận hội đồng, do {by} nộp lúc {at}. Bước tiếp theo là thẩm định kinh phí.',
    'The Fund received “{title}” ({call}) revised as the council concluded, sent by {by} at {at}. The cost appraisal comes next.',
  ],
  'steps.email.revised.body.office': [
    '{organisation} đã nộp hồ sơ {reference} “{title}” ({call}) hoàn thiện theo kết luận hội đồng ({by}, {at}). Hãy thành lập tổ thẩm định kinh phí.',
    '{organisation} sent {reference} “{title}” ({call}) revised as the council concluded ({by}, {at}). Form the cost-appraisal team.',
  ],

  'calls.appraisal': ['Hoàn thiện hồ sơ và thẩm định kinh phí', 'Revision and cost appraisal'],
  'calls.appraisal.with': [
    'Hồ sơ được hội đồng kiến nghị phải hoàn thiện theo kết luận của hội đồng, rồi được thẩm định kinh phí trước khi Giám đốc Quỹ quyết định.',
    'A recommended application is revised as the council concluded, then its costs are appraised before the director decides.',
  ],
  'calls.appraisal.without': [
    'Theo quy định của đợt, không phải hoàn thiện hồ sơ và thẩm định kinh phí; Quỹ ghi lý do ở mỗi bước được miễn.',
    'Under the call’s rules there is no revision or cost appraisal; the Fund records why at each step it skips.',
  ],
  'calls.appraisal.field': ['Miễn hoàn thiện hồ sơ và thẩm định kinh phí (mức hỗ trợ cố định)', 'No revision or cost appraisal (a fixed amount of support)'],
  'calls.appraisal.field.hint': [
    'Chỉ khi quy chế của Quỹ cho phép. Mỗi bước được miễn phải ghi lý do.',
    'Only when the Fund’s charter allows it. Each step skipped needs its reason.',
  ],
  'documents.kind.appraisal_minutes': ['Biên bản thẩm định kinh phí', 'Cost appraisal minutes'],

  'applications.rule.counterpartShort': [
    'Vốn đối ứng ({counterpart} ₫) chưa đạt mức tối thiểu {min, percent} của đợt: cần ít nhất {needed} ₫',
    'Counterpart funds ({counterpart} ₫) are below the call’s minimum of {min, percent}: at least {needed} ₫ is needed',
  ],
})
