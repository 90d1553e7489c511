import { useRouteLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { DEFAULT_LANG, isMessageKey, type Lang, type MessageKey, translator } from '../i18n'

/** The language of the page being shown (from the root loader; Vietnamese if it failed). */
export function useLang(): Lang {
  const data = useRouteLoaderData('root') as { lang?: Lang } | undefined
  return data?.lang ?? DEFAULT_LANG
}

export function useT() {
  const lang = useLang()
  return useMemo(() => translator(lang), [lang])
}

/**
 * Shows a message that is a catalogue key, optionally with parameters in query form
 * ("login.rateLimited?minutes=12"): that is how actions send errors, so the page shows them in its language.
 */
export function useMessage() {
  const t = useT()
  return (message: string | undefined): string => {
    const [key, query] = (message ?? '').split('?')
    if (!isMessageKey(key)) return t('validation.invalid')
    return t(key as MessageKey, query ? Object.fromEntries(new URLSearchParams(query)) : undefined)
  }
}

/** A page title, with the site's suffix: "Đăng nhập – Quỹ KH&CN Đắk Lắk". */
export function pageTitle(matches: { id: string; data: unknown }[], key: MessageKey, params?: Record<string, string | number>) {
  const root = matches.find((m) => m.id === 'root')?.data as { lang?: Lang } | undefined
  const t = translator(root?.lang ?? DEFAULT_LANG)
  return [{ title: `${t(key, params)} – ${t('site.titleSuffix')}` }]
}
