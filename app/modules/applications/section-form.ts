import { json, redirect } from '@remix-run/node'
import type { DB } from '../../../db'
import { formatTime } from '../../i18n/format'
import { fieldErrors, formError } from '../../lib/forms.server'
import type { MemberApplication } from './access'
import { saveSection } from './drafts'
import { sectionSchema } from './section-schemas'
import { baseVersionOf, type FormSectionKey } from './sections'

// What a section page does with a posted form once the member may edit it: an autosave (JSON), "Save as draft"
// without JavaScript (back to the page), or the section completed (back to the task list). One function for the
// page's action and for the lean autosave endpoint of server/autosave.ts (ADR 022), so both answer the same.

export async function saveSectionForm(db: DB, access: MemberApplication, user: { id: string; email: string }, key: FormSectionKey, raw: Record<string, string>): Promise<Response> {
  const autosave = raw.intent === 'autosave'
  // "Save as draft" without JavaScript: kept as typed, like autosave, then back to the same page.
  const draft = autosave || raw.intent === 'save'
  let complete = false
  if (!draft) {
    const parsed = sectionSchema(key, access.call).safeParse(raw)
    if (!parsed.success) {
      return formError(fieldErrors(parsed.error), raw)
    }
    complete = parsed.data.completed === 'yes'
  }
  const result = await saveSection(db, access, user, key, { data: raw, baseVersion: baseVersionOf(raw.baseVersion), complete })
  if ('refused' in result) return formError({ form: 'applications.form.readOnly' }, raw, 403)
  if ('invalid' in result) return formError(result.invalid, raw)
  if ('conflict' in result) {
    const { savedBy, savedAt } = result.conflict
    const params = new URLSearchParams({ name: savedBy ?? '—', time: savedAt ? formatTime(savedAt) : '' })
    const body = (await formError({ form: `applications.form.conflict?${params}` }, raw, 409).json()) as object
    return json({ ...body, conflict: result.conflict }, { status: 409 })
  }
  if (autosave) return json({ saved: { version: result.version, savedAt: result.savedAt } })
  if (draft) return redirect(`/applications/${access.application.id}/sections/${key}`)
  return redirect(`/applications/${access.application.id}`)
}
