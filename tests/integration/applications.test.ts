import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import type { MemberRole } from '../../db/schema'
import * as dashboard from '../../app/routes/applications._index'
import * as start from '../../app/routes/applications.new'
import * as taskList from '../../app/routes/applications.$id._index'
import * as sectionPage from '../../app/routes/applications.$id.sections.$key'
import { concurrencyTitle, createTestDb, noteSerialisedOnPglite } from '../setup/db'
import { createUser, invoke, sessionFor, testContext } from '../setup/app'
import { createDraftApplication, createOrganisation } from '../setup/applications'
import { createCall } from '../setup/calls'
import { eligibilityCookie } from '../../app/modules/calls/public'
import { getApplicationForMember, getApplicationForSession } from '../../app/modules/applications'
import { sessionCookie, sessionHashOfCookieHeader, sessionUserOfRow } from '../../app/modules/auth'
import { findSessionUser } from '../../app/modules/auth/sessions'

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>

beforeAll(async () => {
  handle = await createTestDb()
  ctx = testContext(handle)
})
afterAll(() => handle.close())

async function person(fullName?: string) {
  const user = await createUser(handle.db, { fullName })
  return { ...user, cookie: await sessionFor(ctx, user.id) }
}

async function join(orgId: string, userId: string, role: MemberRole) {
  await handle.db.insertInto('organisation_members').values({ organisation_id: orgId, user_id: userId, role }).execute()
}

const section = (id: string, key: string, cookie: string, form?: Record<string, string>) =>
  invoke(sectionPage, ctx, { method: form ? 'POST' : 'GET', path: `/applications/${id}/sections/${key}`, cookie, params: { id, key }, form })

const GENERAL = { title: 'Sấy cà phê bằng năng lượng mặt trời', priority_field: 'renewable_energy', duration_months: '18', summary: 'Tóm tắt nội dung.' }

describe('starting an application', () => {
  it('starts one draft per organisation and call; starting again returns the same draft', async () => {
    const owner = await person()
    const call = await createCall(handle.db)
    const orgId = await createOrganisation(handle.db, [{ userId: owner.id, role: 'owner' }])
    const page = await (await invoke(start, ctx, { path: `/applications/new?call=${call.code}`, cookie: owner.cookie })).json()
    expect(page.organisations).toEqual([expect.objectContaining({ id: orgId })])
    expect(page.answers).toBeNull()
    const post = () => invoke(start, ctx, { method: 'POST', path: `/applications/new?call=${call.code}`, cookie: owner.cookie, form: { organisationId: orgId } })
    const first = await post()
    expect(first.status).toBe(302)
    const second = await post()
    expect(second.headers.get('Location')).toBe(first.headers.get('Location'))
    const rows = await handle.db.selectFrom('applications').select('id').where('organisation_id', '=', orgId).execute()
    expect(rows).toHaveLength(1)
    expect(first.headers.get('Location')).toBe(`/applications/${rows[0].id}`)
    const mine = await (await invoke(dashboard, ctx, { path: '/applications', cookie: owner.cookie })).json()
    expect(mine.applications).toEqual([expect.objectContaining({ id: rows[0].id, status: 'draft', next: 'continue', call: expect.objectContaining({ code: call.code }) })])
  })

  it('carries the eligibility answers of the self-check into the new application', async () => {
    const owner = await person()
    const call = await createCall(handle.db)
    const orgId = await createOrganisation(handle.db, [{ userId: owner.id, role: 'owner' }])
    const answers = { questions: { in_province: 'yes' as const, double_funding: 'no' as const }, applicantType: 'enterprise' as const }
    const cookie = `${owner.cookie}; ${eligibilityCookie(call.code, answers, { secure: false }).split(';')[0]}`
    const page = await (await invoke(start, ctx, { path: `/applications/new?call=${call.code}`, cookie })).json()
    expect(page.answers).toEqual(answers)
    const res = await invoke(start, ctx, { method: 'POST', path: `/applications/new?call=${call.code}`, cookie, form: { organisationId: orgId } })
    expect(res.status).toBe(302)
    const app = await handle.db.selectFrom('applications').select('eligibility_answers').where('organisation_id', '=', orgId).executeTakeFirstOrThrow()
    expect(app.eligibility_answers).toEqual(answers)
  })

  it('refuses a viewer of the organisation (403) and answers 400 without an organisation', async () => {
    const owner = await person()
    const viewer = await person()
    const call = await createCall(handle.db)
    const orgId = await createOrganisation(handle.db, [{ userId: owner.id, role: 'owner' }])
    await join(orgId, viewer.id, 'viewer')
    const page = await (await invoke(start, ctx, { path: `/applications/new?call=${call.code}`, cookie: viewer.cookie })).json()
    expect(page.organisations).toEqual([])
    const res = await invoke(start, ctx, { method: 'POST', path: `/applications/new?call=${call.code}`, cookie: viewer.cookie, form: { organisationId: orgId } })
    expect(res.status).toBe(403)
    const none = await invoke(start, ctx, { method: 'POST', path: `/applications/new?call=${call.code}`, cookie: viewer.cookie, form: {} })
    expect(none.status).toBe(400)
    expect(await handle.db.selectFrom('applications').select('id').where('organisation_id', '=', orgId).execute()).toEqual([])
  })

  it('refuses to start after the deadline', async () => {
    const owner = await person()
    const call = await createCall(handle.db, { closes_at: new Date(Date.now() - 3600_000) })
    const orgId = await createOrganisation(handle.db, [{ userId: owner.id, role: 'owner' }])
    const res = await invoke(start, ctx, { method: 'POST', path: `/applications/new?call=${call.code}`, cookie: owner.cookie, form: { organisationId: orgId } })
    expect(res.status).toBe(400)
    expect((await res.json()).errors.form.message).toBe('applications.validation.call.closed')
  })
})

