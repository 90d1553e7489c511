import { expect } from 'vitest'
import type { DB } from '../../db'
import type { Env } from '../../app/config/env.server'
import { getApplicationForMember, saveSection, uploadAttachment, uploadStorage } from '../../app/modules/applications'
import { applyTransition } from '../../app/modules/workflow'
import { PDF } from '../fixtures/files'
import { createUser } from './app'
import { COMPLETE_SECTIONS, createOrganisation } from './applications'
import { createCall } from './calls'

// Fixtures for councils and reviewing: applications the workflow has declared eligible (driven through the
// real status machine: submit → start_screening → declare_eligible), and people holding the reviewer role.

export interface FixturePerson {
  id: string
  email: string
  fullName: string
}

let seq = 0

/**
 * An application in status 'eligible': a new applicant organisation (its owner returned) files a complete
 * draft to the call given (or to a new open call), submits it, and a new staff user screens it and declares
 * it eligible. `env` must have a DATA_DIR (the documents are uploaded for real).
 */
export async function createEligibleApplication(
  db: DB,
  env: Env,
  opts: { callId?: string } = {},
): Promise<{ applicationId: string; organisationId: string; callId: string; owner: FixturePerson; staff: FixturePerson }> {
  const n = ++seq
  const ownerName = 'Nguyễn Thị Nộp'
  const staffName = 'Phạm Văn Cán Bộ'
  const o = await createUser(db, { roles: ['applicant'], fullName: ownerName, email: `owner${n}.${Date.now().toString(36)}@applicant.vn` })
  const s = await createUser(db, { roles: ['staff'], fullName: staffName, email: `staff${n}.${Date.now().toString(36)}@quykhcn.vn` })
  const owner = { ...o, fullName: ownerName }
  const staff = { ...s, fullName: staffName }
  const callId = opts.callId ?? (await createCall(db)).id
  const organisationId = await createOrganisation(db, [{ userId: owner.id, role: 'owner' }])
  const app = await db
    .insertInto('applications')
    .values({ call_id: callId, organisation_id: organisationId, created_by: owner.id, eligibility_answers: {} })
    .returning('id')
    .executeTakeFirstOrThrow()
  const applicationId = app.id
  const access = (await getApplicationForMember(db, applicationId, owner.id))!
  for (const [key, data] of Object.entries(COMPLETE_SECTIONS)) {
    const result = await saveSection(db, access, owner, key as keyof typeof COMPLETE_SECTIONS, { data, baseVersion: 0, complete: true })
    expect(result, key).toMatchObject({ ok: true, completed: true })
  }
  const docs = await db.selectFrom('call_documents').select(['id', 'mandatory']).where('call_id', '=', callId).orderBy('position').execute()
  for (const d of docs.filter((x) => x.mandatory)) {
    const up = await uploadAttachment(db, uploadStorage(env), access, owner, { callDocumentId: d.id, filename: `Tài liệu ${d.id}.pdf`, stream: PDF })
    expect(up.ok).toBe(true)
  }
  const step = async (event: 'submit' | 'start_screening' | 'declare_eligible', as: 'applicant' | 'staff', actor: FixturePerson) => {
    const result = await applyTransition(db, { applicationId, event, as, actor, lang: 'vi', appUrl: env.APP_URL })
    expect(result, event).toMatchObject({ ok: true })
  }
  await step('submit', 'applicant', owner)
  await step('start_screening', 'staff', staff)
  await db
    .insertInto('screening_checks')
    .values({ application_id: applicationId, items: { documents: true, eligibility: true, legal: true }, updated_by: staff.id, updated_at: new Date() })
    .execute()
  await step('declare_eligible', 'staff', staff)
  return { applicationId, organisationId, callId, owner, staff }
}

const REVIEWER_NAMES = [
  'Trần Văn Khoa',
  'Lê Thị Hạnh',
  'Phạm Minh Đức',
  'Hoàng Thị Lan',
  'Võ Văn Sơn',
  'Đặng Thị Mai',
  'Bùi Quang Huy',
  'Ngô Thị Thu',
  'Đỗ Văn Long',
  'Huỳnh Thị Yến',
]

/** `n` active users holding the reviewer role, each with a distinct name and address. */
export async function createReviewers(db: DB, n: number): Promise<FixturePerson[]> {
  const out: FixturePerson[] = []
  for (let i = 0; i < n; i++) {
    const k = ++seq
    const fullName = `${REVIEWER_NAMES[i % REVIEWER_NAMES.length]}${i >= REVIEWER_NAMES.length ? ` ${Math.floor(i / REVIEWER_NAMES.length) + 1}` : ''}`
    const user = await createUser(db, { roles: ['reviewer'], fullName, email: `reviewer${k}.${Date.now().toString(36)}@dhtn.edu.vn` })
    out.push({ ...user, fullName })
  }
  return out
}

