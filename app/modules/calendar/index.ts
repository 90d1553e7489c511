export { HOLIDAYS_VN, type PublicHoliday } from './holidays-vn'
export { addMonths } from './months'
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
