import { describe, expect, it } from 'vitest'
import { pathOnPortal } from './redirect'

const PORTAL = 'https://quykhcn.daklak.gov.vn'

/** Where a browser lands when it follows a Location header, from the portal's address. */
const landing = (location: string) => new URL(location, `${PORTAL}/login`)

describe('the address to go back to after signing in', () => {
  it('keeps a path on the portal, with its query and fragment', () => {
    expect(pathOnPortal('/applications/abc?tab=1', PORTAL)).toBe('/applications/abc?tab=1')
    expect(pathOnPortal('/applications/abc?tab=1#budget', PORTAL)).toBe('/applications/abc?tab=1#budget')
    expect(pathOnPortal('/account', PORTAL)).toBe('/account')
    // The portal's own absolute address is still the portal.
    expect(pathOnPortal(`${PORTAL}/staff/applications?page=2`, PORTAL)).toBe('/staff/applications?page=2')
    // A percent-encoded tab stays encoded: a path on the portal, not a host.
    expect(pathOnPortal('/%09/x', PORTAL)).toBe('/%09/x')
  })

  it('refuses every address a browser would read as another site, and falls back to the home page', () => {
    const hostile = [
      '//x',
      '/\\x',
      '\\\\x',
      '/\t/x',
      '/\n/x',
      '/\r\n/x',
      '\t//x',
      '/.//x',
      '/%2e//x',
      'https://x/',
      'http://quykhcn.daklak.gov.vn.evil.example/',
      `${PORTAL}@evil.example/`,
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
    ]
    for (const target of hostile) expect(pathOnPortal(target, PORTAL), JSON.stringify(target)).toBe('/')
  })

  it('never returns CR or LF (a header that cannot be sent), and what it returns stays on the portal', () => {
    for (const target of ['/a\r\nSet-Cookie: x=y', '/b\nLocation: https://x/', '/c\r', '/\u0000/x', '/đơn đăng ký', '?tab=1', 'x']) {
      const path = pathOnPortal(target, PORTAL)
      expect(path, JSON.stringify(target)).not.toMatch(/[\r\n]/)
      expect(path.startsWith('/') && !path.startsWith('//'), JSON.stringify(target)).toBe(true)
      expect(landing(path).origin, JSON.stringify(target)).toBe(PORTAL)
      expect(() => new Headers({ Location: path })).not.toThrow()
    }
  })

  it('falls back to the home page when there is nothing to go back to', () => {
    expect(pathOnPortal(undefined, PORTAL)).toBe('/')
    expect(pathOnPortal(null, PORTAL)).toBe('/')
    expect(pathOnPortal('', PORTAL)).toBe('/')
  })
})
