import type { Role } from '../../../db/schema'

// THE permission policy: every access decision in the portal comes from here. Deny by default.

export type Permission =
  | 'account:self'
  | 'organisation:use'
  | 'call:manage'
  | 'application:read'
  | 'application:screen'
  | 'application:decide'
  | 'council:manage'
  | 'council:meet'
  | 'review:own'
  | 'document:sign'
  | 'admin:users:manage'
  | 'admin:outbox:read'
  | 'admin:audit:read'
  | 'admin:settings'
  | 'payment:read'
  | 'payment:check'
  | 'payment:approve'
  | 'loan:read'
  | 'loan:record'
  | 'task:read'

const GRANTS: Record<Role, readonly Permission[]> = {
  applicant: ['account:self', 'organisation:use'],
  reviewer: ['account:self', 'review:own', 'council:meet', 'document:sign'],
  staff: ['account:self', 'call:manage', 'application:read', 'application:screen', 'council:manage', 'council:meet', 'document:sign', 'payment:read', 'payment:check', 'loan:read', 'loan:record', 'task:read'],
  director: ['account:self', 'application:read', 'application:decide', 'document:sign', 'payment:read', 'loan:read', 'task:read'],
  admin: ['account:self', 'admin:users:manage', 'admin:outbox:read', 'admin:audit:read', 'admin:settings'],
  // Kế toán trưởng: approves payments and records them paid or failed; reads the ledger and the tasks (issue 12).
  accountant: ['account:self', 'payment:read', 'payment:approve', 'task:read'],
}

export interface Principal {
  roles: readonly Role[]
}

export function can(user: Principal | null | undefined, permission: Permission): boolean {
  return !!user && user.roles.some((role) => GRANTS[role].includes(permission))
}

/** Who may open a route: anyone, anyone signed in, or holders of one permission. */
export type Access = 'public' | Permission

/**
 * Every route of the app, by Remix route id. A route missing here cannot be reached (authorize() throws),
 * and tests/integration/authorization.test.ts fails until the route is listed there too.
 */
