import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import type { MemberRole } from '../../db/schema'
import * as checkPage from '../../app/routes/applications.$id.check'
import * as confirmationPage from '../../app/routes/applications.$id.confirmation'
import * as withdrawPage from '../../app/routes/applications.$id.withdraw'
import * as receiptPage from '../../app/routes/applications.$id.receipt'
import * as taskList from '../../app/routes/applications.$id._index'
import * as sectionPage from '../../app/routes/applications.$id.sections.$key'
import { getApplicationForMember, listApplicationEvents, saveSection, uploadAttachment, uploadStorage } from '../../app/modules/applications'
import { formatReference, vnYear } from '../../app/modules/applications/submission'
import { concurrencyTitle, createTestDb, noteSerialisedOnPglite } from '../setup/db'
import { auditActions, createUser, invoke, mailTo, sessionFor, testContext, testEnv } from '../setup/app'
import { COMPLETE_SECTIONS, createCompleteDraft, createDraftApplication, createOrganisation } from '../setup/applications'
import { PDF } from '../fixtures/files'
import { deliverDueEmails, fileTransport } from '../../app/modules/notifications'
import { MAIL_ATTACHMENT_RENDERERS } from '../../app/modules/workflow'
import { pdfLines } from '../../app/modules/documents/layout/pdf-check'
import { simpleParser } from 'mailparser'
import { readFile } from 'node:fs/promises'

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let dataDir: string

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'submission-test-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

async function person(fullName = 'Nguyễn Thị Hoa') {
  const user = await createUser(handle.db, { fullName })
  return { ...user, fullName, cookie: await sessionFor(ctx, user.id) }
}
type Person = Awaited<ReturnType<typeof person>>

async function join_(orgId: string, userId: string, role: MemberRole) {
  await handle.db.insertInto('organisation_members').values({ organisation_id: orgId, user_id: userId, role }).execute()
}

/** A draft whose every section is completed and whose two mandatory documents have real (small) PDFs. */
const completeDraft = (owner: Person, callOverrides: Parameters<typeof createDraftApplication>[2] = {}) => createCompleteDraft(handle.db, ctx.env, owner, callOverrides)

