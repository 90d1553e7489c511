import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import type { ApplicationStatus } from '../../db/schema'
import * as applicantPage from '../../app/routes/applications.$id._index'
import * as checkPage from '../../app/routes/applications.$id.check'
import * as sectionPage from '../../app/routes/applications.$id.sections.$key'
import * as staffPage from '../../app/routes/staff.applications.$id._index'
import * as eventPage from '../../app/routes/staff.applications.$id.events.$event'
import * as screeningPage from '../../app/routes/staff.applications.$id.screening'
import * as messagePage from '../../app/routes/staff.applications.$id.message'
import * as publicCallPage from '../../app/routes/calls.$code._index'
import * as withdrawPage from '../../app/routes/applications.$id.withdraw'
import * as issuePage from '../../app/routes/staff.applications.$id.documents.issue'
import { addApplication, createCouncil } from '../../app/modules/review'
import { applyTransition, EVENTS, type Actor, type WorkflowEvent } from '../../app/modules/workflow'
import { isCouncilEvent, step, TRANSITIONS } from '../../app/modules/workflow/machine'
import { uploadStorage } from '../../app/modules/applications'
import { issueOutcome } from '../../app/modules/decisions'
import { signPending, testSigning } from '../setup/signing'
import { formAppraisalTeam, getAppraisal, recordAppraisal } from '../../app/modules/appraisal'
import { issueAppraisalMinutes } from '../../app/modules/appraisal/issue'
import { concurrencyTitle, createTestDb, noteSerialisedOnPglite } from '../setup/db'
import { auditActions, createUser, invoke, mailTo, sessionFor, testContext, testEnv } from '../setup/app'
import { COMPLETE_SECTIONS, createCompleteDraft } from '../setup/applications'
import { concludeOnCouncil, reviseAndAppraise, TEAM } from '../setup/review'

// The status machine on the real database, and the Fund's screening through its pages: a request for
// changes reopens only what it names and reaches the applicant as a message and a mail; the resubmission;
// the checklist before "eligible"; two staff acting at once; a random walk that never leaves the table.

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let dataDir: string

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'workflow-test-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

async function person(roles: ('applicant' | 'staff' | 'director')[], fullName: string) {
  const user = await createUser(handle.db, { roles, fullName })
  return { ...user, fullName, cookie: await sessionFor(ctx, user.id) }
}
type Person = Awaited<ReturnType<typeof person>>

const row = (id: string) => handle.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

/** A complete draft submitted through the machine, as its owner. */
async function submitted(owner: Person, call: Parameters<typeof createCompleteDraft>[3] = {}) {
  const draft = await createCompleteDraft(handle.db, ctx.env, owner, call)
  const app = await row(draft.applicationId)
  const result = await applyTransition(handle.db, { applicationId: app.id, event: 'submit', actor: owner, as: 'applicant', expectedVersion: app.version, lang: 'vi' })
  expect(result).toMatchObject({ ok: true, status: 'submitted' })
  return draft.applicationId
}

const staffPath = (id: string, rest = '') => `/staff/applications/${id}${rest}`

/** Screened and declared eligible by the officer, through the machine. */
async function eligible(id: string, officer: Person) {
  await handle.db.insertInto('screening_checks').values({ application_id: id, items: { documents: true, eligibility: true, legal: true }, updated_at: new Date() }).execute()
  for (const event of ['start_screening', 'declare_eligible'] as const) {
    expect(await applyTransition(handle.db, { applicationId: id, event, actor: officer, as: 'staff', lang: 'vi' }), event).toMatchObject({ ok: true })
  }
}

async function postEvent(who: Person, id: string, event: WorkflowEvent, form: Record<string, string>) {
  const version = (await row(id)).version
  return invoke(eventPage, ctx, { method: 'POST', path: staffPath(id, `/events/${event}`), cookie: who.cookie, params: { id, event }, form: { version: String(version), ...form } })
}

