// The director's answer to a change the grantee asked for (Circular 04/2015/TT-BKHCN and its successors, ADR 025):
// approved, a decision "Quyết định về việc điều chỉnh …" in the Decree 30 layout, whose Article 1 states the
// change and Article 2 sends the parties to sign an amendment (phụ lục hợp đồng); refused, a notice "Thông báo"
// to the host organisation with the reasons. The change's words are the same in the decision and the amendment.
import type { ContractChangeKind } from '../db/schema'
import type { Block, DocumentModel } from '../app/modules/documents/layout'
import { amountInWords } from '../app/i18n/words'
import {
  addressee,
  authorityTitle,
  body,
  type DocDate,
  document,
  documentNumber,
  type FundSettings,
  heading,
  inWordsDate,
  keepLast,
  legalBases,
  money,
  numbered,
  shortDate,
  signature,
  SIZE,
  title,
} from './common'
import { durationMonths } from './contract'

/** The Vietnamese names of the budget categories, as the application's budget prints them. */
export const CATEGORY_VI: Record<string, string> = {
  labour: 'Tiền công lao động',
  materials: 'Nguyên vật liệu, năng lượng',
  equipment: 'Thiết bị, máy móc',
  services: 'Thuê dịch vụ',
  other: 'Chi khác',
}

const SUBJECT: Record<ContractChangeKind, string> = {
  extension: 'gia hạn thời gian thực hiện',
  budget_move: 'điều chỉnh dự toán kinh phí',
  investigator: 'thay đổi chủ nhiệm',
  host: 'thay đổi tổ chức chủ trì',
  suspension: 'tạm dừng thực hiện',
  termination: 'chấm dứt thực hiện',
}

/** What a change alters, with what it was: the contract's period, the category budgets, the investigator, the host. */
export type ChangeFacts =
  | { kind: 'extension'; startsOn: string; endsOn: string; newEndsOn: string }
  | { kind: 'budget_move'; from: string; to: string; amount: number; fromBefore: number; toBefore: number }
  | { kind: 'investigator'; previous: string; name: string; idNumber: string }
  | { kind: 'host'; previous: string; name: string; identifier: string }
  | { kind: 'suspension'; from: string; until: string }
  | { kind: 'termination' }

const amount = (n: number) => `${money(n)} (Bằng chữ: ${amountInWords(n)})`

/** The change as the decision's Article 1 states it (one line a point). */
export function changeLines(f: ChangeFacts): string[] {
  switch (f.kind) {
    case 'extension':
      return [
        `Gia hạn thời gian thực hiện nhiệm vụ đến ngày ${shortDate(f.newEndsOn)}`,
        `Thời gian thực hiện sau điều chỉnh: ${durationMonths(f.startsOn, f.newEndsOn)} tháng, từ ngày ${shortDate(f.startsOn)} đến ngày ${shortDate(f.newEndsOn)} (theo hợp đồng: đến ngày ${shortDate(f.endsOn)})`,
        'Tổng kinh phí thực hiện nhiệm vụ không thay đổi',
      ]
    case 'budget_move':
      return [
        `Điều chuyển ${amount(f.amount)} từ khoản chi “${CATEGORY_VI[f.from] ?? f.from}” sang khoản chi “${CATEGORY_VI[f.to] ?? f.to}”`,
        `Khoản chi “${CATEGORY_VI[f.from] ?? f.from}”: từ ${money(f.fromBefore)} còn ${money(f.fromBefore - f.amount)}; khoản chi “${CATEGORY_VI[f.to] ?? f.to}”: từ ${money(f.toBefore)} lên ${money(f.toBefore + f.amount)}`,
        'Tổng kinh phí Quỹ cấp không thay đổi',
      ]
    case 'investigator':
      return [`Thay đổi chủ nhiệm nhiệm vụ: từ ${f.previous || '…'} sang ${f.name} (số định danh cá nhân ${f.idNumber})`, 'Chủ nhiệm mới kế thừa toàn bộ quyền và nghĩa vụ của chủ nhiệm nhiệm vụ theo hợp đồng']
    case 'host':
      return [`Thay đổi tổ chức chủ trì nhiệm vụ: từ ${f.previous} sang ${f.name} (mã số thuế ${f.identifier})`, 'Tổ chức chủ trì mới kế thừa toàn bộ quyền và nghĩa vụ của tổ chức chủ trì theo hợp đồng']
    case 'suspension':
      return [`Tạm dừng thực hiện nhiệm vụ từ ngày ${shortDate(f.from)} đến hết ngày ${shortDate(f.until)}`, 'Trong thời gian tạm dừng, Quỹ không cấp kinh phí cho nhiệm vụ']
    case 'termination':
      return ['Chấm dứt thực hiện nhiệm vụ và chấm dứt hợp đồng thực hiện nhiệm vụ', 'Hai bên thanh lý hợp đồng; kinh phí đã cấp được quyết toán và thu hồi theo Điều 7 của hợp đồng và quy định hiện hành']
  }
}

