// Biên bản thẩm định kinh phí (Circular 20/2023 Art. 13–14): the team, its quorum, the appraised amount per
// budget category against the request, the lump-sum method, and the team's conclusion. A new template of its
// own (issue 11); it uses the shared frame of common.ts and changes nothing there.
import type { Block, DocumentModel, Table } from '../app/modules/documents/layout'
import { body, type DocDate, document, documentNumber, type FundSettings, heading, inWordsDate, money, plainName, section, SIZE, title } from './common'

export interface AppraisalMinutesInput {
  fund: FundSettings
  number: number
  date: DocDate
  metOn: DocDate
  reference: string
  applicationTitle: string
  organisation: string
  investigator: string
  members: { name: string; position: string; leader: boolean; present: boolean }[]
  quorum: number
  /** Budget categories in Vietnamese, with the state budget requested and appraised, whole đồng. */
  lines: { label: string; requested: number; appraised: number }[]
  method: 'full' | 'partial'
  notes: string
}

const METHOD: Record<AppraisalMinutesInput['method'], string> = {
  full: 'khoán chi toàn phần',
  partial: 'khoán chi từng phần',
}

const groups = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')

export function appraisalMinutes(input: AppraisalMinutesInput): DocumentModel {
  const { fund } = input
  const number = documentNumber(input.number, 'BB', fund.documentSymbol)
  const present = input.members.filter((m) => m.present).length
  const leader = input.members.find((m) => m.leader)
  const requested = input.lines.reduce((s, l) => s + l.requested, 0)
  const appraised = input.lines.reduce((s, l) => s + l.appraised, 0)
  const membersTable: Table = {
    kind: 'table',
    columns: [{ width: { mm: 11 }, align: 'center' }, { width: { fr: 2 } }, { width: { fr: 2 } }, { width: { mm: 24 }, align: 'center' }],
    header: [['STT', 'Họ và tên', 'Chức danh trong Tổ thẩm định', 'Tham dự']],
    rows: input.members.map((m, i) => [String(i + 1), m.name, `${m.leader ? 'Tổ trưởng' : 'Thành viên'}${m.position ? `, ${m.position}` : ''}`, m.present ? 'Có mặt' : 'Vắng mặt']),
    size: 12,
    lineHeight: 1.15,
    before: 2,
    after: 6,
  }
  const amountsTable: Table = {
    kind: 'table',
    columns: [{ width: { mm: 11 }, align: 'center' }, { width: { fr: 2 } }, { width: { fr: 1 }, align: 'right' }, { width: { fr: 1 }, align: 'right' }],
    header: [['STT', 'Khoản chi', 'Đề nghị (đồng)', 'Thẩm định (đồng)']],
    rows: [
      ...input.lines.map((l, i) => [String(i + 1), l.label, groups(l.requested), groups(l.appraised)]),
      ['', { text: [{ text: 'Tổng cộng', bold: true }] }, { text: [{ text: groups(requested), bold: true }] }, { text: [{ text: groups(appraised), bold: true }] }],
    ],
    size: 12,
    lineHeight: 1.15,
    before: 2,
    after: 6,
  }
  const blocks: Block[] = [
    ...heading(fund, number, input.date),
    ...title('Biên bản', 'Thẩm định kinh phí nhiệm vụ khoa học và công nghệ'),
    body(`Nhiệm vụ: “${input.applicationTitle}” (mã hồ sơ ${input.reference}).`),
    body(`Tổ chức chủ trì: ${input.organisation}. Chủ nhiệm nhiệm vụ: ${input.investigator || '…'}.`),
    section('1. Thời gian và thành phần'),
    body(`Tổ thẩm định họp ${inWordsDate(input.metOn)}, gồm:`),
    membersTable,
    body(
      `Số thành viên có mặt: ${present}/${input.members.length} (cần ít nhất ${input.quorum}): ${present >= input.quorum ? 'Tổ thẩm định đủ điều kiện làm việc' : 'Tổ thẩm định không đủ điều kiện làm việc'}.`,
    ),
    section('2. Kinh phí từ ngân sách đề nghị Quỹ hỗ trợ và kết quả thẩm định'),
    amountsTable,
    section('3. Kết luận của Tổ thẩm định'),
    body(`Tổng kinh phí thẩm định: ${money(appraised)}, theo phương thức ${METHOD[input.method]}.`),
    ...(input.notes.trim() ? input.notes.trim().split(/\n+/).map((l) => body(l)) : []),
    body('Biên bản được các thành viên Tổ thẩm định thống nhất thông qua./.', { keepWithNext: true }),
    {
      kind: 'signature',
      recipients: [],
      // The team's leader, named as the team adopted the minutes; the Fund's signer (the director, or a deputy
      // "KT. GIÁM ĐỐC") confirms and issues them in the right-hand block, where the signatures go (ADR 017).
      leftSigner: {
        authority: [{ text: 'TỔ TRƯỞNG TỔ THẨM ĐỊNH', bold: true, size: SIZE.signer }],
        signer: { text: plainName(leader?.name ?? ''), bold: true, size: SIZE.signer },
      },
      authority: [
        { text: 'XÁC NHẬN CỦA QUỸ', bold: true, size: SIZE.signer, lineHeight: 1.15 },
        ...[fund.signerAuthority, fund.signerTitle].filter((s) => s.trim() !== '').map((text) => ({ text: text.toLocaleUpperCase('vi'), bold: true, size: SIZE.signer, lineHeight: 1.15 })),
      ],
      signSpaceMm: 44,
      signer: { text: plainName(fund.signerName), bold: true, size: SIZE.signer },
      leftWidth: 0.5,
      before: 8,
    },
  ]
  return document(fund, `Biên bản số ${number}`, blocks)
}
