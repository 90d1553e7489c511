import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { amountInWords, amountInWordsEn, numberInWords } from './words'

const READINGS: [number | bigint, string][] = [
  [0, 'Không đồng'],
  [5, 'Năm đồng'],
  [4, 'Bốn đồng'],
  [10, 'Mười đồng'],
  [11, 'Mười một đồng'],
  [14, 'Mười bốn đồng'],
  [15, 'Mười lăm đồng'],
  [20, 'Hai mươi đồng'],
  [21, 'Hai mươi mốt đồng'],
  [24, 'Hai mươi tư đồng'],
  [25, 'Hai mươi lăm đồng'],
  [99, 'Chín mươi chín đồng'],
  [100, 'Một trăm đồng'],
  [101, 'Một trăm linh một đồng'],
  [104, 'Một trăm linh bốn đồng'],
  [105, 'Một trăm linh năm đồng'],
  [110, 'Một trăm mười đồng'],
  [111, 'Một trăm mười một đồng'],
  [115, 'Một trăm mười lăm đồng'],
  [121, 'Một trăm hai mươi mốt đồng'],
  [1000, 'Một nghìn đồng'],
  [1001, 'Một nghìn không trăm linh một đồng'],
  [1010, 'Một nghìn không trăm mười đồng'],
  [1015, 'Một nghìn không trăm mười lăm đồng'],
  [10_000, 'Mười nghìn đồng'],
  [100_000, 'Một trăm nghìn đồng'],
  [1_000_000, 'Một triệu đồng'],
  [1_005_000, 'Một triệu không trăm linh năm nghìn đồng'],
  [1_000_050, 'Một triệu không trăm năm mươi đồng'],
  [15_000_000, 'Mười lăm triệu đồng'],
  [21_000_000, 'Hai mươi mốt triệu đồng'],
  [125_000_000, 'Một trăm hai mươi lăm triệu đồng'],
  [1_500_000_000, 'Một tỷ năm trăm triệu đồng'],
  [2_024_000_000, 'Hai tỷ không trăm hai mươi tư triệu đồng'],
  [1_000_000_005, 'Một tỷ không trăm linh năm đồng'],
  [12_345_678, 'Mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám đồng'],
  [1_000_000_000_000, 'Một nghìn tỷ đồng'],
  [1_500_000_000_000, 'Một nghìn năm trăm tỷ đồng'],
  [1_000_000_000_000_000n, 'Một triệu tỷ đồng'],
  [1_000_001_000_000_000n, 'Một triệu không trăm linh một tỷ đồng'],
  [999_999_999_999_999_999n, 'Chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng'],
]

describe('amountInWords', () => {
  it.each(READINGS)('reads %s as "%s"', (n, words) => {
    expect(amountInWords(n)).toBe(words)
  })

  it('reads a bigint like the same number', () => {
    expect(amountInWords(1_500_000_000n)).toBe(amountInWords(1_500_000_000))
  })

  it('says "lẻ" for a zero tens digit on request, and never touches "mười"', () => {
    expect(amountInWords(105, { zeroTens: 'lẻ' })).toBe('Một trăm lẻ năm đồng')
    expect(amountInWords(1_005_000, { zeroTens: 'lẻ' })).toBe('Một triệu không trăm lẻ năm nghìn đồng')
    expect(amountInWords(110, { zeroTens: 'lẻ' })).toBe('Một trăm mười đồng')
  })

  it('says "bốn" after mươi on request; 14 and 104 are "bốn" either way', () => {
    expect(amountInWords(24, { four: 'bốn' })).toBe('Hai mươi bốn đồng')
    expect(amountInWords(2_024_000_000, { four: 'bốn' })).toBe('Hai tỷ không trăm hai mươi bốn triệu đồng')
    expect(amountInWords(14, { four: 'tư' })).toBe('Mười bốn đồng')
    expect(amountInWords(104, { four: 'tư' })).toBe('Một trăm linh bốn đồng')
  })

  it('gives the lower-case reading without the currency', () => {
    expect(numberInWords(2_021)).toBe('hai nghìn không trăm hai mươi mốt')
    expect(numberInWords(0)).toBe('không')
  })

  it('rejects negatives, fractions, non-finite numbers, unsafe numbers and 10^18', () => {
    for (const bad of [-1, -1n, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 10n ** 18n]) {
      expect(() => amountInWords(bad)).toThrow(RangeError)
      expect(() => amountInWordsEn(bad)).toThrow(RangeError)
    }
  })
})

describe('amountInWordsEn', () => {
  it.each([
    [0, 'Zero dong'],
    [5, 'Five dong'],
    [15, 'Fifteen dong'],
    [21, 'Twenty-one dong'],
    [105, 'One hundred five dong'],
    [1_005_000, 'One million five thousand dong'],
    [12_345_678, 'Twelve million three hundred forty-five thousand six hundred seventy-eight dong'],
    [1_500_000_000, 'One billion five hundred million dong'],
    [1_000_000_000_000, 'One trillion dong'],
    [2_000_000_000_000_001n, 'Two quadrillion one dong'],
  ] as [number | bigint, string][])('reads %s as "%s"', (n, words) => {
    expect(amountInWordsEn(n)).toBe(words)
  })
})

