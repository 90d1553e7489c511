import { describe, expect, test } from 'vitest'
import { latestMigration } from '../../db/migrate'
import { translator } from '../../app/i18n'
import { usePortal } from '../e2e/support/hooks'
import { get, postForm, rawRequest, setCookie, STACK_TRACE } from './helpers'

// The portal's HTTP surface without a browser: CSRF defence, language switch, security headers, the
// friendly 404, the health check and static assets.

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

const vi = translator('vi')
const en = translator('en')
const portal = usePortal()

describe('same-origin check on state-changing requests', () => {
  const login = { email: 'khong.co@example.vn', password: 'sai mật khẩu rồi' }

  test('a POST from another site is refused with 403 and a message in Vietnamese', async () => {
    const res = await postForm(`${portal().url}/login`, login, { Origin: 'https://evil.example' })
    expect(res.status).toBe(403)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/plain; charset=utf-8/i)
    expect(await res.text()).toBe(vi('error.origin'))
  })

  test('the refusal is in English for a visitor who chose English', async () => {
    const res = await postForm(`${portal().url}/login`, login, { Origin: 'https://evil.example', Cookie: 'lang=en' })
    expect(res.status).toBe(403)
    expect(await res.text()).toBe(en('error.origin'))
  })

  test('a POST with neither Origin nor Referer is refused', async () => {
    const res = await postForm(`${portal().url}/login`, login)
    expect(res.status).toBe(403)
    expect(await res.text()).toBe(vi('error.origin'))
  })

  test('an opaque origin ("null") and a foreign Referer are refused', async () => {
    expect((await postForm(`${portal().url}/login`, login, { Origin: 'null' })).status).toBe(403)
    expect((await postForm(`${portal().url}/login`, login, { Referer: 'https://evil.example/page' })).status).toBe(403)
    expect((await postForm(`${portal().url}/logout`, {}, { Origin: 'https://evil.example' })).status).toBe(403)
  })

  test('a POST from the portal itself goes through to the form (wrong password: 400, not 403)', async () => {
    const res = await postForm(`${portal().url}/login`, login, { Origin: portal().url })
    expect(res.status).toBe(400)
    expect(await res.text()).not.toContain(vi('error.origin'))
    const viaReferer = await postForm(`${portal().url}/login`, login, { Referer: `${portal().url}/login` })
    expect(viaReferer.status).toBe(400)
  })

  test('behind a proxy that sends its own upstream name as Host, a POST from APP_URL goes through (not a 500)', async () => {
    const res = await rawRequest(portal().url, '/login', { form: login, headers: { Host: 'fund_portal', Origin: portal().url } })
    expect(res.status).toBe(400)
    expect(res.body).not.toContain(vi('error.origin'))
  })

  test('a foreign origin is a 403 whatever the Host header holds, never a 500', async () => {
    for (const host of ['fund_portal', 'fund portal', 'x:abc', '[::1]:8080']) {
      const res = await rawRequest(portal().url, '/login', { form: login, headers: { Host: host, Origin: 'https://evil.example', Cookie: 'lang=en' } })
      expect(res.status, host).toBe(403)
      expect(res.body, host).toBe(en('error.origin'))
    }
  })

  test('without TRUST_PROXY, X-Forwarded-Host and X-Forwarded-Proto do not make another origin the portal’s', async () => {
    const res = await rawRequest(portal().url, '/login', {
      form: login,
      headers: { Origin: 'https://evil.example', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' },
    })
    expect(res.status).toBe(403)
    expect(res.body).toBe(vi('error.origin'))
  })

  test('safe methods are not checked', async () => {
    const res = await get(`${portal().url}/login`, { Origin: 'https://evil.example' })
    expect(res.status).toBe(200)
  })
})

describe('language switch', () => {
  test('?lang=en sets the cookie and redirects (303) to the same address without it', async () => {
    const res = await get(`${portal().url}/login?lang=en&redirectTo=%2Faccount`)
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe('/login?redirectTo=%2Faccount')
    const cookie = setCookie(res, 'lang')
    expect(cookie?.value).toBe('en')
    expect(cookie?.attributes.get('path')).toBe('/')
    expect(String(cookie?.attributes.get('samesite')).toLowerCase()).toBe('lax')
    expect(Number(cookie?.attributes.get('max-age'))).toBeGreaterThan(300 * 24 * 3600)

    const page = await get(`${portal().url}/login?redirectTo=%2Faccount`, { Cookie: 'lang=en' })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<html lang="en"')
    expect(html).toContain(`<title>${escapeHtml(`${en('login.title')} – ${en('site.titleSuffix')}`)}</title>`)
  })

  test('the reload stays on the portal whatever the path: `/.//evil.example` is not sent back as `//evil.example`', async () => {
    for (const path of ['/.//evil.example/x?lang=en', '/a/..//evil.example?lang=en', '//evil.example/x?lang=en', '/\\evil.example?lang=en']) {
      const res = await rawRequest(portal().url, path)
      expect(res.status, path).toBe(303)
      const location = String(res.headers.location)
      expect(new URL(location, portal().url).origin, `${path} → ${location}`).toBe(portal().url)
    }
  })

  test('?lang=vi switches back; Vietnamese is the default; an unknown language is ignored', async () => {
    const back = await get(`${portal().url}/?lang=vi`, { Cookie: 'lang=en' })
    expect(back.status).toBe(303)
    expect(back.headers.get('Location')).toBe('/')
    expect(setCookie(back, 'lang')?.value).toBe('vi')

    const home = await get(`${portal().url}/`)
    expect(await home.text()).toContain('<html lang="vi"')

    const unknown = await get(`${portal().url}/?lang=fr`)
    expect(unknown.status).toBe(200)
    expect(setCookie(unknown, 'lang')).toBeUndefined()
  })
})

