import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import { durationText } from '../../app/components/countdown'
import { translator } from '../../app/i18n'
import { formatDate, formatTime } from '../../app/i18n/format'
import { callPhase, getPublicCall, listOpenCalls, listPublishedCalls, readEligibilityAnswers } from '../../app/modules/calls'
import * as list from '../../app/routes/calls._index'
import * as page from '../../app/routes/calls.$code._index'
import * as check from '../../app/routes/calls.$code.eligibility'
import { createTestDb } from '../setup/db'
import { invoke, testContext } from '../setup/app'
import { createCall } from '../setup/calls'

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
const HOUR = 3600_000
const DAY = 24 * HOUR

// Calls of this file: one open grant, one upcoming loan, one closed by its date, one closed by staff, one draft.
let open: { id: string; code: string }
let upcoming: { id: string; code: string }
let past: { id: string; code: string }
let closedByStaff: { id: string; code: string }
let draft: { id: string; code: string }

beforeAll(async () => {
  handle = await createTestDb()
  ctx = testContext(handle)
  const now = Date.now()
  open = await createCall(handle.db, { code: 'PUB-OPEN-1' })
  upcoming = await createCall(handle.db, {
    code: 'PUB-SOON-1',
    modality: 'preferential_loan',
    priority_field: 'renewable_energy',
    opens_at: new Date(now + 5 * DAY),
    closes_at: new Date(now + 40 * DAY),
  })
  past = await createCall(handle.db, { code: 'PUB-PAST-1', modality: 'support', opens_at: new Date(now - 40 * DAY), closes_at: new Date(now - 2 * DAY) })
  closedByStaff = await createCall(handle.db, { code: 'PUB-STAFF-1', status: 'closed', closed_at: new Date(now) })
  draft = await createCall(handle.db, { code: 'PUB-DRAFT-1', status: 'draft', published_at: null })
})
afterAll(() => handle.close())

const codesOf = (calls: { code: string }[]) => calls.map((c) => c.code)

async function listData(query = '') {
  const res = await invoke(list, ctx, { path: `/calls${query}` })
  expect(res.status).toBe(200)
  return (await res.json()) as { calls: { code: string; phase: string }[]; fields: string[]; filter: Record<string, string> }
}

describe('the list of calls', () => {
  it('shows published and closed calls, open first, never drafts', async () => {
    const data = await listData()
    expect(codesOf(data.calls)).toEqual(['PUB-OPEN-1', 'PUB-SOON-1', 'PUB-STAFF-1', 'PUB-PAST-1'])
    expect(data.calls.map((c) => c.phase)).toEqual(['open', 'upcoming', 'closed', 'closed'])
    expect(data.fields).toEqual(['hitech_agriculture', 'renewable_energy'])
  })

  it('filters by phase, modality and field, and combines them', async () => {
    expect(codesOf((await listData('?phase=open')).calls)).toEqual(['PUB-OPEN-1'])
    expect(codesOf((await listData('?phase=upcoming')).calls)).toEqual(['PUB-SOON-1'])
    expect(codesOf((await listData('?phase=closed')).calls)).toEqual(['PUB-STAFF-1', 'PUB-PAST-1'])
    expect(codesOf((await listData('?modality=preferential_loan')).calls)).toEqual(['PUB-SOON-1'])
    expect(codesOf((await listData('?field=renewable_energy')).calls)).toEqual(['PUB-SOON-1'])
    expect(codesOf((await listData('?field=hitech_agriculture&phase=closed&modality=support')).calls)).toEqual(['PUB-PAST-1'])
  })

  it('ignores filter values it does not know instead of failing', async () => {
    const data = await listData(`?phase=${encodeURIComponent("' OR 1=1 --")}&modality=%00&field=${encodeURIComponent('<script>')}`)
    expect(data.calls).toHaveLength(4)
    expect(data.filter).toEqual({ field: '', modality: '', phase: '' })
  })
})

