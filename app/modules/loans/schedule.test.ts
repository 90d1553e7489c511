import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addMonths } from '../calendar'
import { allocate } from './allocate'
import { annuityPayment, periodInterest, rateToBp, REPAYMENT_METHODS, repaymentPeriods, repaymentSchedule, scheduleOver } from './schedule'

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0)

describe('periodInterest', () => {
  it('is balance × rate × months / 12, rounded half up to the đồng', () => {
    // 120.000.000 ₫ at 6 % a year for one month: 600.000 ₫.
    expect(periodInterest(120_000_000, 600, 1)).toBe(600_000)
    // 1.000 ₫ at 3 % for one month is 2,5 ₫: rounded up to 3; 999 ₫ gives 2,4975: rounded down to 2.
    expect(periodInterest(1_000, 300, 1)).toBe(3)
    expect(periodInterest(999, 300, 1)).toBe(2)
    // 10 billion at 5 % for three months, exact in integers.
    expect(periodInterest(10_000_000_000, 500, 3)).toBe(125_000_000)
    expect(periodInterest(5_000_000, 0, 12)).toBe(0)
  })
})

describe('repaymentPeriods', () => {
  it('counts one period every so many months from the disbursement, the last on the term’s end', () => {
    expect(repaymentPeriods('2027-01-31', 3, 1)).toEqual([
      { dueOn: '2027-02-28', months: 1 },
      { dueOn: '2027-03-31', months: 1 },
      { dueOn: '2027-04-30', months: 1 },
    ])
    expect(repaymentPeriods('2027-03-10', 8, 3)).toEqual([
      { dueOn: '2027-06-10', months: 3 },
      { dueOn: '2027-09-10', months: 3 },
      { dueOn: '2027-11-10', months: 2 },
    ])
  })
})

