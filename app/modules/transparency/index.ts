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
export { callDashboard, type CallDashboard, dashboardCalls } from './dashboard'
export { CLOCKS, type ClockKind, COMPUTATIONS, DATASET_PAGE, DATASETS, type Dataset, type ExportPage, type ExportFormat, FORMATS, FUNNEL, type FunnelStage, INLINE_MAX_ROWS } from './kinds'
export { publicStatistics, type PublicStatistics, type StatRow } from './statistics'
export { awardedByField, listTargetProgress, recordTargetValue, type TargetProgress, updateTarget } from './targets'
export {
  buildExport,
  columnTitles,
  exportFile,
  type ExportFilter,
  exportFilter,
  exportFilename,
  exportQuery,
  type ExportJobView,
  type ExportParams,
  exportSize,
  listExports,
  MEDIA_TYPES,
  runExportJob,
  startExport,
  startExportWorker,
} from './exports'
