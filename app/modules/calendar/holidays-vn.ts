// Official public holidays in Việt Nam (Labour Code 2019, art. 112), as plain data: the days off for public
// servants, weekdays only where a holiday fell on a weekend and was moved (nghỉ bù). The lead loads this list
// into the `holidays` table through a migration; the clocks read the table, so later years are added there
// as the government announces them. Nothing here may import application code.

export interface PublicHoliday {
  /** Local date in Việt Nam, YYYY-MM-DD. */
  date: string
  name_vi: string
  name_en: string
}

export const HOLIDAYS_VN: readonly PublicHoliday[] = [
  { date: '2026-01-01', name_vi: 'Tết Dương lịch', name_en: "New Year's Day" },
  // Tết Nguyên đán falls on 17/2/2026; the announced break is 14–22/2 with the weekends, so the weekdays 16–20/2.
  { date: '2026-02-16', name_vi: 'Tết Nguyên đán', name_en: 'Lunar New Year (Tết)' },
  { date: '2026-02-17', name_vi: 'Tết Nguyên đán', name_en: 'Lunar New Year (Tết)' },
  { date: '2026-02-18', name_vi: 'Tết Nguyên đán', name_en: 'Lunar New Year (Tết)' },
  { date: '2026-02-19', name_vi: 'Tết Nguyên đán', name_en: 'Lunar New Year (Tết)' },
  { date: '2026-02-20', name_vi: 'Tết Nguyên đán', name_en: 'Lunar New Year (Tết)' },
  // 10/3 lunar is a Sunday in 2026: the day off moves to Monday.
  { date: '2026-04-26', name_vi: 'Giỗ Tổ Hùng Vương', name_en: 'Hung Kings Commemoration Day' },
  { date: '2026-04-27', name_vi: 'Nghỉ bù Giỗ Tổ Hùng Vương', name_en: 'Hung Kings Commemoration Day (day in lieu)' },
  { date: '2026-04-30', name_vi: 'Ngày Chiến thắng', name_en: 'Reunification Day' },
  { date: '2026-05-01', name_vi: 'Ngày Quốc tế Lao động', name_en: 'International Labour Day' },
  { date: '2026-09-01', name_vi: 'Quốc khánh', name_en: 'National Day' },
  { date: '2026-09-02', name_vi: 'Quốc khánh', name_en: 'National Day' },

  { date: '2027-01-01', name_vi: 'Tết Dương lịch', name_en: "New Year's Day" },
  // PROVISIONAL until the government announces the 2027 schedule. Tết falls on Saturday 6/2/2027: the five days
  // (the last day of the year and mùng 1–4) are Fri 5/2 to Tue 9/2, and the two on the weekend move to Wed 10/2
  // and Thu 11/2.
  { date: '2027-02-05', name_vi: 'Tết Nguyên đán', name_en: 'Lunar New Year (Tết)' },
  { date: '2027-02-08', name_vi: 'Tết Nguyên đán', name_en: 'Lunar New Year (Tết)' },
  { date: '2027-02-09', name_vi: 'Tết Nguyên đán', name_en: 'Lunar New Year (Tết)' },
  { date: '2027-02-10', name_vi: 'Nghỉ bù Tết Nguyên đán', name_en: 'Lunar New Year (day in lieu)' },
  { date: '2027-02-11', name_vi: 'Nghỉ bù Tết Nguyên đán', name_en: 'Lunar New Year (day in lieu)' },
  { date: '2027-04-16', name_vi: 'Giỗ Tổ Hùng Vương', name_en: 'Hung Kings Commemoration Day' },
  { date: '2027-04-30', name_vi: 'Ngày Chiến thắng', name_en: 'Reunification Day' },
  // 1/5/2027 is a Saturday: the day off moves to Monday 3/5 (provisional, like the Tết dates).
  { date: '2027-05-01', name_vi: 'Ngày Quốc tế Lao động', name_en: 'International Labour Day' },
  { date: '2027-05-03', name_vi: 'Nghỉ bù Ngày Quốc tế Lao động', name_en: 'International Labour Day (day in lieu)' },
  { date: '2027-09-02', name_vi: 'Quốc khánh', name_en: 'National Day' },
  { date: '2027-09-03', name_vi: 'Quốc khánh', name_en: 'National Day' },
]
