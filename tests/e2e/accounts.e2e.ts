import { describe, expect, test } from 'vitest'
import { translator } from '../../app/i18n'
import { checkA11y, httpStatusError, type Session, useBrowser } from './support/browser'
import { usePortal } from './support/hooks'
import { DEMO_PASSWORD } from './support/portal'
import { linkIn } from './support/smtp'
import { demo, expectHeading, pathIs, signedInAs, signIn, uniqueEmail } from './support/ui'

// Accounts end to end, as people use them: the built portal, real SMTP, Chromium with and without
// JavaScript. Fields are found by their labels and buttons by their names, in the language on screen
// (texts from the catalogues). axe checks every page the browser shows.

const vi = translator('vi')
const en = translator('en')

const portal = usePortal()
const browser = useBrowser(() => portal().url)



/** From the link in a verification mail to the signed-in home page. */
async function confirmAndSignIn(session: Session, email: string, password: string, fullName: string) {
  const { page } = session
  const mail = await portal().inbox.waitFor(email, vi('email.verify.subject'))
  expect(mail.text).toContain(vi('email.greeting', { name: fullName }))
  await page.goto(linkIn(mail, portal().url, '/verify-email'))
  await expectHeading(page, vi('verify.done'))
  await checkA11y(page)

  await page.getByRole('main').getByRole('link', { name: vi('nav.login'), exact: true }).click()
  await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('notice') === 'verified')
  await page.getByText(vi('notice.verified')).waitFor()
  await checkA11y(page)

  await signIn(page, email, password)
  await page.waitForURL(pathIs('/home'))
  await signedInAs(page, vi('nav.signedInAs', { name: fullName })).waitFor()
  await checkA11y(page)
}