/** The change as the amendment's articles state it: what of the contract now reads otherwise. */
export function amendmentArticles(f: ChangeFacts): string[] {
  switch (f.kind) {
    case 'extension':
      return [`Điều 2 của hợp đồng được sửa đổi như sau: “${durationMonths(f.startsOn, f.newEndsOn)} tháng, từ ngày ${shortDate(f.startsOn)} đến ngày ${shortDate(f.newEndsOn)}.” Lịch báo cáo định kỳ tại Điều 4 được tính theo thời gian thực hiện mới.`]
    case 'budget_move':
      return [`Dự toán kinh phí Quỹ cấp được điều chỉnh: điều chuyển ${amount(f.amount)} từ khoản chi “${CATEGORY_VI[f.from] ?? f.from}” sang khoản chi “${CATEGORY_VI[f.to] ?? f.to}”. Tổng kinh phí tại Điều 3 của hợp đồng không thay đổi.`]
    case 'investigator':
      return [`Chủ nhiệm nhiệm vụ tại Điều 1 của hợp đồng được thay đổi thành: ${f.name} (số định danh cá nhân ${f.idNumber}).`]
    case 'host':
      return [`Bên B (tổ chức chủ trì) được thay đổi thành: ${f.name} (mã số thuế ${f.identifier}), kế thừa toàn bộ quyền và nghĩa vụ của Bên B theo hợp đồng.`]
    case 'suspension':
      return [`Việc thực hiện nhiệm vụ được tạm dừng từ ngày ${shortDate(f.from)} đến hết ngày ${shortDate(f.until)}; trong thời gian này Bên A không cấp kinh phí và Bên B không phải nộp báo cáo định kỳ.`]
    case 'termination':
      return ['Hợp đồng chấm dứt kể từ ngày ký Phụ lục này. Hai bên thanh lý hợp đồng; kinh phí đã cấp được quyết toán và thu hồi theo Điều 7 của hợp đồng.']
  }
}

export interface ChangeDecisionInput {
  fund: FundSettings
  /** The register's number; null in a preview. */
  number: number | null
  date: DocDate
  approved: boolean
  task: { title: string; reference: string }
  organisation: string
  contract: { symbol: string; date: DocDate | null }
  /** The day the grantee asked. */
  requestedOn: DocDate
  reasons: string
  facts: ChangeFacts
  /** The office's note: conditions of an approval, the reasons of a refusal (one a line). */
  note: string
  legalBases: string[]
}

const contractRef = (c: ChangeDecisionInput['contract']) => `Hợp đồng số ${c.symbol}${c.date ? ` ${inWordsDate(c.date)}` : ''}`
const lines = (s: string) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)

export function changeDecision(input: ChangeDecisionInput): DocumentModel {
  return input.approved ? approval(input) : refusal(input)
}

