import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { type MessageKey, translator } from '../../app/i18n'
import type { Role } from '../../db/schema'
import { checkA11y, useBrowser } from './support/browser'
import { DMST, Q } from './support/applicant'
import { usePortal } from './support/hooks'
import { DEMO_PASSWORD } from './support/portal'
import { demo, expectHeading, pathIs, signIn } from './support/ui'

// The start page as each role meets it: signing in lands on /home, which shows that role's part (in
// Vietnamese and in English), linked from the header; and a visitor's "Apply" on a call page leads through
// the call's self-check and sign-in to starting an application. axe checks every page shown.
// Set E2E_SCREENSHOTS to a folder to keep a full-page screenshot of each start page in each language.

const vi = translator('vi')
const en = translator('en')

const portal = usePortal()
const browser = useBrowser(() => portal().url)

// The chief accountant (issue 12) has no part of their own on /home yet: the payments queue is their start.
const PARTS: Record<Exclude<Role, 'accountant'>, MessageKey> = {
  applicant: 'start.applicant.title',
  staff: 'start.office.title',
  director: 'start.director.title',
  reviewer: 'start.reviewer.title',
  admin: 'start.admin.title',
}

/** What each role's part says on the demo portal, where nothing is waiting yet: its plain empty state. */
const EMPTY: Record<Exclude<Role, 'accountant'>, MessageKey> = {
  applicant: 'start.applicant.empty',
  staff: 'start.office.screen.empty',
  director: 'start.director.empty',
  reviewer: 'start.reviewer.empty',
  admin: 'start.admin.mail.empty',
}

async function screenshot(page: import('playwright-core').Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS
  if (!dir) return
  await mkdir(dir, { recursive: true })
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true })
}

describe('the start page', () => {
  test.each(Object.keys(PARTS) as (keyof typeof PARTS)[])('%s: signing in lands on /home with their part, in both languages', async (role) => {
    const { page } = await browser.newSession()
    const account = demo(role)
    await page.goto('/login')
    await expectHeading(page, vi('login.title'))
    await checkA11y(page)
    await signIn(page, account.email, DEMO_PASSWORD)
    await page.waitForURL(pathIs('/home'))
    await expectHeading(page, vi('start.title'))
    const main = page.getByRole('main')
    await main.getByRole('heading', { level: 2, name: vi(PARTS[role]), exact: true }).waitFor()
    await main.getByText(vi(EMPTY[role]), { exact: true }).waitFor()
    // Only their own part.
    for (const [other, key] of Object.entries(PARTS)) {
      if (other !== role) expect(await main.getByRole('heading', { name: vi(key), exact: true }).count(), other).toBe(0)
    }
    await checkA11y(page)
    await screenshot(page, `start-${role}-vi`)

    // The header leads back to it from anywhere.
    await page.locator('header').getByRole('link', { name: vi('nav.calls'), exact: true }).click()
    await page.waitForURL(pathIs('/calls'))
    await checkA11y(page)
    await page.locator('header').getByRole('link', { name: vi('start.nav'), exact: true }).click()
    await page.waitForURL(pathIs('/home'))
    await expectHeading(page, vi('start.title'))
    await checkA11y(page)

    await page.getByRole('link', { name: 'English', exact: true }).click()
    await expectHeading(page, en('start.title'))
    await main.getByRole('heading', { level: 2, name: en(PARTS[role]), exact: true }).waitFor()
    await main.getByText(en(EMPTY[role]), { exact: true }).waitFor()
    await checkA11y(page)
    await screenshot(page, `start-${role}-en`)
  })

  test('a visitor is asked to sign in and comes back to /home', async () => {
    const { page } = await browser.newSession()
    await page.goto('/home')
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirectTo') === '/home')
    await checkA11y(page)
    expect(await page.locator('header').getByRole('link', { name: vi('start.nav') }).count()).toBe(0)
    await signIn(page, demo('director').email, DEMO_PASSWORD)
    await page.waitForURL(pathIs('/home'))
    await expectHeading(page, vi('start.title'))
    await checkA11y(page)
  })

  test("a call's Apply leads a visitor through the self-check and sign-in to starting an application", async () => {
    const { page } = await browser.newSession()
    await page.goto(`/calls/${DMST.code}`)
    await expectHeading(page, DMST.title)
    await page.getByText(vi('calls.apply.checkFirst'), { exact: false }).waitFor()
    await checkA11y(page)
    await page.getByRole('main').getByRole('link', { name: vi('calls.apply'), exact: true }).click()
    await page.waitForURL(pathIs(`/calls/${DMST.code}/eligibility`))
    await expectHeading(page, vi('calls.eligibility.title'))
    await checkA11y(page)

    const answer = (legend: string, choice: string) => page.getByRole('group', { name: legend, exact: true }).getByRole('radio', { name: choice, exact: true }).check()
    await answer(vi('calls.eligibility.typeQuestion'), vi('calls.applicantType.enterprise'))
    await answer(`1. ${Q.inProvince}`, vi('calls.eligibility.yes'))
    await answer(`2. ${Q.noDoubleFunding}`, vi('calls.eligibility.no'))
    await answer(`3. ${Q.counterpart50}`, vi('calls.eligibility.yes'))
    await page.getByRole('button', { name: vi('calls.eligibility.submit'), exact: true }).click()
    await page.getByRole('region', { name: vi('calls.eligibility.eligible.title'), exact: true }).waitFor()
    await checkA11y(page)

    await page.getByRole('link', { name: vi('calls.eligibility.start'), exact: true }).click()
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirectTo') === `/applications/new?call=${DMST.code}`)
    await checkA11y(page)
    await signIn(page, demo('applicant').email, DEMO_PASSWORD)
    await page.waitForURL((u) => u.pathname === '/applications/new' && u.searchParams.get('call') === DMST.code)
    await expectHeading(page, vi('applications.new.title'))
    await checkA11y(page)
  })
})
