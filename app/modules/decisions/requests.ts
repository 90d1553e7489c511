import type { DB } from '../../../db'
import type { ApplicationStatus, Role, SignatureRequestKind, SignatureRequestState } from '../../../db/schema'
import { recordAudit } from '../audit'
import type { FileStorage } from '../applications'
import { renderDocument } from '../documents/layout'
import { enqueueEmail } from '../notifications'
import { appraisalMinutesDue, issueAppraisalMinutesIn, previewAppraisalMinutes } from '../appraisal/issue'
import { issueOpeningRecordIn, openingRecordState, previewOpeningRecord } from '../screening/opening'
import { amendmentDue, changeDecisionDue, contractAwaitsSignature, issueAmendmentIn, issueChangeDecisionIn, issueContractIn, previewAmendment, previewChangeDecision, previewContract } from '../contracts'
import { issueOutcomeIn, pendingOutcome, previewOutcome } from './issue'
import { issuedMinutes, issueMinutesIn } from './minutes'
import { minutesModel, presidingOf } from './sheets'
import type { FundSeal, SigningParty } from './signing'
import type { IssuedDocument } from './documents'
import { issueLiquidationIn, liquidationDue, previewLiquidation } from '../payments/liquidation'
import { acceptanceMinutesModel, issueAcceptanceMinutesIn, issuedAcceptanceMinutes, presidingAcceptanceMember } from '../acceptance/minutes'

// Who signs what (ADR 017). The office prepares a document and sends it for signature; the person with
// authority reads it in the portal and signs it there: the director (or a deputy) the decisions, notices, the
// cost-appraisal minutes and the dossier-opening record, the member presiding the council its minutes. Only when they sign is the number taken, the file signed, stored and
// mailed, all in one transaction. One open request per document to be; the office can withdraw it.

type Actor = { id: string; email: string }

export interface SignatureRequestView {
  id: string
  kind: SignatureRequestKind
  title: string
  applicationId: string | null
  councilId: string | null
  /** The call: the subject of an opening record, the context of the others. */
  callId: string | null
  /** The change or amendment the request is for, when it is for one. */
  subjectId: string | null
  signerId: string | null
  signerName: string | null
  state: SignatureRequestState
  preparedBy: string | null
  preparedAt: Date
  closedAt: Date | null
  documentId: string | null
}

const requests = (db: DB) =>
  db
    .selectFrom('signature_requests as s')
    .leftJoin('users as p', 'p.id', 's.prepared_by')
    .leftJoin('users as g', 'g.id', 's.signer_id')
    .select([
      's.id',
      's.kind',
      's.title',
      's.application_id',
      's.council_id',
      's.call_id',
      's.subject_id',
      's.signer_id',
      'g.full_name as signer_name',
      's.state',
      'p.full_name as prepared_by',
      's.prepared_at',
      's.closed_at',
      's.document_id',
    ])

type Row = Awaited<ReturnType<ReturnType<typeof requests>['executeTakeFirstOrThrow']>>
const toView = (r: Row): SignatureRequestView => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  applicationId: r.application_id,
  councilId: r.council_id,
  callId: r.call_id,
  subjectId: r.subject_id,
  signerId: r.signer_id,
  signerName: r.signer_name,
  state: r.state,
  preparedBy: r.prepared_by,
  preparedAt: r.prepared_at,
  closedAt: r.closed_at,
  documentId: r.document_id,
})

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether this person may sign this request: the one it names, or any director when it names nobody. */
export function maySign(user: { id: string; roles: readonly Role[] }, request: Pick<SignatureRequestView, 'signerId'>): boolean {
  return request.signerId ? request.signerId === user.id : user.roles.includes('director')
}

/** One request, or null. */
export async function getSignatureRequest(db: DB, id: string): Promise<SignatureRequestView | null> {
  if (!UUID.test(id)) return null
  const row = await requests(db).where('s.id', '=', id).executeTakeFirst()
  return row ? toView(row) : null
}

