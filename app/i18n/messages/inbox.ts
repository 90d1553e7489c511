import { defineMessages } from '../define'

// The Fund office's inbox of applications (hồ sơ đề nghị): filters, columns, and the working-day clocks.

export const messages = defineMessages({
  'nav.staffApplications': ['Hồ sơ đề nghị', 'Applications'],

  'inbox.title': ['Hồ sơ đề nghị', 'Applications'],
  'inbox.lead': [
    'Các hồ sơ đã nộp, theo thứ tự tiếp nhận. Thời hạn kiểm tra tính hợp lệ tính theo ngày làm việc, không kể thứ Bảy, Chủ nhật và ngày nghỉ lễ.',
    'Applications received, in the order they arrived. The screening deadline counts working days, leaving out weekends and public holidays.',
  ],
  'inbox.filterCall': ['Đợt gọi hồ sơ', 'Call'],
  'inbox.anyCall': ['Mọi đợt', 'Any call'],
  'inbox.callOption': ['{code} – {title}', '{code} – {title}'],
  'inbox.filterStatus': ['Trạng thái', 'Status'],
  'inbox.anyStatus': ['Mọi trạng thái', 'Any status'],
  'inbox.statusCount': ['{status} ({count})', '{status} ({count})'],
  'inbox.search': ['Tìm theo mã, tên nhiệm vụ hoặc tổ chức', 'Search by reference, title or organisation'],
  'inbox.sort': ['Sắp xếp', 'Sort by'],
  'inbox.sort.received': ['Thứ tự tiếp nhận (cũ nhất trước)', 'Order received (oldest first)'],
  'inbox.sort.clock': ['Thời hạn gấp nhất trước', 'Most urgent deadline first'],
  'inbox.sort.reference': ['Mã hồ sơ', 'Reference'],
  'inbox.sort.title': ['Tên nhiệm vụ', 'Title'],
  'inbox.found': ['Tìm thấy {total} hồ sơ.', '{total, plural, one {# application found.} other {# applications found.}}'],
  'inbox.clear': ['Xóa bộ lọc', 'Clear filters'],

  'inbox.col.referenceCall': ['Mã hồ sơ, đợt', 'Reference, call'],
  'inbox.col.titleOrganisation': ['Tên nhiệm vụ, tổ chức chủ trì', 'Title, lead organisation'],
  'inbox.col.status': ['Trạng thái', 'Status'],
  'inbox.col.received': ['Tiếp nhận', 'Received'],
  'inbox.col.amount': ['Kinh phí đề nghị', 'Amount requested'],
  'inbox.col.clock': ['Thời hạn', 'Deadline'],
  'inbox.untitled': ['(Chưa đặt tên)', '(Untitled)'],
  'inbox.noReference': ['—', '—'],

  'inbox.clock.day': ['Thời hạn kiểm tra: ngày {n}/{limit} ngày làm việc', 'Screening: day {n} of {limit, plural, one {# working day} other {# working days}}'],
  'inbox.clock.due': ['Hạn: {date}', 'Due: {date}'],
  'inbox.clock.changesDue': ['Hạn nộp bổ sung: {date}', 'Changes due: {date}'],
  'inbox.level.ok': ['Trong hạn', 'On time'],
  'inbox.level.due_soon': ['Sắp đến hạn', 'Due soon'],
  'inbox.level.overdue': ['Quá hạn', 'Overdue'],
})
