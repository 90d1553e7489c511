import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import * as acceptInvitation from '../../app/routes/accept-invitation'
import * as account from '../../app/routes/account'
import * as changePassword from '../../app/routes/account.password'
import * as forgot from '../../app/routes/forgot-password'
import * as invite from '../../app/routes/admin.users.invite'
import * as manageUser from '../../app/routes/admin.users.$userId'
import * as login from '../../app/routes/login'
import * as logout from '../../app/routes/logout'
import * as register from '../../app/routes/register'
import * as reset from '../../app/routes/reset-password'
import * as verify from '../../app/routes/verify-email'
import * as resend from '../../app/routes/verify-email.resend'
import { createTestDb } from '../setup/db'
import { auditActions, createUser, expireTokens, invoke, linkIn, mailTo, PASSWORD, sessionFor, testContext, testEnv } from '../setup/app'

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>

beforeAll(async () => {
  handle = await createTestDb()
  ctx = testContext(handle)
})
afterAll(() => handle.close())

const cookieOf = (res: Response) => res.headers.get('Set-Cookie')?.split(';')[0] ?? ''

async function signIn(email: string, password: string, extra: Record<string, string> = {}, cookie?: string) {
  return invoke(login, ctx, { method: 'POST', path: '/login', form: { email, password, ...extra }, cookie })
}

async function sessionCount(userId: string) {
  const r = await handle.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()
  return Number(r.n)
}

async function userByEmail(email: string) {
  return handle.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow()
}

describe('registration and e-mail verification', () => {
  const email = 'hong.nhung@caphe-daklak.vn'

  it('creates an unverified applicant and queues the verification mail in their language', async () => {
    const res = await invoke(register, ctx, {
      method: 'POST',
      path: '/register',
      form: { fullName: 'Nguyễn Thị Hồng Nhung', email: 'Hong.Nhung@CaPhe-DakLak.vn', password: PASSWORD },
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/check-email')
    const user = await userByEmail(email)
    expect(user.email_verified_at).toBeNull()
    expect(user.password_hash).toMatch(/^scrypt\$/)
    const roles = await handle.db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute()
    expect(roles.map((r) => r.role)).toEqual(['applicant'])
    const [mail] = await mailTo(handle.db, email)
    expect(mail).toMatchObject({ template: 'verify_email', lang: 'vi', subject: 'Xác minh địa chỉ thư điện tử của bạn', state: 'pending' })
    expect(mail.text_body).toContain('Kính gửi Nguyễn Thị Hồng Nhung,')
    expect(mail.html_body).toContain('lang="vi"')
    expect(await auditActions(handle.db, user.id)).toEqual(['auth.register'])
  })

  it('refuses to sign in before the address is verified', async () => {
    const res = await signIn(email, PASSWORD)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ errors: { form: { message: 'login.unverified' } } })
    expect(res.headers.get('Set-Cookie')).toBeNull()
  })

  it('verifies with the link once; the link then no longer works', async () => {
    const [mail] = await mailTo(handle.db, email)
    const path = linkIn(mail.text_body, '/verify-email')
    const first = await invoke(verify, ctx, { path })
    expect(await first.json()).toEqual({ result: 'verified' })
    expect((await userByEmail(email)).email_verified_at).toBeInstanceOf(Date)
    const again = await invoke(verify, ctx, { path })
    expect(again.status).toBe(400)
    expect(await again.json()).toEqual({ result: 'invalid' })
  })

  it('a new verification link cancels the older one: the first link no longer confirms the address', async () => {
    const address = 'phuong.le@hoptacxa-krongpac.vn'
    await invoke(register, ctx, { method: 'POST', path: '/register', form: { fullName: 'Lê Thị Phương', email: address, password: PASSWORD } })
    const first = linkIn((await mailTo(handle.db, address)).at(-1)!.text_body, '/verify-email')
    const again = await invoke(resend, ctx, { method: 'POST', path: '/verify-email/resend', form: { email: address } })
    expect(again.headers.get('Location')).toBe('/check-email')
    const mails = await mailTo(handle.db, address)
    expect(mails.map((m) => m.template)).toEqual(['verify_email', 'verify_email'])
    const second = linkIn(mails[1].text_body, '/verify-email')
    expect(second).not.toBe(first)

    const stale = await invoke(verify, ctx, { path: first })
    expect(stale.status).toBe(400)
    expect(await stale.json()).toEqual({ result: 'invalid' })
    expect((await userByEmail(address)).email_verified_at).toBeNull()

    expect(await (await invoke(verify, ctx, { path: second })).json()).toEqual({ result: 'verified' })
    expect((await userByEmail(address)).email_verified_at).toBeInstanceOf(Date)
  })

  it('does not reveal that an address is taken, and tells its owner instead', async () => {
    const res = await invoke(register, ctx, { method: 'POST', path: '/register', form: { fullName: 'Kẻ Khác', email, password: 'một mật khẩu khác hẳn' } })
    expect(res.headers.get('Location')).toBe('/check-email')
    const users = await handle.db.selectFrom('users').select('id').where(sql`lower(email)`, '=', email).execute()
    expect(users).toHaveLength(1)
    const mails = await mailTo(handle.db, email)
    expect(mails.at(-1)?.template).toBe('account_exists')
  })

  it('answers bad input with 400, the errors by field and the typed values (never the password)', async () => {
    const res = await invoke(register, ctx, { method: 'POST', path: '/register', form: { fullName: 'A', email: 'sai-dia-chi', password: 'ngắn' } })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.errors).toEqual({
      fullName: { type: 'server', message: 'validation.fullName.tooShort' },
      email: { type: 'server', message: 'validation.email.invalid' },
      password: { type: 'server', message: 'validation.password.tooShort' },
    })
    expect(body.defaultValues).toEqual({ fullName: 'A', email: 'sai-dia-chi' })
  })
})