describe('access to an application', () => {
  it('is a 404 on every application URL for a user of another organisation, loaders and actions alike', async () => {
    const owner = await person()
    const outsider = await person()
    await createOrganisation(handle.db, [{ userId: outsider.id, role: 'owner' }])
    const { applicationId: id } = await createDraftApplication(handle.db, owner.id)
    expect((await invoke(taskList, ctx, { path: `/applications/${id}`, cookie: outsider.cookie, params: { id } })).status).toBe(404)
    for (const key of ['general', 'organisation', 'team', 'proposal', 'budget', 'declarations']) {
      expect((await section(id, key, outsider.cookie)).status).toBe(404)
      expect((await section(id, key, outsider.cookie, { ...GENERAL, completed: 'no', baseVersion: '0' })).status).toBe(404)
    }
    const mine = await (await invoke(dashboard, ctx, { path: '/applications', cookie: outsider.cookie })).json()
    expect(mine.applications).toEqual([])
    // Members get unknown sections and malformed ids as 404 too.
    expect((await section(id, 'nope', owner.cookie)).status).toBe(404)
    expect((await invoke(taskList, ctx, { path: '/applications/x', cookie: owner.cookie, params: { id: 'x' } })).status).toBe(404)
  })

  it('lets a viewer read but not post (403)', async () => {
    const owner = await person()
    const viewer = await person()
    const { applicationId: id, organisationId } = await createDraftApplication(handle.db, owner.id)
    await join(organisationId, viewer.id, 'viewer')
    const page = await (await invoke(taskList, ctx, { path: `/applications/${id}`, cookie: viewer.cookie, params: { id } })).json()
    expect(page.readOnly).toBe('viewer')
    expect((await (await section(id, 'general', viewer.cookie)).json()).editable).toBe(false)
    expect((await section(id, 'general', viewer.cookie, { ...GENERAL, completed: 'no', baseVersion: '0' })).status).toBe(403)
  })

  it('is read with the session in one statement (the autosave\'s read, ADR 030) as the two reads find them apart', async () => {
    const owner = await person('Nguyễn Thị Hoa')
    const viewer = await person()
    const outsider = await person()
    const { applicationId: id, organisationId } = await createDraftApplication(handle.db, owner.id)
    await join(organisationId, viewer.id, 'viewer')
    const read = async (cookie: string, applicationId = id) => {
      const hash = (await sessionHashOfCookieHeader(ctx.env, cookie))!
      const found = await getApplicationForSession(handle.db, applicationId, hash)
      return { user: await sessionUserOfRow(handle.db, hash, found.session), access: found.access }
    }
    for (const who of [owner, viewer]) {
      const { user, access } = await read(who.cookie)
      expect(user).toEqual(await findSessionUser(handle.db, await sessionCookie(ctx.env).parse(who.cookie)))
      expect(access).toEqual(await getApplicationForMember(handle.db, id, who.id))
    }
    expect((await read(owner.cookie)).access?.role).toBe('owner')
    expect((await read(viewer.cookie)).access?.role).toBe('viewer')
    // Signed in, but no member: the user, and no application (the page then answers 404).
    const other = await read(outsider.cookie)
    expect(other.user?.id).toBe(outsider.id)
    expect(other.access).toBeNull()
    // An application that does not exist reads as one the user is no member of.
    expect((await read(owner.cookie, '00000000-0000-4000-8000-000000000000')).access).toBeNull()
    // A session that ended, or a user who may no longer sign in: no user, whatever the membership.
    await handle.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', viewer.id).execute()
    expect((await read(viewer.cookie)).user).toBeNull()
    await handle.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', owner.id).execute()
    expect(await read(owner.cookie)).toEqual({ user: null, access: null })
  })
})

