import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import { formatDate } from '../../app/i18n/format'
import * as list from '../../app/routes/staff.calls._index'
import * as create from '../../app/routes/staff.calls.new'
import * as page from '../../app/routes/staff.calls.$id'
import { createTestDb } from '../setup/db'
import { auditActions, createUser, invoke, sessionFor, testContext } from '../setup/app'

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let staff: { id: string; email: string }
let staffCookie: string
let applicantCookie: string

beforeAll(async () => {
  handle = await createTestDb()
  ctx = testContext(handle)
  staff = await createUser(handle.db, { roles: ['staff'] })
  staffCookie = await sessionFor(ctx, staff.id)
  applicantCookie = await sessionFor(ctx, (await createUser(handle.db, { roles: ['applicant'] })).id)
})
afterAll(() => handle.close())

const DAY = 24 * 3600_000
/** dd/mm/yyyy of a day counted from today, in Việt Nam. */
const day = (offset: number) => formatDate(new Date(Date.now() + offset * DAY))

const draft: Record<string, string> = {
  code: 'tn-2027-01',
  title_vi: 'Hỗ trợ doanh nghiệp ứng dụng tự động hóa',
  modality: 'support',
  priority_field: 'automation',
  opens_date: day(5),
  opens_time: '07:30',
  closes_date: day(40),
  closes_time: '17:00',
  grace_minutes: '15',
  budget_total: '3.000.000.000',
  max_amount: '500 000 000',
  min_counterpart_pct: '50',
  max_duration_months: '18',
}

let rubricId: number
const complete = () => ({
  ...draft,
  title_en: 'Support for enterprises applying automation',
  summary_vi: 'Hỗ trợ tối đa 50% chi phí.',
  summary_en: 'Up to 50% of the cost.',
  description_vi: 'Mô tả chi tiết của đợt.',
  description_en: 'The call in detail.',
  type_enterprise: 'on',
  type_cooperative: 'on',
  rubric_id: String(rubricId),
  q1_text_vi: 'Có trụ sở tại Đắk Lắk không?',
  q1_text_en: 'Based in Đắk Lắk?',
  q1_qualifying: 'yes',
  q1_reason_vi: 'Chỉ hỗ trợ trong tỉnh.',
  q1_reason_en: 'Only in the province.',
  d1_name_vi: 'Thuyết minh',
  d1_name_en: 'Proposal',
  d1_mandatory: 'on',
  d1_type_pdf: 'on',
  d1_max_mb: '20',
  d2_name_vi: 'Tài liệu khác',
  d2_name_en: 'Other documents',
  d2_type_pdf: 'on',
  d2_type_zip: 'on',
})

const post = (form: Record<string, string>, id: string, cookie = staffCookie) =>
  invoke(page, ctx, { method: 'POST', path: `/staff/calls/${id}`, params: { id }, cookie, form })
