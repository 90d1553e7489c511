import { z } from 'zod'
import { emailField } from '../auth/schemas'
import { isValidCitizenId, isValidTaxCode, isValidVnPhone, normaliseTaxCode, normaliseVnPhone } from './identifiers'

// Safe for the browser: the organisation forms, one schema each for the browser and the action.
// Messages are catalogue keys (app/i18n/messages/organisations.ts).

export * from './fields'
import { INVITABLE_ROLES, MEMBER_ROLES, ORGANISATION_TYPES, PERSONAL_TYPES } from './fields'

const nfc = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ')

function text(required: string, tooLong: string, max: number) {
  return z
    .string({ message: required })
    .transform(nfc)
    .pipe(z.string().min(1, { message: required, abort: true }).max(max, tooLong))
}

/** A tax code or a citizen ID, stored as digits only. Which one the type allows is checked with the type. */
const identifierField = z
  .string({ message: 'org.validation.identifier.required' })
  .transform(normaliseTaxCode)
  .superRefine((value, ctx) => {
    if (!value) return ctx.addIssue({ code: 'custom', message: 'org.validation.identifier.required' })
    if (/^\d{12}$/.test(value)) {
      if (!isValidCitizenId(value)) ctx.addIssue({ code: 'custom', message: 'org.validation.citizenId.invalid' })
      return
    }
    if (!/^\d{10}(\d{3})?$/.test(value)) return ctx.addIssue({ code: 'custom', message: 'org.validation.taxCode.format' })
    if (!isValidTaxCode(value)) ctx.addIssue({ code: 'custom', message: 'org.validation.taxCode.invalid' })
  })

const phoneField = z
  .string({ message: 'org.validation.phone.required' })
  .transform((s) => s.trim())
  .pipe(z.string().min(1, { message: 'org.validation.phone.required', abort: true }).max(30, 'org.validation.phone.invalid'))
  .refine(isValidVnPhone, 'org.validation.phone.invalid')
  .transform(normaliseVnPhone)

/** Optional; "congty.vn" is read as https://congty.vn. Empty stays empty (the module stores null). */
const websiteField = z
  .string()
  .optional()
  .transform((s) => {
    const v = (s ?? '').trim()
    return v && !/^https?:\/\//i.test(v) ? `https://${v}` : v
  })
  .refine((v) => {
    if (!v) return true
    if (v.length > 300) return false
    try {
      const url = new URL(v)
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.')
    } catch {
      return false
    }
  }, 'org.validation.website.invalid')

export const organisationSchema = z
  .object({
    type: z.enum(ORGANISATION_TYPES, { message: 'org.validation.type.required' }),
    name: text('org.validation.name.required', 'org.validation.name.tooLong', 250),
    identifier: identifierField,
    addressLine: text('org.validation.addressLine.required', 'org.validation.addressLine.tooLong', 250),
    wardCode: z.string({ message: 'org.validation.ward.required' }).trim().min(1, 'org.validation.ward.required').max(20, 'org.validation.ward.unknown'),
    legalRepName: text('org.validation.legalRepName.required', 'org.validation.legalRepName.tooLong', 120),
    legalRepTitle: text('org.validation.legalRepTitle.required', 'org.validation.legalRepTitle.tooLong', 120),
    phone: phoneField,
    email: emailField,
    website: websiteField,
  })
  .refine((v) => !/^\d{12}$/.test(v.identifier) || PERSONAL_TYPES.includes(v.type), {
    path: ['identifier'],
    message: 'org.validation.identifier.taxCodeRequired',
    // Checked once the type and the identifier are each right, whatever the other fields say.
    when: (payload) => !payload.issues.some((i) => i.path?.[0] === 'type' || i.path?.[0] === 'identifier'),
  })

export type OrganisationInput = z.output<typeof organisationSchema>

/** Inviting a member; `intent` tells this form from the others on the members page (sent with JavaScript too). */
export const invitationSchema = z.object({
  intent: z.literal('invite').default('invite'),
  email: emailField,
  role: z.enum(INVITABLE_ROLES, { message: 'org.validation.memberRole.required' }),
})

export const memberRoleSchema = z.object({
  userId: z.uuid(),
  role: z.enum(MEMBER_ROLES),
})
