import type { DB } from '../../db'
import type { MemberRole } from '../../db/schema'
import { createCall } from './calls'

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