/** The requests waiting for this person's signature, oldest first. */
export async function requestsToSign(db: DB, user: { id: string; roles: readonly Role[] }): Promise<SignatureRequestView[]> {
  const director = user.roles.includes('director')
  const rows = await requests(db)
    .where('s.state', '=', 'pending')
    .where((eb) => (director ? eb.or([eb('s.signer_id', '=', user.id), eb('s.signer_id', 'is', null)]) : eb('s.signer_id', '=', user.id)))
    .orderBy('s.prepared_at')
    .execute()
  return rows.map(toView)
}

/** What a request is about: an application, a council, or (an opening record) a call. */
export type SignatureSubject = { applicationId: string } | { councilId: string } | { callId: string } | { subjectId: string }

/** The open request for an application's, a council's or a call's document (of this kind, if given), if one waits. */
export async function openSignatureRequest(db: DB, subject: SignatureSubject, kind?: SignatureRequestKind): Promise<SignatureRequestView | null> {
  let q = requests(db).where('s.state', '=', 'pending')
  if (kind) q = q.where('s.kind', '=', kind)
  if ('subjectId' in subject) q = q.where('s.subject_id', '=', subject.subjectId)
  else if ('applicationId' in subject) q = q.where('s.application_id', '=', subject.applicationId).where('s.subject_id', 'is', null)
  else if ('councilId' in subject) q = q.where('s.council_id', '=', subject.councilId)
  else q = q.where('s.kind', '=', 'opening_record').where('s.call_id', '=', subject.callId)
  const row = await q.executeTakeFirst()
  return row ? toView(row) : null
}

/** The audit's subject of a request row. */
const auditSubject = (r: { application_id: string | null; council_id: string | null; call_id: string | null }) =>
  r.application_id ? { subjectType: 'application', subjectId: r.application_id } : r.council_id ? { subjectType: 'council', subjectId: r.council_id } : { subjectType: 'call', subjectId: r.call_id ?? undefined }

export type RequestResult = { ok: true; request: SignatureRequestView; already: boolean } | { ok: false; reason: 'not_found' | 'not_due' | 'no_signer' }

const TITLE: Record<SignatureRequestKind, string> = {
  decision: 'Quyết định phê duyệt',
  notice: 'Thông báo không phê duyệt',
  ineligible: 'Thông báo hồ sơ không hợp lệ',
  supplementation: 'Thông báo bổ sung hồ sơ',
  minutes: 'Biên bản họp',
  appraisal_minutes: 'Biên bản thẩm định kinh phí',
  opening_record: 'Biên bản mở hồ sơ',
  liquidation: 'Biên bản thanh lý hợp đồng',
  acceptance_minutes: 'Biên bản họp Hội đồng nghiệm thu',
  contract: 'Hợp đồng thực hiện nhiệm vụ',
  amendment: 'Phụ lục hợp đồng',
  change_decision: 'Quyết định điều chỉnh nhiệm vụ',
}

/** What a new request is about, with its title and who must sign (null: any director). */
interface Subject {
  application_id: string | null
  council_id: string | null
  call_id: string
  /** The change or amendment a request is for (several may wait for one application). */
  subject_id: string | null
  title: string
  signer_id: string | null
}
type Refusal = { refuse: 'not_found' | 'not_due' | 'no_signer' }
type By = { actor: Actor; ip?: string | null; now: Date; signing: { party: SigningParty; fund: FundSeal; appUrl: string } }
type RequestRow = { application_id: string | null; council_id: string | null; call_id: string | null; subject_id: string | null; prepared_at: Date }
type Issued = { ok: true; document: IssuedDocument; already: boolean } | { ok: false; reason: string }

/**
 * One kind of document signed through a request: what names its subject, when it is due, its preview for the
 * signer, and its issuing in the signing transaction (numbered, drawn with the signer's block, signed, stored,
 * mailed). Each module provides its own functions; this table is the one place they meet.
 */
