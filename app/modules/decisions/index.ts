// Decisions and the register of official documents (numbering per year and type, gap-free).
export {
  cancelNumber,
  DOCUMENT_ABBREVIATION,
  formatDocumentNumber,
  issueNumber,
  listRegister,
  type RegisteredNumber,
  type RegisterEntry,
  takeNumber,
} from './register'
export {
  type DocumentToIssue,
  getDocumentForDownload,
  issueOutcome,
  listDocumentsToIssue,
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
export { getMinutesForDownload, type IssueMinutesResult, issuedMinutes, issueMinutes, listMinutesToIssue } from './minutes'
export { minutesPdf, scoringSheetPdf, type SheetFile, supplementationNoticePdf } from './sheets'