const path = (id: string, page: string) => `/applications/${id}/${page}`
const check = (id: string, cookie: string) => invoke(checkPage, ctx, { path: path(id, 'check'), cookie, params: { id } })
async function versionOf(id: string) {
  return (await handle.db.selectFrom('applications').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version
}
async function submit(id: string, cookie: string, version?: number) {
  return invoke(checkPage, ctx, { method: 'POST', path: path(id, 'check'), cookie, params: { id }, form: { version: String(version ?? (await versionOf(id))) } })
}
const application = (id: string) => handle.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const year = vnYear(new Date())

describe('submitting an application', () => {
  it('submits a complete application with the next reference of the year, freezes it and mails a receipt', async () => {
    const owner = await person()
    const first = await completeDraft(owner)
    const page = await (await check(first.applicationId, owner.cookie)).json()
    expect(page).toMatchObject({ problems: [], canSubmit: true, isDraft: true, dossier: { budget: { requested: 500_000_000, counterpart: 500_000_000, pct: 50 } } })
    expect(page.dossier.slots.filter((s: { attachment: unknown }) => s.attachment)).toHaveLength(2)

    const before = await versionOf(first.applicationId)
    const res = await submit(first.applicationId, owner.cookie)
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe(`/applications/${first.applicationId}/confirmation`)
    const row = await application(first.applicationId)
    expect(row).toMatchObject({ status: 'submitted', reference: `QKHCN-${year}-0001`, version: before + 1 })
    expect(row.submitted_at).toBeInstanceOf(Date)
    expect(row.organisation_snapshot).toMatchObject({ id: first.organisationId, name: expect.stringContaining('Cà phê') })
    const events = await listApplicationEvents(handle.db, first.applicationId)
    expect(events[0]).toMatchObject({ event: 'submit', fromStatus: 'draft', toStatus: 'submitted', actorName: 'Nguyễn Thị Hoa', details: { reference: `QKHCN-${year}-0001` } })
    expect(await auditActions(handle.db, first.applicationId)).toContain('application.submitted')

    const mail = await mailTo(handle.db, owner.email)
    expect(mail).toHaveLength(1)
    expect(mail[0]).toMatchObject({ template: 'application_submitted', lang: 'vi' })
    expect(mail[0].subject).toContain(`QKHCN-${year}-0001`)
    expect(mail[0].text_body).toContain(`/applications/${first.applicationId}`)

    const confirmation = await invoke(confirmationPage, ctx, { path: path(first.applicationId, 'confirmation'), cookie: owner.cookie, params: { id: first.applicationId } })
    expect(await confirmation.json()).toMatchObject({ reference: `QKHCN-${year}-0001`, email: owner.email })
    // A co-applicant sees where the confirmation went: the address of whoever submitted.
    const editor = await person('Trần Văn Minh')
    await join_(first.organisationId, editor.id, 'editor')
    const seen = await invoke(confirmationPage, ctx, { path: path(first.applicationId, 'confirmation'), cookie: editor.cookie, params: { id: first.applicationId } })
    expect((await seen.json()).email).toBe(owner.email)
    const tasks = await (await invoke(taskList, ctx, { path: `/applications/${first.applicationId}`, cookie: owner.cookie, params: { id: first.applicationId } })).json()
    expect(tasks).toMatchObject({ application: { reference: `QKHCN-${year}-0001` }, canWithdraw: true, readOnly: 'status' })
    expect(tasks.events[0]).toMatchObject({ event: 'submit', actorName: 'Nguyễn Thị Hoa' })

    const second = await completeDraft(owner)
    expect((await submit(second.applicationId, owner.cookie)).status).toBe(302)
    expect((await application(second.applicationId)).reference).toBe(`QKHCN-${year}-0002`)
  })

  it('mails the receipt drawn after the commit from what was submitted: reference, time, the organisation as it was, the documents', async () => {
    const owner = await person()
    const draft = await completeDraft(owner)
    expect((await submit(draft.applicationId, owner.cookie)).status).toBe(302)
    const row = await application(draft.applicationId)
    const [mail] = await mailTo(handle.db, owner.email)
    // The submission queued the mail with its receipt described, not drawn: no PDF was drawn while it held the counter.
    expect(mail.attachments).toEqual([
      {
        filename: `bien-nhan-${row.reference}.pdf`,
        contentType: 'application/pdf',
        generate: { kind: 'submission_receipt', params: { applicationId: draft.applicationId, lang: 'vi' } },
      },
    ])
    // The organisation renames itself before the worker runs: the receipt keeps the name it submitted under.
    const frozenName = (row.organisation_snapshot as { name: string }).name
    await handle.db.updateTable('organisations').set({ name: 'Tên đổi sau khi nộp' }).where('id', '=', draft.organisationId).execute()

    const dir = join(dataDir, 'mail')
    const result = await deliverDueEmails(handle.db, fileTransport(dir, 'quykhcn@example.vn'), { maxAttempts: 3, backoffBaseMs: 1000, renderers: MAIL_ATTACHMENT_RENDERERS })
    expect(result.failed).toBe(0)
    const sent = await handle.db.selectFrom('email_outbox').selectAll().where('id', '=', mail.id).executeTakeFirstOrThrow()
    expect(sent.state).toBe('sent')
    const eml = await simpleParser(await readFile(sent.eml_file!))
    expect(eml.attachments.map((a) => a.filename)).toEqual([`bien-nhan-${row.reference}.pdf`])
    const text = (await pdfLines(eml.attachments[0].content)).join('\n')
    expect(text).toContain(row.reference!)
    expect(text).toContain(frozenName)
    expect(text).not.toContain('Tên đổi sau khi nộp')
    const files = await handle.db.selectFrom('attachments').select(['filename', 'sha256']).where('application_id', '=', draft.applicationId).execute()
    expect(files).toHaveLength(2)
    for (const f of files) {
      expect(text).toContain(f.filename)
      expect(text.replace(/\s+/g, '')).toContain(f.sha256)
    }

    // The members download the same receipt from the application page; others get 404, as before submission.
    const get = (id: string, cookie: string, lang = 'vi') => invoke(receiptPage, ctx, { path: `/applications/${id}/receipt?lang=${lang}`, cookie, params: { id } })
    const got = await get(draft.applicationId, owner.cookie)
    expect(got.status).toBe(200)
    expect(got.headers.get('Content-Type')).toBe('application/pdf')
    expect(got.headers.get('Content-Disposition')).toContain(`bien-nhan-${row.reference}.pdf`)
    expect(await pdfLines(new Uint8Array(await got.arrayBuffer()))).toEqual(await pdfLines(eml.attachments[0].content))
    const english = await get(draft.applicationId, owner.cookie, 'en')
    expect(english.headers.get('Content-Disposition')).toContain(`receipt-${row.reference}.pdf`)
    const stranger = await person('Người Lạ')
    expect((await get(draft.applicationId, stranger.cookie)).status).toBe(404)
    const unsent = await completeDraft(owner)
    expect((await get(unsent.applicationId, owner.cookie)).status).toBe(404)
  })

  it(concurrencyTitle('is idempotent under two concurrent submits: one submission, one reference, one e-mail with the PDF'), async () => {
    noteSerialisedOnPglite('two concurrent submits')
    const owner = await person()
    const { applicationId: id } = await completeDraft(owner)
    const version = await versionOf(id)
    const [a, b] = await Promise.all([submit(id, owner.cookie, version), submit(id, owner.cookie, version)])
    expect([a.status, b.status]).toEqual([302, 302])
    expect(a.headers.get('Location')).toBe(b.headers.get('Location'))
    const row = await application(id)
    expect(row).toMatchObject({ status: 'submitted', version: version + 1 })
    const events = await handle.db.selectFrom('application_events').select('event').where('application_id', '=', id).where('event', '=', 'submit').execute()
    expect(events).toHaveLength(1)
    const mail = await mailTo(handle.db, owner.email)
    expect(mail).toHaveLength(1)
    expect(mail[0].subject).toContain(row.reference!)
    const attachments = await sql<{ attachments: unknown }>`SELECT attachments FROM email_outbox WHERE id = ${mail[0].id}`.execute(handle.db)
    const list = attachments.rows[0].attachments as { filename: string; contentType: string }[]
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ contentType: 'application/pdf', filename: expect.stringMatching(new RegExp(`${row.reference}\\.pdf$`)) })
    // A later click (the back button, a reload) gives the same answer again, still without a second e-mail.
    expect((await submit(id, owner.cookie, version)).status).toBe(302)
    expect(await mailTo(handle.db, owner.email)).toHaveLength(1)
    const counted = await handle.db.selectFrom('applications').select('reference').where('reference', '=', row.reference).execute()
    expect(counted).toHaveLength(1)
  })

  it('never lets a section save racing a submit change the submitted dossier', async () => {
    const owner = await person()
    const { applicationId: id } = await completeDraft(owner)
    const access = (await getApplicationForMember(handle.db, id, owner.id))!
    const [submitted, saved] = await Promise.all([
      submit(id, owner.cookie),
      saveSection(handle.db, access, owner, 'general', { data: { ...COMPLETE_SECTIONS.general, title: 'Tên mới' }, baseVersion: 1, complete: true }),
    ])
    if (submitted.status === 409) {
      // The save came first and moved the application's version: the submitter is told it changed and must
      // look at the answers again; nothing was submitted.
      expect(saved).toMatchObject({ ok: true })
      expect((await application(id)).status).toBe('draft')
      return
    }
    expect(submitted.status).toBe(302)
    const row = await application(id)
    const general = await handle.db.selectFrom('application_sections').select(['data', 'updated_at']).where('application_id', '=', id).where('key', '=', 'general').executeTakeFirstOrThrow()
    if ('ok' in saved) {
      // The save came first: the submission includes it.
      expect(general.updated_at.getTime()).toBeLessThanOrEqual(row.submitted_at!.getTime())
      expect(row.title).toBe('Tên mới')
    } else {
      expect(saved).toEqual({ refused: 'read-only' })
      expect(general.data).toMatchObject({ title: COMPLETE_SECTIONS.general.title })
    }
  })

  it('refuses an incomplete application with the list of problems, and changes nothing', async () => {
    const owner = await person()
    const { applicationId: id } = await createDraftApplication(handle.db, owner.id)
    const page = await (await check(id, owner.cookie)).json()
    const messages = page.problems.map((p: { message: string }) => p.message)
    expect(messages).toEqual(
      expect.arrayContaining([
        'submission.problem.section.general', 'submission.problem.section.team', 'submission.problem.section.proposal',
        'submission.problem.section.budget', 'submission.problem.section.declarations', 'submission.problem.document',
      ]),
    )
    expect(page.problems.filter((p: { message: string }) => p.message === 'submission.problem.document')).toHaveLength(2)
    expect(page.problems[0]).toMatchObject({ href: `/applications/${id}/sections/general` })
    const res = await submit(id, owner.cookie)
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.refusal).toBe('problems')
    expect(body.problems).toHaveLength(page.problems.length)
    expect(await application(id)).toMatchObject({ status: 'draft', reference: null, version: 1 })
    expect(await mailTo(handle.db, owner.email)).toEqual([])
  })

  it('reports the call’s budget rules when the stored budget breaks them', async () => {
    const owner = await person()
    const { applicationId: id, call } = await completeDraft(owner)
    // The Fund changed nothing after publishing; simulate a budget that no longer meets the rule.
    await handle.db.updateTable('calls').set({ max_amount: 400_000_000 }).where('id', '=', call.id).execute()
    const res = await submit(id, owner.cookie)
    expect(res.status).toBe(400)
    const { problems } = await res.json()
    expect(problems).toContainEqual({ message: 'applications.rule.maxAmount?max=400.000.000&amount=500.000.000', href: `/applications/${id}/sections/budget` })
  })

  it('refuses a submission after the deadline (plus grace) by server time, and accepts one within the grace', async () => {
    const owner = await person()
    const late = await completeDraft(owner, { grace_minutes: 30 })
    await handle.db.updateTable('calls').set({ closes_at: new Date(Date.now() - 31 * 60_000) }).where('id', '=', late.call.id).execute()
    const refused = await submit(late.applicationId, owner.cookie)
    expect(refused.status).toBe(403)
    expect((await refused.json()).refusal).toBe('deadline')
    expect(await application(late.applicationId)).toMatchObject({ status: 'draft', reference: null })
    // After the deadline the draft is read-only.
    const save = await invoke(sectionPage, ctx, { method: 'POST', path: path(late.applicationId, 'sections/general'), cookie: owner.cookie, params: { id: late.applicationId, key: 'general' }, form: { intent: 'autosave', baseVersion: '1', title: 'Sau hạn' } })
    expect(save.status).toBe(403)

    const inGrace = await completeDraft(owner, { grace_minutes: 30 })
    await handle.db.updateTable('calls').set({ closes_at: new Date(Date.now() - 10 * 60_000) }).where('id', '=', inGrace.call.id).execute()
    expect((await submit(inGrace.applicationId, owner.cookie)).status).toBe(302)
    expect((await application(inGrace.applicationId)).status).toBe('submitted')
  })

  it('refuses a submit based on an older version, and a viewer', async () => {
    const owner = await person()
    const viewer = await person('Người Xem')
    const { applicationId: id, organisationId } = await completeDraft(owner)
    await join_(organisationId, viewer.id, 'viewer')
    const stale = await submit(id, owner.cookie, 0)
    expect(stale.status).toBe(409)
    expect((await stale.json()).refusal).toBe('changed')
    expect((await submit(id, viewer.cookie)).status).toBe(403)
    expect((await (await check(id, viewer.cookie)).json()).canSubmit).toBe(false)
    expect((await application(id)).status).toBe('draft')
  })

  it('freezes the dossier: sections and attachments can no longer change after submission', async () => {
    const owner = await person()
    const { applicationId: id, docs } = await completeDraft(owner)
    expect((await submit(id, owner.cookie)).status).toBe(302)
    const save = await invoke(sectionPage, ctx, { method: 'POST', path: path(id, 'sections/general'), cookie: owner.cookie, params: { id, key: 'general' }, form: { ...COMPLETE_SECTIONS.general, title: 'Đổi tên', completed: 'yes', baseVersion: '1' } })
    expect(save.status).toBe(403)
    const access = (await getApplicationForMember(handle.db, id, owner.id))!
    const up = await uploadAttachment(handle.db, uploadStorage(ctx.env), access, owner, { callDocumentId: docs[0].id, filename: 'moi.pdf', stream: PDF })
    expect(up).toMatchObject({ ok: false, status: 403 })
    expect((await application(id)).title).toBe(COMPLETE_SECTIONS.general.title)
  })
})

