import { catalogues, reportMissing } from './catalogues'
import { formatNumber, formatPercent } from './format'

export const LANGS = ['vi', 'en'] as const
export type Lang = (typeof LANGS)[number]
export const DEFAULT_LANG: Lang = 'vi'
export const LANG_COOKIE = 'lang'

// Each namespace file (messages/*.ts) holds `vi` (the source) and `en`, typed so that a key missing in English
// fails the type check; tests/i18n checks the same at run time. catalogues.ts puts them together.

export type MessageKey = keyof typeof catalogues.vi
export type Params = Record<string, string | number>
export type Translate = (key: MessageKey, params?: Params) => string

export function isLang(value: unknown): value is Lang {
  return value === 'vi' || value === 'en'
}

export function isMessageKey(key: string): key is MessageKey {
  // A browser holds one language's messages: either table knows the key.
  return Object.hasOwn(catalogues.vi, key) || Object.hasOwn(catalogues.en, key)
}

export function catalogue(lang: Lang): Readonly<Record<MessageKey, string>> {
  return catalogues[lang]
}

/**
 * A translator for one language. A message's placeholders (a small subset of ICU MessageFormat):
 * - `{name}`: the parameter as given (a value ending with its own full stop, "?" or "!" takes the place of the
 *   message's full stop right after it: never "..");
 * - `{n, number}`: a number in the language's format ("12,5" / "12.5"), `{pct, percent}` a percentage given in
 *   percent ("53,85 %" / "53.85%"), both through app/i18n/format.ts;
 * - `{count, plural, one {# application} other {# applications}}`: the branch that Intl.PluralRules chooses for
 *   the language (English has one/other, Vietnamese only other), `=0 {…}` for an exact number; `#` is the number.
 */
export function translator(lang: Lang): Translate {
  const table = catalogues[lang] as Record<string, string>
  return (key, params) => {
    const found = table[key]
    if (found === undefined) reportMissing(key)
    const text = found ?? key
    return params ? fill(text, params, lang) : text
  }
}

const pluralRules: Partial<Record<Lang, Intl.PluralRules>> = {}
function pluralOf(lang: Lang, n: number): string {
  pluralRules[lang] ??= new Intl.PluralRules(lang)
  return pluralRules[lang].select(n)
}

/** The index of the `}` closing the `{` at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++
    else if (text[i] === '}' && --depth === 0) return i
  }
  return -1
}

/** The branches of a plural placeholder ("one {…} other {…}"). */
function branches(body: string): Map<string, string> {
  const out = new Map<string, string>()
  let i = 0
  while (i < body.length) {
    const m = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(body.slice(i))
    if (!m) break
    const open = i + m[0].length - 1
    const end = closing(body, open)
    if (end < 0) break
    out.set(m[1], body.slice(open + 1, end))
    i = end + 1
  }
  return out
}

function fill(text: string, params: Params, lang: Lang, hash?: string): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const c = text[i]
    if (c === '#' && hash !== undefined) {
      out += hash
      i++
      continue
    }
    if (c !== '{') {
      out += c
      i++
      continue
    }
    const end = closing(text, i)
    if (end < 0) {
      out += text.slice(i)
      break
    }
    const inner = text.slice(i + 1, end)
    const m = /^\s*(\w+)\s*(?:,\s*(plural|number|percent)\s*(?:,([\s\S]*))?)?$/.exec(inner)
    const name = m?.[1]
    if (!m || !name || !(name in params)) out += text.slice(i, end + 1)
    else if (!m[2]) {
      const value = String(params[name])
      out += value
      // A value that ends its own sentence ("Em ruột tôi là chủ nhiệm.") where the message ends one: one stop.
      if (text[end + 1] === '.' && text[end + 2] !== '.' && /[.!?…]$/.test(value)) {
        i = end + 2
        continue
      }
    }
    else {
      const n = Number(params[name])
      if (m[2] === 'number') out += formatNumber(n, lang)
      else if (m[2] === 'percent') out += formatPercent(n, lang)
      else {
        const forms = branches(m[3] ?? '')
        const form = forms.get(`=${n}`) ?? forms.get(pluralOf(lang, n)) ?? forms.get('other') ?? ''
        out += fill(form, params, lang, formatNumber(n, lang))
      }
    }
    i = end + 1
  }
  return out
}

/** The parameters a message takes, whatever their kind ("{name}", "{count, plural, …}"), sorted and unique. */
export function messageParams(text: string): string[] {
  const names = new Set<string>()
  let i = 0
  while ((i = text.indexOf('{', i)) >= 0) {
    const end = closing(text, i)
    if (end < 0) break
    const inner = text.slice(i + 1, end)
    const m = /^\s*(\w+)\s*(?:,\s*(plural|number|percent)\s*(?:,([\s\S]*))?)?$/.exec(inner)
    if (m) {
      names.add(m[1])
      if (m[2] === 'plural') for (const form of branches(m[3] ?? '').values()) for (const p of messageParams(form)) names.add(p)
    }
    i = end + 1
  }
  return [...names].sort()
}

/** Whether a message chooses its words by a number (a plural placeholder). */
export function isPluralMessage(text: string): boolean {
  return /\{\s*\w+\s*,\s*plural\s*,/.test(text)
}

/** The language of a request: `?lang=` first, then the cookie, then Vietnamese. */
export function languageOf(request: Request): Lang {
  const fromQuery = new URL(request.url).searchParams.get('lang')
  if (isLang(fromQuery)) return fromQuery
  const cookie = request.headers.get('Cookie') ?? ''
  const match = cookie.match(/(?:^|;\s*)lang=(vi|en)(?:;|$)/)
  return match ? (match[1] as Lang) : DEFAULT_LANG
}
