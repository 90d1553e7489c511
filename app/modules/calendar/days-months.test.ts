import { describe, expect, it } from 'vitest'
import { addMonths } from './days'

describe('addMonths', () => {
  it('keeps the day of the month, or takes the month’s last day when it has none', () => {
    expect(addMonths('2027-01-15', 1)).toBe('2027-02-15')
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28')
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29')
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29')
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28')
    expect(addMonths('2027-12-01', 36)).toBe('2030-12-01')
  })

  it('refuses what is not a date', () => {
    expect(() => addMonths('01/02/2027', 1)).toThrow(RangeError)
  })
})
