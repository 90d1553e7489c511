// Hợp đồng thực hiện nhiệm vụ (after the model contracts of the Ministry of S&T, Circular 05/2014/TT-BKHCN, as
// the Fund uses them), one wording per kind of funding: the parties, the task, its products and their quality,
// the duration, the money by year and by tranche, the lump-sum method, the reports, each party's rights and
// duties and what happens when the task fails. Its amendments (phụ lục hợp đồng) follow the same frame.
import type { FundingTerms, Modality, TrancheCondition, TrancheKind } from '../db/schema'
import type { Block, DocumentModel, Table } from '../app/modules/documents/layout'
import { formatNumber } from '../app/i18n/format'
import { amountInWords } from '../app/i18n/words'
import { body, type DocDate, document, documentNumber, type FundSettings, heading, inWordsDate, money, plainName, section, shortDate, SIZE, title, upper } from './common'

export interface ContractParty {
  name: string
  address: string
  /** Tax code or citizen ID. */
  identifier: string
  representative: string
  position: string
  phone?: string
  email?: string
}

export interface ContractTranche {
  seq: number
  kind: TrancheKind
  amount: number
  dueOn: string | null
  condition: TrancheCondition
}

/** The grantee's acceptance in the portal (printed in its signature column). */
export interface PortalAcceptance {
  name: string
  position: string
  at: Date
}

export interface ContractInput {
  fund: FundSettings & { address?: string; phone?: string }
  /** The register's number; null for a draft (the number is given when the Fund signs). */
  number: number | null
  date: DocDate
  modality: Modality
  legalBases: string[]
  /** The decision approving the task: "12/QĐ-QKHCN" and its date. */
  decision: { symbol: string; date: DocDate } | null
  grantee: ContractParty
  task: { title: string; reference: string; investigator: string; objectives: string; products: string; quality: string }
  startsOn: string
  endsOn: string
  fundAmount: number
  counterpartAmount: number
  lumpSum: 'full' | 'partial' | null
  byYear: { year: number; amount: number }[]
  tranches: ContractTranche[]
  reportEveryMonths: number
  terms?: FundingTerms
  acceptance: PortalAcceptance | null
}

const SUBJECT: Record<Modality, string> = {
  grant: 'Tài trợ thực hiện nhiệm vụ khoa học và công nghệ',
  support: 'Hỗ trợ thực hiện nhiệm vụ khoa học và công nghệ',
  preferential_loan: 'Cho vay ưu đãi thực hiện dự án khoa học và công nghệ',
  loan_guarantee: 'Bảo lãnh vốn vay thực hiện dự án khoa học và công nghệ',
}

const AMOUNT_LABEL: Record<Modality, string> = {
  grant: 'Kinh phí Quỹ tài trợ',
  support: 'Kinh phí Quỹ hỗ trợ',
  preferential_loan: 'Số tiền Quỹ cho vay',
  loan_guarantee: 'Số tiền Quỹ bảo lãnh',
}

const KIND: Record<TrancheKind, string> = { advance: 'Tạm ứng', interim: 'Thanh toán giữa kỳ', final: 'Thanh toán cuối kỳ' }
const CONDITION: Record<TrancheCondition, string> = {
  none: 'Sau khi hợp đồng được ký',
  report_accepted: 'Sau khi báo cáo định kỳ được Quỹ chấp nhận',
  product_delivered: 'Sau khi bàn giao sản phẩm',
  acceptance: 'Sau khi nhiệm vụ được nghiệm thu',
}
const LUMP_SUM = { full: 'khoán chi toàn phần', partial: 'khoán chi từng phần' }

const groups = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')
const amountWords = (n: number) => `${money(n)} (Bằng chữ: ${amountInWords(n)})`
const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)

