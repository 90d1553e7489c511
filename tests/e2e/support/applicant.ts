import type { Page } from 'playwright-core'
import { translator } from '../../../app/i18n'
import { BUDGET_CATEGORIES, BUDGET_SOURCES } from '../../../app/modules/applications/budget'
import { TASK_ORDER, type TaskKey } from '../../../app/modules/applications/sections'
import { PDF } from '../../fixtures/files'
import { checkA11y, type Session } from './browser'
import type { Portal } from './portal'
import { linkIn } from './smtp'
import { expectHeading, pathIs, signedInAs, signIn } from './ui'

// What an applicant does in the browser before submitting, shared by the browser tests of the draft
// (application.e2e.ts) and of the submission (submission.e2e.ts): register and confirm by mail, register the
// organisation, pass the call's eligibility check, start a draft, and fill its sections and upload its
// documents. Fields are found by their labels, buttons by their names (texts from the catalogues), and axe
// checks every page shown. Every step works with JavaScript on and off.

const vi = translator('vi')

// The demo call as db/seed.ts publishes it, and the documents it asks for.
export const DMST = { code: 'DMST-2026-01', title: 'Hỗ trợ doanh nghiệp đổi mới công nghệ và chuyển đổi số năm 2026' }
export const Q = {
  inProvince: 'Tổ chức hoặc cá nhân đề nghị có trụ sở, cơ sở sản xuất hoặc nơi cư trú trên địa bàn tỉnh Đắk Lắk không?',
  noDoubleFunding: 'Nội dung đề nghị đã hoặc đang được ngân sách nhà nước hỗ trợ từ một nguồn khác không?',
  counterpart50: 'Bạn có cam kết bố trí vốn đối ứng tối thiểu 50% tổng kinh phí không?',
}
export const DOCUMENTS = {
  registration: 'Giấy chứng nhận đăng ký doanh nghiệp hoặc quyết định thành lập',
  proposal: 'Thuyết minh nhiệm vụ (có chữ ký, đóng dấu)',
  financials: 'Báo cáo tài chính 2 năm gần nhất',
  commitment: 'Văn bản cam kết bố trí vốn đối ứng',
}
/** The four mandatory documents and the name of the PDF uploaded for each. */
export const DOCUMENT_FILES: [name: string, filename: string][] = [
  [DOCUMENTS.registration, 'giay-chung-nhan-dkdn.pdf'],
  [DOCUMENTS.proposal, 'thuyet-minh-ky-dong-dau.pdf'],
  [DOCUMENTS.financials, 'bao-cao-tai-chinh-2024-2025.pdf'],
  [DOCUMENTS.commitment, 'cam-ket-von-doi-ung.pdf'],
]

export interface Applicant {
  fullName: string
  email: string
  password: string
  organisation: string
  taxCode: string
  /** The task list of the draft, once started. */
  applicationPath: string
}

// The project the applicants propose (general information, team, proposal).
export const TITLE = 'Ứng dụng IoT giám sát độ ẩm và tưới tiết kiệm cho vườn cà phê Robusta ở Krông Búk'
export const SUMMARY =
  'Lắp đặt cảm biến độ ẩm đất, trạm thời tiết và hệ thống tưới nhỏ giọt điều khiển từ xa cho 50 ha cà phê; xây dựng phần mềm cảnh báo và nhật ký canh tác điện tử cho nông hộ liên kết.'
export const TEAM = {
  pi: { name: 'TS. Lê Văn Đức', qualification: 'Tiến sĩ Khoa học cây trồng', email: 'duc.le@capheede.vn' },
  secretary: { name: 'ThS. Phạm Thị Thùy Dương', qualification: 'Thạc sĩ Công nghệ thông tin', email: 'duong.pham@capheede.vn' },
  member1: { name: 'KS. Y Thuật Buôn Ya', role: 'Lắp đặt và vận hành cảm biến' },
}
export const PROPOSAL = {
  necessity: 'Nông hộ tưới theo kinh nghiệm, tốn nước và phân bón trong mùa khô.',
  objectives: 'Giảm 30% lượng nước tưới và tăng 10% năng suất cà phê.',
  content_methods: 'Khảo sát, lắp đặt thí điểm, đo đạc và so sánh với vườn đối chứng.',
  products: 'Hệ thống cảm biến, phần mềm cảnh báo và quy trình tưới.',
  applicability: 'Chuyển giao cho các hợp tác xã cà phê trong huyện.',
}
export const MILESTONES: [work: string, due: string][] = [
  ['Khảo sát và lắp đặt thí điểm 5 ha', '30/06/2027'],
  ['Mở rộng 50 ha và đánh giá kết quả', '31/12/2027'],
]

