// Amounts in words for decisions and contracts ("Bằng chữ: …"), browser-safe and pure.
// Whole đồng only, 0 ≤ n < 10^18. The Vietnamese reading follows the accounting convention: every group after
// the first non-zero one is read with all three digits ("không trăm linh năm"), empty groups are skipped.

export interface VietnameseWordsOptions {
  /** The word for a zero tens digit before a unit: "linh" (northern, official) or "lẻ" (southern). */
  zeroTens?: 'linh' | 'lẻ'
  /** 4 after a tens digit ≥ 2: "hai mươi tư" (usual) or "hai mươi bốn". 14 is always "mười bốn". */
  four?: 'tư' | 'bốn'
}

const LIMIT = 10n ** 18n
const BILLION = 10n ** 9n
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const

/** A checked bigint: numbers past 2^53 − 1 may already have been rounded, so those must come as bigint. */
function whole(n: number | bigint): bigint {
  if (typeof n === 'number') {
    if (!Number.isInteger(n)) throw new RangeError(`Not a whole amount: ${n}`)
    if (!Number.isSafeInteger(n)) throw new RangeError(`Pass amounts above ${Number.MAX_SAFE_INTEGER} as bigint: ${n}`)
    n = BigInt(n)
  }
  if (n < 0n) throw new RangeError(`Negative amount: ${n}`)
  if (n >= LIMIT) throw new RangeError(`Amount too large (at most 18 digits): ${n}`)
  return n
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** Tens and units (0–99) after a hundreds digit, or alone when `full` is false. */
function tensAndUnits(v: number, full: boolean, o: Required<VietnameseWordsOptions>): string[] {
  const t = Math.floor(v / 10)
  const u = v % 10
  if (t === 0) {
    if (u === 0) return []
    // "linh năm", "linh một", "linh bốn": the plain digit, never mốt/lăm/tư.
    return full ? [o.zeroTens, DIGITS[u]] : [DIGITS[u]]
  }
  const words = t === 1 ? ['mười'] : [DIGITS[t], 'mươi']
  if (u === 0) return words
  if (u === 5) return [...words, 'lăm']
  // "mốt" and "tư" only after mươi: 11 is "mười một", 14 "mười bốn".
  if (u === 1) return [...words, t === 1 ? 'một' : 'mốt']
  if (u === 4) return [...words, t === 1 ? 'bốn' : o.four]
  return [...words, DIGITS[u]]
}

/** One group of three digits; `full` reads the hundreds even when zero ("không trăm …"). */
function group(v: number, full: boolean, o: Required<VietnameseWordsOptions>): string[] {
  const h = Math.floor(v / 100)
  if (h === 0 && !full) return tensAndUnits(v, false, o)
  return [DIGITS[h], 'trăm', ...tensAndUnits(v % 100, true, o)]
}

/** Below 10^9 in triệu / nghìn / units; `inner` when something bigger was read before it. */
function belowBillion(n: number, inner: boolean, o: Required<VietnameseWordsOptions>): string[] {
  // "nghìn" is the official (northern) form; the south says "ngàn". Documents of the Fund use nghìn.
  const scale = [
    [1_000_000, 'triệu'],
    [1_000, 'nghìn'],
    [1, ''],
  ] as const
  const words: string[] = []
  let started = inner
  for (const [size, name] of scale) {
    const g = Math.floor(n / size) % 1000
    if (g === 0) continue
    words.push(...group(g, started, o))
    if (name) words.push(name)
    started = true
  }
  return words
}

/** The reading in lower case, without the currency: 1005 → "một nghìn không trăm linh năm". */
export function numberInWords(n: number | bigint, options: VietnameseWordsOptions = {}): string {
  const o: Required<VietnameseWordsOptions> = { zeroTens: options.zeroTens ?? 'linh', four: options.four ?? 'tư' }
  const v = whole(n)
  if (v === 0n) return 'không'
  // Above tỷ the count of tỷ is read as a number of its own: 1.500 tỷ is "một nghìn năm trăm tỷ", so 10^12 is
  // "một nghìn tỷ" and 10^15 "một triệu tỷ" (a short ladder of nghìn/triệu/tỷ would say "một nghìn tỷ năm trăm tỷ").
  const high = Number(v / BILLION)
  const low = Number(v % BILLION)
  const words = high > 0 ? [...belowBillion(high, false, o), 'tỷ'] : []
  // After tỷ the rest is an inner group even across skipped empty groups: 1.000.000.005 is
  // "một tỷ không trăm linh năm", the usual reading on accounting documents.
  words.push(...belowBillion(low, high > 0, o))
  return words.join(' ')
}

/** "Một tỷ năm trăm triệu đồng" for 1.500.000.000; "Không đồng" for 0. Throws RangeError outside 0 ≤ n < 10^18. */
export function amountInWords(n: number | bigint, options: VietnameseWordsOptions = {}): string {
  return `${capitalise(numberInWords(n, options))} đồng`
}

const EN_ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'] as const
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const
const EN_SCALE = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion'] as const

function groupEn(v: number): string[] {
  const words: string[] = []
  const h = Math.floor(v / 100)
  const r = v % 100
  if (h > 0) words.push(EN_ONES[h], 'hundred')
  if (r > 0 && r < 20) words.push(EN_ONES[r])
  else if (r >= 20) words.push(r % 10 ? `${EN_TENS[Math.floor(r / 10)]}-${EN_ONES[r % 10]}` : EN_TENS[Math.floor(r / 10)])
  return words
}

/** "One billion five hundred million dong": short scale, no "and", hyphenated tens ("twenty-one"). */
export function amountInWordsEn(n: number | bigint): string {
  let v = whole(n)
  if (v === 0n) return 'Zero dong'
  const groups: number[] = []
  for (; v > 0n; v /= 1000n) groups.push(Number(v % 1000n))
  const words: string[] = []
  for (let i = groups.length - 1; i >= 0; i--) {
    if (groups[i] === 0) continue
    words.push(...groupEn(groups[i]))
    if (EN_SCALE[i]) words.push(EN_SCALE[i])
  }
  return `${capitalise(words.join(' '))} dong`
}
