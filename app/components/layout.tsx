import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { Lang } from '../i18n'
import { useT } from '../lib/i18n'

export interface ShellUser {
  fullName: string
  roles: string[]
}

export interface ShellNav {
  /** The signed-in person's start page (/home). */
  home?: boolean
  account: boolean
  /** The reviewer's assignments (review:own). */
  review?: boolean
  organisations?: boolean
  applications?: boolean
  /** The grantee's funded tasks (/tasks). */
  tasks?: boolean
  /** The office's portfolio of funded tasks (task:read). */
  staffTasks?: boolean
  staffCalls?: boolean
  staffApplications?: boolean
  councils?: boolean
  /** The payments queue and the ledger (payment:read). */
  payments?: boolean
  admin: boolean
}

export interface ShellFund {
  name: string
  parent: string
  address: string
  phone: string
  email: string
  website: string | null
}

/** Links to the same page in the other language: `?lang=` sets the cookie and comes back without it. */
function LanguageSwitch({ lang }: { lang: Lang }) {
  const t = useT()
  const location = useLocation()
  const href = (to: Lang) => {
    const params = new URLSearchParams(location.search)
    params.set('lang', to)
    return `${location.pathname}?${params}`
  }
  return (
    <nav className="lang-switch" aria-label={t('lang.label')}>
      <ul>
        {(['vi', 'en'] as const).map((l) => (
          <li key={l}>
            {l === lang ? (
              <span aria-current="true" lang={l}>
                {t(`lang.${l}`)}
              </span>
            ) : (
              <a href={href(l)} lang={l} hrefLang={l}>
                {t(`lang.${l}`)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  )
}

export function Shell({
  lang,
  user,
  nav,
  fund,
  children,
}: {
  lang: Lang
  user: ShellUser | null
  nav: ShellNav
  fund: ShellFund | null
  children: ReactNode
}) {
  const t = useT()
  const name = fund?.name ?? t('fund.name')
  return (
    <>
      <a href="#main" className="skip-link">
        {t('site.skipToContent')}
      </a>
      <header className="site-header">
        <div className="container site-header__top">
          <Link to="/" className="brand">
            <span className="brand__parent">{fund?.parent ?? t('fund.parent')}</span>
            <span className="brand__name">{name}</span>
            <span className="brand__service">{t('site.portalName')}</span>
          </Link>
          <LanguageSwitch lang={lang} />
        </div>
        <nav className="primary-nav" aria-label={t('nav.label')}>
          <div className="container primary-nav__inner">
            <ul className="primary-nav__list">
              <li>
                <NavLink to="/" end>
                  {t('nav.home')}
                </NavLink>
              </li>
              {nav.home ? (
                <li>
                  <NavLink to="/home">{t('start.nav')}</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/calls">{t('nav.calls')}</NavLink>
              </li>
              <li>
                <NavLink to="/results">{t('results.nav')}</NavLink>
              </li>
              {nav.organisations ? (
                <li>
                  <NavLink to="/organisations">{t('nav.organisations')}</NavLink>
                </li>
              ) : null}
              {nav.applications ? (
                <li>
                  <NavLink to="/applications">{t('nav.applications')}</NavLink>
                </li>
              ) : null}
              {nav.tasks ? (
                <li>
                  <NavLink to="/tasks">{t('tasks.nav')}</NavLink>
                </li>
              ) : null}
              {nav.account ? (
                <li>
                  <NavLink to="/account">{t('nav.account')}</NavLink>
                </li>
              ) : null}
              {nav.staffCalls ? (
                <li>
                  <NavLink to="/staff/calls">{t('nav.staffCalls')}</NavLink>
                </li>
              ) : null}
              {nav.staffApplications ? (
                <li>
                  <NavLink to="/staff/applications">{t('nav.staffApplications')}</NavLink>
                </li>
              ) : null}
              {nav.staffApplications ? (
                <li>
                  <NavLink to="/staff/dashboard">{t('dashboard.nav')}</NavLink>
                </li>
              ) : null}
              {nav.staffTasks ? (
                <li>
                  <NavLink to="/staff/tasks">{t('tasks.staffNav')}</NavLink>
                </li>
              ) : null}
              {nav.councils ? (
                <li>
                  <NavLink to="/staff/councils">{t('councils.nav')}</NavLink>
                </li>
              ) : null}
              {nav.payments ? (
                <li>
                  <NavLink to="/staff/payments">{t('payments.nav')}</NavLink>
                </li>
              ) : null}
              {nav.review ? (
                <li>
                  <NavLink to="/review">{t('reviewing.nav')}</NavLink>
                </li>
              ) : null}
              {nav.admin ? (
                <li>
                  <NavLink to="/admin">{t('nav.admin')}</NavLink>
                </li>
              ) : null}
            </ul>
            <ul className="primary-nav__list primary-nav__list--end">
              {user ? (
                <>
                  <li className="primary-nav__user">{t('nav.signedInAs', { name: user.fullName })}</li>
                  <li>
                    <Form method="post" action="/logout">
                      <button type="submit" className="link-button">
                        {t('nav.logout')}
                      </button>
                    </Form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <NavLink to="/login">{t('nav.login')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/register">{t('nav.register')}</NavLink>
                  </li>
                </>
              )}
            </ul>
          </div>
        </nav>
      </header>
      <div className="container">
        <p className="phase-banner">
          <strong className="tag">Beta</strong> <span>{t('site.betaNotice')}</span>
        </p>
      </div>
      <main id="main" className="container main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <div>
            <h2 className="site-footer__title">{name}</h2>
            <p>{t('footer.about')}</p>
            <ul className="site-footer__links">
              <li>
                <Link to="/results">{t('results.nav')}</Link>
              </li>
              <li>
                <Link to="/statistics">{t('stats.nav')}</Link>
              </li>
              <li>
                <Link to="/open-data">{t('openData.nav')}</Link>
              </li>
            </ul>
          </div>
          <div>
            <h2 className="site-footer__title">{t('footer.contact')}</h2>
            <dl className="site-footer__contact">
              <dt>{t('footer.address')}</dt>
              <dd>{fund?.address}</dd>
              <dt>{t('footer.phone')}</dt>
              <dd>
                <a href={`tel:${fund?.phone.replace(/\s/g, '')}`}>{fund?.phone}</a>
              </dd>
              <dt>{t('footer.email')}</dt>
              <dd>
                <a href={`mailto:${fund?.email}`}>{fund?.email}</a>
              </dd>
            </dl>
            <p>{t('footer.hours')}</p>
          </div>
        </div>
      </footer>
    </>
  )
}
