// Progress of a funded task (issue 12, ADR 020): the periodic reports on the contract's schedule, their
// versions, products and reminders, and the office's inspections. The public face of app/modules/reports.
export { authorizeTaskMember, authorizeTaskStaff, getTask, type Task } from './access'
export { acceptedReportCount, getReport, listReports, nextDue, portfolioReports, type ReportReader, reportsPage, reviewReport, submitReport, type PortfolioReport, type PortfolioView, type ReportDetail, type ReportRefusal, type ReportSummary } from './reports'
export { addProduct, getProductFile, removeProduct, type ProductRefusal } from './products'
export { sendReportReminders, startReportReminders } from './reminders'
export { lateness, reportSchedule, type Lateness, type ReportPeriod } from './schedule'
export * from './schemas'
// The pages' intents (server only): './intents.server' and './inspections.server', imported by the routes' actions.
