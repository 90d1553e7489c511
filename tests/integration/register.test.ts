import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import { cancelNumber, formatDocumentNumber, issueNumber, listRegister, recordExternalNumber } from '../../app/modules/decisions'
import { concurrencyTitle, createTestDb, noteSerialisedOnPglite } from '../setup/db'
import { createUser, insertFundSettings } from '../setup/app'

// The register of official documents: numbers per year and type, without gaps or duplicates when many are
// issued at once; a cancelled number stays recorded and is never given again.

let handle: DatabaseHandle
let actor: { id: string; email: string }

beforeAll(async () => {
  handle = await createTestDb()
  actor = await createUser(handle.db, { roles: ['staff'] })
  await insertFundSettings(handle.db)
})
afterAll(() => handle.close())

/** An instant given as Việt Nam wall-clock time (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`)

describe('the register of official documents', () => {
  it('writes numbers as the decree does: zero-padded below 10, the type, the symbol, no spaces', () => {
    expect(formatDocumentNumber(5, 'decision', 'qkhcn')).toBe('05/QĐ-QKHCN')
    expect(formatDocumentNumber(12, 'notice', 'QKHCN')).toBe('12/TB-QKHCN')
    expect(formatDocumentNumber(101, 'minutes', 'QKHCN')).toBe('101/BB-QKHCN')
  })

  it(concurrencyTitle('gives 40 decisions issued at once the numbers 1 to 40, each once, in a year of their own: every one of them succeeds'), async () => {
    noteSerialisedOnPglite('the register under 40 parallel issues')
    const now = vn('2031-03-02T09:00:00')
    const settled = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => issueNumber(handle.db, { type: 'decision', title: `Quyết định ${i}`, actor, now })),
    )
    // Each of the 40 officers gets a number: none is refused (a lost race on the counter would surface here as a
    // unique violation or a deadlock), not merely "the numbers that were given are unique".
    const refused = settled.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))
    expect(refused).toEqual([])
    const issued = settled.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof issueNumber>>>).value)
    expect(issued.map((r) => r.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    expect(new Set(issued.map((r) => r.symbol)).size).toBe(40)
    expect(issued.find((r) => r.number === 5)?.symbol).toBe('05/QĐ-QKHCN')
    // One sequence a year for all the Fund's documents (its records office keeps one): a notice takes 41.
    expect((await issueNumber(handle.db, { type: 'notice', title: 'Thông báo', actor, now })).symbol).toBe('41/TB-QKHCN')
    const register = await listRegister(handle.db, { year: 2031, type: 'decision' })
    expect(register.map((r) => r.number)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
  })

  it('keeps a cancelled number, with its reason, and never gives it again', async () => {
    const now = vn('2032-06-01T10:00:00')
    const first = await issueNumber(handle.db, { type: 'decision', title: 'Quyết định bị hủy', actor, now })
    expect(await cancelNumber(handle.db, { id: first.id, reason: '', actor })).toEqual({ ok: false, reason: 'reason_required' })
    expect(await cancelNumber(handle.db, { id: first.id, reason: 'Ghi sai tên tổ chức', actor })).toEqual({ ok: true })
    expect(await cancelNumber(handle.db, { id: first.id, reason: 'Lần nữa', actor })).toEqual({ ok: false, reason: 'already' })
    const next = await issueNumber(handle.db, { type: 'decision', title: 'Quyết định thay thế', actor, now })
    expect(next.number).toBe(first.number + 1)
    const register = await listRegister(handle.db, { year: 2032, type: 'decision' })
    expect(register.map((r) => [r.number, r.state, r.cancelReason])).toEqual([
      [1, 'cancelled', 'Ghi sai tên tổ chức'],
      [2, 'issued', null],
    ])
    const actions = (await handle.db.selectFrom('audit_log').select('action').where('action', 'like', 'document.%').execute()).map((r) => r.action)
    expect(actions).toContain('document.cancelled')
  })

  it('records a number given outside the portal in the same sequence, and never gives it again', async () => {
    const now = vn('2035-02-03T09:00:00')
    const first = await issueNumber(handle.db, { type: 'decision', title: 'Quyết định', actor, now })
    expect(first.number).toBe(1)
    // The office signed a letter on paper and took number 2: recorded, the portal goes on with 3.
    const letter = await recordExternalNumber(handle.db, { type: 'letter', title: 'Công văn gửi Sở KH&CN', number: 2, actor, now })
    expect(letter).toMatchObject({ ok: true, entry: { number: 2, symbol: '02/QKHCN' } })
    expect(await recordExternalNumber(handle.db, { type: 'decision', title: 'Trùng số', number: 2, actor, now })).toEqual({ ok: false, reason: 'taken', next: 3 })
    expect(await recordExternalNumber(handle.db, { type: 'decision', title: 'Nhảy số', number: 9, actor, now })).toEqual({ ok: false, reason: 'not_next', next: 3 })
    expect(await recordExternalNumber(handle.db, { type: 'decision', title: '  ', actor, now })).toMatchObject({ ok: false, reason: 'title_required' })
    const blank = await recordExternalNumber(handle.db, { type: 'other', title: 'Kế hoạch', actor, now })
    expect(blank).toMatchObject({ ok: true, entry: { number: 3 } })
    const notice = await issueNumber(handle.db, { type: 'notice', title: 'Thông báo', actor, now })
    expect(notice.symbol).toBe('04/TB-QKHCN')
    const register = await listRegister(handle.db, { year: 2035 })
    expect(register.map((r) => [r.number, r.type, r.external])).toEqual([
      [1, 'decision', false],
      [2, 'letter', true],
      [3, 'other', true],
      [4, 'notice', false],
    ])
  })

  it('counts the year in Việt Nam: 00:30 on 1 January there is the new year', async () => {
    const late = await issueNumber(handle.db, { type: 'minutes', title: 'Biên bản', actor, now: vn('2033-12-31T23:50:00') })
    const early = await issueNumber(handle.db, { type: 'minutes', title: 'Biên bản', actor, now: vn('2034-01-01T00:30:00') })
    expect([late.year, late.number, early.year, early.number]).toEqual([2033, 1, 2034, 1])
  })
})

describe('the register page', () => {
  it('lists the year’s numbers and cancels one with a reason, which it keeps', async () => {
    const page = await import('../../app/routes/staff.register')
    const { invoke, sessionFor, testContext } = await import('../setup/app')
    const ctx = testContext(handle)
    const cookie = await sessionFor(ctx, actor.id)
    const issued = await issueNumber(handle.db, { type: 'notice', title: 'Thông báo cấp nhầm', actor })
    const year = issued.year
    const list = await (await invoke(page, ctx, { path: `/staff/register?year=${year}&type=notice`, cookie })).json()
    expect(list.rows.map((r: { symbol: string }) => r.symbol)).toContain(issued.symbol)
    const empty = await invoke(page, ctx, { method: 'POST', path: '/staff/register', cookie, form: { id: String(issued.id), reason: ' ' } })
    expect(empty.status).toBe(400)
    expect((await empty.json()).errors[`reason_${issued.id}`].message).toBe('docRegister.v.reason')
    const done = await invoke(page, ctx, { method: 'POST', path: `/staff/register?year=${year}`, cookie, form: { id: String(issued.id), reason: 'Cấp nhầm loại văn bản' } })
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe(`/staff/register?year=${year}&notice=cancelled`)
    // The office records a letter it numbered on paper: the next number, in the same sequence.
    const next = (await (await invoke(page, ctx, { path: '/staff/register', cookie })).json()).next
    const wrong = await invoke(page, ctx, { method: 'POST', path: '/staff/register', cookie, form: { intent: 'external', ext_type: 'letter', ext_number: String(next + 5), ext_title: 'Công văn' } })
    expect(wrong.status).toBe(409)
    expect((await wrong.json()).errors.ext_number.message).toBe(`docRegister.v.notNext?next=${next}`)
    const recorded = await invoke(page, ctx, { method: 'POST', path: '/staff/register', cookie, form: { intent: 'external', ext_type: 'letter', ext_number: '', ext_title: 'Công văn gửi Sở' } })
    expect(recorded.status).toBe(302)
    expect(recorded.headers.get('Location')).toContain('notice=recorded')
    const after = await (await invoke(page, ctx, { path: `/staff/register?year=${year}&type=notice`, cookie })).json()
    expect(after.rows.find((r: { id: number }) => r.id === issued.id)).toMatchObject({ state: 'cancelled', cancelReason: 'Cấp nhầm loại văn bản' })
  })
})