interface Issuer {
  /** Which id of the request's input names the subject. */
  by: 'applicationId' | 'councilId' | 'callId' | 'subjectId'
  due(trx: DB, id: string, now?: Date): Promise<Subject | Refusal>
  preview(db: DB, request: SignatureRequestView): Promise<Uint8Array | null>
  issue(trx: DB, storage: FileStorage, request: RequestRow, by: By): Promise<Issued>
}

const refuse = (reason: Refusal['refuse']): Refusal => ({ refuse: reason })

/** An application's document signed by the director or a deputy, due when `isDue` says so. */
function applicationDocument(
  kind: SignatureRequestKind,
  isDue: (trx: DB, app: { id: string; status: ApplicationStatus; call_id: string }) => Promise<boolean>,
  preview: (db: DB, applicationId: string, request: SignatureRequestView) => Promise<Uint8Array | null>,
  issue: (trx: DB, storage: FileStorage, applicationId: string, by: By) => Promise<Issued>,
): Issuer {
  return {
    by: 'applicationId',
    async due(trx, applicationId) {
      const app = await trx.selectFrom('applications').select(['id', 'status', 'title', 'reference', 'call_id']).where('id', '=', applicationId).forUpdate().executeTakeFirst()
      if (!app) return refuse('not_found')
      if (!(await isDue(trx, app))) return refuse('not_due')
      return { application_id: app.id, council_id: null, call_id: app.call_id, subject_id: null, title: `${TITLE[kind]}: ${app.reference ? `${app.reference} – ` : ''}${app.title}`, signer_id: null }
    },
    preview: (db, request) => (request.applicationId ? preview(db, request.applicationId, request) : Promise.resolve(null)),
    issue: (trx, storage, request, by) => issue(trx, storage, request.application_id!, by),
  }
}

/** A decision, notice or supplementation request of an application's outcome (issue.ts). */
const outcome = (kind: 'decision' | 'notice' | 'ineligible' | 'supplementation'): Issuer =>
  applicationDocument(
    kind,
    async (trx, app) => (await pendingOutcome(trx, app)) === kind,
    async (db, applicationId) => {
      const preview = await previewOutcome(db, applicationId)
      return preview && preview.kind === kind ? preview.pdf : null
    },
    (trx, storage, applicationId, by) => issueOutcomeIn(trx, storage, { applicationId, kind, ...by }),
  )

