import { describe, expect, it } from 'vitest'
import { parseMoney } from '../calls/schemas'
import { draftSchema, sectionSchema } from './section-schemas'
import { baseVersionOf, isSectionKey, pickSection, sectionProblems } from './sections'

const RULES = { max_amount: 1_000_000_000, min_counterpart_pct: 50, max_duration_months: 24 }
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))

describe('section keys', () => {
  it('knows its sections and nothing else', () => {
    expect(isSectionKey('budget')).toBe(true)
    expect(isSectionKey('attachments')).toBe(false)
    expect(isSectionKey('__proto__')).toBe(false)
    expect(isSectionKey(undefined)).toBe(false)
  })
  it('reads the base version or -1 for nonsense', () => {
    expect(baseVersionOf('3')).toBe(3)
    expect(baseVersionOf('x')).toBe(-1)
    expect(baseVersionOf('-1')).toBe(-1)
    expect(baseVersionOf(undefined)).toBe(-1)
  })
})

describe('money as typed', () => {
  it('reads dots, spaces and the currency sign as whole VND', () => {
    expect(parseMoney('1.500.000')).toBe(1_500_000)
    expect(parseMoney('1 500 000 ₫')).toBe(1_500_000)
    expect(parseMoney('1500000')).toBe(1_500_000)
    expect(parseMoney('1.500,5')).toBeNull()
    expect(parseMoney('-5')).toBeNull()
  })
})

describe('the draft schema (autosave)', () => {
  it('keeps whatever was typed, without required checks, and drops unknown names', () => {
    const r = draftSchema('general').safeParse({ title: 'Nửa câu', evil: 'x' })
    expect(r.success).toBe(true)
    expect(pickSection('general', { title: ' Nửa câu ', evil: 'x', summary: '' })).toEqual({ title: 'Nửa câu' })
  })
  it('still refuses text beyond the limits', () => {
    expect(draftSchema('general').safeParse({ title: 'a'.repeat(301) }).success).toBe(false)
  })
})

describe('the section schemas', () => {
  it('requires the completed answer, and runs nothing else when the answer is no', () => {
    expect(issues(sectionSchema('general').safeParse({}))).toEqual({ completed: 'applications.validation.completed.required' })
    expect(sectionSchema('general').safeParse({ completed: 'no' }).success).toBe(true)
  })

  it('general: required fields, the duration as months within the call’s maximum', () => {
    const ok = { title: 'Sấy cà phê bằng năng lượng mặt trời', priority_field: 'renewable_energy', duration_months: '18', summary: 'Tóm tắt', completed: 'yes' }
    expect(sectionSchema('general', RULES).safeParse(ok).success).toBe(true)
    expect(issues(sectionSchema('general', RULES).safeParse({ completed: 'yes' }))).toEqual({
      title: 'applications.validation.title.required',
      priority_field: 'applications.validation.priority_field.required',
      duration_months: 'applications.validation.duration_months.required',
      summary: 'applications.validation.summary.required',
    })
    expect(issues(sectionSchema('general', RULES).safeParse({ ...ok, duration_months: '30' }))).toEqual({ duration_months: 'applications.rule.maxDuration?max=24&months=30' })
    expect(issues(sectionSchema('general', RULES).safeParse({ ...ok, duration_months: 'mười' }))).toEqual({ duration_months: 'applications.validation.duration_months.invalid' })
  })

  it('team: investigator and secretary with an email; a member row needs a name and a role once started', () => {
    const ok = {
      pi_name: 'Nguyễn Văn An', pi_qualification: 'TS. Sinh học', pi_email: 'an@example.vn',
      secretary_name: 'Trần Thị Bình', secretary_qualification: 'ThS.', secretary_email: 'binh@example.vn',
      m1_name: 'Lê Văn Cường', m1_role: 'Thí nghiệm', completed: 'yes',
    }
    expect(sectionSchema('team').safeParse(ok).success).toBe(true)
    expect(issues(sectionSchema('team').safeParse({ ...ok, pi_email: 'không phải thư', m2_qualification: 'KS.' }))).toEqual({
      pi_email: 'validation.email.invalid',
      m2_name: 'applications.validation.member.name?row=2',
      m2_role: 'applications.validation.member.role?row=2',
    })
  })

  it('proposal: the texts and at least one milestone with a real dd/mm/yyyy date', () => {
    const ok = { necessity: 'a', objectives: 'b', content_methods: 'c', products: 'd', applicability: 'e', ms1_title: 'Khảo sát', ms1_due: '31/03/2027', completed: 'yes' }
    expect(sectionSchema('proposal').safeParse(ok).success).toBe(true)
    expect(issues(sectionSchema('proposal').safeParse({ ...ok, ms1_title: '', ms1_due: '' }))).toEqual({ ms1_title: 'applications.validation.milestone.none' })
    expect(issues(sectionSchema('proposal').safeParse({ ...ok, ms2_title: 'Thử nghiệm', ms2_due: '31/02/2027' }))).toEqual({ ms2_due: 'applications.validation.milestone.date?row=2' })
  })

  it('budget: amounts must be money, something requested, and the call’s rules hold', () => {
    const ok = { labour_requested: '400.000.000', labour_own: '300.000.000', equipment_loan: '100.000.000', completed: 'yes' }
    expect(sectionSchema('budget', RULES).safeParse(ok).success).toBe(true)
    expect(issues(sectionSchema('budget', RULES).safeParse({ ...ok, labour_own: 'ba trăm' }))).toEqual({ labour_own: 'applications.validation.money' })
    expect(issues(sectionSchema('budget', RULES).safeParse({ completed: 'yes' }))).toEqual({ labour_requested: 'applications.validation.budget.empty' })
    expect(issues(sectionSchema('budget', RULES).safeParse({ ...ok, labour_requested: '1.100.000.000', labour_own: '1.000.000.000' }))).toEqual({
      labour_requested: 'applications.rule.maxAmount?max=1.000.000.000&amount=1.100.000.000',
    })
    expect(sectionProblems('budget', { labour_requested: '900.000.000', labour_own: '100.000.000' }, RULES)).toEqual({
      labour_own: 'applications.rule.counterpartShort?min=50&counterpart=100.000.000&needed=900.000.000',
    })
  })

  it('declarations: both boxes, as a plain form ("on") or react-hook-form (true) sends them', () => {
    expect(sectionSchema('declarations').safeParse({ truthful: 'on', consent: true, completed: 'yes' }).success).toBe(true)
    expect(issues(sectionSchema('declarations').safeParse({ truthful: 'on', consent: false, completed: 'yes' }))).toEqual({ consent: 'applications.validation.consent.required' })
  })
})
