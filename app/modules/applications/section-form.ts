import { json, redirect } from '@remix-run/node'
import type { DB } from '../../../db'
import { formatTime } from '../../i18n/format'
import { fieldErrors, formErrorData } from '../../lib/forms.server'
import type { MemberApplication } from './access'
import { saveSection } from './drafts'
import { sectionSchema } from './section-schemas'
import { baseVersionOf, type FormSectionKey } from './sections'

// What a section page does with a posted form once the member may edit it: an autosave (JSON), "Save as draft"
// without JavaScript (back to the page), or the section completed (back to the task list). One function for the
// page's action and for the lean autosave endpoint of server/autosave.ts (ADR 022), so both answer the same.

export async function saveSectionForm(db: DB, access: MemberApplication, user: { id: string; email: string }, key: FormSectionKey, raw: Record<string, string>): Promise<Response> {
  const answer = await answerSectionForm(db, access, user, key, raw)
  return 'redirect' in answer ? redirect(answer.redirect) : json(answer.json, { status: answer.status })
}

/** The page's answer as data: JSON and its status (an autosave, an error), or where to go next. */
export type SectionFormAnswer = { json: object; status: number } | { redirect: string }

/** saveSectionForm's answer before it is a web Response, for the lean autosave endpoint that writes its own. */
export async function answerSectionForm(
  db: DB,
  access: MemberApplication,
  user: { id: string; email: string },
  key: FormSectionKey,
  raw: Record<string, string>,
): Promise<SectionFormAnswer> {
  const autosave = raw.intent === 'autosave'
  // "Save as draft" without JavaScript: kept as typed, like autosave, then back to the same page.
  const draft = autosave || raw.intent === 'save'
  let complete = false
  if (!draft) {
    const parsed = sectionSchema(key, access.call).safeParse(raw)
    if (!parsed.success) {
      return { json: formErrorData(fieldErrors(parsed.error), raw), status: 400 }
    }
    complete = parsed.data.completed === 'yes'
  }
  const result = await saveSection(db, access, user, key, { data: raw, baseVersion: baseVersionOf(raw.baseVersion), complete })
  if ('refused' in result) return { json: formErrorData({ form: 'applications.form.readOnly' }, raw), status: 403 }
  if ('invalid' in result) return { json: formErrorData(result.invalid, raw), status: 400 }
  if ('conflict' in result) {
    const { savedBy, savedAt } = result.conflict
    const params = new URLSearchParams({ name: savedBy ?? '—', time: savedAt ? formatTime(savedAt) : '' })
    return { json: { ...formErrorData({ form: `applications.form.conflict?${params}` }, raw), conflict: result.conflict }, status: 409 }
  }
  if (autosave) return { json: { saved: { version: result.version, savedAt: result.savedAt } }, status: 200 }
  if (draft) return { redirect: `/applications/${access.application.id}/sections/${key}` }
  return { redirect: `/applications/${access.application.id}` }
}