const ISSUERS: Record<SignatureRequestKind, Issuer | null> = {
  decision: outcome('decision'),
  notice: outcome('notice'),
  ineligible: outcome('ineligible'),
  supplementation: outcome('supplementation'),
  // A concluded council's minutes, signed by the member who presided.
  minutes: {
    by: 'councilId',
    async due(trx, councilId) {
      const council = await trx.selectFrom('councils').select(['id', 'name_vi', 'status', 'call_id']).where('id', '=', councilId).forUpdate().executeTakeFirst()
      if (!council) return refuse('not_found')
      if (council.status !== 'concluded' || (await issuedMinutes(trx, council.id))) return refuse('not_due')
      const presiding = await presidingMember(trx, council.id)
      if (!presiding) return refuse('no_signer')
      return { application_id: null, council_id: council.id, call_id: council.call_id, subject_id: null, title: `${TITLE.minutes} ${council.name_vi}`, signer_id: presiding }
    },
    async preview(db, request) {
      const drawn = request.councilId ? await minutesModel(db, request.councilId) : null
      return drawn ? renderDocument(drawn.model) : null
    },
    issue: (trx, storage, request, by) => issueMinutesIn(trx, storage, { councilId: request.council_id!, ...by }),
  },
  // A closed call's dossier-opening record, signed by the director.
  opening_record: {
    by: 'callId',
    async due(trx, callId, now) {
      const call = await trx.selectFrom('calls').select(['id', 'code', 'title_vi']).where('id', '=', callId).forUpdate().executeTakeFirst()
      if (!call) return refuse('not_found')
      if ((await openingRecordState(trx, call.id, now)) !== 'due') return refuse('not_due')
      return { application_id: null, council_id: null, call_id: call.id, subject_id: null, title: `${TITLE.opening_record} đợt ${call.code} – ${call.title_vi}`, signer_id: null }
    },
    preview: (db, request) => (request.callId ? previewOpeningRecord(db, request.callId, new Date(), request.preparedAt) : Promise.resolve(null)),
    issue: (trx, storage, request, by) => issueOpeningRecordIn(trx, storage, { callId: request.call_id!, openedAt: request.prepared_at, ...by }),
  },
  appraisal_minutes: applicationDocument(
    'appraisal_minutes',
    (trx, app) => appraisalMinutesDue(trx, app.id),
    (db, applicationId) => previewAppraisalMinutes(db, applicationId),
    (trx, storage, applicationId, by) => issueAppraisalMinutesIn(trx, storage, { applicationId, ...by }),
  ),
  liquidation: applicationDocument(
    'liquidation',
    (trx, app) => liquidationDue(trx, app.id),
    (db, applicationId) => previewLiquidation(db, applicationId),
    (trx, storage, applicationId, by) => issueLiquidationIn(trx, storage, { applicationId, ...by }),
  ),
  contract: applicationDocument(
    'contract',
    (trx, app) => contractAwaitsSignature(trx, app.id),
    (db, applicationId) => previewContract(db, applicationId),
    (trx, storage, applicationId, by) => issueContractIn(trx, storage, { applicationId, ...by }),
  ),
  // The acceptance council's minutes (ADR 021): signed by the member who presided, once it has concluded.
  acceptance_minutes: {
    by: 'applicationId',
    async due(trx, applicationId) {
      const app = await trx.selectFrom('applications').select(['id', 'title', 'reference', 'call_id']).where('id', '=', applicationId).forUpdate().executeTakeFirst()
      if (!app) return refuse('not_found')
      const council = await trx.selectFrom('acceptance_councils').select('status').where('application_id', '=', app.id).executeTakeFirst()
      if (council?.status !== 'concluded' || (await issuedAcceptanceMinutes(trx, app.id))) return refuse('not_due')
      const presiding = await presidingAcceptanceMember(trx, app.id)
      if (!presiding) return refuse('no_signer')
      return { application_id: app.id, council_id: null, call_id: app.call_id, subject_id: null, title: `${TITLE.acceptance_minutes}: ${app.reference ? `${app.reference} – ` : ''}${app.title}`, signer_id: presiding.userId }
    },
    async preview(db, request) {
      const model = request.applicationId ? await acceptanceMinutesModel(db, request.applicationId) : null
      return model ? renderDocument(model) : null
    },
    issue: (trx, storage, request, by) => issueAcceptanceMinutesIn(trx, storage, { applicationId: request.application_id!, ...by }),
  },
  // The director's answer to a change the grantee asked for, and the amendment an approved one becomes (ADR 025):
  // named by the change's or the amendment's id, the application set for context.
  change_decision: {
    by: 'subjectId',
    async due(trx, changeId) {
      const d = await changeDecisionDue(trx, changeId)
      if (!d) return refuse('not_found')
      if (!d.due) return refuse('not_due')
      return { application_id: d.applicationId, council_id: null, call_id: d.callId, subject_id: changeId, title: d.title, signer_id: null }
    },
    preview: (db, request) => (request.subjectId ? previewChangeDecision(db, request.subjectId) : Promise.resolve(null)),
    issue: (trx, storage, request, by) => issueChangeDecisionIn(trx, storage, { changeId: request.subject_id!, ...by }),
  },
  amendment: {
    by: 'subjectId',
    async due(trx, amendmentId) {
      const d = await amendmentDue(trx, amendmentId)
      if (!d) return refuse('not_found')
      if (!d.due) return refuse('not_due')
      return { application_id: d.applicationId, council_id: null, call_id: d.callId, subject_id: amendmentId, title: d.title, signer_id: null }
    },
    preview: (db, request) => (request.subjectId ? previewAmendment(db, request.subjectId) : Promise.resolve(null)),
    issue: (trx, storage, request, by) => issueAmendmentIn(trx, storage, { amendmentId: request.subject_id!, ...by }),
  },
}

