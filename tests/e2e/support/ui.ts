import { readFile } from 'node:fs/promises'
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { type Translate, translator } from '../../../app/i18n'
import { DEMO_ACCOUNTS } from '../../../db/seed'
import type { Role } from '../../../db/schema'

// What every browser test does the way a person does it: read headings, sign in, read an error summary.

const vi = translator('vi')

let seq = 0
/** An address nobody has used yet in this run. */
export const uniqueEmail = (name: string) => `${name}.${Date.now().toString(36)}${++seq}@example.vn`

export const demo = (role: Role) => DEMO_ACCOUNTS.find((a) => a.role === role)!

export const pathIs = (path: string) => (url: URL) => url.pathname === path

/** Waits for the page's main heading. */
export async function expectHeading(page: Page, text: string) {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor()
}

/** The header line naming who is signed in. */
export function signedInAs(page: Page, text: string) {
  return page.locator('header').getByText(text, { exact: true })
}

/** Fills the sign-in form on the current page and sends it. */
export async function signIn(page: Page, email: string, password: string, t: Translate = vi) {
  await page.getByLabel(t('field.email'), { exact: true }).fill(email)
  await page.getByLabel(t('field.password'), { exact: true }).fill(password)
  await page.getByRole('button', { name: t('login.submit'), exact: true }).click()
}

/** The error summary lists these messages, in order, each linking to its field, which shows it too. */
export async function expectErrors(page: Page, errors: [field: string, message: string][]) {
  const summary = page.getByRole('alert')
  await summary.getByRole('heading', { name: vi('form.errorSummary'), exact: true }).waitFor()
  const links = summary.getByRole('link')
  expect(await links.allInnerTexts()).toEqual(errors.map(([, message]) => message))
  for (const [i, [field, message]] of errors.entries()) {
    expect(await links.nth(i).getAttribute('href')).toBe(`#${field}`)
    await expect(page.locator(`#${field}-error`).innerText()).resolves.toContain(message)
  }
}

const DAY = 24 * 3600_000
/** `offsetDays` from the day of `base` in Việt Nam (UTC+7), at hh:mm local time — as db/seed.ts dates its calls. */
export function vnDay(base: number, offsetDays: number, hh: number, mm = 0) {
  const local = new Date(base + 7 * 3600_000)
  const midnightUtc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - 7 * 3600_000
  return new Date(midnightUtc + offsetDays * DAY + (hh * 60 + mm) * 60_000)
}

/** Clicks a download link as a person does and returns what the browser saved: its name and its bytes. */
export async function download(page: Page, link: Locator): Promise<{ filename: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()])
  return { filename: file.suggestedFilename(), bytes: await readFile(await file.path()) }
}
