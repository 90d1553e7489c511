import { sql, type Transaction } from 'kysely'
import type { DB } from '../../../db'
import type { Database, Lang, Role } from '../../../db/schema'
import { formatDateTime } from '../../i18n/format'
import { translator } from '../../i18n'
import { recordAudit } from '../audit'
import { enqueueEmail } from '../notifications'
import { hashPassword, verifyPassword } from './password'
import { destroyUserSessions } from './sessions'
import { clearSignInFailures } from './sign-in'
import { consumeToken, issueToken, peekToken } from './tokens'

type Trx = Transaction<Database>

export const VERIFY_TTL_HOURS = 48
export const RESET_TTL_HOURS = 1
export const INVITATION_TTL_HOURS = 7 * 24

/** What every account operation needs to know about the request that asks for it. */
export interface RequestMeta {
  appUrl: string
  ip: string | null
  lang: Lang
  scryptLogN: number
}

const link = (meta: RequestMeta, path: string, token: string) => `${meta.appUrl}${path}?token=${encodeURIComponent(token)}`

const LINKS = {
  verify_email: { template: 'verify_email', path: '/verify-email', hours: VERIFY_TTL_HOURS },
  reset_password: { template: 'reset_password', path: '/reset-password', hours: RESET_TTL_HOURS },
} as const

/** Issues a single-use token and queues the mail carrying its link, in the same transaction. */
async function mailTokenLink(
  trx: Trx,
  user: { id: string; email: string; full_name: string; lang: Lang },
  purpose: keyof typeof LINKS,
  meta: RequestMeta,
) {
  const { template, path, hours } = LINKS[purpose]
  const token = await issueToken(trx, user.id, purpose, hours)
  await enqueueEmail(trx, {
    template,
    to: { address: user.email, name: user.full_name },
    lang: user.lang,
    data: { name: user.full_name, link: link(meta, path, token), hours },
  })
}

/**
 * Registers an applicant. An address already registered gets a mail saying so (with a reset link) and
 * the page says the same as for a new account, so the form does not reveal who has an account.
 */
export async function registerUser(
  db: DB,
  input: { fullName: string; email: string; password: string },
  meta: RequestMeta,
): Promise<'registered' | 'exists'> {
  const hash = await hashPassword(input.password, meta.scryptLogN)
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('users')
      .select(['id', 'full_name', 'lang'])
      .where(sql`lower(email)`, '=', input.email)
      .executeTakeFirst()
    if (existing) {
      await enqueueEmail(trx, {
        template: 'account_exists',
        to: { address: input.email, name: existing.full_name },
        lang: existing.lang,
        data: { name: existing.full_name, loginLink: `${meta.appUrl}/login`, resetLink: `${meta.appUrl}/forgot-password` },
      })
      return 'exists'
    }
    const user = await trx
      .insertInto('users')
      .values({ email: input.email, full_name: input.fullName, password_hash: hash, lang: meta.lang })
      .returning(['id'])
      .executeTakeFirstOrThrow()
    await trx.insertInto('user_roles').values({ user_id: user.id, role: 'applicant', granted_by: null }).execute()
    await mailTokenLink(trx, { id: user.id, email: input.email, full_name: input.fullName, lang: meta.lang }, 'verify_email', meta)
    await recordAudit(trx, { action: 'auth.register', actor: { id: user.id, email: input.email }, subjectType: 'user', subjectId: user.id, ip: meta.ip })
    return 'registered'
  })
}

/** Sends a fresh verification link if the address belongs to an active, unverified account. */
export async function resendVerification(db: DB, email: string, meta: RequestMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'full_name', 'lang', 'email'])
      .where(sql`lower(email)`, '=', email)
      .where('status', '=', 'active')
      .where('email_verified_at', 'is', null)
      .executeTakeFirst()
    if (user) await mailTokenLink(trx, user, 'verify_email', meta)
  })
}

export async function verifyEmail(db: DB, token: string, meta: RequestMeta): Promise<'verified' | 'invalid'> {
  return db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, token, 'verify_email')
    if (!userId) return 'invalid'
    const user = await trx
      .updateTable('users')
      .set({ email_verified_at: new Date(), updated_at: new Date() })
      .where('id', '=', userId)
      .returning(['email'])
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { action: 'auth.email_verified', actor: { id: userId, email: user.email }, subjectType: 'user', subjectId: userId, ip: meta.ip })
    return 'verified'
  })
}

export async function recordLogout(db: DB, user: { id: string; email: string }, meta: Pick<RequestMeta, 'ip'>) {
  await recordAudit(db, { action: 'auth.logout', actor: user, subjectType: 'user', subjectId: user.id, ip: meta.ip })
}