/** The input naming a request's subject: the id its kind is known by. */
export type RequestSubjectInput =
  | { kind: Exclude<SignatureRequestKind, 'minutes' | 'opening_record' | 'amendment' | 'change_decision'>; applicationId: string }
  | { kind: 'minutes'; councilId: string }
  | { kind: 'opening_record'; callId: string }
  | { kind: 'amendment' | 'change_decision'; subjectId: string }

/**
 * The office sends a document that is due for signature (an application's decision, notice, supplementation,
 * appraisal minutes, contract, liquidation; a concluded council's minutes; a closed call's opening record…): the
 * request is recorded and its signers are told by mail. Idempotent per document.
 */
export async function requestSignature(db: DB, input: RequestSubjectInput & { actor: Actor; appUrl: string; ip?: string | null; now?: Date }): Promise<RequestResult> {
  const issuer = ISSUERS[input.kind]
  const id = issuer ? (input as unknown as Record<string, string | undefined>)[issuer.by] : undefined
  if (!issuer || !id || !UUID.test(id)) return { ok: false, reason: 'not_found' }
  return db.transaction().execute(async (trx): Promise<RequestResult> => {
    const subject = await issuer.due(trx, id, input.now)
    if ('refuse' in subject) return { ok: false, reason: subject.refuse }
    const open = await openSignatureRequest(
      trx,
      subject.subject_id
        ? { subjectId: subject.subject_id }
        : subject.application_id
          ? { applicationId: subject.application_id }
          : subject.council_id
            ? { councilId: subject.council_id }
            : { callId: subject.call_id },
      input.kind,
    )
    if (open) return { ok: true, request: open, already: true }

    const row = await trx
      .insertInto('signature_requests')
      .values({ kind: input.kind, ...subject, prepared_by: input.actor.id })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { action: 'document.signature_requested', actor: input.actor, ...auditSubject(subject), ip: input.ip, details: { request: row.id, kind: input.kind } })
    const signers = subject.signer_id
      ? await trx.selectFrom('users').select(['id', 'email', 'full_name', 'lang']).where('id', '=', subject.signer_id).where('status', '=', 'active').execute()
      : await trx
          .selectFrom('users as u')
          .innerJoin('user_roles as r', 'r.user_id', 'u.id')
          .select(['u.id', 'u.email', 'u.full_name', 'u.lang'])
          .where('r.role', '=', 'director')
          .where('u.status', '=', 'active')
          .execute()
    for (const s of signers) {
      await enqueueEmail(trx, {
        template: 'signature_requested',
        to: { address: s.email, name: s.full_name },
        lang: s.lang,
        data: { name: s.full_name, kind: input.kind, title: subject.title, link: `${input.appUrl}/signing/${row.id}` },
      })
    }
    const request = await getSignatureRequest(trx, row.id)
    return { ok: true, request: request!, already: false }
  })
}

/** The member presiding the council's meeting, who signs its minutes (sheets.ts: the one rule). */
async function presidingMember(db: DB, councilId: string): Promise<string | null> {
  const council = await db.selectFrom('councils').select('presided_by').where('id', '=', councilId).executeTakeFirst()
  const members = await db.selectFrom('council_members').select(['user_id as userId', 'role', 'present']).where('council_id', '=', councilId).execute()
  return presidingOf(members, council?.presided_by ?? null)?.userId ?? null
}

/** The document a request would issue, unnumbered and unsigned, for its signer to read. */
export async function previewRequest(db: DB, request: SignatureRequestView): Promise<Uint8Array | null> {
  const issuer = ISSUERS[request.kind]
  return issuer ? issuer.preview(db, request) : null
}

export type SignResult =
  | { ok: true; document: IssuedDocument }
  | { ok: false; reason: 'not_found' | 'not_yours' | 'closed' | 'changed' }

/**
 * Signs a request: in one transaction, the document is numbered, drawn with the signer's block, signed by them
 * and by the Fund, stored, mailed, and the request closed. A key that fails throws and nothing is recorded.
 * When the application moved on (its due document is another), the request is withdrawn and 'changed' returned.
 */