/** Whole months from the first day to the last (both included): 2027-01-01 … 2027-12-31 is 12. */
export function durationMonths(startsOn: string, endsOn: string): number {
  const [y1, m1, d1] = startsOn.split('-').map(Number)
  const [ye, me, de] = endsOn.split('-').map(Number)
  const after = new Date(Date.UTC(ye, me - 1, de) + 86_400_000)
  const [y2, m2, d2] = [after.getUTCFullYear(), after.getUTCMonth() + 1, after.getUTCDate()]
  return Math.max(1, (y2 - y1) * 12 + (m2 - m1) - (d2 >= d1 ? 0 : 1))
}

function party(label: string, p: ContractParty): Block[] {
  return [
    body([{ text: `${label}: `, bold: true }, { text: p.name, bold: true }], { indent: 0, after: 2, keepWithNext: true }),
    body(`Địa chỉ: ${p.address || '…'}`, { indent: 0, after: 2, keepWithNext: true }),
    ...(p.identifier ? [body(`Mã số thuế/định danh: ${p.identifier}`, { indent: 0, after: 2, keepWithNext: true })] : []),
    ...(p.phone || p.email ? [body(`Điện thoại: ${p.phone || '…'}; thư điện tử: ${p.email || '…'}`, { indent: 0, after: 2, keepWithNext: true })] : []),
    body(`Đại diện: ${p.representative || '…'}, chức vụ: ${p.position || '…'}`, { indent: 0, after: 6 }),
  ]
}

function moneyTables(input: ContractInput): Block[] {
  const byYear: Table = {
    kind: 'table',
    columns: [{ width: { mm: 14 }, align: 'center' }, { width: { fr: 1 } }, { width: { fr: 1 }, align: 'right' }],
    header: [['STT', 'Năm', 'Kinh phí (đồng)']],
    rows: [
      ...input.byYear.map((y, i) => [String(i + 1), `Năm ${y.year}`, groups(y.amount)]),
      ['', { text: [{ text: 'Tổng cộng', bold: true }] }, { text: [{ text: groups(input.fundAmount), bold: true }] }],
    ],
    size: 12,
    lineHeight: 1.15,
    before: 2,
    after: 6,
  }
  const tranches: Table = {
    kind: 'table',
    columns: [{ width: { mm: 12 }, align: 'center' }, { width: { fr: 1 } }, { width: { fr: 1 }, align: 'right' }, { width: { mm: 26 }, align: 'center' }, { width: { fr: 2 } }],
    header: [['Đợt', 'Loại', 'Số tiền (đồng)', 'Dự kiến', 'Điều kiện']],
    rows: input.tranches.map((t) => [String(t.seq), KIND[t.kind], groups(t.amount), t.dueOn ? shortDate(t.dueOn) : '–', CONDITION[t.condition]]),
    size: 12,
    lineHeight: 1.15,
    before: 2,
    after: 6,
  }
  return [body('Kinh phí theo năm:', { keepWithNext: true }), byYear, body('Kinh phí được cấp theo các đợt:', { keepWithNext: true }), tranches]
}

function loanTerms(input: ContractInput): Block[] {
  const t = input.terms ?? {}
  const out: string[] = []
  if (t.interestRate !== undefined) out.push(`Lãi suất: ${formatNumber(t.interestRate, 'vi', { decimals: 3 })}%/năm`)
  if (t.termMonths !== undefined) out.push(`Thời hạn: ${t.termMonths} tháng`)
  if (t.repayment) out.push(`Lịch trả nợ: ${t.repayment}`)
  if (t.collateral) out.push(`Tài sản bảo đảm: ${t.collateral}`)
  if (t.lender) out.push(`Tổ chức cho vay: ${t.lender}`)
  if (t.guaranteeFee !== undefined) out.push(`Phí bảo lãnh: ${formatNumber(t.guaranteeFee, 'vi', { decimals: 3 })}%/năm`)
  return out.map((l) => body(`- ${l}.`))
}