describe('security headers', () => {
  test('pages carry a nonce-based CSP (a fresh nonce each time, on every script) and the other headers', async () => {
    const nonces = new Set<string>()
    for (const path of ['/', '/login', '/khong-ton-tai']) {
      const res = await get(`${portal().url}${path}`)
      const csp = res.headers.get('Content-Security-Policy') ?? ''
      const nonce = csp.match(/script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/)?.[1]
      expect(nonce, `CSP of ${path}: ${csp}`).toBeTruthy()
      expect(csp).not.toContain('unsafe-inline')
      expect(csp).not.toContain('unsafe-eval')
      for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
        expect(csp).toContain(directive)
      }
      nonces.add(nonce!)

      const html = await res.text()
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
      expect(scripts.length).toBeGreaterThan(0)
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
      expect(html).not.toMatch(/\son[a-z]+="/) // no inline event handlers

      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
      expect(res.headers.get('X-Frame-Options')).toBe('SAMEORIGIN')
      expect(res.headers.get('Referrer-Policy')).toBe('same-origin')
      expect(res.headers.get('X-Powered-By')).toBeNull()
    }
    expect(nonces.size).toBe(3)
  })
})

describe('errors', () => {
  test('an unknown address gets the friendly 404 page in Vietnamese, without a stack trace', async () => {
    const res = await get(`${portal().url}/khong-ton-tai/trang-nay`)
    expect(res.status).toBe(404)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).toContain('<html lang="vi"')
    expect(html).toContain(vi('error.404.title'))
    expect(html).toContain(vi('error.404.body'))
    expect(html).toContain(vi('error.backHome'))
    expect(html).not.toMatch(STACK_TRACE)
  })

  test('a POST to an unknown address from the portal is a 404 as well', async () => {
    const res = await postForm(`${portal().url}/khong-ton-tai`, { a: '1' }, { Origin: portal().url })
    expect(res.status).toBe(404)
    expect(await res.text()).not.toMatch(STACK_TRACE)
  })

  test('a malformed address (broken percent-encoding) is a 400 with a plain message, not a 500', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%E0%A4%A']) {
      const res = await get(`${portal().url}${path}`)
      expect(res.status, path).toBe(400)
      expect(await res.text()).toBe(vi('error.400.body'))
    }
  })

  test('a NUL byte in a search box is ignored, not a database error', async () => {
    const res = await get(`${portal().url}/admin/users?q=%00abc`)
    expect(res.status).toBe(302) // to sign in: the request was understood
  })
})

describe('health check', () => {
  test('/healthz reports the database kind and the migration, never cached', async () => {
    const res = await get(`${portal().url}/healthz`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(await res.json()).toEqual({
      status: 'ok',
      database: portal().databaseKind,
      migration: latestMigration,
      latestMigration,
    })
  })
})

describe('static assets', () => {
  async function assetsOfHome() {
    const html = await (await get(`${portal().url}/`)).text()
    const css = html.match(/<link rel="stylesheet" href="(\/assets\/[^"]+\.css)"/)?.[1]
    const js = html.match(/(\/assets\/[^"]+\.js)"/)?.[1]
    expect(css, 'a stylesheet under /assets').toBeTruthy()
    expect(js, 'a script under /assets').toBeTruthy()
    return { css: css!, js: js! }
  }

  test('fingerprinted assets answer HEAD and GET with long, immutable caching and validators', async () => {
    const { css, js } = await assetsOfHome()
    for (const [path, type] of [
      [css, /^text\/css/],
      [js, /^(text|application)\/javascript/],
    ] as const) {
      const head = await get(`${portal().url}${path}`, {}, 'HEAD')
      expect(head.status, `HEAD ${path}`).toBe(200)
      expect(head.headers.get('Content-Type')).toMatch(type)
      expect(head.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
      expect(await head.text()).toBe('')

      const res = await get(`${portal().url}${path}`)
      expect(res.status, `GET ${path}`).toBe(200)
      expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
      const etag = res.headers.get('ETag')
      expect(etag).toBeTruthy()
      expect(res.headers.get('Last-Modified')).toBeTruthy()
      expect((await res.text()).length).toBeGreaterThan(100)

      // A browser revalidating. (Cache-Control given explicitly: fetch() would add no-cache by itself.)
      const again = await get(`${portal().url}${path}`, { 'If-None-Match': etag!, 'Cache-Control': 'max-age=0' })
      expect(again.status).toBe(304)
    }
  })

  test('other public files are cached for a while; a missing asset is a 404, not a page of HTML with 200', async () => {
    const icon = await get(`${portal().url}/favicon.svg`)
    expect(icon.status).toBe(200)
    expect(icon.headers.get('Content-Type')).toMatch(/^image\/svg\+xml/)
    expect(icon.headers.get('Cache-Control')).toBe('public, max-age=3600')

    const missing = await get(`${portal().url}/assets/khong-co-123.js`)
    expect(missing.status).toBe(404)
  })
})
