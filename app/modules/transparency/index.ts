// Transparency (issue 14): a call's published results, the open data, public statistics, the Fund's dashboards
// (a call's funnel and clocks, the resolution's targets) and exports.
export {
  AWARDED,
  listPublishedCalls,
  listPublishedTasks,
  publicationState,
  publishedCall,
  publishResults,
  type PublicationState,
  type PublishedCall,
  type PublishedTask,
} from './publication'
export { allGrants, csvToGrants, type Grant360, grantsPage, grantsToCsv, LICENSE } from './open-data'
export { callDashboard, type CallDashboard, CLOCKS, type ClockKind, dashboardCalls, FUNNEL, type FunnelStage } from './dashboard'
export { publicStatistics, type PublicStatistics, type StatRow } from './statistics'
export { awardedByField, COMPUTATIONS, listTargetProgress, recordTargetValue, type TargetProgress, updateTarget } from './targets'
export {
  buildExport,
  columnTitles,
  DATASETS,
  type Dataset,
  type ExportFormat,
  exportFile,
  exportFilename,
  type ExportJobView,
  type ExportParams,
  exportSize,
  FORMATS,
  INLINE_MAX_ROWS,
  listExports,
  MEDIA_TYPES,
  runExportJob,
  startExport,
  startExportWorker,
} from './exports'