describe('screening through the Fund’s pages', () => {
  it('requests changes: the applicant is told (page and mail), may edit only what is reopened, and resubmits', async () => {
    const owner = await person(['applicant'], 'Phạm Thị Lan')
    const officer = await person(['staff'], 'Hoàng Văn Kiểm')
    const id = await submitted(owner)

    // Nothing happens to a submitted application but "start screening".
    expect((await postEvent(officer, id, 'request_changes', { message: 'x', due: '15/12/2030', section_budget: 'on' })).status).toBe(409)
    const start = await postEvent(officer, id, 'start_screening', { note: '' })
    expect(start.status).toBe(302)
    expect(start.headers.get('Location')).toBe(`${staffPath(id)}?notice=event:start_screening`)

    // The form speaks for itself when incomplete.
    const empty = await postEvent(officer, id, 'request_changes', { message: '', due: '31/02/2030' })
    expect(empty.status).toBe(400)
    expect((await empty.json()).errors).toMatchObject({
      message: { message: 'workflow.v.message.required' },
      due: { message: 'workflow.v.due.format' },
      sections: { message: 'workflow.v.sections.required' },
    })
    const ask = await postEvent(officer, id, 'request_changes', {
      message: 'Đề nghị bổ sung bảng dự toán chi tiết phần thiết bị.',
      due: '15/12/2030',
      section_budget: 'on',
    })
    expect(ask.status).toBe(302)
    expect((await row(id)).status).toBe('changes_requested')

    // The applicant's page: the request, its due date and the sections it opens; and a mail.
    const page = await (await invoke(applicantPage, ctx, { path: `/applications/${id}`, cookie: owner.cookie, params: { id } })).json()
    expect(page.changeRequest).toMatchObject({ kind: 'change_request', body: 'Đề nghị bổ sung bảng dự toán chi tiết phần thiết bị.', dueOn: '2030-12-15', sections: ['budget'] })
    expect(page.canResubmit).toBe(true)
    expect(page.application.status).toBe('changes_requested')
    expect(page.next).toEqual({ text: 'applications.whatNext.changes', params: { date: '15/12/2030' } })
    // The task list: the reopened section is to change, the others stay completed.
    const states = (p: { tasks: { key: string; state: string }[] }) => Object.fromEntries(p.tasks.map((t) => [t.key, t.state]))
    expect(states(page)).toMatchObject({ general: 'completed', budget: 'to_change', attachments: 'completed' })
    // The office waits for the changes, with the notice asking for them to issue.
    const office = await (await invoke(staffPage, ctx, { path: staffPath(id), cookie: officer.cookie, params: { id } })).json()
    expect(office.next).toEqual({
      steps: [
        { kind: 'link', text: 'screening.next.issue.supplementation', href: '#documents' },
        { kind: 'link', text: 'screening.checklist.link', href: staffPath(id, '/screening') },
      ],
      waiting: { text: 'screening.next.wait.applicant', params: { date: '15/12/2030' } },
    })
    const mails = (await mailTo(handle.db, owner.email)).filter((m) => m.template === 'fund_message')
    expect(mails).toHaveLength(1)
    expect(mails[0].subject).toContain('Yêu cầu bổ sung hồ sơ')
    expect(mails[0].text_body).toContain('15/12/2030')
    expect(mails[0].text_body).toContain('Đề nghị bổ sung bảng dự toán chi tiết phần thiết bị.')

    // Only the budget is open again.
    const save = (key: string, data: Record<string, string>, baseVersion: string) =>
      invoke(sectionPage, ctx, { method: 'POST', path: `/applications/${id}/sections/${key}`, cookie: owner.cookie, params: { id, key }, form: { ...data, completed: 'yes', baseVersion } })
    expect((await save('general', { ...COMPLETE_SECTIONS.general, title: 'Đổi tên' }, '1')).status).toBe(403)
    const budget = await save('budget', { ...COMPLETE_SECTIONS.budget, equipment_contribution: '250.000.000' }, '1')
    expect(budget.status).toBeLessThan(400)
    expect((await row(id)).title).toBe(COMPLETE_SECTIONS.general.title)
    const changed = await (await invoke(applicantPage, ctx, { path: `/applications/${id}`, cookie: owner.cookie, params: { id } })).json()
    expect(states(changed)).toMatchObject({ general: 'completed', budget: 'completed' })

    // Resubmitting from the check page.
    const version = (await row(id)).version
    const resubmit = await invoke(checkPage, ctx, { method: 'POST', path: `/applications/${id}/check`, cookie: owner.cookie, params: { id }, form: { version: String(version) } })
    expect(resubmit.status).toBe(302)
    expect(resubmit.headers.get('Location')).toBe(`/applications/${id}?notice=resubmitted`)
    expect((await row(id)).status).toBe('resubmitted')
    const after = await (await invoke(applicantPage, ctx, { path: `/applications/${id}`, cookie: owner.cookie, params: { id } })).json()
    expect(after.changeRequest).toBeNull()
    expect(after.messages[0].resolvedAt).not.toBeNull()
    expect(await auditActions(handle.db, id)).toEqual(expect.arrayContaining(['application.submitted', 'application.screening', 'application.changes_requested', 'application.resubmitted']))
  })

  it('declares eligible only once the checklist is complete; notes stay internal; messages reach the applicant', async () => {
    const owner = await person(['applicant'], 'Võ Minh Tâm')
    const officer = await person(['staff'], 'Đinh Thị Sàng')
    const id = await submitted(owner)
    await postEvent(officer, id, 'start_screening', {})

    const refused = await postEvent(officer, id, 'declare_eligible', { note: '' })
    expect(refused.status).toBe(409)
    expect((await refused.json()).errors.form.message).toBe('workflow.refused.checklist')

    const partial = await invoke(screeningPage, ctx, { method: 'POST', path: staffPath(id, '/screening'), cookie: officer.cookie, params: { id }, form: { documents: 'on', eligibility: 'on', notes: 'Thiếu xác nhận pháp lý' } })
    expect(partial.status).toBe(302)
    expect((await postEvent(officer, id, 'declare_eligible', {})).status).toBe(409)
    await invoke(screeningPage, ctx, { method: 'POST', path: staffPath(id, '/screening'), cookie: officer.cookie, params: { id }, form: { documents: 'on', eligibility: 'on', legal: 'on', notes: 'Đủ điều kiện' } })

    // An internal note and a message.
    const note = await invoke(staffPage, ctx, { method: 'POST', path: staffPath(id), cookie: officer.cookie, params: { id }, form: { body: 'Gọi điện xác minh số liệu tài chính — nội bộ' } })
    expect(note.status).toBe(302)
    const msg = await invoke(messagePage, ctx, { method: 'POST', path: staffPath(id, '/message'), cookie: officer.cookie, params: { id }, form: { body: 'Quỹ đã nhận đủ hồ sơ và đang thẩm định.' } })
    expect(msg.status).toBe(302)

    const eligible = await postEvent(officer, id, 'declare_eligible', { note: 'Hồ sơ hợp lệ.' })
    expect(eligible.status).toBe(302)
    expect((await row(id)).status).toBe('eligible')

    const applicantJson = JSON.stringify(await (await invoke(applicantPage, ctx, { path: `/applications/${id}`, cookie: owner.cookie, params: { id } })).json())
    expect(applicantJson).not.toContain('nội bộ')
    expect(applicantJson).not.toContain('Thiếu xác nhận pháp lý')
    expect(applicantJson).toContain('Quỹ đã nhận đủ hồ sơ và đang thẩm định.')
    const staffJson = await (await invoke(staffPage, ctx, { path: staffPath(id), cookie: officer.cookie, params: { id } })).json()
    expect(staffJson.notes[0].body).toBe('Gọi điện xác minh số liệu tài chính — nội bộ')
    expect(staffJson.messages.map((m: { kind: string }) => m.kind)).toEqual(['eligible', 'message'])
    // The applicant's people hear of both: the message and the notice of eligibility.
    expect((await mailTo(handle.db, owner.email)).filter((m) => m.template === 'fund_message')).toHaveLength(2)
  })

  it(concurrencyTitle('two officers at once: one wins; the other is told who changed the application and when'), async () => {
    noteSerialisedOnPglite('two officers changing one application at once')
    const owner = await person(['applicant'], 'Y Blang Niê')
    const first = await person(['staff'], 'Lê Thị Một')
    const second = await person(['staff'], 'Trần Văn Hai')
    const id = await submitted(owner)
    const version = String((await row(id)).version)
    const post = (who: Person, event: WorkflowEvent, form: Record<string, string>) =>
      invoke(eventPage, ctx, { method: 'POST', path: staffPath(id, `/events/${event}`), cookie: who.cookie, params: { id, event }, form: { version, ...form } })
    const [a, b] = await Promise.all([post(first, 'start_screening', { note: 'Tôi nhận hồ sơ này' }), post(second, 'start_screening', { note: 'Tôi nhận' })])
    const statuses = [a.status, b.status].sort()
    expect(statuses).toEqual([302, 409])
    const loser = a.status === 409 ? a : b
    const winnerName = a.status === 409 ? second.fullName : first.fullName
    const message: string = (await loser.json()).errors.form.message
    expect(message.startsWith('workflow.refused.version?')).toBe(true)
    const params = new URLSearchParams(message.split('?')[1])
    expect(params.get('name')).toBe(winnerName)
    expect(params.get('time')).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$|\d{2}\/\d{2}\/\d{4}/)
    const events = await handle.db.selectFrom('application_events').select('event').where('application_id', '=', id).where('event', '=', 'start_screening').execute()
    expect(events).toHaveLength(1)
  })

  it(concurrencyTitle('eight officers at once on the machine: exactly one moves the application, each other one is refused'), async () => {
    noteSerialisedOnPglite('eight officers changing one application at once')
    const owner = await person(['applicant'], 'H Hen Niê')
    const officers = await Promise.all(Array.from({ length: 8 }, (_, i) => person(['staff'], `Cán bộ ${i + 1}`)))
    const id = await submitted(owner)
    const { version } = await row(id)
    const results = await Promise.all(
      officers.map((officer) => applyTransition(handle.db, { applicationId: id, event: 'start_screening', actor: officer, as: 'staff', expectedVersion: version, lang: 'vi' })),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => (r as { reason: string }).reason)).toEqual(Array(7).fill('version'))
    expect(await row(id)).toMatchObject({ status: 'screening', version: version + 1 })
    const events = await handle.db.selectFrom('application_events').select('event').where('application_id', '=', id).where('event', '=', 'start_screening').execute()
    expect(events).toHaveLength(1)
  })

  it('a director approves no more than the team appraised; staff cannot approve; the applicant is told', async () => {
    const owner = await person(['applicant'], 'Nguyễn Hữu Phước')
    const officer = await person(['staff'], 'Cán Bộ Ba')
    const director = await person(['director'], 'Giám Đốc Quỹ')
    const id = await submitted(owner)
    // To "recommended" through the machine, on a council's conclusion.
    const app = await row(id)
    await eligible(id, officer)
    await concludeOnCouncil(handle.db, { applicationId: id, staff: officer })
    // The recommendation alone is not enough: the revision and the appraisal come first.
    expect((await postEvent(director, id, 'approve', { amount: '450.000.000' })).status).toBe(409)
    await reviseAndAppraise(handle.db, ctx.env, { applicationId: id, owner, staff: officer, labour: 480_000_000 })
    expect((await postEvent(officer, id, 'approve', { amount: '100.000.000' })).status).toBe(403)
    const tooMuch = await postEvent(director, id, 'approve', { amount: '600.000.000' })
    expect(tooMuch.status).toBe(400)
    // Above the appraised 480.000.000 ₫ (under the 500.000.000 ₫ requested), in words with the cap.
    const aboveAppraisal = await postEvent(director, id, 'approve', { amount: '490.000.000' })
    expect(aboveAppraisal.status).toBe(400)
    expect((await aboveAppraisal.json()).errors.form.message).toMatch(/^workflow\.refused\.aboveAppraisal\?max=480/)
    expect((await row(id)).status).toBe('appraised')
    const ok = await postEvent(director, id, 'approve', { amount: '450.000.000', conditions: 'Giải ngân theo 2 đợt.' })
    expect(ok.status).toBe(302)
    expect(await row(id)).toMatchObject({ status: 'approved', approved_amount: 450_000_000, decision_conditions: 'Giải ngân theo 2 đợt.' })
    expect(Number(app.requested_amount)).toBe(500_000_000)
    const mail = (await mailTo(handle.db, owner.email)).filter((m) => m.template === 'fund_message').at(-1)!
    expect(mail.subject).toContain('Hồ sơ được phê duyệt tài trợ')
    // The mail gives the amount and the conditions, and says the decision document is still to come.
    expect(mail.text_body).toContain('Giám đốc Quỹ đã phê duyệt tài trợ 450.000.000\u00a0₫ cho hồ sơ')
    expect(mail.text_body).toContain('Điều kiện kèm theo:')
    expect(mail.text_body).toContain('Giải ngân theo 2 đợt.')
    expect(mail.text_body).toContain('Quyết định phê duyệt sẽ được gửi tới bạn qua thư điện tử khi Quỹ ban hành')
    expect(mail.text_body).not.toContain('có trên trang hồ sơ')

    // The applicant's page: the decision (amount, conditions, its document to follow) and what happens next.
    const mine = async () => (await invoke(applicantPage, ctx, { path: `/applications/${id}`, cookie: owner.cookie, params: { id } })).json()
    const before = await mine()
    expect(before.decision).toMatchObject({ amount: 450_000_000, conditions: 'Giải ngân theo 2 đợt.', document: null })
    expect(before.next).toEqual({ text: 'applications.whatNext.approved.document' })
    // The office: the decision is due, not the contract (signed on the issued decision only).
    const office = async () => (await (await invoke(staffPage, ctx, { path: staffPath(id), cookie: officer.cookie, params: { id } })).json()).next
    expect(await office()).toEqual({ steps: [{ kind: 'link', text: 'screening.next.issue.decision', href: '#documents' }], waiting: null })
    expect((await (await invoke(staffPage, ctx, { path: staffPath(id), cookie: officer.cookie, params: { id } })).json()).application.conditions).toBe('Giải ngân theo 2 đợt.')
    expect(await applyTransition(handle.db, { applicationId: id, event: 'sign_contract', actor: officer, as: 'staff', lang: 'vi' })).toMatchObject({ ok: false, problem: 'workflow.refused.decisionNotIssued' })
    const sent = await invoke(issuePage, ctx, { method: 'POST', path: staffPath(id, '/documents/issue'), cookie: officer.cookie, params: { id }, form: { confirmed: 'yes', kind: 'decision' } })
    expect(sent.status).toBe(302)
    // Sent for signature: the office waits for the director, whose next step is to read and sign it.
    expect(await office()).toEqual({ steps: [], waiting: { text: 'screening.next.wait.signature' } })
    const directorNext = (await (await invoke(staffPage, ctx, { path: staffPath(id), cookie: director.cookie, params: { id } })).json()).next
    expect(directorNext.steps[0]).toEqual({ kind: 'link', text: 'screening.next.sign.decision', href: expect.stringMatching(/^\/signing\/[0-9a-f-]{36}$/) })
    expect(await signPending(handle.db, uploadStorage(ctx.env), { applicationId: id }, director)).toMatchObject({ ok: true })
    // Issued: the contract is drafted, sent, accepted and signed on its own page before the task is under contract.
    expect(await office()).toEqual({ steps: [{ kind: 'link', text: 'screening.next.contract.draft', href: `/staff/tasks/${id}/contract` }], waiting: null })
    const after = await mine()
    expect(after.decision.document.symbol).toMatch(/^\d+\/QĐ-/)
    expect(after.next).toEqual({ text: 'applications.whatNext.approved.contract' })
  })

  it('answers 404 for a draft and for an unknown event, and 403 to an applicant', async () => {
    const owner = await person(['applicant'], 'Chủ Nháp')
    const officer = await person(['staff'], 'Cán Bộ Bốn')
    const draft = await createCompleteDraft(handle.db, ctx.env, owner)
    const id = draft.applicationId
    expect((await invoke(staffPage, ctx, { path: staffPath(id), cookie: officer.cookie, params: { id } })).status).toBe(404)
    const sub = await submitted(owner)
    expect((await invoke(eventPage, ctx, { path: staffPath(sub, '/events/nope'), cookie: officer.cookie, params: { id: sub, event: 'nope' } })).status).toBe(404)
    expect((await invoke(eventPage, ctx, { path: staffPath(sub, '/events/submit'), cookie: officer.cookie, params: { id: sub, event: 'submit' } })).status).toBe(404)
    expect((await invoke(staffPage, ctx, { path: staffPath(sub), cookie: owner.cookie, params: { id: sub } })).status).toBe(403)
  })
})

