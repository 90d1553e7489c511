import { expect } from 'vitest'
import type { DB } from '../../db'
import type { MemberRole } from '../../db/schema'
import type { Env } from '../../app/config/env.server'
import { getApplicationForMember, saveSection, uploadAttachment, uploadStorage } from '../../app/modules/applications'
import { PDF } from '../fixtures/files'
import { createCall } from './calls'
import { COMPLETE_SECTIONS } from './sections'

export { COMPLETE_SECTIONS }

let seq = 0

/** An enterprise with a valid tax code in Buôn Ma Thuột, and its members (the first user given is the owner). */
export async function createOrganisation(db: DB, members: { userId: string; role: MemberRole }[]) {
  // Unique, valid-looking 10-digit identifiers are not needed here: the module validates input, not fixtures.
  const identifier = `9${String(Date.now()).slice(-6)}${String(++seq).padStart(3, '0')}`
  const org = await db
    .insertInto('organisations')
    .values({
      type: 'enterprise',
      name: `Công ty TNHH Cà phê Thử Nghiệm ${seq}`,
      identifier,
      identifier_kind: 'tax_code',
      address_line: '15 Lê Duẩn',
      ward_code: '001',
      legal_rep_name: 'Nguyễn Văn An',
      legal_rep_title: 'Giám đốc',
      phone: '0912345678',
      email: `info${seq}@caphe.vn`,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const m of members) await db.insertInto('organisation_members').values({ organisation_id: org.id, user_id: m.userId, role: m.role }).execute()
  return org.id
}

/** A draft application of a new organisation (owned by `ownerId`) to an open call with three documents. */
export async function createDraftApplication(db: DB, ownerId: string, callOverrides: Parameters<typeof createCall>[1] = {}) {
  const call = await createCall(db, callOverrides)
  const organisationId = await createOrganisation(db, [{ userId: ownerId, role: 'owner' }])
  const app = await db
    .insertInto('applications')
    .values({ call_id: call.id, organisation_id: organisationId, created_by: ownerId, eligibility_answers: {} })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { applicationId: app.id, organisationId, call }
}


/** A draft whose every section is completed and whose mandatory documents have real (small) PDFs. */
export async function createCompleteDraft(
  db: DB,
  env: Env,
  owner: { id: string; email: string },
  callOverrides: Parameters<typeof createCall>[1] = {},
) {
  const draft = await createDraftApplication(db, owner.id, callOverrides)
  const access = (await getApplicationForMember(db, draft.applicationId, owner.id))!
  for (const [key, data] of Object.entries(COMPLETE_SECTIONS)) {
    const result = await saveSection(db, access, owner, key as keyof typeof COMPLETE_SECTIONS, { data, baseVersion: 0, complete: true })
    expect(result, key).toMatchObject({ ok: true, completed: true })
  }
  const docs = await db.selectFrom('call_documents').select(['id', 'mandatory']).where('call_id', '=', draft.call.id).orderBy('position').execute()
  for (const d of docs.filter((x) => x.mandatory)) {
    const up = await uploadAttachment(db, uploadStorage(env), access, owner, { callDocumentId: d.id, filename: `Tài liệu ${d.id}.pdf`, stream: PDF })
    expect(up.ok).toBe(true)
  }
  return { ...draft, docs }
}