const DUTIES_A: Record<Modality, string[]> = {
  grant: [
    'Cấp kinh phí cho Bên B theo các đợt và điều kiện tại Điều 3',
    'Kiểm tra định kỳ, đột xuất tiến độ, nội dung và việc sử dụng kinh phí của Bên B',
    'Tổ chức đánh giá, nghiệm thu kết quả thực hiện nhiệm vụ và thanh lý hợp đồng',
    'Xem xét, quyết định các đề nghị điều chỉnh của Bên B trong phạm vi thẩm quyền',
  ],
  support: [],
  preferential_loan: [
    'Giải ngân khoản vay cho Bên B theo các đợt và điều kiện tại Điều 3',
    'Kiểm tra việc sử dụng vốn vay đúng mục đích và tài sản bảo đảm',
    'Thu hồi nợ gốc và lãi theo lịch trả nợ; thu hồi trước hạn khi Bên B vi phạm hợp đồng',
  ],
  loan_guarantee: [
    'Bảo lãnh khoản vay của Bên B tại tổ chức cho vay trong phạm vi số tiền tại Điều 3',
    'Kiểm tra việc sử dụng vốn vay được bảo lãnh và tài sản bảo đảm',
    'Trả nợ thay khi Bên B không trả được nợ theo cam kết bảo lãnh và yêu cầu Bên B hoàn trả',
  ],
}
DUTIES_A.support = DUTIES_A.grant

const DUTIES_B: Record<Modality, string[]> = {
  grant: [
    'Tổ chức thực hiện nhiệm vụ đúng nội dung, tiến độ và sản phẩm đã được phê duyệt',
    'Sử dụng kinh phí đúng mục đích, đúng chế độ; bảo đảm phần vốn đối ứng đã cam kết',
    'Báo cáo định kỳ tiến độ và tình hình sử dụng kinh phí theo Điều 4; chịu sự kiểm tra của Bên A',
    'Nộp hồ sơ đánh giá, nghiệm thu và đăng ký kết quả thực hiện nhiệm vụ theo quy định',
    'Đề nghị bằng văn bản, nêu rõ lý do, khi cần điều chỉnh thời gian, kinh phí, chủ nhiệm hoặc tổ chức chủ trì',
  ],
  support: [],
  preferential_loan: [
    'Sử dụng vốn vay đúng mục đích của dự án đã được phê duyệt',
    'Trả nợ gốc và lãi đầy đủ, đúng hạn theo lịch trả nợ; duy trì tài sản bảo đảm',
    'Báo cáo định kỳ tiến độ dự án và tình hình sử dụng vốn theo Điều 4; chịu sự kiểm tra của Bên A',
  ],
  loan_guarantee: [
    'Sử dụng vốn vay được bảo lãnh đúng mục đích; trả nợ tổ chức cho vay đúng hạn',
    'Hoàn trả Bên A số tiền Bên A đã trả nợ thay, kèm lãi theo quy định',
    'Báo cáo định kỳ tiến độ dự án và tình hình trả nợ theo Điều 4; chịu sự kiểm tra của Bên A',
  ],
}
DUTIES_B.support = DUTIES_B.grant

const FAILURE: Record<Modality, string[]> = {
  grant: [
    'Nhiệm vụ bị đánh giá “Không đạt” hoặc bị chấm dứt do lỗi của Bên B: Bên B hoàn trả kinh phí đã nhận theo quy định về thu hồi kinh phí nhiệm vụ khoa học và công nghệ',
    'Nhiệm vụ không hoàn thành vì lý do khách quan đã được Bên A chấp thuận: hai bên xác định phần kinh phí đã sử dụng hợp lý và phần phải hoàn trả khi thanh lý hợp đồng',
  ],
  support: [],
  preferential_loan: [
    'Bên B sử dụng vốn sai mục đích hoặc không trả nợ đúng hạn: Bên A thu hồi nợ trước hạn, áp dụng lãi quá hạn và xử lý tài sản bảo đảm theo quy định',
  ],
  loan_guarantee: ['Bên B không hoàn trả số tiền Bên A đã trả nợ thay: Bên A xử lý tài sản bảo đảm và áp dụng các biện pháp thu hồi theo quy định'],
}
FAILURE.support = FAILURE.grant

