import type { DB } from '../../../db'
import { appraisalMinutes } from '../../../templates/appraisal-minutes'
import type { FileStorage } from '../applications'
import type { IssuedDocument } from '../decisions/documents'
import { blankNumber, fundForDocuments, type SignerLines, withSigner } from '../decisions/issue'
import { takeNumber } from '../decisions/register'
import { type Signing, signAndStore } from '../decisions/signing'
import { type DocumentModel, renderDocument } from '../documents/layout'
import { getFundSettings } from '../fund'
import { translator } from '../../i18n'
import { appraisalRules, getAppraisal } from '.'

// The appraisal team's minutes (biên bản thẩm định kinh phí) as an official document: previewed unnumbered,
// sent for signature by the office, and issued when the director (or a deputy) signs them at /signing/:id
// (decisions/requests.ts) — the register's number, the signatures (theirs, then the Fund's) and the stored file
// in one transaction. The team's members are names, not accounts: the leader is named in the left-hand block,
// the Fund's signer confirms and issues the minutes in the right-hand one (ADR 017).

type Actor = { id: string; email: string }

export const APPRAISAL_MINUTES_KIND = 'appraisal_minutes'

async function draw(db: DB, applicationId: string, number: number | null, date: Date, signer?: SignerLines): Promise<DocumentModel | null> {
  const appraisal = await getAppraisal(db, applicationId)
  if (!appraisal?.recordedAt || !appraisal.metOn || !appraisal.method) return null
  const app = await db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('application_sections as s', (j) => j.onRef('s.application_id', '=', 'a.id').on('s.key', '=', 'team'))
    .select(['a.reference', 'a.title', 'a.organisation_snapshot', 'o.name', 's.data'])
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const vi = translator('vi')
  const rules = await appraisalRules(db)
  const model = appraisalMinutes({
    fund: withSigner(fundForDocuments(await getFundSettings(db)), signer),
    number: number ?? 0,
    // The date of issue is the day it is signed and registered (Decree 30); the meeting's day is in the text.
    date,
    metOn: appraisal.metOn,
    reference: app.reference ?? '',
    applicationTitle: app.title,
    organisation: (app.organisation_snapshot as { name?: string } | null)?.name ?? app.name,
    investigator: String(((app.data ?? {}) as Record<string, unknown>).pi_name ?? ''),
    members: appraisal.members.map((m) => ({ name: m.fullName, position: m.position, leader: m.role === 'leader', present: m.present === true })),
    quorum: rules.quorum,
    lines: appraisal.lines.map((l) => ({ label: vi(`applications.budget.category.${l.category}` as never), requested: l.requested, appraised: l.appraised })),
    method: appraisal.method,
    notes: appraisal.notes,
  })
  return number ? model : blankNumber(model)
}

/** The minutes as they would be issued now, without a number. */
export async function previewAppraisalMinutes(db: DB, applicationId: string): Promise<Uint8Array | null> {
  const model = await draw(db, applicationId, null, new Date())
  return model ? renderDocument(model) : null
}

/** Whether the recorded appraisal's minutes may be sent for signature: recorded, not issued yet. */
export async function appraisalMinutesDue(db: DB, applicationId: string): Promise<boolean> {
  const appraisal = await getAppraisal(db, applicationId)
  return !!appraisal?.recordedAt && !appraisal.minutes
}

export type IssueAppraisalResult = { ok: true; document: IssuedDocument; already: boolean } | { ok: false; reason: 'not_found' | 'not_recorded' }

export interface IssueAppraisalInput {
  applicationId: string
  actor: Actor
  ip?: string | null
  now?: Date
  /** who signs (the director or a deputy), then the Fund (decisions/signing.ts) */
  signing: Signing
}

/**
 * Issues the recorded appraisal's minutes once, in the caller's transaction (the application row is locked):
 * numbered, drawn with the signer's block, signed by them and by the Fund, stored. A key that fails throws and
 * no number is taken.
 */
export async function issueAppraisalMinutesIn(trx: DB, storage: FileStorage, input: IssueAppraisalInput): Promise<IssueAppraisalResult> {
  const now = input.now ?? new Date()
  const app = await trx.selectFrom('applications').select(['id', 'call_id', 'reference', 'title']).where('id', '=', input.applicationId).forUpdate().executeTakeFirst()
  if (!app) return { ok: false, reason: 'not_found' }
  const appraisal = await getAppraisal(trx, app.id)
  if (!appraisal?.recordedAt) return { ok: false, reason: 'not_recorded' }
  if (appraisal.minutes) return { ok: true, document: appraisal.minutes, already: true }
  const register = await takeNumber(trx, {
    type: 'minutes',
    title: `Biên bản thẩm định kinh phí ${app.reference ?? ''} ${app.title}`.replace(/\s+/g, ' '),
    subjectType: 'application',
    subjectId: app.id,
    actor: input.actor,
    now,
    ip: input.ip,
  })
  const { party } = input.signing
  const model = await draw(trx, app.id, register.number, now, { name: party.user.fullName, capacity: party.capacity, authority: party.authority })
  if (!model) throw new Error(`the appraisal minutes of ${app.id} could not be drawn`) // rolls the number back
  const { document } = await signAndStore(trx, storage, {
    register,
    kind: APPRAISAL_MINUTES_KIND,
    model,
    prefix: 'Bien-ban-tham-dinh-',
    applicationId: app.id,
    callId: app.call_id,
    actor: input.actor,
    now,
    signing: input.signing,
  })
  await trx.updateTable('documents').set({ appraisal_id: appraisal.id }).where('id', '=', document.id).execute()
  return { ok: true, document, already: false }
}

/** issueAppraisalMinutesIn in a transaction of its own (tests and scripts with a kept key). */
export function issueAppraisalMinutes(db: DB, storage: FileStorage, input: IssueAppraisalInput): Promise<IssueAppraisalResult> {
  return db.transaction().execute((trx) => issueAppraisalMinutesIn(trx, storage, input))
}