describe('withdrawing', () => {
  it('needs a reason, records the event and the audit entry, and cannot be repeated', async () => {
    const owner = await person()
    const { applicationId: id } = await completeDraft(owner)
    expect((await submit(id, owner.cookie)).status).toBe(302)
    const post = (form: Record<string, string>) => invoke(withdrawPage, ctx, { method: 'POST', path: path(id, 'withdraw'), cookie: owner.cookie, params: { id }, form })
    const empty = await post({ reason: '   ' })
    expect(empty.status).toBe(400)
    expect((await empty.json()).errors.reason.message).toBe('submission.withdraw.reason.required')
    expect((await application(id)).status).toBe('submitted')

    const res = await post({ reason: 'Tổ chức không bố trí được vốn đối ứng.' })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe(`/applications/${id}?notice=withdrawn`)
    const row = await application(id)
    expect(row).toMatchObject({ status: 'withdrawn', withdraw_reason: 'Tổ chức không bố trí được vốn đối ứng.' })
    expect(row.withdrawn_at).toBeInstanceOf(Date)
    const [latest] = await listApplicationEvents(handle.db, id)
    expect(latest).toMatchObject({ event: 'withdraw', fromStatus: 'submitted', toStatus: 'withdrawn', details: { reason: 'Tổ chức không bố trí được vốn đối ứng.' } })
    expect(await auditActions(handle.db, id)).toContain('application.withdrawn')
    expect((await post({ reason: 'Lần nữa' })).status).toBe(409)
    expect((await submit(id, owner.cookie)).status).toBe(409)
  })

  it('is refused after a decision', async () => {
    const owner = await person()
    const { applicationId: id } = await createDraftApplication(handle.db, owner.id)
    await handle.db.updateTable('applications').set({ status: 'approved' }).where('id', '=', id).execute()
    const page = await (await invoke(withdrawPage, ctx, { path: path(id, 'withdraw'), cookie: owner.cookie, params: { id } })).json()
    expect(page.allowed).toBe(false)
    const res = await invoke(withdrawPage, ctx, { method: 'POST', path: path(id, 'withdraw'), cookie: owner.cookie, params: { id }, form: { reason: 'Muộn' } })
    expect(res.status).toBe(409)
    expect((await application(id)).status).toBe('approved')
  })
})

