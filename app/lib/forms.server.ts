import { json } from '@remix-run/node'
import type { z } from 'zod'
import { cleanText } from './params'

export type FieldErrors = Record<string, { type: string; message: string }>

/** What an action answers when a form is wrong: the errors by field and what was typed (never passwords). */
export interface FormErrorData {
  errors: FieldErrors
  defaultValues: Record<string, string>
}

const SECRET = /password|token/i

/** Reads a posted form, every value cleaned (cleanText). A body that is not a form is a 400, never a 500. */
export async function readForm(request: Request): Promise<Record<string, string>> {
  let formData: FormData
  try {
    formData = await request.formData()
  } catch {
    throw new Response('The request body is not a form', { status: 400 })
  }
  return formFields(formData)
}

/** A form's text fields, cleaned, the first of each name (files are left out): what readForm returns. */
export function formFields(entries: Iterable<[string, FormDataEntryValue]>): Record<string, string> {
  const raw: Record<string, string> = {}
  for (const [key, value] of entries) if (typeof value === 'string' && !(key in raw)) raw[key] = cleanText(value)
  return raw
}

export function formError(errors: Record<string, string>, values: Record<string, string>, status = 400) {
  return json(formErrorData(errors, values), { status })
}

/** What formError answers, as data (for a handler that writes its own response: server/autosave.ts). */
export function formErrorData(errors: Record<string, string>, values: Record<string, string>): FormErrorData {
  return {
    errors: Object.fromEntries(Object.entries(errors).map(([k, message]) => [k, { type: 'server', message }])),
    defaultValues: Object.fromEntries(Object.entries(values).filter(([k]) => !SECRET.test(k))),
  }
}

/**
 * Validates a posted form with the same zod schema the browser used. On failure returns the 400 response
 * to send back (errors are catalogue keys, shown in the user's language by the page).
 */
export async function parseForm<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.output<S>; raw: Record<string, string> } | { ok: false; response: ReturnType<typeof formError> }> {
  const raw = await readForm(request)
  const result = schema.safeParse(raw)
  if (result.success) return { ok: true, data: result.data, raw }
  return { ok: false, response: formError(fieldErrors(result.error), raw) }
}

/** A zod failure as the form's errors: the first message of each field ('form' for the form as a whole). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message
  return errors
}
