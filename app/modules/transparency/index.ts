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
