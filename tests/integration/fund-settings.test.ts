import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import * as settingsPage from '../../app/routes/admin.settings'
import { createTestDb } from '../setup/db'
import { createUser, invoke, sessionFor, testContext } from '../setup/app'

// The fund's settings every official document prints: an administrator edits them; bad input is refused
// in words with what was typed kept; lists are one item per line.

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let cookie: string

beforeAll(async () => {
  handle = await createTestDb()
  ctx = testContext(handle)
  cookie = await sessionFor(ctx, (await createUser(handle.db, { roles: ['admin'] })).id)
})
afterAll(() => handle.close())

const VALID = {
  parent_body_vi: 'UBND TỈNH ĐẮK LẮK',
  parent_body_en: 'Đắk Lắk Provincial People’s Committee',
  name_vi: 'Quỹ Phát triển khoa học và công nghệ tỉnh Đắk Lắk',
  name_en: 'Đắk Lắk Science and Technology Development Fund',
  short_name: 'QKHCN',
  document_symbol: 'qkhcn',
  place_name: 'Đắk Lắk',
  address: '15 Lê Duẩn, phường Buôn Ma Thuột, tỉnh Đắk Lắk',
  phone: '0262 3852 585',
  email: 'quykhcn@daklak.gov.vn',
  website: '',
  signer_authority: 'KT. GIÁM ĐỐC',
  signer_title: 'PHÓ GIÁM ĐỐC',
  signer_name: 'Nguyễn Thị Thu Hà',
  charter_number: '12/2026/QĐ-UBND',
  charter_date: '05/03/2026',
  charter_issuer: 'Ủy ban nhân dân tỉnh Đắk Lắk',
  recipients: 'Như Điều 3;\nLưu: VT, NV.',
}

describe('the fund’s settings', () => {
  it('refuses what a document cannot print, in words, keeping what was typed', async () => {
    const res = await invoke(settingsPage, ctx, { method: 'POST', path: '/admin/settings', cookie, form: { ...VALID, document_symbol: 'QK HCN', signer_name: '', email: 'không-phải-thư' } })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.errors).toMatchObject({ document_symbol: { message: 'fund.v.symbol' }, signer_name: { message: 'fund.v.required' }, email: { message: 'fund.v.email' } })
    expect(body.defaultValues.signer_title).toBe('PHÓ GIÁM ĐỐC')
  })

  it('saves them: the symbol in upper case, the charter’s decision, one recipient per line, audited', async () => {
    const res = await invoke(settingsPage, ctx, { method: 'POST', path: '/admin/settings', cookie, form: VALID })
    expect(res.status).toBe(302)
    const row = await handle.db.selectFrom('fund_settings').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      document_symbol: 'QKHCN',
      signer_authority: 'KT. GIÁM ĐỐC',
      signer_name: 'Nguyễn Thị Thu Hà',
      website: null,
      charter_number: '12/2026/QĐ-UBND',
      charter_issuer: 'Ủy ban nhân dân tỉnh Đắk Lắk',
      recipients: ['Như Điều 3', 'Lưu: VT, NV'],
    })
    const page = await (await invoke(settingsPage, ctx, { path: '/admin/settings', cookie })).json()
    expect(page.values.charter_date).toBe('05/03/2026')
    const audit = await handle.db.selectFrom('audit_log').select('action').where('action', '=', 'fund.settings_updated').execute()
    expect(audit).toHaveLength(1)
  })
})

describe('the selection rules', () => {
  it('shows today’s rules, refuses values out of range in words, saves and audits the change', async () => {
    const rulesPage = await import('../../app/routes/admin.rules')
    const shown = await (await invoke(rulesPage, ctx, { path: '/admin/rules', cookie })).json()
    expect(shown.values).toMatchObject({ councilMin: '7', councilMax: '9', quorumFraction: '2/3', passMark: '70', deviationLimitPct: '20', zeroScoreMaxFraction: '1/4', screeningWorkingDays: '7' })

    const bad = await invoke(rulesPage, ctx, { method: 'POST', path: '/admin/rules', cookie, form: { ...shown.values, councilMin: '9', councilMax: '7', quorumFraction: '3/2', passMark: 'bảy mươi' } })
    expect(bad.status).toBe(400)
    expect((await bad.json()).errors).toMatchObject({
      councilMax: { message: 'fund.v.rule.councilRange' },
      quorumFraction: { message: 'fund.v.rule.fraction' },
      passMark: { message: 'fund.v.rule.points' },
    })

    const ok = await invoke(rulesPage, ctx, { method: 'POST', path: '/admin/rules', cookie, form: { ...shown.values, passMark: '72,5', screeningWorkingDays: '10', quorumFraction: '3/4' } })
    expect(ok.status).toBe(302)
    const { getReviewRules } = await import('../../app/modules/fund')
    expect(await getReviewRules(handle.db)).toMatchObject({ passMark: 72.5, screeningWorkingDays: 10, quorumFraction: { num: 3, den: 4 }, councilMin: 7 })
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'fund.rules_updated').execute()
    expect(audit).toHaveLength(1)
  })
})
