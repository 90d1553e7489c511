// One demo document model per template (scripts/document-samples.ts, the template tests); `i` varies the data.
import type { DocumentModel } from '../app/modules/documents/layout'
import { appraisalMinutes, type AppraisalMinutesInput } from './appraisal-minutes'
import { decision, type DecisionInput, type FundingKind } from './decision'
import { ineligibleNotice, type IneligibleNoticeInput } from './notice-ineligible'
import { demoFund, demoProjects } from './demo'
import { minutes, type MinutesInput } from './minutes'
import { openingRecord, type OpeningRecordInput } from './opening-record'
import { rejectionNotice, type RejectionNoticeInput } from './notice-rejection'
import { receipt, type ReceiptDocInput } from './receipt'
import { scoringSheet, type ScoringSheetInput } from './scoring-sheet'
import { supplementationNotice, type SupplementationNoticeInput } from './supplementation'

const CALL = 'Đợt tài trợ năm 2027 – Hỗ trợ đổi mới công nghệ'

/** A made-up but well-formed SHA-256 (64 lower-case hex digits), different for each i. */
export const demoHash = (i: number) => Array.from({ length: 64 }, (_, j) => '0123456789abcdef'[(i * 7 + j * 13 + (j >> 3)) % 16]).join('')

export function demoDecision(i: number, projects = 1): DecisionInput {
  const list = demoProjects(Math.max(projects, 1 + (i % 5)))
  return {
    fund: demoFund,
    number: 1 + i,
    date: '2027-01-05',
    callTitle: CALL,
    proposedBy: 'Trưởng phòng Quản lý khoa học',
    executors: 'Chánh Văn phòng Quỹ, Trưởng phòng Quản lý khoa học, Trưởng phòng Kế hoạch – Tài chính',
    projects: projects === 1 ? [{ ...list[i % list.length], amount: 1_500_000_000 + i * 1000 }] : list.slice(0, projects),
  }
}

/** A decision for one application of each kind of funding, with everything Article 1 states and two conditions. */
export function demoFundingDecision(i: number, kind: FundingKind): DecisionInput {
  const base = demoDecision(i)
  const p = base.projects[0]
  const loan = kind === 'preferential_loan' || kind === 'loan_guarantee'
  return {
    ...base,
    kind,
    projects: [
      {
        ...p,
        amount: loan ? 2_000_000_000 + i * 1000 : 1_500_000_000 + i * 1000,
        counterpart: loan ? 1_200_000_000 : 1_650_000_000,
        lumpSum: loan ? undefined : i % 2 ? 'partial' : 'full',
        terms: {
          interestRate: 3.5,
          termMonths: 36,
          repayment: 'trả nợ gốc 06 tháng một lần, kỳ đầu sau 12 tháng ân hạn; lãi trả hằng tháng',
          collateral: 'dây chuyền sấy cà phê hình thành từ vốn vay và quyền sử dụng đất tại phường Buôn Ma Thuột',
          lender: 'Ngân hàng Nông nghiệp và Phát triển nông thôn Việt Nam – Chi nhánh Đắk Lắk',
          guaranteeFee: 0.5,
        },
        conditions: ['Hoàn thiện thuyết minh theo kết luận của Hội đồng trước khi ký hợp đồng', 'Bổ sung báo giá thiết bị còn hiệu lực (không quá 90 ngày)'],
      },
    ],
  }
}

export function demoIneligible(i: number): IneligibleNoticeInput {
  return {
    fund: demoFund,
    number: 20 + i,
    date: '2027-02-10',
    organisation: 'Công ty TNHH Công nghệ Sinh học Krông Pắc',
    reference: `QKHCN-2027-${String(30 + i).padStart(4, '0')}`,
    applicationTitle: 'Sản xuất chế phẩm sinh học xử lý vỏ cà phê thành phân bón hữu cơ',
    callTitle: CALL,
    submittedAt: new Date('2027-01-20T03:15:00Z'),
    reasons: ['Thiếu báo cáo tài chính năm 2025 của tổ chức chủ trì', 'Tổ chức chủ trì không có trụ sở trên địa bàn tỉnh Đắk Lắk'],
  }
}

