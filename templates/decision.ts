// Quyết định phê duyệt tài trợ: for one application, or for a whole call with the approved projects in an appendix.
import type { Block, DocumentModel, Table } from '../app/modules/documents/layout'
import { endSentence } from '../app/i18n/format'
import { amountInWords } from '../app/i18n/words'
import { authorityTitle, body, directorTitle, sentenceCase, type DocDate, document, documentNumber, type FundSettings, heading, inWordsDate, money, signature, SIZE, title, upper } from './common'

export interface ApprovedProject {
  organisation: string
  title: string
  amount: number
  /** Chủ nhiệm nhiệm vụ. */
  investigator?: string
  /** Duration in months. */
  months?: number
}

export interface DecisionInput {
  fund: FundSettings
  /** The register number of the year (05 → "05/QĐ-QKHCN") and the date of signature. */
  number: number
  date: DocDate
  /** The call: "Đợt tài trợ năm 2027 – Hỗ trợ đổi mới công nghệ". */
  callTitle: string
  /** "Theo đề nghị của …" (without the leading words): whose proposal. */
  proposedBy: string
  /** One project (a decision for one application) or several (the list goes to an appendix). */
  projects: ApprovedProject[]
  /** Who carries out the decision (Article 3), e.g. "Chánh Văn phòng Quỹ, Trưởng phòng Quản lý khoa học". */
  executors: string
  /** "Nơi nhận:" lines; default the fund's. */
  recipients?: string[]
}

/** Digits then words: "1.500.000.000 đồng (Bằng chữ: Một tỷ năm trăm triệu đồng)". */
const amount = (n: number) => `${money(n)} (Bằng chữ: ${amountInWords(n)})`

export function decision(input: DecisionInput): DocumentModel {
  const { fund, projects } = input
  const number = documentNumber(input.number, 'QĐ', fund.documentSymbol)
  const single = projects.length === 1
  const total = projects.reduce((s, p) => s + p.amount, 0)
  const blocks: Block[] = [
    ...heading(fund, number, input.date),
    ...title(
      'Quyết định',
      single ? `Về việc phê duyệt tài trợ nhiệm vụ khoa học và công nghệ “${projects[0].title}”` : `Về việc phê duyệt danh mục nhiệm vụ khoa học và công nghệ được tài trợ thuộc ${input.callTitle}`,
    ),
    { kind: 'paragraph', text: authorityTitle(fund), bold: true, size: SIZE.title, align: 'center', balance: true, before: 4, after: 8, keepWithNext: true },
    ...fund.legalBases.map((b) => body(b.trim().replace(/[;.]*$/, ';'), { italic: true })),
    body(`Theo đề nghị của ${input.proposedBy.trim().replace(/[;.]*$/, '')};`, { italic: true }),
    { kind: 'paragraph', text: 'QUYẾT ĐỊNH:', bold: true, size: SIZE.title, align: 'center', before: 6, after: 8, keepWithNext: true },
  ]

  if (single) {
    const p = projects[0]
    blocks.push(
      body([{ text: 'Điều 1. ', bold: true }, { text: `Phê duyệt tài trợ nhiệm vụ khoa học và công nghệ thuộc ${input.callTitle}, như sau:` }]),
      body(`1. Tên nhiệm vụ: ${endSentence(p.title)}`),
      body(`2. Tổ chức chủ trì: ${endSentence(p.organisation)}`),
      ...(p.investigator ? [body(`3. Chủ nhiệm nhiệm vụ: ${endSentence(p.investigator)}`)] : []),
      ...(p.months ? [body(`${p.investigator ? 4 : 3}. Thời gian thực hiện: ${p.months} tháng kể từ ngày ký hợp đồng.`)] : []),
      body(`${3 + (p.investigator ? 1 : 0) + (p.months ? 1 : 0)}. Kinh phí tài trợ từ Quỹ: ${amount(p.amount)}.`),
    )
  } else {
    blocks.push(
      body([
        { text: 'Điều 1. ', bold: true },
        {
          text: `Phê duyệt danh mục ${projects.length} nhiệm vụ khoa học và công nghệ được Quỹ tài trợ thuộc ${input.callTitle} (chi tiết tại Phụ lục kèm theo Quyết định này), tổng kinh phí tài trợ: ${amount(total)}.`,
        },
      ]),
    )
  }
  blocks.push(
    body([
      { text: 'Điều 2. ', bold: true },
      {
        text: `Giao ${single ? 'tổ chức chủ trì' : 'các tổ chức chủ trì'} phối hợp với ${fund.fundName} hoàn thiện hồ sơ và ký hợp đồng thực hiện nhiệm vụ; sử dụng kinh phí đúng mục đích, đúng quy định hiện hành.`,
      },
    ]),
    body(
      [
      { text: 'Điều 3. ', bold: true },
      { text: `Quyết định này có hiệu lực kể từ ngày ký. ${input.executors.trim().replace(/[;.]*$/, '')} và ${single ? 'tổ chức chủ trì nhiệm vụ' : 'các tổ chức chủ trì nhiệm vụ'} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.` },
      ], { keepWithNext: true }),
    signature(fund, input.recipients ?? fund.recipients),
  )

  if (!single) blocks.push({ kind: 'pageBreak' }, ...appendix(input, number, total))
  return document(fund, `Quyết định số ${number}`, blocks)
}

/** "Phụ lục": the approved projects, with the number and date of the decision they belong to. */
function appendix(input: DecisionInput, number: string, total: number): Block[] {
  const table: Table = {
    kind: 'table',
    columns: [{ width: { mm: 12 }, align: 'center' }, { width: { fr: 2 } }, { width: { fr: 3 } }, { width: { mm: 34 }, align: 'right' }],
    header: [['STT', 'Tổ chức chủ trì', 'Tên nhiệm vụ', 'Kinh phí tài trợ (đồng)']],
    rows: [
      ...input.projects.map((p, i) => [String(i + 1), p.organisation, p.title, money(p.amount).replace(/ đồng$/, '')]),
      [{ text: 'Tổng cộng', bold: true, span: 3, align: 'center' }, { text: money(total).replace(/ đồng$/, ''), bold: true }],
    ],
    size: 12,
    lineHeight: 1.15,
    padding: 3,
    before: 8,
    after: 6,
  }
  return [
    { kind: 'paragraph', text: 'Phụ lục', bold: true, size: SIZE.title, align: 'center', keepWithNext: true },
    { kind: 'paragraph', text: upper(`Danh mục nhiệm vụ khoa học và công nghệ được tài trợ thuộc ${input.callTitle}`), bold: true, size: SIZE.title - 1, align: 'center', balance: true, keepWithNext: true },
    {
      kind: 'paragraph',
      text: `(Kèm theo Quyết định số ${number} ${inWordsDate(input.date)} của ${sentenceCase(directorTitle(input.fund))} ${input.fund.fundName})`,
      italic: true,
      size: SIZE.body - 0.5,
      align: 'center',
      balance: true,
      rule: 0.3,
      after: 4,
      keepWithNext: true,
    },
    table,
    body(`Tổng kinh phí tài trợ bằng chữ: ${amountInWords(total)}./.`, { italic: true, indent: 0 }),
  ]
}
