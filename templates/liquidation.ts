// Biên bản thanh lý hợp đồng (issue 12): the final figures of a funded task's contract — the Fund's amount, what
// was paid, the spending accepted in the settlement, and on failure the amount to recover with how it was
// computed. In the shared frame of common.ts.
import type { Block, DocumentModel } from '../app/modules/documents/layout'
import { body, type DocDate, document, documentNumber, type FundSettings, heading, money, section, signature, title } from './common'

export interface LiquidationInput {
  fund: FundSettings
  number: number
  date: DocDate
  reference: string
  taskTitle: string
  organisation: string
  contractSignedOn: string
  outcome: 'completed' | 'failed'
  fundAmount: number
  paid: number
  spentAccepted: number
  /** On failure: the cause, the shares applied and the amount to recover. */
  recovery: { cause: 'objective' | 'subjective'; unused: number; unusedPct: string; spentPct: string; amount: number } | null
  note: string
}

export function liquidationRecord(input: LiquidationInput): DocumentModel {
  const { fund } = input
  const number = documentNumber(input.number, 'BB', fund.documentSymbol)
  const r = input.recovery
  const blocks: Block[] = [
    ...heading(fund, number, input.date),
    ...title('Biên bản', `Thanh lý hợp đồng thực hiện nhiệm vụ ${input.reference}`),
    body(`Nhiệm vụ: “${input.taskTitle}”, tổ chức chủ trì: ${input.organisation}; hợp đồng ký ngày ${input.contractSignedOn}.`),
    body(
      input.outcome === 'completed'
        ? 'Nhiệm vụ đã được Hội đồng nghiệm thu đánh giá đạt yêu cầu.'
        : `Nhiệm vụ không hoàn thành (đánh giá không đạt), do nguyên nhân ${r?.cause === 'subjective' ? 'chủ quan' : 'khách quan'}.`,
    ),
    section('Kinh phí'),
    body(`Kinh phí Quỹ hỗ trợ theo hợp đồng: ${money(input.fundAmount)}.`),
    body(`Kinh phí Quỹ đã cấp: ${money(input.paid)}.`),
    body(`Kinh phí quyết toán được chấp nhận: ${money(input.spentAccepted)}.`),
    ...(r
      ? [
          body(`Kinh phí đã cấp chưa sử dụng: ${money(r.unused)}, thu hồi ${r.unusedPct}%.`),
          body(`Kinh phí đã sử dụng: thu hồi ${r.spentPct}%.`),
          body(`Số tiền tổ chức chủ trì phải hoàn trả Quỹ: ${money(r.amount)}.`, { keepWithNext: true }),
        ]
      : []),
    ...(input.note ? [body(input.note)] : []),
    body('Hai bên thống nhất thanh lý hợp đồng theo các số liệu trên./.', { keepWithNext: true }),
    signature(fund, null),
  ]
  return document(fund, `Biên bản số ${number}`, blocks)
}
