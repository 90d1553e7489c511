import type { BrowserContext } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { checkA11y, useBrowser } from './support/browser'

// The browser harness checks itself: it must notice what it is there to notice. Pages are served by
// Playwright's router from a made-up origin, so no portal is needed.

const ORIGIN = 'http://harness.test'
const browser = useBrowser(() => ORIGIN)

const GOOD = '<!doctype html><html lang="vi"><head><title>Trang thử</title></head><body><main><h1>Trang thử</h1></main></body></html>'

async function serve(context: BrowserContext, pages: Record<string, { body: string; headers?: Record<string, string> }>) {
  await context.route(`${ORIGIN}/**`, (route) => {
    const page = pages[new URL(route.request().url()).pathname]
    if (!page) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not here' })
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: page.headers, body: page.body })
  })
}

describe('the browser harness', () => {
  test('reports CSP violations, uncaught exceptions and console errors', async () => {
    const session = await browser.newSession()
    await serve(session.context, {
      '/csp': { body: GOOD.replace('</main>', '</main><script>document.title = "ran"</script>'), headers: { 'Content-Security-Policy': "script-src 'none'" } },
      '/throws': { body: GOOD.replace('</main>', '</main><script>throw new Error("bùm")</script>') },
      '/logs': { body: GOOD.replace('</main>', '</main><script>console.error("hỏng rồi")</script>') },
    })
    for (const path of ['/csp', '/throws', '/logs']) {
      await session.page.goto(path)
      await checkA11y(session.page)
    }
    const problems = session.takeProblems().join('\n')
    expect(problems).toMatch(/console error on http:\/\/harness\.test\/csp: .*Content Security Policy/)
    expect(problems).toMatch(/uncaught exception on http:\/\/harness\.test\/throws: .*bùm/)
    expect(problems).toMatch(/console error on http:\/\/harness\.test\/logs: hỏng rồi/)
  })

  test('tolerates only what it is told to, only while told', async () => {
    const session = await browser.newSession()
    await serve(session.context, { '/': { body: GOOD } })
    await session.page.goto('/')
    await checkA11y(session.page)
    await session.tolerating(/expected one/, () => session.page.evaluate(() => console.error('the expected one')))
    await session.page.evaluate(() => console.error('an unexpected one'))
    await expect.poll(() => session.takeProblems()).toEqual([expect.stringContaining('an unexpected one')])
  })

  test('reports a page visited without an accessibility check', async () => {
    const session = await browser.newSession()
    await serve(session.context, { '/a': { body: GOOD }, '/b': { body: GOOD } })
    await session.page.goto('/a')
    await checkA11y(session.page)
    await session.page.goto('/b')
    expect(session.takeProblems()).toEqual(['pages visited without checkA11y(): /b'])
  })

  for (const javaScriptEnabled of [true, false]) {
    test(`axe finds violations with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
      const session = await browser.newSession({ javaScriptEnabled })
      await serve(session.context, {
        '/good': { body: GOOD },
        '/bad': {
          body: '<!doctype html><html><head><title>x</title></head><body><main><img src="/none.png"><p style="color:#bbb;background:#fff">nhạt quá</p><input type="text"></main></body></html>',
        },
      })
      await session.page.goto('/good')
      await checkA11y(session.page)
      await session.page.goto('/bad')
      const error = await checkA11y(session.page).then(
        () => null,
        (e: Error) => e,
      )
      expect(error?.message).toMatch(/html-has-lang/)
      expect(error?.message).toMatch(/image-alt/)
      expect(error?.message).toMatch(/color-contrast/)
      expect(error?.message).toMatch(/label/)
      session.takeProblems() // the missing image's 404
    })
  }
})
