import type { DB } from '../../../db'
import type { Role, SignatureRequestKind, SignatureRequestState } from '../../../db/schema'
import { recordAudit } from '../audit'
import type { FileStorage } from '../applications'
import { renderDocument } from '../documents/layout'
import { enqueueEmail } from '../notifications'
import { appraisalMinutesDue, issueAppraisalMinutesIn, previewAppraisalMinutes } from '../appraisal/issue'
import { issueOpeningRecordIn, openingRecordState, previewOpeningRecord } from '../screening/opening'
import { contractAwaitsSignature, issueContractIn, previewContract } from '../contracts'
import { issueOutcomeIn, pendingOutcome, previewOutcome } from './issue'
import { issuedMinutes, issueMinutesIn } from './minutes'
import { minutesModel } from './sheets'
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
export type SignatureSubject = { applicationId: string } | { councilId: string } | { callId: string }

/** The open request for an application's, a council's or a call's document (of this kind, if given), if one waits. */
export async function openSignatureRequest(db: DB, subject: SignatureSubject, kind?: SignatureRequestKind): Promise<SignatureRequestView | null> {
  let q = requests(db).where('s.state', '=', 'pending')
  if (kind) q = q.where('s.kind', '=', kind)
  if ('applicationId' in subject) q = q.where('s.application_id', '=', subject.applicationId)
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

/** The documents an application's road calls for, signed by the director or a deputy. */
type ApplicationKind = Exclude<SignatureRequestKind, 'minutes' | 'opening_record'>

/** The kinds an application's outcome (issue.ts) stands for; the contract's kinds are the contracts module's. */
type OutcomeRequestKind = 'decision' | 'notice' | 'ineligible' | 'supplementation'
const isOutcome = (kind: SignatureRequestKind): kind is OutcomeRequestKind => kind === 'decision' || kind === 'notice' || kind === 'ineligible' || kind === 'supplementation'

/**
 * The office sends an application's due document (decision, notice, supplementation, the recorded appraisal's
 * minutes), a concluded council's minutes or a closed call's opening record for signature: the request is
 * recorded and its signers are told by mail. Idempotent per document.
 */
export async function requestSignature(
  db: DB,
  input: ({ applicationId: string; kind: ApplicationKind } | { councilId: string; kind: 'minutes' } | { callId: string; kind: 'opening_record' }) & {
    actor: Actor
    appUrl: string
    ip?: string | null
    now?: Date
  },
): Promise<RequestResult> {
  return db.transaction().execute(async (trx): Promise<RequestResult> => {
    let subject: { application_id: string | null; council_id: string | null; call_id: string; title: string; signer_id: string | null }
    if (input.kind === 'minutes') {
      const councilId = (input as { councilId: string }).councilId
      if (!UUID.test(councilId)) return { ok: false, reason: 'not_found' }
      const council = await trx.selectFrom('councils').select(['id', 'name_vi', 'status', 'call_id']).where('id', '=', councilId).forUpdate().executeTakeFirst()
      if (!council) return { ok: false, reason: 'not_found' }
      if (council.status !== 'concluded' || (await issuedMinutes(trx, council.id))) return { ok: false, reason: 'not_due' }
      const presiding = await presidingMember(trx, council.id)
      if (!presiding) return { ok: false, reason: 'no_signer' }
      subject = { application_id: null, council_id: council.id, call_id: council.call_id, title: `${TITLE.minutes} ${council.name_vi}`, signer_id: presiding }
    } else if (input.kind === 'opening_record') {
      const callId = (input as { callId: string }).callId
      if (!UUID.test(callId)) return { ok: false, reason: 'not_found' }
      const call = await trx.selectFrom('calls').select(['id', 'code', 'title_vi']).where('id', '=', callId).forUpdate().executeTakeFirst()
      if (!call) return { ok: false, reason: 'not_found' }
      if ((await openingRecordState(trx, call.id, input.now)) !== 'due') return { ok: false, reason: 'not_due' }
      subject = { application_id: null, council_id: null, call_id: call.id, title: `${TITLE.opening_record} đợt ${call.code} – ${call.title_vi}`, signer_id: null }
    } else if (input.kind === 'acceptance_minutes') {
      // The acceptance council's minutes (ADR 021): signed by the member who presided, once it has concluded.
      const applicationId = input.applicationId
      if (!UUID.test(applicationId)) return { ok: false, reason: 'not_found' }
      const app = await trx.selectFrom('applications').select(['id', 'title', 'reference', 'call_id']).where('id', '=', applicationId).forUpdate().executeTakeFirst()
      if (!app) return { ok: false, reason: 'not_found' }
      const council = await trx.selectFrom('acceptance_councils').select('status').where('application_id', '=', app.id).executeTakeFirst()
      if (council?.status !== 'concluded' || (await issuedAcceptanceMinutes(trx, app.id))) return { ok: false, reason: 'not_due' }
      const presiding = await presidingAcceptanceMember(trx, app.id)
      if (!presiding) return { ok: false, reason: 'no_signer' }
      subject = { application_id: app.id, council_id: null, call_id: app.call_id, title: `${TITLE.acceptance_minutes}: ${app.reference ? `${app.reference} – ` : ''}${app.title}`, signer_id: presiding.userId }
    } else {
      const applicationId = (input as { applicationId: string }).applicationId
      if (!UUID.test(applicationId)) return { ok: false, reason: 'not_found' }
      const app = await trx.selectFrom('applications').select(['id', 'status', 'title', 'reference', 'call_id']).where('id', '=', applicationId).forUpdate().executeTakeFirst()
      if (!app) return { ok: false, reason: 'not_found' }
      const due =
        input.kind === 'appraisal_minutes'
          ? await appraisalMinutesDue(trx, app.id)
          : input.kind === 'liquidation'
            ? await liquidationDue(trx, app.id)
            : input.kind === 'contract'
              ? await contractAwaitsSignature(trx, app.id)
              : isOutcome(input.kind) && (await pendingOutcome(trx, app)) === input.kind
      if (!due) return { ok: false, reason: 'not_due' }
      subject = { application_id: app.id, council_id: null, call_id: app.call_id, title: `${TITLE[input.kind]}: ${app.reference ? `${app.reference} – ` : ''}${app.title}`, signer_id: null }
    }
    const open = await openSignatureRequest(
      trx,
      subject.application_id ? { applicationId: subject.application_id } : subject.council_id ? { councilId: subject.council_id } : { callId: subject.call_id },
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

/** The member presiding the council's meeting, as the minutes name them: who the meeting's record says presided,
 * else the chair if present, else the vice-chair present (sheets.ts draws the same). */
async function presidingMember(db: DB, councilId: string): Promise<string | null> {
  const council = await db.selectFrom('councils').select('presided_by').where('id', '=', councilId).executeTakeFirst()
  const members = await db.selectFrom('council_members').select(['user_id', 'role', 'present']).where('council_id', '=', councilId).execute()
  const of = (role: string) => members.find((m) => m.role === role && m.present !== false)
  return (members.find((m) => m.user_id === council?.presided_by) ?? of('chair') ?? of('vice_chair'))?.user_id ?? null
}

/** The document a request would issue, unnumbered and unsigned, for its signer to read. */
export async function previewRequest(db: DB, request: SignatureRequestView): Promise<Uint8Array | null> {
  if (request.kind === 'acceptance_minutes') {
    const model = request.applicationId ? await acceptanceMinutesModel(db, request.applicationId) : null
    return model ? renderDocument(model) : null
  }
  if (request.kind === 'contract') return request.applicationId ? previewContract(db, request.applicationId) : null
  if (request.kind === 'minutes') {
    const drawn = request.councilId ? await minutesModel(db, request.councilId) : null
    return drawn ? renderDocument(drawn.model) : null
  }
  if (request.kind === 'appraisal_minutes') return request.applicationId ? previewAppraisalMinutes(db, request.applicationId) : null
  if (request.kind === 'opening_record') return request.callId ? previewOpeningRecord(db, request.callId, new Date(), request.preparedAt) : null
  if (request.kind === 'liquidation') return request.applicationId ? previewLiquidation(db, request.applicationId) : null
  if (!isOutcome(request.kind)) return null
  const preview = request.applicationId ? await previewOutcome(db, request.applicationId) : null
  return preview && preview.kind === request.kind ? preview.pdf : null
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
    const kind = request.kind
    const result =
      kind === 'minutes'
        ? await issueMinutesIn(trx, storage, { councilId: request.council_id!, ...by })
        : kind === 'appraisal_minutes'
          ? await issueAppraisalMinutesIn(trx, storage, { applicationId: request.application_id!, ...by })
          : kind === 'opening_record'
            ? await issueOpeningRecordIn(trx, storage, { callId: request.call_id!, openedAt: request.prepared_at, ...by })
            : kind === 'liquidation'
              ? await issueLiquidationIn(trx, storage, { applicationId: request.application_id!, ...by })
              : kind === 'acceptance_minutes'
                ? await issueAcceptanceMinutesIn(trx, storage, { applicationId: request.application_id!, ...by })
                : kind === 'contract'
                  ? await issueContractIn(trx, storage, { applicationId: request.application_id!, ...by })
                  : isOutcome(kind)
                    ? await issueOutcomeIn(trx, storage, { applicationId: request.application_id!, kind, ...by })
                    : ({ ok: false, reason: 'changed' } as const)
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