function approval(input: ChangeDecisionInput): DocumentModel {
  const { fund } = input
  const number = input.number === null ? `     /QĐ-${fund.documentSymbol}` : documentNumber(input.number, 'QĐ', fund.documentSymbol)
  const conditions = lines(input.note)
  const blocks: Block[] = [
    ...heading(fund, number, input.date),
    ...title('Quyết định', `Về việc ${SUBJECT[input.facts.kind]} nhiệm vụ “${input.task.title}”`),
    { kind: 'paragraph', text: authorityTitle(fund), bold: true, size: SIZE.title, align: 'center', balance: true, before: 4, after: 8, keepWithNext: true },
    ...legalBases(
      [...input.legalBases, `Căn cứ ${contractRef(input.contract)} giữa ${fund.fundName} và ${input.organisation}`, `Xét đề nghị của ${input.organisation} ${inWordsDate(input.requestedOn)}`],
      'Văn phòng Quỹ',
    ),
    { kind: 'paragraph', text: 'QUYẾT ĐỊNH:', bold: true, size: SIZE.title, align: 'center', before: 6, after: 8, keepWithNext: true },
    body([{ text: 'Điều 1. ', bold: true }, { text: `Điều chỉnh nhiệm vụ “${input.task.title}” (mã hồ sơ ${input.task.reference}) do ${input.organisation} chủ trì, như sau:` }]),
    ...numbered([...changeLines(input.facts), ...conditions]),
    body([{ text: 'Điều 2. ', bold: true }, { text: `${fund.fundName} và ${input.organisation} ký phụ lục ${contractRef(input.contract)} theo nội dung tại Điều 1. Các nội dung khác của hợp đồng giữ nguyên.` }]),
    body(
      [{ text: 'Điều 3. ', bold: true }, { text: `Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Quỹ, Trưởng các phòng chuyên môn và ${input.organisation} chịu trách nhiệm thi hành Quyết định này./.` }],
      { keepWithNext: true },
    ),
    signature(fund, [input.organisation, 'Như Điều 3', ...fund.recipients.filter((r) => !/^Như Điều/i.test(r))]),
  ]
  return document(fund, input.number === null ? 'Quyết định điều chỉnh (dự thảo)' : `Quyết định số ${number}`, blocks)
}

function refusal(input: ChangeDecisionInput): DocumentModel {
  const { fund } = input
  const number = input.number === null ? `     /TB-${fund.documentSymbol}` : documentNumber(input.number, 'TB', fund.documentSymbol)
  const reasons = lines(input.note)
  const blocks: Block[] = [
    ...heading(fund, number, input.date),
    ...title('Thông báo', `Về việc đề nghị ${SUBJECT[input.facts.kind]} nhiệm vụ “${input.task.title}”`),
    addressee(input.organisation),
    body(
      `${fund.fundName} nhận được đề nghị ${inWordsDate(input.requestedOn)} của ${input.organisation} về việc ${SUBJECT[input.facts.kind]} nhiệm vụ “${input.task.title}” (mã hồ sơ ${input.task.reference}, ${contractRef(input.contract)}), với nội dung:`,
    ),
    ...changeLines(input.facts).slice(0, 1).map((l) => body(`- ${l}.`)),
    body(`Sau khi xem xét, Giám đốc ${fund.fundName} không chấp thuận đề nghị trên, vì các lý do sau:`),
    ...numbered(reasons.length ? reasons : ['Đề nghị không đáp ứng quy định về điều chỉnh nhiệm vụ']),
    body(`${input.organisation} tiếp tục thực hiện nhiệm vụ theo hợp đồng đã ký./.`, { before: 3 }),
  ]
  keepLast(blocks)
  blocks.push(signature(fund, [input.organisation, ...fund.recipients.filter((r) => !/^Như Điều/i.test(r))]))
  return document(fund, input.number === null ? 'Thông báo (dự thảo)' : `Thông báo số ${number}`, blocks)
}
