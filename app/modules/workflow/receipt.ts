import type { DB } from '../../../db'
import { isLang, translator } from '../../i18n'
import { renderReceipt, type ReceiptInput } from '../documents'
import { formatTaxCode } from '../organisations/identifiers'
import { getFundSettings } from '../fund'

// The receipt of a dossier (giấy biên nhận hồ sơ), drawn from what the submission committed: its reference and
// time, the organisation as frozen at submission, the call, the amounts and the documents with their size and
// sha256. The confirmation mail names it as an attachment to generate (`SUBMISSION_RECEIPT`); the outbox worker
// draws it after the commit, so submitting does not hold the year's reference counter while a PDF is drawn.

export const SUBMISSION_RECEIPT = 'submission_receipt'

/** The receipt PDF of a submitted application, in the submitter's language; `draw` may be another thread's (ADR 028). */
export async function submissionReceipt(db: DB, params: Record<string, string>, draw: (input: ReceiptInput) => Promise<Uint8Array> = renderReceipt): Promise<Uint8Array> {
  const lang = isLang(params.lang) ? params.lang : 'vi'
  const app = await db.selectFrom('applications').selectAll().where('id', '=', params.applicationId).executeTakeFirst()
  if (!app?.reference || !app.submitted_at) throw new Error(`application ${params.applicationId} has no submission to give a receipt for`)
  const call = await db.selectFrom('calls').select(['code', 'title_vi', 'title_en']).where('id', '=', app.call_id).executeTakeFirstOrThrow()
  const fund = await getFundSettings(db)
  const org = (app.organisation_snapshot ?? {}) as { name?: string; identifier?: string; identifier_kind?: string }
  const documents = await db
    .selectFrom('attachments as a')
    .innerJoin('call_documents as d', 'd.id', 'a.call_document_id')
    .select(['d.name_vi', 'd.name_en', 'a.filename', 'a.size_bytes', 'a.sha256'])
    .where('a.application_id', '=', app.id)
    .orderBy('d.position')
    .orderBy('d.id')
    .execute()
  const t = translator(lang)
  return draw({
    lang,
    fundName: fund ? (lang === 'en' ? fund.name_en : fund.name_vi) : t('fund.name'),
    parentBody: fund ? (lang === 'en' ? fund.parent_body_en : fund.parent_body_vi) : t('fund.parent'),
    reference: app.reference,
    submittedAt: app.submitted_at,
    callCode: call.code,
    callTitle: lang === 'en' && call.title_en ? call.title_en : call.title_vi,
    organisationName: org.name ?? '',
    organisationIdentifier: org.identifier_kind === 'tax_code' && org.identifier ? formatTaxCode(org.identifier) : (org.identifier ?? ''),
    applicationTitle: app.title,
    requestedAmount: Number(app.requested_amount),
    counterpartAmount: Number(app.counterpart_amount),
    documents: documents.map((d) => ({
      name: lang === 'en' && d.name_en ? d.name_en : d.name_vi,
      filename: d.filename,
      sizeBytes: Number(d.size_bytes),
      sha256: d.sha256,
    })),
  })
}

/** The attachments the workflow's mails leave to the outbox worker, by kind (given to startOutboxWorker), drawing
 * the PDFs with `draw`: the server's receipt thread (ADR 028), or `renderReceipt` on the calling thread. */
export function mailAttachmentRenderers(draw: (input: ReceiptInput) => Promise<Uint8Array>) {
  return { [SUBMISSION_RECEIPT]: (db: DB, params: Record<string, string>) => submissionReceipt(db, params, draw) } as const
}

/** The same, drawn on the calling thread (tests, benchmarks, the embedded start). */
export const MAIL_ATTACHMENT_RENDERERS = mailAttachmentRenderers(renderReceipt)
