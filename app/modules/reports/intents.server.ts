import type { DB } from '../../../db'
import { fieldErrors } from '../../lib/forms.server'
import { uploadStorage } from '../applications'
import type { SessionUser } from '../auth'
import { getReviewRules } from '../fund'
import type { Task } from './access'
import { addProduct, removeProduct } from './products'
import { reviewReport, submitReport } from './reports'
import { productSchema, removeProductSchema, reviewReportSchema, submitReportSchema } from './schemas'

// The intents of the progress pages, one function each with its schema, so the routes stay thin. Each answers
// what the route should do: go on to a notice, or show the form again with its errors (catalogue keys) and
// what was typed.

export interface IntentContext {
  db: DB
  env: { APP_URL: string; DATA_DIR: string }
  user: SessionUser
  task: Task
  ip: string | null
}

export type IntentResult = { ok: true; notice: string; seq?: number } | { ok: false; status: number; errors: Record<string, string>; values: Record<string, string> }

const refused = (status: number, field: string, key: string, values: Record<string, string>): IntentResult => ({ ok: false, status, errors: { [field]: key }, values })

async function seqOf(db: DB, reportId: string) {
  return (await db.selectFrom('progress_reports').select('seq').where('id', '=', reportId).executeTakeFirst())?.seq
}

/** The grantee submits the open report (owners and editors only). */
export async function submitReportIntent(ctx: IntentContext, raw: Record<string, string>): Promise<IntentResult> {
  const parsed = submitReportSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error), values: raw }
  const d = parsed.data
  const result = await submitReport(ctx.db, { task: ctx.task, reportId: d.reportId, expectedVersion: d.expectedVersion, workDone: d.workDone, problems: d.problems, nextSteps: d.nextSteps, actor: ctx.user, appUrl: ctx.env.APP_URL, ip: ctx.ip })
  if (!result.ok) return refused(409, 'form', `reports.refusal.${result.reason}`, raw)
  return { ok: true, notice: 'submitted', seq: await seqOf(ctx.db, d.reportId) }
}

/** The grantee adds a product (with its file, when there is one) to the open report. */
export async function addProductIntent(ctx: IntentContext, fields: Record<string, string>, file: { filename: string; bytes: Uint8Array } | undefined): Promise<IntentResult> {
  const parsed = productSchema.safeParse(fields)
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error), values: fields }
  const rules = await getReviewRules(ctx.db)
  const maxBytes = rules.reportProductMaxMb * 1024 * 1024
  const d = parsed.data
  const evidence = { kind: d.kind, ipType: d.ipType, docNumber: d.docNumber, docDate: d.docDate }
  const result = await addProduct(ctx.db, uploadStorage(ctx.env), { task: ctx.task, reportId: d.reportId, title: d.title, description: d.description, evidence, file, maxBytes, actor: ctx.user, ip: ctx.ip })
  if (!result.ok) {
    const field = ['type', 'too_large', 'empty'].includes(result.reason) ? 'file' : 'form'
    const status = result.reason === 'too_large' ? 413 : result.reason === 'type' ? 415 : result.reason === 'not_found' ? 404 : 400
    const key = result.reason === 'too_large' ? `reports.product.refusal.too_large?max=${rules.reportProductMaxMb}` : `reports.product.refusal.${result.reason}`
    return refused(status, field, key, fields)
  }
  return { ok: true, notice: 'product', seq: await seqOf(ctx.db, parsed.data.reportId) }
}

/** The grantee removes a product not yet submitted. */
export async function removeProductIntent(ctx: IntentContext, raw: Record<string, string>): Promise<IntentResult> {
  const parsed = removeProductSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error), values: {} }
  const removed = await removeProduct(ctx.db, { task: ctx.task, reportId: parsed.data.reportId, productId: parsed.data.productId, actor: ctx.user, ip: ctx.ip })
  if (!removed) return refused(409, 'form', 'reports.product.refusal.not_open', {})
  return { ok: true, notice: 'removed', seq: await seqOf(ctx.db, parsed.data.reportId) }
}

/** The office accepts the submitted version or asks for changes. */
export async function reviewReportIntent(ctx: IntentContext, raw: Record<string, string>): Promise<IntentResult> {
  const parsed = reviewReportSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error), values: raw }
  const d = parsed.data
  const result = await reviewReport(ctx.db, { task: ctx.task, reportId: d.reportId, expectedVersion: d.expectedVersion, outcome: d.outcome, note: d.note, actor: ctx.user, appUrl: ctx.env.APP_URL, ip: ctx.ip })
  if (!result.ok) return refused(409, 'form', `reports.refusal.${result.reason}`, raw)
  return { ok: true, notice: d.outcome, seq: await seqOf(ctx.db, d.reportId) }
}
