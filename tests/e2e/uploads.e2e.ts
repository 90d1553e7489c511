import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { translator } from '../../app/i18n'
import { docxWith, EXE, PDF, PDF_HTML_POLYGLOT } from '../fixtures/files'
import { type Applicant, checkEligibilityAndStart, DOCUMENTS, documentSlot, openSection, registerAndSignIn, registerOrganisation, startWithOrganisation } from './support/applicant'
import { checkA11y, httpStatusError, type Session, useBrowser } from './support/browser'
import { usePortal } from './support/hooks'
import { download, expectHeading, pathIs, signIn, uniqueEmail } from './support/ui'

// File names and contents the way a browser sends them (multipart/form-data built by Chromium, with
// JavaScript on and off) and saves them: names with ";", "=", quotes and Vietnamese letters upload and come
// back as chosen; a PDF called .html downloads as a PDF; a Word file carrying programs is refused.

const vi = translator('vi')
const portal = usePortal()
const browser = useBrowser(() => portal().url)

const applicant: Applicant = {
  fullName: 'Hà Thị Thu Trang',
  email: uniqueEmail('thutrang.ha'),
  password: 'tệp đính kèm có dấu chấm phẩy',
  organisation: 'Hợp tác xã Cà phê Công bằng Ea Kiết',
  taxCode: '0314409058-004',
  applicationPath: '',
}

const chooseFile = (page: Page, document: string, replace: boolean) =>
  page.getByLabel(`${vi(replace ? 'attachments.chooseReplacement' : 'attachments.chooseFile')} ${vi('attachments.chooseFor', { name: document })}`, { exact: true })

async function uploadAs(page: Page, document: string, name: string, bytes: Uint8Array, replace: boolean) {
  await chooseFile(page, document, replace).setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) })
  await page.getByRole('button', { name: `${vi(replace ? 'attachments.replace' : 'attachments.upload')} ${document}`, exact: true }).click()
}

async function uploaded(session: Session, document: string, name: string, bytes: Uint8Array, replace = false) {
  const { page } = session
  await uploadAs(page, document, name, bytes, replace)
  await page.getByText(vi('attachments.notice.uploaded', { name: document }), { exact: true }).waitFor()
  await checkA11y(page)
}

describe('file names and contents through the browser', () => {
  test('names with ";", "=", quotes and Vietnamese letters upload and download as chosen; a PDF named .html is saved as a PDF', async () => {
    const session = await browser.newSession()
    const { page } = session
    await registerAndSignIn(session, portal(), applicant)
    await registerOrganisation(page, applicant)
    await checkEligibilityAndStart(page)
    applicant.applicationPath = await startWithOrganisation(page, applicant)
    await openSection(page, 'attachments', applicant.applicationPath)

    await uploaded(session, DOCUMENTS.registration, 'bao-cao;final.pdf', PDF)
    await uploaded(session, DOCUMENTS.proposal, 'Thuyết minh "bản cuối"; phiên bản=2.pdf', PDF)
    await uploaded(session, DOCUMENTS.financials, 'poly.html', PDF_HTML_POLYGLOT)

    const saved = async (document: string, name: string) => download(page, documentSlot(page, document).getByRole('link', { name, exact: true }))
    expect(await saved(DOCUMENTS.registration, 'bao-cao;final.pdf')).toEqual({ filename: 'bao-cao;final.pdf', bytes: Buffer.from(PDF) })
    const proposal = await saved(DOCUMENTS.proposal, 'Thuyết minh "bản cuối"; phiên bản=2.pdf')
    // Chromium saves a quote as "_" (not allowed in Windows names): the rest is the name as chosen.
    expect(proposal.filename.normalize('NFC')).toMatch(/^Thuyết minh [_"]bản cuối[_"]; phiên bản=2\.pdf$/)
    // The polyglot is shown and saved as what its content is: a PDF.
    expect(await saved(DOCUMENTS.financials, 'poly.pdf')).toEqual({ filename: 'poly.pdf', bytes: Buffer.from(PDF_HTML_POLYGLOT) })

    const href = await documentSlot(page, DOCUMENTS.financials).getByRole('link', { name: 'poly.pdf', exact: true }).getAttribute('href')
    const headers = (await page.request.get(href!)).headers()
    expect(headers).toMatchObject({ 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="poly.pdf"; filename*=UTF-8''poly.pdf` })
    // Once: the route sets it on every file it sends, the server on every other response.
    expect(headers['x-content-type-options']).toBe('nosniff')
  })

  test('without JavaScript: the same names go through a plain form POST, and a Word file holding a program is refused in words', async () => {
    const session = await browser.newSession({ javaScriptEnabled: false })
    const { page } = session
    await page.goto('/login')
    await expectHeading(page, vi('login.title'))
    await checkA11y(page)
    await signIn(page, applicant.email, applicant.password)
    await page.waitForURL(pathIs('/home'))
    await checkA11y(page)
    await page.goto(applicant.applicationPath)
    await checkA11y(page)
    await openSection(page, 'attachments', applicant.applicationPath)

    await uploaded(session, DOCUMENTS.commitment, 'cam kết; vốn=50%.pdf', PDF)
    await documentSlot(page, DOCUMENTS.commitment).getByRole('link', { name: 'cam kết; vốn=50%.pdf', exact: true }).waitFor()

    // "Other documents" take Word files: one holding a program and a script is refused, in words.
    const other = 'Tài liệu khác (nếu có)'
    await session.tolerating(httpStatusError(415), async () => {
      await uploadAs(page, other, 'hoa-don.docx', docxWith({ 'word/invoice.exe': EXE, 'run.js': 'WScript.Shell' }), false)
      await page.getByRole('alert').getByText(vi('attachments.error.archiveExecutable', { names: 'invoice.exe, run.js' }), { exact: true }).waitFor()
    })
    await checkA11y(page)
    await expect(page.getByRole('region', { name: `${other} ${vi('attachments.optional')}`, exact: true }).getByText(vi('attachments.none'), { exact: true }).count()).resolves.toBe(1)
  })
})
