import type { DB } from '../../../db'
import type { AcceptanceRating, Lang } from '../../../db/schema'
import { fieldErrors } from '../../lib/forms.server'
import { recordAudit } from '../audit'
import { parseMoney } from '../calls/fields'
import { applyTransition, type TransitionActor } from '../workflow'
import { dossierSchema, finaliseSchema } from './schemas'
import { dossierRow } from './state'

// The grantee's final results dossier (hồ sơ đánh giá, nghiệm thu): the summary report, the products, a
// self-assessment with the rating the grantee claims, and the spending report with the amount spent. Saved as
// often as needed while the task is in progress; submitted once through the status machine (submit_results,
// whose guard checks every part is there). After the council, the grantee finalises it within the period the
// fund's rules set (the machine's pass/fail_acceptance write the due day).

export interface ResultsDossier {
  summary: string
  products: string
  selfRating: AcceptanceRating | null
  selfAssessment: string
  spendingReport: string
  spentAmount: number | null
  version: number
  updatedAt: Date
  submittedAt: Date | null
  finaliseDueOn: string | null
  finalisationNote: string
  finalisedAt: Date | null
}

export async function getResultsDossier(db: DB, applicationId: string): Promise<ResultsDossier | null> {
  const row = await dossierRow(db, applicationId)
  if (!row) return null
  return {
    summary: row.summary,
    products: row.products,
    selfRating: row.self_rating,
    selfAssessment: row.self_assessment,
    spendingReport: row.spending_report,
    spentAmount: row.spent_amount === null ? null : Number(row.spent_amount),
    version: row.version,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    finaliseDueOn: row.due_on,
    finalisationNote: row.finalisation_note,
    finalisedAt: row.finalised_at,
  }
}

type Actor = { id: string; email: string }
export type DossierResult = { ok: true } | { ok: false; status: 400 | 404 | 409; errors: Record<string, string> }

/** Saves what the grantee typed; refused once the dossier is submitted or the task is not in progress. */
export async function saveResultsDossier(db: DB, input: { applicationId: string; values: unknown; actor: Actor; ip?: string | null }): Promise<DossierResult> {
  const parsed = dossierSchema.safeParse(input.values)
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error) }
  const v = parsed.data
  return db.transaction().execute(async (trx): Promise<DossierResult> => {
    const app = await trx.selectFrom('applications').select(['id', 'status']).where('id', '=', input.applicationId).forUpdate().executeTakeFirst()
    if (!app) return { ok: false, status: 404, errors: { form: 'acceptance.refused.notFound' } }
    const contract = await trx.selectFrom('contracts').select('id').where('application_id', '=', app.id).where('status', '=', 'signed').executeTakeFirst()
    if (app.status !== 'in_progress' || !contract) return { ok: false, status: 409, errors: { form: 'acceptance.refused.notInProgress' } }
    const values = {
      summary: v.summary.normalize('NFC'),
      products: v.products.normalize('NFC'),
      self_rating: v.self_rating || null,
      self_assessment: v.self_assessment.normalize('NFC'),
      spending_report: v.spending_report.normalize('NFC'),
      spent_amount: v.spent_amount === '' ? null : parseMoney(v.spent_amount),
      updated_at: new Date(),
      updated_by: input.actor.id,
    }
    await trx
      .insertInto('results_dossiers')
      .values({ application_id: app.id, contract_id: contract.id, ...values })
      .onConflict((oc) => oc.column('application_id').doUpdateSet((eb) => ({ ...values, version: eb('results_dossiers.version', '+', 1) })))
      .execute()
    await recordAudit(trx, { action: 'acceptance.dossier_saved', actor: input.actor, subjectType: 'application', subjectId: app.id, ip: input.ip })
    return { ok: true }
  })
}

/** Submits the dossier: the machine's submit_results (its guard checks the dossier, its effect stamps it). */
export async function submitResults(db: DB, input: { applicationId: string; actor: TransitionActor; as: 'applicant' | 'staff'; lang: Lang; appUrl: string; ip?: string | null }) {
  return applyTransition(db, { applicationId: input.applicationId, event: 'submit_results', actor: input.actor, as: input.as, lang: input.lang, appUrl: input.appUrl, ip: input.ip ?? null })
}

/** After the council: the grantee says what was finalised; once, and only while the task is completed or failed. */
export async function finaliseResults(db: DB, input: { applicationId: string; values: unknown; actor: Actor; ip?: string | null; now?: Date }): Promise<DossierResult> {
  const parsed = finaliseSchema.safeParse(input.values)
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error) }
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx): Promise<DossierResult> => {
    const app = await trx.selectFrom('applications').select(['id', 'status']).where('id', '=', input.applicationId).forUpdate().executeTakeFirst()
    if (!app) return { ok: false, status: 404, errors: { form: 'acceptance.refused.notFound' } }
    const row = await dossierRow(trx, app.id)
    if (!row?.due_on || (app.status !== 'completed' && app.status !== 'failed')) return { ok: false, status: 409, errors: { form: 'acceptance.refused.notFinalising' } }
    if (row.finalised_at) return { ok: false, status: 409, errors: { form: 'acceptance.refused.finalised' } }
    await trx.updateTable('results_dossiers').set({ finalisation_note: parsed.data.note.normalize('NFC'), finalised_at: now, finalised_by: input.actor.id }).where('application_id', '=', app.id).execute()
    await recordAudit(trx, { action: 'acceptance.finalised', actor: input.actor, subjectType: 'application', subjectId: app.id, ip: input.ip })
    return { ok: true }
  })
}
