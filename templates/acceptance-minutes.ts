// Biên bản họp hội đồng nghiệm thu (Circular 11/2014/TT-BKHCN and successors): the task, the council and who
// rated, the count of each rating, the council's rating by the Fund's rules and its conclusions, signed by the
// member presiding. A template of its own (issue 12) on the shared frame of common.ts.
import type { Block, DocumentModel, Table } from '../app/modules/documents/layout'
import { body, type DocDate, document, documentNumber, type FundSettings, heading, inWordsDate, section, SIZE, title, upper } from './common'

export type Rating = 'excellent' | 'pass' | 'fail'

export interface AcceptanceMinutesInput {
  fund: FundSettings
  number: number
  date: DocDate
  meetingOn: DocDate
  location: string
  reference: string
  taskTitle: string
  organisation: string
  contract: string
  members: { name: string; role: 'chair' | 'vice_chair' | 'secretary' | 'opponent' | 'member'; rated: boolean; conflict: boolean }[]
  votes: { excellent: number; pass: number; fail: number; voters: number }
  rating: Rating
  conclusions: string
  /** The presiding member's seat and name, in the signature block. */
  signer: { capacity: string; name: string }
  /** Working days the grantee has to finalise the dossier. */
  finaliseDays: number
}

export const RATING_VI: Record<Rating, string> = { excellent: 'Xuất sắc', pass: 'Đạt', fail: 'Không đạt' }
const ROLE_VI = { chair: 'Chủ tịch', vice_chair: 'Phó Chủ tịch', secretary: 'Thư ký khoa học', opponent: 'Ủy viên phản biện', member: 'Ủy viên' } as const

export function acceptanceMinutes(input: AcceptanceMinutesInput): DocumentModel {
  const { fund } = input
  const number = documentNumber(input.number, 'BB', fund.documentSymbol)
  const membersTable: Table = {
    kind: 'table',
    columns: [{ width: { mm: 11 }, align: 'center' }, { width: { fr: 2 } }, { width: { fr: 2 } }, { width: { mm: 34 }, align: 'center' }],
    header: [['STT', 'Họ và tên', 'Chức danh trong Hội đồng', 'Đánh giá']],
    rows: input.members.map((m, i) => [String(i + 1), m.name, ROLE_VI[m.role], m.conflict ? 'Không tham gia (xung đột lợi ích)' : m.rated ? 'Có phiếu' : 'Vắng mặt']),
    size: 12,
    lineHeight: 1.15,
    before: 2,
    after: 6,
  }
  const blocks: Block[] = [
    ...heading(fund, number, input.date),
    ...title('Biên bản', 'Họp Hội đồng đánh giá, nghiệm thu kết quả thực hiện nhiệm vụ khoa học và công nghệ'),
    body(`Nhiệm vụ: “${input.taskTitle}” (mã hồ sơ ${input.reference}).`),
    body(`Tổ chức chủ trì: ${input.organisation}. Hợp đồng thực hiện nhiệm vụ: ${input.contract}.`),
    section('1. Thời gian, địa điểm và thành phần'),
    body(`Hội đồng họp ${inWordsDate(input.meetingOn)}, tại ${input.location}, gồm:`),
    membersTable,
    section('2. Kết quả đánh giá'),
    body(
      `Số phiếu hợp lệ: ${input.votes.voters}; trong đó “Xuất sắc”: ${input.votes.excellent}, “Đạt”: ${input.votes.pass}, “Không đạt”: ${input.votes.fail}.`,
    ),
    body([{ text: 'Hội đồng xếp loại nhiệm vụ: ' }, { text: upper(RATING_VI[input.rating]), bold: true }, { text: '.' }]),
    section('3. Kết luận và kiến nghị của Hội đồng'),
    ...input.conclusions.split(/\n+/).map((l) => body(l.trim())),
    body(
      input.rating === 'fail'
        ? 'Tổ chức chủ trì thực hiện các nghĩa vụ theo hợp đồng đối với nhiệm vụ không đạt.'
        : `Tổ chức chủ trì hoàn thiện hồ sơ theo kết luận của Hội đồng trong thời hạn ${input.finaliseDays} ngày làm việc kể từ ngày ký biên bản này.`,
    ),
    body('Biên bản được các thành viên Hội đồng thống nhất thông qua./.', { keepWithNext: true }),
    {
      kind: 'signature',
      recipients: [],
      authority: [{ text: upper(input.signer.capacity), bold: true, size: SIZE.signer }],
      signSpaceMm: 22,
      signer: { text: input.signer.name, bold: true, size: SIZE.signer },
      leftWidth: 0.5,
      before: 8,
    },
  ]
  return document(fund, `Biên bản số ${number}`, blocks)
}
