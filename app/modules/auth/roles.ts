import type { Role } from '../../../db/schema'

// Safe for the browser: role names only, no server code.

export const ROLES: readonly Role[] = ['applicant', 'reviewer', 'staff', 'director', 'admin', 'accountant']

/** The roles an administrator invites people to (applicants register themselves). */
export const STAFF_ROLES = ['reviewer', 'staff', 'director', 'admin', 'accountant'] as const
