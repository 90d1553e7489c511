// The Fund office's side of applications: the inbox with its clocks, the application as staff work on it,
// the screening checklist and internal notes. Status changes go through the workflow module.
export { foldedWordsMatch, type InboxClock, type InboxFilter, type InboxPage, type InboxRow, listInbox, loadHolidays, searchWords } from './inbox'
export {
  addStaffNote,
  type Checklist,
  checklistComplete,
  getApplicationForStaff,
  getChecklist,
  listStaffNotes,
  saveChecklist,
  type StaffApplication,
  type StaffNote,
} from './desk'
export { CHECK_ITEMS, type CheckItem } from './schemas'
export { authorizeStaffApplication } from './request'