describe('accounts in the browser', () => {
  test('register, confirm by mail, sign in, switch to English (remembered), sign out', async () => {
    const session = await browser.newSession()
    const { page, context } = session
    const fullName = 'Trương Thị Ngọc Hạnh'
    const email = uniqueEmail('hanh.truong')
    const password = 'cà phê sáng ở Buôn Ma Thuột'

    await page.goto('/')
    await expectHeading(page, vi('home.title'))
    await checkA11y(page)

    await page.locator('header').getByRole('link', { name: vi('nav.register'), exact: true }).click()
    await page.waitForURL(pathIs('/register'))
    await expectHeading(page, vi('register.title'))
    await checkA11y(page)

    await page.getByLabel(vi('field.fullName'), { exact: true }).fill(fullName)
    await page.getByLabel(vi('field.email'), { exact: true }).fill(email)
    await page.getByLabel(vi('field.password'), { exact: true }).fill(password)
    await page.getByRole('button', { name: vi('register.submit'), exact: true }).click()
    await page.waitForURL(pathIs('/check-email'))
    await expectHeading(page, vi('checkEmail.title'))
    await checkA11y(page)

    await confirmAndSignIn(session, email, password, fullName)

    // The language switch in the header: the page in English, and still English after a reload.
    await page.getByRole('link', { name: 'English', exact: true }).click()
    await expectHeading(page, en('start.title'))
    expect(new URL(page.url()).search).toBe('')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await signedInAs(page, en('nav.signedInAs', { name: fullName })).waitFor()
    await checkA11y(page)
    expect((await context.cookies()).find((c) => c.name === 'lang')?.value).toBe('en')

    await page.reload()
    await expectHeading(page, en('start.title'))
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await checkA11y(page)

    await page.locator('header').getByRole('link', { name: en('nav.account'), exact: true }).click()
    await page.waitForURL(pathIs('/account'))
    await expectHeading(page, en('account.title'))
    await page.getByText(email, { exact: true }).waitFor()
    await checkA11y(page)

    // Signing out ends the session on the server, not just in the browser.
    const sessionCookie = (await context.cookies()).find((c) => c.name === '__session')
    expect(sessionCookie?.value).toBeTruthy()
    await page.getByRole('button', { name: en('nav.logout'), exact: true }).click()
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('notice') === 'loggedOut')
    await page.getByText(en('notice.loggedOut')).waitFor()
    await checkA11y(page)
    expect((await context.cookies()).find((c) => c.name === '__session')).toBeUndefined()

    await page.goBack()
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirectTo') === '/account')
    await expectHeading(page, en('login.title'))
    await page.goto('/account')
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirectTo') === '/account')
    await expectHeading(page, en('login.title'))
    await checkA11y(page)

    const replay = await fetch(`${portal().url}/account`, { headers: { Cookie: `__session=${sessionCookie!.value}` }, redirect: 'manual' })
    expect(replay.status).toBe(302)
    expect(replay.headers.get('Location')).toBe('/login?redirectTo=%2Faccount')
  })

  test('password reset: mail, link, new password; the old one and the used link no longer work', async () => {
    const session = await browser.newSession()
    const { page } = session
    const { email, fullName } = demo('applicant')
    const newPassword = 'mùa mưa Tây Nguyên 2026'

    await page.goto('/login')
    await expectHeading(page, vi('login.title'))
    await checkA11y(page)
    await page.getByRole('link', { name: vi('login.forgot'), exact: true }).click()
    await page.waitForURL(pathIs('/forgot-password'))
    await expectHeading(page, vi('forgot.title'))
    await checkA11y(page)

    await page.getByLabel(vi('field.email'), { exact: true }).fill(email)
    await page.getByRole('button', { name: vi('forgot.submit'), exact: true }).click()
    await expectHeading(page, vi('forgot.sent.title'))
    await page.getByText(vi('forgot.sent.body', { email })).waitFor()
    await checkA11y(page)

    const mail = await portal().inbox.waitFor(email, vi('email.reset.subject'))
    const link = linkIn(mail, portal().url, '/reset-password')
    await page.goto(link)
    await expectHeading(page, vi('reset.title'))
    await checkA11y(page)
    await page.getByLabel(vi('field.newPassword'), { exact: true }).fill(newPassword)
    await page.getByRole('button', { name: vi('reset.submit'), exact: true }).click()
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('notice') === 'passwordReset')
    await page.getByText(vi('notice.passwordReset')).waitFor()
    await checkA11y(page)
    await portal().inbox.waitFor(email, vi('email.passwordChanged.subject'))

    // The old password is refused (the form comes back with a 400 and the error summary).
    await session.tolerating(httpStatusError(400), async () => {
      await signIn(page, email, DEMO_PASSWORD)
      await page.getByRole('alert').getByText(vi('login.invalid')).waitFor()
    })
    expect(page.url()).toContain('/login')
    await checkA11y(page)

    await signIn(page, email, newPassword)
    await page.waitForURL(pathIs('/home'))
    await signedInAs(page, vi('nav.signedInAs', { name: fullName })).waitFor()
    await checkA11y(page)

    // The link works once.
    await session.tolerating(httpStatusError(400), async () => {
      await page.goto(link)
      await expectHeading(page, vi('verify.invalid'))
    })
    await page.getByText(vi('reset.invalid')).waitFor()
    await expect(page.getByLabel(vi('field.newPassword'), { exact: true }).count()).resolves.toBe(0)
    await checkA11y(page)
  })

  test('without JavaScript: a validation error keeps what was typed; then register, confirm and sign in', async () => {
    const session = await browser.newSession({ javaScriptEnabled: false })
    const { page } = session
    const fullName = 'Y Blô Niê Kdăm'
    const email = uniqueEmail('ybloniekdam')
    const password = 'rẫy cà phê nhà tôi ở Cư M’gar'

    await page.goto('/register')
    await expectHeading(page, vi('register.title'))
    await checkA11y(page)

    await page.getByLabel(vi('field.fullName'), { exact: true }).fill(fullName)
    await page.getByLabel(vi('field.email'), { exact: true }).fill(email)
    await page.getByLabel(vi('field.password'), { exact: true }).fill('ngắn quá')
    await session.tolerating(httpStatusError(400), async () => {
      await page.getByRole('button', { name: vi('register.submit'), exact: true }).click()
      await page.waitForLoadState('load')
      await page.getByRole('alert').waitFor()
    })
    expect(new URL(page.url()).pathname).toBe('/register')

    // The error summary names the problem and links to the field; the same message stands by the field.
    const summary = page.getByRole('alert')
    await summary.getByRole('heading', { name: vi('form.errorSummary') }).waitFor()
    const summaryLink = summary.getByRole('link', { name: vi('validation.password.tooShort'), exact: true })
    expect(await summaryLink.getAttribute('href')).toBe('#password')
    await expect(page.locator('#password-error').innerText()).resolves.toContain(vi('validation.password.tooShort'))
    const passwordInput = page.getByLabel(vi('field.password'), { exact: true })
    expect(await passwordInput.getAttribute('aria-invalid')).toBe('true')
    expect(await passwordInput.getAttribute('aria-describedby')).toContain('password-error')
    // What was typed is kept, except the password, which is never sent back.
    expect(await page.getByLabel(vi('field.fullName'), { exact: true }).inputValue()).toBe(fullName)
    expect(await page.getByLabel(vi('field.email'), { exact: true }).inputValue()).toBe(email)
    expect(await passwordInput.inputValue()).toBe('')
    await checkA11y(page)

    await passwordInput.fill(password)
    await page.getByRole('button', { name: vi('register.submit'), exact: true }).click()
    await page.waitForURL(pathIs('/check-email'))
    await expectHeading(page, vi('checkEmail.title'))
    await checkA11y(page)

    await confirmAndSignIn(session, email, password, fullName)

    await page.getByRole('button', { name: vi('nav.logout'), exact: true }).click()
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('notice') === 'loggedOut')
    await checkA11y(page)
    expect((await session.context.cookies()).find((c) => c.name === '__session')).toBeUndefined()
  })

  test('an administrator invites a reviewer, who accepts and signs in; the mail and the login are on record', async () => {
    const admin = await browser.newSession()
    const a = admin.page
    const adminAccount = demo('admin')
    const reviewerName = 'Hồ Thị Kim Thoa'
    const reviewerEmail = uniqueEmail('kimthoa.ho')
    const reviewerPassword = 'đánh giá công tâm và khách quan'

    await a.goto('/login')
    await checkA11y(a)
    await signIn(a, adminAccount.email, DEMO_PASSWORD)
    await a.waitForURL(pathIs('/home'))
    await signedInAs(a, vi('nav.signedInAs', { name: adminAccount.fullName })).waitFor()
    await checkA11y(a)

    await a.locator('header').getByRole('link', { name: vi('nav.admin'), exact: true }).click()
    await a.waitForURL(pathIs('/admin'))
    await expectHeading(a, vi('admin.title'))
    await checkA11y(a)
    await a.getByRole('link', { name: vi('admin.users'), exact: true }).click()
    await a.waitForURL(pathIs('/admin/users'))
    await checkA11y(a)
    await a.getByRole('link', { name: vi('users.invite'), exact: true }).click()
    await a.waitForURL(pathIs('/admin/users/invite'))
    await expectHeading(a, vi('invite.title'))
    await checkA11y(a)

    await a.getByLabel(vi('field.fullName'), { exact: true }).fill(reviewerName)
    await a.getByLabel(vi('field.email'), { exact: true }).fill(reviewerEmail)
    await a.getByRole('radio', { name: vi('role.reviewer'), exact: true }).check()
    expect(await a.getByRole('radio', { name: vi('lang.vi'), exact: true }).isChecked()).toBe(true)
    await a.getByRole('button', { name: vi('invite.submit'), exact: true }).click()
    await a.waitForURL((u) => /^\/admin\/users\/[0-9a-f-]{36}$/.test(u.pathname) && u.searchParams.get('notice') === 'invited')
    await a.getByText(vi('invite.done.invited', { email: reviewerEmail })).waitFor()
    await a.getByText(vi('users.status.invited'), { exact: true }).waitFor()
    await checkA11y(a)

    // The reviewer, in a browser of their own.
    const mail = await portal().inbox.waitFor(reviewerEmail, vi('email.invitation.subject'))
    expect(mail.text).toContain(vi('email.greeting', { name: reviewerName }))
    const reviewer = await browser.newSession()
    const r = reviewer.page
    await r.goto(linkIn(mail, portal().url, '/accept-invitation'))
    await expectHeading(r, vi('invite.accept.title'))
    await r.getByText(vi('invite.accept.lead', { email: reviewerEmail })).waitFor()
    expect(await r.getByLabel(vi('field.fullName'), { exact: true }).inputValue()).toBe(reviewerName)
    await checkA11y(r)
    await r.getByLabel(vi('field.password'), { exact: true }).fill(reviewerPassword)
    await r.getByRole('button', { name: vi('invite.accept.submit'), exact: true }).click()
    await r.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('notice') === 'invitationAccepted')
    await r.getByText(vi('notice.invitationAccepted')).waitFor()
    await checkA11y(r)
    await signIn(r, reviewerEmail, reviewerPassword)
    await r.waitForURL(pathIs('/home'))
    await signedInAs(r, vi('nav.signedInAs', { name: reviewerName })).waitFor()
    await checkA11y(r)
    await r.locator('header').getByRole('link', { name: vi('nav.account'), exact: true }).click()
    await r.waitForURL(pathIs('/account'))
    await r.getByText(vi('role.reviewer'), { exact: true }).waitFor()
    expect(await r.locator('header').getByRole('link', { name: vi('nav.admin') }).count()).toBe(0)
    await checkA11y(r)

    // The administrator finds the invitation among the outgoing mail, delivered.
    await a.locator('header').getByRole('link', { name: vi('nav.admin'), exact: true }).click()
    await a.waitForURL(pathIs('/admin'))
    await a.getByRole('link', { name: vi('admin.outbox'), exact: true }).click()
    await a.waitForURL(pathIs('/admin/outbox'))
    const row = a.getByRole('row').filter({ hasText: reviewerEmail }).filter({ hasText: vi('email.invitation.subject') })
    await row.waitFor()
    // The mail has arrived; the worker records it as sent right after the SMTP peer's answer.
    for (let i = 0; i < 20 && (await row.getByText(vi('outbox.state.sent'), { exact: true }).count()) === 0; i++) {
      await new Promise((r) => setTimeout(r, 250))
      await a.reload()
    }
    await row.getByText(vi('outbox.state.sent'), { exact: true }).waitFor()
    await checkA11y(a)
    await row.getByRole('link').click()
    await a.waitForURL((u) => /^\/admin\/outbox\/\d+$/.test(u.pathname))
    await expectHeading(a, vi('email.invitation.subject'))
    await a.getByText(reviewerEmail).first().waitFor()
    await checkA11y(a)

    // … and the reviewer's sign-in in the audit log.
    await a.getByRole('link', { name: vi('outbox.back') }).click()
    await a.waitForURL(pathIs('/admin/outbox'))
    await a.locator('header').getByRole('link', { name: vi('nav.admin'), exact: true }).click()
    await a.waitForURL(pathIs('/admin'))
    await checkA11y(a)
    await a.getByRole('link', { name: vi('admin.audit'), exact: true }).click()
    await a.waitForURL(pathIs('/admin/audit'))
    await expectHeading(a, vi('admin.audit'))
    await checkA11y(a)
    await a.getByLabel(vi('audit.filter.action'), { exact: true }).selectOption({ label: vi('audit.action.auth.login') })
    await a.getByLabel(vi('audit.filter.actor'), { exact: true }).fill(reviewerEmail)
    await a.getByRole('button', { name: vi('form.search'), exact: true }).click()
    await a.waitForURL((u) => u.pathname === '/admin/audit' && u.searchParams.get('action') === 'auth.login')
    const logins = a.getByRole('row').filter({ hasText: reviewerEmail })
    await logins.filter({ hasText: vi('audit.action.auth.login') }).first().waitFor()
    expect(await logins.count()).toBe(1)
    await checkA11y(a)
  })
})
