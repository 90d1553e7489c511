import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { Application, FundSettings as FundRow } from '../../../db/schema'
import { decision } from '../../../templates/decision'
import type { FundSettings } from '../../../templates/common'
import { rejectionNotice } from '../../../templates/notice-rejection'
import { ineligibleNotice } from '../../../templates/notice-ineligible'
import { basisKindOf, legalBasesFor } from '../fund/legal-bases'
import { type FileStorage, getSection } from '../applications'
import { type DocumentModel, renderDocument } from '../documents/layout'
import { enqueueEmail } from '../notifications'
import { applicantRecipients } from '../workflow'
import { documentDownload, documentsQuery, type IssuedDocument, toIssuedDocument } from './documents'
import { takeNumber } from './register'
import { supplementationNoticeModel } from './sheets'
import { type Signing, signAndStore } from './signing'
import { getFundSettings } from '../fund'

// The official document that closes an application's road at the Fund: the decision approving its funding,
// or the notice that it was not approved. Staff preview it (unnumbered), then issue it: the register gives
// the number in the same transaction that stores the file and mails it to the applicant's people. Issuing
// twice gives the same document.

type Actor = { id: string; email: string }

/** The documents addressed to an applicant at a step of its road: the decision, the notice of not approving, the
 * request for supplementation (while the Fund's request for changes is open). */
export type OutcomeKind = 'decision' | 'notice' | 'supplementation' | 'ineligible'

/** Which document an application's status calls for, if any. */
export function outcomeKindOf(status: Application['status']): OutcomeKind | null {
  return status === 'approved' ? 'decision' : status === 'rejected' ? 'notice' : status === 'changes_requested' ? 'supplementation' : status === 'ineligible' ? 'ineligible' : null
}

/** The register type each document is numbered in. */
const REGISTER_TYPE: Record<OutcomeKind, 'decision' | 'notice'> = { decision: 'decision', notice: 'notice', supplementation: 'notice', ineligible: 'notice' }