export function demoRejection(i: number): RejectionNoticeInput {
  return {
    fund: demoFund,
    number: 12 + i,
    date: '2027-03-16',
    organisation: 'Hợp tác xã Cà phê Ea Tu',
    reference: `QKHCN-2027-${String(41 + i).padStart(4, '0')}`,
    applicationTitle: 'Xây dựng chỉ dẫn địa lý cho sản phẩm bơ Đắk Lắk',
    callTitle: CALL,
    basis: 'kết quả họp Hội đồng tư vấn xét chọn nhiệm vụ khoa học và công nghệ',
    basisDate: '2027-03-10',
    reasons: [
      'Điểm trung bình của Hội đồng đạt 62,5/100, thấp hơn mức tối thiểu 70 điểm',
      'Vốn đối ứng của tổ chức chủ trì chưa đạt tỷ lệ tối thiểu 1:1 so với kinh phí đề nghị Quỹ tài trợ',
      'Kế hoạch triển khai chưa nêu rõ sản phẩm của từng giai đoạn',
    ],
  }
}

export function demoSupplementation(i: number): SupplementationNoticeInput {
  return {
    fund: demoFund,
    number: 3 + i,
    date: '2027-02-08',
    organisation: 'Công ty Cổ phần Nông sản Buôn Ma Thuột',
    reference: `QKHCN-2027-${String(12 + i).padStart(4, '0')}`,
    applicationTitle: 'Sấy cà phê bằng năng lượng mặt trời: giữ độ ẩm và hương vị đặc trưng của cà phê Đắk Lắk',
    submittedAt: new Date('2027-01-05T07:32:00Z'),
    items: [
      'Báo cáo tài chính năm 2025 và năm 2026 của tổ chức chủ trì (bản có xác nhận của đơn vị kiểm toán)',
      'Văn bản cam kết góp vốn đối ứng của Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh Đắk Lắk',
      'Lý lịch khoa học của thư ký khoa học nhiệm vụ',
    ],
    dueAt: new Date('2027-02-22T10:00:00Z'),
    channel: 'trực tuyến trên Cổng thông tin của Quỹ',
  }
}

const CRITERIA = [
  ['Tổng quan tình hình nghiên cứu, tính cấp thiết', 12],
  ['Nội dung, nhân lực và phương pháp nghiên cứu', 24],
  ['Sản phẩm của nhiệm vụ', 16],
  ['Khả năng ứng dụng kết quả', 16],
  ['Tính khả thi của kế hoạch và dự toán kinh phí', 16],
  ['Năng lực của tổ chức chủ trì và chủ nhiệm nhiệm vụ', 16],
] as const

export function demoScoring(i: number): ScoringSheetInput {
  return {
    fund: demoFund,
    date: '2027-03-10',
    councilName: 'Hội đồng tư vấn xét chọn nhiệm vụ khoa học và công nghệ năm 2027',
    reviewerName: ['PGS.TS. Lê Thị Thu Hà', 'TS. Nguyễn Hữu Phước'][i % 2],
    reviewerRole: 'Ủy viên phản biện',
    reference: `QKHCN-2027-${String(12 + i).padStart(4, '0')}`,
    applicationTitle: 'Sấy cà phê bằng năng lượng mặt trời: giữ độ ẩm và hương vị đặc trưng của cà phê Đắk Lắk',
    organisation: 'Công ty Cổ phần Nông sản Buôn Ma Thuột',
    criteria: CRITERIA.map(([name, max], k) => ({
      name,
      max,
      score: Math.max(0, max - ((k + i) % 4) - (k === 1 ? 2.5 : 0)),
      comment: k % 2 === 0 ? 'Đáp ứng yêu cầu; cần làm rõ phương án thu thập số liệu độ ẩm hạt theo từng mẻ sấy.' : 'Đạt.',
    })),
    generalComment: 'Nhiệm vụ có tính thực tiễn cao, phù hợp định hướng chế biến sâu nông sản của tỉnh.',
    recommend: true,
  }
}

