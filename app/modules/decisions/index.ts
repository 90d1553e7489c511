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
  type ClaimedJob,
  decidedSummary,
  endJob,
  getJob,
  getJobZip,
  type JobView,
  latestJob,
  LeaseLost,
  logClaim,
  logLeaseLost,
  renewLease,
  runJob,
  startIssueAll,
  startJobWorker,
} from './bulk'
export { type IssuedDocument } from './documents'
export { getMinutesForDownload, type IssueMinutesResult, issuedMinutes, issueMinutes, listMinutesToIssue } from './minutes'
export { minutesPdf, scoringSheetPdf, type SheetFile, supplementationNoticePdf } from './sheets'
export {
  getSignatureRequest,
  maySign,
  openSignatureRequest,
  presidingSeat,
  previewRequest,
  requestSignature,
  requestsToSign,
  type SignatureRequestView,
  signRequest,
  type SignatureSubject,
  type SignResult,
  withdrawSignatureRequest,
} from './requests'
export { type FundSeal, type Signing, type SigningParty, printedCode } from './signing'
export { type Verification, type VerifiedDocument, verifyCode, verifyFile } from './verify'
export { hasSealImage, listSigners, saveSeal, saveSigner, type SignerView } from './signers'
