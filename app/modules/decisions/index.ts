// Decisions and the register of official documents (one gap-free sequence per year).
export {
  cancelNumber,
  DOCUMENT_ABBREVIATION,
  type ExternalResult,
  nextNumber,
  recordExternalNumber,
  formatDocumentNumber,
  issueNumber,
  listRegister,
  type RegisteredNumber,
  type RegisterEntry,
  takeNumber,
} from './register'
export {
  getDocumentForDownload,
  issueOutcome,
  listDocuments,
  type OutcomeKind,
  outcomeKindOf,
  type OutcomeToIssue,
  outcomeToIssue,
  pendingOutcome,
  previewOutcome,
} from './issue'
export {
  buildZip,
  claimJob,
  decidedSummary,
  getJob,
  getJobZip,
  type JobView,
  latestJob,
  runJob,
  startIssueAll,
  startJobWorker,
} from './bulk'
export { type IssuedDocument } from './documents'
export { getMinutesForDownload, type IssueMinutesResult, issuedMinutes, issueMinutes } from './minutes'
export { minutesPdf, scoringSheetPdf, type SheetFile, supplementationNoticePdf } from './sheets'