describe('signing in and out', () => {
  it('starts a database session whose cookie holds only a signed id', async () => {
    const user = await createUser(handle.db)
    const res = await signIn(user.email, PASSWORD, { redirectTo: '/account' })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/account')
    const setCookie = res.headers.get('Set-Cookie')!
    expect(setCookie).toMatch(/^__session=/)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    expect(setCookie).not.toMatch(/Secure/i) // http://localhost in tests
    const rows = await handle.db.selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).execute()
    expect(rows).toHaveLength(1)
    const value = decodeURIComponent(cookieOf(res).split('=')[1])
    expect(value).not.toContain(user.id)
    expect(value).not.toContain(rows[0].id_hash)
    const page = await invoke(account, ctx, { path: '/account', cookie: cookieOf(res) })
    expect(await page.json()).toMatchObject({ email: user.email, roles: ['applicant'] })
  })

  it('marks the cookie Secure when the portal is served over https', async () => {
    const user = await createUser(handle.db)
    const secure = testContext(handle, testEnv({ APP_URL: 'https://quykhcn.daklak.gov.vn' }))
    const res = await invoke(login, secure, { method: 'POST', path: '/login', form: { email: user.email, password: PASSWORD } })
    expect(res.headers.get('Set-Cookie')).toMatch(/; Secure/i)
  })

  it('rotates the session id at login, ending the session the browser had', async () => {
    const user = await createUser(handle.db)
    const first = cookieOf(await signIn(user.email, PASSWORD))
    const second = await signIn(user.email, PASSWORD, {}, first)
    expect(cookieOf(second)).not.toBe(first)
    expect(await sessionCount(user.id)).toBe(1)
    const stale = await invoke(account, ctx, { path: '/account', cookie: first })
    expect(stale.status).toBe(302)
  })

  it('refuses a forged or tampered cookie', async () => {
    const user = await createUser(handle.db)
    const cookie = cookieOf(await signIn(user.email, PASSWORD))
    const tampered = cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
    const res = await invoke(account, ctx, { path: '/account', cookie: tampered })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/login?redirectTo=%2Faccount')
  })

  it('records failed logins without telling which part was wrong', async () => {
    const user = await createUser(handle.db)
    const wrong = await signIn(user.email, 'không phải mật khẩu')
    const unknown = await signIn('nobody@example.vn', PASSWORD)
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ errors: { form: { message: 'login.invalid' } } })
    }
    const failed = await handle.db.selectFrom('audit_log').select(['actor_id', 'details']).where('action', '=', 'auth.login_failed').execute()
    expect(failed).toEqual(
      expect.arrayContaining([
        { actor_id: user.id, details: { email: user.email, reason: 'password' } },
        { actor_id: null, details: { email: 'nobody@example.vn', reason: 'unknown_account' } },
      ]),
    )
  })

  it('logs out by deleting the session on the server, not just the cookie', async () => {
    const user = await createUser(handle.db)
    const cookie = cookieOf(await signIn(user.email, PASSWORD))
    const res = await invoke(logout, ctx, { method: 'POST', path: '/logout', cookie })
    expect(res.headers.get('Location')).toBe('/login?notice=loggedOut')
    expect(res.headers.get('Set-Cookie')).toMatch(/__session=;.*Max-Age=0/i)
    expect(await sessionCount(user.id)).toBe(0)
    // The old cookie, replayed, no longer opens anything.
    expect((await invoke(account, ctx, { path: '/account', cookie })).status).toBe(302)
    expect(await auditActions(handle.db, user.id)).toEqual(['auth.login', 'auth.logout'])
  })

  it('limits login attempts per address and client', async () => {
    const user = await createUser(handle.db)
    const limited = testContext(handle, testEnv({ RATE_LIMIT_LOGIN: '3' }), '198.51.100.20')
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      const res = await invoke(login, limited, { method: 'POST', path: '/login', form: { email: user.email, password: 'sai mật khẩu rồi' } })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([400, 400, 400, 429])
    // Even the right password waits until the window ends.
    const right = await invoke(login, limited, { method: 'POST', path: '/login', form: { email: user.email, password: PASSWORD } })
    expect(right.status).toBe(429)
    expect((await right.json()).errors.form.message).toMatch(/^login\.rateLimited\?minutes=\d+$/)
  })

  it('limits registrations per client', async () => {
    const limited = testContext(handle, testEnv({ RATE_LIMIT_REGISTER: '2' }), '198.51.100.21')
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      const res = await invoke(register, limited, {
        method: 'POST',
        path: '/register',
        form: { fullName: 'Trần Văn Giới Hạn', email: `limit${i}@example.vn`, password: PASSWORD },
      })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([302, 302, 429])
  })
})