/** The section heading as the section page shows it: "1. Thông tin chung". */
export const sectionHeading = (key: TaskKey) => `${TASK_ORDER.indexOf(key) + 1}. ${vi(`applications.section.${key}`)}`

/** The state of every task as the task list shows it. */
export async function taskStates(page: Page): Promise<Record<TaskKey, string>> {
  const states = {} as Record<TaskKey, string>
  for (const key of TASK_ORDER) states[key] = (await page.locator(`#${key}-status`).innerText()).trim()
  return states
}
export const allTasks = (state: 'not_started' | 'in_progress' | 'completed', others: Partial<Record<TaskKey, string>> = {}) =>
  Object.fromEntries(TASK_ORDER.map((k) => [k, others[k] ?? vi(`applications.state.${state}`)])) as Record<TaskKey, string>

/** From the task list into a section, by its link. */
export async function openSection(page: Page, key: TaskKey, applicationPath: string) {
  await page.getByRole('link', { name: vi(`applications.section.${key}`), exact: true }).click()
  await page.waitForURL(pathIs(key === 'attachments' ? `${applicationPath}/attachments` : `${applicationPath}/sections/${key}`))
  await expectHeading(page, key === 'attachments' ? vi('attachments.title') : sectionHeading(key))
  await checkA11y(page)
}

/** "Rồi, tôi đã hoàn thành", then "Lưu và tiếp tục": back on the task list. */
export async function completeSection(page: Page, applicationPath: string) {
  await page.getByRole('group', { name: vi('applications.form.completed'), exact: true }).getByRole('radio', { name: vi('applications.form.completed.yes'), exact: true }).check()
  await page.getByRole('button', { name: vi('applications.form.save'), exact: true }).click()
  await page.waitForURL(pathIs(applicationPath))
  await page.getByRole('heading', { level: 2, name: vi('applications.task.sections'), exact: true }).waitFor()
  await checkA11y(page)
}

/** A budget cell by its (visually hidden) label: "Tiền công lao động: Đề nghị Quỹ hỗ trợ". */
export const budgetCell = (page: Page, category: (typeof BUDGET_CATEGORIES)[number], column: 'requested' | (typeof BUDGET_SOURCES)[number]) =>
  page.getByLabel(vi('applications.budget.line', { category: vi(`applications.budget.category.${category}`), column: vi(`applications.budget.${column}`) }), { exact: true })

/** A document's slot on the attachments page: "Thuyết minh nhiệm vụ (có chữ ký, đóng dấu) (bắt buộc)". */
export const documentSlot = (page: Page, name: string) => page.getByRole('region', { name: `${name} ${vi('attachments.mandatory')}`, exact: true })

/** Register, confirm by the mailed link, sign in (as accounts.e2e.ts does). */
export async function registerAndSignIn(session: Session, portal: Portal, applicant: Applicant) {
  const { page } = session
  await page.goto('/register')
  await expectHeading(page, vi('register.title'))
  await checkA11y(page)
  await page.getByLabel(vi('field.fullName'), { exact: true }).fill(applicant.fullName)
  await page.getByLabel(vi('field.email'), { exact: true }).fill(applicant.email)
  await page.getByLabel(vi('field.password'), { exact: true }).fill(applicant.password)
  await page.getByRole('button', { name: vi('register.submit'), exact: true }).click()
  await page.waitForURL(pathIs('/check-email'))
  await expectHeading(page, vi('checkEmail.title'))
  await checkA11y(page)

  const mail = await portal.inbox.waitFor(applicant.email, vi('email.verify.subject'))
  await page.goto(linkIn(mail, portal.url, '/verify-email'))
  await expectHeading(page, vi('verify.done'))
  await checkA11y(page)
  await page.getByRole('main').getByRole('link', { name: vi('nav.login'), exact: true }).click()
  await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('notice') === 'verified')
  await checkA11y(page)
  await signIn(page, applicant.email, applicant.password)
  await page.waitForURL(pathIs('/home'))
  await signedInAs(page, vi('nav.signedInAs', { name: applicant.fullName })).waitFor()
  await checkA11y(page)
}

