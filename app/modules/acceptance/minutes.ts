import type { DB } from '../../../db'
import { acceptanceMinutes } from '../../../templates/acceptance-minutes'
import type { FileStorage } from '../applications'
import type { IssuedDocument } from '../decisions/documents'
import { toIssuedDocument, documentsQuery } from '../decisions/documents'
import { blankNumber, fundForDocuments, type SignerLines } from '../decisions/issue'
import { takeNumber } from '../decisions/register'
import { type Signing, signAndStore } from '../decisions/signing'
import { type DocumentModel } from '../documents/layout'
import { getFundSettings, getReviewRules } from '../fund'
import { getAcceptanceCouncil } from './council'

// The acceptance council's minutes as an official document (ADR 021): the office sends them for signature
// (decisions/requests.ts, kind 'acceptance_minutes'), the member presiding reads the unnumbered preview and signs
// at /signing/:id; only then is the number taken and the file signed, stored and kept with the task.

export const ACCEPTANCE_MINUTES_KIND = 'acceptance_minutes'
const CAPACITY = { chair: 'Chủ tịch Hội đồng', vice_chair: 'Phó Chủ tịch Hội đồng' } as const

/** Who presides: the chair who rated, else the vice-chair who rated; null when neither did. */
export async function presidingAcceptanceMember(db: DB, applicationId: string): Promise<{ userId: string; capacity: string; name: string } | null> {
  const council = await getAcceptanceCouncil(db, applicationId)
  if (!council) return null
  const sat = (role: 'chair' | 'vice_chair') => council.members.find((m) => m.role === role && m.conflict === 'none' && m.vote)
  const m = sat('chair') ?? sat('vice_chair')
  return m ? { userId: m.userId, capacity: CAPACITY[m.role as 'chair' | 'vice_chair'], name: m.fullName } : null
}

/** The minutes' model, or null before the council concluded. */
export async function acceptanceMinutesModel(db: DB, applicationId: string, opts: { number?: number | null; signer?: SignerLines } = {}): Promise<DocumentModel | null> {
  const council = await getAcceptanceCouncil(db, applicationId)
  if (!council || council.status !== 'concluded' || !council.rating || !council.meetingOn) return null
  const presiding = await presidingAcceptanceMember(db, applicationId)
  const task = await db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('contracts as c', 'c.application_id', 'a.id')
    .select(['a.reference', 'a.title', 'a.organisation_snapshot', 'o.name', 'c.signed_at'])
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const rules = await getReviewRules(db)
  const model = acceptanceMinutes({
    fund: fundForDocuments(await getFundSettings(db)),
    number: opts.number ?? 0,
    date: council.concludedAt ?? new Date(),
    meetingOn: council.meetingOn,
    location: council.location,
    reference: task.reference ?? '',
    taskTitle: task.title,
    organisation: (task.organisation_snapshot as { name?: string } | null)?.name ?? task.name,
    contract: task.signed_at ? `ký ngày ${task.signed_at.toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' })}` : '…',
    members: council.members.map((m) => ({ name: m.fullName, role: m.role, rated: !!m.vote, conflict: m.conflict === 'declared' })),
    votes: { excellent: council.votes.excellent ?? 0, pass: council.votes.pass ?? 0, fail: council.votes.fail ?? 0, voters: council.votes.voters ?? 0 },
    rating: council.rating,
    conclusions: council.conclusions,
    // Minutes are signed in the seat the signer holds on the council, whatever their usual capacity.
    signer: { capacity: presiding?.capacity ?? CAPACITY.chair, name: opts.signer?.name ?? presiding?.name ?? '' },
    finaliseDays: rules.acceptanceFinaliseWorkingDays,
  })
  return opts.number ? model : blankNumber(model)
}

/** The issued minutes of a task's acceptance council, or null. */
export async function issuedAcceptanceMinutes(db: DB, applicationId: string): Promise<IssuedDocument | null> {
  const row = await documentsQuery(db)
    .where('d.application_id', '=', applicationId)
    .where('d.kind', '=', ACCEPTANCE_MINUTES_KIND)
    .where('r.state', '=', 'issued')
    .orderBy('d.created_at', 'desc')
    .executeTakeFirst()
  return row ? toIssuedDocument(row) : null
}

export type IssueAcceptanceMinutesResult = { ok: true; document: IssuedDocument; already: boolean } | { ok: false; reason: 'not_found' | 'not_concluded' }

/** Issues the minutes in the caller's transaction (the signing request's): number, draw, sign, store. Once. */
export async function issueAcceptanceMinutesIn(
  trx: DB,
  storage: FileStorage,
  input: { applicationId: string; actor: { id: string; email: string }; ip?: string | null; now?: Date; signing: Signing },
): Promise<IssueAcceptanceMinutesResult> {
  const now = input.now ?? new Date()
  const app = await trx.selectFrom('applications').select(['id', 'call_id', 'reference', 'title']).where('id', '=', input.applicationId).forUpdate().executeTakeFirst()
  if (!app) return { ok: false, reason: 'not_found' }
  const existing = await issuedAcceptanceMinutes(trx, app.id)
  if (existing) return { ok: true, document: existing, already: true }
  const council = await getAcceptanceCouncil(trx, app.id)
  if (council?.status !== 'concluded') return { ok: false, reason: 'not_concluded' }
  const register = await takeNumber(trx, {
    type: 'minutes',
    title: `Biên bản họp Hội đồng nghiệm thu ${app.reference ?? ''} ${app.title}`.replace(/\s+/g, ' '),
    subjectType: 'application',
    subjectId: app.id,
    actor: input.actor,
    now,
    ip: input.ip,
  })
  const { party } = input.signing
  const model = await acceptanceMinutesModel(trx, app.id, { number: register.number, signer: { name: party.user.fullName, capacity: party.capacity, authority: party.authority } })
  if (!model) throw new Error(`the acceptance minutes of ${app.id} could not be drawn`) // rolls the number back
  const { document } = await signAndStore(trx, storage, { register, kind: ACCEPTANCE_MINUTES_KIND, model, prefix: 'Bien-ban-nghiem-thu-', applicationId: app.id, callId: app.call_id, actor: input.actor, now, signing: input.signing })
  return { ok: true, document, already: false }
}