// A strict reader of the canonical form, written independently of words.ts: it rejects the spellings the
// rules forbid ("mười tư", "linh lăm", "mươi một", a missing "không trăm" after a bigger group …).
const DIGIT: Record<string, number> = { không: 0, một: 1, hai: 2, ba: 3, bốn: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9 }

function readTwoDigits(t: string[], afterHundreds: boolean): number {
  if (t.length === 0) return 0
  if (t[0] === 'linh') {
    if (!afterHundreds || t.length !== 2 || !(t[1] in DIGIT) || DIGIT[t[1]] === 0) throw new Error(`bad linh: ${t}`)
    return DIGIT[t[1]]
  }
  let tens: number
  let rest: string[]
  if (t[0] === 'mười') {
    tens = 1
    rest = t.slice(1)
  } else {
    if (t[1] !== 'mươi' || !(t[0] in DIGIT) || DIGIT[t[0]] < 2) {
      if (!afterHundreds && t.length === 1 && t[0] in DIGIT && DIGIT[t[0]] > 0) return DIGIT[t[0]]
      throw new Error(`bad tens: ${t}`)
    }
    tens = DIGIT[t[0]]
    rest = t.slice(2)
  }
  if (rest.length === 0) return tens * 10
  if (rest.length !== 1) throw new Error(`bad units: ${t}`)
  const u = rest[0]
  if (u === 'lăm') return tens * 10 + 5
  if (u === 'mốt' && tens >= 2) return tens * 10 + 1
  if (u === 'tư' && tens >= 2) return tens * 10 + 4
  if (u in DIGIT && !['không', 'năm'].includes(u) && !(u === 'một' && tens >= 2) && !(u === 'bốn' && tens >= 2)) return tens * 10 + DIGIT[u]
  throw new Error(`bad units: ${t}`)
}

function readGroup(t: string[], full: boolean): number {
  const h = t.indexOf('trăm')
  if (h === -1) {
    if (full) throw new Error(`missing hundreds: ${t}`)
    return readTwoDigits(t, false)
  }
  if (h !== 1 || !(t[0] in DIGIT) || (!full && DIGIT[t[0]] === 0)) throw new Error(`bad hundreds: ${t}`)
  return DIGIT[t[0]] * 100 + readTwoDigits(t.slice(2), true)
}

function readBelowBillion(t: string[], inner: boolean): number {
  let value = 0
  let started = inner
  let rest = t
  for (const [name, size] of [['triệu', 1_000_000], ['nghìn', 1_000]] as const) {
    const i = rest.indexOf(name)
    if (i === -1) continue
    const g = readGroup(rest.slice(0, i), started)
    if (g === 0) throw new Error(`empty group read: ${t}`)
    value += g * size
    started = true
    rest = rest.slice(i + 1)
  }
  if (rest.length > 0) {
    const g = readGroup(rest, started)
    if (g === 0) throw new Error(`empty group read: ${t}`)
    value += g
  }
  return value
}

function parseAmount(words: string): bigint {
  if (!words.endsWith(' đồng')) throw new Error(`no currency: ${words}`)
  const t = words.slice(0, -' đồng'.length).toLowerCase().split(' ')
  if (t.length === 1 && t[0] === 'không') return 0n
  const b = t.indexOf('tỷ')
  if (b === -1) return BigInt(readBelowBillion(t, false))
  const high = readBelowBillion(t.slice(0, b), false)
  if (high === 0) throw new Error(`zero tỷ: ${words}`)
  return BigInt(high) * 10n ** 9n + BigInt(readBelowBillion(t.slice(b + 1), true))
}

// Amounts built from three-digit groups, many of them 0 or small, so skipped groups and "không trăm linh" come up often.
const amounts = fc
  .array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 999 })), { minLength: 1, maxLength: 5 })
  .map((groups) => groups.reduce((n, g) => n * 1000n + BigInt(g), 0n))

describe('amountInWords properties', () => {
  it('the parser reads the table back', () => {
    for (const [n, words] of READINGS) expect(parseAmount(words)).toBe(BigInt(n))
  })

  it('the parser refuses the forbidden spellings, so a round trip proves the form too', () => {
    for (const bad of ['Mười tư đồng', 'Hai mươi một đồng', 'Mười năm đồng', 'Một trăm linh lăm đồng', 'Một nghìn linh năm đồng', 'Một triệu năm nghìn đồng', 'Không trăm năm đồng']) {
      expect(() => parseAmount(bad)).toThrow()
    }
  })

  it('is capitalised, ends with " đồng", has single spaces, and reads back to the same amount (n < 10^15)', () => {
    fc.assert(
      fc.property(fc.oneof(amounts, fc.bigInt({ min: 0n, max: 10n ** 15n - 1n })), (n) => {
        const words = amountInWords(n)
        expect(words).toMatch(/^\p{Lu}/u)
        expect(words.endsWith(' đồng')).toBe(true)
        expect(words).not.toMatch(/\s{2}|^\s|\s$/)
        expect(parseAmount(words)).toBe(n)
      }),
      { numRuns: 2000 },
    )
  })

  it('reads a number and its bigint alike', () => {
    fc.assert(fc.property(fc.maxSafeNat(), (n) => amountInWords(n) === amountInWords(BigInt(n))))
  })
})
