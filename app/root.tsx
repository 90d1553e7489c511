import { json, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import type { ClientLoaderFunctionArgs } from '@remix-run/react'
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { Shell } from './components/layout'
import { DEFAULT_LANG, languageOf, type Lang, type MessageKey, translator } from './i18n'
import { loadMessages, type MessageGroup } from './i18n/catalogues'
import { useNonce } from './lib/nonce'
import { adminAreas, authorize, can } from './modules/auth'
import { fundName, getFundSettings } from './modules/fund'
import styles from './styles.css?url'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorize(args, 'root')
  const lang = languageOf(args.request)
  const settings = await getFundSettings(args.context.db)
  const areas = adminAreas(user)
  const nav = { home: can(user, 'account:self'), account: can(user, 'account:self'), organisations: can(user, 'organisation:use'), applications: can(user, 'organisation:use'), tasks: can(user, 'organisation:use'), staffTasks: can(user, 'task:read'), staffCalls: can(user, 'call:manage'), staffApplications: can(user, 'application:read'), councils: can(user, 'council:manage'), payments: can(user, 'payment:read'), review: can(user, 'review:own'), admin: areas.users || areas.outbox || areas.audit }
  // The message groups the browser loads (ADR 013): the Fund's pages' messages only for those who open them.
  const messages: MessageGroup[] = nav.staffCalls || nav.staffApplications || nav.councils || nav.payments || nav.review || nav.admin ? ['public', 'staff'] : ['public']
  return json({
    lang,
    messages,
    user: user ? { fullName: user.fullName, roles: user.roles } : null,
    nav,
    fund: settings
      ? {
          name: fundName(settings, lang),
          parent: lang === 'vi' ? settings.parent_body_vi : settings.parent_body_en,
          address: settings.address,
          phone: settings.phone,
          email: settings.email,
          website: settings.website,
        }
      : null,
  })
}

/** In the browser, a navigation that needs more messages (signed in as staff, the language changed) loads them
 * before it renders. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>()
  await loadMessages(data.lang, data.messages)
  return data
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const nonce = useNonce()
  const lang: Lang = data?.lang ?? DEFAULT_LANG
  return (
    <html lang={lang} data-messages={(data?.messages ?? ['public']).join(' ')}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Shell lang={lang} user={data?.user ?? null} nav={data?.nav ?? { account: false, admin: false }} fund={data?.fund ?? null}>
          {children}
        </Shell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

const ERROR_TEXT: Record<number, [MessageKey, MessageKey]> = {
  400: ['error.400.title', 'error.400.body'],
  403: ['error.403.title', 'error.403.body'],
  404: ['error.404.title', 'error.404.body'],
  405: ['error.400.title', 'error.400.body'],
  413: ['error.400.title', 'error.400.body'],
}

/** Every error page: plain words in the user's language, never a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError()
  const data = useRouteLoaderData<typeof loader>('root')
  const t = translator(data?.lang ?? DEFAULT_LANG)
  const status = isRouteErrorResponse(error) ? error.status : 500
  const [title, body] = ERROR_TEXT[status] ?? ['error.500.title', 'error.500.body']
  return (
    <div className="narrow">
      <title>{`${t(title)} – ${t('site.titleSuffix')}`}</title>
      <h1 className="heading-l">{t(title)}</h1>
      <p className="body">{t(body)}</p>
      <p className="body">
        <Link to="/">{t('error.backHome')}</Link>
      </p>
    </div>
  )
}