export async function signRequest(
  db: DB,
  storage: FileStorage,
  input: { requestId: string; user: Actor & { roles: readonly Role[] }; party: SigningParty; fund: FundSeal; appUrl: string; ip?: string | null; now?: Date },
): Promise<SignResult> {
  if (!UUID.test(input.requestId)) return { ok: false, reason: 'not_found' }
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx): Promise<SignResult> => {
    const request = await trx.selectFrom('signature_requests').selectAll().where('id', '=', input.requestId).forUpdate().executeTakeFirst()
    if (!request) return { ok: false, reason: 'not_found' }
    if (!maySign(input.user, { signerId: request.signer_id })) return { ok: false, reason: 'not_yours' }
    if (request.state !== 'pending') return { ok: false, reason: 'closed' }
    const signing = { party: input.party, fund: input.fund, appUrl: input.appUrl }
    const by = { actor: input.user, ip: input.ip, now, signing }
    const issuer = ISSUERS[request.kind]
    const result: Issued = issuer ? await issuer.issue(trx, storage, request, by) : { ok: false, reason: 'changed' }
    if (!result.ok || result.already) {
      await trx.updateTable('signature_requests').set({ state: 'withdrawn', closed_at: now }).where('id', '=', request.id).execute()
      await recordAudit(trx, { action: 'document.signature_withdrawn', ...auditSubject(request), details: { request: request.id, reason: result.ok ? 'already_issued' : result.reason } })
      return { ok: false, reason: 'changed' }
    }
    await trx
      .updateTable('signature_requests')
      .set({ state: 'signed', closed_by: input.user.id, closed_at: now, document_id: result.document.id })
      .where('id', '=', request.id)
      .execute()
    await recordAudit(trx, {
      action: 'document.signed',
      actor: input.user,
      ...auditSubject(request),
      ip: input.ip,
      details: { request: request.id, kind: request.kind, symbol: result.document.symbol, signer: input.party.signer.certificateSha256 },
    })
    return { ok: true, document: result.document }
  })
}

/** The office takes a request back (the document needs another look): it waits for nobody any more. */
export async function withdrawSignatureRequest(db: DB, input: { requestId: string; actor: Actor; ip?: string | null }): Promise<boolean> {
  if (!UUID.test(input.requestId)) return false
  const row = await db
    .updateTable('signature_requests')
    .set({ state: 'withdrawn', closed_by: input.actor.id, closed_at: new Date() })
    .where('id', '=', input.requestId)
    .where('state', '=', 'pending')
    .returning(['application_id', 'council_id', 'call_id'])
    .executeTakeFirst()
  if (row) await recordAudit(db, { action: 'document.signature_withdrawn', actor: input.actor, ...auditSubject(row), ip: input.ip, details: { request: input.requestId, reason: 'office' } })
  return !!row
}

/** The capacity a presiding member signs minutes in (their seat); null for the director's documents. */
export async function presidingSeat(db: DB, request: Pick<SignatureRequestView, 'kind' | 'councilId' | 'applicationId'>, userId: string): Promise<{ capacity: string } | null> {
  if (request.kind === 'acceptance_minutes' && request.applicationId) {
    const council = await db.selectFrom('acceptance_councils').select('id').where('application_id', '=', request.applicationId).executeTakeFirst()
    const seat = council && (await db.selectFrom('acceptance_members').select('role').where('council_id', '=', council.id).where('user_id', '=', userId).executeTakeFirst())
    return { capacity: seat?.role === 'vice_chair' ? 'PHÓ CHỦ TỊCH HỘI ĐỒNG' : 'CHỦ TỊCH HỘI ĐỒNG' }
  }
  if (request.kind !== 'minutes' || !request.councilId) return null
  const seat = await db.selectFrom('council_members').select('role').where('council_id', '=', request.councilId).where('user_id', '=', userId).executeTakeFirst()
  return { capacity: seat?.role === 'vice_chair' ? 'PHÓ CHỦ TỊCH HỘI ĐỒNG' : 'CHỦ TỊCH HỘI ĐỒNG' }
}