export function demoMinutes(i: number): MinutesInput {
  const names = ['PGS.TS. Lê Thị Thu Hà', 'TS. Nguyễn Hữu Phước', 'TS. H’Hen Niê', 'ThS. Trần Quốc Việt', 'TS. Phan Văn Tân', 'KS. Đinh Thị Lan', 'TS. Vũ Ngọc Sơn', 'ThS. Y Bhim Mlô', 'TS. Hoàng Minh Đức']
  const roles = ['Chủ tịch Hội đồng', 'Phó Chủ tịch Hội đồng', 'Ủy viên phản biện', 'Ủy viên phản biện', 'Thư ký khoa học', 'Ủy viên', 'Ủy viên', 'Ủy viên', 'Ủy viên']
  const projects = demoProjects(8)
  return {
    fund: demoFund,
    number: 3 + i,
    date: '2027-03-10',
    councilName: 'Hội đồng tư vấn xét chọn nhiệm vụ khoa học và công nghệ năm 2027',
    callTitle: CALL,
    startedAt: new Date('2027-03-10T01:00:00Z'),
    endedAt: new Date('2027-03-10T04:30:00Z'),
    place: 'Phòng họp tầng 2, trụ sở Quỹ Phát triển Khoa học và Công nghệ tỉnh Đắk Lắk',
    members: names.map((name, k) => ({ name, role: roles[k], present: k !== 7 && k !== 8 - (i % 2) })),
    quorum: { met: true, rule: 'Có mặt từ hai phần ba số thành viên trở lên, trong đó có Chủ tịch Hội đồng và hai ủy viên phản biện' },
    results: projects
      .map((p, k) => ({ reference: `QKHCN-2027-${String(12 + k).padStart(4, '0')}`, title: p.title, organisation: p.organisation, mean: 88 - k * 3.37, validBallots: 7 - (k % 2), ballots: 7, rank: k + 1, recommended: 88 - k * 3.37 >= 70 })),
    conclusions: [
      'Hội đồng thống nhất kiến nghị Quỹ xem xét tài trợ các nhiệm vụ có điểm trung bình từ 70 điểm trở lên và không có tiêu chí nào bị quá một phần tư số thành viên có mặt chấm 0 điểm, theo thứ tự xếp hạng trên.',
      'Các tổ chức chủ trì hoàn thiện thuyết minh theo ý kiến của Hội đồng trong thời hạn 20 ngày kể từ ngày nhận được thông báo.',
    ],
    chair: 'PGS.TS. Lê Thị Thu Hà',
    secretary: 'TS. Phan Văn Tân',
    countingBoard: ['TS. H’Hen Niê', 'ThS. Trần Quốc Việt', 'KS. Đinh Thị Lan'],
    revision: { days: 20, adoptedOn: '2027-03-10' },
  }
}

/** The minutes of a meeting the vice-chair presided (the chair absent), with conclusions per application. */
export function demoMinutesViceChair(i: number): MinutesInput {
  const m = demoMinutes(i)
  return {
    ...m,
    members: m.members.map((x, k) => (k === 0 ? { ...x, present: false } : x)),
    chair: 'TS. Nguyễn Hữu Phước',
    presidingRole: 'vice_chair',
    results: m.results.map((r, k) =>
      k === 0 ? { ...r, revisions: 'Bổ sung phương án đo độ ẩm hạt theo từng mẻ sấy\nĐiều chỉnh dự toán thuê chuyên gia', lumpSum: 'partial' } : k === 1 ? { ...r, lumpSum: 'full' } : r,
    ),
  }
}

export function demoReceipt(i: number): ReceiptDocInput {
  return {
    fund: demoFund,
    reference: `QKHCN-2027-${String(12 + i).padStart(4, '0')}`,
    submittedAt: new Date(Date.UTC(2027, 0, 5, 7, 32) + i * 1000),
    callTitle: CALL,
    organisation: 'Công ty Cổ phần Nông sản Buôn Ma Thuột',
    organisationIdentifier: '0100233488',
    applicationTitle: 'Sấy cà phê bằng năng lượng mặt trời: giữ độ ẩm và hương vị đặc trưng của cà phê Đắk Lắk',
    requestedAmount: 500_000_000 + i,
    documents: [
      { name: 'Giấy đăng ký doanh nghiệp', filename: `giay-dang-ky-${i}.pdf`, sizeBytes: 245_760, sha256: demoHash(i) },
      { name: 'Thuyết minh nhiệm vụ', filename: 'thuyet-minh-de-tai.pdf', sizeBytes: 3_250_586, sha256: demoHash(i + 1) },
      { name: 'Dự toán kinh phí', filename: 'du-toan.xlsx', sizeBytes: 48_211, sha256: demoHash(i + 2) },
    ],
    screeningDays: 7,
  }
}

