import { describe, expect, it } from 'vitest'
import { lateness, reportSchedule } from './schedule'

describe('the reporting schedule', () => {
  it('has a report at the end of each whole period before the contract ends, by default every 6 months', () => {
    expect(reportSchedule({ startsOn: '2027-01-01', endsOn: '2028-12-31', reportEveryMonths: 6 })).toEqual([
      { seq: 1, periodFrom: '2027-01-01', periodTo: '2027-06-30', dueOn: '2027-07-01' },
      { seq: 2, periodFrom: '2027-07-01', periodTo: '2027-12-31', dueOn: '2028-01-01' },
      { seq: 3, periodFrom: '2028-01-01', periodTo: '2028-06-30', dueOn: '2028-07-01' },
    ])
  })

  it('leaves the last stretch to the final dossier and keeps month ends from drifting', () => {
    expect(reportSchedule({ startsOn: '2027-01-01', endsOn: '2027-12-31', reportEveryMonths: 6 }).map((p) => p.dueOn)).toEqual(['2027-07-01'])
    expect(reportSchedule({ startsOn: '2027-01-31', endsOn: '2027-05-15', reportEveryMonths: 1 }).map((p) => p.dueOn)).toEqual(['2027-02-28', '2027-03-31', '2027-04-30'])
    expect(reportSchedule({ startsOn: '2027-01-01', endsOn: '2027-06-30', reportEveryMonths: 6 })).toEqual([])
  })

  it('refuses a period that is not a whole number of months', () => {
    expect(() => reportSchedule({ startsOn: '2027-01-01', endsOn: '2028-01-01', reportEveryMonths: 0 })).toThrow(RangeError)
  })
})

describe('lateness', () => {
  const rules = { reportLateAfterDays: 0, reportVeryLateAfterDays: 30 }
  it('is late the day after the due date and very late past the rule’s days, judged on the first submission', () => {
    expect(lateness({ dueOn: '2027-07-01', firstSubmittedOn: null }, '2027-07-01', rules)).toEqual({ flag: null, daysPastDue: 0 })
    expect(lateness({ dueOn: '2027-07-01', firstSubmittedOn: null }, '2027-07-02', rules)).toEqual({ flag: 'late', daysPastDue: 1 })
    expect(lateness({ dueOn: '2027-07-01', firstSubmittedOn: null }, '2027-07-31', rules).flag).toBe('late')
    expect(lateness({ dueOn: '2027-07-01', firstSubmittedOn: null }, '2027-08-01', rules)).toEqual({ flag: 'very_late', daysPastDue: 31 })
    expect(lateness({ dueOn: '2027-07-01', firstSubmittedOn: '2027-07-05' }, '2027-12-01', rules)).toEqual({ flag: 'late', daysPastDue: 4 })
    expect(lateness({ dueOn: '2027-07-01', firstSubmittedOn: '2027-06-20' }, '2027-12-01', rules)).toEqual({ flag: null, daysPastDue: 0 })
  })
  it('follows the Fund’s days', () => {
    expect(lateness({ dueOn: '2027-07-01', firstSubmittedOn: null }, '2027-07-10', { reportLateAfterDays: 10, reportVeryLateAfterDays: 20 }).flag).toBe(null)
    expect(lateness({ dueOn: '2027-07-01', firstSubmittedOn: null }, '2027-07-22', { reportLateAfterDays: 10, reportVeryLateAfterDays: 20 }).flag).toBe('very_late')
  })
})
