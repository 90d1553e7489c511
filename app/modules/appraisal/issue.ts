import type { DB } from '../../../db'
import { appraisalMinutes } from '../../../templates/appraisal-minutes'
import type { FileStorage } from '../applications'
import { storeDocument, type IssuedDocument } from '../decisions/documents'
import { blankNumber, fundForDocuments } from '../decisions/issue'
import { takeNumber } from '../decisions/register'
import { renderDocument } from '../documents/layout'
import { getFundSettings } from '../fund'
import { translator } from '../../i18n'
import { appraisalRules, getAppraisal } from '.'

// The appraisal team's minutes (biên bản thẩm định kinh phí) as an official document: previewed unnumbered,
// then issued — the register gives the year's next 'minutes' number in the transaction that stores the file.
// Its own function beside the other issuing functions (decisions/issue.ts, minutes.ts) and calling the same
// register and store helpers, so that a signing step can be plugged in here the way it is there.

type Actor = { id: string; email: string }

export const APPRAISAL_MINUTES_KIND = 'appraisal_minutes'

async function draw(db: DB, applicationId: string, number: number | null): Promise<Uint8Array | null> {
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
    fund: fundForDocuments(await getFundSettings(db)),
    number: number ?? 0,
    date: appraisal.metOn,
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
  return renderDocument(number ? model : blankNumber(model))
}

/** The minutes as they would be issued now, without a number. */
export function previewAppraisalMinutes(db: DB, applicationId: string): Promise<Uint8Array | null> {
  return draw(db, applicationId, null)
}

export type IssueAppraisalResult = { ok: true; document: IssuedDocument; already: boolean } | { ok: false; reason: 'not_found' | 'not_recorded' }

/** Issues the recorded appraisal's minutes once (the application row is locked meanwhile). */
export async function issueAppraisalMinutes(
  db: DB,
  storage: FileStorage,
  input: { applicationId: string; actor: Actor; ip?: string | null; now?: Date },
): Promise<IssueAppraisalResult> {
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx): Promise<IssueAppraisalResult> => {
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
    const pdf = await draw(trx, app.id, register.number)
    if (!pdf) throw new Error(`the appraisal minutes of ${app.id} could not be drawn`) // rolls the number back
    const document = await storeDocument(trx, storage, { register, kind: APPRAISAL_MINUTES_KIND, pdf, prefix: 'Bien-ban-tham-dinh-', applicationId: app.id, callId: app.call_id, actor: input.actor, now })
    await trx.updateTable('documents').set({ appraisal_id: appraisal.id }).where('id', '=', document.id).execute()
    return { ok: true, document, already: false }
  })
}
