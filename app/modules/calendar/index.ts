export { HOLIDAYS_VN, type PublicHoliday } from './holidays-vn'
export {
  addWorkingDays,
  clockState,
  holidaySet,
  isWorkingDay,
  vnDate,
  workingDaysBetween,
  type ClockLevel,
  type ClockState,
} from './working-days'
export { addCalendarDays, addMonths, calendarDaysBetween } from './days'
