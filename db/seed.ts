import { sql } from 'kysely'
import type { DB } from './index'
import { hashPassword } from '../app/modules/auth/password'
import type { Role } from './schema'

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
  { role: 'admin', email: 'quan.tri@demo.quykhcn.vn', fullName: 'Phạm Quốc Bảo' },
]

const day = 24 * 3600_000
/** A day boundary in Asia/Ho_Chi_Minh (UTC+7), `offsetDays` from today, at hh:mm local time. */
function localDay(now: Date, offsetDays: number, hh: number, mm = 0) {
  const local = new Date(now.getTime() + 7 * 3600_000)
  const midnightUtc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - 7 * 3600_000
  return new Date(midnightUtc + offsetDays * day + (hh * 60 + mm) * 60_000)
}

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
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()

    const calls = [
      {
        code: 'DMST-2026-01',
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
    for (const call of calls) {
      await trx.insertInto('calls').values({ ...call, status: 'published' }).onConflict((oc) => oc.column('code').doNothing()).execute()
    }

    for (const account of DEMO_ACCOUNTS) {
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