const call = (id: string) => handle.db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('a call from draft to closed', () => {
  let id: string

  it('creates a draft from a minimal form', async () => {
    rubricId = (await handle.db.selectFrom('rubrics').select('id').where('code', '=', 'project').executeTakeFirstOrThrow()).id
    const res = await invoke(create, ctx, { method: 'POST', path: '/staff/calls/new', cookie: staffCookie, form: draft })
    expect(res.status).toBe(302)
    const m = res.headers.get('Location')!.match(/^\/staff\/calls\/([0-9a-f-]{36})\?notice=created$/)
    expect(m).not.toBeNull()
    id = m![1]
    const row = await call(id)
    expect(row).toMatchObject({ code: 'TN-2027-01', status: 'draft', budget_total: 3_000_000_000, max_amount: 500_000_000, grace_minutes: 15, created_by: staff.id, published_at: null })
    expect(formatDate(row.opens_at)).toBe(draft.opens_date)
    expect(await auditActions(handle.db, id)).toEqual(['call.created'])
  })

  it('refuses a wrong form with the errors by field, and a code already used', async () => {
    const bad = await invoke(create, ctx, { method: 'POST', path: '/staff/calls/new', cookie: staffCookie, form: { ...draft, code: 'X', max_amount: '9.000.000.000' } })
    expect(bad.status).toBe(400)
    const body = await bad.json()
    expect(body.errors).toEqual({ code: { type: 'server', message: 'staff.v.code.format' }, max_amount: { type: 'server', message: 'staff.v.maxAmount.overBudget' } })
    expect(body.defaultValues.title_vi).toBe(draft.title_vi)
    const taken = await invoke(create, ctx, { method: 'POST', path: '/staff/calls/new', cookie: staffCookie, form: { ...draft, code: 'TN-2027-01' } })
    expect(taken.status).toBe(400)
    expect((await taken.json()).errors.code.message).toBe('staff.v.code.taken')
  })

  it('lists it for staff, with its status and filterable', async () => {
    const res = await invoke(list, ctx, { path: '/staff/calls?status=draft', cookie: staffCookie })
    const data = await res.json()
    expect(data.rows.map((r: { code: string }) => r.code)).toEqual(['TN-2027-01'])
    expect(data.counts).toEqual({ draft: 1, published: 0, closed: 0 })
    const none = await (await invoke(list, ctx, { path: '/staff/calls?status=closed', cookie: staffCookie })).json()
    expect(none.rows).toEqual([])
  })

  it('edits the draft and shows the saved values back in the form', async () => {
    const res = await post({ ...draft, intent: 'save', title_en: 'Automation support', d1_name_vi: 'Thuyết minh', d1_name_en: 'Proposal', d1_type_pdf: 'on', without_council: 'on' }, id)
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe(`/staff/calls/${id}?notice=saved`)
    const data = await (await invoke(page, ctx, { path: `/staff/calls/${id}`, params: { id }, cookie: staffCookie })).json()
    expect(data.values).toMatchObject({ intent: 'save', title_en: 'Automation support', budget_total: '3.000.000.000', d1_name_en: 'Proposal', d1_type_pdf: 'on', without_council: 'on' })
    // A small support call, decided without a council: a rule of the call like the others.
    expect(data.call.without_council).toBe(true)
    expect(data.values.d1_mandatory).toBeUndefined()
    expect(data.call.documents).toHaveLength(1)
    expect(await auditActions(handle.db, id)).toEqual(['call.created', 'call.updated'])
  })

  it('refuses to publish an incomplete call, saying what is missing', async () => {
    const res = await post({ intent: 'publish' }, id)
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.errors.form.message).toBe('staff.error.incomplete')
    expect(body.missing).toEqual([
      'staff.missing.summary_vi',
      'staff.missing.summary_en',
      'staff.missing.description_vi',
      'staff.missing.description_en',
      'staff.missing.eligibleTypes',
      'staff.missing.mandatoryDocument',
      'staff.missing.rubric',
    ])
    // each is also an error on the field to fix, so the error summary links to it
    expect(body.errors).toMatchObject({
      summary_en: { message: 'staff.missing.summary_en' },
      type_enterprise: { message: 'staff.missing.eligibleTypes' },
      d1_mandatory: { message: 'staff.missing.mandatoryDocument' },
      rubric_id: { message: 'staff.missing.rubric' },
    })
    expect((await call(id)).status).toBe('draft')
  })

  it('publishes the call once complete', async () => {
    expect((await post({ ...complete(), intent: 'save' }, id)).status).toBe(302)
    const data = await (await invoke(page, ctx, { path: `/staff/calls/${id}`, params: { id }, cookie: staffCookie })).json()
    expect(data.missing).toEqual([])
    const res = await post({ intent: 'publish' }, id)
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe(`/staff/calls/${id}?notice=published`)
    const row = await call(id)
    expect(row.status).toBe('published')
    expect(row.published_at).toBeInstanceOf(Date)
    expect(row.eligible_types).toEqual(['enterprise', 'cooperative'])
    expect(row.eligibility_questions).toEqual([
      { id: 'q1', text_vi: 'Có trụ sở tại Đắk Lắk không?', text_en: 'Based in Đắk Lắk?', qualifying: 'yes', reason_vi: 'Chỉ hỗ trợ trong tỉnh.', reason_en: 'Only in the province.' },
    ])
    const docs = await handle.db.selectFrom('call_documents').selectAll().where('call_id', '=', id).orderBy('position').execute()
    expect(docs.map((d) => [d.position, d.name_en, d.mandatory, d.accepted_types, d.max_size_mb])).toEqual([
      [1, 'Proposal', true, ['pdf'], 20],
      [2, 'Other documents', false, ['pdf', 'zip'], 10],
    ])
    expect(await auditActions(handle.db, id)).toEqual(['call.created', 'call.updated', 'call.updated', 'call.published'])
  })

  it('no longer lets anyone change its rules', async () => {
    const before = await call(id)
    const res = await post({ ...complete(), intent: 'save', max_amount: '3.000.000.000', min_counterpart_pct: '0' }, id)
    expect(res.status).toBe(409)
    expect((await res.json()).errors.form.message).toBe('staff.error.notDraft')
    expect(await call(id)).toEqual(before)
    expect((await post({ intent: 'publish' }, id)).status).toBe(409)
    const data = await (await invoke(page, ctx, { path: `/staff/calls/${id}`, params: { id }, cookie: staffCookie })).json()
    expect(data.values).toBeNull()
  })

  it('extends the deadline with a reason, recorded in the audit log', async () => {
    const before = await call(id)
    const res = await post({ intent: 'extend', new_date: day(50), new_time: '17:00', grace_minutes: '30', reason: 'Nhiều doanh nghiệp đề nghị thêm thời gian sau lũ' }, id)
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe(`/staff/calls/${id}?notice=extended`)
    const after = await call(id)
    expect(formatDate(after.closes_at)).toBe(day(50))
    expect(after.grace_minutes).toBe(30)
    expect(after.max_amount).toBe(before.max_amount)
    const entry = await handle.db.selectFrom('audit_log').selectAll().where('subject_id', '=', id).where('action', '=', 'call.deadline_extended').executeTakeFirstOrThrow()
    expect(entry.actor_id).toBe(staff.id)
    expect(entry.details).toEqual({
      code: 'TN-2027-01',
      from: before.closes_at.toISOString(),
      to: after.closes_at.toISOString(),
      grace_from: 15,
      grace_to: 30,
      reason: 'Nhiều doanh nghiệp đề nghị thêm thời gian sau lũ',
    })
  })

  it('refuses an earlier deadline, a shorter grace period and a missing reason', async () => {
    const earlier = await post({ intent: 'extend', new_date: day(45), new_time: '17:00', grace_minutes: '30', reason: 'Sửa nhầm' }, id)
    expect(earlier.status).toBe(400)
    expect((await earlier.json()).errors).toEqual({ new_date: { type: 'server', message: 'staff.v.extend.notLater' } })
    const grace = await post({ intent: 'extend', new_date: day(55), new_time: '17:00', grace_minutes: '0', reason: 'Bớt ân hạn' }, id)
    expect((await grace.json()).errors).toEqual({ grace_minutes: { type: 'server', message: 'staff.v.extend.graceLower' } })
    const noReason = await post({ intent: 'extend', new_date: day(55), new_time: '17:00', grace_minutes: '30', reason: '' }, id)
    expect(noReason.status).toBe(400)
    expect((await noReason.json()).errors.reason.message).toBe('staff.v.extend.reason')
    expect(formatDate((await call(id)).closes_at)).toBe(day(50))
  })

  it('closes the call; a closed call cannot be extended, closed or published again', async () => {
    const res = await post({ intent: 'close' }, id)
    expect(res.status).toBe(302)
    const row = await call(id)
    expect(row.status).toBe('closed')
    expect(row.closed_at).toBeInstanceOf(Date)
    expect((await post({ intent: 'close' }, id)).status).toBe(409)
    expect((await post({ intent: 'extend', new_date: day(60), new_time: '17:00', reason: 'x' }, id)).status).toBe(409)
    expect((await post({ intent: 'publish' }, id)).status).toBe(409)
    expect((await post({ ...complete(), intent: 'save' }, id)).status).toBe(409)
    expect((await auditActions(handle.db, id)).slice(-2)).toEqual(['call.deadline_extended', 'call.closed'])
  })

  it('refuses an unknown intent with a 400', async () => {
    expect((await post({ intent: 'delete' }, id)).status).toBe(400)
    expect((await post({}, id)).status).toBe(400)
  })
})

