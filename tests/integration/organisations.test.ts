import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import * as invitation from '../../app/routes/organisation-invitation'
import * as details from '../../app/routes/organisations.$orgId._index'
import * as members from '../../app/routes/organisations.$orgId.members'
import * as list from '../../app/routes/organisations._index'
import * as create from '../../app/routes/organisations.new'
import { createTestDb } from '../setup/db'
import { auditActions, createUser, invoke, linkIn, mailTo, sessionFor, testContext } from '../setup/app'

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>

beforeAll(async () => {
  handle = await createTestDb()
  ctx = testContext(handle)
})
afterAll(() => handle.close())

const ORG = {
  type: 'enterprise',
  name: 'Công ty TNHH Cà phê Buôn Ma Thuột',
  identifier: '0100 233 488',
  addressLine: '15 Lê Duẩn',
  wardCode: '001',
  legalRepName: 'Nguyễn Thị Hồng Nhung',
  legalRepTitle: 'Giám đốc',
  phone: '0912 345 678',
  email: 'lienhe@caphe-bmt.vn',
  website: '',
}

async function person(email?: string) {
  const user = await createUser(handle.db, { email })
  return { ...user, cookie: await sessionFor(ctx, user.id) }
}

async function createOrg(cookie: string, form: Record<string, string> = ORG) {
  return invoke(create, ctx, { method: 'POST', path: '/organisations/new', cookie, form })
}

const orgIdOf = (res: Response) => res.headers.get('Location')!.match(/^\/organisations\/([0-9a-f-]{36})\?notice=created$/)![1]

async function membership(orgId: string, userId: string) {
  const row = await handle.db.selectFrom('organisation_members').select('role').where('organisation_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst()
  return row?.role ?? null
}

describe('registering an organisation', () => {
  it('lists the 102 wards, grouped as phường and xã', async () => {
    const owner = await person()
    const res = await invoke(create, ctx, { path: '/organisations/new', cookie: owner.cookie })
    const { wards } = await res.json()
    expect(wards).toHaveLength(102)
    expect(wards.filter((w: { kind: string }) => w.kind === 'phuong')).toHaveLength(14)
    expect(wards[0].kind).toBe('phuong')
  })

  it('makes the creator its owner, stores the identifier without separators, and records it', async () => {
    const owner = await person()
    const res = await createOrg(owner.cookie)
    expect(res.status).toBe(302)
    const id = orgIdOf(res)
    const org = await handle.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(org).toMatchObject({ identifier: '0100233488', identifier_kind: 'tax_code', phone: '0912345678', website: null, created_by: owner.id })
    expect(await membership(id, owner.id)).toBe('owner')
    expect(await auditActions(handle.db, id)).toEqual(['organisation.created'])
    const mine = await (await invoke(list, ctx, { path: '/organisations', cookie: owner.cookie })).json()
    expect(mine.organisations).toEqual([expect.objectContaining({ id, role: 'owner' })])
    const page = await (await invoke(details, ctx, { path: `/organisations/${id}`, cookie: owner.cookie, params: { orgId: id } })).json()
    expect(page.org).toMatchObject({ name: ORG.name, role: 'owner', ward_name: 'Buôn Ma Thuột' })
    expect(page.editable).toBe(true)
  })

  it('refuses an identifier already registered with 400, telling them to ask the owner, and keeps what was typed', async () => {
    const other = await person()
    const res = await createOrg(other.cookie, { ...ORG, name: 'Một tên khác', identifier: '0100-233-488' })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.errors).toEqual({ identifier: { type: 'server', message: 'org.validation.identifier.taken' } })
    expect(body.defaultValues).toMatchObject({ name: 'Một tên khác', identifier: '0100-233-488', legalRepName: ORG.legalRepName })
    expect(JSON.stringify(body)).not.toContain('@example.vn') // the owner is not revealed
    expect((await (await invoke(list, ctx, { path: '/organisations', cookie: other.cookie })).json()).organisations).toEqual([])
  })

  it('answers an invalid tax code with 400 and the catalogue key', async () => {
    const owner = await person()
    const res = await createOrg(owner.cookie, { ...ORG, identifier: '0100233480' })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.errors).toEqual({ identifier: { type: 'server', message: 'org.validation.taxCode.invalid' } })
    expect(body.defaultValues.identifier).toBe('0100233480')
  })

  it('refuses a ward that is not on the list, and a citizen ID for an enterprise', async () => {
    const owner = await person()
    const ward = await createOrg(owner.cookie, { ...ORG, identifier: '0314409058-002', wardCode: '999' })
    expect(ward.status).toBe(400)
    expect((await ward.json()).errors).toEqual({ wardCode: { type: 'server', message: 'org.validation.ward.unknown' } })
    const cccd = await createOrg(owner.cookie, { ...ORG, identifier: '066095000123' })
    expect((await cccd.json()).errors).toEqual({ identifier: { type: 'server', message: 'org.validation.identifier.taxCodeRequired' } })
  })

  it('lets an individual register with a citizen ID, and a user belong to several organisations', async () => {
    const owner = await person()
    const a = await createOrg(owner.cookie, { ...ORG, type: 'individual', name: 'Trần Văn Bình', identifier: '066 095 000 123' })
    expect(a.status).toBe(302)
    const b = await createOrg(owner.cookie, { ...ORG, name: 'Chi nhánh Phú Yên', identifier: '0314409058-002' })
    expect(b.status).toBe(302)
    const org = await handle.db.selectFrom('organisations').select(['identifier', 'identifier_kind']).where('id', '=', orgIdOf(a)).executeTakeFirstOrThrow()
    expect(org).toEqual({ identifier: '066095000123', identifier_kind: 'citizen_id' })
    const mine = await (await invoke(list, ctx, { path: '/organisations', cookie: owner.cookie })).json()
    expect(mine.organisations).toHaveLength(2)
  })
})

