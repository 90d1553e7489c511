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
] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]
