// The start page (/home): for each role a signed-in person holds, what needs them now, gathered from the
// modules that own each list (no SQL here). Each item names the page where it is done.
export { type ApplicantItem, type ApplicantSection, type StartPage, startPage, START_LIST_LIMIT } from './start'