describe('phases by server time', () => {
  // 17:00 on 25/12/2026 in Việt Nam is 10:00 UTC.
  const closes = new Date('2026-12-25T10:00:00Z')
  // Opening at midnight in Việt Nam, 26/12/2026, is still the 25th in UTC.
  const opensAtVnMidnight = new Date('2026-12-25T17:00:00Z')
  let graceCall: string
  let midnightCall: string

  beforeAll(async () => {
    graceCall = (await createCall(handle.db, { code: 'PUB-GRACE-1', priority_field: 'climate', opens_at: new Date('2026-11-01T00:30:00Z'), closes_at: closes, grace_minutes: 15 })).code
    midnightCall = (await createCall(handle.db, { code: 'PUB-MIDNIGHT-1', priority_field: 'climate', opens_at: opensAtVnMidnight, closes_at: new Date('2027-01-31T10:00:00Z') })).code
  })

  const phaseIn = async (code: string, now: Date) => {
    const [row] = (await listPublishedCalls(handle.db, { field: 'climate', now })).filter((c) => c.code === code)
    const inFilter = (
      await Promise.all((['open', 'upcoming', 'closed'] as const).map(async (p) => ((await listPublishedCalls(handle.db, { field: 'climate', phase: p, now })).some((c) => c.code === code) ? p : null)))
    ).filter(Boolean)
    // The SQL filter, the computed phase and the page agree.
    expect(inFilter).toEqual([row.phase])
    expect((await getPublicCall(handle.db, code, now))!.phase).toBe(row.phase)
    return row.phase
  }

  it('keeps a call open through its grace minutes, and closes it a second later', async () => {
    expect(await phaseIn(graceCall, new Date('2026-12-25T09:59:59Z'))).toBe('open')
    expect(await phaseIn(graceCall, new Date('2026-12-25T10:14:59Z'))).toBe('open')
    expect(await phaseIn(graceCall, new Date('2026-12-25T10:15:00Z'))).toBe('open')
    expect(await phaseIn(graceCall, new Date('2026-12-25T10:15:01Z'))).toBe('closed')
    const openNow = await listOpenCalls(handle.db, new Date('2026-12-25T10:15:00Z'))
    expect(codesOf(openNow)).toContain(graceCall)
  })

  it('opens at midnight in Việt Nam, not at midnight UTC, and shows Vietnamese dates', async () => {
    expect(await phaseIn(midnightCall, new Date('2026-12-25T00:00:00Z'))).toBe('upcoming')
    expect(await phaseIn(midnightCall, new Date('2026-12-25T16:59:59Z'))).toBe('upcoming')
    expect(await phaseIn(midnightCall, new Date('2026-12-25T17:00:00Z'))).toBe('open')
    const call = (await getPublicCall(handle.db, midnightCall, new Date('2026-12-25T17:00:00Z')))!
    expect([formatTime(call.opens_at), formatDate(call.opens_at)]).toEqual(['00:00', '26/12/2026'])
    expect(translator('vi')('call.closesAt', { time: formatTime(closes), date: formatDate(closes) })).toBe('17:00 ngày 25/12/2026')
  })

  it('treats a call closed by staff as closed whatever its dates', () => {
    const now = new Date('2026-12-01T00:00:00Z')
    expect(callPhase({ status: 'closed', opens_at: new Date('2026-11-01T00:00:00Z'), closes_at: closes, grace_minutes: 0 }, now)).toBe('closed')
  })
})