/** The applicant's organisation, registered from the header's "organisations" link. */
export async function registerOrganisation(page: Page, applicant: Applicant) {
  await page.locator('header').getByRole('link', { name: vi('nav.organisations'), exact: true }).click()
  await page.waitForURL(pathIs('/organisations'))
  await expectHeading(page, vi('org.list.title'))
  await checkA11y(page)
  await page.getByRole('link', { name: vi('org.list.create'), exact: true }).click()
  await page.waitForURL(pathIs('/organisations/new'))
  await expectHeading(page, vi('org.new.title'))
  await checkA11y(page)
  const field = (label: string) => page.getByLabel(label, { exact: true })
  await page.getByRole('group', { name: vi('org.field.type'), exact: true }).getByRole('radio', { name: vi('org.type.enterprise'), exact: true }).check()
  await field(vi('org.field.name')).fill(applicant.organisation)
  await field(vi('org.field.identifier')).fill(applicant.taxCode)
  await field(vi('org.field.addressLine')).fill('112 Hùng Vương, tổ dân phố 3')
  await field(vi('org.field.ward')).selectOption({ label: vi('org.ward.phuong', { name: 'Tân An' }) })
  await field(vi('org.field.legalRepName')).fill('H’Hen Niê')
  await field(vi('org.field.legalRepTitle')).fill('Giám đốc chi nhánh')
  await field(vi('org.field.phone')).fill('0262 3950 456')
  await field(vi('org.field.email')).fill('lienhe@capheede.vn')
  await page.getByRole('button', { name: vi('org.new.submit'), exact: true }).click()
  await page.waitForURL((u) => /^\/organisations\/[0-9a-f-]{36}$/.test(u.pathname) && u.searchParams.get('notice') === 'created')
  await expectHeading(page, applicant.organisation)
  await checkA11y(page)
}

/** From the call's "Apply", its eligibility check answered so the organisation qualifies; then "start an application". */
export async function checkEligibilityAndStart(page: Page) {
  const question = (legend: string) => page.getByRole('group', { name: legend, exact: true })
  const answer = (legend: string, choice: string) => question(legend).getByRole('radio', { name: choice, exact: true }).check()
  await page.goto(`/calls/${DMST.code}`)
  await expectHeading(page, DMST.title)
  await checkA11y(page)
  // "Apply" leads through the call's self-check.
  await page.getByRole('main').getByRole('link', { name: vi('calls.apply'), exact: true }).click()
  await page.waitForURL(pathIs(`/calls/${DMST.code}/eligibility`))
  await expectHeading(page, vi('calls.eligibility.title'))
  await checkA11y(page)
  await answer(vi('calls.eligibility.typeQuestion'), vi('calls.applicantType.enterprise'))
  await answer(`1. ${Q.inProvince}`, vi('calls.eligibility.yes'))
  await answer(`2. ${Q.noDoubleFunding}`, vi('calls.eligibility.no'))
  await answer(`3. ${Q.counterpart50}`, vi('calls.eligibility.yes'))
  await page.getByRole('button', { name: vi('calls.eligibility.submit'), exact: true }).click()
  await page.getByRole('region', { name: vi('calls.eligibility.eligible.title'), exact: true }).waitFor()
  await checkA11y(page)

  await page.getByRole('link', { name: vi('calls.eligibility.start'), exact: true }).click()
  await page.waitForURL((u) => u.pathname === '/applications/new' && u.searchParams.get('call') === DMST.code)
  await expectHeading(page, vi('applications.new.title'))
  await page.getByText(vi('applications.new.call', { title: DMST.title }), { exact: true }).waitFor()
  // The answers given are shown again.
  const answers = page.getByRole('main').locator('dl.summary-list')
  await answers.getByRole('term').filter({ hasText: Q.noDoubleFunding }).waitFor()
  await checkA11y(page)
}

/** Chooses the organisation and starts: the task list of the new draft, whose path is returned. */
export async function startWithOrganisation(page: Page, applicant: Applicant) {
  await page.getByRole('group', { name: vi('applications.new.organisation'), exact: true }).getByRole('radio', { name: applicant.organisation, exact: true }).check()
  await page.getByRole('button', { name: vi('applications.new.submit'), exact: true }).click()
  await page.waitForURL((u) => /^\/applications\/[0-9a-f-]{36}$/.test(u.pathname))
  await expectHeading(page, vi('applications.task.title'))
  await page.getByText(`${DMST.title} · ${applicant.organisation}`, { exact: true }).waitFor()
  await checkA11y(page)
  return new URL(page.url()).pathname
}

/** The general information form: title, priority field (digital transformation), duration and summary. */
export async function fillGeneral(page: Page, project: { title: string; months: string; summary: string }) {
  await page.getByLabel(vi('applications.general.title'), { exact: true }).fill(project.title)
  await page.getByLabel(vi('applications.general.priority_field'), { exact: true }).selectOption({ label: vi('field.digital_transformation') })
  await page.getByLabel(vi('applications.general.duration_months'), { exact: true }).fill(project.months)
  await page.getByLabel(vi('applications.general.summary'), { exact: true }).fill(project.summary)
}

