import type { Translate } from '../../i18n'

// Safe for the browser: the names of audited actions, for filters and labels.

export const AUDIT_ACTIONS = [
  'auth.register',
  'auth.email_verified',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_reset_requested',
  'auth.password_reset',
  'auth.password_changed',
  'auth.invitation_sent',
  'auth.invitation_accepted',
  'role.granted',
  'role.revoked',
  'email.retried',
  'call.created',
  'call.updated',
  'call.published',
  'call.closed',
  'call.deadline_extended',
  'organisation.created',
  'organisation.updated',
  'organisation.member_invited',
  'organisation.invitation_cancelled',
  'organisation.member_joined',
  'organisation.member_removed',
  'organisation.member_role_changed',
  'application.attachment_uploaded',
  'application.attachment_deleted',
  'application.attachment_downloaded',
  'application.message_sent',
  'application.note_added',
  'application.screening_saved',
  // One per status the machine moves an application to (app/modules/workflow/machine.ts).
  'application.submitted',
  'application.screening',
  'application.changes_requested',
  'application.resubmitted',
  'application.eligible',
  'application.ineligible',
  'application.in_review',
  'application.reviewed',
  'application.recommended',
  'application.not_recommended',
  'application.approved',
  'application.rejected',
  'application.contracted',
  'application.in_progress',
  'application.acceptance',
  'application.completed',
  'application.failed',
  'application.closed',
  'application.withdrawn',
  'application.cancelled',
] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** The words for an action in the user's language (an action unknown to this version shows its code). */
export function auditActionLabel(t: Translate, action: string): string {
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? t(`audit.action.${action as AuditAction}`) : action
}
