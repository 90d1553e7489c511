import type { DB } from '../../../db'
import type { Application } from '../../../db/schema'
import { amendment, contract as contractTemplate, type ContractParty } from '../../../templates/contract'
import type { FileStorage } from '../applications'
import { recordAudit } from '../audit'
import type { IssuedDocument } from '../decisions/documents'
import { fundForDocuments, type SignerLines, withSigner } from '../decisions/issue'
import { takeNumber } from '../decisions/register'
import { type Signing, signAndStore } from '../decisions/signing'
import { type DocumentModel, renderDocument } from '../documents/layout'
import { basisKindOf, legalBasesFor } from '../fund/legal-bases'
import { getFundSettings } from '../fund'
import { enqueueEmail } from '../notifications'
import { applicantRecipients } from '../workflow'
import { amountsByYear, termsOf } from './draft'
import { type Contract, contractById, contractOf } from './read'

// The contract and its amendments as documents (ADR 018): drawn from the contract's rows, previewed unnumbered,
// and, when the Fund signs (decisions/requests.ts hands the request here), numbered in the register ("HĐ",
// "PLHĐ"), signed by the signer and the Fund, stored with the contract, the contract marked signed, and mailed to
// the grantee with the PDF — in the signing transaction.

const CIVIL_CODE = 'Căn cứ Bộ luật Dân sự ngày 24 tháng 11 năm 2015'

async function grantee(db: DB, app: Pick<Application, 'organisation_id' | 'organisation_snapshot'>): Promise<ContractParty> {
  const org = await db.selectFrom('organisations').select(['name', 'address_line', 'identifier', 'legal_rep_name', 'legal_rep_title', 'phone', 'email']).where('id', '=', app.organisation_id).executeTakeFirstOrThrow()
  return { name: org.name, address: org.address_line, identifier: org.identifier, representative: org.legal_rep_name, position: org.legal_rep_title, phone: org.phone, email: org.email }
}

/** The decision that approved the application: its number and date, as the contract cites it. */
async function approvingDecision(db: DB, applicationId: string): Promise<{ symbol: string; date: Date } | null> {
  const row = await db
    .selectFrom('documents as d')
    .innerJoin('document_register as r', 'r.id', 'd.register_id')
    .select(['r.symbol', 'r.issued_at'])
    .where('d.application_id', '=', applicationId)
    .where('d.kind', '=', 'decision')
    .where('r.state', '!=', 'cancelled')
    .orderBy('r.issued_at', 'desc')
    .executeTakeFirst()
  return row ? { symbol: row.symbol, date: row.issued_at } : null
}

/** The contract as a document model: numbered when issued, with the number's place blank in a preview. */
export async function contractModel(db: DB, c: Contract, number: number | null, date: Date, signer?: SignerLines): Promise<DocumentModel> {
  const app = await db.selectFrom('applications').selectAll().where('id', '=', c.applicationId).executeTakeFirstOrThrow()
  const fundRow = await getFundSettings(db)
  const fund = { ...withSigner(fundForDocuments(fundRow), signer), address: fundRow?.address ?? '', phone: fundRow?.phone ?? '' }
  const accepted = await db.selectFrom('contracts').select(['accepted_at', 'accepted_name', 'accepted_position']).where('id', '=', c.id).executeTakeFirstOrThrow()
  const terms = termsOf(c)
  const party = await grantee(db, app)
  return contractTemplate({
    fund,
    number,
    date,
    modality: c.modality,
    legalBases: [CIVIL_CODE, ...(await legalBasesFor(db, basisKindOf(c.modality)))],
    decision: await approvingDecision(db, app.id),
    grantee: accepted.accepted_position ? { ...party, position: accepted.accepted_position } : party,
    task: { title: app.title, reference: app.reference ?? '', investigator: terms.investigator, objectives: terms.objectives, products: terms.products, quality: terms.quality },
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    fundAmount: c.fundAmount,
    counterpartAmount: c.counterpartAmount,
    lumpSum: c.lumpSum,
    byYear: amountsByYear(c),
    tranches: c.tranches,
    reportEveryMonths: c.reportEveryMonths,
    terms: app.funding_terms ?? {},
    acceptance: accepted.accepted_at ? { name: accepted.accepted_name ?? '', position: accepted.accepted_position ?? '', at: accepted.accepted_at } : null,
  })
}

