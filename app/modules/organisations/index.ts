import { randomBytes } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import type { DB } from '../../../db'
import type { Database, Lang, MemberRole, OrganisationType } from '../../../db/schema'
import { translator } from '../../i18n'
import { recordAudit } from '../audit'
import type { RequestMeta } from '../auth/accounts'
import { sha256 } from '../auth/tokens'
import { enqueueEmail } from '../notifications'
import type { OrganisationInput } from './schemas'

// Organisations that apply to the Fund, and the people who act for them. Every function takes the database
// first; membership is checked here, so a route cannot forget it. A non-member learns nothing: the
// functions answer as if the organisation did not exist.

type Trx = Transaction<Database>

export const ORG_INVITATION_TTL_HOURS = 7 * 24

export interface Actor {
  id: string
  email: string
  fullName: string
}

export interface WardOption {
  code: string
  kind: 'phuong' | 'xa'
  name: string
}

const collator = new Intl.Collator('vi')

/** The province's wards (phường) and communes (xã), from the reference data: wards first, then by name. */
export async function listWards(db: DB): Promise<WardOption[]> {
  const rows = await db.selectFrom('wards').select(['code', 'kind', 'name']).where('active', '=', true).execute()
  return rows.sort((a, b) => (a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === 'phuong' ? -1 : 1))
}

async function wardExists(db: DB | Trx, code: string) {
  return !!(await db.selectFrom('wards').select('code').where('code', '=', code).where('active', '=', true).executeTakeFirst())
}

export interface MyOrganisation {
  id: string
  name: string
  type: OrganisationType
  identifier: string
  identifier_kind: 'tax_code' | 'citizen_id'
  role: MemberRole
}

/** The organisations a user belongs to, with their role in each. */
export async function listMyOrganisations(db: DB, userId: string): Promise<MyOrganisation[]> {
  const rows = await db
    .selectFrom('organisation_members as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.id', 'o.name', 'o.type', 'o.identifier', 'o.identifier_kind', 'm.role'])
    .where('m.user_id', '=', userId)
    .execute()
  return rows.sort((a, b) => collator.compare(a.name, b.name))
}

function columnsOf(input: OrganisationInput) {
  return {
    type: input.type,
    name: input.name,
    identifier: input.identifier,
    identifier_kind: /^\d{12}$/.test(input.identifier) ? ('citizen_id' as const) : ('tax_code' as const),
    address_line: input.addressLine,
    ward_code: input.wardCode,
    legal_rep_name: input.legalRepName,
    legal_rep_title: input.legalRepTitle,
    phone: input.phone,
    email: input.email,
    website: input.website || null,
  }
}

/** Field errors as catalogue keys, for checks only the server can make. */
export type FieldProblems = Record<string, string>

export type CreateResult = { ok: true; id: string } | { ok: false; errors: FieldProblems }

/**
 * Registers an organisation; its creator becomes its owner. An identifier already registered is refused
 * without saying who holds it: the person is told to ask the organisation's owner for an invitation.
 */
export async function createOrganisation(db: DB, user: Actor, input: OrganisationInput, meta: Pick<RequestMeta, 'ip'>): Promise<CreateResult> {
  return db.transaction().execute(async (trx): Promise<CreateResult> => {
    if (!(await wardExists(trx, input.wardCode))) return { ok: false, errors: { wardCode: 'org.validation.ward.unknown' } }
    const org = await trx
      .insertInto('organisations')
      .values({ ...columnsOf(input), created_by: user.id, updated_at: new Date() })
      .onConflict((oc) => oc.column('identifier').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!org) return { ok: false, errors: { identifier: 'org.validation.identifier.taken' } }
    await trx.insertInto('organisation_members').values({ organisation_id: org.id, user_id: user.id, role: 'owner' }).execute()
    await recordAudit(trx, {
      action: 'organisation.created',
      actor: user,
      subjectType: 'organisation',
      subjectId: org.id,
      ip: meta.ip,
      details: { name: input.name, identifier: input.identifier },
    })
    return { ok: true, id: org.id }
  })
}

export interface OrganisationDetails {
  id: string
  type: OrganisationType
  name: string
  identifier: string
  identifier_kind: 'tax_code' | 'citizen_id'
  address_line: string
  ward_code: string
  ward_name: string
  ward_kind: 'phuong' | 'xa'
  legal_rep_name: string
  legal_rep_title: string
  phone: string
  email: string
  website: string | null
  created_at: Date
  updated_at: Date
  /** The role of the user who asked. */
  role: MemberRole
}

