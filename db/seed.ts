import { sql } from 'kysely'
import type { DB } from './index'
import { hashPassword } from '../app/modules/auth/password'
import type { EligibilityQuestion, OrganisationType, Role } from './schema'

export interface DemoAccount {
  role: Role
  email: string
  fullName: string
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { role: 'applicant', email: 'ung.vien@demo.quykhcn.vn', fullName: 'Nguyễn Thị Hồng Nhung' },
  { role: 'reviewer', email: 'chuyen.gia@demo.quykhcn.vn', fullName: 'Trần Văn Khoa' },
  { role: 'staff', email: 'can.bo@demo.quykhcn.vn', fullName: 'Lê Minh Tuấn' },
  { role: 'director', email: 'giam.doc@demo.quykhcn.vn', fullName: 'Y Dhăm Êban' },
  { role: 'accountant', email: 'ke.toan@demo.quykhcn.vn', fullName: 'Hoàng Thị Thu Hà' },
  { role: 'admin', email: 'quan.tri@demo.quykhcn.vn', fullName: 'Phạm Quốc Bảo' },
]

/**
 * The Fund's pool of experts besides the demo reviewer: enough, with it, to form a council of 7–9 members
 * (chair, vice-chair, secretary, two opponent reviewers, members). Same demo password.
 */
export const DEMO_EXPERTS: DemoAccount[] = [
  ['chuyen.gia2', 'PGS.TS. Nguyễn Đức Thịnh'],
  ['chuyen.gia3', 'TS. H’Yơn Byă'],
  ['chuyen.gia4', 'TS. Lê Thị Bích Ngọc'],
  ['chuyen.gia5', 'ThS. Võ Văn Hùng'],
  ['chuyen.gia6', 'TS. Đặng Quang Vinh'],
  ['chuyen.gia7', 'PGS.TS. Trịnh Thị Mai Anh'],
  ['chuyen.gia8', 'TS. Y Kông Niê'],
  ['chuyen.gia9', 'ThS. Phan Thanh Sơn'],
].map(([local, fullName]) => ({ role: 'reviewer' as const, email: `${local}@demo.quykhcn.vn`, fullName }))

/** What a role is called in each language (the portal's catalogue says the same). */
const ROLE_NAMES: Record<Role, string> = {
  applicant: 'applicant · người nộp hồ sơ',
  reviewer: 'expert · chuyên gia',
  staff: 'staff · cán bộ Quỹ',
  director: 'director · giám đốc',
  admin: 'admin · quản trị',
  accountant: 'chief accountant · kế toán trưởng',
}

/**
 * Every demo account as a table to print (npm start, npm run db:seed): role, e-mail and name, one line each,
 * the accounts of each role together in the order people meet them.
 */
export function demoAccountsTable(): string {
  const rows = [...DEMO_ACCOUNTS, ...DEMO_EXPERTS]
    .map((a, i) => ({ ...a, i }))
    .sort((a, b) => DEMO_ACCOUNTS.findIndex((x) => x.role === a.role) - DEMO_ACCOUNTS.findIndex((x) => x.role === b.role) || a.i - b.i)
    .map((a) => [ROLE_NAMES[a.role], a.email, a.fullName])
  const header = ['Role · vai trò', 'E-mail', 'Name · họ và tên']
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)))
  const line = (cells: string[]) => `  ${cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')}`
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

const day = 24 * 3600_000
/** A day boundary in Asia/Ho_Chi_Minh (UTC+7), `offsetDays` from today, at hh:mm local time. */
function localDay(now: Date, offsetDays: number, hh: number, mm = 0) {
  const local = new Date(now.getTime() + 7 * 3600_000)
  const midnightUtc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - 7 * 3600_000
  return new Date(midnightUtc + offsetDays * day + (hh * 60 + mm) * 60_000)
}