describe('what the applicant and the office are told', () => {
  const withdrawn = async (p: { email: string }) => (await mailTo(handle.db, p.email)).filter((m) => m.template === 'application_withdrawn')

  it('withdrawing tells the applicant’s owners and editors and the office, each in their language, with the reason', async () => {
    const owner = await person(['applicant'], 'Trương Thị Rút')
    const editor = await person(['applicant'], 'Jane Editor')
    const viewer = await person(['applicant'], 'Người Chỉ Xem')
    const officeVi = await person(['staff'], 'Cán Bộ Nhận Tin')
    const officeEn = await person(['staff'], 'Office Reader')
    await handle.db.updateTable('users').set({ lang: 'en' }).where('id', 'in', [editor.id, officeEn.id]).execute()
    const id = await submitted(owner)
    const app = await row(id)
    await handle.db
      .insertInto('organisation_members')
      .values([
        { organisation_id: app.organisation_id, user_id: editor.id, role: 'editor' },
        { organisation_id: app.organisation_id, user_id: viewer.id, role: 'viewer' },
      ])
      .execute()
    const org = await handle.db.selectFrom('organisations').select('name').where('id', '=', app.organisation_id).executeTakeFirstOrThrow()
    const reason = 'Tổ chức không bố trí được vốn đối ứng.'
    const res = await invoke(withdrawPage, ctx, { method: 'POST', path: `/applications/${id}/withdraw`, cookie: owner.cookie, params: { id }, form: { reason } })
    expect(res.status).toBe(302)
    const reference = app.reference!

    const [mine, ...moreOfMine] = await withdrawn(owner)
    expect(moreOfMine).toHaveLength(0)
    expect(mine.subject).toBe(`[${reference}] Hồ sơ đã được rút`)
    expect(mine.text_body).toContain(`Trương Thị Rút đã rút hồ sơ “${app.title}”`)
    expect(mine.text_body).toContain(reason)
    expect(mine.text_body).toContain(`/applications/${id}`)
    const [theirs] = await withdrawn(editor)
    expect(theirs.subject).toBe(`[${reference}] Application withdrawn`)
    expect(theirs.text_body).toContain(`Trương Thị Rút withdrew “${app.title}”`)
    expect(theirs.text_body).toContain(reason)
    expect(await withdrawn(viewer)).toHaveLength(0)

    const [office] = await withdrawn(officeVi)
    expect(office.subject).toBe(`[${reference}] Hồ sơ đã được rút`)
    expect(office.text_body).toContain(`${org.name} đã rút hồ sơ ${reference}`)
    expect(office.text_body).toContain(reason)
    expect(office.text_body).toContain(`/staff/applications/${id}`)
    const [officeEnglish] = await withdrawn(officeEn)
    expect(officeEnglish.subject).toBe(`[${reference}] Application withdrawn`)
    expect(officeEnglish.text_body).toContain(`${org.name} withdrew application ${reference}`)
  })

  it('a draft withdrawn: its people hear of it; the office does not, the Fund never had it', async () => {
    const owner = await person(['applicant'], 'Chủ Nháp Rút')
    const office = await person(['staff'], 'Cán Bộ Không Liên Quan')
    const draft = await createCompleteDraft(handle.db, ctx.env, owner)
    const id = draft.applicationId
    const res = await invoke(withdrawPage, ctx, { method: 'POST', path: `/applications/${id}/withdraw`, cookie: owner.cookie, params: { id }, form: { reason: 'Đổi hướng đề tài' } })
    expect(res.status).toBe(302)
    const [mail] = await withdrawn(owner)
    expect(mail.subject).toBe(`Hồ sơ “${(await row(id)).title}” đã được rút`)
    expect(mail.text_body).toContain('Đổi hướng đề tài')
    expect(await withdrawn(office)).toHaveLength(0)
  })
})

