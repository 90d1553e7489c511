import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import { listAudit, recordAudit } from '../../app/modules/audit'
import * as auditPage from '../../app/routes/admin.audit'
import { createTestDb } from '../setup/db'
import { createUser, invoke, sessionFor, testContext } from '../setup/app'

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(() => handle.close())

describe('the audit log', () => {
  it('cannot be changed or deleted, not even by SQL', async () => {
    await recordAudit(handle.db, { action: 'auth.login', actor: { id: '00000000-0000-0000-0000-000000000001', email: 'a@example.vn' } })
    await expect(sql`UPDATE audit_log SET action = 'auth.logout'`.execute(handle.db)).rejects.toThrow(/append-only: UPDATE/)
    await expect(sql`DELETE FROM audit_log`.execute(handle.db)).rejects.toThrow(/append-only: DELETE/)
    await expect(sql`TRUNCATE audit_log`.execute(handle.db)).rejects.toThrow(/append-only: TRUNCATE/)
    const rows = await handle.db.selectFrom('audit_log').select('action').execute()
    expect(rows.map((r) => r.action)).toContain('auth.login')
  })

  it('filters by action, actor and day (Asia/Ho_Chi_Minh)', async () => {
    const actor = { id: '00000000-0000-0000-0000-000000000002', email: 'le.minh.tuan@quykhcn.vn' }
    await recordAudit(handle.db, { action: 'role.granted', actor, subjectType: 'user', subjectId: 'u-42', details: { role: 'staff' } })
    await recordAudit(handle.db, { action: 'auth.login_failed', actor: null, details: { email: 'x@y.vn' } })
    const byAction = await listAudit(handle.db, { action: 'role.granted' })
    expect(byAction.rows.map((r) => r.subject_id)).toEqual(['u-42'])
    expect(byAction.rows[0].details).toEqual({ role: 'staff' })
    expect((await listAudit(handle.db, { actor: 'minh.tuan' })).total).toBe(1)
    expect((await listAudit(handle.db, { actor: '%' })).total).toBe(0) // wildcards are literal
    expect((await listAudit(handle.db, { from: new Date(Date.now() + 86_400_000) })).total).toBe(0)
  })

  it('labels a user subject with the user’s e-mail address', async () => {
    const user = await createUser(handle.db, { email: 'y.dham@quykhcn.vn' })
    await recordAudit(handle.db, { action: 'auth.password_changed', actor: null, subjectType: 'user', subjectId: user.id })
    const { rows } = await listAudit(handle.db, { action: 'auth.password_changed' })
    expect(rows[0].subject_label).toBe('y.dham@quykhcn.vn')
  })

  it('is shown to admins with filters, and a mistyped date is a 400 with a message', async () => {
    const admin = await createUser(handle.db, { roles: ['admin'] })
    const ctx = testContext(handle)
    const cookie = await sessionFor(ctx, admin.id)
    const ok = await invoke(auditPage, ctx, { path: '/admin/audit?action=role.granted&from=01/01/2020', cookie })
    expect(ok.status).toBe(200)
    const body = await ok.json()
    expect(body.rows.map((r: { action: string }) => r.action)).toEqual(['role.granted'])
    const bad = await invoke(auditPage, ctx, { path: '/admin/audit?from=31/02/2026', cookie })
    expect(bad.status).toBe(400)
    expect((await bad.json()).errors).toEqual({ from: true, to: false })
  })
})
