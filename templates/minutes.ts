// Biên bản họp Hội đồng tư vấn xét chọn (Circular 20/2023, Art. 11): members present, who presided, the
// vote-counting board the council elected, quorum, scores, ranking, the conclusions per application (what to
// revise, the proposed lump-sum method) and the revision period counted from the adoption of these minutes. The
// presiding member signs in his real capacity (a vice-chair as "PHÓ CHỦ TỊCH HỘI ĐỒNG"); names without titles.
import type { Block, DocumentModel, Table } from '../app/modules/documents/layout'
import { endSentence, formatTime } from '../app/i18n/format'
import { body, type DocDate, document, documentNumber, type FundSettings, heading, inWordsDate, plainName, score, section, shortDate, SIZE, title } from './common'

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
  results: {
    reference: string
    title: string
    organisation: string
    mean: number
    validBallots: number
    ballots: number
    rank: number | null
    recommended: boolean
    /** What the council asks the applicant to revise (one item a line). */
    revisions?: string
    /** The lump-sum method the council proposes. */
    lumpSum?: 'full' | 'partial' | null
  }[]
  conclusions: string[]
  /** Who presided and signs: the chair, or the vice-chair presiding in the chair's place. */
  chair: string
  presidingRole?: 'chair' | 'vice_chair'
  secretary: string
  /** The vote-counting board elected at the meeting: three names, the first its head. */
  countingBoard?: string[]
  /** The revision period: days from the adoption of these minutes (the meeting's day). */
  revision?: { days: number; adoptedOn: DocDate }
}

const LUMP_SUM = { full: 'khoán chi toàn phần', partial: 'khoán chi từng phần' } as const
const PRESIDING = { chair: 'Chủ tịch Hội đồng', vice_chair: 'Phó Chủ tịch Hội đồng' } as const

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
    ...(input.presidingRole === 'vice_chair' ? [body(`Chủ trì cuộc họp: ${plainName(input.chair)}, ${PRESIDING.vice_chair}, theo ủy quyền của Chủ tịch Hội đồng.`)] : []),
    ...countingBoard(input.countingBoard),
    body(
      `Số thành viên có mặt: ${present}/${input.members.length}. ${input.quorum.rule.trim().replace(/[.]$/, '')}: ${input.quorum.met ? 'Hội đồng đủ điều kiện làm việc' : 'Hội đồng không đủ điều kiện làm việc'}.`,
    ),
    section('3. Kết quả đánh giá và xếp hạng'),
    resultsTable,
    section('4. Kết luận của Hội đồng'),
    ...input.conclusions.map((c) => body(c)),
    ...perApplication(input.results),
    ...revisionPeriod(input),
    body(`Cuộc họp kết thúc vào hồi ${formatTime(input.endedAt).replace(':', ' giờ ')} cùng ngày. Biên bản được các thành viên Hội đồng thống nhất thông qua./.`, { keepWithNext: true }),
    {
      kind: 'signature',
      recipients: [],
      leftSigner: {
        authority: [{ text: 'THƯ KÝ KHOA HỌC', bold: true, size: SIZE.signer }],
        signer: { text: plainName(input.secretary), bold: true, size: SIZE.signer },
      },
      authority: [{ text: PRESIDING[input.presidingRole ?? 'chair'].toLocaleUpperCase('vi'), bold: true, size: SIZE.signer }],
      signSpaceMm: 44,
      signer: { text: plainName(input.chair), bold: true, size: SIZE.signer },
      leftWidth: 0.5,
      before: 8,
    },
  ]
  return document(fund, `Biên bản số ${number}`, blocks)
}

/** "Hội đồng bầu Ban kiểm phiếu gồm: A – Trưởng ban; B – Ủy viên; C – Ủy viên." */
function countingBoard(names: string[] | undefined): Block[] {
  const board = (names ?? []).map((n) => n.trim()).filter(Boolean)
  if (board.length === 0) return []
  const parts = board.map((n, i) => `${plainName(n)} – ${i === 0 ? 'Trưởng ban' : 'Ủy viên'}`)
  return [body(`Hội đồng bầu Ban kiểm phiếu gồm ${board.length} thành viên: ${parts.join('; ')}.`)]
}

/** For each application recommended or with conclusions: what to revise and the proposed lump-sum method. */
function perApplication(results: MinutesInput['results']): Block[] {
  const out: Block[] = []
  for (const r of results) {
    const items = (r.revisions ?? '').split(/\r?\n/).map((l) => l.trim().replace(/[;.]+$/, '')).filter(Boolean)
    if (items.length === 0 && !r.lumpSum) continue
    out.push(body([{ text: `Hồ sơ ${r.reference}: `, bold: true }, { text: r.recommended ? 'Hội đồng kết luận như sau:' : 'Hội đồng lưu ý:' }], { keepWithNext: true }))
    if (items.length) out.push(body(`- Nội dung cần chỉnh sửa, hoàn thiện: ${items.join('; ')}.`))
    if (r.lumpSum) out.push(body(`- Phương thức khoán chi đề xuất: ${LUMP_SUM[r.lumpSum]}.`))
  }
  return out
}

/** The period to revise, counted from the adoption of these minutes (Circular 20/2023, Art. 11.12). */
function revisionPeriod(input: MinutesInput): Block[] {
  if (!input.revision || !input.results.some((r) => r.recommended)) return []
  return [
    body(
      `Các tổ chức chủ trì có hồ sơ được đề nghị tài trợ hoàn thiện hồ sơ theo kết luận của Hội đồng trong thời hạn ${input.revision.days} ngày kể từ ngày Biên bản này được thông qua (ngày ${shortDate(input.revision.adoptedOn)}).`,
    ),
  ]
}
