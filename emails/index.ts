import { type Lang, translator } from '../app/i18n'
import * as acceptance from './acceptance'
import * as account from './account'
import * as applications from './applications'
import * as loans from './loans'
import * as contracts from './contracts'
import * as organisations from './organisations'
import * as payments from './payments'
import * as reports from './reports'
import * as reviews from './reviews'
import { type RenderedEmail, renderContent } from './layout'

/** Every message the portal sends, by name. The outbox stores the name with the rendered message. */
export const emailTemplates = {
  verify_email: account.verifyEmail,
  reset_password: account.resetPassword,
  password_changed: account.passwordChanged,
  invitation: account.invitation,
  account_exists: account.accountExists,
  sign_in_paused: account.signInPaused,
  organisation_invitation: organisations.organisationInvitation,
  application_submitted: applications.applicationSubmitted,
  fund_message: applications.fundMessage,
  application_withdrawn: applications.applicationWithdrawn,
  revision_submitted: applications.revisionSubmitted,
  document_issued: applications.documentIssued,
  signature_requested: applications.signatureRequested,
  reviewer_invitation: reviews.reviewerInvitation,
  review_reminder: reviews.reviewReminder,
  review_overdue: reviews.reviewOverdue,
  payment_step: payments.paymentStep,
  acceptance_event: acceptance.acceptanceEvent,
  loan_disbursed: loans.loanDisbursed,
  loan_instalment_due: loans.loanInstalmentDue,
  loan_instalment_overdue: loans.loanInstalmentOverdue,
  loan_repaid: loans.loanRepaid,
  report_submitted: reports.reportSubmitted,
  report_reviewed: reports.reportReviewed,
  report_reminder: reports.reportReminder,
  report_overdue: reports.reportOverdue,
  contract_proposed: contracts.contractProposed,
  contract_accepted: contracts.contractAccepted,
  contract_document_issued: contracts.contractDocumentIssued,
  contract_change_requested: contracts.contractChangeRequested,
  contract_change_decided: contracts.contractChangeDecided,
  contract_change_step: contracts.contractChangeStep,
}

export type EmailTemplateName = keyof typeof emailTemplates
export type EmailData<N extends EmailTemplateName> = Parameters<(typeof emailTemplates)[N]>[0]

/** Renders a template in the recipient's language to subject, HTML and plain text. */
export function renderEmail<N extends EmailTemplateName>(name: N, data: EmailData<N>, lang: Lang): RenderedEmail {
  const t = translator(lang)
  const build = emailTemplates[name] as (d: EmailData<N>, t: ReturnType<typeof translator>) => ReturnType<typeof account.verifyEmail>
  return renderContent(build(data, t), t, lang)
}