export const ROUTE_ACCESS = {
  root: 'public',
  'routes/_index': 'public',
  'routes/$': 'public',
  'routes/healthz': 'public',
  'routes/login': 'public',
  'routes/logout': 'public',
  'routes/register': 'public',
  'routes/check-email': 'public',
  'routes/verify-email': 'public',
  'routes/verify-email.resend': 'public',
  'routes/forgot-password': 'public',
  'routes/reset-password': 'public',
  'routes/accept-invitation': 'public',
  'routes/calls._index': 'public',
  'routes/calls.$code._index': 'public',
  'routes/calls.$code.eligibility': 'public',
  'routes/staff.calls._index': 'call:manage',
  'routes/staff.calls.new': 'call:manage',
  'routes/staff.calls.$id': 'call:manage',
  'routes/staff.calls.$id_.decisions': 'application:read',
  'routes/staff.calls.$id_.decisions.zip': 'application:read',
  'routes/staff.calls.$id_.opening': 'application:screen',
  'routes/staff.applications._index': 'application:read',
  'routes/staff.applications.$id._index': 'application:read',
  'routes/staff.applications.$id.screening': 'application:screen',
  'routes/staff.applications.$id.appraisal': 'application:screen',
  'routes/staff.applications.$id.appraisal.minutes': 'application:read',
  'routes/staff.applications.$id.message': 'application:screen',
  'routes/staff.applications.$id.events.$event': 'application:read',
  'routes/staff.applications.$id.attachments.$attachmentId': 'application:read',
  'routes/staff.applications.$id.documents.preview': 'application:read',
  'routes/staff.applications.$id.documents.issue': 'application:screen',
  'routes/staff.applications.$id.documents.$documentId': 'application:read',
  'routes/staff.register': 'application:screen',
  'routes/staff.emails._index': 'call:manage',
  'routes/staff.emails.$name': 'call:manage',
  'routes/staff.emails.$name.html': 'call:manage',
  'routes/staff.councils._index': 'council:manage',
  'routes/staff.councils.new': 'council:manage',
  'routes/staff.councils.$id._index': 'council:manage',
  'routes/staff.councils.$id.meeting': 'council:meet',
  'routes/staff.councils.$id.minutes': 'council:meet',
  'routes/staff.councils.$id.conclude': 'council:meet',
  'routes/staff.councils.$id.minutes_.issue': 'council:meet',
  'routes/review._index': 'review:own',
  'routes/review.relations': 'review:own',
  'routes/review.$assignmentId._index': 'review:own',
  'routes/review.$assignmentId.attachments.$attachmentId': 'review:own',
  'routes/review.$assignmentId.sheet': 'review:own',
  'routes/review.$assignmentId.submit': 'review:own',
  'routes/organisations._index': 'organisation:use',
  'routes/organisations.new': 'organisation:use',
  'routes/organisations.$orgId._index': 'organisation:use',
  'routes/organisations.$orgId.members': 'organisation:use',
  'routes/organisation-invitation': 'organisation:use',
  'routes/applications._index': 'organisation:use',
  'routes/applications.new': 'organisation:use',
  'routes/applications.$id._index': 'organisation:use',
  'routes/applications.$id.sections.$key': 'organisation:use',
  'routes/applications.$id.attachments': 'organisation:use',
  'routes/applications.$id.attachments.$attachmentId': 'organisation:use',
  'routes/applications.$id.check': 'organisation:use',
  'routes/applications.$id.confirmation': 'organisation:use',
  'routes/applications.$id.receipt': 'organisation:use',
  'routes/applications.$id.withdraw': 'organisation:use',
  'routes/applications.$id.documents.$documentId': 'organisation:use',
  'routes/home': 'account:self',
  'routes/account': 'account:self',
  'routes/account.password': 'account:self',
  'routes/admin._index': 'admin:users:manage',
  'routes/admin.users._index': 'admin:users:manage',
  'routes/admin.users.invite': 'admin:users:manage',
  'routes/admin.users.$userId': 'admin:users:manage',
  'routes/admin.outbox._index': 'admin:outbox:read',
  'routes/admin.outbox.$id': 'admin:outbox:read',
  'routes/admin.outbox.$id.eml': 'admin:outbox:read',
  'routes/admin.outbox.$id.html': 'admin:outbox:read',
  'routes/admin.audit': 'admin:audit:read',
  'routes/admin.settings': 'admin:settings',
  'routes/admin.rules': 'admin:settings',
  'routes/admin.signing': 'admin:settings',
  'routes/signing._index': 'document:sign',
  'routes/signing.$id._index': 'document:sign',
  'routes/signing.$id.preview': 'document:sign',
  'routes/verify._index': 'public',
  'routes/verify.$code': 'public',
  'routes/admin.legal-bases': 'admin:settings',
  'routes/results._index': 'public',
  'routes/results.$code': 'public',
  'routes/statistics': 'public',
  'routes/open-data._index': 'public',
  'routes/open-data.grants[.]csv': 'public',
  'routes/open-data.grants[.]json': 'public',
  'routes/open-data.grants[.]schema[.]json': 'public',
  'routes/api.grants': 'public',
  'routes/staff.calls.$id_.results': 'application:screen',
  'routes/staff.dashboard': 'application:read',
  'routes/staff.targets._index': 'application:read',
  'routes/staff.targets.report': 'application:read',
  'routes/admin.targets': 'admin:settings',
  'routes/staff.exports._index': 'application:read',
  'routes/staff.exports.$jobId': 'application:read',
  'routes/tasks.$id_.payments': 'organisation:use',
  'routes/staff.tasks.$id_.payments': 'payment:read',
  // The contract's road (issue 12): the office drafts and sends it, the director reads it; the grantee accepts it.
  'routes/staff.tasks.$id_.contract': 'application:read',
  'routes/staff.tasks.$id_.contract.preview': 'application:read',
  'routes/tasks.$id_.contract': 'organisation:use',
  'routes/tasks.$id_.contract.preview': 'organisation:use',
  'routes/staff.payments._index': 'payment:read',
  'routes/staff.payments.$id': 'payment:read',
  'routes/staff.ledger': 'payment:read',
  'routes/tasks.$id.results': 'organisation:use',
  'routes/tasks.$id.results.registration': 'organisation:use',
  'routes/staff.tasks.$id.acceptance': 'application:screen',
  'routes/review.acceptance.$councilId': 'review:own',
  'routes/tasks.$id_.settlement': 'organisation:use',
  'routes/staff.tasks.$id_.settlement': 'payment:read',
  'routes/tasks.$id_.loan': 'organisation:use',
  'routes/staff.tasks.$id_.loan': 'loan:record',
  'routes/staff.loans': 'loan:read',
  'routes/staff.exports.file': 'application:read',
  'routes/tasks.$id.reports': 'organisation:use',
  'routes/tasks.$id.products.$productId': 'organisation:use',
  'routes/staff.reports': 'application:read',
  'routes/staff.tasks.$id.reports': 'application:read',
  'routes/staff.tasks.$id.products.$productId': 'application:read',
  'routes/staff.tasks.$id.inspections': 'application:read',
  'routes/tasks._index': 'organisation:use',
  'routes/tasks.$id._index': 'organisation:use',
  'routes/staff.tasks._index': 'task:read',
  'routes/staff.tasks.$id._index': 'task:read',
  // Changes to a contract and their amendments (ADR 025): the grantee asks and accepts; the office answers.
  'routes/tasks.$id_.changes': 'organisation:use',
  'routes/staff.tasks.$id_.changes': 'application:read',
} as const satisfies Record<string, Access>

export type RouteId = keyof typeof ROUTE_ACCESS

export type Decision = 'allow' | 'sign-in' | 'forbidden'

export function decide(user: Principal | null | undefined, routeId: RouteId): Decision {
  const access: Access | undefined = ROUTE_ACCESS[routeId]
  if (access === undefined) return 'forbidden'
  if (access === 'public') return 'allow'
  if (!user) return 'sign-in'
  return can(user, access) ? 'allow' : 'forbidden'
}

/** Navigation entries a user sees, by permission. */
export function adminAreas(user: Principal | null | undefined) {
  return {
    users: can(user, 'admin:users:manage'),
    outbox: can(user, 'admin:outbox:read'),
    audit: can(user, 'admin:audit:read'),
    settings: can(user, 'admin:settings'),
  }
}
