import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { type Browser, type BrowserContext, type CDPSession, chromium, type Frame, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'

// Chromium driven by playwright-core: Debian's browser, never a downloaded one. Every page the tests open
// is watched: console errors, uncaught exceptions and CSP violations fail the test, and so does a page
// visited without an accessibility check.

export const CHROMIUM_CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium']
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** CHROMIUM_PATH if set, else Debian's Chromium; null when there is none. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium()
  if (!executablePath) {
    throw new Error(`No Chromium found (CHROMIUM_PATH, ${CHROMIUM_CANDIDATES.join(', ')}). Install it: apt-get install -y chromium`)
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS })
}

// ---------------------------------------------------------------------------------------------------
// Accessibility: axe-core, WCAG 2.0/2.1 A and AA.

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface Violation {
  id: string
  impact: string | null
  help: string
  helpUrl: string
  nodes: { target: string[]; html: string; summary: string }[]
}

/** The in-page expression that runs axe and returns its violations as plain data. */
function runAxeExpression(preload: boolean) {
  const options = { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'], iframes: false, preload }
  return `window.axe.run(document, ${JSON.stringify(options)}).then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact || null, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, summary: n.failureSummary || '' })),
  })))`
}

const HAS_AXE = "typeof window.axe !== 'undefined'"

// With JavaScript off Chromium runs no timers, which axe needs: for the check only, they become microtasks.
// (The page's own scripts never ran and never will; only the DevTools protocol evaluates here.)
const TIMERS_AS_MICROTASKS = `(() => {
  const soon = (fn, ...args) => { Promise.resolve().then(() => fn(...args)); return 0 }
  window.setTimeout = soon
  window.clearTimeout = () => {}
  window.requestAnimationFrame = (fn) => soon(fn, performance.now())
  window.cancelAnimationFrame = () => {}
  window.requestIdleCallback = (fn) => soon(fn, { didTimeout: false, timeRemaining: () => 50 })
})()`

type Evaluate = (expression: string) => Promise<unknown>

/**
 * A document where scripts run through Playwright; one where they cannot (JavaScript off, or a frame
 * sandboxed without allow-scripts) through the DevTools protocol, which still evaluates there.
 */
async function devtoolsEvaluate(context: BrowserContext, target: Page | Frame): Promise<{ evaluate: Evaluate; detach: () => Promise<void> }> {
  const cdp: CDPSession = await context.newCDPSession(target)
  return {
    evaluate: async (expression) => {
      const r = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })
      if (r.exceptionDetails) throw new Error(`axe: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`)
      return r.result.value as unknown
    },
    detach: () => cdp.detach(),
  }
}

/**
 * Runs axe in one document. Without scripts there are no timers either, so axe cannot preload the CSSOM:
 * the one rule that needs it (css-orientation-lock) stays incomplete there; the portal's pages are also
 * checked with JavaScript on.
 */
async function axeIn(evaluate: Evaluate, scripted: boolean): Promise<Violation[]> {
  if (!(await evaluate(HAS_AXE))) {
    if (!scripted) await evaluate(TIMERS_AS_MICROTASKS)
    await evaluate(AXE_SOURCE)
  }
  return (await evaluate(runAxeExpression(scripted))) as Violation[]
}

async function axeInFrame(frame: Frame, scripted: boolean): Promise<Violation[]> {
  if (scripted) return axeIn((e) => frame.evaluate(e), true)
  let devtools: Awaited<ReturnType<typeof devtoolsEvaluate>>
  try {
    devtools = await devtoolsEvaluate(frame.page().context(), frame.parentFrame() ? frame : frame.page())
  } catch (error) {
    throw new Error(`checkA11y cannot evaluate in the script-less frame ${frame.url()}: ${(error as Error).message}`)
  }
  try {
    return await axeIn(devtools.evaluate, false)
  } finally {
    await devtools.detach().catch(() => {})
  }
}

/** Whether scripts may run in a child frame (a sandbox without allow-scripts forbids them). */
async function scriptsAllowedIn(frame: Frame): Promise<boolean> {
  const element = await frame.frameElement()
  const sandbox = await element.getAttribute('sandbox')
  await element.dispose()
  return sandbox === null || sandbox.split(/\s+/).includes('allow-scripts')
}

/**
 * Runs axe (WCAG 2.0/2.1, A and AA) on the page as it is now, and in its frames; fails listing every
 * violation. The page's CSP does not get in the way: axe is evaluated through the DevTools protocol,
 * never added as a <script>.
 */
export async function checkA11y(page: Page): Promise<void> {
  await page.waitForLoadState('load')
  const watcher = watchers.get(page)
  const pageScripted = watcher?.javaScriptEnabled ?? true
  const report: string[] = []
  for (const frame of page.frames()) {
    const main = frame === page.mainFrame()
    if (!main && (frame.isDetached() || !frame.url().startsWith('http'))) continue
    const scripted = pageScripted && (main || (await scriptsAllowedIn(frame)))
    for (const v of await axeInFrame(frame, scripted)) {
      report.push(`${v.id} (${v.impact}) on ${frame.url()}: ${v.help}\n    ${v.helpUrl}`)
      for (const n of v.nodes) report.push(`    - ${n.target.join(' ')}  ${n.html.slice(0, 200)}\n      ${n.summary.replace(/\n/g, '\n      ')}`)
    }
  }
  watcher?.checked.add(pathOf(page.url()))
  if (report.length) throw new Error(`Accessibility (axe ${AXE_TAGS.join(', ')}) violations:\n${report.join('\n')}`)
}

