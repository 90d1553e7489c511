import type { Locator, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { translator } from '../../app/i18n'
import { formatDate, formatDateTime, formatMoney, formatTime } from '../../app/i18n/format'
import { DEMO_ACCOUNTS } from '../../db/seed'
import { checkA11y, httpStatusError, useBrowser } from './support/browser'
import { usePortal } from './support/hooks'
import { DEMO_PASSWORD } from './support/portal'
import { demo, expectHeading, pathIs, signedInAs, signIn, vnDay } from './support/ui'

// Managing a call end to end, as the Fund's staff do it: a draft with only what is required, publication
// refused until it is complete, then published (its rules frozen), seen by the public, its deadline
// extended (on record in the audit log) and finally closed. The built portal, Chromium; fields found by
// their labels and buttons by their names (texts from the catalogues); axe checks every page shown.

const vi = translator('vi')

const portal = usePortal()
const browser = useBrowser(() => portal().url)

/** `offsetDays` from today in Việt Nam (UTC+7), at hh:mm local time. */
const localDay = (offsetDays: number, hh: number, mm = 0) => vnDay(Date.now(), offsetDays, hh, mm)

async function signInAs(page: Page, account: (typeof DEMO_ACCOUNTS)[number]) {
  await page.goto('/login')
  await expectHeading(page, vi('login.title'))
  await checkA11y(page)
  await signIn(page, account.email, DEMO_PASSWORD)
  await page.waitForURL(pathIs('/home'))
  await signedInAs(page, vi('nav.signedInAs', { name: account.fullName })).waitFor()
  await checkA11y(page)
}

/** The error summary (the success banner is an alert too). */
const errorSummary = (page: Page) => page.getByRole('alert').filter({ has: page.getByRole('heading', { name: vi('form.errorSummary'), exact: true }) })

/**
 * The error summary shows these messages in this order: a field's links to it, a message about the whole
 * form (field null) does not; each field shows its own message beside it.
 */
async function expectErrors(page: Page, errors: [field: string | null, message: string, errorId?: string][]) {
  const summary = errorSummary(page)
  await summary.waitFor()
  expect(await summary.getByRole('listitem').allInnerTexts()).toEqual(errors.map(([, message]) => message))
  const linked = errors.filter((e): e is [string, string, string?] => e[0] !== null)
  const links = summary.getByRole('link')
  expect(await links.allInnerTexts()).toEqual(linked.map(([, message]) => message))
  for (const [i, [field, message, errorId]] of linked.entries()) {
    expect(await links.nth(i).getAttribute('href')).toBe(`#${field}`)
    await expect(page.locator(`#${errorId ?? `${field}-error`}`).innerText()).resolves.toContain(message)
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The text of a summary list's row (<dt>label</dt><dd>value</dd>). */
async function detail(list: Locator, label: string) {
  return (await list.getByRole('term').filter({ hasText: new RegExp(`^${escapeRegExp(label)}$`) }).locator('xpath=following-sibling::dd').innerText()).trim()
}

// The call the staff member creates.
const CALL = {
  code: 'CAPHE-CDS-2026',
  title_vi: 'Ứng dụng công nghệ số trong truy xuất nguồn gốc cà phê Buôn Ma Thuột',
  title_en: 'Digital traceability for Buôn Ma Thuột coffee',
  summary_vi: 'Hỗ trợ hợp tác xã và doanh nghiệp cà phê áp dụng truy xuất nguồn gốc điện tử.',
  summary_en: 'Support for coffee cooperatives and enterprises adopting electronic traceability.',
  description_vi: 'Đợt này tài trợ các dự án gắn mã truy xuất cho cà phê nhân xuất khẩu.\n\nƯu tiên vùng trồng đạt chứng nhận bền vững.',
  description_en: 'This call funds projects that tag exported green coffee for traceability.\n\nCertified sustainable growing areas come first.',
  question: {
    text_vi: 'Vùng nguyên liệu cà phê có nằm trên địa bàn tỉnh Đắk Lắk không?',
    text_en: 'Is the coffee growing area in Đắk Lắk province?',
    reason_vi: 'Đợt này chỉ dành cho vùng nguyên liệu trong tỉnh.',
    reason_en: 'This call is only for growing areas in the province.',
  },
  document: { name_vi: 'Thuyết minh dự án truy xuất nguồn gốc', name_en: 'Traceability project description' },
  rubric: 'Dự án sản xuất thử nghiệm',
}

describe('staff manage a call in the browser', () => {
  test('create a draft, publication refused until complete, publish, extend the deadline (on record), close', async () => {
    const staff = await browser.newSession()
    const s = staff.page
    const staffAccount = demo('staff')
    const field = (label: string) => s.getByLabel(label, { exact: true })
    const opens = new Date(Date.now() - 3600_000)
    const closes = localDay(30, 17)
    const extended = localDay(44, 17)

    await signInAs(s, staffAccount)
    await s.locator('header').getByRole('link', { name: vi('nav.staffCalls'), exact: true }).click()
    await s.waitForURL(pathIs('/staff/calls'))
    await expectHeading(s, vi('staff.calls.title'))
    await checkA11y(s)
    await s.getByRole('main').getByRole('link', { name: vi('staff.calls.create'), exact: true }).click()
    await s.waitForURL(pathIs('/staff/calls/new'))
    await expectHeading(s, vi('staff.new.title'))
    // The times people usually want are already there.
    expect(await field(vi('staff.form.opens_time')).inputValue()).toBe('07:30')
    expect(await field(vi('staff.form.closes_time')).inputValue()).toBe('17:00')
    await checkA11y(s)

    // Only what a draft needs.
    await field(vi('staff.form.code')).fill(CALL.code)
    await field(vi('staff.form.title_vi')).fill(CALL.title_vi)
    await field(vi('call.modality')).selectOption({ label: vi('modality.grant') })
    await field(vi('call.field')).selectOption({ label: vi('field.hitech_agriculture') })
    await field(vi('staff.form.budget')).fill('2.000.000.000')
    await field(vi('staff.form.maxAmount')).fill('500.000.000')
    await field(vi('staff.form.months')).fill('24')
    await field(vi('staff.form.opens_date')).fill(formatDate(opens))
    await field(vi('staff.form.opens_time')).fill(formatTime(opens))
    await field(vi('staff.form.closes_date')).fill(formatDate(closes))
    await field(vi('staff.form.closes_time')).fill('17:00')
    await s.getByRole('button', { name: vi('staff.form.create'), exact: true }).click()
    await s.waitForURL((u) => /^\/staff\/calls\/[0-9a-f-]{36}$/.test(u.pathname) && u.searchParams.get('notice') === 'created')
    const callPath = new URL(s.url()).pathname
    await expectHeading(s, vi('staff.edit.title', { code: CALL.code }))
    await s.getByRole('alert').getByText(vi('staff.call.created'), { exact: true }).waitFor()
    await s.getByRole('main').getByText(vi('staff.status.draft'), { exact: true }).waitFor()
    // The draft comes back as it was typed, money with its dots.
    expect(await field(vi('staff.form.title_vi')).inputValue()).toBe(CALL.title_vi)
    expect(await field(vi('staff.form.budget')).inputValue()).toBe('2.000.000.000')
    expect(await field(vi('staff.form.maxAmount')).inputValue()).toBe('500.000.000')
    expect(await field(vi('staff.form.opens_date')).inputValue()).toBe(formatDate(opens))
    expect(await field(vi('staff.form.opens_time')).inputValue()).toBe(formatTime(opens))
    expect(await field(vi('staff.form.closes_date')).inputValue()).toBe(formatDate(closes))
    expect(await field(vi('call.modality')).evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text)).toBe(vi('modality.grant'))
    // What publication still needs, listed before anyone tries.
    const publish = s.getByRole('region', { name: vi('staff.publish.title'), exact: true })
    const missingKeys = [
      'staff.missing.title_en',
      'staff.missing.summary_vi',
      'staff.missing.summary_en',
      'staff.missing.description_vi',
      'staff.missing.description_en',
      'staff.missing.eligibleTypes',
      'staff.missing.mandatoryDocument',
      'staff.missing.rubric',
    ] as const
    await publish.getByText(vi('staff.publish.missingLead'), { exact: true }).waitFor()
    expect(await publish.getByRole('listitem').allInnerTexts()).toEqual(missingKeys.map((k) => vi(k)))
    await checkA11y(s)

    // A draft is nobody else's business: the public does not find it.
    const visitor = await browser.newSession()
    const v = visitor.page
    await visitor.tolerating(httpStatusError(404), async () => {
      await v.goto(`/calls/${CALL.code}`)
      await expectHeading(v, vi('error.404.title'))
    })
    await checkA11y(v)

    // Publishing now is refused: the summary lists what is missing, each linking to the field to fix.
    await staff.tolerating(httpStatusError(400), async () => {
      await publish.getByRole('button', { name: vi('staff.publish.button'), exact: true }).click()
      await errorSummary(s).waitFor()
    })
    await expectErrors(s, [
      [null, vi('staff.error.incomplete')],
      ['title_en', vi('staff.missing.title_en')],
      ['summary_vi', vi('staff.missing.summary_vi')],
      ['summary_en', vi('staff.missing.summary_en')],
      ['description_vi', vi('staff.missing.description_vi')],
      ['description_en', vi('staff.missing.description_en')],
      // The group's message stands under its legend; the link goes to its first box.
      ['type_enterprise', vi('staff.missing.eligibleTypes'), 'type_enterprise-group-error'],
      ['rubric_id', vi('staff.missing.rubric')],
      ['d1_mandatory', vi('staff.missing.mandatoryDocument')],
    ])
    expect(await field(vi('staff.form.title_en')).getAttribute('aria-invalid')).toBe('true')
    expect(await s.getByRole('group', { name: vi('staff.form.types'), exact: true }).getAttribute('aria-describedby')).toContain('type_enterprise-group-error')
    expect(await publish.getByRole('listitem').allInnerTexts()).toEqual(missingKeys.map((k) => vi(k)))
    expect(new URL(s.url()).pathname).toBe(callPath)
    await s.getByRole('main').getByText(vi('staff.status.draft'), { exact: true }).waitFor()
    await checkA11y(s)

    // Completing it: both languages, who may apply, one question, one mandatory document, the rubric.
    await field(vi('staff.form.title_en')).fill(CALL.title_en)
    await field(vi('staff.form.summary_vi')).fill(CALL.summary_vi)
    await field(vi('staff.form.summary_en')).fill(CALL.summary_en)
    await field(vi('staff.form.description_vi')).fill(CALL.description_vi)
    await field(vi('staff.form.description_en')).fill(CALL.description_en)
    const types = s.getByRole('group', { name: vi('staff.form.types'), exact: true })
    await types.getByRole('checkbox', { name: vi('staff.orgType.enterprise'), exact: true }).check()
    await types.getByRole('checkbox', { name: vi('staff.orgType.cooperative'), exact: true }).check()
    await field(vi('staff.form.rubric')).selectOption({ label: CALL.rubric })
    await field(vi('staff.form.q.text_vi', { n: 1 })).fill(CALL.question.text_vi)
    await field(vi('staff.form.q.text_en', { n: 1 })).fill(CALL.question.text_en)
    await s
      .getByRole('group', { name: vi('staff.form.q.qualifying', { n: 1 }), exact: true })
      .getByRole('radio', { name: vi('staff.yes'), exact: true })
      .check()
    await field(vi('staff.form.q.reason_vi', { n: 1 })).fill(CALL.question.reason_vi)
    await field(vi('staff.form.q.reason_en', { n: 1 })).fill(CALL.question.reason_en)
    await field(vi('staff.form.d.name_vi', { n: 1 })).fill(CALL.document.name_vi)
    await field(vi('staff.form.d.name_en', { n: 1 })).fill(CALL.document.name_en)
    await s.getByRole('checkbox', { name: vi('staff.form.d.mandatory', { n: 1 }), exact: true }).check()
    await s
      .getByRole('group', { name: vi('staff.form.d.types', { n: 1 }), exact: true })
      .getByRole('checkbox', { name: 'PDF', exact: true })
      .check()
    await field(vi('staff.form.d.max_mb', { n: 1 })).fill('20')
    await s.getByRole('button', { name: vi('staff.form.save'), exact: true }).click()
    await s.waitForURL((u) => u.pathname === callPath && u.searchParams.get('notice') === 'saved')
    await s.getByRole('alert').getByText(vi('staff.call.saved'), { exact: true }).waitFor()
    expect(await errorSummary(s).count()).toBe(0)
    await publish.getByText(vi('staff.publish.ready'), { exact: true }).waitFor()
    expect(await publish.getByRole('listitem').count()).toBe(0)
    // Saved as filled in.
    expect(await field(vi('staff.form.title_en')).inputValue()).toBe(CALL.title_en)
    expect(await field(vi('staff.form.description_vi')).inputValue()).toBe(CALL.description_vi)
    expect(await types.getByRole('checkbox', { name: vi('staff.orgType.enterprise'), exact: true }).isChecked()).toBe(true)
    expect(await types.getByRole('checkbox', { name: vi('staff.orgType.household'), exact: true }).isChecked()).toBe(false)
    expect(await field(vi('staff.form.rubric')).evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text)).toBe(CALL.rubric)
    expect(await s.getByRole('checkbox', { name: vi('staff.form.d.mandatory', { n: 1 }), exact: true }).isChecked()).toBe(true)
    expect(await field(vi('staff.form.d.max_mb', { n: 1 })).inputValue()).toBe('20')
    expect(
      await s
        .getByRole('group', { name: vi('staff.form.q.qualifying', { n: 1 }), exact: true })
        .getByRole('radio', { name: vi('staff.yes'), exact: true })
        .isChecked(),
    ).toBe(true)
    await checkA11y(s)

    await publish.getByRole('button', { name: vi('staff.publish.button'), exact: true }).click()
    await s.waitForURL((u) => u.pathname === callPath && u.searchParams.get('notice') === 'published')
    await s.getByRole('alert').getByText(vi('staff.call.published'), { exact: true }).waitFor()
    await expectHeading(s, vi('staff.edit.title', { code: CALL.code }))
    const main = s.getByRole('main')
    await main.getByText(vi('staff.status.published'), { exact: true }).waitFor()
    await main.getByText(vi('staff.call.frozen'), { exact: true }).waitFor()

    // The rules are read-only now: shown, no longer in fields, and nothing to save them with.
    const rules = main.locator('dl.summary-list')
    expect(await detail(rules, vi('staff.form.title_vi'))).toBe(CALL.title_vi)
    expect(await detail(rules, vi('staff.form.title_en'))).toBe(CALL.title_en)
    expect(await detail(rules, vi('call.modality'))).toBe(vi('modality.grant'))
    expect(await detail(rules, vi('call.field'))).toBe(vi('field.hitech_agriculture'))
    expect(await detail(rules, vi('staff.form.budget'))).toBe(formatMoney(2_000_000_000))
    expect(await detail(rules, vi('staff.form.maxAmount'))).toBe(formatMoney(500_000_000))
    expect(await detail(rules, vi('staff.form.months'))).toBe(vi('staff.call.months', { n: 24 }))
    expect(await detail(rules, vi('call.opens'))).toBe(formatDateTime(opens))
    expect(await detail(rules, vi('call.closes'))).toBe(formatDateTime(closes))
    expect(await detail(rules, vi('staff.form.types'))).toBe(`${vi('staff.orgType.enterprise')}, ${vi('staff.orgType.cooperative')}`)
    expect(await field(vi('staff.form.title_vi')).count()).toBe(0)
    expect(await field(vi('staff.form.code')).count()).toBe(0)
    expect(await s.getByRole('checkbox').count()).toBe(0)
    expect(await s.getByRole('button', { name: vi('staff.form.save') }).count()).toBe(0)
    expect(await s.getByRole('button', { name: vi('staff.publish.button') }).count()).toBe(0)
    await checkA11y(s)

    // Nor does the server take changes to them, whatever the browser sends.
    const sneaky = await staff.context.request.post(callPath, {
      headers: { Origin: portal().url },
      form: {
        intent: 'save',
        code: CALL.code,
        title_vi: 'Một tên khác sau khi công bố',
        modality: 'grant',
        priority_field: 'hitech_agriculture',
        budget_total: '9.000.000.000',
        max_amount: '500.000.000',
        max_duration_months: '24',
        opens_date: formatDate(opens),
        opens_time: formatTime(opens),
        closes_date: formatDate(closes),
        closes_time: '17:00',
      },
    })
    expect(sneaky.status()).toBe(409)
    expect(await sneaky.text()).toContain(vi('staff.error.notDraft'))
    await s.reload()
    await expectHeading(s, vi('staff.edit.title', { code: CALL.code }))
    expect(await detail(rules, vi('staff.form.title_vi'))).toBe(CALL.title_vi)
    expect(await detail(rules, vi('staff.form.budget'))).toBe(formatMoney(2_000_000_000))
    await checkA11y(s)

    // The public finds it among the calls, open, and reads it.
    await v.goto('/calls')
    await expectHeading(v, vi('calls.title'))
    const card = v.getByRole('list', { name: vi('calls.listLabel'), exact: true }).getByRole('listitem').filter({ hasText: CALL.title_vi })
    await card.getByText(vi('calls.phase.open'), { exact: true }).waitFor()
    await card.getByText(CALL.summary_vi, { exact: true }).waitFor()
    await checkA11y(v)
    await card.getByRole('link', { name: CALL.title_vi, exact: true }).click()
    await v.waitForURL(pathIs(`/calls/${CALL.code}`))
    await expectHeading(v, CALL.title_vi)
    await v.getByText(vi('calls.page.caption', { code: CALL.code }), { exact: true }).waitFor()
    const publicMain = v.getByRole('main')
    await publicMain.getByText(vi('calls.phase.open'), { exact: true }).waitFor()
    const deadline = v.getByRole('region', { name: vi('call.closes'), exact: true })
    await deadline.getByText(vi('call.closesAt', { time: '17:00', date: formatDate(closes) }), { exact: true }).waitFor()
    const facts = publicMain.locator('dl.summary-list')
    expect(await detail(facts, vi('call.modality'))).toBe(vi('modality.grant'))
    expect(await detail(facts, vi('call.budget'))).toBe(formatMoney(2_000_000_000))
    expect(await detail(facts, vi('call.maxAmount'))).toBe(formatMoney(500_000_000))
    expect(await detail(facts, vi('calls.whoMayApply'))).toBe(`${vi('calls.applicantType.enterprise')}, ${vi('calls.applicantType.cooperative')}`)
    const documents = v.getByRole('table', { name: vi('calls.documents.title'), exact: true }).locator('tbody tr')
    await expect(documents.count()).resolves.toBe(1)
    expect(await documents.first().locator('td').allInnerTexts()).toEqual([CALL.document.name_vi, vi('calls.documents.mandatory'), 'PDF', vi('calls.documents.size', { mb: 20 })])
    await v.getByText(vi('calls.rubric.lead', { name: CALL.rubric, total: 100 }), { exact: true }).waitFor()
    await publicMain.getByRole('link', { name: vi('calls.check.button'), exact: true }).first().waitFor()
    await checkA11y(v)

    // Extending the deadline: an earlier date is refused beside the field; what was typed stays.
    const extend = s.getByRole('region', { name: vi('staff.extend.title'), exact: true })
    await extend.getByText(vi('staff.extend.lead', { current: formatDateTime(closes) }), { exact: true }).waitFor()
    const reason = 'Nhiều hợp tác xã đề nghị thêm thời gian do mùa thu hoạch cà phê.'
    await field(vi('staff.extend.date')).fill(formatDate(localDay(20, 17)))
    await field(vi('staff.extend.time')).fill('17:00')
    await field(vi('staff.extend.reason')).fill(reason)
    await staff.tolerating(httpStatusError(400), async () => {
      await extend.getByRole('button', { name: vi('staff.extend.button'), exact: true }).click()
      await errorSummary(s).waitFor()
    })
    await expectErrors(s, [['new_date', vi('staff.v.extend.notLater')]])
    expect(await field(vi('staff.extend.date')).getAttribute('aria-invalid')).toBe('true')
    expect(await field(vi('staff.extend.reason')).inputValue()).toBe(reason)
    expect(await field(vi('staff.extend.time')).inputValue()).toBe('17:00')
    expect(await detail(rules, vi('call.closes'))).toBe(formatDateTime(closes))
    await checkA11y(s)

    await field(vi('staff.extend.date')).fill(formatDate(extended))
    await extend.getByRole('button', { name: vi('staff.extend.button'), exact: true }).click()
    await s.waitForURL((u) => u.pathname === callPath && u.searchParams.get('notice') === 'extended')
    await s.getByRole('alert').getByText(vi('staff.call.extended'), { exact: true }).waitFor()
    expect(await errorSummary(s).count()).toBe(0)
    expect(await detail(rules, vi('call.closes'))).toBe(formatDateTime(extended))
    await extend.getByText(vi('staff.extend.lead', { current: formatDateTime(extended) }), { exact: true }).waitFor()
    // The call's history, newest first, with the extension and its reason.
    const history = s.getByRole('table').filter({ has: s.getByRole('columnheader', { name: vi('audit.col.action'), exact: true }) })
    const historyRows = history.locator('tbody tr')
    expect(await historyRows.evaluateAll((rows) => rows.map((r) => (r.children[1] as HTMLElement).innerText))).toEqual([
      vi('audit.action.call.deadline_extended'),
      vi('audit.action.call.published'),
      vi('audit.action.call.updated'),
      vi('audit.action.call.created'),
    ])
    expect((await historyRows.first().locator('td').allInnerTexts()).slice(2)).toEqual([
      staffAccount.email,
      `${formatDateTime(closes)} → ${formatDateTime(extended)}: ${reason}`,
    ])
    await checkA11y(s)

    await v.reload()
    await expectHeading(v, CALL.title_vi)
    await deadline.getByText(vi('call.closesAt', { time: '17:00', date: formatDate(extended) }), { exact: true }).waitFor()
    await checkA11y(v)

    // The administrator finds the extension in the audit log.
    const admin = await browser.newSession()
    const a = admin.page
    await signInAs(a, demo('admin'))
    await a.locator('header').getByRole('link', { name: vi('nav.admin'), exact: true }).click()
    await a.waitForURL(pathIs('/admin'))
    await expectHeading(a, vi('admin.title'))
    await checkA11y(a)
    await a.getByRole('main').getByRole('link', { name: vi('admin.audit'), exact: true }).click()
    await a.waitForURL(pathIs('/admin/audit'))
    await expectHeading(a, vi('admin.audit'))
    await checkA11y(a)
    await a.getByLabel(vi('audit.filter.action'), { exact: true }).selectOption({ label: vi('audit.action.call.deadline_extended') })
    await a.getByRole('search').getByRole('button', { name: vi('form.search'), exact: true }).click()
    await a.waitForURL((u) => u.pathname === '/admin/audit' && u.searchParams.get('action') === 'call.deadline_extended')
    const log = a.getByRole('table', { name: vi('admin.audit'), exact: true }).locator('tbody tr')
    await expect.poll(() => log.count()).toBe(1)
    const [, actor, action, subject, , details] = await log.first().locator('td').allInnerTexts()
    expect([actor, action, subject]).toEqual([staffAccount.email, vi('audit.action.call.deadline_extended'), `call ${callPath.split('/').pop()}`])
    expect(JSON.parse(details)).toEqual({
      code: CALL.code,
      from: closes.toISOString(),
      to: extended.toISOString(),
      grace_from: 0,
      grace_to: 0,
      reason,
    })
    expect(await a.getByLabel(vi('audit.filter.action'), { exact: true }).inputValue()).toBe('call.deadline_extended')
    await checkA11y(a)

    // Closing it: at once, for good.
    const close = s.getByRole('region', { name: vi('staff.close.title'), exact: true })
    await close.getByRole('button', { name: vi('staff.close.button'), exact: true }).click()
    await s.waitForURL((u) => u.pathname === callPath && u.searchParams.get('notice') === 'closed')
    await s.getByRole('alert').getByText(vi('staff.call.closed'), { exact: true }).waitFor()
    await main.getByText(vi('staff.status.closed'), { exact: true }).waitFor()
    const closedNotice = escapeRegExp(vi('staff.call.closedNotice', { at: '\u0000' })).replace('\u0000', '\\d\\d:\\d\\d \\d\\d/\\d\\d/\\d{4}')
    await main.getByText(new RegExp(`^${closedNotice}$`)).waitFor()
    expect(await extend.count()).toBe(0)
    expect(await close.count()).toBe(0)
    expect(await historyRows.first().locator('td').nth(1).innerText()).toBe(vi('audit.action.call.closed'))
    await checkA11y(s)

    await s.getByRole('main').getByRole('link', { name: `← ${vi('staff.calls.title')}`, exact: true }).click()
    await s.waitForURL(pathIs('/staff/calls'))
    await expectHeading(s, vi('staff.calls.title'))
    const row = s.getByRole('table', { name: vi('staff.calls.title'), exact: true }).getByRole('row').filter({ hasText: CALL.code })
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([
      CALL.code,
      CALL.title_vi,
      vi('staff.status.closed'),
      formatDateTime(opens),
      formatDateTime(extended),
      '1',
    ])
    expect(await row.getByRole('link', { name: vi('staff.calls.open', { code: CALL.code }), exact: true }).getAttribute('href')).toBe(callPath)
    await checkA11y(s)

    // The public page says it is closed, and no longer offers the eligibility check.
    await v.reload()
    await expectHeading(v, CALL.title_vi)
    await publicMain.getByText(vi('calls.phase.closed'), { exact: true }).waitFor()
    await deadline.getByText(vi('calls.deadline.closed'), { exact: true }).waitFor()
    expect(await publicMain.getByRole('link', { name: vi('calls.check.button') }).count()).toBe(0)
    await checkA11y(v)
  })

  test('without JavaScript: errors come back from the server with what was typed; publication lists what is missing', async () => {
    const session = await browser.newSession({ javaScriptEnabled: false })
    const { page } = session
    const field = (label: string) => page.getByLabel(label, { exact: true })
    const opens = localDay(3, 7, 30)
    const closes = localDay(40, 17)
    const code = 'CAPHE-NOJS-2026'
    const title = 'Cơ giới hóa khâu sơ chế cà phê cho hộ kinh doanh'

    await signInAs(page, demo('staff'))
    await page.goto('/staff/calls/new')
    await expectHeading(page, vi('staff.new.title'))
    await checkA11y(page)

    // A code written in lower case with spaces, and a maximum above the budget.
    await field(vi('staff.form.code')).fill('ca phe 2026')
    await field(vi('staff.form.title_vi')).fill(title)
    await field(vi('call.modality')).selectOption({ label: vi('modality.support') })
    await field(vi('call.field')).selectOption({ label: vi('field.deep_processing') })
    await field(vi('staff.form.budget')).fill('500.000.000')
    await field(vi('staff.form.maxAmount')).fill('2.000.000.000')
    await field(vi('staff.form.months')).fill('12')
    await field(vi('staff.form.opens_date')).fill(formatDate(opens))
    await field(vi('staff.form.closes_date')).fill(formatDate(closes))
    await session.tolerating(httpStatusError(400), async () => {
      await page.getByRole('button', { name: vi('staff.form.create'), exact: true }).click()
      await page.waitForLoadState('load')
      await errorSummary(page).waitFor()
    })
    await expectErrors(page, [
      ['code', vi('staff.v.code.format')],
      ['max_amount', vi('staff.v.maxAmount.overBudget')],
    ])
    expect(new URL(page.url()).pathname).toBe('/staff/calls/new')
    expect(await field(vi('staff.form.code')).getAttribute('aria-invalid')).toBe('true')
    expect(await field(vi('staff.form.code')).inputValue()).toBe('ca phe 2026')
    expect(await field(vi('staff.form.title_vi')).inputValue()).toBe(title)
    expect(await field(vi('call.field')).evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text)).toBe(vi('field.deep_processing'))
    expect(await field(vi('staff.form.opens_time')).inputValue()).toBe('07:30')
    expect(await field(vi('staff.form.closes_date')).inputValue()).toBe(formatDate(closes))
    await checkA11y(page)

    await field(vi('staff.form.code')).fill(code)
    await field(vi('staff.form.budget')).fill('2.000.000.000')
    await field(vi('staff.form.maxAmount')).fill('500.000.000')
    await page.getByRole('button', { name: vi('staff.form.create'), exact: true }).click()
    await page.waitForURL((u) => /^\/staff\/calls\/[0-9a-f-]{36}$/.test(u.pathname) && u.searchParams.get('notice') === 'created')
    const callPath = new URL(page.url()).pathname
    await expectHeading(page, vi('staff.edit.title', { code }))
    await page.getByRole('alert').getByText(vi('staff.call.created'), { exact: true }).waitFor()
    await checkA11y(page)

    // A document row begun but not finished: each message names the row.
    await field(vi('staff.form.d.name_vi', { n: 1 })).fill('Bản vẽ thiết kế máy sơ chế')
    await session.tolerating(httpStatusError(400), async () => {
      await page.getByRole('button', { name: vi('staff.form.save'), exact: true }).click()
      await page.waitForLoadState('load')
      await errorSummary(page).waitFor()
    })
    await expectErrors(page, [
      ['d1_name_en', vi('staff.v.document.nameEn', { row: 1 })],
      ['d1_type_pdf', vi('staff.v.document.types', { row: 1 }), 'd1_type_pdf-group-error'],
    ])
    expect(await field(vi('staff.form.d.name_vi', { n: 1 })).inputValue()).toBe('Bản vẽ thiết kế máy sơ chế')
    await checkA11y(page)

    await field(vi('staff.form.d.name_en', { n: 1 })).fill('Design drawings of the processing machine')
    await page.getByRole('checkbox', { name: vi('staff.form.d.mandatory', { n: 1 }), exact: true }).check()
    await page
      .getByRole('group', { name: vi('staff.form.d.types', { n: 1 }), exact: true })
      .getByRole('checkbox', { name: 'PDF', exact: true })
      .check()
    await page.getByRole('button', { name: vi('staff.form.save'), exact: true }).click()
    await page.waitForURL((u) => u.pathname === callPath && u.searchParams.get('notice') === 'saved')
    await page.getByRole('alert').getByText(vi('staff.call.saved'), { exact: true }).waitFor()
    expect(await page.getByRole('checkbox', { name: vi('staff.form.d.mandatory', { n: 1 }), exact: true }).isChecked()).toBe(true)
    await checkA11y(page)

    // The mandatory document is there; the rest is still missing.
    await session.tolerating(httpStatusError(400), async () => {
      await page.getByRole('button', { name: vi('staff.publish.button'), exact: true }).click()
      await page.waitForLoadState('load')
      await errorSummary(page).waitFor()
    })
    await expectErrors(page, [
      [null, vi('staff.error.incomplete')],
      ['title_en', vi('staff.missing.title_en')],
      ['summary_vi', vi('staff.missing.summary_vi')],
      ['summary_en', vi('staff.missing.summary_en')],
      ['description_vi', vi('staff.missing.description_vi')],
      ['description_en', vi('staff.missing.description_en')],
      ['type_enterprise', vi('staff.missing.eligibleTypes'), 'type_enterprise-group-error'],
      ['rubric_id', vi('staff.missing.rubric')],
    ])
    expect(await field(vi('staff.form.d.name_en', { n: 1 })).inputValue()).toBe('Design drawings of the processing machine')
    await page.getByRole('main').getByText(vi('staff.status.draft'), { exact: true }).waitFor()
    await checkA11y(page)
  })
})