/** The organisation with the member's role, or null when it does not exist or the user is not a member. */
export async function getOrganisationForMember(db: DB, orgId: string, userId: string): Promise<OrganisationDetails | null> {
  const row = await db
    .selectFrom('organisations as o')
    .innerJoin('organisation_members as m', (j) => j.onRef('m.organisation_id', '=', 'o.id').on('m.user_id', '=', userId))
    .innerJoin('wards as w', 'w.code', 'o.ward_code')
    .select([
      'o.id', 'o.type', 'o.name', 'o.identifier', 'o.identifier_kind', 'o.address_line', 'o.ward_code', 'w.name as ward_name',
      'w.kind as ward_kind', 'o.legal_rep_name', 'o.legal_rep_title', 'o.phone', 'o.email', 'o.website', 'o.created_at',
      'o.updated_at', 'm.role',
    ])
    .where('o.id', '=', orgId)
    .executeTakeFirst()
  return row ?? null
}

async function roleIn(db: DB | Trx, orgId: string, userId: string, lock = false): Promise<MemberRole | null> {
  let q = db.selectFrom('organisation_members').select('role').where('organisation_id', '=', orgId).where('user_id', '=', userId)
  if (lock) q = q.forUpdate()
  return (await q.executeTakeFirst())?.role ?? null
}

export const canEdit = (role: MemberRole | null | undefined) => role === 'owner' || role === 'editor'

export type UpdateResult = { ok: true } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'forbidden' } | { ok: false; reason: 'invalid'; errors: FieldProblems }

/** Changes an organisation's details: owners and editors only. */
export async function updateOrganisation(
  db: DB,
  user: Actor,
  orgId: string,
  input: OrganisationInput,
  meta: Pick<RequestMeta, 'ip'>,
): Promise<UpdateResult> {
  return db.transaction().execute(async (trx): Promise<UpdateResult> => {
    const role = await roleIn(trx, orgId, user.id)
    if (!role) return { ok: false, reason: 'not-found' }
    if (!canEdit(role)) return { ok: false, reason: 'forbidden' }
    if (!(await wardExists(trx, input.wardCode))) return { ok: false, reason: 'invalid', errors: { wardCode: 'org.validation.ward.unknown' } }
    const taken = await trx.selectFrom('organisations').select('id').where('identifier', '=', input.identifier).where('id', '!=', orgId).executeTakeFirst()
    if (taken) return { ok: false, reason: 'invalid', errors: { identifier: 'org.validation.identifier.taken' } }
    const before = await trx.selectFrom('organisations').selectAll().where('id', '=', orgId).forUpdate().executeTakeFirstOrThrow()
    const after = columnsOf(input)
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k])
    if (changed.length === 0) return { ok: true }
    await trx.updateTable('organisations').set({ ...after, updated_at: new Date() }).where('id', '=', orgId).execute()
    await recordAudit(trx, { action: 'organisation.updated', actor: user, subjectType: 'organisation', subjectId: orgId, ip: meta.ip, details: { fields: changed } })
    return { ok: true }
  })
}

export interface MemberRow {
  user_id: string
  full_name: string
  email: string
  role: MemberRole
  added_at: Date
}

export interface PendingInvitation {
  id: string
  email: string
  role: 'editor' | 'viewer'
  created_at: Date
  expires_at: Date
}

/** Members (owners first, then by name) and the invitations still waiting; null for a non-member. */
export async function listMembers(db: DB, orgId: string, userId: string): Promise<{ members: MemberRow[]; invitations: PendingInvitation[] } | null> {
  if (!(await roleIn(db, orgId, userId))) return null
  const order: Record<MemberRole, number> = { owner: 0, editor: 1, viewer: 2 }
  const lastWord = (name: string) => name.split(' ').at(-1) ?? name
  const members = (
    await db
      .selectFrom('organisation_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.user_id', 'u.full_name', 'u.email', 'm.role', 'm.added_at'])
      .where('m.organisation_id', '=', orgId)
      .execute()
  ).sort((a, b) => order[a.role] - order[b.role] || collator.compare(lastWord(a.full_name), lastWord(b.full_name)) || collator.compare(a.full_name, b.full_name))
  const invitations = await db
    .selectFrom('organisation_invitations')
    .select(['id', 'email', 'role', 'created_at', 'expires_at'])
    .where('organisation_id', '=', orgId)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at')
    .execute()
  return { members, invitations }
}

export type InviteResult = { ok: true } | { ok: false; reason: 'not-found' | 'forbidden' } | { ok: false; reason: 'invalid'; errors: FieldProblems }

/**
 * Invites a person by e-mail (owners only). The single-use link is valid for 7 days; only its hash is stored,
 * and a new invitation to the same address replaces the one still waiting. The mail is queued in the same
 * transaction. Someone who already belongs to the organisation is not invited again.
 */
