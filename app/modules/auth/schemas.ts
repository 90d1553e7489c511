import { z } from 'zod'
import type { Role } from '../../../db/schema'
import { PASSWORD_MAX, passwordProblem } from './password-rules'
import { ROLES, STAFF_ROLES } from './roles'

// One schema per form, used by react-hook-form in the browser and by the action on the server.
// Messages are catalogue keys; the page shows them in the user's language.

const nfc = (s: string) => s.normalize('NFC')

export const emailField = z
  .string({ message: 'validation.email.required' })
  .trim()
  .min(1, { message: 'validation.email.required', abort: true })
  .max(254, 'validation.email.invalid')
  .pipe(z.email({ message: 'validation.email.invalid' }))
  .transform((s) => s.toLowerCase())

export const fullNameField = z
  .string({ message: 'validation.fullName.required' })
  .transform((s) => nfc(s).trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(1, { message: 'validation.fullName.required', abort: true }).min(2, 'validation.fullName.tooShort').max(120, 'validation.fullName.tooLong'))

// The strength rule runs on the field itself, so its message shows together with the other fields' errors.
const newPasswordField = z
  .string({ message: 'validation.password.required' })
  .min(1, { message: 'validation.password.required', abort: true })
  .superRefine((password, ctx) => {
    const problem = passwordProblem(password)
    if (problem) ctx.addIssue({ code: 'custom', message: `validation.password.${problem}` })
  })

export const loginSchema = z.object({
  email: emailField,
  password: z.string({ message: 'validation.password.required' }).min(1, { message: 'validation.password.required', abort: true }).max(PASSWORD_MAX * 4),
  // Where to go afterwards; the action keeps it only if it is an address on the portal (pathOnPortal).
  redirectTo: z.string().optional(),
})

export const registerSchema = z
  .object({ fullName: fullNameField, email: emailField, password: newPasswordField })
  .superRefine((v, ctx) => {
    if (passwordProblem(v.password, v.email) === 'containsEmail') {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'validation.password.containsEmail' })
    }
  })

export const emailOnlySchema = z.object({ email: emailField })

export const resetPasswordSchema = z
  .object({ token: z.string().min(1).max(200), password: newPasswordField })

export const acceptInvitationSchema = z
  .object({ token: z.string().min(1).max(200), fullName: fullNameField, password: newPasswordField })

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ message: 'validation.currentPassword.required' }).min(1, { message: 'validation.currentPassword.required', abort: true }).max(PASSWORD_MAX * 4),
    newPassword: newPasswordField,
  })
  .refine((v) => v.currentPassword !== v.newPassword, { path: ['newPassword'], message: 'validation.password.sameAsCurrent' })

export const inviteSchema = z.object({
  fullName: fullNameField,
  email: emailField,
  role: z.enum(STAFF_ROLES, { message: 'validation.role.required' }),
  lang: z.enum(['vi', 'en']).default('vi'),
})

export const roleChangeSchema = z.object({
  intent: z.enum(['grant', 'revoke']),
  role: z.enum(ROLES as [Role, ...Role[]]),
})