const IN_PROVINCE: EligibilityQuestion = {
  id: 'in_province',
  text_vi: 'Tổ chức hoặc cá nhân đề nghị có trụ sở, cơ sở sản xuất hoặc nơi cư trú trên địa bàn tỉnh Đắk Lắk không?',
  text_en: 'Does the applicant have its seat, a production site or its residence in Đắk Lắk province?',
  qualifying: 'yes',
  reason_vi: 'Quỹ chỉ hỗ trợ tổ chức, cá nhân hoạt động trên địa bàn tỉnh Đắk Lắk.',
  reason_en: 'The Fund supports only organisations and people based in Đắk Lắk province.',
}
const NO_DOUBLE_FUNDING: EligibilityQuestion = {
  id: 'no_double_funding',
  text_vi: 'Nội dung đề nghị đã hoặc đang được ngân sách nhà nước hỗ trợ từ một nguồn khác không?',
  text_en: 'Has the proposed work already received, or is it receiving, state budget support from another source?',
  qualifying: 'no',
  reason_vi: 'Một nội dung không được ngân sách nhà nước hỗ trợ hai lần.',
  reason_en: 'The same work cannot be funded twice by the state budget.',
}
const counterpart = (pct: number): EligibilityQuestion => ({
  id: 'counterpart',
  text_vi: `Bạn có cam kết bố trí vốn đối ứng tối thiểu ${pct}% tổng kinh phí không?`,
  text_en: `Do you commit to co-fund at least ${pct}% of the total cost?`,
  qualifying: 'yes',
  reason_vi: `Đợt này yêu cầu vốn đối ứng tối thiểu ${pct}% tổng kinh phí.`,
  reason_en: `This call requires co-funding of at least ${pct}% of the total cost.`,
})

const doc = (name_vi: string, name_en: string, accepted_types: string[], mandatory = true, max_size_mb = 10) => ({
  name_vi,
  name_en,
  accepted_types,
  mandatory,
  max_size_mb,
})
const REGISTRATION = doc('Giấy chứng nhận đăng ký doanh nghiệp hoặc quyết định thành lập', 'Enterprise registration certificate or founding decision', ['pdf', 'jpg', 'png'])
const PROPOSAL = doc('Thuyết minh nhiệm vụ (có chữ ký, đóng dấu)', 'Task proposal (signed and stamped)', ['pdf'], true, 20)
const FINANCIALS = doc('Báo cáo tài chính 2 năm gần nhất', 'Financial statements of the last 2 years', ['pdf', 'xlsx'])
const COMMITMENT = doc('Văn bản cam kết bố trí vốn đối ứng', 'Letter committing the counterpart funds', ['pdf'])
const OTHER = doc('Tài liệu khác (nếu có)', 'Other documents (if any)', ['pdf', 'docx', 'xlsx', 'jpg', 'png'], false, 20)

/** True when the database holds no fund yet: `npm start` seeds only then. */
export async function isEmpty(db: DB) {
  const row = await db.selectFrom('fund_settings').select('id').executeTakeFirst()
  return !row
}

/**
 * Demo data: the Đắk Lắk fund, four calls from the provincial resolution's priorities (three open, one
 * upcoming) dated around today, and one verified account per role, all with the same password.
 */