describe('saving sections', () => {
  it('shows the task list in order with states, and completes a section with valid data', async () => {
    const owner = await person()
    const { applicationId: id } = await createDraftApplication(handle.db, owner.id)
    const before = await (await invoke(taskList, ctx, { path: `/applications/${id}`, cookie: owner.cookie, params: { id } })).json()
    expect(before.tasks.map((t: { key: string; state: string }) => `${t.key}:${t.state}`)).toEqual([
      'general:not_started', 'organisation:completed', 'team:not_started', 'proposal:not_started', 'budget:not_started',
      'attachments:not_started', 'declarations:not_started',
    ])
    const res = await section(id, 'general', owner.cookie, { ...GENERAL, completed: 'yes', baseVersion: '0' })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe(`/applications/${id}`)
    const app = await handle.db.selectFrom('applications').select('title').where('id', '=', id).executeTakeFirstOrThrow()
    expect(app.title).toBe(GENERAL.title)
    const events = await handle.db.selectFrom('application_events').select(['event', 'details']).where('application_id', '=', id).execute()
    expect(events).toEqual([{ event: 'section.saved', details: { section: 'general', version: 1 } }])
    const after = await (await invoke(taskList, ctx, { path: `/applications/${id}`, cookie: owner.cookie, params: { id } })).json()
    expect(after.tasks[0]).toMatchObject({ key: 'general', state: 'completed' })
  })

  it('shows attachments as started with some files and completed when every mandatory document has one', async () => {
    const owner = await person()
    const { applicationId: id, call } = await createDraftApplication(handle.db, owner.id)
    const docs = await handle.db.selectFrom('call_documents').select(['id', 'mandatory']).where('call_id', '=', call.id).orderBy('position').execute()
    const attach = (docId: number) =>
      handle.db
        .insertInto('attachments')
        .values({ application_id: id, call_document_id: docId, filename: 'a.pdf', size_bytes: 5, media_type: 'application/pdf', sha256: '0'.repeat(64), storage_key: `00/${'0'.repeat(64)}` })
        .execute()
    const state = async () =>
      (await (await invoke(taskList, ctx, { path: `/applications/${id}`, cookie: owner.cookie, params: { id } })).json()).tasks.find((t: { key: string }) => t.key === 'attachments')
    expect(await state()).toMatchObject({ state: 'not_started', href: `/applications/${id}/attachments` })
    const mandatory = docs.filter((d) => d.mandatory)
    await attach(mandatory[0].id)
    expect((await state()).state).toBe('in_progress')
    for (const d of mandatory.slice(1)) await attach(d.id)
    expect((await state()).state).toBe('completed')
  })

  it('autosaves what was typed without checks and records no event; the page shows it after a reload', async () => {
    const owner = await person()
    const { applicationId: id } = await createDraftApplication(handle.db, owner.id)
    const res = await section(id, 'proposal', owner.cookie, { intent: 'autosave', baseVersion: '0', necessity: 'Nửa câu', ms1_due: '31/02' })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.saved.version).toBe(1)
    const page = await (await section(id, 'proposal', owner.cookie)).json()
    expect(page.section).toMatchObject({ version: 1, completed: false, data: { necessity: 'Nửa câu', ms1_due: '31/02' } })
    expect(await handle.db.selectFrom('application_events').select('id').where('application_id', '=', id).execute()).toEqual([])
  })

  it('saves as a draft without JavaScript (intent=save) with no checks, and stays on the page', async () => {
    const owner = await person()
    const { applicationId: id } = await createDraftApplication(handle.db, owner.id)
    const res = await section(id, 'team', owner.cookie, { intent: 'save', baseVersion: '0', pi_name: 'Nguyễn Văn An', pi_email: 'chưa xong' })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe(`/applications/${id}/sections/team`)
    const page = await (await section(id, 'team', owner.cookie)).json()
    expect(page.section).toMatchObject({ version: 1, completed: false, data: { pi_name: 'Nguyễn Văn An', pi_email: 'chưa xong' } })
  })

  it('refuses a save based on an older version with 409, names who saved, and overwrites nothing', async () => {
    const owner = await person('Nguyễn Thị Hoa')
    const coApplicant = await person('Trần Văn Minh')
    const { applicationId: id, organisationId } = await createDraftApplication(handle.db, owner.id)
    await join(organisationId, coApplicant.id, 'editor')
    const first = await section(id, 'general', coApplicant.cookie, { intent: 'autosave', baseVersion: '0', title: 'Bản của anh Minh' })
    expect(first.status).toBe(200)
    const applicationVersion = async () => (await handle.db.selectFrom('applications').select(['version', 'title']).where('id', '=', id).executeTakeFirstOrThrow())
    const afterFirst = await applicationVersion()
    expect(afterFirst.title).toBe('Bản của anh Minh')
    const second = await section(id, 'general', owner.cookie, { intent: 'autosave', baseVersion: '0', title: 'Bản của chị Hoa' })
    expect(second.status).toBe(409)
    const body = await second.json()
    expect(body.conflict).toMatchObject({ version: 1, savedBy: 'Trần Văn Minh' })
    expect(body.errors.form.message).toMatch(/^applications\.form\.conflict\?name=Tr/)
    expect(body.defaultValues.title).toBe('Bản của chị Hoa')
    // The full form (no JavaScript) is refused the same way.
    const full = await section(id, 'general', owner.cookie, { ...GENERAL, completed: 'no', baseVersion: '0' })
    expect(full.status).toBe(409)
    const row = await handle.db.selectFrom('application_sections').select(['data', 'version']).where('application_id', '=', id).where('key', '=', 'general').executeTakeFirstOrThrow()
    expect(row).toEqual({ data: { title: 'Bản của anh Minh' }, version: 1 })
    // A refused save leaves the application as it was: its title, and its version (a "check your answers" page
    // read before still submits).
    expect(await applicationVersion()).toEqual(afterFirst)
  })

  it('refuses a save from a version of a section nobody has saved yet with 409, and writes nothing', async () => {
    const owner = await person()
    const { applicationId: id } = await createDraftApplication(handle.db, owner.id)
    const stale = await section(id, 'general', owner.cookie, { intent: 'autosave', baseVersion: '3', title: 'Từ một trang cũ' })
    expect(stale.status).toBe(409)
    expect((await stale.json()).conflict).toMatchObject({ version: 0, savedAt: null, savedBy: null })
    const rows = await handle.db.selectFrom('application_sections').select('version').where('application_id', '=', id).where('key', '=', 'general').execute()
    expect(rows).toEqual([])
  })

  it(concurrencyTitle('lets exactly one of two simultaneous saves from the same version win'), async () => {
    noteSerialisedOnPglite('two simultaneous autosaves')
    const owner = await person()
    const { applicationId: id } = await createDraftApplication(handle.db, owner.id)
    const results = await Promise.all(
      ['Một', 'Hai'].map((title) => section(id, 'general', owner.cookie, { intent: 'autosave', baseVersion: '0', title })),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const row = await handle.db.selectFrom('application_sections').select('version').where('application_id', '=', id).where('key', '=', 'general').executeTakeFirstOrThrow()
    expect(row.version).toBe(1)
  })

  // A draft's section saved before is saved in one statement (ADR 030): the same guarantees as the transaction.
  const applicationRow = (id: string) => handle.db.selectFrom('applications').select(['version', 'title']).where('id', '=', id).executeTakeFirstOrThrow()
  const generalRow = (id: string) => handle.db.selectFrom('application_sections').select(['data', 'version']).where('application_id', '=', id).where('key', '=', 'general').executeTakeFirstOrThrow()

  it('saves over the version the form had, moving the application once; a save from that version again moves nothing', async () => {
    const owner = await person()
    const { applicationId: id } = await createDraftApplication(handle.db, owner.id)
    expect((await section(id, 'general', owner.cookie, { intent: 'autosave', baseVersion: '0', title: 'Bản một' })).status).toBe(200)
    const afterFirst = await applicationRow(id)
    const second = await section(id, 'general', owner.cookie, { intent: 'autosave', baseVersion: '1', title: 'Bản hai' })
    expect(second.status).toBe(200)
    expect((await second.json()).saved.version).toBe(2)
    const afterSecond = await applicationRow(id)
    expect(afterSecond).toEqual({ version: afterFirst.version + 1, title: 'Bản hai' })
    const stale = await section(id, 'general', owner.cookie, { intent: 'autosave', baseVersion: '1', title: 'Bản cũ' })
    expect(stale.status).toBe(409)
    expect((await stale.json()).conflict).toMatchObject({ version: 2 })
    expect(await generalRow(id)).toEqual({ data: { title: 'Bản hai' }, version: 2 })
    expect(await applicationRow(id)).toEqual(afterSecond)
  })

  it(concurrencyTitle('lets exactly one of two simultaneous later saves from the same version win, and moves the application once'), async () => {
    noteSerialisedOnPglite('two simultaneous later autosaves')
    const owner = await person()
    const { applicationId: id } = await createDraftApplication(handle.db, owner.id)
    expect((await section(id, 'general', owner.cookie, { intent: 'autosave', baseVersion: '0', title: 'Bản đầu' })).status).toBe(200)
    const before = await applicationRow(id)
    const results = await Promise.all(['Một', 'Hai'].map((title) => section(id, 'general', owner.cookie, { intent: 'autosave', baseVersion: '1', title })))
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const winner = results.find((r) => r.status === 200)!
    const row = await generalRow(id)
    expect(row.version).toBe(2)
    expect((await winner.json()).saved.version).toBe(2)
    expect((await applicationRow(id)).version).toBe(before.version + 1)
  })

  it(concurrencyTitle('an autosave that comes while the dossier is being submitted waits for it, then is refused and writes nothing'), async () => {
    noteSerialisedOnPglite('an autosave during a submission')
    const owner = await person()
    const { applicationId: id } = await createDraftApplication(handle.db, owner.id)
    expect((await section(id, 'general', owner.cookie, { intent: 'autosave', baseVersion: '0', title: 'Bản đã nộp' })).status).toBe(200)
    const before = await applicationRow(id)
    let autosave: Promise<Response> | undefined
    // What a submission does to the row: locks it, then changes its status, and commits.
    await handle.db.transaction().execute(async (trx) => {
      await trx.selectFrom('applications').select('id').where('id', '=', id).forUpdate().execute()
      autosave = section(id, 'general', owner.cookie, { intent: 'autosave', baseVersion: '1', title: 'Sửa sau khi nộp' })
      await new Promise((r) => setTimeout(r, 300))
      await trx.updateTable('applications').set({ status: 'submitted' }).where('id', '=', id).execute()
    })
    const res = await autosave!
    expect(res.status).toBe(403)
    expect((await res.json()).errors.form.message).toBe('applications.form.readOnly')
    expect(await generalRow(id)).toEqual({ data: { title: 'Bản đã nộp' }, version: 1 })
    expect(await applicationRow(id)).toEqual(before)
  })

  it('answers 400 with field errors and keeps what was typed when completing with invalid data', async () => {
    const owner = await person()
    const { applicationId: id } = await createDraftApplication(handle.db, owner.id)
    const res = await section(id, 'team', owner.cookie, { pi_name: 'Nguyễn Văn An', pi_email: 'sai', completed: 'yes', baseVersion: '0' })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.errors).toMatchObject({
      pi_qualification: { message: 'applications.validation.pi_qualification.required' },
      pi_email: { message: 'validation.email.invalid' },
      secretary_name: { message: 'applications.validation.secretary_name.required' },
    })
    expect(body.defaultValues).toMatchObject({ pi_name: 'Nguyễn Văn An', pi_email: 'sai' })
    expect(await handle.db.selectFrom('application_sections').select('key').where('application_id', '=', id).execute()).toEqual([])
  })

  it('enforces the call’s budget rules on the server and stores the totals', async () => {
    const owner = await person()
    const { applicationId: id } = await createDraftApplication(handle.db, owner.id, { max_amount: 500_000_000, min_counterpart_pct: 50 })
    const over = await section(id, 'budget', owner.cookie, { labour_requested: '600.000.000', labour_own: '700.000.000', completed: 'yes', baseVersion: '0' })
    expect(over.status).toBe(400)
    expect((await over.json()).errors.labour_requested.message).toBe('applications.rule.maxAmount?max=500.000.000&amount=600.000.000')
    const low = await section(id, 'budget', owner.cookie, { labour_requested: '500.000.000', labour_own: '100.000.000', completed: 'yes', baseVersion: '0' })
    expect(low.status).toBe(400)
    expect((await low.json()).errors.labour_own.message).toBe('applications.rule.counterpartShort?min=50&counterpart=100.000.000&needed=500.000.000')
    const ok = await section(id, 'budget', owner.cookie, { labour_requested: '500.000.000', labour_own: '300.000.000', equipment_contribution: '200.000.000', completed: 'yes', baseVersion: '0' })
    expect(ok.status).toBe(302)
    const app = await handle.db.selectFrom('applications').select(['requested_amount', 'counterpart_amount']).where('id', '=', id).executeTakeFirstOrThrow()
    expect({ requested: Number(app.requested_amount), counterpart: Number(app.counterpart_amount) }).toEqual({ requested: 500_000_000, counterpart: 500_000_000 })
  })

  it('enforces the duration rule of the call when completing the general section', async () => {
    const owner = await person()
    const { applicationId: id } = await createDraftApplication(handle.db, owner.id, { max_duration_months: 12 })
    const res = await section(id, 'general', owner.cookie, { ...GENERAL, completed: 'yes', baseVersion: '0' })
    expect(res.status).toBe(400)
    expect((await res.json()).errors.duration_months.message).toBe('applications.rule.maxDuration?max=12&months=18')
  })

  it('after the deadline refuses saving and shows the draft read-only', async () => {
    const owner = await person()
    const { applicationId: id, call } = await createDraftApplication(handle.db, owner.id)
    expect((await section(id, 'general', owner.cookie, { intent: 'autosave', baseVersion: '0', title: 'Trước hạn' })).status).toBe(200)
    await handle.db.updateTable('calls').set({ closes_at: new Date(Date.now() - 60_000) }).where('id', '=', call.id).execute()
    const res = await section(id, 'general', owner.cookie, { intent: 'autosave', baseVersion: '1', title: 'Sau hạn' })
    expect(res.status).toBe(403)
    expect((await res.json()).errors.form.message).toBe('applications.form.readOnly')
    const page = await (await section(id, 'general', owner.cookie)).json()
    expect(page).toMatchObject({ editable: false, section: { version: 1, data: { title: 'Trước hạn' } } })
    const tasks = await (await invoke(taskList, ctx, { path: `/applications/${id}`, cookie: owner.cookie, params: { id } })).json()
    expect(tasks.readOnly).toBe('deadline')
    const mine = await (await invoke(dashboard, ctx, { path: '/applications', cookie: owner.cookie })).json()
    expect(mine.applications[0]).toMatchObject({ id, next: 'closed' })
  })
})