const numberedLines = (items: string[]) => items.map((l, i) => body(`${i + 1}. ${l}${i === items.length - 1 ? '.' : ';'}`))

/** The words printed in the grantee's column once its legal representative accepted the contract in the portal. */
export function acceptanceLine(a: PortalAcceptance): string {
  const at = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(a.at)
  return `Đã ký xác nhận trên Cổng lúc ${at}`
}

export function contract(input: ContractInput): DocumentModel {
  const { fund } = input
  const numberLine = input.number === null ? `     /HĐ-${fund.documentSymbol}` : documentNumber(input.number, 'HĐ', fund.documentSymbol)
  const fundParty: ContractParty = {
    name: fund.fundName,
    address: fund.address ?? '',
    identifier: '',
    representative: fund.signerName,
    position: [fund.signerAuthority, fund.signerTitle].filter(Boolean).join(' – ') || 'Giám đốc',
    phone: fund.phone,
  }
  const total = input.fundAmount + input.counterpartAmount
  const blocks: Block[] = [
    ...heading(fund, numberLine, input.date),
    ...title('Hợp đồng', SUBJECT[input.modality]),
    ...input.legalBases.map((b) => body(`${b.trim().replace(/[;.]+$/, '')};`, { italic: true })),
    ...(input.decision
      ? [body(`Căn cứ Quyết định số ${input.decision.symbol} ${inWordsDate(input.decision.date)} của Giám đốc ${fund.fundName} phê duyệt nhiệm vụ “${input.task.title}”.`, { italic: true })]
      : []),
    body(`Hôm nay, ${inWordsDate(input.date)}, tại ${fund.placeName}, chúng tôi gồm:`),
    ...party('Bên A (Bên giao)', fundParty),
    ...party('Bên B (Bên nhận)', input.grantee),
    body('Hai bên thỏa thuận ký kết hợp đồng với các điều khoản sau:'),
    section('Điều 1. Nội dung nhiệm vụ và sản phẩm'),
    body(`Bên B thực hiện nhiệm vụ “${input.task.title}” (mã hồ sơ ${input.task.reference}), chủ nhiệm nhiệm vụ: ${input.task.investigator || '…'}.`),
    ...lines(input.task.objectives).map((l, i) => body(i === 0 ? `Mục tiêu: ${l}` : l)),
    ...lines(input.task.products).map((l, i) => body(i === 0 ? `Sản phẩm: ${l}` : l)),
    ...lines(input.task.quality).map((l, i) => body(i === 0 ? `Yêu cầu chất lượng của sản phẩm: ${l}` : l)),
    section('Điều 2. Thời gian thực hiện'),
    body(`${durationMonths(input.startsOn, input.endsOn)} tháng, từ ngày ${shortDate(input.startsOn)} đến ngày ${shortDate(input.endsOn)}.`),
    section('Điều 3. Kinh phí và phương thức cấp'),
    body(`Tổng kinh phí thực hiện: ${amountWords(total)}, trong đó:`),
    body(`- ${AMOUNT_LABEL[input.modality]}: ${amountWords(input.fundAmount)};`),
    body(`- Vốn đối ứng của Bên B: ${amountWords(input.counterpartAmount)}.`),
    ...(input.lumpSum ? [body(`Phương thức khoán chi: ${LUMP_SUM[input.lumpSum]}.`)] : []),
    ...loanTerms(input),
    ...moneyTables(input),
    section('Điều 4. Báo cáo và kiểm tra'),
    body(`Bên B báo cáo tiến độ và tình hình sử dụng kinh phí ${input.reportEveryMonths} tháng một lần, kể từ ngày bắt đầu thực hiện, và khi Bên A yêu cầu.`),
    section('Điều 5. Quyền và nghĩa vụ của Bên A'),
    ...numberedLines(DUTIES_A[input.modality]),
    section('Điều 6. Quyền và nghĩa vụ của Bên B'),
    ...numberedLines(DUTIES_B[input.modality]),
    section('Điều 7. Xử lý khi nhiệm vụ không hoàn thành'),
    ...numberedLines(FAILURE[input.modality]),
    section('Điều 8. Điều khoản chung'),
    body('Mọi thay đổi nội dung hợp đồng được lập thành phụ lục hợp đồng, là bộ phận không tách rời của hợp đồng. Hợp đồng có hiệu lực kể từ ngày ký và được lập thành văn bản điện tử có chữ ký số của Bên A; Bên B ký xác nhận trên Cổng thông tin của Quỹ./.', { keepWithNext: true }),
    twoParties(fund, input.grantee, input.acceptance),
  ]
  return document(fund, input.number === null ? 'Hợp đồng (dự thảo)' : `Hợp đồng số ${numberLine}`, blocks)
}

