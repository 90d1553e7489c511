import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import { type EmailData, type EmailTemplateName, emailTemplates, renderEmail } from '../../emails'
import { EMAIL_TEMPLATE_NAMES, emailSamples, sampleData } from '../../emails/samples'
import { isMessageKey, LANGS } from '../../app/i18n'
import * as listPage from '../../app/routes/staff.emails._index'
import * as previewPage from '../../app/routes/staff.emails.$name'
import * as previewHtml from '../../app/routes/staff.emails.$name.html'
import { createTestDb } from '../setup/db'
import { APP_URL, createUser, invoke, sessionFor, testContext } from '../setup/app'

// Every message the portal sends has sample data, renders in both languages to a subject, HTML and plain
// text carrying its links, and can be previewed by staff (and by no one else).

// A template added to the registry without a sample fails the type check here (and in emails/samples.ts).
emailSamples satisfies { [N in EmailTemplateName]: (appUrl: string) => EmailData<N> }

/** The sample's absolute links: every string under the portal's address. */
function linksOf(data: object): string[] {
  return Object.values(data).filter((v): v is string => typeof v === 'string' && v.startsWith(`${APP_URL}/`))
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

describe('the samples', () => {
  it('cover every template of the registry, each with an event to describe it', () => {
    expect(Object.keys(emailSamples).sort()).toEqual(Object.keys(emailTemplates).sort())
    expect(EMAIL_TEMPLATE_NAMES).toEqual(Object.keys(emailTemplates))
    expect(EMAIL_TEMPLATE_NAMES.filter((name) => !isMessageKey(`emails.preview.event.${name}`))).toEqual([])
  })

  for (const name of EMAIL_TEMPLATE_NAMES) {
    for (const lang of LANGS) {
      it(`render ${name} in ${lang}: subject, plain text and HTML, with the sample's links`, () => {
        const data = sampleData(name, APP_URL, lang)
        const links = linksOf(data)
        expect(links.length).toBeGreaterThan(0)
        const mail = renderEmail(name, data, lang)
        expect(mail.subject.trim()).not.toBe('')
        expect(mail.text.trim()).not.toBe('')
        expect(mail.html.trim()).not.toBe('')
        expect(mail.html).toContain(`<html lang="${lang}">`)
        // No placeholder left unfilled and no catalogue key shown instead of its text.
        for (const part of [mail.subject, mail.text]) {
          expect(part).not.toMatch(/\{\w+\}/)
          expect(part).not.toMatch(/\b(email|emails|org|submission|workflow|documents|councils|reviewing)\.[a-z]+\.[a-zA-Z.]+/)
        }
        for (const link of links) expect(mail.text).toContain(link)
        // The button's link is in the HTML, as an attribute.
        const { link, loginLink } = data as { link?: string; loginLink?: string }
        const action = link ?? loginLink
        expect(action).toBeTruthy()
        expect(mail.html).toContain(`href="${escapeHtml(action!)}"`)
      })
    }
  }

  it('are in the recipient’s language where the sending code translates (roles, call titles, dates)', () => {
    expect(sampleData('invitation', APP_URL, 'vi').roles).toBe('Cán bộ Quỹ')
    expect(sampleData('invitation', APP_URL, 'en').roles).toBe('Fund staff')
    expect(renderEmail('application_submitted', sampleData('application_submitted', APP_URL, 'vi'), 'vi').subject).toBe('Đã nhận hồ sơ QKHCN-2026-0001')
    expect(renderEmail('application_submitted', sampleData('application_submitted', APP_URL, 'en'), 'en').subject).toBe('Application QKHCN-2026-0001 received')
    expect(sampleData('password_changed', APP_URL).at).toBe('14:35 12/03/2026')
    expect(sampleData('password_changed', APP_URL, 'en').at).toBe('12/03/2026 14:35')
  })
})

describe('staff’s preview of the templates', () => {
  let handle: DatabaseHandle
  let ctx: ReturnType<typeof testContext>
  let staff: string
  let applicant: string

  beforeAll(async () => {
    handle = await createTestDb()
    ctx = testContext(handle)
    staff = await sessionFor(ctx, (await createUser(handle.db, { roles: ['staff'] })).id)
    applicant = await sessionFor(ctx, (await createUser(handle.db, { roles: ['applicant'] })).id)
  })
  afterAll(() => handle.close())

  it('lists every template with its subject in Vietnamese and in English', async () => {
    const res = await invoke(listPage, ctx, { path: '/staff/emails', cookie: staff })
    expect(res.status).toBe(200)
    const { templates } = (await res.json()) as { templates: { name: string; subjectVi: string; subjectEn: string }[] }
    expect(templates.map((m) => m.name)).toEqual(EMAIL_TEMPLATE_NAMES)
    for (const m of templates) {
      expect(m.subjectVi).toBe(renderEmail(m.name as EmailTemplateName, sampleData(m.name as EmailTemplateName, APP_URL, 'vi') as never, 'vi').subject)
      expect(m.subjectEn).toBe(renderEmail(m.name as EmailTemplateName, sampleData(m.name as EmailTemplateName, APP_URL, 'en') as never, 'en').subject)
      expect(m.subjectVi).not.toBe(m.subjectEn)
    }
  })

  for (const name of EMAIL_TEMPLATE_NAMES) {
    it(`shows ${name} in the language asked for (?in=), Vietnamese by default, its HTML under a CSP of its own`, async () => {
      const byDefault = await invoke(previewPage, ctx, { path: `/staff/emails/${name}`, cookie: staff, params: { name } })
      expect(byDefault.status).toBe(200)
      const vi = await byDefault.json()
      expect(vi).toMatchObject({ name, lang: 'vi', subject: renderEmail(name, sampleData(name, APP_URL, 'vi'), 'vi').subject })
      for (const link of linksOf(sampleData(name, APP_URL, 'vi'))) expect(vi.text).toContain(link)

      const en = await (await invoke(previewPage, ctx, { path: `/staff/emails/${name}?in=en`, cookie: staff, params: { name } })).json()
      expect(en).toMatchObject({ name, lang: 'en', subject: renderEmail(name, sampleData(name, APP_URL, 'en'), 'en').subject })

      const html = await invoke(previewHtml, ctx, { path: `/staff/emails/${name}/html?in=en`, cookie: staff, params: { name } })
      expect(html.status).toBe(200)
      expect(html.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
      const csp = html.headers.get('Content-Security-Policy') ?? ''
      expect(csp).toContain("default-src 'none'")
      expect(csp).toContain('sandbox')
      expect(csp).not.toContain('script-src')
      const body = await html.text()
      expect(body).toContain('<html lang="en">')
      expect(body).toContain(`<title>${escapeHtml(en.subject)}</title>`)
    })
  }

  it('shows Vietnamese for a language it does not know', async () => {
    const res = await invoke(previewPage, ctx, { path: '/staff/emails/verify_email?in=fr', cookie: staff, params: { name: 'verify_email' } })
    expect((await res.json()).lang).toBe('vi')
    const html = await invoke(previewHtml, ctx, { path: '/staff/emails/verify_email/html?in=fr', cookie: staff, params: { name: 'verify_email' } })
    expect(await html.text()).toContain('<html lang="vi">')
  })

  it('answers 404 for a template that does not exist', async () => {
    for (const name of ['khong_co_mau_nay', 'toString', '__proto__']) {
      expect((await invoke(previewPage, ctx, { path: `/staff/emails/${name}`, cookie: staff, params: { name } })).status).toBe(404)
      expect((await invoke(previewHtml, ctx, { path: `/staff/emails/${name}/html`, cookie: staff, params: { name } })).status).toBe(404)
    }
  })

  it('is refused to an applicant (403) and sends the signed-out to sign in', async () => {
    const name = 'verify_email'
    expect((await invoke(listPage, ctx, { path: '/staff/emails', cookie: applicant })).status).toBe(403)
    expect((await invoke(previewPage, ctx, { path: `/staff/emails/${name}`, cookie: applicant, params: { name } })).status).toBe(403)
    expect((await invoke(previewHtml, ctx, { path: `/staff/emails/${name}/html`, cookie: applicant, params: { name } })).status).toBe(403)
    // Unknown names are refused the same way: the page does not tell an applicant which templates exist.
    expect((await invoke(previewPage, ctx, { path: '/staff/emails/nope', cookie: applicant, params: { name: 'nope' } })).status).toBe(403)
    const anonymous = await invoke(listPage, ctx, { path: '/staff/emails' })
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/login/)
  })
})
