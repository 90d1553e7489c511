import { formatDateTime } from '../app/i18n/format'
import { isLang, type Lang, translator } from '../app/i18n'
import { type EmailData, type EmailTemplateName, emailTemplates, renderEmail } from './index'
import type { RenderedEmail } from './layout'

// Realistic sample data for every template, so that staff can preview each message (staff/emails) and the
// tests can render each one. Links are absolute, under the portal's APP_URL, as the real messages' are.
// The data is what the sending code would pass for a recipient reading `lang` (Vietnamese by default):
// roles and dates are in the recipient's language, names and titles as people typed them.

const NAME = 'Nguyễn Thị Hồng Nhung'
const REFERENCE = 'QKHCN-2026-0001'
const CALL_CODE = 'KHCN-2026-01'
const CALL_TITLE = { vi: 'Đợt gọi hồ sơ nhiệm vụ khoa học và công nghệ năm 2026', en: '2026 call for science and technology projects' }
const APPLICATION_TITLE = 'Ứng dụng chế phẩm sinh học trong canh tác cà phê bền vững tại huyện Cư M’gar'
const ORGANISATION = 'Viện Khoa học Kỹ thuật Nông Lâm nghiệp Tây Nguyên'
const COUNCIL = { vi: 'Hội đồng tư vấn xét chọn nhiệm vụ lĩnh vực nông nghiệp', en: 'Selection council for agriculture tasks' }
/** 14:35 on 12/03/2026 in Việt Nam. */
const AT = new Date('2026-03-12T07:35:00Z')
// A token of the real length and alphabet (base64url of 32 bytes); it opens nothing.
const TOKEN = 'q7Xv2mKc9Rf0bT1eWz4hLs8nYd3pAg6uJ5oE0iCkV2M'
const APPLICATION_ID = '3f2b9c1e-7a4d-4e8b-9c21-5d6f7a8b9c0d'
const ASSIGNMENT_ID = '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f'