describe('who may manage calls', () => {
  it('forbids applicants every staff call page and action', async () => {
    const anyId = '00000000-0000-4000-8000-000000000000'
    expect((await invoke(list, ctx, { path: '/staff/calls', cookie: applicantCookie })).status).toBe(403)
    expect((await invoke(create, ctx, { path: '/staff/calls/new', cookie: applicantCookie })).status).toBe(403)
    expect((await invoke(create, ctx, { method: 'POST', path: '/staff/calls/new', cookie: applicantCookie, form: { ...draft, code: 'HACK-1' } })).status).toBe(403)
    expect((await post({ intent: 'publish' }, anyId, applicantCookie)).status).toBe(403)
    expect(await handle.db.selectFrom('calls').select('id').where('code', '=', 'HACK-1').executeTakeFirst()).toBeUndefined()
  })

  it('answers 404 for ids that are not calls', async () => {
    for (const id of ['not-a-uuid', "1' OR '1'='1", '00000000-0000-4000-8000-000000000000', '../../admin']) {
      expect((await invoke(page, ctx, { path: '/staff/calls/x', params: { id }, cookie: staffCookie })).status, id).toBe(404)
      expect((await post({ intent: 'close' }, id)).status, id).toBe(404)
    }
  })
})

describe('hostile input from a signed-in staff member', () => {
  it('gets a page or a 4xx, never a server error', async () => {
    const id = (await handle.db.insertInto('calls').values({ code: 'FUZZ-1', modality: 'grant', priority_field: 'ai', title_vi: 'Nháp', title_en: '', summary_vi: '', summary_en: '', opens_at: new Date(Date.now() + DAY), closes_at: new Date(Date.now() + 30 * DAY), budget_total: 1_000_000_000, max_amount: 100_000_000, max_duration_months: 12 }).returning('id').executeTakeFirstOrThrow()).id
    const hostile = fc.oneof(fc.string(), fc.constantFrom("' OR 1=1 --", '<script>x</script>', '\u0000', '\ud800', '9'.repeat(400), '-1', '1.000.000.000.000.000.000', '31/02/2027', '99:99', 'a'.repeat(30_000)))
    const names = fc.constantFrom(...Object.keys(complete()), 'intent', 'new_date', 'new_time', 'reason', '__proto__', 'q9_text_vi', 'd11_name_vi')
    const form = fc.dictionary(names, hostile, { maxKeys: 20 })
    await fc.assert(
      fc.asyncProperty(form, fc.constantFrom('save', 'publish', 'extend', 'close', 'x'), fc.boolean(), async (fields, intent, withBase) => {
        const values = { ...(withBase ? complete() : {}), ...fields, intent }
        const res = await post(values, id)
        expect(res.status, JSON.stringify(values).slice(0, 300)).toBeLessThan(500)
        const created = await invoke(create, ctx, { method: 'POST', path: '/staff/calls/new', cookie: staffCookie, form: { ...(withBase ? draft : {}), ...fields, code: 'FUZZ-NEW' } })
        expect(created.status).toBeLessThan(500)
        if (created.status === 302) await handle.db.deleteFrom('calls').where('code', '=', 'FUZZ-NEW').execute()
      }),
      { numRuns: 40 },
    )
  })
})