describe('a call’s page', () => {
  it('has the call’s facts, its documents in order and its rubric with criteria', async () => {
    const res = await invoke(page, ctx, { path: `/calls/${open.code}`, params: { code: open.code } })
    expect(res.status).toBe(200)
    const { call, now } = await res.json()
    expect(call).toMatchObject({
      code: 'PUB-OPEN-1',
      phase: 'open',
      modality: 'grant',
      priority_field: 'hitech_agriculture',
      budget_total: 5_000_000_000,
      max_amount: 1_000_000_000,
      min_counterpart_pct: 50,
      max_duration_months: 24,
      eligible_types: ['enterprise', 'cooperative'],
    })
    expect(call).not.toHaveProperty('created_by')
    expect(call.documents.map((d: { position: number; name_en: string; mandatory: boolean }) => [d.position, d.name_en, d.mandatory])).toEqual([
      [1, 'Enterprise registration', true],
      [2, 'Proposal', true],
      [3, 'Other documents', false],
    ])
    expect(call.documents[0]).toMatchObject({ accepted_types: ['pdf', 'jpg'], max_size_mb: 10 })
    expect(call.rubric.code).toBe('project')
    expect(call.rubric.criteria).toHaveLength(7)
    expect(call.rubric.criteria[0]).toMatchObject({ position: 1, name_vi: 'Công nghệ và thị trường', max_points: 8 })
    expect(call.rubric.total).toBe(100)
    // The countdown starts from the server's clock, sent with the page.
    expect(Math.abs(Date.parse(now) - Date.now())).toBeLessThan(60_000)
  })

  it('counts down in days, hours and minutes', () => {
    const vi = translator('vi')
    const en = translator('en')
    expect(durationText(2 * DAY + 3 * HOUR + 4 * 60_000, vi)).toBe('2 ngày 3 giờ 4 phút')
    expect(durationText(DAY + 60_000, en)).toBe('1 day 0 hours 1 minute')
    expect(durationText(30_000, en)).toBe('1 minute')
    expect(durationText(5 * HOUR, en)).toBe('5 hours 0 minutes')
  })

  it('is public for upcoming and closed calls too', async () => {
    for (const c of [upcoming, past, closedByStaff]) {
      const res = await invoke(page, ctx, { path: `/calls/${c.code}`, params: { code: c.code } })
      expect(res.status, c.code).toBe(200)
    }
  })
})

const answersOk = { applicant_type: 'enterprise', q_in_province: 'yes', q_double_funding: 'no' }
const cookieHeader = (res: Response) => res.headers.get('Set-Cookie') ?? ''

