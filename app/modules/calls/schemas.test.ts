import { describe, expect, it } from 'vitest'
import { parseVnDateTime, parseVnTime } from '../../lib/params'
import { callFormSchema, callInputSchema, callToFormValues, extendDeadlineSchema, parseMoney, postedFormValues, readCallForm } from './schemas'

const base: Record<string, string> = {
  code: 'dmst-2027-01',
  title_vi: 'Hỗ trợ đổi mới công nghệ',
  modality: 'support',
  priority_field: 'automation',
  opens_date: '05/01/2027',
  opens_time: '07:30',
  closes_date: '05/03/2027',
  closes_time: '17:00',
  budget_total: '6.000.000.000',
  max_amount: '1 500 000 000',
  max_duration_months: '24',
}

describe('money typed by people', () => {
  it('reads whole đồng with dots, spaces or nothing between groups', () => {
    expect(parseMoney('1.500.000.000')).toBe(1_500_000_000)
    expect(parseMoney('1 500 000 000')).toBe(1_500_000_000)
    expect(parseMoney('1\u00a0500\u00a0000')).toBe(1_500_000)
    expect(parseMoney('1500000000')).toBe(1_500_000_000)
    expect(parseMoney(' 150.000.000 ₫ ')).toBe(150_000_000)
    expect(parseMoney('300.000.000 đồng')).toBe(300_000_000)
  })

  it('refuses decimals, misplaced separators, words and amounts beyond 10^15', () => {
    for (const bad of ['1,5', '1.500,50', '1.5', '15.00.000', '1..500', '', 'một tỷ', '-1.000', '1e9', '12.3456', '9'.repeat(17)]) {
      expect(parseMoney(bad), bad).toBeNull()
    }
  })
})

describe('dates and times in Asia/Ho_Chi_Minh', () => {
  it('reads HH:mm and refuses impossible times', () => {
    expect(parseVnTime('07:30')).toBe(450)
    expect(parseVnTime('7:05')).toBe(425)
    expect(parseVnTime('24:00')).toBeNull()
    expect(parseVnTime('12:60')).toBeNull()
    expect(parseVnTime('noon')).toBeNull()
  })

  it('turns a date and a time into the instant in Việt Nam (UTC+7), whatever the server zone', () => {
    expect(parseVnDateTime('05/01/2027', '17:00')?.toISOString()).toBe('2027-01-05T10:00:00.000Z')
    // 06:30 on 1 January in Việt Nam is still 31 December in UTC
    expect(parseVnDateTime('01/01/2027', '06:30')?.toISOString()).toBe('2026-12-31T23:30:00.000Z')
    expect(parseVnDateTime('31/02/2027', '10:00')).toBeNull()
    expect(parseVnDateTime('05/01/2027', '25:00')).toBeNull()
  })
})

