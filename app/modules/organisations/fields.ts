import type { MemberRole, OrganisationType } from '../../../db/schema'

// The organisations' fixed lists, without zod: the pages use them, and zod loads only with a form's validation
// (ADR 013). The schemas are in schemas.ts.

export const ORGANISATION_TYPES = ['enterprise', 'st_organisation', 'university', 'cooperative', 'household', 'individual'] as const satisfies readonly OrganisationType[]

/** The types that may be identified by the person's citizen ID instead of a tax code. */
export const PERSONAL_TYPES: readonly OrganisationType[] = ['household', 'individual']

export const MEMBER_ROLES = ['owner', 'editor', 'viewer'] as const satisfies readonly MemberRole[]
export const INVITABLE_ROLES = ['editor', 'viewer'] as const

/** The field order of the form, for the error summary. */
export const ORGANISATION_FIELDS = ['form', 'type', 'name', 'identifier', 'addressLine', 'wardCode', 'legalRepName', 'legalRepTitle', 'phone', 'email', 'website']