/** The cost-appraisal team's minutes: five members, four present, the amounts per category, partial lump sum. */
export function demoAppraisalMinutes(i: number): AppraisalMinutesInput {
  const team = ['TS. Lê Văn Định', 'ThS. Trần Thị Thẩm', 'CN. Phạm Thị Kinh', 'ThS. Hoàng Văn Phí', 'CN. Võ Thị Toán']
  const lines: [string, number, number][] = [
    ['Chi công lao động trực tiếp', 300_000_000, 280_000_000 - i * 1000],
    ['Chi mua vật tư, nguyên vật liệu', 120_000_000, 110_000_000],
    ['Chi sửa chữa, mua sắm tài sản cố định', 470_000_000, 470_000_000],
    ['Chi khác', 60_000_000, 40_000_000],
  ]
  return {
    fund: demoFund,
    number: 21 + i,
    date: '2027-04-02',
    metOn: '2027-03-30',
    reference: `QKHCN-2027-${String(12 + i).padStart(4, '0')}`,
    applicationTitle: 'Sấy cà phê bằng năng lượng mặt trời: giữ độ ẩm và hương vị đặc trưng của cà phê Đắk Lắk',
    organisation: 'Công ty Cổ phần Nông sản Buôn Ma Thuột',
    investigator: 'TS. Nguyễn Thị Hạnh',
    members: team.map((name, k) => ({ name, position: k < 2 ? 'Quỹ Phát triển KH&CN tỉnh' : 'Sở Tài chính', leader: k === 0, present: k !== 4 })),
    quorum: 4,
    lines: lines.map(([label, requested, appraised]) => ({ label, requested, appraised })),
    method: 'partial',
    notes: 'Tổ thẩm định đề nghị giảm chi khác do trùng lặp với chi phí hội thảo.',
  }
}

/** The dossier-opening record of a call: every dossier received, in the order of receipt. */
export function demoOpeningRecord(i: number): OpeningRecordInput {
  const projects = demoProjects(12 + (i % 3))
  return {
    fund: demoFund,
    number: 2 + i,
    date: '2027-02-01',
    callTitle: CALL,
    callCode: '2027-01',
    closesAt: new Date('2027-01-31T10:00:00Z'),
    openedAt: new Date('2027-02-01T01:30:00Z'),
    dossiers: projects.map((p, k) => ({ reference: `QKHCN-2027-${String(1 + k).padStart(4, '0')}`, title: p.title, organisation: p.organisation, submittedAt: new Date(Date.UTC(2027, 0, 10 + k, 2 + (k % 7), 5 * k)) })),
    screeningDays: 7,
  }
}

export const samples: Record<string, (i: number) => DocumentModel> = {
  'decision-single': (i) => decision(demoDecision(i)),
  'decision-call-60': (i) => decision(demoDecision(i, 60)),
  'decision-grant': (i) => decision(demoFundingDecision(i, 'grant')),
  'decision-loan': (i) => decision(demoFundingDecision(i, 'preferential_loan')),
  'decision-guarantee': (i) => decision(demoFundingDecision(i, 'loan_guarantee')),
  'decision-support': (i) => decision(demoFundingDecision(i, 'support')),
  'notice-ineligible': (i) => ineligibleNotice(demoIneligible(i)),
  'minutes-vice-chair': (i) => minutes(demoMinutesViceChair(i)),
  'notice-rejection': (i) => rejectionNotice(demoRejection(i)),
  supplementation: (i) => supplementationNotice(demoSupplementation(i)),
  'scoring-sheet': (i) => scoringSheet(demoScoring(i)),
  minutes: (i) => minutes(demoMinutes(i)),
  'appraisal-minutes': (i) => appraisalMinutes(demoAppraisalMinutes(i)),
  'opening-record': (i) => openingRecord(demoOpeningRecord(i)),
  receipt: (i) => receipt(demoReceipt(i)),
}