describe('the call form', () => {
  it('reads a minimal draft: code in capitals, money as integers, defaults for grace and counterpart', () => {
    const { errors, input } = readCallForm(base)
    expect(errors).toEqual({})
    expect(input).toMatchObject({
      code: 'DMST-2027-01',
      budget_total: 6_000_000_000,
      max_amount: 1_500_000_000,
      grace_minutes: 0,
      min_counterpart_pct: 0,
      max_duration_months: 24,
      eligible_types: [],
      rubric_id: null,
      eligibility_questions: [],
      documents: [],
    })
    expect(input?.opens_at.toISOString()).toBe('2027-01-05T00:30:00.000Z')
    expect(input?.closes_at.toISOString()).toBe('2027-03-05T10:00:00.000Z')
  })

  it('names each wrong field with a catalogue key', () => {
    const { errors } = readCallForm({
      ...base,
      code: 'DMST 2027',
      title_vi: '  ',
      modality: 'lottery',
      priority_field: 'astrology',
      opens_date: '2027-01-05',
      closes_time: '5pm',
      grace_minutes: '2000',
      budget_total: '1,5 tỷ',
      min_counterpart_pct: '101',
      max_duration_months: '0',
      rubric_id: 'abc',
    })
    expect(errors).toEqual({
      code: 'staff.v.code.format',
      title_vi: 'staff.v.title_vi.required',
      modality: 'staff.v.modality.required',
      priority_field: 'staff.v.field.required',
      opens_date: 'staff.v.opens.date',
      closes_time: 'staff.v.closes.time',
      grace_minutes: 'staff.v.grace',
      budget_total: 'staff.v.budget.format',
      min_counterpart_pct: 'staff.v.pct',
      max_duration_months: 'staff.v.months',
      rubric_id: 'staff.v.rubric.invalid',
    })
  })

  it('wants the deadline after the opening and the maximum within the budget', () => {
    const { errors } = readCallForm({ ...base, closes_date: '05/01/2027', closes_time: '07:30', max_amount: '7.000.000.000' })
    expect(errors).toEqual({ closes_date: 'staff.v.closes.afterOpens', max_amount: 'staff.v.maxAmount.overBudget' })
  })

  it('ignores empty question and document rows, and checks the filled ones completely', () => {
    const { errors, input } = readCallForm({
      ...base,
      type_enterprise: 'on',
      type_cooperative: 'true',
      type_university: 'false',
      q2_text_vi: 'Có trụ sở tại Đắk Lắk không?',
      q2_text_en: 'Based in Đắk Lắk?',
      q2_qualifying: 'yes',
      q2_reason_vi: 'Chỉ hỗ trợ trong tỉnh.',
      q2_reason_en: 'Only in the province.',
      d3_name_vi: 'Thuyết minh',
      d3_name_en: 'Proposal',
      d3_mandatory: 'on',
      d3_type_pdf: 'on',
      d3_type_docx: 'on',
      d3_max_mb: '20',
      d5_name_vi: 'Tài liệu khác',
      d5_name_en: 'Other',
      d5_type_zip: 'on',
    })
    expect(errors).toEqual({})
    expect(input?.eligible_types).toEqual(['enterprise', 'cooperative'])
    expect(input?.eligibility_questions).toEqual([
      { id: 'q1', text_vi: 'Có trụ sở tại Đắk Lắk không?', text_en: 'Based in Đắk Lắk?', qualifying: 'yes', reason_vi: 'Chỉ hỗ trợ trong tỉnh.', reason_en: 'Only in the province.' },
    ])
    expect(input?.documents).toEqual([
      { name_vi: 'Thuyết minh', name_en: 'Proposal', mandatory: true, accepted_types: ['pdf', 'docx'], max_size_mb: 20 },
      { name_vi: 'Tài liệu khác', name_en: 'Other', mandatory: false, accepted_types: ['zip'], max_size_mb: 10 },
    ])
  })

  it('reports an incomplete row by row number', () => {
    const { errors } = readCallForm({ ...base, q1_text_vi: 'Câu hỏi?', d2_name_vi: 'Hồ sơ', d2_max_mb: '500' })
    expect(errors).toEqual({
      q1_text_en: 'staff.v.question.textEn?row=1',
      q1_reason_vi: 'staff.v.question.reasonVi?row=1',
      q1_reason_en: 'staff.v.question.reasonEn?row=1',
      q1_qualifying: 'staff.v.question.qualifying?row=1',
      d2_name_en: 'staff.v.document.nameEn?row=2',
      d2_type_pdf: 'staff.v.document.types?row=2',
      d2_max_mb: 'staff.v.document.maxSize?row=2',
    })
  })

  it('checks in the browser without reshaping, so the checked values can be posted again', () => {
    const checked = callFormSchema.safeParse({ ...base, type_enterprise: true, type_household: false })
    expect(checked.success).toBe(true)
    expect(checked.data).toMatchObject({ budget_total: '6.000.000.000', type_enterprise: true })
    const server = callInputSchema.parse(postedFormValues({ ...base, type_enterprise: 'true', type_household: 'false' }))
    expect(server.eligible_types).toEqual(['enterprise'])
    const wrong = callFormSchema.safeParse({ ...base, max_amount: 'nhiều' })
    expect(wrong.success).toBe(false)
    expect(wrong.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['max_amount', 'staff.v.maxAmount.format']])
  })

  it('fills the form back from a saved call, and reads it to the same call', () => {
    const input = readCallForm({ ...base, type_individual: 'on', d1_name_vi: 'A', d1_name_en: 'A', d1_type_pdf: 'on', d1_mandatory: 'on', without_council: 'on' }).input!
    expect(input.without_council).toBe(true)
    expect(readCallForm(base).input!.without_council).toBe(false)
    const values = callToFormValues({ ...input, documents: input.documents })
    expect(values).toMatchObject({ opens_date: '05/01/2027', opens_time: '07:30', budget_total: '6.000.000.000', type_individual: 'on', d1_mandatory: 'on', without_council: 'on' })
    expect(readCallForm(values).input).toEqual(input)
  })
})

describe('the deadline extension form', () => {
  it('needs a date, a time and a reason; grace defaults to 0', () => {
    expect(extendDeadlineSchema.parse({ new_date: '10/03/2027', new_time: '17:00', reason: 'Tết' })).toEqual({
      closes_at: new Date('2027-03-10T10:00:00.000Z'),
      grace_minutes: 0,
      reason: 'Tết',
    })
    const r = extendDeadlineSchema.safeParse({ new_date: '10/03/2027', new_time: '', grace_minutes: '-5', reason: ' ' })
    expect(r.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['new_time', 'staff.v.closes.time'],
      ['grace_minutes', 'staff.v.grace'],
      ['reason', 'staff.v.extend.reason'],
    ])
  })
})
