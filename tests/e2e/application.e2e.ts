import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { translator } from '../../app/i18n'
import { formatMoney, formatPercent } from '../../app/i18n/format'
import { TASK_ORDER } from '../../app/modules/applications/sections'
import { EXE } from '../fixtures/files'
import {
  allTasks,
  type Applicant,
  budgetCell,
  checkEligibilityAndStart,
  completeSection,
  DOCUMENTS,
  documentSlot,
  fillDeclarations,
  fillGeneral,
  fillProposal,
  fillTeam,
  openSection,
  registerAndSignIn,
  registerOrganisation,
  sectionHeading,
  startWithOrganisation,
  SUMMARY,
  taskStates,
  TITLE,
  uploadDocuments,
} from './support/applicant'
import { checkA11y, httpStatusError, useBrowser } from './support/browser'
import { usePortal } from './support/hooks'
import { expectErrors, expectHeading, pathIs, signedInAs, signIn, uniqueEmail } from './support/ui'

// An application drafted end to end, as an applicant does it: register and confirm by mail, register the
// organisation, check the eligibility for a call and start; then the task list, the section forms (with
// autosave, the budget's live totals and rules), the attachments (an executable renamed .pdf is refused),
// with JavaScript on and off, and two tabs editing the same section. The built portal, real SMTP,
// Chromium; fields found by their labels and buttons by their names (texts from the catalogues); axe
// checks every page the browser shows.

const vi = translator('vi')

const portal = usePortal()
const browser = useBrowser(() => portal().url)


/** The applicant of the first test, whose draft the third test opens in two tabs. */
const applicant: Applicant = {
  fullName: 'Nguyễn Thị Hồng Nhung',
  email: uniqueEmail('hongnhung.nguyen'),
  password: 'đổi mới công nghệ ở Krông Búk',
  organisation: 'Công ty Cổ phần Chế biến Cà phê Ê Đê – Chi nhánh Krông Búk',
  taxCode: '0314409058-002',
  applicationPath: '',
}