describe('access', () => {
  it('answers 404 on check, confirmation and withdraw to a user of another organisation', async () => {
    const owner = await person()
    const outsider = await person('Người Ngoài')
    await createOrganisation(handle.db, [{ userId: outsider.id, role: 'owner' }])
    const { applicationId: id } = await completeDraft(owner)
    for (const [route, page] of [[checkPage, 'check'], [confirmationPage, 'confirmation'], [withdrawPage, 'withdraw']] as const) {
      expect((await invoke(route, ctx, { path: path(id, page), cookie: outsider.cookie, params: { id } })).status, page).toBe(404)
    }
    expect((await invoke(checkPage, ctx, { method: 'POST', path: path(id, 'check'), cookie: outsider.cookie, params: { id }, form: { version: '1' } })).status).toBe(404)
    expect((await invoke(withdrawPage, ctx, { method: 'POST', path: path(id, 'withdraw'), cookie: outsider.cookie, params: { id }, form: { reason: 'x' } })).status).toBe(404)
    expect(await application(id)).toMatchObject({ status: 'draft' })
  })
})

describe('references', () => {
  it('counts in the year of Việt Nam and pads to four digits', () => {
    expect(vnYear(new Date('2026-12-31T17:30:00Z'))).toBe(2027)
    expect(vnYear(new Date('2026-12-31T16:59:00Z'))).toBe(2026)
    expect(formatReference('QKHCN', 2027, 1)).toBe('QKHCN-2027-0001')
    expect(formatReference('QKHCN', 2027, 12345)).toBe('QKHCN-2027-12345')
  })
})

