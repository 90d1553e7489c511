import type { DB } from '../db'
import type { OrganisationType } from '../db/schema'
import { getApplicationForMember, saveSection, uploadAttachment, type uploadStorage } from '../app/modules/applications'
import { PDF } from '../tests/fixtures/files'
import { COMPLETE_SECTIONS } from '../tests/setup/sections'

// Applicants for the benchmarks, filed through the application's own modules (not timed): a user, an organisation
// they own, and a draft with every section completed and a small PDF for each mandatory document.

export interface FiledDraft {
  user: { id: string; email: string; fullName: string }
  organisationId: string
  applicationId: string
  access: NonNullable<Awaited<ReturnType<typeof getApplicationForMember>>>
}

export async function fileCompleteDraft(
  db: DB,
  storage: ReturnType<typeof uploadStorage>,
  input: { callId: string; mandatoryDocumentIds: readonly number[]; index: number; organisationName: string; title?: string },
): Promise<FiledDraft> {
  const { index } = input
  const fullName = `Người nộp ${index}`
  const email = `applicant${index}@bench.example.vn`
  // No password: logging in is not measured, and hashing one (scrypt) per applicant would dominate the setup.
  const user = await db.insertInto('users').values({ email, full_name: fullName, password_hash: null, email_verified_at: new Date() }).returning('id').executeTakeFirstOrThrow()
  await db.insertInto('user_roles').values({ user_id: user.id, role: 'applicant', granted_by: null }).execute()
  const org = await db
    .insertInto('organisations')
    .values({
      type: 'enterprise',
      name: input.organisationName,
      identifier: `8${String(index).padStart(9, '0')}`,
      identifier_kind: 'tax_code',
      address_line: '15 Lê Duẩn',
      ward_code: '001',
      legal_rep_name: 'Nguyễn Văn An',
      legal_rep_title: 'Giám đốc',
      phone: '0912345678',
      email: `info${index}@bench.example.vn`,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('organisation_members').values({ organisation_id: org.id, user_id: user.id, role: 'owner' }).execute()
  const app = await db
    .insertInto('applications')
    .values({ call_id: input.callId, organisation_id: org.id, created_by: user.id, eligibility_answers: {} })
    .returning('id')
    .executeTakeFirstOrThrow()
  const access = (await getApplicationForMember(db, app.id, user.id))!
  const actor = { id: user.id, email }
  for (const [key, data] of Object.entries(COMPLETE_SECTIONS)) {
    const section = key === 'general' && input.title ? { ...data, title: input.title } : data
    const r = await saveSection(db, access, actor, key as keyof typeof COMPLETE_SECTIONS, { data: section, baseVersion: 0, complete: true })
    if (!('ok' in r) || !r.completed) throw new Error(`seeding ${key}: ${JSON.stringify(r)}`)
  }
  for (const docId of input.mandatoryDocumentIds) {
    const up = await uploadAttachment(db, storage, access, actor, { callDocumentId: docId, filename: `Tài liệu ${docId}.pdf`, stream: PDF })
    if (!up.ok) throw new Error(`seeding attachment: ${JSON.stringify(up)}`)
  }
  return { user: { id: user.id, email, fullName }, organisationId: org.id, applicationId: app.id, access }
}

/** One open call (closing in 20 days) with two mandatory documents and an optional one. */
export async function createCall(db: DB) {
  const now = Date.now()
  const day = 24 * 3600_000
  const rubric = await db.selectFrom('rubrics').select('id').where('code', '=', 'project').executeTakeFirstOrThrow()
  const call = await db
    .insertInto('calls')
    .values({
      code: `BENCH-${now.toString(36).toUpperCase()}`,
      status: 'published',
      modality: 'grant',
      priority_field: 'hitech_agriculture',
      title_vi: 'Đợt thử tải: nông nghiệp công nghệ cao',
      title_en: 'Load-test call: hi-tech agriculture',
      summary_vi: 'Tóm tắt',
      summary_en: 'Summary',
      description_vi: 'Mô tả đợt.',
      description_en: 'About the call.',
      opens_at: new Date(now - 10 * day),
      closes_at: new Date(now + 20 * day),
      grace_minutes: 0,
      budget_total: 5_000_000_000,
      max_amount: 1_000_000_000,
      min_counterpart_pct: 50,
      max_duration_months: 24,
      eligible_types: ['enterprise', 'cooperative'] as OrganisationType[],
      eligibility_questions: [],
      rubric_id: rubric.id,
      published_at: new Date(now),
    })
    .returning(['id', 'code'])
    .executeTakeFirstOrThrow()
  await db
    .insertInto('call_documents')
    .values([
      { call_id: call.id, position: 1, name_vi: 'Giấy đăng ký doanh nghiệp', name_en: 'Enterprise registration', accepted_types: ['pdf', 'jpg'] },
      { call_id: call.id, position: 2, name_vi: 'Thuyết minh', name_en: 'Proposal', accepted_types: ['pdf'], max_size_mb: 20 },
      { call_id: call.id, position: 3, name_vi: 'Tài liệu khác', name_en: 'Other documents', mandatory: false, accepted_types: ['pdf', 'docx'], max_size_mb: 20 },
    ])
    .execute()
  const docs = await db.selectFrom('call_documents').select(['id', 'mandatory']).where('call_id', '=', call.id).orderBy('position').execute()
  return { ...call, mandatory: docs.filter((d) => d.mandatory).map((d) => d.id) }
}
