import { describe, expect, it } from 'vitest'
import { catalogues } from './catalogues'
import { isPluralMessage, messageParams, translator, type MessageKey } from './index'

// "1 applications found" (issue 10): an English message that puts a number before a noun must choose the noun's
// form by the number (Intl.PluralRules through `{count, plural, one {…} other {…}}`). Vietnamese nouns do not
// change, so its messages keep `{count}`.

const en = catalogues.en as Record<string, string>

/** A placeholder followed by a noun in the plural ("{n} applications", "{count} document(s)"). */
const COUNTED = /\{(\w+)\}\s+(?:[a-z-]+\s+)?(?:[a-z]+\(s\)|(?!is\b|was\b|has\b|does\b)[a-z]+s\b)/

/** Placeholders that take text, never a number. */
const TEXT_PARAMS = new Set(['name', 'title', 'reference', 'call', 'council', 'organisation', 'role', 'status', 'types', 'reason', 'criterion', 'section', 'sections', 'email', 'code', 'fund'])

/** Every message that puts one of its parameters in front of a counted noun, with that parameter. */
function countedMessages(): [string, string][] {
  const out: [string, string][] = []
  for (const [key, text] of Object.entries(en)) {
    for (const m of text.matchAll(new RegExp(COUNTED, 'g'))) if (!TEXT_PARAMS.has(m[1])) out.push([key, m[1]])
  }
  return out
}

describe('English messages with a count', () => {
  it('choose the plural by the number: none writes "{n} things" without a plural placeholder', () => {
    expect(countedMessages().map(([k, p]) => `${k}: {${p}} ${en[k]}`)).toEqual([])
  })

  it('read right for 1 and for 2, in both languages', () => {
    const plural = Object.keys(en).filter((k) => isPluralMessage(en[k]))
    expect(plural.length).toBeGreaterThan(10)
    const t = translator('en')
    const tv = translator('vi')
    for (const key of plural) {
      const params = Object.fromEntries(messageParams(en[key]).map((p) => [p, 'x']))
      for (const counted of messageParams(en[key]).filter((p) => new RegExp(`\\{\\s*${p}\\s*,\\s*plural`).test(en[key]))) {
        const one = t(key as MessageKey, { ...params, [counted]: 1 })
        const two = t(key as MessageKey, { ...params, [counted]: 2 })
        expect(one, key).not.toBe(two)
        expect(one, key).not.toMatch(/\{|\}|#/)
        expect(two, key).not.toMatch(/\{|\}|#/)
        expect(one, key).not.toMatch(/\b1 [a-z]+s\b(?<!\b1 (?:is|was|has)\b)/)
        expect(tv(key as MessageKey, { ...params, [counted]: 1 }), key).not.toMatch(/\{|\}|#/)
      }
    }
  })
})

describe('the plural placeholder', () => {
  it('chooses one/other in English, the only form in Vietnamese, and formats the number', () => {
    expect(translator('en')('inbox.found', { total: 1 })).toBe('1 application found.')
    expect(translator('en')('inbox.found', { total: 2 })).toBe('2 applications found.')
    expect(translator('en')('inbox.found', { total: 1234 })).toBe('1,234 applications found.')
    expect(translator('vi')('inbox.found', { total: 1 })).toBe('Tìm thấy 1 hồ sơ.')
    expect(translator('en')('councils.notice.formFailed', { count: 1 })).toBe('1 application could not be sent to review (its status changed).')
  })
})