describe('the eligibility self-check', () => {
  const path = () => `/calls/${open.code}/eligibility`
  const post = (form: Record<string, string>, code = open.code) =>
    invoke(check, ctx, { method: 'POST', path: `/calls/${code}/eligibility`, params: { code }, form })

  it('shows the call’s questions and its types', async () => {
    const res = await invoke(check, ctx, { path: path(), params: { code: open.code } })
    expect(res.status).toBe(200)
    const data = await res.json()
    expect(data.call.eligibility_questions.map((q: { id: string }) => q.id)).toEqual(['in_province', 'double_funding'])
    expect(data.call.eligible_types).toEqual(['enterprise', 'cooperative'])
    expect(data.defaultValues).toEqual({})
  })

  it('says "you may apply" and keeps the answers a day in an HttpOnly cookie for the application', async () => {
    const res = await post(answersOk)
    expect(res.status).toBe(200)
    const data = await res.json()
    expect(data.result).toEqual({ eligible: true, reasons: [], unanswered: [] })
    const setCookie = cookieHeader(res)
    expect(setCookie).toMatch(/^eligibility_PUB-OPEN-1=/)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Lax')
    expect(setCookie).toContain('Max-Age=86400')
    expect(setCookie).toContain('Path=/')
    const cookie = setCookie.split(';')[0]
    expect(JSON.parse(decodeURIComponent(cookie.split('=')[1]))).toEqual({
      questions: { in_province: 'yes', double_funding: 'no' },
      applicantType: 'enterprise',
    })
    // The application (a later issue) reads them back; another call's code finds nothing.
    const later = new Request(`http://localhost:3000/applications/new?call=${open.code}`, { headers: { Cookie: `lang=vi; ${cookie}` } })
    expect(readEligibilityAnswers(later, open.code)).toEqual({ questions: { in_province: 'yes', double_funding: 'no' }, applicantType: 'enterprise' })
    expect(readEligibilityAnswers(later, upcoming.code)).toBeNull()
    // Coming back to the check shows the same answers.
    const again = await invoke(check, ctx, { path: path(), params: { code: open.code }, cookie })
    expect((await again.json()).defaultValues).toEqual(answersOk)
  })

  it('reads a tampered cookie as no answers', () => {
    for (const value of ['%7Bbroken', encodeURIComponent('{"questions":{"a":"maybe"}}'), encodeURIComponent('[]')]) {
      const req = new Request('http://localhost:3000/', { headers: { Cookie: `eligibility_${open.code}=${value}` } })
      expect(readEligibilityAnswers(req, open.code)).toBeNull()
    }
  })

  it('says "you may not apply" with every reason, and forgets earlier answers', async () => {
    const res = await post({ applicant_type: 'other', q_in_province: 'no', q_double_funding: 'no' })
    expect(res.status).toBe(200)
    const { result } = await res.json()
    expect(result.eligible).toBe(false)
    expect(result.reasons.map((r: { questionId: string }) => r.questionId)).toEqual(['applicant_type', 'in_province'])
    expect(result.reasons[0].reason_vi).toBe('Đợt này chỉ dành cho: Doanh nghiệp, Hợp tác xã.')
    expect(result.reasons[1].reason_en).toBe('The Fund supports only applicants based in the province.')
    expect(cookieHeader(res)).toMatch(/^eligibility_PUB-OPEN-1=; .*Max-Age=0/)
  })

  it('answers 400 with a message by each unanswered question', async () => {
    const res = await post({ applicant_type: 'enterprise', q_in_province: 'yes' })
    expect(res.status).toBe(400)
    const data = await res.json()
    expect(data.errors).toEqual({ q_double_funding: { type: 'server', message: 'calls.eligibility.answerRequired?n=2' } })
    expect(data.defaultValues).toMatchObject({ applicant_type: 'enterprise', q_in_province: 'yes' })
    const none = await post({})
    expect(none.status).toBe(400)
    expect(Object.keys((await none.json()).errors).sort()).toEqual(['applicant_type', 'q_double_funding', 'q_in_province'])
    expect(cookieHeader(none)).toBe('')
  })

  it('does not keep answers for a closed call', async () => {
    const res = await post(answersOk, past.code)
    expect((await res.json()).result.eligible).toBe(true)
    expect(cookieHeader(res)).toContain('Max-Age=0')
  })
})

describe('drafts and nonsense addresses', () => {
  it('answers 404 for a draft on every URL', async () => {
    const code = draft.code
    expect((await invoke(page, ctx, { path: `/calls/${code}`, params: { code } })).status).toBe(404)
    expect((await invoke(check, ctx, { path: `/calls/${code}/eligibility`, params: { code } })).status).toBe(404)
    expect((await invoke(check, ctx, { method: 'POST', path: `/calls/${code}/eligibility`, params: { code }, form: answersOk })).status).toBe(404)
    expect(codesOf(await listPublishedCalls(handle.db))).not.toContain(code)
    expect(await getPublicCall(handle.db, code)).toBeNull()
  })

  it('answers 404, never 500, to unknown and hostile codes', async () => {
    const hostile = [
      'KHONG-CO',
      "' OR 1=1; --",
      '<script>alert(1)</script>',
      '\u0000',
      '\ud800',
      '../../etc/passwd',
      '%00',
      'a'.repeat(10_000),
      'Đắk Lắk'.normalize('NFD'),
      '',
    ]
    for (const code of hostile) {
      for (const [route, method] of [
        [page, 'GET'],
        [check, 'GET'],
        [check, 'POST'],
      ] as const) {
        const res = await invoke(route, ctx, { method, path: '/calls/x', params: { code }, form: method === 'POST' ? answersOk : undefined })
        expect(res.status, `${method} ${JSON.stringify(code.slice(0, 20))}`).toBe(404)
      }
    }
    expect((await invoke(page, ctx, { path: '/calls/x', params: {} })).status).toBe(404)
  })
})