describe('repaymentSchedule', () => {
  it('repays equal principal, with interest on the balance that falls', () => {
    const s = repaymentSchedule({ principal: 120_000_000, rateBp: 600, termMonths: 12, everyMonths: 1, method: 'equal_principal', startsOn: '2027-01-15' })
    expect(s).toHaveLength(12)
    expect(s.map((i) => i.principal)).toEqual(Array(12).fill(10_000_000))
    expect(s[0]).toMatchObject({ seq: 1, dueOn: '2027-02-15', opening: 120_000_000, interest: 600_000 })
    expect(s[11]).toMatchObject({ seq: 12, dueOn: '2028-01-15', opening: 10_000_000, interest: 50_000 })
  })

  it('puts the remainder of the division in the last instalment', () => {
    const s = repaymentSchedule({ principal: 100_000_000, rateBp: 0, termMonths: 3, everyMonths: 1, method: 'equal_principal', startsOn: '2027-01-01' })
    expect(s.map((i) => i.principal)).toEqual([33_333_333, 33_333_333, 33_333_334])
    expect(s.map((i) => i.interest)).toEqual([0, 0, 0])
  })

  it('pays an annuity the same each period, the last one settling what remains', () => {
    // 120.000.000 ₫ at 6 % a year, monthly over 12 months: 120e6 · 0,005 / (1 − 1,005^−12) = 10.327.971,89… ₫.
    const s = repaymentSchedule({ principal: 120_000_000, rateBp: 600, termMonths: 12, everyMonths: 1, method: 'annuity', startsOn: '2027-01-15' })
    expect(annuityPayment(120_000_000, 600, 1, 12)).toBe(10_327_972)
    for (const i of s.slice(0, -1)) expect(i.principal + i.interest).toBe(10_327_972)
    expect(s[0]).toMatchObject({ interest: 600_000, principal: 9_727_972 })
    expect(sum(s.map((i) => i.principal))).toBe(120_000_000)
    expect(Math.abs(s[11]!.principal + s[11]!.interest - 10_327_972)).toBeLessThanOrEqual(12)
  })

  const terms = fc.record({
    principal: fc.integer({ min: 1, max: 20_000_000_000 }),
    rateBp: fc.integer({ min: 0, max: 2_000 }),
    termMonths: fc.integer({ min: 1, max: 120 }),
    everyMonths: fc.constantFrom(1, 2, 3, 6, 12),
    method: fc.constantFrom(...REPAYMENT_METHODS),
    startsOn: fc.date({ min: new Date('2020-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  })

  it('always repays the principal exactly, in whole đồng, never a negative part', () => {
    fc.assert(
      fc.property(terms, (t) => {
        const s = repaymentSchedule(t)
        expect(s).toHaveLength(Math.ceil(t.termMonths / t.everyMonths))
        expect(sum(s.map((i) => i.principal))).toBe(t.principal)
        for (const i of s) {
          expect(Number.isSafeInteger(i.principal) && i.principal >= 0).toBe(true)
          expect(Number.isSafeInteger(i.interest) && i.interest >= 0).toBe(true)
          expect(i.interest).toBe(periodInterest(i.opening, t.rateBp, i.months))
        }
        expect(s.at(-1)!.dueOn).toBe(addMonths(t.startsOn, t.termMonths))
        for (let k = 1; k < s.length; k++) {
          expect(s[k]!.dueOn > s[k - 1]!.dueOn).toBe(true)
          expect(s[k]!.opening).toBe(s[k - 1]!.opening - s[k - 1]!.principal)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('repays the same principal each period by equal principal, and the same instalment by annuity (but the last)', () => {
    fc.assert(
      fc.property(terms, (t) => {
        const s = repaymentSchedule(t).slice(0, -1)
        if (t.method === 'equal_principal') for (const i of s) expect(i.principal).toBe(Math.floor(t.principal / (s.length + 1)))
        else {
          // Until the balance runs out early (a tiny principal at a high rate), each instalment is the annuity.
          const payment = annuityPayment(t.principal, t.rateBp, t.everyMonths, s.length + 1)
          for (const i of s.filter((i) => i.opening > payment)) expect(i.principal + i.interest).toBe(payment)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('reschedules any balance over any remaining periods to the đồng', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000_000_000 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.constantFrom(...REPAYMENT_METHODS),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 40 }),
        (balance, rateBp, method, months) => {
          const periods = months.map((m, i) => ({ dueOn: addMonths('2027-01-01', i + 1), months: m }))
          const s = scheduleOver(balance, rateBp, method, periods)
          expect(sum(s.map((i) => i.principal))).toBe(balance)
          for (const i of s) expect(i.principal >= 0 && i.interest >= 0).toBe(true)
        },
      ),
    )
  })
})

describe('rateToBp', () => {
  it('reads a yearly rate in percent to hundredths of a percent', () => {
    expect(rateToBp(3.5)).toBe(350)
    expect(rateToBp('4,25')).toBe(425)
    expect(rateToBp('0')).toBe(0)
    expect(rateToBp('5 %')).toBe(500)
    expect(rateToBp('-1')).toBeNull()
    expect(rateToBp('3.125')).toBeNull()
    expect(rateToBp('abc')).toBeNull()
  })
})

describe('allocate', () => {
  const owed = [
    { id: 'a', interest: 100, principal: 1_000 },
    { id: 'b', interest: 90, principal: 1_000 },
  ]

  it('pays the oldest instalment first, its interest before its principal', () => {
    expect(allocate(owed, 600)).toEqual({ parts: [{ id: 'a', interest: 100, principal: 500 }], rest: 0 })
    expect(allocate(owed, 1_150)).toEqual({
      parts: [
        { id: 'a', interest: 100, principal: 1_000 },
        { id: 'b', interest: 50, principal: 0 },
      ],
      rest: 0,
    })
  })

  it('returns what is more than owed, and never allocates more than the amount', () => {
    expect(allocate(owed, 3_000)).toEqual({
      parts: [
        { id: 'a', interest: 100, principal: 1_000 },
        { id: 'b', interest: 90, principal: 1_000 },
      ],
      rest: 810,
    })
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.string(), interest: fc.nat(1e9), principal: fc.nat(1e9) }), { maxLength: 10 }), fc.nat(1e10), (o, amount) => {
        const { parts, rest } = allocate(o, amount)
        expect(sum(parts.map((p) => p.interest + p.principal)) + rest).toBe(amount)
        expect(rest === 0 || sum(o.map((x) => x.interest + x.principal)) + rest === amount).toBe(true)
      }),
    )
  })
})
