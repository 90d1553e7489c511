// The funding decision: for one application, or for a whole call with the projects in an appendix. Each kind of
// funding (grant, preferential loan, loan guarantee, support) has its own title, articles and amounts.
import type { FundingTerms, Modality } from '../db/schema'
import type { Block, DocumentModel, Table } from '../app/modules/documents/layout'
import { formatNumber } from '../app/i18n/format'
import { amountInWords } from '../app/i18n/words'
import { authorityTitle, body, directorTitle, sentenceCase, type DocDate, document, documentNumber, type FundSettings, heading, inWordsDate, legalBases, money, numbered, signature, SIZE, title, upper } from './common'

/** The kind of funding a decision grants (a call has one; calls.modality). */
export type FundingKind = Modality

/** The terms a loan or a guarantee decision states (applications.funding_terms); each printed when given. */
export type LoanTerms = FundingTerms

export interface ApprovedProject {
  organisation: string
  title: string
  /** The Fund's amount: the grant, the support, the loan or the guaranteed amount. */
  amount: number
  /** Chủ nhiệm nhiệm vụ (printed as typed in the body; signature blocks drop academic titles, not this line). */
  investigator?: string
  /** Duration in months. */
  months?: number
  /** The counterpart (vốn đối ứng); with the Fund's amount it makes the total cost. */
  counterpart?: number
  /** The total cost; default the Fund's amount plus the counterpart. */
  totalCost?: number
  /** Khoán chi toàn phần (full) or từng phần (partial): grants and supports. */
  lumpSum?: 'full' | 'partial'
  terms?: LoanTerms
  /** The director's conditions (one a line), printed in Article 2. */
  conditions?: string[]
}