/** The applicant without JavaScript: one draft per organisation and call, so an organisation of their own. */
const withoutScripts: Applicant = {
  fullName: 'Y Kông Mlô',
  email: uniqueEmail('ykong.mlo'),
  password: 'truy xuất nguồn gốc cà phê Ea Tu',
  organisation: 'Công ty Cổ phần Chế biến Cà phê Ê Đê – Chi nhánh Ea Tu',
  taxCode: '0314409058-003',
  applicationPath: '',
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The login page, then signed in as the applicant on the home page. */
async function signInAs(page: Page, applicant: Applicant) {
  await page.goto('/login')
  await expectHeading(page, vi('login.title'))
  await checkA11y(page)
  await signIn(page, applicant.email, applicant.password)
  await page.waitForURL(pathIs('/home'))
  await signedInAs(page, vi('nav.signedInAs', { name: applicant.fullName })).waitFor()
  await checkA11y(page)
}

/** "Đã lưu lúc 14:32": the autosave status with any time. */
const SAVED_AT = new RegExp(`^${escapeRegExp(vi('applications.form.savedAt', { time: 'HH:MM' })).replace('HH:MM', '\\d{2}:\\d{2}')}$`)
const savedStatus = (page: Page) => page.getByRole('status').getByText(SAVED_AT)

/** A line of the budget's totals, as shown. */
async function budgetTotal(page: Page, key: 'requested' | 'counterpart' | 'all' | 'ratio') {
  const totals = page.getByRole('main').locator('dl.summary-list')
  return (await totals.getByRole('term').filter({ hasText: vi(`applications.budget.total.${key}`) }).locator('xpath=following-sibling::dd').innerText()).trim()
}

const pct = (n: number) => formatPercent(n, 'vi') // "36 %": Vietnamese puts a no-break space before the sign

describe('an application in the browser', () => {
  test('from registering to a draft with every section completed and the documents uploaded', async () => {
    const session = await browser.newSession()
    const { page } = session

    await registerAndSignIn(session, portal(), applicant)
    await registerOrganisation(page, applicant)
    await checkEligibilityAndStart(page)
    const appPath = await startWithOrganisation(page, applicant)
    applicant.applicationPath = appPath
    // Nothing filled in yet; the organisation's profile is complete already.
    expect(await taskStates(page)).toEqual(allTasks('not_started', { organisation: vi('applications.state.completed') }))
    await page.getByText(vi('applications.task.progress', { done: 1, total: TASK_ORDER.length }), { exact: true }).waitFor()

    // General information: autosave keeps what is typed, without pressing a button.
    await openSection(page, 'general', appPath)
    await fillGeneral(page, { title: TITLE, months: '18', summary: SUMMARY })
    await savedStatus(page).waitFor()
    const savedText = (await savedStatus(page).innerText()).trim()
    await checkA11y(page)

    await page.reload()
    await expectHeading(page, sectionHeading('general'))
    await page.getByRole('status').getByText(savedText, { exact: true }).waitFor()
    expect(await page.getByLabel(vi('applications.general.title'), { exact: true }).inputValue()).toBe(TITLE)
    expect(await page.getByLabel(vi('applications.general.priority_field'), { exact: true }).inputValue()).toBe('digital_transformation')
    expect(await page.getByLabel(vi('applications.general.duration_months'), { exact: true }).inputValue()).toBe('18')
    expect(await page.getByLabel(vi('applications.general.summary'), { exact: true }).inputValue()).toBe(SUMMARY)
    await checkA11y(page)
    await completeSection(page, appPath)
    // The task list is named after the project now.
    await expectHeading(page, TITLE)
    expect((await taskStates(page)).general).toBe(vi('applications.state.completed'))

    // Team: the principal investigator, the secretary and one member.
    await openSection(page, 'team', appPath)
    await fillTeam(page)
    await completeSection(page, appPath)
    expect((await taskStates(page)).team).toBe(vi('applications.state.completed'))

    // Proposal, with two milestones.
    await openSection(page, 'proposal', appPath)
    await fillProposal(page)
    await completeSection(page, appPath)
    expect((await taskStates(page)).proposal).toBe(vi('applications.state.completed'))

    // Budget: live totals and the call's rules as the amounts are typed.
    await openSection(page, 'budget', appPath)
    await page.getByText(vi('applications.budget.rules', { max: formatMoney(1_500_000_000), min: 50 }), { exact: true }).waitFor()
    await budgetCell(page, 'labour', 'requested').fill('300.000.000')
    await budgetCell(page, 'labour', 'own').fill('200.000.000')
    await budgetCell(page, 'equipment', 'requested').fill('1.300.000.000')
    await budgetCell(page, 'equipment', 'own').fill('400.000.000')
    await budgetCell(page, 'equipment', 'loan').fill('300.000.000')
    await expect.poll(() => budgetTotal(page, 'requested')).toBe(formatMoney(1_600_000_000))
    expect(await budgetTotal(page, 'counterpart')).toBe(formatMoney(900_000_000))
    expect(await budgetTotal(page, 'all')).toBe(formatMoney(2_500_000_000))
    expect(await budgetTotal(page, 'ratio')).toBe(pct(36))
    const overMax = vi('applications.rule.maxAmount', { max: '1.500.000.000', amount: '1.600.000.000' })
    await page.getByText(overMax, { exact: true }).waitFor()
    // Checked in whole đồng: 900.000.000 ₫ against the 1.600.000.000 ₫ a 50 % share needs.
    await page.getByText(vi('applications.rule.counterpartShort', { min: 50, counterpart: '900.000.000', needed: '1.600.000.000' }), { exact: true }).waitFor()
    await checkA11y(page)

    // Completing is refused: in the browser, and by the server itself (the same schema runs there).
    await page.getByRole('group', { name: vi('applications.form.completed'), exact: true }).getByRole('radio', { name: vi('applications.form.completed.yes'), exact: true }).check()
    await page.getByRole('button', { name: vi('applications.form.save'), exact: true }).click()
    await expectErrors(page, [
      ['labour_requested', overMax],
      ['labour_own', vi('applications.rule.counterpartShort', { min: 50, counterpart: '900.000.000', needed: '1.600.000.000' })],
    ])
    expect(new URL(page.url()).pathname).toBe(`${appPath}/sections/budget`)
    await checkA11y(page)
    const refusal = await session.tolerating(httpStatusError(400), () =>
      page.evaluate(async () => {
        const data = new FormData(document.getElementById('section-form') as HTMLFormElement)
        data.set('completed', 'yes')
        data.delete('intent')
        const url = `${location.pathname}?_data=${encodeURIComponent('routes/applications.$id.sections.$key')}`
        const res = await fetch(url, { method: 'POST', body: new URLSearchParams(data as unknown as Record<string, string>), credentials: 'same-origin' })
        return { status: res.status, body: (await res.json()) as { errors?: Record<string, { message: string }> } }
      }),
    )
    expect(refusal.status).toBe(400)
    expect(refusal.body.errors?.labour_requested?.message).toBe('applications.rule.maxAmount?max=1.500.000.000&amount=1.600.000.000')

    // Within the rules: 800.000.000 requested, 900.000.000 counterpart.
    await budgetCell(page, 'equipment', 'requested').fill('500.000.000')
    await expect.poll(() => budgetTotal(page, 'requested')).toBe(formatMoney(800_000_000))
    expect(await budgetTotal(page, 'counterpart')).toBe(formatMoney(900_000_000))
    expect(await budgetTotal(page, 'all')).toBe(formatMoney(1_700_000_000))
    expect(await budgetTotal(page, 'ratio')).toBe(pct(52.94))
    // The rules under the totals are met now (the summary above still lists the last refusal until saving again).
    await expect(page.locator('ul.error-message[aria-live]').count()).resolves.toBe(0)
    await checkA11y(page)
    await page.getByRole('button', { name: vi('applications.form.save'), exact: true }).click()
    await page.waitForURL(pathIs(appPath))
    await page.getByRole('heading', { level: 2, name: vi('applications.task.sections'), exact: true }).waitFor()
    await checkA11y(page)
    expect((await taskStates(page)).budget).toBe(vi('applications.state.completed'))

    // Declarations.
    await openSection(page, 'declarations', appPath)
    await fillDeclarations(page)
    await completeSection(page, appPath)

    // Attachments: the four mandatory documents, as PDFs.
    await openSection(page, 'attachments', appPath)
    await page.getByText(vi('attachments.incomplete', { count: 4 }), { exact: true }).waitFor()
    await uploadDocuments(page)
    await page.getByText(vi('attachments.complete'), { exact: true }).waitFor()

    // A program renamed .pdf is refused by its content; the proposal already uploaded stays.
    await session.tolerating(httpStatusError(415), async () => {
      await page.getByLabel(`${vi('attachments.chooseReplacement')} ${vi('attachments.chooseFor', { name: DOCUMENTS.proposal })}`, { exact: true }).setInputFiles({
        name: 'thuyet-minh.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(EXE),
      })
      await page.getByRole('button', { name: `${vi('attachments.replace')} ${DOCUMENTS.proposal}`, exact: true }).click()
      await page.getByRole('alert').getByText(vi('attachments.error.executable', { types: 'PDF' }), { exact: true }).waitFor()
    })
    await expect(page.locator(`#${await page.getByLabel(`${vi('attachments.chooseReplacement')} ${vi('attachments.chooseFor', { name: DOCUMENTS.proposal })}`, { exact: true }).getAttribute('id')}-error`).innerText()).resolves.toContain(
      vi('attachments.error.executable', { types: 'PDF' }),
    )
    await documentSlot(page, DOCUMENTS.proposal).getByRole('link', { name: 'thuyet-minh-ky-dong-dau.pdf', exact: true }).waitFor()
    await expect(page.getByRole('link', { name: 'thuyet-minh.pdf', exact: true }).count()).resolves.toBe(0)
    await checkA11y(page)

    await page.getByRole('link', { name: `← ${vi('attachments.back')}`, exact: true }).click()
    await page.waitForURL(pathIs(appPath))
    await expectHeading(page, TITLE)
    await checkA11y(page)
    expect(await taskStates(page)).toEqual(allTasks('completed'))
    await page.getByText(vi('applications.task.progress', { done: TASK_ORDER.length, total: TASK_ORDER.length }), { exact: true }).waitFor()
  })

  test('without JavaScript: save with the button, a missing field refused on completing (typed values kept), then completed', async () => {
    const session = await browser.newSession({ javaScriptEnabled: false })
    const { page } = session
    await registerAndSignIn(session, portal(), withoutScripts)
    await registerOrganisation(page, withoutScripts)
    await checkEligibilityAndStart(page)
    const appPath = await startWithOrganisation(page, withoutScripts)
    expect(await taskStates(page)).toEqual(allTasks('not_started', { organisation: vi('applications.state.completed') }))

    await openSection(page, 'general', appPath)
    const title = 'Số hóa truy xuất nguồn gốc cà phê Buôn Ma Thuột bằng mã QR'
    const field = (label: string) => page.getByLabel(vi(label as 'applications.general.title'), { exact: true })
    await field('applications.general.title').fill(title)
    await field('applications.general.priority_field').selectOption({ label: vi('field.digital_transformation') })
    await field('applications.general.duration_months').fill('12')
    // "Lưu nháp": kept as typed, back on the same page.
    await page.getByRole('button', { name: vi('applications.form.saveDraft'), exact: true }).click()
    await page.waitForURL(pathIs(`${appPath}/sections/general`))
    await expectHeading(page, sectionHeading('general'))
    await savedStatus(page).waitFor()
    expect(await field('applications.general.title').inputValue()).toBe(title)
    expect(await field('applications.general.duration_months').inputValue()).toBe('12')
    await checkA11y(page)

    // Completed, but without a summary: refused, and what was typed is still there.
    await page.getByRole('group', { name: vi('applications.form.completed'), exact: true }).getByRole('radio', { name: vi('applications.form.completed.yes'), exact: true }).check()
    await session.tolerating(httpStatusError(400), async () => {
      await page.getByRole('button', { name: vi('applications.form.save'), exact: true }).click()
      await page.waitForLoadState('load')
      await page.getByRole('alert').waitFor()
    })
    await expectErrors(page, [['summary', vi('applications.validation.summary.required')]])
    expect(await field('applications.general.summary').getAttribute('aria-invalid')).toBe('true')
    expect(await field('applications.general.title').inputValue()).toBe(title)
    expect(await field('applications.general.priority_field').inputValue()).toBe('digital_transformation')
    expect(await field('applications.general.duration_months').inputValue()).toBe('12')
    expect(await page.getByRole('radio', { name: vi('applications.form.completed.yes'), exact: true }).isChecked()).toBe(true)
    expect(new URL(page.url()).pathname).toBe(`${appPath}/sections/general`)
    await checkA11y(page)

    await field('applications.general.summary').fill('Gắn mã QR cho từng lô cà phê, ghi nhật ký từ vườn đến nhà máy rang xay.')
    await page.getByRole('button', { name: vi('applications.form.save'), exact: true }).click()
    await page.waitForURL(pathIs(appPath))
    await expectHeading(page, title)
    await checkA11y(page)
    expect(await taskStates(page)).toEqual(allTasks('not_started', { organisation: vi('applications.state.completed'), general: vi('applications.state.completed') }))
  })

  test('two tabs on one section: the second one’s autosave meets the first one’s save and overwrites nothing', async () => {
    expect(applicant.applicationPath, 'the first test registers the applicant').not.toBe('')
    const session = await browser.newSession()
    const { page: second, context } = session
    await signInAs(second, applicant)
    const sectionPath = `${applicant.applicationPath}/sections/proposal`
    const first = await context.newPage()
    for (const p of [first, second]) {
      await p.goto(sectionPath)
      await expectHeading(p, sectionHeading('proposal'))
      await checkA11y(p)
    }

    const products = (p: Page) => p.getByLabel(vi('applications.proposal.products'), { exact: true })
    const mine = 'Hệ thống cảm biến, phần mềm cảnh báo, quy trình tưới và 2 bài báo khoa học.'
    await products(first).fill(mine)
    await first.getByRole('button', { name: vi('applications.form.saveDraft'), exact: true }).click()
    await savedStatus(first).waitFor()
    const time = (await savedStatus(first).innerText()).trim().slice(-5)
    await checkA11y(first)

    // The second tab still has the version from before; its autosave is refused (409) and says so.
    const conflict = vi('applications.form.conflict', { name: applicant.fullName, time })
    await session.tolerating(httpStatusError(409), async () => {
      await products(second).fill('Chỉ có phần mềm.')
      await second.getByRole('status').getByText(conflict).waitFor()
    })
    await second.getByRole('status').getByRole('link', { name: vi('applications.form.conflict.reload'), exact: true }).waitFor()
    // What the second tab typed is still on its page.
    expect(await products(second).inputValue()).toBe('Chỉ có phần mềm.')
    await checkA11y(second)

    // The first tab's text is what was kept.
    await first.reload()
    await expectHeading(first, sectionHeading('proposal'))
    expect(await products(first).inputValue()).toBe(mine)
    await checkA11y(first)
  })
})