describe('members and invitations', () => {
  let owner: Awaited<ReturnType<typeof person>>
  let orgId: string
  const inviteeEmail = 'tu.van@tuvan-daklak.vn'

  beforeAll(async () => {
    owner = await person()
    orgId = orgIdOf(await createOrg(owner.cookie, { ...ORG, name: 'Hợp tác xã Cà phê Ea Tu', type: 'cooperative', identifier: '0314409058' }))
  })

  const membersPage = (cookie: string, method: 'GET' | 'POST' = 'GET', form?: Record<string, string>) =>
    invoke(members, ctx, { method, path: `/organisations/${orgId}/members`, cookie, params: { orgId }, form })

  it('answers 404 to a user of another organisation on every organisation URL, loader and action', async () => {
    const stranger = await person()
    await createOrg(stranger.cookie, { ...ORG, name: 'Tổ chức khác', identifier: '0314409058-003' })
    const anyForm = { ...ORG, intent: 'invite', email: 'x@example.vn', role: 'viewer' }
    for (const route of [details, members]) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await invoke(route, ctx, { method, path: `/organisations/${orgId}`, cookie: stranger.cookie, params: { orgId }, form: method === 'POST' ? anyForm : undefined })
        expect(res.status, `${method}`).toBe(404)
      }
    }
    const unknown = await invoke(details, ctx, { path: '/organisations/x', cookie: stranger.cookie, params: { orgId: '00000000-0000-4000-8000-000000000000' } })
    expect(unknown.status).toBe(404)
    const malformed = await invoke(details, ctx, { path: '/organisations/x', cookie: stranger.cookie, params: { orgId: "1' OR 1=1" } })
    expect(malformed.status).toBe(404)
  })

  it('invites by email: the mail is queued with a single-use link, the invitation waits', async () => {
    const res = await membersPage(owner.cookie, 'POST', { intent: 'invite', email: 'Tu.Van@TuVan-DakLak.vn', role: 'editor' })
    expect(res.status).toBe(302)
    const [mail] = await mailTo(handle.db, inviteeEmail)
    expect(mail).toMatchObject({ template: 'organisation_invitation', lang: 'vi', state: 'pending' })
    expect(mail.subject).toContain('Hợp tác xã Cà phê Ea Tu')
    expect(mail.text_body).toContain('Người soạn hồ sơ')
    const page = await (await membersPage(owner.cookie)).json()
    expect(page.invitations).toEqual([expect.objectContaining({ email: inviteeEmail, role: 'editor' })])
    const stored = await handle.db.selectFrom('organisation_invitations').select('token_hash').where('organisation_id', '=', orgId).executeTakeFirstOrThrow()
    expect(mail.text_body).not.toContain(stored.token_hash)
    expect(await auditActions(handle.db, orgId)).toContain('organisation.member_invited')
  })

  it('answers a bad invitation form with 400 and the keys', async () => {
    const res = await membersPage(owner.cookie, 'POST', { intent: 'invite', email: 'không-phải-thư', role: 'owner' })
    expect(res.status).toBe(400)
    expect((await res.json()).errors).toEqual({
      email: { type: 'server', message: 'validation.email.invalid' },
      role: { type: 'server', message: 'org.validation.memberRole.required' },
    })
  })

  it('does not let the wrong user accept, and says so', async () => {
    const [mail] = await mailTo(handle.db, inviteeEmail)
    const path = linkIn(mail.text_body, '/organisation-invitation')
    const token = new URL(`http://x${path}`).searchParams.get('token')!
    const wrong = await person()
    const shown = await invoke(invitation, ctx, { path, cookie: wrong.cookie })
    expect(shown.status).toBe(403)
    expect(await shown.json()).toMatchObject({ state: 'wrong-account', token: null, invitation: { organisation: 'Hợp tác xã Cà phê Ea Tu', role: 'editor' } })
    const res = await invoke(invitation, ctx, { method: 'POST', path, cookie: wrong.cookie, form: { token } })
    expect(res.status).toBe(403)
    expect((await res.json()).errors.form.message).toMatch(/^org\.invitation\.wrongAccount\?/)
    expect(await membership(orgId, wrong.id)).toBeNull()
  })

  it('lets the invited user accept once (address in any case); they become a member with the role', async () => {
    const [mail] = await mailTo(handle.db, inviteeEmail)
    const path = linkIn(mail.text_body, '/organisation-invitation')
    const token = new URL(`http://x${path}`).searchParams.get('token')!
    const invitee = await person('TU.VAN@tuvan-daklak.vn')
    const shown = await invoke(invitation, ctx, { path, cookie: invitee.cookie })
    expect(shown.status).toBe(200)
    expect(await shown.json()).toMatchObject({ state: 'ready', invitation: { role: 'editor' } })
    const res = await invoke(invitation, ctx, { method: 'POST', path, cookie: invitee.cookie, form: { token } })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe(`/organisations/${orgId}?notice=joined`)
    expect(await membership(orgId, invitee.id)).toBe('editor')
    const again = await invoke(invitation, ctx, { method: 'POST', path, cookie: invitee.cookie, form: { token } })
    expect(again.status).toBe(400)
    expect((await invoke(invitation, ctx, { path, cookie: invitee.cookie })).status).toBe(400)
    expect(await auditActions(handle.db, orgId)).toContain('organisation.member_joined')
    // an editor changes the details
    const edit = await invoke(details, ctx, { method: 'POST', path: `/organisations/${orgId}`, cookie: invitee.cookie, params: { orgId }, form: { ...ORG, type: 'cooperative', identifier: '0314409058', name: 'HTX Cà phê Ea Tu' } })
    expect(edit.status).toBe(302)
    expect((await handle.db.selectFrom('organisations').select('name').where('id', '=', orgId).executeTakeFirstOrThrow()).name).toBe('HTX Cà phê Ea Tu')
    // but cannot manage members
    const invite = await invoke(members, ctx, { method: 'POST', path: `/organisations/${orgId}/members`, cookie: invitee.cookie, params: { orgId }, form: { intent: 'invite', email: 'ai@example.vn', role: 'viewer' } })
    expect(invite.status).toBe(403)
  })

  it('refuses to invite someone who is already a member', async () => {
    const res = await membersPage(owner.cookie, 'POST', { intent: 'invite', email: inviteeEmail, role: 'viewer' })
    expect(res.status).toBe(400)
    expect((await res.json()).errors).toEqual({ email: { type: 'server', message: 'org.invite.alreadyMember' } })
  })

  it('does not let a viewer edit', async () => {
    const viewer = await person()
    await handle.db.insertInto('organisation_members').values({ organisation_id: orgId, user_id: viewer.id, role: 'viewer' }).execute()
    const page = await (await invoke(details, ctx, { path: `/organisations/${orgId}?edit=1`, cookie: viewer.cookie, params: { orgId } })).json()
    expect(page).toMatchObject({ editable: false, editing: false })
    const res = await invoke(details, ctx, { method: 'POST', path: `/organisations/${orgId}`, cookie: viewer.cookie, params: { orgId }, form: { ...ORG, type: 'cooperative', identifier: '0314409058', name: 'Đổi tên' } })
    expect([403, 404]).toContain(res.status)
    expect((await handle.db.selectFrom('organisations').select('name').where('id', '=', orgId).executeTakeFirstOrThrow()).name).toBe('HTX Cà phê Ea Tu')
  })

  it('never removes or demotes the last owner', async () => {
    const remove = await membersPage(owner.cookie, 'POST', { intent: 'remove', userId: owner.id })
    expect(remove.status).toBe(409)
    expect((await remove.json()).errors).toEqual({ form: { type: 'server', message: 'org.members.lastOwner' } })
    const demote = await membersPage(owner.cookie, 'POST', { intent: 'role', userId: owner.id, role: 'editor' })
    expect(demote.status).toBe(409)
    expect(await membership(orgId, owner.id)).toBe('owner')
  })

  it('changes roles and removes members; a second owner lets the first step down', async () => {
    const { members: rows } = await (await membersPage(owner.cookie)).json()
    const editor = rows.find((m: { role: string }) => m.role === 'editor')
    const promote = await membersPage(owner.cookie, 'POST', { intent: 'role', userId: editor.user_id, role: 'owner' })
    expect(promote.status).toBe(302)
    expect(await membership(orgId, editor.user_id)).toBe('owner')
    const stepDown = await membersPage(owner.cookie, 'POST', { intent: 'role', userId: owner.id, role: 'viewer' })
    expect(stepDown.status).toBe(302)
    expect(await membership(orgId, owner.id)).toBe('viewer')
    const viewer = rows.find((m: { role: string }) => m.role === 'viewer')
    const editorCookie = await sessionFor(ctx, editor.user_id)
    const removed = await invoke(members, ctx, { method: 'POST', path: `/organisations/${orgId}/members`, cookie: editorCookie, params: { orgId }, form: { intent: 'remove', userId: viewer.user_id } })
    expect(removed.status).toBe(302)
    expect(await membership(orgId, viewer.user_id)).toBeNull()
    const actions = await auditActions(handle.db, orgId)
    expect(actions).toContain('organisation.member_role_changed')
    expect(actions).toContain('organisation.member_removed')
  })

  it('withdraws a waiting invitation; its link then no longer works', async () => {
    expect((await membersPage(owner.cookie, 'POST', { intent: 'invite', email: 'khach@example.vn', role: 'viewer' })).status).toBe(403) // now a viewer
    const newOwnerCookie = await sessionFor(ctx, (await handle.db.selectFrom('organisation_members').select('user_id').where('organisation_id', '=', orgId).where('role', '=', 'owner').executeTakeFirstOrThrow()).user_id)
    for (const role of ['editor', 'viewer']) {
      expect((await membersPage(newOwnerCookie, 'POST', { intent: 'invite', email: 'khach@example.vn', role })).status).toBe(302)
    }
    const { invitations } = await (await membersPage(newOwnerCookie)).json()
    expect(invitations).toEqual([expect.objectContaining({ email: 'khach@example.vn', role: 'viewer' })]) // the newer one replaced the older
    const cancel = await membersPage(newOwnerCookie, 'POST', { intent: 'cancel', invitationId: invitations[0].id })
    expect(cancel.status).toBe(302)
    const mail = (await mailTo(handle.db, 'khach@example.vn')).at(-1)!
    const guest = await person('khach@example.vn')
    const res = await invoke(invitation, ctx, { path: linkIn(mail.text_body, '/organisation-invitation'), cookie: guest.cookie })
    expect(res.status).toBe(400)
  })
})