/** The contract as it would be signed now, unnumbered (the office's and the grantee's preview, the signer's). */
export async function previewContract(db: DB, applicationId: string, now = new Date()): Promise<Uint8Array | null> {
  const c = await contractOf(db, applicationId)
  return c ? renderDocument(await contractModel(db, c, null, now)) : null
}

/** Whether the contract waits for the Fund's signature: proposed and accepted by the grantee, not signed. */
export async function contractAwaitsSignature(db: DB, applicationId: string): Promise<boolean> {
  const c = await db.selectFrom('contracts').select(['status', 'accepted_at']).where('application_id', '=', applicationId).executeTakeFirst()
  return c?.status === 'proposed' && !!c.accepted_at
}

export type IssueContractResult = { ok: true; document: IssuedDocument; already: boolean } | { ok: false; reason: 'not_found' | 'changed' }

async function mailGrantee(trx: DB, input: { app: Pick<Application, 'id' | 'organisation_id' | 'reference' | 'title'>; kind: 'contract' | 'amendment' | 'change_decision'; document: IssuedDocument; pdf: Uint8Array; appUrl: string }) {
  for (const p of await applicantRecipients(trx, input.app.organisation_id)) {
    await enqueueEmail(trx, {
      template: 'contract_document_issued',
      to: { address: p.email, name: p.fullName },
      lang: p.lang,
      data: { name: p.fullName, kind: input.kind, symbol: input.document.symbol ?? '', reference: input.app.reference ?? '', applicationTitle: input.app.title, link: `${input.appUrl}/tasks/${input.app.id}#documents` },
      attachments: [{ filename: input.document.filename, contentType: 'application/pdf', content: input.pdf }],
    })
  }
}

/**
 * The Fund signs the contract (decisions/requests.ts calls this in the signing transaction): the register's
 * number, the document drawn with the signer's block and the grantee's acceptance, signed, stored with the
 * contract; the contract is signed and the grantee's people get the PDF. A contract no longer waiting (taken back
 * to draft) answers 'changed'.
 */
export async function issueContractIn(trx: DB, storage: FileStorage, input: { applicationId: string; actor: { id: string; email: string }; ip?: string | null; now: Date; signing: Signing }): Promise<IssueContractResult> {
  const row = await trx.selectFrom('contracts').select(['id', 'status', 'accepted_at']).where('application_id', '=', input.applicationId).forUpdate().executeTakeFirst()
  if (!row) return { ok: false, reason: 'not_found' }
  if (row.status !== 'proposed' || !row.accepted_at) return { ok: false, reason: 'changed' }
  const app = await trx.selectFrom('applications').selectAll().where('id', '=', input.applicationId).executeTakeFirstOrThrow()
  const c = (await contractById(trx, row.id))!
  const register = await takeNumber(trx, { type: 'contract', title: `Hợp đồng: ${app.title}`, subjectType: 'application', subjectId: app.id, actor: input.actor, now: input.now, ip: input.ip })
  const { party } = input.signing
  const model = await contractModel(trx, c, register.number, input.now, { name: party.user.fullName, capacity: party.capacity, authority: party.authority })
  const { document, pdf } = await signAndStore(trx, storage, { register, kind: 'contract', model, applicationId: app.id, callId: app.call_id, actor: input.actor, now: input.now, signing: input.signing })
  await trx.updateTable('documents').set({ contract_id: c.id }).where('id', '=', document.id).execute()
  await trx.updateTable('contracts').set({ status: 'signed', signed_at: input.now, document_id: document.id, updated_at: input.now }).where('id', '=', c.id).execute()
  await recordAudit(trx, { action: 'contract.signed', actor: input.actor, subjectType: 'application', subjectId: app.id, ip: input.ip, details: { contract: c.id, symbol: register.symbol } })
  await mailGrantee(trx, { app, kind: 'contract', document, pdf, appUrl: input.signing.appUrl })
  return { ok: true, document, already: false }
}

export { amendment, mailGrantee }