/** Mails a single-use reset link if the address has an active account; says nothing either way. */
export async function requestPasswordReset(db: DB, email: string, meta: RequestMeta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'email', 'full_name', 'lang'])
      .where(sql`lower(email)`, '=', email)
      .where('status', '=', 'active')
      .executeTakeFirst()
    if (!user) return
    await mailTokenLink(trx, user, 'reset_password', meta)
    await recordAudit(trx, { action: 'auth.password_reset_requested', actor: { id: user.id, email: user.email }, subjectType: 'user', subjectId: user.id, ip: meta.ip })
  })
}

export async function isResetTokenLive(db: DB, token: string) {
  return (await peekToken(db, token, 'reset_password')) !== null
}

async function passwordChangedMail(trx: Trx, user: { email: string; full_name: string; lang: Lang }, meta: RequestMeta) {
  await enqueueEmail(trx, {
    template: 'password_changed',
    to: { address: user.email, name: user.full_name },
    lang: user.lang,
    data: { name: user.full_name, at: formatDateTime(new Date(), user.lang), link: `${meta.appUrl}/forgot-password` },
  })
}

/** Sets a new password from a reset link; every session of the account ends, and a pause on its sign-in is lifted. */
export async function resetPassword(db: DB, input: { token: string; password: string }, meta: RequestMeta): Promise<'reset' | 'invalid'> {
  const hash = await hashPassword(input.password, meta.scryptLogN)
  return db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, input.token, 'reset_password')
    if (!userId) return 'invalid'
    const user = await trx
      .updateTable('users')
      .set((eb) => ({ password_hash: hash, updated_at: new Date(), email_verified_at: eb.fn.coalesce('email_verified_at', sql<Date>`now()`) }))
      .where('id', '=', userId)
      .returning(['email', 'full_name', 'lang'])
      .executeTakeFirstOrThrow()
    await destroyUserSessions(trx, userId)
    await clearSignInFailures(trx, user.email)
    await passwordChangedMail(trx, user, meta)
    await recordAudit(trx, { action: 'auth.password_reset', actor: { id: userId, email: user.email }, subjectType: 'user', subjectId: userId, ip: meta.ip })
    return 'reset'
  })
}

/** Changes the password of the signed-in user; their other sessions end, this one stays. */
export async function changePassword(
  db: DB,
  user: { id: string; sessionHash: string },
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<'changed' | 'wrong-current'> {
  const row = await db.selectFrom('users').select(['password_hash']).where('id', '=', user.id).executeTakeFirstOrThrow()
  if (!(await verifyPassword(input.currentPassword, row.password_hash))) return 'wrong-current'
  const hash = await hashPassword(input.newPassword, meta.scryptLogN)
  await db.transaction().execute(async (trx) => {
    const u = await trx
      .updateTable('users')
      .set({ password_hash: hash, updated_at: new Date() })
      .where('id', '=', user.id)
      .returning(['email', 'full_name', 'lang'])
      .executeTakeFirstOrThrow()
    await destroyUserSessions(trx, user.id, user.sessionHash)
    await passwordChangedMail(trx, u, meta)
    await recordAudit(trx, { action: 'auth.password_changed', actor: { id: user.id, email: u.email }, subjectType: 'user', subjectId: user.id, ip: meta.ip })
  })
  return 'changed'
}

export type InviteResult = 'invited' | 'reinvited' | 'role-granted'

/**
 * Invites a person to a staff role. A new address gets an account waiting for its password and a link to
 * set it; an existing active account simply receives the role.
 */
export async function inviteUser(
  db: DB,
  admin: { id: string; email: string; fullName: string },
  input: { fullName: string; email: string; role: Role; lang: Lang },
  meta: RequestMeta,
): Promise<{ result: InviteResult; userId: string }> {
  return db.transaction().execute(async (trx) => {
    let user = await trx
      .selectFrom('users')
      .select(['id', 'status', 'email', 'full_name'])
      .where(sql`lower(email)`, '=', input.email)
      .executeTakeFirst()
    let result: InviteResult
    if (user && user.status === 'active') {
      result = 'role-granted'
    } else {
      if (!user) {
        user = await trx
          .insertInto('users')
          .values({ email: input.email, full_name: input.fullName, status: 'invited', lang: input.lang })
          .returning(['id', 'status', 'email', 'full_name'])
          .executeTakeFirstOrThrow()
        result = 'invited'
      } else {
        result = 'reinvited'
      }
      const token = await issueToken(trx, user.id, 'invitation', INVITATION_TTL_HOURS)
      const t = translator(input.lang)
      await enqueueEmail(trx, {
        template: 'invitation',
        to: { address: input.email, name: input.fullName },
        lang: input.lang,
        data: {
          name: input.fullName,
          link: link(meta, '/accept-invitation', token),
          roles: t(`role.${input.role}`),
          inviter: admin.fullName,
          hours: INVITATION_TTL_HOURS,
        },
      })
      await recordAudit(trx, { action: 'auth.invitation_sent', actor: admin, subjectType: 'user', subjectId: user.id, ip: meta.ip, details: { email: input.email, role: input.role } })
    }
    await grantRoleIn(trx, admin, user.id, input.role, meta)
    return { result, userId: user.id }
  })
}

export async function invitationFor(db: DB, token: string) {
  const userId = await peekToken(db, token, 'invitation')
  if (!userId) return null
  return db.selectFrom('users').select(['id', 'email', 'full_name']).where('id', '=', userId).where('status', '=', 'invited').executeTakeFirst() ?? null
}

/** Sets the invited person's name and password; the address is proven by the link, so it counts as verified. */
export async function acceptInvitation(db: DB, input: { token: string; fullName: string; password: string }, meta: RequestMeta): Promise<'accepted' | 'invalid'> {
  const hash = await hashPassword(input.password, meta.scryptLogN)
  return db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, input.token, 'invitation')
    if (!userId) return 'invalid'
    const user = await trx
      .updateTable('users')
      .set({ full_name: input.fullName, password_hash: hash, status: 'active', email_verified_at: new Date(), updated_at: new Date() })
      .where('id', '=', userId)
      .where('status', '=', 'invited')
      .returning(['email'])
      .executeTakeFirst()
    if (!user) return 'invalid'
    await recordAudit(trx, { action: 'auth.invitation_accepted', actor: { id: userId, email: user.email }, subjectType: 'user', subjectId: userId, ip: meta.ip })
    return 'accepted'
  })
}

