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
import { applyTransition, EVENTS, type Actor, type WorkflowEvent } from '../../app/modules/workflow'
import { step } from '../../app/modules/workflow/machine'
import { concurrencyTitle, createTestDb, noteSerialisedOnPglite } from '../setup/db'
import { auditActions, createUser, invoke, mailTo, sessionFor, testContext, testEnv } from '../setup/app'
import { COMPLETE_SECTIONS, createCompleteDraft } from '../setup/applications'

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
async function submitted(owner: Person) {
  const draft = await createCompleteDraft(handle.db, ctx.env, owner)
  const app = await row(draft.applicationId)
  const result = await applyTransition(handle.db, { applicationId: app.id, event: 'submit', actor: owner, as: 'applicant', expectedVersion: app.version, lang: 'vi' })
  expect(result).toMatchObject({ ok: true, status: 'submitted' })
  return draft.applicationId
}

const staffPath = (id: string, rest = '') => `/staff/applications/${id}${rest}`

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

  it('a director approves no more than was requested; staff cannot approve; the applicant is told', async () => {
    const owner = await person(['applicant'], 'Nguyễn Hữu Phước')
    const officer = await person(['staff'], 'Cán Bộ Ba')
    const director = await person(['director'], 'Giám Đốc Quỹ')
    const id = await submitted(owner)
    // Straight to "recommended" through the machine, as the council would.
    const app = await row(id)
    await handle.db.insertInto('screening_checks').values({ application_id: id, items: { documents: true, eligibility: true, legal: true }, updated_at: new Date() }).execute()
    for (const event of ['start_screening', 'declare_eligible', 'start_review', 'complete_review', 'recommend'] as const) {
      const r = await applyTransition(handle.db, { applicationId: id, event, actor: officer, as: 'staff', lang: 'vi' })
      expect(r, event).toMatchObject({ ok: true })
    }
    expect((await postEvent(officer, id, 'approve', { amount: '100.000.000' })).status).toBe(403)
    const tooMuch = await postEvent(director, id, 'approve', { amount: '600.000.000' })
    expect(tooMuch.status).toBe(400)
    expect((await tooMuch.json()).errors.form.message).toMatch(/^workflow\.refused\.amount\?max=500/)
    const ok = await postEvent(director, id, 'approve', { amount: '450.000.000', conditions: 'Giải ngân theo 2 đợt.' })
    expect(ok.status).toBe(302)
    expect(await row(id)).toMatchObject({ status: 'approved', approved_amount: 450_000_000, decision_conditions: 'Giải ngân theo 2 đợt.' })
    expect(Number(app.requested_amount)).toBe(500_000_000)
    const mail = (await mailTo(handle.db, owner.email)).filter((m) => m.template === 'fund_message').at(-1)!
    expect(mail.subject).toContain('Hồ sơ được phê duyệt tài trợ')
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

describe('the machine on the database', () => {
  it('follows random event sequences exactly as the table says, and never writes a status outside it', async () => {
    const owner = await person(['applicant'], 'Người Đi Dạo')
    const staff = await person(['staff'], 'Cán Bộ Dạo')
    const director = await person(['director'], 'Giám Đốc Dạo')
    // A secretary sits on no council here: every one of their moves is refused, as the machine must.
    const who: Record<Actor, Person> = { applicant: owner, staff, director, secretary: staff }
    const inputs: Partial<Record<WorkflowEvent, Record<string, string>>> = {
      withdraw: { reason: 'Thử rút' },
      request_changes: { message: 'Bổ sung', due: '01/01/2031', section_general: 'on' },
      declare_ineligible: { reasons: 'Không đủ điều kiện' },
      approve: { amount: '1.000.000' },
      reject: { reasons: 'Không phê duyệt' },
      fail_acceptance: { reasons: 'Không đạt' },
      cancel: { reasons: 'Hủy' },
    }
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...EVENTS.filter((e) => e !== 'submit')), fc.constantFrom<Actor>('applicant', 'staff', 'director', 'secretary')), { minLength: 5, maxLength: 25 }), async (moves) => {
        const id = await submitted(owner)
        await handle.db.insertInto('screening_checks').values({ application_id: id, items: { documents: true, eligibility: true, legal: true }, updated_at: new Date() }).execute()
        let status: ApplicationStatus = 'submitted'
        for (const [event, as] of moves) {
          const expected = step(status, event, as)
          const result = await applyTransition(handle.db, { applicationId: id, event, actor: who[as], as, input: inputs[event] ?? {}, lang: 'vi', appUrl: 'http://localhost:3000' })
          if (expected.ok) {
            expect(result, `${status} --${event}/${as}-->`).toMatchObject({ ok: true, status: expected.to })
            status = expected.to
          } else {
            expect(result.ok, `${status} --${event}/${as}--> must be refused`).toBe(false)
          }
          expect((await row(id)).status).toBe(status)
        }
        const history = await handle.db.selectFrom('application_events').select(['from_status', 'to_status']).where('application_id', '=', id).where('to_status', 'is not', null).orderBy('id').execute()
        // The history is a chain: each change starts where the previous one ended.
        for (let i = 1; i < history.length; i++) expect(history[i].from_status).toBe(history[i - 1].to_status)
      }),
      { numRuns: 12 },
    )
  }, 120_000)
})