/** The signature line of both parties: the grantee on the left (its acceptance in the portal), the Fund on the right. */
export function twoParties(fund: FundSettings, grantee: ContractParty, acceptance: PortalAcceptance | null): Block {
  return {
    kind: 'signature',
    recipients: [],
    leftSigner: {
      authority: [
        { text: 'ĐẠI DIỆN BÊN B', bold: true, size: SIZE.signer },
        { text: upper(grantee.position || ''), bold: true, size: SIZE.signer },
        { text: acceptance ? acceptanceLine(acceptance) : '', italic: true, size: 11 },
      ],
      signer: { text: plainName(acceptance?.name ?? grantee.representative), bold: true, size: SIZE.signer },
    },
    authority: [{ text: 'ĐẠI DIỆN BÊN A', bold: true, size: SIZE.signer }, ...[fund.signerAuthority, fund.signerTitle].filter((s) => s.trim()).map((text) => ({ text: upper(text), bold: true, size: SIZE.signer }))],
    signSpaceMm: 44,
    signer: { text: plainName(fund.signerName), bold: true, size: SIZE.signer },
    leftWidth: 0.5,
    before: 8,
  }
}

export interface AmendmentInput {
  fund: FundSettings
  number: number | null
  date: DocDate
  seq: number
  contract: { symbol: string; date: DocDate; title: string }
  decision: { symbol: string; date: DocDate } | null
  grantee: ContractParty
  /** What the amendment changes, one article each ("Thời gian thực hiện được gia hạn đến ngày …"). */
  changes: string[]
  acceptance: PortalAcceptance | null
}

/** Phụ lục hợp đồng: what an approved change alters in the contract, signed like it. */
export function amendment(input: AmendmentInput): DocumentModel {
  const { fund } = input
  const numberLine = input.number === null ? `     /PLHĐ-${fund.documentSymbol}` : documentNumber(input.number, 'PLHĐ', fund.documentSymbol)
  const seq = input.seq < 10 ? `0${input.seq}` : String(input.seq)
  const blocks: Block[] = [
    ...heading(fund, numberLine, input.date),
    ...title(`Phụ lục hợp đồng số ${seq}`, `Kèm theo Hợp đồng số ${input.contract.symbol} ${inWordsDate(input.contract.date)}`),
    ...(input.decision ? [body(`Căn cứ Quyết định số ${input.decision.symbol} ${inWordsDate(input.decision.date)} của Giám đốc ${fund.fundName};`, { italic: true })] : []),
    body(`Bên A: ${fund.fundName}. Bên B: ${input.grantee.name}. Hai bên thỏa thuận điều chỉnh Hợp đồng thực hiện nhiệm vụ “${input.contract.title}” như sau:`),
    ...input.changes.map((c, i) => body([{ text: `Điều ${i + 1}. `, bold: true }, { text: c }])),
    body(`Điều ${input.changes.length + 1}. Các nội dung khác của hợp đồng giữ nguyên. Phụ lục này là bộ phận không tách rời của hợp đồng và có hiệu lực kể từ ngày ký./.`, { keepWithNext: true }),
    twoParties(fund, input.grantee, input.acceptance),
  ]
  return document(fund, `Phụ lục hợp đồng số ${seq}`, blocks)
}
