export {
  type AttachmentRenderer,
  type AttachmentRenderers,
  AttachmentsTooLargeError,
  attachmentSummaries,
  backoffMs,
  claimDueMessages,
  encodeAttachments,
  enqueueEmail,
  generateAttachments,
  getOutboxMessage,
  listOutbox,
  MAX_ATTACHMENT_BYTES,
  retryMessage,
  type EmailAttachment,
  type OutboxFilter,
  type OutboxListRow,
} from './outbox'
export { fileTransport, messageAsEml, smtpTransport, type MailTransport } from './transport'
export { deliverDueEmails, startOutboxWorker, type DeliveryPolicy } from './worker'
