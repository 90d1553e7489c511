import { afterEach, describe, expect, it } from 'vitest'
import { addWorkingDays, clockState, HOLIDAYS_VN, holidaySet, isWorkingDay, vnDate, workingDaysBetween } from './index'

const NONE: ReadonlySet<string> = new Set()
const VN = holidaySet(HOLIDAYS_VN)
/** An instant given as Việt Nam wall-clock time (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`)

describe('vnDate', () => {
  it('is the local date in Việt Nam: 23:30 UTC is already the next day', () => {
    expect(vnDate(new Date('2026-03-05T23:30:00Z'))).toBe('2026-03-06')
    expect(vnDate(new Date('2026-03-05T16:59:59.999Z'))).toBe('2026-03-05')
    expect(vnDate(new Date('2026-03-05T17:00:00Z'))).toBe('2026-03-06')
  })

  it('refuses an invalid date', () => {
    expect(() => vnDate(new Date('nope'))).toThrow(RangeError)
  })
})

describe('isWorkingDay', () => {
  it('is Monday to Friday minus the holidays', () => {
    expect(isWorkingDay('2026-03-06', NONE)).toBe(true) // Friday
    expect(isWorkingDay('2026-03-07', NONE)).toBe(false) // Saturday
    expect(isWorkingDay('2026-03-08', NONE)).toBe(false) // Sunday
    expect(isWorkingDay('2026-09-02', NONE)).toBe(true)
    expect(isWorkingDay('2026-09-02', VN)).toBe(false)
  })

  it('refuses anything but YYYY-MM-DD', () => {
    expect(() => isWorkingDay('06/03/2026', NONE)).toThrow(RangeError)
  })
})

describe('addWorkingDays', () => {
  it('starts counting the working day after the start: Friday + 7 is the Tuesday of the second week', () => {
    expect(addWorkingDays(vn('2026-03-06T09:00:00'), 7, NONE)).toBe('2026-03-17')
    expect(addWorkingDays(vn('2026-03-06T23:59:00'), 1, NONE)).toBe('2026-03-09')
  })

  it('treats a start on a weekend like one on the Friday before', () => {
    expect(addWorkingDays(vn('2026-03-07T10:00:00'), 7, NONE)).toBe('2026-03-17')
    expect(addWorkingDays(vn('2026-03-08T10:00:00'), 1, NONE)).toBe('2026-03-09')
  })

  it('takes the Việt Nam date of the start: Thursday 23:30 UTC is a Friday start', () => {
    expect(addWorkingDays(new Date('2026-03-05T16:30:00Z'), 7, NONE)).toBe('2026-03-16')
    expect(addWorkingDays(new Date('2026-03-05T23:30:00Z'), 7, NONE)).toBe('2026-03-17')
  })

  it('skips holidays: Giỗ Tổ in lieu, 30/4 and 1/5', () => {
    // Wed 22/4: Thu 23 (1), Fri 24 (2), Mon 27 off, Tue 28 (3), Wed 29 (4), Thu 30 and Fri 1/5 off, Mon 4 (5), Tue 5 (6), Wed 6 (7).
    expect(addWorkingDays(vn('2026-04-22T08:00:00'), 7, VN)).toBe('2026-05-06')
    expect(addWorkingDays(vn('2026-04-22T08:00:00'), 7, NONE)).toBe('2026-05-01')
  })

  it('spans Tết 2026 (16–20/2 off)', () => {
    // Fri 13/2: the whole next week is Tết, so days 1–5 are 23–27/2 and day 7 is Tue 3/3.
    expect(addWorkingDays(vn('2026-02-13T15:00:00'), 7, VN)).toBe('2026-03-03')
    expect(addWorkingDays(vn('2026-02-13T15:00:00'), 7, NONE)).toBe('2026-02-24')
    // Received during Tết: counting starts the first day back.
    expect(addWorkingDays(vn('2026-02-17T10:00:00'), 1, VN)).toBe('2026-02-23')
  })

  it('is due on the start date for 0 days, and refuses negative or fractional days', () => {
    expect(addWorkingDays(vn('2026-03-07T10:00:00'), 0, NONE)).toBe('2026-03-07')
    expect(() => addWorkingDays(vn('2026-03-06T10:00:00'), -1, NONE)).toThrow(RangeError)
    expect(() => addWorkingDays(vn('2026-03-06T10:00:00'), 1.5, NONE)).toThrow(RangeError)
  })
})

describe('daylight saving time elsewhere', () => {
  const tz = process.env.TZ
  afterEach(() => {
    process.env.TZ = tz
  })

  it('changes nothing, whatever the server time zone and across the European and American switches', () => {
    const run = () => [
      // Fri 27/3/2026, Europe switches on Sunday 29/3.
      addWorkingDays(new Date('2026-03-27T20:00:00Z'), 3, NONE),
      // Fri 6/3/2026, the United States switch on Sunday 8/3.
      addWorkingDays(new Date('2026-03-06T03:00:00Z'), 1, NONE),
      workingDaysBetween(new Date('2026-10-23T02:00:00Z'), new Date('2026-11-03T02:00:00Z'), NONE),
      vnDate(new Date('2026-03-29T01:30:00Z')),
    ]
    const expected = ['2026-04-01', '2026-03-09', 7, '2026-03-29']
    for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Pacific/Kiritimati']) {
      process.env.TZ = zone
      expect(run(), zone).toEqual(expected)
    }
  })
})

describe('workingDaysBetween', () => {
  const friday = vn('2026-03-06T10:00:00')

  it('counts the working days after the start date up to the date reached', () => {
    expect(workingDaysBetween(friday, vn('2026-03-06T17:00:00'), NONE)).toBe(0)
    expect(workingDaysBetween(friday, vn('2026-03-08T12:00:00'), NONE)).toBe(0)
    expect(workingDaysBetween(friday, vn('2026-03-09T08:00:00'), NONE)).toBe(1)
    expect(workingDaysBetween(friday, vn('2026-03-11T08:00:00'), NONE)).toBe(3)
    expect(workingDaysBetween(friday, vn('2026-03-17T08:00:00'), NONE)).toBe(7)
  })

  it('is 0 before the start and leaves out holidays', () => {
    expect(workingDaysBetween(friday, vn('2026-03-01T08:00:00'), NONE)).toBe(0)
    expect(workingDaysBetween(vn('2026-02-13T15:00:00'), vn('2026-02-23T09:00:00'), VN)).toBe(1)
  })

  it('agrees with addWorkingDays: the due date is day N of N', () => {
    for (const days of [1, 5, 7, 10, 15, 20, 30]) {
      const start = vn('2026-01-30T10:00:00')
      const due = addWorkingDays(start, days, VN)
      expect(workingDaysBetween(start, vn(`${due}T12:00:00`), VN)).toBe(days)
    }
  })
})

describe('clockState', () => {
  // Friday 6/3/2026, 7 working days: due Tuesday 17/3.
  const start = vn('2026-03-06T10:00:00')
  const at = (local: string) => clockState(start, 7, vn(local), NONE)

  it('is ok while more than one working day is left', () => {
    expect(at('2026-03-11T09:00:00')).toEqual({ dueDate: '2026-03-17', elapsed: 3, remaining: 4, overdue: false, level: 'ok' })
  })

  it('is due soon with one working day left, even over a weekend, and on the due date itself', () => {
    expect(at('2026-03-16T09:00:00')).toMatchObject({ elapsed: 6, remaining: 1, level: 'due_soon' })
    expect(at('2026-03-17T23:59:59')).toEqual({ dueDate: '2026-03-17', elapsed: 7, remaining: 0, overdue: false, level: 'due_soon' })
    // Due Monday 16/3 for a 6-day step: on Saturday 14/3 one working day is left.
    expect(clockState(start, 6, vn('2026-03-14T10:00:00'), NONE)).toMatchObject({ dueDate: '2026-03-16', remaining: 1, level: 'due_soon' })
  })

  it('is overdue from the first minute after the due date, a weekend included', () => {
    expect(at('2026-03-18T00:00:00')).toEqual({ dueDate: '2026-03-17', elapsed: 8, remaining: 0, overdue: true, level: 'overdue' })
    // Due Friday 13/3 for a 5-day step: Saturday is already late though no working day has passed.
    expect(clockState(start, 5, vn('2026-03-14T08:00:00'), NONE)).toEqual({ dueDate: '2026-03-13', elapsed: 5, remaining: 0, overdue: true, level: 'overdue' })
  })

  it('runs on the Việt Nam date: 17:00 UTC on the due date is already the next day', () => {
    expect(clockState(start, 7, new Date('2026-03-17T16:59:00Z'), NONE).overdue).toBe(false)
    expect(clockState(start, 7, new Date('2026-03-17T17:00:00Z'), NONE).overdue).toBe(true)
  })
})

describe('HOLIDAYS_VN', () => {
  it('is sorted, unique, valid dates with both names', () => {
    const dates = HOLIDAYS_VN.map((h) => h.date)
    expect([...dates].sort()).toEqual(dates)
    expect(new Set(dates).size).toBe(dates.length)
    for (const h of HOLIDAYS_VN) {
      expect(new Date(`${h.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(h.date)
      expect(h.name_vi && h.name_en).toBeTruthy()
    }
  })

  it('gives the 11 weekdays off a year of the Labour Code in 2026 and 2027', () => {
    for (const year of ['2026', '2027']) {
      const weekdaysOff = HOLIDAYS_VN.filter((h) => h.date.startsWith(year) && isWorkingDay(h.date, NONE))
      expect(weekdaysOff, year).toHaveLength(11)
    }
  })
})