/** The open request for changes an application's supplementation notice states. */
async function openRequest(db: DB, applicationId: string) {
  return db
    .selectFrom('application_messages')
    .select(['id', 'created_at'])
    .where('application_id', '=', applicationId)
    .where('kind', '=', 'change_request')
    .where('resolved_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

export function fundForDocuments(row: FundRow | undefined): FundSettings {
  return {
    parentBody: row?.parent_body_vi ?? 'UBND TỈNH ĐẮK LẮK',
    fundName: row?.name_vi ?? 'Quỹ Phát triển khoa học và công nghệ tỉnh Đắk Lắk',
    documentSymbol: row?.document_symbol || 'QKHCN',
    placeName: row?.place_name || 'Đắk Lắk',
    signerAuthority: row?.signer_authority ?? '',
    signerTitle: row?.signer_title || 'GIÁM ĐỐC',
    signerName: row?.signer_name ?? '',
    // A decision's bases come from legal_bases per kind (fund/legal-bases.ts), set by render().
    legalBases: [],
    recipients: row?.recipients ?? [],
  }
}

const TITLE: Record<OutcomeKind, string> = {
  decision: 'Quyết định phê duyệt tài trợ',
  notice: 'Thông báo không phê duyệt',
  supplementation: 'Thông báo bổ sung hồ sơ',
  ineligible: 'Thông báo hồ sơ không hợp lệ',
}

/**
 * The application's outcome document as a model: numbered (issued) or with the number left blank (preview).
 * `signer`: who signs it (their name and capacity in the signature block); default the fund settings' signer.
 */
async function outcomeModel(db: DB, app: Application, kind: OutcomeKind, number: number | null, date: Date, signer?: SignerLines): Promise<DocumentModel> {
  if (kind === 'supplementation') {
    const request = await openRequest(db, app.id)
    const file = request ? await supplementationNoticeModel(db, request.id, { number, signer }) : null
    if (!file) throw new Error(`no open request for changes on ${app.id}`)
    return file.model
  }
  const fundRow = await getFundSettings(db)
  const fund = withSigner(fundForDocuments(fundRow), signer)
  const call = await db.selectFrom('calls').select(['code', 'title_vi', 'modality']).where('id', '=', app.call_id).executeTakeFirstOrThrow()
  const organisation = await applicantName(db, app)
  const callTitle = `${call.title_vi} (${call.code})`
  if (kind === 'decision') {
    const team = (await getSection(db, app.id, 'team')).data as Record<string, string>
    const general = (await getSection(db, app.id, 'general')).data as Record<string, string>
    const amount = Number(app.approved_amount ?? app.requested_amount)
    const counterpart = Number(app.counterpart_amount)
    const lumpSum = app.lump_sum ?? (await councilLumpSum(db, app.id))
    const model = decision({
      fund: { ...fund, legalBases: await legalBasesFor(db, basisKindOf(call.modality)) },
      // 0 leaves the place of the number for the preview: the template pads it ("00"), so blank it below.
      number: number ?? 0,
      date,
      kind: call.modality,
      callTitle,
      proposedBy: 'Hội đồng tư vấn xét chọn nhiệm vụ và Trưởng phòng Quản lý khoa học',
      projects: [
        {
          organisation,
          title: app.title,
          amount,
          investigator: team.pi_name || undefined,
          months: Number(general.duration_months) || undefined,
          counterpart,
          totalCost: amount + counterpart,
          lumpSum: lumpSum ?? undefined,
          terms: app.funding_terms ?? {},
          conditions: (app.decision_conditions ?? '').split(/\r?\n/),
        },
      ],
      executors: 'Chánh Văn phòng Quỹ, Trưởng phòng Quản lý khoa học, Trưởng phòng Kế hoạch – Tài chính',
    })
    return number === null ? blankNumber(model) : model
  }
  // The two notices to the applicant name the same things; each adds its own (the submission, the basis) and reasons.
  const notice = { fund, number: number ?? 0, date, organisation, reference: app.reference ?? '', applicationTitle: app.title, callTitle }
  const model =
    kind === 'ineligible'
      ? ineligibleNotice({ ...notice, submittedAt: app.submitted_at ?? undefined, reasons: await latestReasons(db, app.id, 'ineligible') })
      : rejectionNotice({ ...notice, basis: 'kết quả xét chọn của Hội đồng tư vấn và quyết định của Giám đốc Quỹ', reasons: await latestReasons(db, app.id, 'rejected') })
  return number === null ? blankNumber(model) : model
}

/** The applicant's name as it stood when it submitted (the snapshot), else the organisation's name now. */
async function applicantName(db: DB, app: Application): Promise<string> {
  const snapshot = (app.organisation_snapshot ?? {}) as { name?: string }
  return snapshot.name ?? (await db.selectFrom('organisations').select('name').where('id', '=', app.organisation_id).executeTakeFirstOrThrow()).name
}

/** The reasons of the latest message of this kind (the screening's, the director's), one a line. */
async function latestReasons(db: DB, applicationId: string, kind: 'ineligible' | 'rejected'): Promise<string[]> {
  const row = await db.selectFrom('application_messages').select('body').where('application_id', '=', applicationId).where('kind', '=', kind).orderBy('id', 'desc').executeTakeFirst()
  return (row?.body ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
}

/** The signature block's lines of who signs: their name, capacity and a deputy's authority line. */
export interface SignerLines {
  name: string
  capacity: string
  authority: string
}

/** The fund settings with the signature block of the person who signs (unchanged without one). */
export function withSigner(fund: FundSettings, signer?: SignerLines): FundSettings {
  return signer ? { ...fund, signerName: signer.name, signerTitle: signer.capacity || fund.signerTitle, signerAuthority: signer.authority } : fund
}

/** The lump-sum method the appraisal team chose, else the council proposed, when the decision has none of its own. */
async function councilLumpSum(db: DB, applicationId: string): Promise<'full' | 'partial' | null> {
  const appraised = await db.selectFrom('appraisals').select('method').where('application_id', '=', applicationId).where('recorded_at', 'is not', null).executeTakeFirst()
  if (appraised?.method) return appraised.method
  const row = await db.selectFrom('council_conclusions').select('lump_sum').where('application_id', '=', applicationId).orderBy('concluded_at', 'desc').executeTakeFirst()
  return row?.lump_sum ?? null
}

/** A preview's number line reads "Số:      /QĐ-QKHCN": the register gives the number when it is issued. */
export function blankNumber<M>(model: M): M {
  return JSON.parse(JSON.stringify(model).replace(/Số: 00\//g, 'Số:      /')) as M
}

/** The outcome document as it would be issued now, without a number (nothing is recorded). */
export async function previewOutcome(db: DB, applicationId: string, now = new Date()): Promise<{ kind: OutcomeKind; pdf: Uint8Array } | null> {
  const app = await db.selectFrom('applications').selectAll().where('id', '=', applicationId).executeTakeFirst()
  const kind = app ? outcomeKindOf(app.status) : null
  if (!app || !kind) return null
  return { kind, pdf: await renderDocument(await outcomeModel(db, app, kind, null, now)) }
}

export type IssueResult = { ok: true; document: IssuedDocument; already: boolean } | { ok: false; reason: 'not_found' | 'no_outcome' | 'changed' }

/** What issuing would do now, for the staff to confirm: which document, for which application, mailed to whom. */
export interface OutcomeToIssue {
  kind: OutcomeKind
  reference: string | null
  title: string
  organisation: string
  /** The decision's amount (approved, else requested); null for a notice. */
  amount: number | null
  /** The applicant's people the document is mailed to (owners and editors with an active account). */
  recipients: { fullName: string; email: string }[]
}

/** The document the application's status calls for and not issued yet, with its addressees; null when none. */
export async function outcomeToIssue(db: DB, applicationId: string): Promise<OutcomeToIssue | null> {
  const app = await db.selectFrom('applications').selectAll().where('id', '=', applicationId).executeTakeFirst()
  const kind = app ? await pendingOutcome(db, app) : null
  if (!app || !kind) return null
  const organisation = await applicantName(db, app)
  const recipients = (await applicantRecipients(db, app.organisation_id)).map((p) => ({ fullName: p.fullName, email: p.email }))
  return { kind, reference: app.reference, title: app.title, organisation, amount: kind === 'decision' ? Number(app.approved_amount ?? app.requested_amount) : null, recipients }
}

export interface IssueOutcomeInput {
  applicationId: string
  actor: Actor
  ip?: string | null
  now?: Date
  /** the kind the signer confirmed */
  kind?: OutcomeKind
  /** who signs and the Fund's seal (signing.ts): an issued document is always signed */
  signing: Signing
}

/**
 * Issues the application's outcome document: takes the next number of the year, renders the PDF with it and the
 * signer's block, signs it (the signer, then the Fund), stores it, records it and mails it to the applicant's
 * owners and editors — all in the caller's transaction: a failed signing takes no number. Idempotent.
 */
export async function issueOutcomeIn(trx: DB, storage: FileStorage, input: IssueOutcomeInput): Promise<IssueResult> {
  const now = input.now ?? new Date()
  const app = await trx.selectFrom('applications').selectAll().where('id', '=', input.applicationId).forUpdate().executeTakeFirst()
  if (!app) return { ok: false, reason: 'not_found' }
  const kind = outcomeKindOf(app.status)
  if (!kind) return { ok: false, reason: 'no_outcome' }
  // The status moved on between the confirmation and now: the confirmed document is not the one due.
  if (input.kind && input.kind !== kind) return { ok: false, reason: 'changed' }
  const existing = await issuedFor(trx, app.id, kind)
  if (existing) return { ok: true, document: existing, already: true }

  const register = await takeNumber(trx, {
    type: REGISTER_TYPE[kind],
    title: `${TITLE[kind]}: ${app.title}`,
    subjectType: 'application',
    subjectId: app.id,
    actor: input.actor,
    now,
    ip: input.ip,
  })
  const { party } = input.signing
  const model = await outcomeModel(trx, app, kind, register.number, now, { name: party.user.fullName, capacity: party.capacity, authority: party.authority })
  const { document, pdf } = await signAndStore(trx, storage, { register, kind, model, applicationId: app.id, callId: app.call_id, actor: input.actor, now, signing: input.signing })
  const people = await applicantRecipients(trx, app.organisation_id)
  for (const p of people) {
    await enqueueEmail(trx, {
      template: 'document_issued',
      to: { address: p.email, name: p.fullName },
      lang: p.lang,
      data: { name: p.fullName, kind, symbol: register.symbol, reference: app.reference ?? '', applicationTitle: app.title, link: `${input.signing.appUrl}/applications/${app.id}#documents` },
      attachments: [{ filename: document.filename, contentType: 'application/pdf', content: pdf }],
    })
  }
  return { ok: true, already: false, document }
}

/** issueOutcomeIn in a transaction of its own (the bulk job issues one application at a time). */
export async function issueOutcome(db: DB, storage: FileStorage, input: IssueOutcomeInput): Promise<IssueResult> {
  return db.transaction().execute((trx) => issueOutcomeIn(trx, storage, input))
}

/** The document already issued for this step: one per outcome, one supplementation notice per request for changes. */
async function issuedFor(db: DB, applicationId: string, kind: OutcomeKind, documents?: IssuedDocument[]): Promise<IssuedDocument | undefined> {
  const since = kind === 'supplementation' ? (await openRequest(db, applicationId))?.created_at : undefined
  return (documents ?? (await listDocuments(db, applicationId))).find((d) => d.kind === kind && d.state !== 'cancelled' && (!since || d.createdAt >= since))
}

/**
 * The document the application's status calls for and that is not issued yet, if any (what staff may issue now).
 * `documents`: the application's documents when the caller has listed them already.
 */
export async function pendingOutcome(db: DB, application: Pick<Application, 'id' | 'status'>, documents?: IssuedDocument[]): Promise<OutcomeKind | null> {
  const kind = outcomeKindOf(application.status)
  return kind && !(await issuedFor(db, application.id, kind, documents)) ? kind : null
}

export interface DocumentToIssue {
  applicationId: string
  reference: string | null
  title: string
  organisation: string
  kind: 'decision' | 'notice' | 'ineligible'
  /** When the director decided (the status changed). */
  decidedAt: Date | null
  /** Sent for signature: it waits for the director. */
  waitingSignature: boolean
}

/**
 * Every decided application whose outcome document is not issued yet, oldest decision first: the decision for
 * an approved one, the notice for a rejected one (as pendingOutcome judges one application; a cancelled number
 * does not count).
 */
export async function listDocumentsToIssue(db: DB): Promise<DocumentToIssue[]> {
  const rows = await db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.reference', 'a.title', 'o.name', 'a.status', 'a.status_changed_at'])
    .select((eb) => eb.exists(eb.selectFrom('signature_requests as s').select('s.id').whereRef('s.application_id', '=', 'a.id').where('s.state', '=', 'pending')).as('waiting_signature'))
    .where('a.status', 'in', ['approved', 'rejected', 'ineligible'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('documents as d')
            .leftJoin('document_register as r', 'r.id', 'd.register_id')
            .select('d.id')
            .whereRef('d.application_id', '=', 'a.id')
            .where(sql<boolean>`d.kind = CASE a.status WHEN 'approved' THEN 'decision' WHEN 'ineligible' THEN 'ineligible' ELSE 'notice' END`)
            .where((w) => w.or([w('r.state', 'is', null), w('r.state', '<>', 'cancelled')])),
        ),
      ),
    )
    .orderBy('a.status_changed_at', (ob) => ob.asc().nullsLast())
    .orderBy('a.reference')
    .execute()
  return rows.map((r) => ({
    applicationId: r.id,
    reference: r.reference,
    title: r.title,
    organisation: r.name,
    kind: r.status === 'approved' ? 'decision' : r.status === 'ineligible' ? 'ineligible' : 'notice',
    decidedAt: r.status_changed_at,
    waitingSignature: !!r.waiting_signature,
  }))
}

/** The documents issued for an application, newest first. */
export async function listDocuments(db: DB, applicationId: string): Promise<IssuedDocument[]> {
  const rows = await documentsQuery(db).where('d.application_id', '=', applicationId).orderBy('d.created_at', 'desc').execute()
  return rows.map(toIssuedDocument)
}

/** One issued document of an application, to download (the caller checked who may). */
export async function getDocumentForDownload(db: DB, storage: FileStorage, applicationId: string, documentId: string) {
  const row = await db.selectFrom('documents').select(['size_bytes', 'filename', 'storage_key']).where('id', '=', documentId).where('application_id', '=', applicationId).executeTakeFirst()
  return row ? documentDownload(storage, row) : null
}