/** The team form: the principal investigator, the secretary and one member. */
export async function fillTeam(page: Page) {
  const person = async (legend: string, p: { name: string; qualification: string; email?: string }) => {
    const group = page.getByRole('group', { name: legend, exact: true })
    await group.getByLabel(vi('applications.team.name')).fill(p.name)
    await group.getByLabel(vi('applications.team.qualification')).fill(p.qualification)
    if (p.email) await group.getByLabel(vi('applications.team.email')).fill(p.email)
  }
  await person(vi('applications.team.pi'), TEAM.pi)
  await person(vi('applications.team.secretary'), TEAM.secretary)
  const member1 = page.getByRole('group', { name: vi('applications.team.member', { row: 1 }), exact: true })
  await member1.getByLabel(vi('applications.team.name')).fill(TEAM.member1.name)
  await member1.getByLabel(vi('applications.team.role')).fill(TEAM.member1.role)
}

/** The proposal form: its texts and two milestones. */
export async function fillProposal(page: Page) {
  for (const [f, text] of Object.entries(PROPOSAL)) await page.getByLabel(vi(`applications.proposal.${f as keyof typeof PROPOSAL}`), { exact: true }).fill(text)
  for (const [i, [work, due]] of MILESTONES.entries()) {
    const group = page.getByRole('group', { name: vi('applications.proposal.milestone', { row: i + 1 }), exact: true })
    await group.getByLabel(vi('applications.proposal.milestone.title')).fill(work)
    await group.getByLabel(vi('applications.proposal.milestone.due')).fill(due)
  }
}

/**
 * A budget within the call's rules: 800.000.000 ₫ requested from the Fund (at most 1.500.000.000), and
 * 900.000.000 ₫ of counterpart funds (52,94% of 1.700.000.000, at least 50%).
 */
export async function fillBudget(page: Page) {
  await budgetCell(page, 'labour', 'requested').fill('300.000.000')
  await budgetCell(page, 'labour', 'own').fill('200.000.000')
  await budgetCell(page, 'equipment', 'requested').fill('500.000.000')
  await budgetCell(page, 'equipment', 'own').fill('400.000.000')
  await budgetCell(page, 'equipment', 'loan').fill('300.000.000')
}

/** Both declarations ticked. */
export async function fillDeclarations(page: Page) {
  await page.getByLabel(vi('applications.declarations.truthful'), { exact: true }).check()
  await page.getByLabel(vi('applications.declarations.consent'), { exact: true }).check()
}

/** On the attachments page: a PDF for each mandatory document, each upload confirmed and listed in its slot. */
export async function uploadDocuments(page: Page) {
  for (const [name, filename] of DOCUMENT_FILES) {
    await page.getByLabel(`${vi('attachments.chooseFile')} ${vi('attachments.chooseFor', { name })}`, { exact: true }).setInputFiles({ name: filename, mimeType: 'application/pdf', buffer: Buffer.from(PDF) })
    await page.getByRole('button', { name: `${vi('attachments.upload')} ${name}`, exact: true }).click()
    await page.getByText(vi('attachments.notice.uploaded', { name }), { exact: true }).waitFor()
    await documentSlot(page, name).getByRole('link', { name: filename, exact: true }).waitFor()
    await checkA11y(page)
  }
}

/**
 * From the task list of a new draft to every task completed: each section filled and marked complete, the
 * documents uploaded, and back on the task list. Works with JavaScript on and off (the section forms save
 * with their button either way).
 */
export async function completeDraft(page: Page, applicationPath: string, project: { title: string; months: string; summary: string }) {
  await openSection(page, 'general', applicationPath)
  await fillGeneral(page, project)
  await completeSection(page, applicationPath)
  await expectHeading(page, project.title)

  for (const [key, fill] of [
    ['team', fillTeam],
    ['proposal', fillProposal],
    ['budget', fillBudget],
    ['declarations', fillDeclarations],
  ] as const) {
    await openSection(page, key, applicationPath)
    await fill(page)
    await completeSection(page, applicationPath)
  }

  await openSection(page, 'attachments', applicationPath)
  await uploadDocuments(page)
  await page.getByText(vi('attachments.complete'), { exact: true }).waitFor()
  await page.getByRole('link', { name: `← ${vi('attachments.back')}`, exact: true }).click()
  await page.waitForURL(pathIs(applicationPath))
  await expectHeading(page, project.title)
  await checkA11y(page)
  await page.getByText(vi('applications.task.progress', { done: TASK_ORDER.length, total: TASK_ORDER.length }), { exact: true }).waitFor()
}