describe('forgotten password', () => {
  it('mails a single-use link that sets a new password and ends every session', async () => {
    const user = await createUser(handle.db)
    const oldCookie = cookieOf(await signIn(user.email, PASSWORD))
    const res = await invoke(forgot, ctx, { method: 'POST', path: '/forgot-password', form: { email: user.email.toUpperCase() } })
    expect(await res.json()).toEqual({ sentTo: user.email })
    const mail = (await mailTo(handle.db, user.email)).at(-1)!
    expect(mail.template).toBe('reset_password')
    const path = linkIn(mail.text_body, '/reset-password')
    const token = new URL(path, 'http://x').searchParams.get('token')!
    expect((await invoke(reset, ctx, { path })).status).toBe(200)

    const done = await invoke(reset, ctx, { method: 'POST', path: '/reset-password', form: { token, password: 'mật khẩu mới của tôi 2026' } })
    expect(done.headers.get('Location')).toBe('/login?notice=passwordReset')
    expect(await sessionCount(user.id)).toBe(0)
    expect((await invoke(account, ctx, { path: '/account', cookie: oldCookie })).status).toBe(302)
    expect((await signIn(user.email, PASSWORD)).status).toBe(400)
    expect((await signIn(user.email, 'mật khẩu mới của tôi 2026')).status).toBe(302)

    const reused = await invoke(reset, ctx, { method: 'POST', path: '/reset-password', form: { token, password: 'một mật khẩu nữa 2026' } })
    expect(reused.status).toBe(400)
    expect((await reused.json()).errors.form.message).toBe('reset.invalid')
    expect((await mailTo(handle.db, user.email)).at(-1)?.template).toBe('password_changed')
    expect(await auditActions(handle.db, user.id)).toEqual(
      expect.arrayContaining(['auth.password_reset_requested', 'auth.password_reset']),
    )
  })

  it('a new link cancels the older one: the first link no longer sets a password', async () => {
    const user = await createUser(handle.db)
    const ask = () => invoke(forgot, ctx, { method: 'POST', path: '/forgot-password', form: { email: user.email } })
    await ask()
    const first = linkIn((await mailTo(handle.db, user.email)).at(-1)!.text_body, '/reset-password')
    await ask()
    const second = linkIn((await mailTo(handle.db, user.email)).at(-1)!.text_body, '/reset-password')
    expect(second).not.toBe(first)

    const tokenOf = (path: string) => new URL(path, 'http://x').searchParams.get('token')!
    expect((await invoke(reset, ctx, { path: first })).status).toBe(400)
    const stale = await invoke(reset, ctx, { method: 'POST', path: '/reset-password', form: { token: tokenOf(first), password: 'mật khẩu của liên kết cũ 2026' } })
    expect(stale.status).toBe(400)
    expect((await stale.json()).errors.form.message).toBe('reset.invalid')
    expect((await signIn(user.email, 'mật khẩu của liên kết cũ 2026')).status).toBe(400)

    expect((await invoke(reset, ctx, { path: second })).status).toBe(200)
    const done = await invoke(reset, ctx, { method: 'POST', path: '/reset-password', form: { token: tokenOf(second), password: 'mật khẩu của liên kết mới 2026' } })
    expect(done.headers.get('Location')).toBe('/login?notice=passwordReset')
    expect((await signIn(user.email, 'mật khẩu của liên kết mới 2026')).status).toBe(302)
  })

  it('refuses an expired link', async () => {
    const user = await createUser(handle.db)
    await invoke(forgot, ctx, { method: 'POST', path: '/forgot-password', form: { email: user.email } })
    const path = linkIn((await mailTo(handle.db, user.email)).at(-1)!.text_body, '/reset-password')
    await expireTokens(handle.db)
    expect((await invoke(reset, ctx, { path })).status).toBe(400)
    const token = new URL(path, 'http://x').searchParams.get('token')!
    const res = await invoke(reset, ctx, { method: 'POST', path: '/reset-password', form: { token, password: 'mật khẩu mới của tôi 2026' } })
    expect(res.status).toBe(400)
  })

  it('says the same for an unknown address and sends nothing', async () => {
    const before = await handle.db.selectFrom('email_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const res = await invoke(forgot, ctx, { method: 'POST', path: '/forgot-password', form: { email: 'khong.ton.tai@example.vn' } })
    expect(await res.json()).toEqual({ sentTo: 'khong.ton.tai@example.vn' })
    const after = await handle.db.selectFrom('email_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('limits reset requests per address', async () => {
    const limited = testContext(handle, testEnv({ RATE_LIMIT_RESET: '2' }), '198.51.100.22')
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      statuses.push((await invoke(forgot, limited, { method: 'POST', path: '/forgot-password', form: { email: 'flood@example.vn' } })).status)
    }
    expect(statuses).toEqual([200, 200, 429])
  })
})

describe('changing the password', () => {
  it('needs the current password, keeps this session and ends the others', async () => {
    const user = await createUser(handle.db)
    const here = cookieOf(await signIn(user.email, PASSWORD))
    const elsewhere = cookieOf(await signIn(user.email, PASSWORD))
    const wrong = await invoke(changePassword, ctx, {
      method: 'POST',
      path: '/account/password',
      cookie: here,
      form: { currentPassword: 'không đúng đâu', newPassword: 'mật khẩu mới tinh 2026' },
    })
    expect(wrong.status).toBe(400)
    expect((await wrong.json()).errors.currentPassword.message).toBe('account.changePassword.wrong')

    const ok = await invoke(changePassword, ctx, {
      method: 'POST',
      path: '/account/password',
      cookie: here,
      form: { currentPassword: PASSWORD, newPassword: 'mật khẩu mới tinh 2026' },
    })
    expect(ok.headers.get('Location')).toBe('/account?notice=passwordChanged')
    expect((await invoke(account, ctx, { path: '/account', cookie: here })).status).toBe(200)
    expect((await invoke(account, ctx, { path: '/account', cookie: elsewhere })).status).toBe(302)
    expect(await auditActions(handle.db, user.id)).toContain('auth.password_changed')
    expect((await mailTo(handle.db, user.email)).at(-1)?.template).toBe('password_changed')
  })
})

describe('invitations and roles', () => {
  it('lets an admin invite a reviewer, who sets a password from the mailed link', async () => {
    const admin = await createUser(handle.db, { roles: ['admin'], fullName: 'Phạm Quốc Bảo' })
    const cookie = await sessionFor(ctx, admin.id)
    const res = await invoke(invite, ctx, {
      method: 'POST',
      path: '/admin/users/invite',
      cookie,
      form: { fullName: 'Trần Văn Khoa', email: 'khoa.tran@dhtn.edu.vn', role: 'reviewer', lang: 'en' },
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toMatch(/^\/admin\/users\/[0-9a-f-]{36}\?notice=invited$/)
    const invited = await userByEmail('khoa.tran@dhtn.edu.vn')
    expect(invited.status).toBe('invited')
    expect(invited.password_hash).toBeNull()
    const mail = (await mailTo(handle.db, 'khoa.tran@dhtn.edu.vn')).at(-1)!
    expect(mail).toMatchObject({ template: 'invitation', lang: 'en', subject: 'Invitation to the Fund’s online portal' })
    expect(mail.text_body).toContain('Phạm Quốc Bảo has invited you to the Fund’s online portal as Reviewer.')

    // An invited account cannot sign in before accepting.
    expect((await signIn('khoa.tran@dhtn.edu.vn', PASSWORD)).status).toBe(400)

    const path = linkIn(mail.text_body, '/accept-invitation')
    const page = await invoke(acceptInvitation, ctx, { path })
    expect(await page.json()).toMatchObject({ email: 'khoa.tran@dhtn.edu.vn', fullName: 'Trần Văn Khoa' })
    const token = new URL(path, 'http://x').searchParams.get('token')!
    const done = await invoke(acceptInvitation, ctx, { method: 'POST', path: '/accept-invitation', form: { token, fullName: 'Trần Văn Khoa', password: PASSWORD } })
    expect(done.headers.get('Location')).toBe('/login?notice=invitationAccepted')
    const signedIn = await signIn('khoa.tran@dhtn.edu.vn', PASSWORD)
    expect(signedIn.status).toBe(302)
    const me = await invoke(account, ctx, { path: '/account', cookie: cookieOf(signedIn) })
    expect((await me.json()).roles).toEqual(['reviewer'])
    expect(await auditActions(handle.db, invited.id)).toEqual(['auth.invitation_sent', 'role.granted', 'auth.login_failed', 'auth.invitation_accepted', 'auth.login'])
  })

  it('grants a role to an existing account at once', async () => {
    const admin = await createUser(handle.db, { roles: ['admin'] })
    const existing = await createUser(handle.db)
    const res = await invoke(invite, ctx, {
      method: 'POST',
      path: '/admin/users/invite',
      cookie: await sessionFor(ctx, admin.id),
      form: { fullName: 'Ai Đó', email: existing.email, role: 'staff', lang: 'vi' },
    })
    expect(res.headers.get('Location')).toBe(`/admin/users/${existing.id}?notice=role-granted`)
    const roles = await handle.db.selectFrom('user_roles').select('role').where('user_id', '=', existing.id).orderBy('role').execute()
    expect(roles.map((r) => r.role)).toEqual(['applicant', 'staff'])
  })

  it('grants and removes roles with an audit trail, and never removes an admin’s own admin role', async () => {
    const admin = await createUser(handle.db, { roles: ['admin'] })
    const target = await createUser(handle.db)
    const cookie = await sessionFor(ctx, admin.id)
    const post = (userId: string, form: Record<string, string>) =>
      invoke(manageUser, ctx, { method: 'POST', path: `/admin/users/${userId}`, cookie, form, params: { userId } })

    expect((await post(target.id, { intent: 'grant', role: 'director' })).headers.get('Location')).toContain('notice=granted')
    expect((await post(target.id, { intent: 'revoke', role: 'applicant' })).headers.get('Location')).toContain('notice=revoked')
    const roles = await handle.db.selectFrom('user_roles').select('role').where('user_id', '=', target.id).execute()
    expect(roles.map((r) => r.role)).toEqual(['director'])
    const trail = await handle.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'details'])
      .where('subject_id', '=', target.id)
      .where('action', 'like', 'role.%')
      .orderBy('id')
      .execute()
    expect(trail).toEqual([
      { action: 'role.granted', actor_id: admin.id, details: { role: 'director' } },
      { action: 'role.revoked', actor_id: admin.id, details: { role: 'applicant' } },
    ])

    expect((await post(admin.id, { intent: 'revoke', role: 'admin' })).headers.get('Location')).toContain('notice=own-admin')
    const adminRoles = await handle.db.selectFrom('user_roles').select('role').where('user_id', '=', admin.id).execute()
    expect(adminRoles.map((r) => r.role)).toEqual(['admin'])

    expect((await post(target.id, { intent: 'grant', role: 'emperor' })).status).toBe(400)
    expect((await post('00000000-0000-0000-0000-000000000000', { intent: 'grant', role: 'staff' })).status).toBe(404)
    expect((await post('not-a-uuid', { intent: 'grant', role: 'staff' })).status).toBe(404)
  })

  it('takes effect on the next request: a removed role closes its pages', async () => {
    const admin = await createUser(handle.db, { roles: ['admin'] })
    const other = await createUser(handle.db, { roles: ['admin'] })
    const otherCookie = await sessionFor(ctx, other.id)
    const page = () => invoke(invite, ctx, { path: '/admin/users/invite', cookie: otherCookie })
    expect((await page()).status).toBe(200)
    await invoke(manageUser, ctx, {
      method: 'POST',
      path: `/admin/users/${other.id}`,
      cookie: await sessionFor(ctx, admin.id),
      form: { intent: 'revoke', role: 'admin' },
      params: { userId: other.id },
    })
    expect((await page()).status).toBe(403)
  })
})