export async function seedDemo(db: DB, options: { password: string; now?: Date; scryptLogN?: number }) {
  const now = options.now ?? new Date()
  const hash = await hashPassword(options.password, options.scryptLogN)
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('fund_settings')
      .values({
        parent_body_vi: 'UBND TỈNH ĐẮK LẮK',
        parent_body_en: 'Đắk Lắk Provincial People’s Committee',
        name_vi: 'Quỹ Phát triển khoa học và công nghệ tỉnh Đắk Lắk',
        name_en: 'Đắk Lắk Science and Technology Development Fund',
        short_name: 'QKHCN',
        address: '15 Lê Duẩn, phường Buôn Ma Thuột, tỉnh Đắk Lắk',
        phone: '0262 3852 585',
        email: 'quykhcn@daklak.gov.vn',
        website: 'https://skhcn.daklak.gov.vn',
        document_symbol: 'QKHCN',
        place_name: 'Đắk Lắk',
        signer_authority: '',
        signer_title: 'GIÁM ĐỐC',
        signer_name: 'Y Dhăm Êban',
        // The legal bases of decisions are in legal_bases per kind (migration 0021, /admin/legal-bases); the charter
        // is cited from charter_number/charter_date, which the Fund's admin fills in (no made-up number here).
        legal_bases: [],
        recipients: ['Như Điều 3', 'Sở Khoa học và Công nghệ (để báo cáo)', 'Lưu: VT, NV'],
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()

    const calls = [
      {
        code: 'DMST-2026-01',
        description_vi:
          'Hỗ trợ tối đa 50% kinh phí mua công nghệ, thiết bị, thuê chuyên gia và chuyển đổi số cho doanh nghiệp, hợp tác xã có dự án đổi mới công nghệ trên địa bàn tỉnh. Ưu tiên dự án gắn với chế biến sâu nông sản, tự động hóa và sản phẩm chủ lực của tỉnh.',
        description_en:
          'Up to 50% of the cost of acquiring technology and equipment, hiring experts and digital transformation for enterprises and cooperatives with a technology renewal project in the province. Priority goes to deep processing of farm products, automation and the province’s key products.',
        eligible_types: ['enterprise', 'cooperative'] as OrganisationType[],
        eligibility_questions: [IN_PROVINCE, NO_DOUBLE_FUNDING, counterpart(50)],
        rubric: 'project',
        documents: [REGISTRATION, PROPOSAL, FINANCIALS, COMMITMENT, OTHER],
        modality: 'support' as const,
        priority_field: 'digital_transformation',
        title_vi: 'Hỗ trợ doanh nghiệp đổi mới công nghệ và chuyển đổi số năm 2026',
        title_en: 'Support for technology innovation and digital transformation in enterprises, 2026',
        summary_vi:
          'Hỗ trợ doanh nghiệp trên địa bàn tỉnh đổi mới, nhận chuyển giao công nghệ, ứng dụng tự động hóa và chuyển đổi số trong sản xuất, kinh doanh. Doanh nghiệp đối ứng tối thiểu bằng phần kinh phí đề nghị Quỹ hỗ trợ.',
        summary_en:
          'Support for enterprises in the province to renew and acquire technology, and to apply automation and digital transformation in production and business. Enterprises co-invest at least as much as they request.',
        opens_at: localDay(now, -20, 7, 30),
        closes_at: localDay(now, 25, 17, 0),
        grace_minutes: 15,
        budget_total: 6_000_000_000,
        max_amount: 1_500_000_000,
        min_counterpart_pct: 50,
        max_duration_months: 24,
      },
      {
        code: 'SHTT-OCOP-2026',
        description_vi:
          'Hỗ trợ chi phí tư vấn, lệ phí đăng ký nhãn hiệu, chỉ dẫn địa lý, kiểu dáng công nghiệp trong nước và quốc tế, và xây dựng hệ thống truy xuất nguồn gốc cho sản phẩm đạt chứng nhận OCOP từ 3 sao trở lên.',
        description_en:
          'Support for advice and fees for registering trademarks, geographical indications and industrial designs at home and abroad, and for traceability systems, for products certified OCOP 3 stars or more.',
        eligible_types: ['enterprise', 'cooperative', 'household', 'individual'] as OrganisationType[],
        eligibility_questions: [
          IN_PROVINCE,
          {
            id: 'ocop_certified',
            text_vi: 'Sản phẩm đã được công nhận đạt chuẩn OCOP từ 3 sao trở lên chưa?',
            text_en: 'Has the product been certified OCOP 3 stars or more?',
            qualifying: 'yes',
            reason_vi: 'Đợt này chỉ dành cho sản phẩm đạt chuẩn OCOP từ 3 sao trở lên.',
            reason_en: 'This call is only for products certified OCOP 3 stars or more.',
          } as EligibilityQuestion,
          NO_DOUBLE_FUNDING,
        ],
        rubric: 'project',
        documents: [
          doc('Giấy chứng nhận sản phẩm OCOP', 'OCOP product certificate', ['pdf', 'jpg', 'png']),
          doc('Mẫu nhãn hiệu hoặc kiểu dáng đề nghị bảo hộ', 'The mark or design to protect', ['pdf', 'jpg', 'png']),
          PROPOSAL,
          OTHER,
        ],
        modality: 'support' as const,
        priority_field: 'ocop_ip',
        title_vi: 'Hỗ trợ xác lập và bảo hộ quyền sở hữu trí tuệ cho sản phẩm OCOP',
        title_en: 'Support for establishing and protecting intellectual property rights of OCOP products',
        summary_vi:
          'Hỗ trợ chủ thể sản phẩm OCOP đăng ký nhãn hiệu, chỉ dẫn địa lý, kiểu dáng công nghiệp và xây dựng hệ thống truy xuất nguồn gốc cho cà phê, hồ tiêu, sầu riêng, mắc ca và các đặc sản của tỉnh.',
        summary_en:
          'Support for owners of OCOP products to register trademarks, geographical indications and industrial designs, and to build traceability for coffee, pepper, durian, macadamia and other specialities of the province.',
        opens_at: localDay(now, -10, 7, 30),
        closes_at: localDay(now, 12, 17, 0),
        grace_minutes: 0,
        budget_total: 1_200_000_000,
        max_amount: 150_000_000,
        min_counterpart_pct: 30,
        max_duration_months: 12,
      },
      {
        code: 'NNCNC-AI-2026',
        description_vi:
          'Tài trợ nhiệm vụ khoa học và công nghệ cấp tỉnh do doanh nghiệp, viện, trường chủ trì, có sản phẩm ứng dụng được tại ít nhất một vùng sản xuất của tỉnh. Tổ chức chủ trì đối ứng tối thiểu bằng phần kinh phí đề nghị Quỹ tài trợ.',
        description_en:
          'Grants for provincial S&T tasks led by enterprises, institutes or universities whose results can be applied in at least one farming area of the province. The lead organisation co-funds at least as much as it requests.',
        eligible_types: ['enterprise', 'st_organisation', 'university', 'cooperative'] as OrganisationType[],
        eligibility_questions: [IN_PROVINCE, NO_DOUBLE_FUNDING, counterpart(50)],
        rubric: 'applied_research',
        documents: [REGISTRATION, PROPOSAL, doc('Lý lịch khoa học của chủ nhiệm và thành viên chính', 'CVs of the principal investigator and key members', ['pdf']), COMMITMENT, OTHER],
        modality: 'grant' as const,
        priority_field: 'hitech_agriculture',
        title_vi: 'Ứng dụng trí tuệ nhân tạo và tự động hóa trong nông nghiệp công nghệ cao',
        title_en: 'Artificial intelligence and automation in hi-tech agriculture',
        summary_vi:
          'Tài trợ nhiệm vụ ứng dụng trí tuệ nhân tạo, cảm biến và tự động hóa trong tưới tiêu, dự báo sâu bệnh, chế biến sâu nông sản và thích ứng biến đổi khí hậu tại vùng Tây Nguyên.',
        summary_en:
          'Grants for applying artificial intelligence, sensors and automation to irrigation, pest forecasting, deep processing of farm products and climate adaptation in the Central Highlands.',
        opens_at: localDay(now, -30, 7, 30),
        closes_at: localDay(now, 3, 17, 0),
        grace_minutes: 15,
        budget_total: 9_000_000_000,
        max_amount: 3_000_000_000,
        min_counterpart_pct: 50,
        max_duration_months: 36,
      },
      {
        code: 'VAY-UD-2027',
        description_vi:
          'Cho vay với lãi suất ưu đãi tối đa 70% tổng vốn đầu tư của dự án sản xuất thử nghiệm, thời hạn vay không quá 36 tháng, có tài sản bảo đảm theo quy định.',
        description_en:
          'Loans at a preferential rate of up to 70% of the investment of a pilot production project, for at most 36 months, secured as the rules require.',
        eligible_types: ['enterprise'] as OrganisationType[],
        eligibility_questions: [IN_PROVINCE, NO_DOUBLE_FUNDING, counterpart(30)],
        rubric: 'project',
        documents: [REGISTRATION, PROPOSAL, FINANCIALS, doc('Phương án tài sản bảo đảm', 'Collateral plan', ['pdf']), OTHER],
        modality: 'preferential_loan' as const,
        priority_field: 'renewable_energy',
        title_vi: 'Cho vay ưu đãi thực hiện dự án sản xuất thử nghiệm năng lượng tái tạo',
        title_en: 'Preferential loans for pilot production projects in renewable energy',
        summary_vi:
          'Cho vay với lãi suất ưu đãi để hoàn thiện công nghệ và sản xuất thử nghiệm trong lĩnh vực năng lượng tái tạo, thời hạn vay tối đa 36 tháng.',
        summary_en:
          'Loans at a preferential rate to complete technology and run pilot production in renewable energy, for up to 36 months.',
        opens_at: localDay(now, 10, 7, 30),
        closes_at: localDay(now, 60, 17, 0),
        grace_minutes: 0,
        budget_total: 20_000_000_000,
        max_amount: 5_000_000_000,
        min_counterpart_pct: 30,
        max_duration_months: 36,
      },
    ]
    const rubrics = Object.fromEntries((await trx.selectFrom('rubrics').select(['id', 'code']).execute()).map((r) => [r.code, r.id]))
    for (const { documents, rubric, ...call } of calls) {
      const row = await trx
        .insertInto('calls')
        .values({ ...call, rubric_id: rubrics[rubric], status: 'published', published_at: now })
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!row) continue
      await trx
        .insertInto('call_documents')
        .values(documents.map((d, i) => ({ ...d, call_id: row.id, position: i + 1 })))
        .execute()
    }

    for (const account of [...DEMO_ACCOUNTS, ...DEMO_EXPERTS]) {
      const user = await trx
        .insertInto('users')
        .values({ email: account.email, full_name: account.fullName, password_hash: hash, email_verified_at: now, lang: 'vi' })
        .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!user) continue
      const roles: Role[] = account.role === 'applicant' ? ['applicant'] : [account.role]
      for (const role of roles) await trx.insertInto('user_roles').values({ user_id: user.id, role, granted_by: null }).execute()
    }
  })
}