export interface DecisionInput {
  fund: FundSettings
  /** The register number of the year (05 → "05/QĐ-QKHCN") and the date of signature. */
  number: number
  date: DocDate
  /** The kind of funding, from the call; default a grant. */
  kind?: FundingKind
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
const rate = (n: number) => `${formatNumber(n, 'vi', { decimals: 3 })}%/năm`

/** The words of each kind of funding: title, articles, labels of the amounts. */
interface Wording {
  subject: (title: string) => string
  listSubject: (call: string) => string
  article1: (call: string) => string
  listArticle1: (n: number, call: string) => string
  task: string
  host: string
  hosts: string
  lead: string
  total: string
  fundAmount: string
  counterpart: string
  /** The duty of Article 2 (without the conditions). */
  duty: (fund: string) => string
  appendixTitle: (call: string) => string
  appendixAmount: string
  totalWords: string
  /** Whether the lump-sum method applies (money spent on a task, not a loan). */
  lumpSum: boolean
}

const TASK = 'nhiệm vụ khoa học và công nghệ'
export const WORDING: Record<FundingKind, Wording> = {
  grant: {
    subject: (t) => `Về việc phê duyệt tài trợ ${TASK} “${t}”`,
    listSubject: (c) => `Về việc phê duyệt danh mục ${TASK} được tài trợ thuộc ${c}`,
    article1: (c) => `Phê duyệt tài trợ ${TASK} thuộc ${c}, như sau:`,
    listArticle1: (n, c) => `Phê duyệt danh mục ${n} ${TASK} được Quỹ tài trợ thuộc ${c} (chi tiết tại Phụ lục kèm theo Quyết định này), tổng kinh phí tài trợ:`,
    task: 'Tên nhiệm vụ',
    host: 'tổ chức chủ trì',
    hosts: 'các tổ chức chủ trì',
    lead: 'Chủ nhiệm nhiệm vụ',
    total: 'Tổng kinh phí thực hiện nhiệm vụ',
    fundAmount: 'Kinh phí tài trợ từ Quỹ',
    counterpart: 'Kinh phí đối ứng của tổ chức chủ trì',
    duty: (f) => `phối hợp với ${f} hoàn thiện hồ sơ và ký hợp đồng tài trợ thực hiện nhiệm vụ; sử dụng kinh phí đúng mục đích, đúng quy định hiện hành`,
    appendixTitle: (c) => `Danh mục ${TASK} được tài trợ thuộc ${c}`,
    appendixAmount: 'Kinh phí tài trợ (đồng)',
    totalWords: 'Tổng kinh phí tài trợ',
    lumpSum: true,
  },
  support: {
    subject: (t) => `Về việc hỗ trợ kinh phí thực hiện ${TASK} “${t}”`,
    listSubject: (c) => `Về việc phê duyệt danh mục ${TASK} được hỗ trợ thuộc ${c}`,
    article1: (c) => `Hỗ trợ kinh phí thực hiện ${TASK} thuộc ${c}, như sau:`,
    listArticle1: (n, c) => `Phê duyệt danh mục ${n} ${TASK} được Quỹ hỗ trợ thuộc ${c} (chi tiết tại Phụ lục kèm theo Quyết định này), tổng kinh phí hỗ trợ:`,
    task: 'Tên nhiệm vụ',
    host: 'tổ chức chủ trì',
    hosts: 'các tổ chức chủ trì',
    lead: 'Chủ nhiệm nhiệm vụ',
    total: 'Tổng kinh phí thực hiện nhiệm vụ',
    fundAmount: 'Kinh phí hỗ trợ từ Quỹ',
    counterpart: 'Kinh phí đối ứng của tổ chức chủ trì',
    duty: (f) => `phối hợp với ${f} hoàn thiện hồ sơ và ký hợp đồng hỗ trợ thực hiện nhiệm vụ; sử dụng kinh phí hỗ trợ đúng mục đích, đúng quy định hiện hành`,
    appendixTitle: (c) => `Danh mục ${TASK} được hỗ trợ thuộc ${c}`,
    appendixAmount: 'Kinh phí hỗ trợ (đồng)',
    totalWords: 'Tổng kinh phí hỗ trợ',
    lumpSum: true,
  },
  preferential_loan: {
    subject: (t) => `Về việc cho vay ưu đãi thực hiện dự án “${t}”`,
    listSubject: (c) => `Về việc cho vay ưu đãi thực hiện các dự án thuộc ${c}`,
    article1: (c) => `Cho vay ưu đãi từ nguồn vốn của Quỹ để thực hiện dự án thuộc ${c}, như sau:`,
    listArticle1: (n, c) => `Cho vay ưu đãi ${n} dự án thuộc ${c} (chi tiết tại Phụ lục kèm theo Quyết định này), tổng số tiền cho vay:`,
    task: 'Tên dự án',
    host: 'bên vay vốn',
    hosts: 'các bên vay vốn',
    lead: 'Người chịu trách nhiệm thực hiện dự án',
    total: 'Tổng vốn đầu tư của dự án',
    fundAmount: 'Số tiền cho vay',
    counterpart: 'Vốn tự có và vốn huy động khác của bên vay',
    duty: (f) => `phối hợp với ${f} ký hợp đồng tín dụng và hợp đồng bảo đảm tiền vay; sử dụng vốn vay đúng mục đích, trả nợ gốc và lãi đúng hạn theo hợp đồng`,
    appendixTitle: (c) => `Danh mục dự án được cho vay ưu đãi thuộc ${c}`,
    appendixAmount: 'Số tiền cho vay (đồng)',
    totalWords: 'Tổng số tiền cho vay',
    lumpSum: false,
  },
  loan_guarantee: {
    subject: (t) => `Về việc bảo lãnh vốn vay thực hiện dự án “${t}”`,
    listSubject: (c) => `Về việc bảo lãnh vốn vay thực hiện các dự án thuộc ${c}`,
    article1: (c) => `Bảo lãnh vốn vay để thực hiện dự án thuộc ${c}, như sau:`,
    listArticle1: (n, c) => `Bảo lãnh vốn vay cho ${n} dự án thuộc ${c} (chi tiết tại Phụ lục kèm theo Quyết định này), tổng số tiền được bảo lãnh:`,
    task: 'Tên dự án',
    host: 'bên được bảo lãnh',
    hosts: 'các bên được bảo lãnh',
    lead: 'Người chịu trách nhiệm thực hiện dự án',
    total: 'Tổng vốn đầu tư của dự án',
    fundAmount: 'Số tiền được bảo lãnh',
    counterpart: 'Vốn tự có và vốn huy động khác của bên được bảo lãnh',
    duty: (f) => `phối hợp với ${f} ký hợp đồng bảo lãnh; sử dụng vốn vay đúng mục đích, trả nợ đúng hạn cho bên nhận bảo lãnh`,
    appendixTitle: (c) => `Danh mục dự án được bảo lãnh vốn vay thuộc ${c}`,
    appendixAmount: 'Số tiền bảo lãnh (đồng)',
    totalWords: 'Tổng số tiền được bảo lãnh',
    lumpSum: false,
  },
}

const LUMP_SUM = { full: 'khoán chi toàn phần', partial: 'khoán chi từng phần' } as const
const capital = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1)

