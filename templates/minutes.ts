// Biên bản họp Hội đồng tư vấn xét chọn: members present, quorum, scores, ranking, conclusion.
import type { Block, DocumentModel, Table } from '../app/modules/documents/layout'
import { endSentence, formatTime } from '../app/i18n/format'
import { body, type DocDate, document, documentNumber, type FundSettings, heading, inWordsDate, score, section, SIZE, title } from './common'

export interface MinutesInput {
  fund: FundSettings
  number: number
  date: DocDate
  councilName: string
  callTitle: string
  startedAt: Date
  endedAt: Date
  place: string
  members: { name: string; role: string; present: boolean }[]
  /** Whether the quorum rule held (checked by the review module), and the rule in words for the record. */
  quorum: { met: boolean; rule: string }
  /** Applications in ranking order. */
  results: { reference: string; title: string; organisation: string; mean: number; validBallots: number; ballots: number; rank: number | null; recommended: boolean }[]
  conclusions: string[]
  chair: string
  secretary: string
}

export function minutes(input: MinutesInput): DocumentModel {
  const { fund } = input
  const number = documentNumber(input.number, 'BB', fund.documentSymbol)
  const present = input.members.filter((m) => m.present).length
  const membersTable: Table = {
    kind: 'table',
    columns: [{ width: { mm: 11 }, align: 'center' }, { width: { fr: 2 } }, { width: { fr: 2 } }, { width: { mm: 24 }, align: 'center' }],
    header: [['STT', 'Họ và tên', 'Chức danh trong Hội đồng', 'Tham dự']],
    rows: input.members.map((m, i) => [String(i + 1), m.name, m.role, m.present ? 'Có mặt' : 'Vắng mặt']),
    size: 12,
    lineHeight: 1.15,
    before: 2,
    after: 6,
  }
  const resultsTable: Table = {
    kind: 'table',
    columns: [
      { width: { mm: 11 }, align: 'center' },
      { width: { fr: 1 } },
      { width: { mm: 18 }, align: 'center' },
      { width: { mm: 18 }, align: 'center' },
      { width: { mm: 16 }, align: 'center' },
      { width: { mm: 26 }, align: 'center' },
    ],
    header: [['STT', 'Mã hồ sơ, tên nhiệm vụ, tổ chức chủ trì', 'Điểm trung bình', 'Phiếu hợp lệ', 'Xếp hạng', 'Kiến nghị']],
    rows: input.results.map((r, i) => [
      String(i + 1),
      { text: [{ text: `${r.reference}: `, bold: true }, { text: `${r.title}\n` }, { text: r.organisation, italic: true }] },
      score(Math.round(r.mean * 100) / 100),
      `${r.validBallots}/${r.ballots}`,
      r.rank === null ? '–' : String(r.rank),
      r.recommended ? 'Đề nghị tài trợ' : 'Không đề nghị',
    ]),
    size: 12,
    lineHeight: 1.15,
    before: 2,
    after: 6,
  }
  const blocks: Block[] = [
    ...heading(fund, number, input.date),
    ...title('Biên bản', `Họp ${input.councilName} (${input.callTitle})`),
    section('1. Thời gian, địa điểm'),
    body(`Vào hồi ${formatTime(input.startedAt).replace(':', ' giờ ')} ${inWordsDate(input.startedAt)}, tại ${endSentence(input.place)}`),
    section('2. Thành phần'),
    membersTable,
    body(
      `Số thành viên có mặt: ${present}/${input.members.length}. ${input.quorum.rule.trim().replace(/[.]$/, '')}: ${input.quorum.met ? 'Hội đồng đủ điều kiện làm việc' : 'Hội đồng không đủ điều kiện làm việc'}.`,
    ),
    section('3. Kết quả đánh giá và xếp hạng'),
    resultsTable,
    section('4. Kết luận của Hội đồng'),
    ...input.conclusions.map((c) => body(c)),
    body(`Cuộc họp kết thúc vào hồi ${formatTime(input.endedAt).replace(':', ' giờ ')} cùng ngày. Biên bản được các thành viên Hội đồng thống nhất thông qua./.`, { keepWithNext: true }),
    {
      kind: 'signature',
      recipients: [],
      leftSigner: {
        authority: [{ text: 'THƯ KÝ KHOA HỌC', bold: true, size: SIZE.signer }],
        signer: { text: input.secretary, bold: true, size: SIZE.signer },
      },
      authority: [{ text: 'CHỦ TỊCH HỘI ĐỒNG', bold: true, size: SIZE.signer }],
      signSpaceMm: 44,
      signer: { text: input.chair, bold: true, size: SIZE.signer },
      leftWidth: 0.5,
      before: 8,
    },
  ]
  return document(fund, `Biên bản số ${number}`, blocks)
}
