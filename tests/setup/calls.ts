import type { DB } from '../../db'
import type { CallsTable, EligibilityQuestion, OrganisationType } from '../../db/schema'
import type { Insertable } from 'kysely'

export const IN_PROVINCE: EligibilityQuestion = {
  id: 'in_province',
  text_vi: 'Tổ chức có trụ sở trên địa bàn tỉnh Đắk Lắk không?',
  text_en: 'Is the organisation based in Đắk Lắk province?',
  qualifying: 'yes',
  reason_vi: 'Quỹ chỉ hỗ trợ tổ chức, cá nhân trên địa bàn tỉnh.',
  reason_en: 'The Fund supports only applicants based in the province.',
}
export const NO_DOUBLE_FUNDING: EligibilityQuestion = {
  id: 'double_funding',
  text_vi: 'Nội dung đã được ngân sách nhà nước hỗ trợ chưa?',
  text_en: 'Has the work already received state budget support?',
  qualifying: 'no',
  reason_vi: 'Một nội dung không được ngân sách hỗ trợ hai lần.',
  reason_en: 'The same work cannot be funded twice.',
}

let seq = 0
const HOUR = 3600_000

/**
 * A call with two questions, three documents (inserted out of order) and the "project" rubric; published and
 * open for a month around now unless told otherwise. Returns its id and code.
 */
export async function createCall(db: DB, overrides: Partial<Insertable<CallsTable>> & { documents?: boolean } = {}) {
  const { documents = true, ...values } = overrides
  const now = Date.now()
  const rubric = await db.selectFrom('rubrics').select('id').where('code', '=', 'project').executeTakeFirstOrThrow()
  const code = values.code ?? `TEST-${++seq}-${now.toString(36).toUpperCase()}`
  const row = await db
    .insertInto('calls')
    .values({
      code,
      status: 'published',
      modality: 'grant',
      priority_field: 'hitech_agriculture',
      title_vi: 'Đợt thử nghiệm nông nghiệp công nghệ cao',
      title_en: 'Test call on hi-tech agriculture',
      summary_vi: 'Tóm tắt',
      summary_en: 'Summary',
      description_vi: 'Mô tả đợt.',
      description_en: 'About the call.',
      opens_at: new Date(now - 10 * 24 * HOUR),
      closes_at: new Date(now + 20 * 24 * HOUR),
      grace_minutes: 0,
      budget_total: 5_000_000_000,
      max_amount: 1_000_000_000,
      min_counterpart_pct: 50,
      max_duration_months: 24,
      eligible_types: ['enterprise', 'cooperative'] as OrganisationType[],
      eligibility_questions: [IN_PROVINCE, NO_DOUBLE_FUNDING],
      rubric_id: rubric.id,
      published_at: new Date(now),
      ...values,
    })
    .returning(['id', 'code'])
    .executeTakeFirstOrThrow()
  if (documents) {
    await db
      .insertInto('call_documents')
      .values([
        { call_id: row.id, position: 3, name_vi: 'Tài liệu khác', name_en: 'Other documents', mandatory: false, accepted_types: ['pdf', 'docx'], max_size_mb: 20 },
        { call_id: row.id, position: 1, name_vi: 'Giấy đăng ký doanh nghiệp', name_en: 'Enterprise registration', accepted_types: ['pdf', 'jpg'] },
        { call_id: row.id, position: 2, name_vi: 'Thuyết minh', name_en: 'Proposal', accepted_types: ['pdf'], max_size_mb: 20 },
      ])
      .execute()
  }
  return row
}
