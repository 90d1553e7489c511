import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { translator } from '../../app/i18n'
import {
  type Applicant,
  budgetCell,
  checkEligibilityAndStart,
  completeDraft,
  completeSection,
  registerAndSignIn,
  registerOrganisation,
  startWithOrganisation,
  SUMMARY,
} from './support/applicant'
import { checkA11y, useBrowser } from './support/browser'
import { usePortal } from './support/hooks'
import { DEMO_PASSWORD } from './support/portal'
import { demo, expectErrors, expectHeading, pathIs, signIn, uniqueEmail } from './support/ui'

// The Fund's side in the browser: an application submitted by a new applicant is found in the staff inbox,
// screened (a request for changes reaches the applicant on the page and by mail; they change only what
// was reopened and resubmit; the checklist; eligible). The built portal, real SMTP, Chromium; fields by
// their labels, buttons by their names; axe on every page.

const vi = translator('vi')

const portal = usePortal()
const browser = useBrowser(() => portal().url)

const applicant: Applicant = {
  fullName: 'H’Hen Niê',
  email: uniqueEmail('hhen.nie'),
  password: 'hồ sơ cà phê đặc sản Cư M’gar',
  organisation: 'Hợp tác xã Cà phê Đặc sản Cư M’gar',
  taxCode: '0314409058-006',
  applicationPath: '',
}
const TITLE = 'Chế biến cà phê đặc sản lên men có kiểm soát tại Cư M’gar'
const REQUEST = 'Đề nghị tách chi phí thiết bị sấy khỏi chi phí vật tư và nêu rõ nguồn vốn đối ứng.'

/** The applicant submits a complete draft from "check your answers"; the reference is returned. */
async function submitApplication(page: Page) {
  await page.getByRole('link', { name: vi('submission.task.check'), exact: true }).click()
  await page.waitForURL(pathIs(`${applicant.applicationPath}/check`))
  await checkA11y(page)
  await page.getByRole('button', { name: vi('submission.check.submit'), exact: true }).click()
  await page.waitForURL(pathIs(`${applicant.applicationPath}/confirmation`))
  await checkA11y(page)
  return (await page.getByRole('region', { name: vi('submission.confirmation.title'), exact: true }).locator('strong').innerText()).trim()
}

/** Opens a status change from the staff application page by its link, and waits for its form. */
async function openEvent(page: Page, event: Parameters<typeof vi>[0]) {
  await page.getByRole('link', { name: vi(event), exact: true }).click()
  await expectHeading(page, vi(event))
  await checkA11y(page)
}

