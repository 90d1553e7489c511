import type { DB } from '../db'
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