/** The items of Article 1 for one project, as the kind of funding states them. */
function projectItems(p: ApprovedProject, w: Wording, kind: FundingKind): string[] {
  const items = [`${w.task}: ${p.title}`, `${capital(w.host)}: ${p.organisation}`]
  if (p.investigator) items.push(`${w.lead}: ${p.investigator}`)
  if (p.months && w.lumpSum) items.push(`Thời gian thực hiện: ${p.months} tháng kể từ ngày ký hợp đồng`)
  const total = p.totalCost ?? (p.counterpart !== undefined ? p.amount + p.counterpart : undefined)
  if (total !== undefined) items.push(`${w.total}: ${amount(total)}`)
  items.push(`${w.fundAmount}: ${amount(p.amount)}`)
  if (p.counterpart !== undefined) items.push(`${w.counterpart}: ${amount(p.counterpart)}`)
  const t = p.terms ?? {}
  if (kind === 'preferential_loan') {
    if (t.interestRate !== undefined) items.push(`Lãi suất cho vay: ${rate(t.interestRate)}`)
    if (t.termMonths) items.push(`Thời hạn cho vay: ${t.termMonths} tháng kể từ ngày giải ngân lần đầu`)
    if (t.repayment?.trim()) items.push(`Phương thức trả nợ gốc và lãi: ${t.repayment.trim()}`)
    if (t.collateral?.trim()) items.push(`Tài sản bảo đảm tiền vay: ${t.collateral.trim()}`)
  } else if (kind === 'loan_guarantee') {
    if (t.lender?.trim()) items.push(`Bên nhận bảo lãnh (tổ chức cho vay): ${t.lender.trim()}`)
    if (t.termMonths) items.push(`Thời hạn bảo lãnh: ${t.termMonths} tháng`)
    if (t.guaranteeFee !== undefined) items.push(`Phí bảo lãnh: ${rate(t.guaranteeFee)}`)
    if (t.collateral?.trim()) items.push(`Biện pháp bảo đảm cho bảo lãnh: ${t.collateral.trim()}`)
  }
  if (w.lumpSum && p.lumpSum) items.push(`Phương thức khoán chi: ${LUMP_SUM[p.lumpSum]}`)
  return items.map((x, i) => `${i + 1}. ${x.trim().replace(/[;.]+$/, '')}.`)
}

export function decision(input: DecisionInput): DocumentModel {
  const { fund, projects } = input
  const kind = input.kind ?? 'grant'
  const w = WORDING[kind]
  const number = documentNumber(input.number, 'QĐ', fund.documentSymbol)
  const single = projects.length === 1
  const total = projects.reduce((s, p) => s + p.amount, 0)
  const blocks: Block[] = [
    ...heading(fund, number, input.date),
    ...title('Quyết định', single ? w.subject(projects[0].title) : w.listSubject(input.callTitle)),
    { kind: 'paragraph', text: authorityTitle(fund), bold: true, size: SIZE.title, align: 'center', balance: true, before: 4, after: 8, keepWithNext: true },
    ...legalBases(fund.legalBases, input.proposedBy),
    { kind: 'paragraph', text: 'QUYẾT ĐỊNH:', bold: true, size: SIZE.title, align: 'center', before: 6, after: 8, keepWithNext: true },
  ]

  if (single) {
    const p = projects[0]
    blocks.push(body([{ text: 'Điều 1. ', bold: true }, { text: w.article1(input.callTitle) }]), ...projectItems(p, w, kind).map((l) => body(l)))
  } else {
    blocks.push(body([{ text: 'Điều 1. ', bold: true }, { text: `${w.listArticle1(projects.length, input.callTitle)} ${amount(total)}.` }]))
  }
  const host = single ? w.host : w.hosts
  const conditions = single ? (projects[0].conditions ?? []).map((c) => c.trim()).filter(Boolean) : []
  if (conditions.length === 0) {
    blocks.push(body([{ text: 'Điều 2. ', bold: true }, { text: `Giao ${host} ${w.duty(fund.fundName)}.` }]))
  } else {
    // The director's conditions come first, then the duty every decision states.
    blocks.push(body([{ text: 'Điều 2. ', bold: true }, { text: `${capital(host)} có trách nhiệm:` }]), ...numbered([...conditions, capital(w.duty(fund.fundName))]))
  }
  blocks.push(
    body(
      [
      { text: 'Điều 3. ', bold: true },
      { text: `Quyết định này có hiệu lực kể từ ngày ký. ${input.executors.trim().replace(/[;.]*$/, '')} và ${host} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.` },
      ], { keepWithNext: true }),
    signature(fund, input.recipients ?? fund.recipients),
  )

  if (!single) blocks.push({ kind: 'pageBreak', restartNumbering: true }, ...appendix(input, number, total, w))
  return document(fund, `Quyết định số ${number}`, blocks)
}

/** "Phụ lục": the approved projects, with the number and date of the decision they belong to. */
function appendix(input: DecisionInput, number: string, total: number, w: Wording): Block[] {
  const table: Table = {
    kind: 'table',
    columns: [{ width: { mm: 12 }, align: 'center' }, { width: { fr: 2 } }, { width: { fr: 3 } }, { width: { mm: 34 }, align: 'right' }],
    header: [['STT', capital(w.host), w.task, w.appendixAmount]],
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
    { kind: 'paragraph', text: upper(w.appendixTitle(input.callTitle)), bold: true, size: SIZE.title - 1, align: 'center', balance: true, keepWithNext: true },
    {
      kind: 'paragraph',
      text: `(Kèm theo Quyết định số ${number} ${inWordsDate(input.date)} của ${sentenceCase(directorTitle(input.fund))} ${input.fund.fundName})`,
      italic: true,
      // Decree 30, Appendix I: the "Kèm theo …" line in 13–14 pt italic.
      size: SIZE.appendixNote,
      align: 'center',
      balance: true,
      rule: 0.3,
      after: 4,
      keepWithNext: true,
    },
    table,
    body(`${w.totalWords} bằng chữ: ${amountInWords(total)}./.`, { italic: true, indent: 0 }),
  ]
}