describe('the council decides', () => {
  it('lets no one take the council’s steps without it: review needs a council, the recommendation its conclusion, which decides', async () => {
    const owner = await person(['applicant'], 'Hồ Thị Hội')
    const officer = await person(['staff'], 'Cán Bộ Tắt')
    const director = await person(['director'], 'Giám Đốc Tắt')
    const id = await submitted(owner)
    await eligible(id, officer)
    const move = (event: WorkflowEvent, who: Person = officer, as: Actor = 'staff', input: Record<string, string> = {}) =>
      applyTransition(handle.db, { applicationId: id, event, actor: who, as, input, lang: 'vi', appUrl: 'http://localhost:3000' })
    const next = async (who: Person) => (await (await invoke(staffPage, ctx, { path: staffPath(id), cookie: who.cookie, params: { id } })).json()).next
    const app = await row(id)

    // Declared eligible, the office's page points to forming a council for the call; the applicant's says a council reviews it.
    expect(await next(officer)).toEqual({ steps: [{ kind: 'link', text: 'screening.next.council.new', href: `/staff/councils/new?call=${app.call_id}` }], waiting: null })
    const mine = await (await invoke(applicantPage, ctx, { path: `/applications/${id}`, cookie: owner.cookie, params: { id } })).json()
    expect(mine.next).toEqual({ text: 'applications.whatNext.review.council' })

    // What staff did alone (in_review → reviewed → recommended, and the director approved) is refused at the first step.
    expect(await move('start_review')).toMatchObject({ ok: false, reason: 'guard', problem: 'workflow.refused.noCouncil' })
    // The event pages do not offer the council's steps on a call that has councils.
    const page = await (await invoke(eventPage, ctx, { path: staffPath(id, '/events/start_review'), cookie: officer.cookie, params: { id, event: 'start_review' } })).json()
    expect(page.available).toBe(false)
    expect((await postEvent(officer, id, 'start_review', { note: 'Bỏ qua hội đồng' })).status).toBe(409)

    // A council of the call being formed: the page offers it; once it has the application, finishing it.
    const council = await createCouncil(handle.db, { callId: app.call_id, nameVi: 'Hội đồng tư vấn xét chọn thử', nameEn: 'Trial selection council', actor: officer })
    if (!council.ok) throw new Error('council')
    expect((await next(officer)).steps).toEqual([
      { kind: 'link', text: 'screening.next.council.add', params: { name: 'Hội đồng tư vấn xét chọn thử' }, href: `/staff/councils/${council.id}` },
      { kind: 'link', text: 'screening.next.council.new', href: `/staff/councils/new?call=${app.call_id}` },
    ])
    expect(await addApplication(handle.db, { councilId: council.id, applicationId: id, actor: officer, lang: 'vi' })).toEqual({ ok: true })
    expect((await next(officer)).steps).toEqual([{ kind: 'link', text: 'screening.next.council.finish', params: { name: 'Hội đồng tư vấn xét chọn thử' }, href: `/staff/councils/${council.id}` }])
    // To review; nothing further until the council concludes, at its meeting.
    expect(await move('start_review')).toMatchObject({ ok: true, status: 'in_review' })
    await handle.db.updateTable('councils').set({ status: 'formed' }).where('id', '=', council.id).execute()
    expect((await next(officer)).steps).toEqual([{ kind: 'link', text: 'screening.next.council.meeting', params: { name: 'Hội đồng tư vấn xét chọn thử' }, href: `/staff/councils/${council.id}/meeting` }])
    expect(await move('complete_review', officer, 'staff', { note: 'Đã chấm xong' })).toMatchObject({ ok: false, reason: 'guard', problem: 'workflow.refused.councilPending' })
    expect((await row(id)).status).toBe('in_review')

    // The council concludes: not recommended. Its conclusion is what the office records, not the opposite.
    await handle.db.insertInto('council_conclusions').values({ application_id: id, council_id: council.id, mean: 61, final_score: 61, rank: 1, recommended: false, concluded_by: officer.id }).execute()
    expect(await move('complete_review')).toMatchObject({ ok: true, status: 'reviewed' })
    expect(await move('recommend')).toMatchObject({ ok: false, reason: 'guard', problem: 'workflow.refused.councilNotRecommended' })
    expect(await move('not_recommend')).toMatchObject({ ok: true, status: 'not_recommended' })
    expect(await move('approve', director, 'director', { amount: '100.000.000' })).toMatchObject({ ok: false, reason: 'state' })
    // The director may only reject it now; the office waits for them.
    expect(await next(director)).toEqual({ steps: [{ kind: 'event', event: 'reject', withoutCouncil: false }], waiting: null })
    expect(await next(officer)).toEqual({ steps: [], waiting: { text: 'screening.next.wait.director' } })
    const history = await handle.db.selectFrom('application_events').select(['event', 'details']).where('application_id', '=', id).orderBy('id').execute()
    expect(history.slice(-3)).toEqual([
      { event: 'start_review', details: { council: council.id } },
      { event: 'complete_review', details: { council: council.id } },
      { event: 'not_recommend', details: { council: council.id } },
    ])
  })

  it('on a call decided without a council (shown on the call page), the office takes those steps, each with its reason, kept in history and audit', async () => {
    const owner = await person(['applicant'], 'Ksor Thị Nhỏ')
    const officer = await person(['staff'], 'Cán Bộ Thẩm Định')
    const director = await person(['director'], 'Giám Đốc Nhỏ')
    const id = await submitted(owner, { without_council: true, without_appraisal: true })
    await eligible(id, officer)
    const call = await handle.db.selectFrom('calls').select('code').where('id', '=', (await row(id)).call_id).executeTakeFirstOrThrow()
    const callPage = await (await invoke(publicCallPage, ctx, { path: `/calls/${call.code}`, params: { code: call.code } })).json()
    expect(callPage.call.without_council).toBe(true)

    // The office's page offers the council's steps itself, the applicant's says the office assesses it.
    const next = async () => (await (await invoke(staffPage, ctx, { path: staffPath(id), cookie: officer.cookie, params: { id } })).json()).next
    expect(await next()).toEqual({ steps: [{ kind: 'event', event: 'start_review', withoutCouncil: true }], waiting: null })
    const before = await (await invoke(applicantPage, ctx, { path: `/applications/${id}`, cookie: owner.cookie, params: { id } })).json()
    expect(before.next).toEqual({ text: 'applications.whatNext.review.office' })

    // Each step has its own page, which asks why there is no council.
    expect((await postEvent(officer, id, 'start_review', {})).status).toBe(302)
    expect((await next()).steps).toEqual([{ kind: 'event', event: 'complete_review', withoutCouncil: true }])
    const form = await (await invoke(eventPage, ctx, { path: staffPath(id, '/events/complete_review'), cookie: officer.cookie, params: { id, event: 'complete_review' } })).json()
    expect(form).toMatchObject({ available: true, withoutCouncil: true })
    const missing = await postEvent(officer, id, 'complete_review', { note: ' ' })
    expect(missing.status).toBe(400)
    expect((await missing.json()).errors.note.message).toBe('workflow.v.withoutCouncil.reason')
    const reason = 'Hỗ trợ dưới 100 triệu đồng: theo quy chế, Quỹ thẩm định không lập hội đồng.'
    expect((await postEvent(officer, id, 'complete_review', { note: reason })).status).toBe(302)
    expect((await postEvent(officer, id, 'recommend', { note: 'Đạt các tiêu chí thẩm định của Quỹ.' })).status).toBe(302)
    expect((await row(id)).status).toBe('recommended')
    // The call exempts the revision and the appraisal: the office skips each, with its reason on the event.
    expect((await next()).steps).toEqual([{ kind: 'event', event: 'request_revision', withoutCouncil: false }, { kind: 'event', event: 'skip_revision', withoutCouncil: false }])
    const noReason = await postEvent(officer, id, 'skip_revision', { reasons: ' ' })
    expect(noReason.status).toBe(400)
    expect((await postEvent(officer, id, 'skip_revision', { reasons: 'Hỗ trợ trọn gói, không có nội dung phải hoàn thiện.' })).status).toBe(302)
    expect((await postEvent(officer, id, 'skip_appraisal', { reasons: 'Mức hỗ trợ cố định theo quy chế, không thẩm định kinh phí.' })).status).toBe(302)
    expect((await row(id)).status).toBe('appraised')
    expect((await postEvent(director, id, 'approve', { amount: '90.000.000' })).status).toBe(302)
    const skips = await handle.db.selectFrom('application_events').select(['event', 'details']).where('application_id', '=', id).where('event', 'in', ['skip_revision', 'skip_appraisal']).orderBy('id').execute()
    expect(skips).toEqual([
      { event: 'skip_revision', details: { exempt: true, reason: 'Hỗ trợ trọn gói, không có nội dung phải hoàn thiện.' } },
      { event: 'skip_appraisal', details: { exempt: true, reason: 'Mức hỗ trợ cố định theo quy chế, không thẩm định kinh phí.' } },
    ])

    const history = await handle.db.selectFrom('application_events').select(['event', 'details']).where('application_id', '=', id).where('event', 'in', ['start_review', 'complete_review', 'recommend']).orderBy('id').execute()
    expect(history).toEqual([
      { event: 'start_review', details: { withoutCouncil: true } },
      { event: 'complete_review', details: { withoutCouncil: true, reason } },
      { event: 'recommend', details: { withoutCouncil: true, reason: 'Đạt các tiêu chí thẩm định của Quỹ.' } },
    ])
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'details']).where('subject_id', '=', id).where('action', '=', 'application.reviewed').executeTakeFirstOrThrow()
    expect(audit.details).toMatchObject({ withoutCouncil: true, reason, event: 'complete_review' })
    // The applicant's history says it was decided without a council, and why.
    const mine = await (await invoke(applicantPage, ctx, { path: `/applications/${id}`, cookie: owner.cookie, params: { id } })).json()
    expect(mine.events.find((e: { event: string }) => e.event === 'complete_review').details).toEqual({ withoutCouncil: true, reason })
  })
})