export const emailSamples = {
  verify_email: (appUrl: string) => ({ name: NAME, link: `${appUrl}/verify-email?token=${TOKEN}`, hours: 48 }),
  reset_password: (appUrl: string) => ({ name: NAME, link: `${appUrl}/reset-password?token=${TOKEN}`, hours: 1 }),
  password_changed: (appUrl: string, lang: Lang = 'vi') => ({ name: NAME, at: formatDateTime(AT, lang), link: `${appUrl}/forgot-password` }),
  invitation: (appUrl: string, lang: Lang = 'vi') => ({
    name: NAME,
    link: `${appUrl}/accept-invitation?token=${TOKEN}`,
    roles: translator(lang)('role.staff'),
    inviter: 'Trần Văn Quang',
    hours: 7 * 24,
  }),
  account_exists: (appUrl: string) => ({ name: NAME, loginLink: `${appUrl}/login`, resetLink: `${appUrl}/forgot-password` }),
  sign_in_paused: (appUrl: string, lang: Lang = 'vi') => ({
    name: NAME,
    until: formatDateTime(new Date(AT.getTime() + 15 * 60_000), lang),
    link: `${appUrl}/forgot-password`,
  }),
  organisation_invitation: (appUrl: string, lang: Lang = 'vi') => ({
    name: NAME,
    organisation: ORGANISATION,
    role: translator(lang)('org.role.editor'),
    inviter: 'Lê Minh Tuấn',
    link: `${appUrl}/organisation-invitation?token=${TOKEN}`,
    registerLink: `${appUrl}/register`,
    hasAccount: false,
    hours: 7 * 24,
  }),
  application_submitted: (appUrl: string, lang: Lang = 'vi') => ({
    name: NAME,
    reference: REFERENCE,
    callTitle: CALL_TITLE[lang],
    applicationTitle: APPLICATION_TITLE,
    organisation: ORGANISATION,
    submittedAt: formatDateTime(AT, lang),
    link: `${appUrl}/applications/${APPLICATION_ID}`,
  }),
  fund_message: (appUrl: string, lang: Lang = 'vi') => ({
    name: NAME,
    kind: 'change_request' as const,
    reference: REFERENCE,
    applicationTitle: APPLICATION_TITLE,
    callTitle: CALL_TITLE[lang],
    // The Fund's own words, quoted as staff typed them (in Vietnamese).
    body: 'Đề nghị bổ sung bản thuyết minh dự toán kinh phí có chữ ký của thủ trưởng tổ chức chủ trì và xác nhận phần vốn đối ứng.',
    dueOn: '2026-03-26',
    link: `${appUrl}/applications/${APPLICATION_ID}#messages`,
  }),
  revision_submitted: (appUrl: string, lang: Lang = 'vi') => ({
    name: NAME,
    audience: 'applicant' as const,
    reference: REFERENCE,
    applicationTitle: APPLICATION_TITLE,
    callTitle: CALL_TITLE[lang],
    organisation: ORGANISATION,
    by: 'Lê Minh Tuấn',
    at: formatDateTime(AT, lang),
    link: `${appUrl}/applications/${APPLICATION_ID}`,
  }),
  application_withdrawn: (appUrl: string, lang: Lang = 'vi') => ({
    name: NAME,
    audience: 'applicant' as const,
    reference: REFERENCE,
    applicationTitle: APPLICATION_TITLE,
    callTitle: CALL_TITLE[lang],
    organisation: ORGANISATION,
    by: 'Lê Minh Tuấn',
    at: formatDateTime(AT, lang),
    reason: 'Tổ chức chưa bố trí được vốn đối ứng cho năm 2026.',
    link: `${appUrl}/applications/${APPLICATION_ID}`,
  }),
  document_issued: (appUrl: string) => ({
    name: NAME,
    kind: 'decision' as const,
    symbol: '05/QĐ-QKHCN',
    reference: REFERENCE,
    applicationTitle: APPLICATION_TITLE,
    link: `${appUrl}/applications/${APPLICATION_ID}#documents`,
  }),
  signature_requested: (appUrl: string) => ({
    name: 'Y Dhăm Êban',
    kind: 'decision' as const,
    title: `Quyết định phê duyệt: ${REFERENCE} – ${APPLICATION_TITLE}`,
    link: `${appUrl}/signing/${APPLICATION_ID}`,
  }),
  reviewer_invitation: (appUrl: string, lang: Lang = 'vi') => ({
    name: 'PGS.TS. Phạm Văn Hùng',
    council: COUNCIL[lang],
    callCode: CALL_CODE,
    callTitle: CALL_TITLE[lang],
    role: translator(lang)('councils.role.member'),
    applications: 6,
    dueOn: '2026-04-15',
    link: `${appUrl}/review`,
  }),
  review_reminder: (appUrl: string, lang: Lang = 'vi') => ({
    name: 'PGS.TS. Phạm Văn Hùng',
    reference: REFERENCE,
    title: APPLICATION_TITLE,
    council: COUNCIL[lang],
    call: `${CALL_CODE} – ${CALL_TITLE[lang]}`,
    due: '15/04/2026',
    link: `${appUrl}/review/${ASSIGNMENT_ID}`,
  }),
  review_overdue: (appUrl: string, lang: Lang = 'vi') => ({
    name: 'PGS.TS. Phạm Văn Hùng',
    reference: REFERENCE,
    title: APPLICATION_TITLE,
    council: COUNCIL[lang],
    call: `${CALL_CODE} – ${CALL_TITLE[lang]}`,
    due: '15/04/2026',
    link: `${appUrl}/review/${ASSIGNMENT_ID}`,
  }),
  payment_step: (appUrl: string) => ({
    name: NAME,
    step: 'paid' as const,
    audience: 'grantee' as const,
    reference: REFERENCE,
    applicationTitle: APPLICATION_TITLE,
    tranche: 1,
    amount: 180_000_000,
    note: 'UNC 0452/2027 – Kho bạc Nhà nước Đắk Lắk',
    link: `${appUrl}/tasks/${APPLICATION_ID}/payments`,
  }),
  acceptance_event: (appUrl: string) => ({
    name: NAME,
    event: 'passed' as const,
    reference: REFERENCE,
    title: APPLICATION_TITLE,
    day: '2028-02-15',
    rating: 'pass',
    link: `${appUrl}/tasks/${APPLICATION_ID}/results`,
  }),
  loan_disbursed: (appUrl: string) => ({
    name: 'Nguyễn Thị Hoa',
    reference: REFERENCE,
    title: APPLICATION_TITLE,
    amount: '2.000.000.000 ₫',
    date: '15/01/2027',
    firstDue: '15/04/2027',
    firstAmount: '191.666.667 ₫',
    link: `${appUrl}/tasks/${APPLICATION_ID}/loan`,
  }),
  loan_instalment_due: (appUrl: string) => ({
    name: 'Nguyễn Thị Hoa',
    reference: REFERENCE,
    title: APPLICATION_TITLE,
    seq: 2,
    due: '15/07/2027',
    amount: '189.583.333 ₫',
    link: `${appUrl}/tasks/${APPLICATION_ID}/loan`,
  }),
  loan_instalment_overdue: (appUrl: string) => ({
    name: 'Nguyễn Thị Hoa',
    reference: REFERENCE,
    title: APPLICATION_TITLE,
    seq: 2,
    due: '15/07/2027',
    amount: '189.583.333 ₫',
    days: 12,
    link: `${appUrl}/tasks/${APPLICATION_ID}/loan`,
  }),
  loan_repaid: (appUrl: string) => ({
    name: 'Nguyễn Thị Hoa',
    reference: REFERENCE,
    title: APPLICATION_TITLE,
    date: '15/01/2030',
    link: `${appUrl}/tasks/${APPLICATION_ID}/loan`,
  }),
  report_submitted: (appUrl: string) => ({
    name: 'Lê Thị Mai',
    reference: REFERENCE,
    title: APPLICATION_TITLE,
    organisation: ORGANISATION,
    seq: 1,
    version: 1,
    period: '01/01/2027 – 30/06/2027',
    due: '01/07/2027',
    by: NAME,
    link: `${appUrl}/staff/tasks/${APPLICATION_ID}/reports#report-1`,
  }),
  report_reviewed: (appUrl: string) => ({
    name: NAME,
    reference: REFERENCE,
    title: APPLICATION_TITLE,
    seq: 1,
    version: 1,
    period: '01/01/2027 – 30/06/2027',
    due: '01/07/2027',
    outcome: 'changes_requested' as const,
    note: 'Đề nghị bổ sung kết quả thử nghiệm trên 2 ha tại xã Ea Tar.',
    link: `${appUrl}/tasks/${APPLICATION_ID}/reports#report-1`,
  }),
  report_reminder: (appUrl: string) => ({
    name: NAME,
    reference: REFERENCE,
    title: APPLICATION_TITLE,
    organisation: ORGANISATION,
    seq: 1,
    period: '01/01/2027 – 30/06/2027',
    due: '01/07/2027',
    days: 0,
    link: `${appUrl}/tasks/${APPLICATION_ID}/reports#report-1`,
  }),
  report_overdue: (appUrl: string) => ({
    name: NAME,
    audience: 'grantee' as const,
    level: 'late' as const,
    reference: REFERENCE,
    title: APPLICATION_TITLE,
    organisation: ORGANISATION,
    seq: 1,
    period: '01/01/2027 – 30/06/2027',
    due: '01/07/2027',
    days: 5,
    link: `${appUrl}/tasks/${APPLICATION_ID}/reports#report-1`,
  }),
  contract_proposed: (appUrl: string) => ({ name: NAME, reference: REFERENCE, applicationTitle: APPLICATION_TITLE, link: `${appUrl}/tasks/${APPLICATION_ID}` }),
  contract_accepted: (appUrl: string, lang: Lang = 'vi') => ({
    name: 'Trần Văn Quang',
    kind: 'contract' as const,
    reference: REFERENCE,
    applicationTitle: APPLICATION_TITLE,
    by: NAME,
    at: formatDateTime(AT, lang),
    link: `${appUrl}/staff/tasks/${APPLICATION_ID}`,
  }),
  contract_document_issued: (appUrl: string) => ({
    name: NAME,
    kind: 'contract' as const,
    symbol: '07/HĐ-QKHCN',
    reference: REFERENCE,
    applicationTitle: APPLICATION_TITLE,
    link: `${appUrl}/tasks/${APPLICATION_ID}#documents`,
  }),
  contract_change_requested: (appUrl: string) => ({
    name: 'Trần Văn Quang',
    kind: 'extension' as const,
    reference: REFERENCE,
    applicationTitle: APPLICATION_TITLE,
    by: NAME,
    reasons: 'Mưa kéo dài làm chậm vụ thu hoạch thử nghiệm; đề nghị gia hạn 6 tháng.',
    link: `${appUrl}/staff/tasks/${APPLICATION_ID}`,
  }),
  contract_change_decided: (appUrl: string) => ({
    name: NAME,
    kind: 'extension' as const,
    approved: true,
    reference: REFERENCE,
    applicationTitle: APPLICATION_TITLE,
    note: 'Đồng ý gia hạn đến ngày 30/06/2028.',
    link: `${appUrl}/tasks/${APPLICATION_ID}`,
  }),
  contract_change_step: (appUrl: string) => ({
    name: NAME,
    step: 'amendment_proposed' as const,
    kind: 'extension' as const,
    reference: REFERENCE,
    applicationTitle: APPLICATION_TITLE,
    by: '',
    link: `${appUrl}/tasks/${APPLICATION_ID}/changes`,
  }),
} satisfies { [N in EmailTemplateName]: (appUrl: string, lang?: Lang) => EmailData<N> }

/** The templates in the registry's order. */
export const EMAIL_TEMPLATE_NAMES = Object.keys(emailTemplates) as EmailTemplateName[]

export function isEmailTemplateName(value: unknown): value is EmailTemplateName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(emailTemplates, value)
}

/** The sample data of a template, as a recipient reading `lang` would get it. */
export function sampleData<N extends EmailTemplateName>(name: N, appUrl: string, lang: Lang = 'vi'): EmailData<N> {
  const sample = emailSamples[name] as (appUrl: string, lang: Lang) => EmailData<N>
  return sample(appUrl, lang)
}

/** A template rendered from its sample, in one language: what the recipient would get. */
export function renderSample(name: EmailTemplateName, appUrl: string, lang: Lang): RenderedEmail {
  return renderEmail(name, sampleData(name, appUrl, lang), lang)
}

/**
 * The language of a preview: `?in=vi|en`, Vietnamese if absent or unknown. (`?lang=` is the page's own
 * language, which the portal switches and redirects on.)
 */
export function previewLanguage(request: Request): Lang {
  const value = new URL(request.url).searchParams.get('in')
  return isLang(value) ? value : 'vi'
}
