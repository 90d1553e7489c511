import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { translator } from '../../app/i18n'
import { DEMO_ACCOUNTS } from '../../db/seed'
import { checkA11y, httpStatusError, useBrowser } from './support/browser'
import { usePortal } from './support/hooks'
import { DEMO_PASSWORD } from './support/portal'
import { demo, expectHeading, pathIs, signedInAs, signIn } from './support/ui'

// What the documents say (issue 11), in the browser: the admin edits the legal bases of each kind of decision; the
// records office records a number issued outside the portal in the register's one sequence. axe on every page.

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

describe('what the documents say', () => {
  test('the admin edits the legal bases; Decree 30 is refused with the reason beside the field', async () => {
    const session = await browser.newSession()
    const { page } = session
    await signInAs(page, demo('admin'))
    await page.goto('/admin')
    await checkA11y(page)
    await page.getByRole('link', { name: vi('legalBases.title'), exact: true }).click()
    await page.waitForURL(pathIs('/admin/legal-bases'))
    await expectHeading(page, vi('legalBases.title'))
    await checkA11y(page)
    const grant = page.getByLabel(vi('legalBases.kind.decision_grant'))
    expect(await grant.inputValue()).toContain('Căn cứ Luật Khoa học, công nghệ và đổi mới sáng tạo ngày 27 tháng 6 năm 2025')
    const kept = await grant.inputValue()
    await grant.fill(`${kept}\nCăn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư`)
    await session.tolerating(httpStatusError(400), async () => {
      await page.getByRole('button', { name: vi('legalBases.save'), exact: true }).click()
      await page.locator('#decision_grant-error').waitFor()
    })
    expect(await page.locator('#decision_grant-error').innerText()).toContain(vi('legalBases.v.decree30'))
    await checkA11y(page)
    await grant.fill(`${kept}\nCăn cứ Nghị quyết số 05/2026/NQ-HĐND ngày 10 tháng 7 năm 2026 của Hội đồng nhân dân tỉnh Đắk Lắk`)
    await page.getByRole('button', { name: vi('legalBases.save'), exact: true }).click()
    await page.getByText(vi('legalBases.saved')).waitFor()
    expect(await grant.inputValue()).toContain('Căn cứ Nghị quyết số 05/2026/NQ-HĐND')
    await checkA11y(page)
  })

  test('the records office records a letter numbered outside the portal in the year’s sequence', async () => {
    const session = await browser.newSession()
    const { page } = session
    await signInAs(page, demo('staff'))
    await page.goto('/staff/register')
    await expectHeading(page, vi('docRegister.title'))
    await checkA11y(page)
    await page.getByLabel(vi('docRegister.external.number')).fill('999')
    await page.getByLabel(vi('docRegister.external.subject')).fill('Công văn gửi Sở Khoa học và Công nghệ')
    await session.tolerating(httpStatusError(409), async () => {
      await page.getByRole('button', { name: vi('docRegister.external.submit'), exact: true }).click()
      await page.locator('#ext_number-error').waitFor()
    })
    await checkA11y(page)
    // What was typed stays; blank takes the next number.
    expect(await page.getByLabel(vi('docRegister.external.subject')).inputValue()).toBe('Công văn gửi Sở Khoa học và Công nghệ')
    await page.getByLabel(vi('docRegister.external.number')).fill('')
    await page.getByRole('button', { name: vi('docRegister.external.submit'), exact: true }).click()
    await page.waitForURL((u) => u.searchParams.get('notice') === 'recorded')
    const symbol = new URL(page.url()).searchParams.get('symbol')!
    expect(symbol).toMatch(/^\d{2,}\/QKHCN$/)
    await page.getByRole('cell', { name: symbol, exact: true }).waitFor()
    await checkA11y(page)
  })
})