describe('what the applicant checked is what is submitted', () => {
  it('refuses a submission from a check page read before a co-applicant changed a section or a file', async () => {
    const owner = await person()
    const { applicationId: id } = await completeDraft(owner)
    const seen = await versionOf(id)
    const access = (await getApplicationForMember(handle.db, id, owner.id))!
    const current = await handle.db.selectFrom('application_sections').select('version').where('application_id', '=', id).where('key', '=', 'proposal').executeTakeFirstOrThrow()
    expect(await saveSection(handle.db, access, owner, 'proposal', { data: COMPLETE_SECTIONS.proposal, baseVersion: current.version, complete: true })).toMatchObject({ ok: true })
    const res = await submit(id, owner.cookie, seen)
    expect(res.status).toBe(409)
    expect((await application(id)).status).toBe('draft')
    expect((await submit(id, owner.cookie)).status).toBe(302)
  })
})

describe('the reference, taken last in the submission (reference.ts)', () => {
  it('is the same wherever the submission shows it — application, history, audit, mail, receipt name — and keeps counting past 9999', async () => {
    // The year's counter as a busy year leaves it: the next dossier is the 10,000th.
    await sql`INSERT INTO reference_counters (scope, year, last) VALUES ('application', ${year}, 9999)
      ON CONFLICT (scope, year) DO UPDATE SET last = 9999`.execute(handle.db)
    const owner = await person()
    const { applicationId: id } = await completeDraft(owner)
    expect((await submit(id, owner.cookie)).status).toBe(302)
    const reference = formatReference('QKHCN', year, 10000)
    expect(reference).toBe(`QKHCN-${year}-10000`)
    expect((await application(id)).reference).toBe(reference)
    const [event] = await listApplicationEvents(handle.db, id)
    expect(event.details).toMatchObject({ reference })
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'details']).where('subject_id', '=', id).where('action', '=', 'application.submitted').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0].details).toMatchObject({ reference, event: 'submit', from: 'draft', call: expect.any(String) })
    const [mail] = await mailTo(handle.db, owner.email)
    for (const text of [mail.subject, mail.text_body, mail.html_body]) {
      expect(text).toContain(reference)
      expect(text).not.toContain('⟦')
    }
    expect(JSON.stringify(mail.attachments)).toContain(`bien-nhan-${reference}.pdf`)
    // Only this submission's rows were touched: an earlier dossier keeps its own reference in its history.
    const others = await handle.db.selectFrom('application_events').select('details').where('event', '=', 'submit').where('application_id', '<>', id).execute()
    expect(others.length).toBeGreaterThan(0)
    for (const o of others) expect(JSON.stringify(o.details)).not.toContain(reference)
  })
})