/**
 * Takes an eligible application through a council of its call that concludes on it, recommended or not, as
 * the meeting does: the council (formed) has the application, which goes to review through the machine; the
 * council's conclusion is written and the council concluded; then the machine records the review and the
 * conclusion. Members, ballots and the meeting itself are the reviewing tests' business.
 */
export async function concludeOnCouncil(db: DB, input: { applicationId: string; staff: FixturePerson; recommended?: boolean }) {
  const recommended = input.recommended ?? true
  const app = await db.selectFrom('applications').select('call_id').where('id', '=', input.applicationId).executeTakeFirstOrThrow()
  const council = await db
    .insertInto('councils')
    .values({ call_id: app.call_id, name_vi: `Hội đồng tư vấn xét chọn số ${++seq}`, name_en: `Selection council no. ${seq}`, status: 'formed', created_by: input.staff.id })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('council_applications').values({ council_id: council.id, application_id: input.applicationId }).execute()
  const step = async (event: 'start_review' | 'complete_review' | 'recommend' | 'not_recommend') => {
    const result = await applyTransition(db, { applicationId: input.applicationId, event, as: 'staff', actor: input.staff, lang: 'vi' })
    expect(result, event).toMatchObject({ ok: true })
  }
  await step('start_review')
  await db
    .insertInto('council_conclusions')
    .values({ application_id: input.applicationId, council_id: council.id, mean: 85, final_score: 85, rank: 1, recommended, fundable: recommended, concluded_by: input.staff.id })
    .execute()
  await db.updateTable('councils').set({ status: 'concluded' }).where('id', '=', council.id).execute()
  await step('complete_review')
  await step(recommended ? 'recommend' : 'not_recommend')
  return { councilId: council.id }
}

export const TEAM = ['Trần Thị Thẩm', 'Lê Văn Định', 'Phạm Thị Kinh', 'Hoàng Văn Phí', 'Võ Thị Toán']

/**
 * Takes a recommended application through the steps between the council and the decision, as the portal does:
 * the office asks for the revision (the budget section reopens), the owner resubmits it, the office forms the
 * appraisal team of five, the appraisal starts, its meeting is recorded (4 of 5 present, `labour` appraised out
 * of the 500.000.000 ₫ requested, partial lump sum), its minutes are sent for signature and signed by a director
 * (with the test keys), and the appraisal concludes.
 */
export async function reviseAndAppraise(db: DB, env: Env, input: { applicationId: string; owner: FixturePerson; staff: FixturePerson; labour?: number }) {
  const { formAppraisalTeam, recordAppraisal } = await import('../../app/modules/appraisal')
  const { requestSignature } = await import('../../app/modules/decisions')
  const { signPending } = await import('./signing')
  const move = async (event: 'request_revision' | 'submit_revision' | 'start_appraisal' | 'complete_appraisal', as: 'staff' | 'applicant', actor: FixturePerson, form: Record<string, string> = {}) => {
    const result = await applyTransition(db, { applicationId: input.applicationId, event, as, actor, input: form, lang: 'vi', appUrl: env.APP_URL })
    expect(result, event).toMatchObject({ ok: true })
  }
  await move('request_revision', 'staff', input.staff, { message: 'Hoàn thiện dự toán theo kết luận của hội đồng.', due: '31/12/2099', section_budget: 'on' })
  await move('submit_revision', 'applicant', input.owner)
  const formed = await formAppraisalTeam(db, {
    applicationId: input.applicationId,
    members: TEAM.map((fullName, i) => ({ seat: i + 1, fullName, position: 'Chuyên gia tài chính', role: i === 0 ? 'leader' : 'member' })),
    leader: 1,
    actor: input.staff,
  })
  expect(formed).toEqual({ ok: true })
  await move('start_appraisal', 'staff', input.staff)
  const recorded = await recordAppraisal(db, {
    applicationId: input.applicationId,
    record: { metOn: '2026-12-10', present: [1, 2, 3, 4], method: 'partial', amounts: { labour: input.labour ?? 480_000_000 }, notes: '' },
    actor: input.staff,
  })
  expect(recorded).toEqual({ ok: true })
  expect(await requestSignature(db, { kind: 'appraisal_minutes', applicationId: input.applicationId, actor: input.staff, appUrl: env.APP_URL })).toMatchObject({ ok: true })
  const director = await createUser(db, { roles: ['director'] })
  expect(await signPending(db, uploadStorage(env), { applicationId: input.applicationId }, director, 'appraisal_minutes')).toMatchObject({ ok: true })
  await move('complete_appraisal', 'staff', input.staff)
}
