// The notice to an applicant about its dossier (thông báo): the rejection, the ineligible dossier and the request
// for supplementation are all drawn the same way — the heading with the notice's number, "Thông báo" and its
// subject, an opening paragraph, the numbered points, a closing paragraph, and the signature with the applicant
// as the first recipient. Only the words differ; they are each template's own.
import type { Block, DocumentModel } from '../app/modules/documents/layout'
import { body, type DocDate, document, documentNumber, type FundSettings, heading, keepLast, numbered, signature, title } from './common'

/** What every notice to an applicant names. */
export interface ApplicantNoticeInput {
  fund: FundSettings
  number: number
  date: DocDate
  /** The applicant organisation: the notice's first recipient. */
  organisation: string
  reference: string
  applicationTitle: string
  /** Who receives it; default the applicant and the fund's recipients (not "Như Điều …", which is a decision's). */
  recipients?: string[]
}

/** A notice's own words: its subject, the paragraph before the numbered points, the points, the paragraph after. */
export interface NoticeText {
  subject: string
  opening: string
  points: string[]
  closing: string
}

export function applicantNotice(input: ApplicantNoticeInput, text: NoticeText): DocumentModel {
  const { fund } = input
  const number = documentNumber(input.number, 'TB', fund.documentSymbol)
  const blocks: Block[] = [...heading(fund, number, input.date), ...title('Thông báo', text.subject), body(text.opening), ...numbered(text.points), body(text.closing, { before: 3 })]
  keepLast(blocks)
  blocks.push(signature(fund, input.recipients ?? [input.organisation, ...fund.recipients.filter((r) => !/^Như Điều/i.test(r))]))
  return document(fund, `Thông báo số ${number}`, blocks)
}
