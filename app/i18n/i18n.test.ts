import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { catalogue, languageOf, messageParams, translator, type MessageKey } from './index'
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent, formatScore, formatTime } from './format'

const vi = catalogue('vi')
const en = catalogue('en')
const placeholders = (s: string) => messageParams(s)

describe('catalogues', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort())
  })

  it('have no empty message in either language', () => {
    const empty = (Object.keys(vi) as MessageKey[]).filter((k) => !vi[k].trim() || !en[k].trim())
    expect(empty).toEqual([])
  })

  it('use the same placeholders in both languages', () => {
    const mismatched = (Object.keys(vi) as MessageKey[]).filter((k) => placeholders(vi[k]).join() !== placeholders(en[k]).join())
    expect(mismatched).toEqual([])
  })

  it('store Vietnamese in NFC, as the browser sends it', () => {
    const decomposed = (Object.keys(vi) as MessageKey[]).filter((k) => vi[k] !== vi[k].normalize('NFC'))
    expect(decomposed).toEqual([])
  })

  it('fill placeholders', () => {
    expect(translator('vi')('nav.signedInAs', { name: 'Hồng Nhung' })).toBe('Đang đăng nhập: Hồng Nhung')
    expect(translator('en')('call.daysLeft', { days: 3 })).toBe('3 days left')
  })
})

describe('languageOf', () => {
  const req = (url: string, cookie?: string) => new Request(url, { headers: cookie ? { Cookie: cookie } : {} })
  it('defaults to Vietnamese, even for a browser asking for English', () => {
    expect(languageOf(new Request('http://x/', { headers: { 'Accept-Language': 'en-US' } }))).toBe('vi')
  })
  it('reads the cookie, and ?lang= wins over it', () => {
    expect(languageOf(req('http://x/', 'a=1; lang=en'))).toBe('en')
    expect(languageOf(req('http://x/?lang=vi', 'lang=en'))).toBe('vi')
    expect(languageOf(req('http://x/?lang=fr', 'lang=xx'))).toBe('vi')
  })
})

describe('Vietnamese formats', () => {
  it('write money with dot separators and the đồng sign', () => {
    expect(formatMoney(12345678)).toBe('12.345.678\u00a0₫')
    expect(formatMoney(0)).toBe('0\u00a0₫')
    expect(formatMoney(1_500_000_000)).toBe('1.500.000.000\u00a0₫')
  })

  it('write dates as dd/mm/yyyy in Asia/Ho_Chi_Minh, whatever the server zone', () => {
    // 17:30 UTC on 31 Dec is already 1 Jan in Việt Nam (UTC+7)
    const instant = new Date('2026-12-31T17:30:00Z')
    expect(formatDate(instant)).toBe('01/01/2027')
    expect(formatTime(instant)).toBe('00:30')
    expect(formatDateTime(instant, 'vi')).toBe('00:30 01/01/2027')
    expect(formatDateTime(instant, 'en')).toBe('01/01/2027 00:30')
    expect(formatDate('2027-01-05T02:00:00Z')).toBe('05/01/2027')
  })
})

describe('numbers in the page’s language (one formatter)', () => {
  it('write percentages as "53,85 %" in Vietnamese and "53.85%" in English', () => {
    expect(formatPercent(53.85, 'vi')).toBe('53,85\u00a0%')
    expect(formatPercent(53.85, 'en')).toBe('53.85%')
    expect(translator('en')('applications.rule.minCounterpart', { pct: '53.85', min: 60 })).toBe('Counterpart funds are 53.85% of the total, below the call’s minimum of 60%')
    expect(translator('vi')('applications.rule.minCounterpart', { pct: '53.85', min: 60 })).toBe('Vốn đối ứng chiếm 53,85\u00a0% tổng kinh phí, thấp hơn mức tối thiểu 60\u00a0% của đợt')
  })
  it('write scores with two decimals and counts with the language’s grouping', () => {
    expect(formatScore(80.375 + 0.005, 'vi')).toBe('80,38')
    expect(formatScore(80.38, 'en')).toBe('80.38')
    expect(formatScore(null, 'en')).toBe('—')
    expect(formatNumber(1234.5, 'vi')).toBe('1.234,5')
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5')
    expect(translator('en')('attachments.size.kb', { n: 12.5 })).toBe('12.5 KB')
    expect(translator('vi')('attachments.size.kb', { n: 12.5 })).toBe('12,5 KB')
  })
})

describe('numbers on pages, in mails and sheets', () => {
  it('are formatted by app/i18n/format.ts only, never by toLocaleString or toFixed in routes, components, modules or templates', () => {
    const root = join(__dirname, '..', '..')
    const files = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []))
    // The backup command prints sizes for the operator in a terminal, not for a reader of the portal.
    const offenders = ['app/routes', 'app/components', 'app/modules', 'templates']
      .flatMap(files)
      .filter((f) => f !== join('app', 'modules', 'backup', 'cli.ts'))
      .filter((f) => /\.(toLocaleString|toFixed)\(/.test(readFileSync(join(root, f), 'utf8')))
    expect(offenders).toEqual([])
  })
})
