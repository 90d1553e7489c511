import { z } from 'zod'
import type { ApplicationStatus } from '../../../db/schema'
import { isChecked } from '../../lib/checkbox'
import { STATUSES } from '../workflow/machine'

// Browser-safe: the inbox's filters, the screening checklist and the staff's own forms (a note, a message to the
// applicant).

export type InboxSort = 'received' | 'clock' | 'reference' | 'title'
export const INBOX_SORTS: readonly InboxSort[] = ['received', 'clock', 'reference', 'title']

/** The statuses the inbox shows: all but draft (drafts are the applicant's private work). */
export const INBOX_STATUSES: readonly ApplicationStatus[] = STATUSES.filter((s) => s !== 'draft')

/** What the Fund's office confirms before an application goes to review (catalogue: screening.check.<item>). */
export const CHECK_ITEMS = ['documents', 'eligibility', 'legal'] as const
export type CheckItem = (typeof CHECK_ITEMS)[number]

const ticked = z.preprocess(isChecked, z.boolean())

export const checklistSchema = z.object({
  documents: ticked,
  eligibility: ticked,
  legal: ticked,
  notes: z.string().trim().max(5000, 'workflow.v.tooLong?max=5000').optional().default(''),
})

export const noteSchema = z.object({ body: z.string('workflow.v.note.required').trim().min(1, 'workflow.v.note.required').max(5000, 'workflow.v.tooLong?max=5000') })

export const messageSchema = z.object({ body: z.string('workflow.v.body.required').trim().min(1, 'workflow.v.body.required').max(5000, 'workflow.v.tooLong?max=5000') })