describe('the machine on the database', () => {
  it('follows random walks exactly as the table and its guards say; nothing reaches approved without a concluded council, the revision and the appraisal, or the call’s recorded exemptions', async () => {
    const owner = await person(['applicant'], 'Người Đi Dạo')
    const staff = await person(['staff'], 'Cán Bộ Dạo')
    const director = await person(['director'], 'Giám Đốc Dạo')
    // A secretary sits on no council here: every one of their moves is refused, as the machine must.
    const who: Record<Actor, Person> = { applicant: owner, staff, director, secretary: staff }
    const ACTORS: Actor[] = ['applicant', 'staff', 'director', 'secretary']
    const inputs: Partial<Record<WorkflowEvent, Record<string, string>>> = {
      withdraw: { reason: 'Thử rút' },
      request_changes: { message: 'Bổ sung', due: '01/01/2031', section_general: 'on' },
      request_revision: { message: 'Hoàn thiện theo kết luận hội đồng', due: '01/01/2031', section_budget: 'on' },
      skip_revision: { reasons: 'Đợt được miễn hoàn thiện' },
      skip_appraisal: { reasons: 'Đợt được miễn thẩm định kinh phí' },
      declare_ineligible: { reasons: 'Không đủ điều kiện' },
      approve: { amount: '1.000.000' },
      reject: { reasons: 'Không phê duyệt' },
      fail_acceptance: { reasons: 'Không đạt' },
      cancel: { reasons: 'Hủy' },
      terminate: { reasons: 'Chấm dứt' },
    }
    const REASON = 'Đợt hỗ trợ nhỏ, không lập hội đồng'
    const SIDE_EXITS: WorkflowEvent[] = ['withdraw', 'declare_ineligible', 'cancel']
    const storage = uploadStorage(ctx.env)
    // A move: either one of the steps open from where the walk is (`pick` chooses among them: most moves, so
    // that walks go deep), or any event by anyone (`wild`: the refusals). Besides the table's steps, what
    // happens around the machine is open too: a council of the call takes the eligible application, that
    // council concludes on it, the office issues the outcome's document.
    const move = fc.record({
      wild: fc.nat(4).map((n) => n === 0),
      pick: fc.nat(),
      event: fc.constantFrom(...EVENTS.filter((e) => e !== 'submit')),
      as: fc.constantFrom(...ACTORS),
      reason: fc.boolean(),
      recommended: fc.boolean(),
    })
    type Step = readonly ['event', WorkflowEvent, Actor] | readonly ['council'] | readonly ['conclude'] | readonly ['issue'] | readonly ['team'] | readonly ['appraise'] | readonly ['contract']
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.boolean(), fc.array(move, { minLength: 20, maxLength: 50, size: 'max' }), async (withoutCouncil, withoutAppraisal, moves) => {
        const id = await submitted(owner, { without_council: withoutCouncil, without_appraisal: withoutAppraisal })
        const callId = (await row(id)).call_id
        await handle.db.insertInto('screening_checks').values({ application_id: id, items: { documents: true, eligibility: true, legal: true }, updated_at: new Date() }).execute()
        let status: ApplicationStatus = 'submitted'
        let council: string | null = null
        let conclusion: boolean | null = null
        let outcomeIssued = false
        let team = false
        let minutes = false
        let contractSigned = false

        /** What the guards allow, besides the table: the model the database must follow. */
        const allowed = (event: WorkflowEvent, as: Actor, reason: boolean) => {
          if (as === 'secretary') return false
          if (isCouncilEvent(event)) {
            if (withoutCouncil && !council) return event === 'start_review' || reason
            if (!council) return false
            if (event === 'start_review') return true
            return conclusion !== null && (event === 'complete_review' || (event === 'recommend') === conclusion)
          }
          if (event === 'skip_revision') return withoutAppraisal || (withoutCouncil && !council)
          if (event === 'skip_appraisal') return withoutAppraisal
          if (event === 'start_appraisal') return team
          if (event === 'complete_appraisal') return minutes
          // Only a signed termination amendment ends a task early; no walk signs one.
          if (event === 'terminate') return false
          // The results go to acceptance only with a complete results dossier; no walk writes one.
          if (event === 'submit_results') return false
          return event === 'sign_contract' ? outcomeIssued && contractSigned : true
        }
        const open = (): Step[] => [
          // Forward along the road: the side exits (open from most statuses) and the secretary, who sits on no
          // council here, come from the wild moves.
          ...TRANSITIONS.filter((t) => (t.from as readonly string[]).includes(status) && !SIDE_EXITS.includes(t.event)).flatMap((t) =>
            t.by.filter((by) => by !== 'secretary').map((by) => ['event', t.event, by] as const),
          ),
          ...(status === 'eligible' && !council ? [['council'] as const] : []),
          ...(status === 'in_review' && council && conclusion === null ? [['conclude'] as const] : []),
          ...(['approved', 'rejected', 'changes_requested'].includes(status) && !outcomeIssued ? [['issue'] as const] : []),
          // The appraisal's own page: the team formed once the revision is in, then its meeting and minutes.
          ...(status === 'revised' && !team ? [['team'] as const] : []),
          ...(status === 'appraisal' && !minutes ? [['appraise'] as const] : []),
          // Both parties sign the contract (contracts/document.ts; here its row, as the award fixture writes it).
          ...(status === 'approved' && outcomeIssued && !contractSigned ? [['contract'] as const] : []),
        ]

        for (const m of moves) {
          const options = open()
          const chosen: Step = m.wild ? ['event', m.event, m.as] : options[m.pick % Math.max(1, options.length)]
          if (!chosen) continue
          if (chosen[0] === 'council') {
            // As the council page does: the eligible application, to one council of its call.
            const created = await createCouncil(handle.db, { callId, nameVi: 'Hội đồng dạo', nameEn: 'Walk council', actor: staff })
            if (!created.ok) throw new Error('council')
            expect(await addApplication(handle.db, { councilId: created.id, applicationId: id, actor: staff, lang: 'vi' })).toEqual({ ok: true })
            council = created.id
            continue
          }
          if (chosen[0] === 'conclude') {
            // The meeting's conclusion, written before it moves the application (review/meeting.ts).
            await handle.db.insertInto('council_conclusions').values({ application_id: id, council_id: council!, recommended: m.recommended, concluded_by: staff.id }).execute()
            await handle.db.updateTable('councils').set({ status: 'concluded' }).where('id', '=', council!).execute()
            conclusion = m.recommended
            continue
          }
          if (chosen[0] === 'team') {
            const members = TEAM.map((fullName, i) => ({ seat: i + 1, fullName, position: '', role: i === 0 ? ('leader' as const) : ('member' as const) }))
            expect(await formAppraisalTeam(handle.db, { applicationId: id, members, leader: 1, actor: staff })).toEqual({ ok: true })
            team = true
            continue
          }
          if (chosen[0] === 'appraise') {
            const record = { metOn: '2026-12-10', present: [1, 2, 3, 4, 5], method: 'full' as const, amounts: { labour: 100_000_000 }, notes: '' }
            expect(await recordAppraisal(handle.db, { applicationId: id, record, actor: staff })).toEqual({ ok: true })
            expect(await issueAppraisalMinutes(handle.db, storage, { applicationId: id, actor: staff, signing: await testSigning(staff) })).toMatchObject({ ok: true })
            minutes = true
            continue
          }
          if (chosen[0] === 'contract') {
            const amount = Number((await handle.db.selectFrom('applications').select('approved_amount').where('id', '=', id).executeTakeFirstOrThrow()).approved_amount)
            await handle.db
              .insertInto('contracts')
              .values({ application_id: id, modality: 'grant', status: 'signed', fund_amount: amount, starts_on: '2027-01-01', ends_on: '2027-12-31', updated_at: new Date(), signed_at: new Date() })
              .execute()
            contractSigned = true
            continue
          }
          if (chosen[0] === 'issue') {
            expect(await issueOutcome(handle.db, storage, { applicationId: id, actor: staff, signing: await testSigning(staff, 'http://localhost:3000') })).toMatchObject({ ok: true })
            // One document per outcome; a new request for changes calls for a new notice.
            outcomeIssued = status !== 'changes_requested'
            continue
          }
          const [, event, as] = chosen
          const expected = step(status, event, as)
          const input = { ...inputs[event], ...(m.reason ? { note: REASON } : {}) }
          const result = await applyTransition(handle.db, { applicationId: id, event, actor: who[as], as, input, lang: 'vi', appUrl: 'http://localhost:3000' })
          if (expected.ok && allowed(event, as, m.reason)) {
            expect(result, `${status} --${event}/${as}-->`).toMatchObject({ ok: true, status: expected.to })
            status = expected.to
          } else {
            expect(result.ok, `${status} --${event}/${as}--> must be refused`).toBe(false)
          }
          expect((await row(id)).status).toBe(status)
        }
        const history = await handle.db.selectFrom('application_events').select(['event', 'from_status', 'to_status', 'details']).where('application_id', '=', id).where('to_status', 'is not', null).orderBy('id').execute()
        // The history is a chain: each change starts where the previous one ended.
        for (let i = 1; i < history.length; i++) expect(history[i].from_status).toBe(history[i - 1].to_status)

        // Whatever the walk: approved only on a concluded council's recommendation, or on the exemption
        // the call's rules give, with its reason recorded at each step a council would have taken.
        if (history.some((h) => h.to_status === 'approved')) {
          const concluded = await handle.db
            .selectFrom('council_conclusions as k')
            .innerJoin('council_applications as ca', (j) => j.onRef('ca.application_id', '=', 'k.application_id').onRef('ca.council_id', '=', 'k.council_id'))
            .innerJoin('councils as c', 'c.id', 'k.council_id')
            .select('k.recommended')
            .where('k.application_id', '=', id)
            .where('c.status', '=', 'concluded')
            .executeTakeFirst()
          const call = await handle.db.selectFrom('calls').select('without_council').where('id', '=', callId).executeTakeFirstOrThrow()
          const exempt = (e: string) => history.some((h) => h.event === e && h.details.withoutCouncil === true && typeof h.details.reason === 'string' && h.details.reason !== '')
          expect(concluded?.recommended === true || (call.without_council && exempt('complete_review') && exempt('recommend')), 'approved without a council').toBe(true)
          // …and only after the revision and the appraisal, each done or skipped with its reason under the call's exemption.
          const skipped = (e: string) => history.some((h) => h.event === e && h.details.exempt === true && typeof h.details.reason === 'string' && h.details.reason !== '')
          const exemptCall = await handle.db.selectFrom('calls').select('without_appraisal').where('id', '=', callId).executeTakeFirstOrThrow()
          const revised = history.some((h) => h.event === 'submit_revision') || (skipped('skip_revision') && (exemptCall.without_appraisal || call.without_council))
          expect(revised, 'approved without the revision').toBe(true)
          const appraisal = await getAppraisal(handle.db, id)
          const appraised = (history.some((h) => h.event === 'complete_appraisal') && !!appraisal?.minutes) || (skipped('skip_appraisal') && exemptCall.without_appraisal)
          expect(appraised, 'approved without the appraisal').toBe(true)
        }
      }),
      // Each walk issues signed documents, so a walk costs seconds: twelve walks as a rule, but on a machine so
      // loaded that they would outrun the test's time, the walks done by then stand (each one checked in full).
      { numRuns: 12, interruptAfterTimeLimit: 180_000, markInterruptAsFailure: false },
    )
  }, 240_000)
})