export async function inviteMember(
  db: DB,
  owner: Actor,
  orgId: string,
  input: { email: string; role: 'editor' | 'viewer' },
  meta: RequestMeta,
): Promise<InviteResult> {
  const email = input.email.toLowerCase()
  return db.transaction().execute(async (trx): Promise<InviteResult> => {
    const role = await roleIn(trx, orgId, owner.id)
    if (!role) return { ok: false, reason: 'not-found' }
    if (role !== 'owner') return { ok: false, reason: 'forbidden' }
    const member = await trx
      .selectFrom('organisation_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('u.id')
      .where('m.organisation_id', '=', orgId)
      .where(sql`lower(u.email)`, '=', email)
      .executeTakeFirst()
    if (member) return { ok: false, reason: 'invalid', errors: { email: 'org.invite.alreadyMember' } }
    const org = await trx.selectFrom('organisations').select(['name']).where('id', '=', orgId).executeTakeFirstOrThrow()
    const invitee = await trx.selectFrom('users').select(['full_name', 'lang']).where(sql`lower(email)`, '=', email).executeTakeFirst()
    await trx
      .deleteFrom('organisation_invitations')
      .where('organisation_id', '=', orgId)
      .where(sql`lower(email)`, '=', email)
      .where('accepted_at', 'is', null)
      .execute()
    const token = randomBytes(32).toString('base64url')
    const invitation = await trx
      .insertInto('organisation_invitations')
      .values({
        organisation_id: orgId,
        email,
        role: input.role,
        token_hash: sha256(token),
        invited_by: owner.id,
        expires_at: new Date(Date.now() + ORG_INVITATION_TTL_HOURS * 3600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const lang: Lang = invitee?.lang ?? meta.lang
    const t = translator(lang)
    await enqueueEmail(trx, {
      template: 'organisation_invitation',
      to: { address: email, name: invitee?.full_name ?? null },
      lang,
      data: {
        name: invitee?.full_name ?? email,
        organisation: org.name,
        role: t(`org.role.${input.role}`),
        inviter: owner.fullName,
        link: `${meta.appUrl}/organisation-invitation?token=${encodeURIComponent(token)}`,
        registerLink: `${meta.appUrl}/register`,
        hasAccount: !!invitee,
        hours: ORG_INVITATION_TTL_HOURS,
      },
    })
    await recordAudit(trx, {
      action: 'organisation.member_invited',
      actor: owner,
      subjectType: 'organisation',
      subjectId: orgId,
      ip: meta.ip,
      details: { email, role: input.role, invitation: invitation.id },
    })
    return { ok: true }
  })
}

/** Withdraws an invitation still waiting (owners only). */
export async function cancelInvitation(db: DB, owner: Actor, orgId: string, invitationId: string, meta: Pick<RequestMeta, 'ip'>) {
  return db.transaction().execute(async (trx) => {
    const role = await roleIn(trx, orgId, owner.id)
    if (!role) return 'not-found' as const
    if (role !== 'owner') return 'forbidden' as const
    const removed = await trx
      .deleteFrom('organisation_invitations')
      .where('id', '=', invitationId)
      .where('organisation_id', '=', orgId)
      .where('accepted_at', 'is', null)
      .returning(['email', 'role'])
      .executeTakeFirst()
    if (!removed) return 'gone' as const
    await recordAudit(trx, {
      action: 'organisation.invitation_cancelled',
      actor: owner,
      subjectType: 'organisation',
      subjectId: orgId,
      ip: meta.ip,
      details: { email: removed.email, role: removed.role },
    })
    return 'cancelled' as const
  })
}

export interface InvitationView {
  organisationId: string
  organisation: string
  role: 'editor' | 'viewer'
  email: string
  inviter: string | null
  expiresAt: Date
}

/** What a live invitation link offers, without using it up; null when unknown, used or expired. */
export async function invitationByToken(db: DB | Trx, token: string): Promise<InvitationView | null> {
  if (!token || token.length > 200) return null
  const row = await db
    .selectFrom('organisation_invitations as i')
    .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
    .leftJoin('users as u', 'u.id', 'i.invited_by')
    .select(['i.organisation_id', 'o.name', 'i.role', 'i.email', 'u.full_name', 'i.expires_at'])
    .where('i.token_hash', '=', sha256(token))
    .where('i.accepted_at', 'is', null)
    .where('i.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst()
  return row
    ? { organisationId: row.organisation_id, organisation: row.name, role: row.role, email: row.email, inviter: row.full_name, expiresAt: row.expires_at }
    : null
}

export type AcceptResult =
  | { result: 'accepted' | 'already-member'; organisationId: string }
  | { result: 'wrong-account'; email: string }
  | { result: 'invalid' }

/**
 * Accepts an invitation for the signed-in user, whose address must be the invited one (in any letter case).
 * The link is used up atomically: of two concurrent uses exactly one succeeds.
 */
export async function acceptOrganisationInvitation(db: DB, user: Actor, token: string, meta: Pick<RequestMeta, 'ip'>): Promise<AcceptResult> {
  if (!token || token.length > 200) return { result: 'invalid' }
  return db.transaction().execute(async (trx): Promise<AcceptResult> => {
    const used = await trx
      .updateTable('organisation_invitations')
      .set({ accepted_at: sql`now()` })
      .where('token_hash', '=', sha256(token))
      .where('accepted_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .where(sql`lower(email)`, '=', user.email.toLowerCase())
      .returning(['organisation_id', 'role', 'email'])
      .executeTakeFirst()
    if (!used) {
      const live = await invitationByToken(trx, token)
      return live ? { result: 'wrong-account', email: live.email } : { result: 'invalid' }
    }
    const added = await trx
      .insertInto('organisation_members')
      .values({ organisation_id: used.organisation_id, user_id: user.id, role: used.role })
      .onConflict((oc) => oc.columns(['organisation_id', 'user_id']).doNothing())
      .returning('role')
      .executeTakeFirst()
    if (!added) return { result: 'already-member', organisationId: used.organisation_id }
    await recordAudit(trx, {
      action: 'organisation.member_joined',
      actor: user,
      subjectType: 'organisation',
      subjectId: used.organisation_id,
      ip: meta.ip,
      details: { userId: user.id, email: user.email, role: used.role },
    })
    return { result: 'accepted', organisationId: used.organisation_id }
  })
}

export type MemberChangeResult = 'done' | 'not-found' | 'forbidden' | 'no-member' | 'last-owner' | 'unchanged'

/** Locks the organisation's owner rows and says whether `userId` is the only owner. */
async function isLastOwner(trx: Trx, orgId: string, userId: string) {
  const owners = await trx
    .selectFrom('organisation_members')
    .select('user_id')
    .where('organisation_id', '=', orgId)
    .where('role', '=', 'owner')
    .forUpdate()
    .execute()
  return owners.length === 1 && owners[0].user_id === userId
}

/** Removes a member (owners only). The last owner cannot be removed: every organisation keeps one. */
export async function removeMember(db: DB, owner: Actor, orgId: string, userId: string, meta: Pick<RequestMeta, 'ip'>): Promise<MemberChangeResult> {
  return db.transaction().execute(async (trx) => {
    const role = await roleIn(trx, orgId, owner.id)
    if (!role) return 'not-found'
    if (role !== 'owner') return 'forbidden'
    const target = await roleIn(trx, orgId, userId, true)
    if (!target) return 'no-member'
    if (target === 'owner' && (await isLastOwner(trx, orgId, userId))) return 'last-owner'
    const removed = await trx
      .deleteFrom('organisation_members')
      .where('organisation_id', '=', orgId)
      .where('user_id', '=', userId)
      .returning('role')
      .executeTakeFirst()
    if (!removed) return 'no-member'
    await recordAudit(trx, { action: 'organisation.member_removed', actor: owner, subjectType: 'organisation', subjectId: orgId, ip: meta.ip, details: { userId, role: removed.role } })
    return 'done'
  })
}

/** Changes a member's role (owners only). The last owner cannot step down. */
export async function changeRole(
  db: DB,
  owner: Actor,
  orgId: string,
  userId: string,
  newRole: MemberRole,
  meta: Pick<RequestMeta, 'ip'>,
): Promise<MemberChangeResult> {
  return db.transaction().execute(async (trx) => {
    const role = await roleIn(trx, orgId, owner.id)
    if (!role) return 'not-found'
    if (role !== 'owner') return 'forbidden'
    const target = await roleIn(trx, orgId, userId, true)
    if (!target) return 'no-member'
    if (target === newRole) return 'unchanged'
    if (target === 'owner' && (await isLastOwner(trx, orgId, userId))) return 'last-owner'
    await trx.updateTable('organisation_members').set({ role: newRole }).where('organisation_id', '=', orgId).where('user_id', '=', userId).execute()
    await recordAudit(trx, {
      action: 'organisation.member_role_changed',
      actor: owner,
      subjectType: 'organisation',
      subjectId: orgId,
      ip: meta.ip,
      details: { userId, from: target, to: newRole },
    })
    return 'done'
  })
}
