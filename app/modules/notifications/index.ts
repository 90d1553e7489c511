export { enqueueEmail, getOutboxMessage, listOutbox, retryMessage, backoffMs, type OutboxFilter, type OutboxListRow } from './outbox'
export { fileTransport, messageAsEml, smtpTransport, type MailTransport } from './transport'
export { deliverDueEmails, startOutboxWorker, type DeliveryPolicy } from './worker'
