// Phiếu đánh giá: one council member's filled-in scoring sheet of one application.
import type { Block, DocumentModel, Table } from '../app/modules/documents/layout'
import { body, type DocDate, document, field, type FundSettings, heading, score, SIZE, title } from './common'

export interface ScoringSheetInput {
  fund: FundSettings
  date: DocDate
  councilName: string
  reviewerName: string
  /** "Ủy viên phản biện", "Chủ tịch Hội đồng"… */
  reviewerRole: string
  reference: string
  applicationTitle: string
  organisation: string
  criteria: { name: string; max: number; score: number; comment?: string }[]
  generalComment?: string
  recommend: boolean
}

export function scoringSheet(input: ScoringSheetInput): DocumentModel {
  const { fund } = input
  const max = input.criteria.reduce((s, c) => s + c.max, 0)
  const total = input.criteria.reduce((s, c) => s + c.score, 0)
  const table: Table = {
    kind: 'table',
    columns: [{ width: { mm: 11 }, align: 'center' }, { width: { fr: 2.6 } }, { width: { mm: 16 }, align: 'center' }, { width: { mm: 18 }, align: 'center' }, { width: { fr: 2.6 } }],
    header: [['STT', 'Tiêu chí đánh giá', 'Điểm tối đa', 'Điểm đánh giá', 'Nhận xét']],
    rows: [
      ...input.criteria.map((c, i) => [String(i + 1), c.name, score(c.max), score(c.score), c.comment ?? '']),
      [{ text: 'Tổng cộng', bold: true, span: 2, align: 'center' }, { text: score(max), bold: true }, { text: score(total), bold: true }, ''],
    ],
    size: 11.5,
    lineHeight: 1.15,
    padding: 2.5,
    before: 4,
    after: 6,
  }
  const blocks: Block[] = [
    ...heading(fund, null, input.date),
    ...title('Phiếu đánh giá', 'Hồ sơ đề nghị tài trợ nhiệm vụ khoa học và công nghệ'),
    field('Hội đồng', input.councilName),
    field('Họ và tên thành viên Hội đồng', input.reviewerName),
    field('Vai trò trong Hội đồng', input.reviewerRole),
    field('Mã hồ sơ', input.reference),
    field('Tên nhiệm vụ', input.applicationTitle),
    field('Tổ chức chủ trì', input.organisation),
    table,
    ...(input.generalComment ? [body([{ text: 'Nhận xét chung: ', bold: true }, { text: input.generalComment }], { indent: 0 })] : []),
    body([{ text: 'Kiến nghị: ', bold: true }, { text: input.recommend ? 'Đề nghị tài trợ.' : 'Không đề nghị tài trợ.' }], { indent: 0, keepWithNext: true }),
  ]
  blocks.push({
    kind: 'signature',
    recipients: [],
    authority: [
      { text: 'THÀNH VIÊN HỘI ĐỒNG', bold: true, size: SIZE.signer, lineHeight: 1.15 },
      { text: '(Ký và ghi rõ họ tên)', italic: true, size: 12, lineHeight: 1.15 },
    ],
    signSpaceMm: 20,
    signer: { text: input.reviewerName, bold: true, size: SIZE.signer },
    before: 8,
  })
  return document(fund, `Phiếu đánh giá ${input.reference} – ${input.reviewerName}`, blocks)
}