describe('the Fund screens an application', () => {
  test('found in the inbox, changes requested and made, checklist, eligible; the applicant follows it all', async () => {
    // The applicant: register, organisation, eligibility, every section, submit.
    const a = await browser.newSession()
    await registerAndSignIn(a, portal(), applicant)
    await registerOrganisation(a.page, applicant)
    await checkEligibilityAndStart(a.page)
    applicant.applicationPath = await startWithOrganisation(a.page, applicant)
    await completeDraft(a.page, applicant.applicationPath, { title: TITLE, months: '18', summary: SUMMARY })
    const reference = await submitApplication(a.page)
    const id = applicant.applicationPath.split('/').pop()!

    // The Fund's officer finds it in the inbox, without diacritics.
    const s = await browser.newSession()
    const officer = demo('staff')
    await s.page.goto('/login')
    await checkA11y(s.page)
    await signIn(s.page, officer.email, DEMO_PASSWORD)
    await s.page.waitForURL(pathIs('/'))
    await checkA11y(s.page)
    await s.page.getByRole('navigation').getByRole('link', { name: vi('nav.staffApplications'), exact: true }).click()
    await expectHeading(s.page, vi('inbox.title'))
    await checkA11y(s.page)
    await s.page.getByLabel(vi('inbox.search'), { exact: true }).fill('ca phe dac san cu m’gar')
    await s.page.getByLabel(vi('inbox.search'), { exact: true }).press('Enter')
    await s.page.waitForURL((u) => u.pathname === '/staff/applications' && u.searchParams.has('q'))
    await checkA11y(s.page)
    const row = s.page.getByRole('row').filter({ hasText: reference })
    await row.getByRole('link', { name: TITLE, exact: true }).click()
    await s.page.waitForURL(pathIs(`/staff/applications/${id}`))
    await expectHeading(s.page, TITLE)
    await checkA11y(s.page)

    // Start screening, then ask for changes to the budget (the form first says what is missing).
    await openEvent(s.page, 'screening.event.title.start_screening')
    await s.page.getByRole('button', { name: vi('screening.event.title.start_screening'), exact: true }).click()
    await s.page.waitForURL((u) => u.pathname === `/staff/applications/${id}`)
    await s.page.getByText(vi('screening.event.done', { event: vi('workflow.status.screening') }), { exact: true }).waitFor()
    await checkA11y(s.page)
    await openEvent(s.page, 'screening.event.title.request_changes')
    await s.page.getByRole('button', { name: vi('screening.event.title.request_changes'), exact: true }).click()
    await expectErrors(s.page, [
      ['message', vi('workflow.v.message.required')],
      ['due', vi('workflow.v.due.required')],
      ['sections', vi('workflow.v.sections.required')],
    ])
    await checkA11y(s.page)
    await s.page.getByLabel(vi('screening.event.message'), { exact: true }).fill(REQUEST)
    await s.page.getByLabel(vi('screening.event.due'), { exact: true }).fill('15/12/2030')
    await s.page.getByRole('group', { name: vi('screening.event.sections'), exact: true }).getByLabel(vi('applications.section.budget'), { exact: true }).check()
    await s.page.getByRole('button', { name: vi('screening.event.title.request_changes'), exact: true }).click()
    await s.page.waitForURL((u) => u.pathname === `/staff/applications/${id}`)
    await checkA11y(s.page)

    // The applicant hears of it by mail, and reads it on the application page.
    const mail = await portal().inbox.waitFor(applicant.email, (subject) => subject.includes(vi('workflow.message.change_request')))
    expect(mail.text).toContain(REQUEST)
    expect(mail.text).toContain('15/12/2030')
    await a.page.goto(applicant.applicationPath)
    await checkA11y(a.page)
    const banner = a.page.getByRole('region', { name: vi('workflow.message.change_request'), exact: true })
    await banner.getByText(REQUEST, { exact: true }).waitFor()
    await banner.getByText(vi('workflow.message.sections', { sections: vi('applications.section.budget') }), { exact: true }).waitFor()

    // Only the budget opens; the general information stays read-only.
    await a.page.getByRole('link', { name: vi('applications.section.general'), exact: true }).click()
    await checkA11y(a.page)
    await a.page.getByText(vi('applications.form.readOnly'), { exact: true }).waitFor()
    expect(await a.page.getByLabel(vi('applications.general.title'), { exact: true }).isDisabled()).toBe(true)
    await a.page.goBack()
    await a.page.getByRole('link', { name: vi('applications.section.budget'), exact: true }).click()
    await checkA11y(a.page)
    await budgetCell(a.page, 'services', 'own').fill('150.000.000')
    await completeSection(a.page, applicant.applicationPath)
    await a.page.getByRole('link', { name: vi('submission.task.resubmit'), exact: true }).click()
    await a.page.waitForURL(pathIs(`${applicant.applicationPath}/check`))
    await checkA11y(a.page)
    await a.page.getByRole('button', { name: vi('submission.check.resubmit'), exact: true }).click()
    await a.page.waitForURL((u) => u.pathname === applicant.applicationPath && u.searchParams.get('notice') === 'resubmitted')
    await a.page.getByText(vi('submission.resubmitted'), { exact: true }).waitFor()
    await checkA11y(a.page)

    // The officer: eligible is refused until the checklist is complete; then eligible.
    await s.page.goto(`/staff/applications/${id}`)
    await checkA11y(s.page)
    await openEvent(s.page, 'screening.event.title.start_screening')
    await s.page.getByRole('button', { name: vi('screening.event.title.start_screening'), exact: true }).click()
    await s.page.waitForURL((u) => u.pathname === `/staff/applications/${id}`)
    await checkA11y(s.page)
    await openEvent(s.page, 'screening.event.title.declare_eligible')
    await s.tolerating(/status of 409/, async () => {
      await s.page.getByRole('button', { name: vi('screening.event.title.declare_eligible'), exact: true }).click()
      await s.page.getByRole('alert').getByText(vi('workflow.refused.checklist'), { exact: true }).waitFor()
    })
    await checkA11y(s.page)
    await s.page.goto(`/staff/applications/${id}`)
    await checkA11y(s.page)
    await s.page.getByRole('link', { name: vi('screening.checklist.link'), exact: true }).click()
    await expectHeading(s.page, vi('screening.checklist.title'))
    await checkA11y(s.page)
    for (const item of ['documents', 'eligibility', 'legal'] as const) await s.page.getByLabel(vi(`screening.check.${item}`), { exact: true }).check()
    await s.page.getByRole('button', { name: vi('screening.checklist.save'), exact: true }).click()
    await s.page.getByText(vi('screening.checklist.saved'), { exact: true }).waitFor()
    await checkA11y(s.page)
    await s.page.goto(`/staff/applications/${id}`)
    await openEvent(s.page, 'screening.event.title.declare_eligible')
    await s.page.getByRole('button', { name: vi('screening.event.title.declare_eligible'), exact: true }).click()
    await s.page.waitForURL((u) => u.pathname === `/staff/applications/${id}`)
    await s.page.getByText(vi('workflow.status.eligible'), { exact: true }).first().waitFor()
    await checkA11y(s.page)

    // The applicant sees the notice and the road so far.
    await portal().inbox.waitFor(applicant.email, (subject) => subject.includes(vi('workflow.message.eligible')))
    await a.page.goto(applicant.applicationPath)
    await a.page.getByRole('heading', { level: 3, name: vi('workflow.message.eligible'), exact: true }).waitFor()
    await a.page.getByText(vi('workflow.status.eligible'), { exact: true }).first().waitFor()
    await checkA11y(a.page)
  }, 240_000)
})
