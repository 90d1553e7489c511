import { defineMessages } from '../define'

// The contract of a funded task, its changes and amendments, the grantee's task pages and the office's
// portfolio (issue 12, app/modules/contracts), and the mails about them.

export const messages = defineMessages({
  'contracts.email.action': ['Xem nhiệm vụ', 'Open the task'],
  'contracts.email.proposed.subject': ['Dự thảo hợp đồng của hồ sơ {reference}', 'Draft contract for application {reference}'],
  'contracts.email.proposed.body': [
    'Quỹ đã gửi dự thảo hợp đồng thực hiện nhiệm vụ “{title}”. Người đại diện theo pháp luật của tổ chức đọc và ký xác nhận trên Cổng; sau đó Giám đốc Quỹ ký số hợp đồng.',
    'The Fund has sent the draft contract for the task “{title}”. The organisation’s legal representative reads and accepts it in the portal; then the Fund’s director signs it digitally.',
  ],
  'contracts.email.accepted.subject.contract': ['Hợp đồng của hồ sơ {reference} đã được bên nhận ký xác nhận', 'The grantee accepted the contract for {reference}'],
  'contracts.email.accepted.subject.amendment': ['Phụ lục hợp đồng của hồ sơ {reference} đã được bên nhận ký xác nhận', 'The grantee accepted the contract amendment for {reference}'],
  'contracts.email.accepted.body.contract': [
    '{by} đã ký xác nhận hợp đồng của nhiệm vụ “{title}” lúc {at}. Văn phòng trình Giám đốc ký hợp đồng.',
    '{by} accepted the contract for the task “{title}” at {at}. The office sends it to the director for signature.',
  ],
  'contracts.email.accepted.body.amendment': [
    '{by} đã ký xác nhận phụ lục hợp đồng của nhiệm vụ “{title}” lúc {at}. Văn phòng trình Giám đốc ký phụ lục.',
    '{by} accepted the contract amendment for the task “{title}” at {at}. The office sends it to the director for signature.',
  ],
  'contracts.email.issued.subject.contract': ['Hợp đồng số {symbol} (hồ sơ {reference})', 'Contract No. {symbol} (application {reference})'],
  'contracts.email.issued.subject.amendment': ['Phụ lục hợp đồng số {symbol} (hồ sơ {reference})', 'Contract amendment No. {symbol} (application {reference})'],
  'contracts.email.issued.subject.change_decision': ['Quyết định số {symbol} về điều chỉnh nhiệm vụ (hồ sơ {reference})', 'Decision No. {symbol} on a change to the task (application {reference})'],
  'contracts.email.issued.body.contract': [
    'Quỹ đã ký hợp đồng số {symbol} thực hiện nhiệm vụ “{title}”.',
    'The Fund has signed contract No. {symbol} for the task “{title}”.',
  ],
  'contracts.email.issued.body.amendment': [
    'Quỹ đã ký phụ lục hợp đồng số {symbol} của nhiệm vụ “{title}”; hợp đồng được điều chỉnh theo phụ lục.',
    'The Fund has signed contract amendment No. {symbol} for the task “{title}”; the contract now reads as amended.',
  ],
  'contracts.email.issued.body.change_decision': [
    'Quỹ đã ban hành Quyết định số {symbol} về đề nghị điều chỉnh nhiệm vụ “{title}”.',
    'The Fund has issued decision No. {symbol} on the change asked for the task “{title}”.',
  ],
  'contracts.email.changeRequested.subject': ['Đề nghị điều chỉnh ({kind}) – hồ sơ {reference}', 'Change requested ({kind}) – application {reference}'],
  'contracts.email.changeRequested.body': [
    '{person} đề nghị điều chỉnh nhiệm vụ “{title}”: {kind}. Lý do:',
    '{person} asked for a change to the task “{title}”: {kind}. Reasons:',
  ],
  'contracts.email.changeDecided.subject.approved': ['Đề nghị điều chỉnh được chấp thuận – hồ sơ {reference}', 'Change approved – application {reference}'],
  'contracts.email.changeDecided.subject.rejected': ['Đề nghị điều chỉnh không được chấp thuận – hồ sơ {reference}', 'Change not approved – application {reference}'],
  'contracts.email.changeDecided.body.approved': [
    'Giám đốc Quỹ chấp thuận đề nghị điều chỉnh nhiệm vụ “{title}” ({kind}). Quyết định và phụ lục hợp đồng sẽ được gửi khi ký.',
    'The director approved the change to the task “{title}” ({kind}). The decision and the contract amendment follow when signed.',
  ],
  'contracts.email.changeDecided.body.rejected': [
    'Giám đốc Quỹ không chấp thuận đề nghị điều chỉnh nhiệm vụ “{title}” ({kind}).',
    'The director did not approve the change to the task “{title}” ({kind}).',
  ],

  'contracts.change.kind.extension': ['gia hạn thời gian thực hiện', 'extension of the duration'],
  'contracts.change.kind.budget_move': ['điều chỉnh kinh phí giữa các khoản chi', 'moving money between budget categories'],
  'contracts.change.kind.investigator': ['thay đổi chủ nhiệm nhiệm vụ', 'change of principal investigator'],
  'contracts.change.kind.host': ['thay đổi tổ chức chủ trì', 'change of host organisation'],
  'contracts.change.kind.suspension': ['tạm dừng thực hiện', 'suspension'],
  'contracts.change.kind.termination': ['chấm dứt hợp đồng', 'termination'],

  'contracts.e.date': ['Nhập ngày theo dạng ngày/tháng/năm.', 'Enter a date as day/month/year.'],
  'contracts.e.amount': ['Nhập số tiền là số đồng nguyên dương, ví dụ 180.000.000.', 'Enter the amount in whole đồng, for example 180.000.000.'],
  'contracts.e.reportEvery': ['Nhập số tháng giữa hai kỳ báo cáo, từ 1 đến 24.', 'Enter the months between two reports, from 1 to 24.'],
  'contracts.e.products': ['Nhập sản phẩm của nhiệm vụ.', 'Enter the task’s products.'],
  'contracts.e.investigator': ['Nhập họ tên chủ nhiệm nhiệm vụ.', 'Enter the principal investigator’s name.'],
  'contracts.e.tranches': ['Nhập ít nhất một đợt cấp kinh phí.', 'Enter at least one tranche.'],
  'contracts.e.trancheSum': ['Tổng các đợt phải bằng kinh phí Quỹ cấp.', 'The tranches must add up to the Fund’s amount.'],
  'contracts.e.endsBeforeStart': ['Ngày kết thúc phải sau ngày bắt đầu.', 'The end date must be after the start date.'],
  'contracts.e.position': ['Nhập chức vụ của người đại diện.', 'Enter the representative’s position.'],
  'contracts.e.confirm': ['Đánh dấu ô xác nhận để ký.', 'Tick the confirmation to sign.'],
  'contracts.e.state': ['Hợp đồng đã thay đổi trạng thái; tải lại trang.', 'The contract’s state has changed; reload the page.'],
  'contracts.e.version': ['Hợp đồng vừa được người khác sửa; tải lại trang để xem bản mới.', 'Someone else just changed the contract; reload the page to see it.'],
  'contracts.e.not_representative': ['Chỉ người đại diện (chủ sở hữu tổ chức trên Cổng) được ký xác nhận.', 'Only the legal representative (the organisation’s owner in the portal) may accept it.'],
  'contracts.e.not_approved': ['Chỉ lập hợp đồng cho hồ sơ đã được phê duyệt.', 'A contract is drafted only for an approved application.'],
  'contracts.e.exists': ['Hồ sơ này đã có hợp đồng.', 'This application already has a contract.'],
  'contracts.e.not_found': ['Không tìm thấy hợp đồng.', 'The contract was not found.'],
  'contracts.e.invalid': ['Kiểm tra lại các trường được đánh dấu.', 'Check the fields marked.'],
})