// ---------------------------------------------------------------------------------------------------
// Watching pages.

function pathOf(url: string) {
  try {
    return new URL(url).pathname
  } catch {
    return url
  }
}

class Watcher {
  readonly problems: string[] = []
  readonly visited = new Set<string>()
  readonly checked = new Set<string>()
  private readonly tolerated: RegExp[] = []

  constructor(
    page: Page,
    readonly javaScriptEnabled: boolean,
  ) {
    page.on('console', (message) => {
      if (message.type() !== 'error') return
      this.report(`console error on ${page.url()}: ${message.text()}`)
    })
    page.on('pageerror', (error) => this.report(`uncaught exception on ${page.url()}: ${error.stack ?? error.message}`))
    page.on('crash', () => this.report(`the page crashed on ${page.url()}`))
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().startsWith('http')) this.visited.add(pathOf(frame.url()))
    })
  }

  private report(problem: string) {
    if (!this.tolerated.some((p) => p.test(problem))) this.problems.push(problem)
  }

  /** The problems so far, and the pages visited without an accessibility check; then starts afresh. */
  take(): string[] {
    const taken = this.problems.splice(0)
    const unchecked = [...this.visited].filter((p) => !this.checked.has(p))
    if (unchecked.length) taken.push(`pages visited without checkA11y(): ${unchecked.join(', ')}`)
    this.visited.clear()
    return taken
  }

  async tolerating<T>(pattern: RegExp, fn: () => Promise<T>): Promise<T> {
    this.tolerated.push(pattern)
    try {
      return await fn()
    } finally {
      this.tolerated.splice(this.tolerated.indexOf(pattern), 1)
    }
  }
}

const watchers = new WeakMap<Page, Watcher>()

function watch(page: Page, javaScriptEnabled: boolean) {
  const watcher = new Watcher(page, javaScriptEnabled)
  watchers.set(page, watcher)
  return watcher
}

export interface SessionOptions {
  javaScriptEnabled?: boolean
}

/** One browser context (a person's browser: its own cookies) with a watched page. */
export interface Session {
  context: BrowserContext
  page: Page
  /**
   * Runs `fn` while console errors matching `pattern` are expected, e.g. Chromium's "Failed to load
   * resource: … status of 400" when a form is sent back with errors.
   */
  tolerating<T>(pattern: RegExp, fn: () => Promise<T>): Promise<T>
  /** What the watch found so far (and forget it): for tests of the harness itself. */
  takeProblems(): string[]
}

/** Chromium's console line for a response with an error status. */
export const httpStatusError = (status: number) => new RegExp(`Failed to load resource: the server responded with a status of ${status}\\b`)

/**
 * Launches Chromium for the test file and hands out sessions. After each test its sessions are closed
 * and the test fails on any console error, page error, CSP violation, or a page visited without a
 * checkA11y() call.
 */
export function useBrowser(baseURL: () => string) {
  let browser: Browser | undefined
  let open: { context: BrowserContext; watchers: Watcher[] }[] = []

  beforeAll(async () => {
    browser = await launchChromium()
  }, 60_000)

  afterEach(async () => {
    const sessions = open
    open = []
    const problems: string[] = []
    for (const s of sessions) {
      for (const w of s.watchers) problems.push(...w.take())
      await s.context.close()
    }
    if (problems.length) throw new Error(`Problems in the browser:\n- ${problems.join('\n- ')}`)
  }, 30_000)

  afterAll(async () => {
    await browser?.close()
  }, 30_000)

  return {
    browser: () => browser!,
    async newSession(options: SessionOptions = {}): Promise<Session> {
      if (!browser) throw new Error('Chromium is not running (did beforeAll fail?)')
      const javaScriptEnabled = options.javaScriptEnabled ?? true
      const context = await browser.newContext({
        baseURL: baseURL(),
        javaScriptEnabled,
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
      })
      context.setDefaultTimeout(15_000)
      context.setDefaultNavigationTimeout(20_000)
      const entry = { context, watchers: [] as Watcher[] }
      open.push(entry)
      context.on('page', (p) => {
        if (!watchers.has(p)) entry.watchers.push(watch(p, javaScriptEnabled))
      })
      const page = await context.newPage()
      if (!watchers.has(page)) entry.watchers.push(watch(page, javaScriptEnabled))
      const watcher = watchers.get(page)!
      return {
        context,
        page,
        tolerating: (pattern, fn) => watcher.tolerating(pattern, fn),
        takeProblems: () => entry.watchers.flatMap((w) => w.take()),
      }
    },
  }
}
