import { messages as account } from './messages/account'
import { messages as admin } from './messages/admin'
import { messages as applications } from './messages/applications'
import { messages as attachments } from './messages/attachments'
import { messages as bulk } from './messages/bulk'
import { messages as calls } from './messages/calls'
import { messages as common } from './messages/common'
import { messages as councils } from './messages/councils'
import { messages as documents } from './messages/documents'
import { messages as email } from './messages/email'
import { messages as emailsPreview } from './messages/emails-preview'
import { messages as fund } from './messages/fund'
import { messages as home } from './messages/home'
import { messages as inbox } from './messages/inbox'
import { messages as organisations } from './messages/organisations'
import { messages as reviewing } from './messages/reviewing'
import { messages as screening } from './messages/screening'
import { messages as staff } from './messages/staff'
import { messages as submission } from './messages/submission'
import { messages as validation } from './messages/validation'
import { messages as workflow } from './messages/workflow'

export const LANGS = ['vi', 'en'] as const
export type Lang = (typeof LANGS)[number]
export const DEFAULT_LANG: Lang = 'vi'
export const LANG_COOKIE = 'lang'

/**
 * Each namespace file holds `vi` (the source) and `en`, typed so that a key missing in English fails the
 * type check; tests/i18n checks the same at run time.
 */
const catalogues = {
  vi: { ...common.vi, ...home.vi, ...account.vi, ...admin.vi, ...email.vi, ...validation.vi, ...calls.vi, ...organisations.vi, ...staff.vi, ...attachments.vi, ...applications.vi, ...documents.vi, ...submission.vi, ...workflow.vi, ...inbox.vi, ...screening.vi, ...councils.vi, ...reviewing.vi, ...fund.vi, ...emailsPreview.vi, ...bulk.vi },
  en: { ...common.en, ...home.en, ...account.en, ...admin.en, ...email.en, ...validation.en, ...calls.en, ...organisations.en, ...staff.en, ...attachments.en, ...applications.en, ...documents.en, ...submission.en, ...workflow.en, ...inbox.en, ...screening.en, ...councils.en, ...reviewing.en, ...fund.en, ...emailsPreview.en, ...bulk.en },
}

export type MessageKey = keyof typeof catalogues.vi
export type Params = Record<string, string | number>
export type Translate = (key: MessageKey, params?: Params) => string

export function isLang(value: unknown): value is Lang {
  return value === 'vi' || value === 'en'
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogues.vi, key)
}

export function catalogue(lang: Lang): Readonly<Record<MessageKey, string>> {
  return catalogues[lang]
}

/** A translator for one language. `{name}` placeholders are replaced from params. */
export function translator(lang: Lang): Translate {
  const table = catalogues[lang] as Record<string, string>
  return (key, params) => {
    const text = table[key] ?? key
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
