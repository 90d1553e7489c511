import { describe, expect, it } from 'vitest'
import type { EligibilityQuestion, OrganisationType } from '../../../db/schema'
import { answersFromForm, applyPath, eligibilitySchema, evaluateEligibility, formFromAnswers, parseAnswers, questionField } from './eligibility'

const q = (id: string, qualifying: 'yes' | 'no'): EligibilityQuestion => ({
  id,
  text_vi: `Câu hỏi ${id}?`,
  text_en: `Question ${id}?`,
  qualifying,
  reason_vi: `Lý do ${id}.`,
  reason_en: `Reason ${id}.`,
})
const call = { eligibility_questions: [q('in_province', 'yes'), q('double_funding', 'no')], eligible_types: ['enterprise', 'cooperative'] as OrganisationType[] }

describe('evaluateEligibility', () => {
  it('is eligible when every answer is the qualifying one', () => {
    expect(evaluateEligibility(call, { questions: { in_province: 'yes', double_funding: 'no' }, applicantType: 'cooperative' })).toEqual({
      eligible: true,
      reasons: [],
      unanswered: [],
    })
  })

  it('gives the reason of each question answered the wrong way, in both languages', () => {
    const r = evaluateEligibility(call, { questions: { in_province: 'no', double_funding: 'yes' } })
    expect(r.eligible).toBe(false)
    expect(r.reasons).toEqual([
      { questionId: 'in_province', reason_vi: 'Lý do in_province.', reason_en: 'Reason in_province.' },
      { questionId: 'double_funding', reason_vi: 'Lý do double_funding.', reason_en: 'Reason double_funding.' },
    ])
  })

  it('lists unanswered questions and is never eligible while any remain', () => {
    const r = evaluateEligibility(call, { questions: { in_province: 'yes' } })
    expect(r).toEqual({ eligible: false, reasons: [], unanswered: ['double_funding'] })
    // Nonsense answers and inherited properties count as unanswered.
    const odd = evaluateEligibility({ ...call, eligibility_questions: [q('toString', 'yes')] }, { questions: {} })
    expect(odd.unanswered).toEqual(['toString'])
  })

  it('refuses a type of applicant the call does not accept, naming the accepted types from the catalogue', () => {
    const r = evaluateEligibility(call, { questions: { in_province: 'yes', double_funding: 'no' }, applicantType: 'individual' })
    expect(r.eligible).toBe(false)
    expect(r.reasons).toEqual([
      { questionId: 'applicant_type', reason_vi: 'Đợt này chỉ dành cho: Doanh nghiệp, Hợp tác xã.', reason_en: 'This call is only open to: Enterprises, Cooperatives.' },
    ])
    expect(evaluateEligibility(call, { questions: { in_province: 'yes', double_funding: 'no' }, applicantType: 'other' }).eligible).toBe(false)
  })

  it('ignores the type when the call accepts every type, and needs nothing when there are no questions', () => {
    expect(evaluateEligibility({ ...call, eligible_types: [] }, { questions: { in_province: 'yes', double_funding: 'no' }, applicantType: 'other' }).eligible).toBe(true)
    expect(evaluateEligibility({ eligibility_questions: [], eligible_types: [] }, { questions: {} })).toEqual({ eligible: true, reasons: [], unanswered: [] })
  })
})

describe('the check form', () => {
  const schema = eligibilitySchema(call)

  it('requires a type and a yes/no for each question, naming the question by its number', () => {
    const r = schema.safeParse({ [questionField('in_province')]: 'yes', [questionField('double_funding')]: 'maybe' })
    expect(r.success).toBe(false)
    const messages = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]))
    expect(messages).toEqual({ applicant_type: 'calls.eligibility.typeRequired', q_double_funding: 'calls.eligibility.answerRequired?n=2' })
  })

  it('accepts only the call’s types or "other"', () => {
    const base = { q_in_province: 'yes', q_double_funding: 'no' }
    expect(schema.safeParse({ ...base, applicant_type: 'other' }).success).toBe(true)
    expect(schema.safeParse({ ...base, applicant_type: 'enterprise' }).success).toBe(true)
    expect(schema.safeParse({ ...base, applicant_type: 'university' }).success).toBe(false)
    expect(eligibilitySchema({ ...call, eligible_types: [] }).safeParse(base).success).toBe(true)
  })

  it('turns form values into answers and back', () => {
    const answers = answersFromForm(call, { q_in_province: 'yes', q_double_funding: 'no', applicant_type: 'enterprise', extra: 'x' })
    expect(answers).toEqual({ questions: { in_province: 'yes', double_funding: 'no' }, applicantType: 'enterprise' })
    expect(formFromAnswers(call, answers)).toEqual({ q_in_province: 'yes', q_double_funding: 'no', applicant_type: 'enterprise' })
  })
})

describe('parseAnswers (the cookie read back)', () => {
  it('accepts answers and refuses anything else', () => {
    expect(parseAnswers({ questions: { a: 'yes' }, applicantType: 'household' })).toEqual({ questions: { a: 'yes' }, applicantType: 'household' })
    expect(parseAnswers({ questions: { a: 'yes' } })).toEqual({ questions: { a: 'yes' } })
    for (const bad of [null, 'x', [], { questions: [] }, { questions: { a: 'maybe' } }, { questions: {}, applicantType: 'admin' }, { questions: {}, applicantType: 1 }]) {
      expect(parseAnswers(bad)).toBeNull()
    }
  })
})

describe("the call page's Apply", () => {
  const question = q('in_province', 'yes')
  it('leads through the self-check when the call has questions or limits who may apply', () => {
    expect(applyPath({ code: 'DMST-2026-01', eligibility_questions: [question], eligible_types: [] })).toBe('/calls/DMST-2026-01/eligibility')
    expect(applyPath({ code: 'DMST-2026-01', eligibility_questions: [], eligible_types: ['enterprise'] })).toBe('/calls/DMST-2026-01/eligibility')
  })
  it('goes straight to starting an application when there is nothing to check', () => {
    expect(applyPath({ code: 'HT 01/2026', eligibility_questions: [], eligible_types: [] })).toBe('/applications/new?call=HT%2001%2F2026')
  })
})
