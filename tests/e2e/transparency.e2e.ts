import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { translator } from '../../app/i18n'
import { DEMO_ACCOUNTS } from '../../db/seed'
import { checkA11y, httpStatusError, useBrowser } from './support/browser'
import { usePortal } from './support/hooks'
import { DEMO_PASSWORD } from './support/portal'
import { demo, download, expectHeading, pathIs, signedInAs, signIn } from './support/ui'

// Transparency in the browser: the public's results, statistics and open data (no sign-in); the Fund's
// dashboard, the resolution's targets (a value entered with its source, the charts in both languages, the
// one-page report), an export opened with exceljs; the admin edits a target. Fields by label, axe everywhere.

const vi = translator('vi')
const portal = usePortal()
const browser = useBrowser(() => portal().url)

async function signInAs(page: Page, account: (typeof DEMO_ACCOUNTS)[number]) {
  await page.goto('/login')
  await checkA11y(page)
  await signIn(page, account.email, DEMO_PASSWORD)
  await page.waitForURL(pathIs('/home'))
  await signedInAs(page, vi('nav.signedInAs', { name: account.fullName })).waitFor()
  await checkA11y(page)
}

describe('transparency', () => {
  test('the public reads the results, the statistics and the open data without signing in', async () => {
    const { page } = await browser.newSession()
    await page.goto('/')
    await checkA11y(page)
    await page.locator('header').getByRole('link', { name: vi('results.nav'), exact: true }).click()
    await page.waitForURL(pathIs('/results'))
    await expectHeading(page, vi('results.title'))
    await checkA11y(page)
    await page.getByRole('link', { name: vi('results.archive.link'), exact: true }).click()
    await expectHeading(page, vi('results.archive.title'))
    await checkA11y(page)
    await page.getByRole('main').getByRole('link', { name: vi('stats.nav'), exact: true }).click()
    await page.waitForURL(pathIs('/statistics'))
    await expectHeading(page, vi('stats.title'))
    await page.getByLabel(vi('stats.search')).fill('dak lak')
    await page.getByRole('button', { name: vi('form.search'), exact: true }).click()
    await page.waitForURL((u) => u.searchParams.get('q') === 'dak lak')
    await checkA11y(page)
    await page.goto('/open-data')
    await expectHeading(page, vi('openData.title'))
    await checkA11y(page)
    const csv = await page.request.get('/open-data/grants.csv')
    expect(csv.status()).toBe(200)
    expect((await csv.text()).startsWith('\uFEFFIdentifier,Title,Description,Currency,Amount Awarded')).toBe(true)
    const api = await (await page.request.get('/api/grants?page=1&pageSize=10')).json()
    expect(api).toMatchObject({ license: 'https://creativecommons.org/licenses/by/4.0/', page: 1, total: 0, grants: [] })
  })

  test('staff see the dashboard, enter a target’s value with its source, print the report and export a list', async () => {
    const session = await browser.newSession()
    const { page } = session
    await signInAs(page, demo('staff'))
    await page.locator('header').getByRole('link', { name: vi('dashboard.nav'), exact: true }).click()
    await page.waitForURL(pathIs('/staff/dashboard'))
    await expectHeading(page, vi('dashboard.title'))
    await page.getByRole('table', { name: vi('dashboard.funnel') }).waitFor()
    await checkA11y(page)

    await page.getByRole('link', { name: vi('dashboard.targets'), exact: true }).click()
    await page.waitForURL(pathIs('/staff/targets'))
    await expectHeading(page, vi('targets.title'))
    await checkA11y(page)
    await page.getByLabel(vi('targets.f.target'), { exact: true }).selectOption({ label: 'Sản phẩm OCOP được bảo hộ sở hữu trí tuệ' })
    await page.getByLabel(vi('targets.f.value'), { exact: true }).fill('12')
    await page.getByLabel(vi('targets.f.asOf'), { exact: true }).fill('30/06/2026')
    // Without a source: refused, with the message beside the field and what was typed kept.
    await session.tolerating(httpStatusError(400), async () => {
      await page.getByRole('button', { name: vi('targets.enter.submit'), exact: true }).click()
      await page.getByRole('alert').getByText(vi('targets.v.source')).first().waitFor()
    })
    expect(await page.getByLabel(vi('targets.f.value'), { exact: true }).inputValue()).toBe('12')
    await checkA11y(page)
    await page.getByLabel(vi('targets.f.source'), { exact: true }).fill('Báo cáo số 45/BC-SKHCN')
    await page.getByRole('button', { name: vi('targets.enter.submit'), exact: true }).click()
    await page.waitForURL((u) => u.searchParams.get('notice') === 'saved')
    const ocop = page.getByRole('region', { name: 'Sản phẩm OCOP được bảo hộ sở hữu trí tuệ' })
    await ocop.getByRole('img', { name: /hiện nay 12, mục tiêu 30/ }).waitFor()
    await ocop.getByText(vi('targets.origin.entered', { date: '30/06/2026', source: 'Báo cáo số 45/BC-SKHCN' })).waitFor()
    await checkA11y(page)
    // The same chart in English.
    await page.goto('/staff/targets?lang=en')
    await page.getByRole('region', { name: 'OCOP products with protected intellectual property' }).getByRole('img', { name: /now 12, target 30/ }).waitFor()
    await checkA11y(page)
    await page.goto('/staff/targets/report?lang=vi')
    await expectHeading(page, vi('targets.report.title'))
    await checkA11y(page)

    await page.goto('/staff/applications')
    await checkA11y(page)
    await page.getByRole('link', { name: vi('exports.link'), exact: true }).click()
    await page.waitForURL(pathIs('/staff/exports'))
    await expectHeading(page, vi('exports.title'))
    await checkA11y(page)
    await page.getByLabel(vi('exports.dataset.applications'), { exact: true }).check()
    await page.getByLabel(vi('exports.format.xlsx'), { exact: true }).check()
    const file = await download(page, page.getByRole('button', { name: vi('exports.submit'), exact: true }))
    expect(file.filename).toMatch(/^applications-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer)
    expect((workbook.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual([
      vi('exports.col.reference'), vi('exports.col.call'), vi('exports.col.title'), vi('exports.col.organisation'), vi('exports.col.status'), vi('exports.col.submitted'), vi('exports.col.requested'),
    ])
    // The demo holds no submitted application: the page said 0 rows, the file has none.
    expect(workbook.worksheets[0].rowCount).toBe(1)

    await page.goto('/staff/calls')
    await checkA11y(page)
    await page.getByRole('main').getByRole('link', { name: /DMST-2026-01/ }).first().click()
    await page.getByRole('link', { name: vi('results.publish.link'), exact: true }).waitFor()
    await checkA11y(page)
    await page.getByRole('link', { name: vi('results.publish.link'), exact: true }).click()
    await expectHeading(page, vi('results.publish.title', { code: 'DMST-2026-01' }))
    await page.getByText(vi('results.publish.nothing')).waitFor()
    await checkA11y(page)
  })

  test('the admin edits a target of the resolution', async () => {
    const session = await browser.newSession()
    const { page } = session
    await signInAs(page, demo('admin'))
    await page.goto('/admin/targets')
    await expectHeading(page, vi('targets.edit.title'))
    await checkA11y(page)
    const form = page.getByRole('region', { name: 'Doanh nghiệp khoa học và công nghệ mới' })
    await form.getByLabel(vi('targets.f.targetValue'), { exact: true }).fill('8')
    await form.getByRole('button', { name: vi('targets.edit.submit'), exact: true }).click()
    await page.waitForURL((u) => u.searchParams.get('notice') === 'saved')
    expect(await page.getByRole('region', { name: 'Doanh nghiệp khoa học và công nghệ mới' }).getByLabel(vi('targets.f.targetValue'), { exact: true }).inputValue()).toBe('8')
    await checkA11y(page)
  })
})
