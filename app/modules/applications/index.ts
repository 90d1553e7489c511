export { canEditDraft, getApplicationForMember, getApplicationForSession, type ApplicationCall, type MemberApplication } from './access'
export {
  attachmentsComplete,
  cleanFilename,
  contentDisposition,
  deleteAttachment,
  downloadName,
  getAttachmentForDownload,
  largestDocumentBytes,
  listAttachmentSlots,
  uploadAttachment,
  type AttachmentSlot,
  type AttachmentSummary,
} from './attachments'
export { type FileStorage, localDiskStorage, STORAGE_KEY, uploadsDir, uploadStorage } from './storage'
export { sniff, type FileType } from './sniff'
export {
  getSection,
  getTaskList,
  listMyApplications,
  organisationComplete,
  saveSection,
  startApplication,
  type MyApplication,
  type NextAction,
  type SaveResult,
  type Section,
  type StartResult,
  type Task,
} from './drafts'
export { receiveUpload, type UploadResult } from './upload'
export {
  canWithdraw,
  checkSubmission,
  formatReference,
  listApplicationEvents,
  vnYear,
  type ApplicationEvent,
  type SubmissionProblem,
} from './submission'
export { withdrawSchema } from './submission-schema'
export { authorizeApplicationMember } from './request'
export { type Dossier, type DossierOrganisation, getDossier } from './dossier'
