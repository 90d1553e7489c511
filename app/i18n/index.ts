import { catalogues, reportMissing } from './catalogues'

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

/** A translator for one language. `{name}` placeholders are replaced from params. */
export function translator(lang: Lang): Translate {
  const table = catalogues[lang] as Record<string, string>
  return (key, params) => {
    const found = table[key]
    if (found === undefined) reportMissing(key)
    const text = found ?? key
    return params ? text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m)) : text
  }
}

/** The language of a request: `?lang=` first, then the cookie, then Vietnamese. */
export function languageOf(request: Request): Lang {
  const fromQuery = new URL(request.url).searchParams.get('lang')
  if (isLang(fromQuery)) return fromQuery
  const cookie = request.headers.get('Cookie') ?? ''
  const match = cookie.match(/(?:^|;\s*)lang=(vi|en)(?:;|$)/)
  return match ? (match[1] as Lang) : DEFAULT_LANG
}
