// The hub of a funded task (issue 12): its agenda gathered from every post-award part, the grantee's list and
// overview, the office's overview; the portfolio's reader is the contracts module's listPortfolio.
export { type AgendaItem, agendaOf, DUE_SOON_DAYS, isDueSoon, staffHref, taskAgenda } from './agenda'
export { authorizeStaffTaskOverview, authorizeTaskOverview, listMyTasks, type MyTask, tasksDueSoon, type TaskOverview, taskOverview } from './pages'