async function grantRoleIn(trx: Trx, admin: { id: string; email: string }, userId: string, role: Role, meta: Pick<RequestMeta, 'ip'>) {
  const inserted = await trx
    .insertInto('user_roles')
    .values({ user_id: userId, role, granted_by: admin.id })
    .onConflict((oc) => oc.doNothing())
    .returning('role')
    .executeTakeFirst()
  if (inserted) await recordAudit(trx, { action: 'role.granted', actor: admin, subjectType: 'user', subjectId: userId, ip: meta.ip, details: { role } })
  return !!inserted
}

export async function grantRole(db: DB, admin: { id: string; email: string }, userId: string, role: Role, meta: Pick<RequestMeta, 'ip'>) {
  return db.transaction().execute((trx) => grantRoleIn(trx, admin, userId, role, meta))
}

/** Removes a role. An admin cannot remove their own admin role, so the portal always keeps one admin at hand. */
export async function revokeRole(
  db: DB,
  admin: { id: string; email: string },
  userId: string,
  role: Role,
  meta: Pick<RequestMeta, 'ip'>,
): Promise<'revoked' | 'not-held' | 'own-admin'> {
  if (userId === admin.id && role === 'admin') return 'own-admin'
  return db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('user_roles').where('user_id', '=', userId).where('role', '=', role).returning('role').executeTakeFirst()
    if (!removed) return 'not-held'
    await recordAudit(trx, { action: 'role.revoked', actor: admin, subjectType: 'user', subjectId: userId, ip: meta.ip, details: { role } })
    return 'revoked'
  })
}

export interface UserListRow {
  id: string
  email: string
  full_name: string
  status: 'active' | 'invited' | 'disabled'
  email_verified_at: Date | null
  created_at: Date
  roles: Role[]
}

const rolesOf = sql<Role[]>`coalesce((SELECT array_agg(role ORDER BY role) FROM user_roles r WHERE r.user_id = users.id), '{}')`

/**
 * Users, newest first. `waiting`: only the people who cannot use their account yet — invited and not yet
 * accepted, or registered and not yet verified (the admin's start page).
 */
export async function listUsers(db: DB, filter: { q?: string; role?: Role; waiting?: boolean; page?: number; pageSize?: number }) {
  const pageSize = filter.pageSize ?? 50
  const page = Math.max(1, filter.page ?? 1)
  let q = db.selectFrom('users')
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`
    q = q.where((eb) => eb.or([eb('email', 'ilike', like), eb('full_name', 'ilike', like)]))
  }
  if (filter.role) q = q.where((eb) => eb.exists(eb.selectFrom('user_roles as r').whereRef('r.user_id', '=', 'users.id').where('r.role', '=', filter.role!)))
  if (filter.waiting) q = q.where((eb) => eb.or([eb('status', '=', 'invited'), eb.and([eb('status', '=', 'active'), eb('email_verified_at', 'is', null)])]))
  const rows = await q
    .select(['id', 'email', 'full_name', 'status', 'email_verified_at', 'created_at', rolesOf.as('roles')])
    .orderBy('created_at', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return { rows: rows as UserListRow[], total: Number(total.n) }
}

export async function getUser(db: DB, id: string): Promise<UserListRow | undefined> {
  return (await db
    .selectFrom('users')
    .select(['id', 'email', 'full_name', 'status', 'email_verified_at', 'created_at', rolesOf.as('roles')])
    .where('id', '=', id)
    .executeTakeFirst()) as UserListRow | undefined
}
