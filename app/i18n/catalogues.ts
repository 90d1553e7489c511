import type { Lang } from './index'
import { messages as account } from './messages/account'
import { messages as admin } from './messages/admin'
import { messages as applications } from './messages/applications'
import { messages as appraisal } from './messages/appraisal'
import { messages as acceptance } from './messages/acceptance'
import { messages as attachments } from './messages/attachments'
import { messages as bulk } from './messages/bulk'
import { messages as calls } from './messages/calls'
import { messages as common } from './messages/common'
import { messages as councils } from './messages/councils'
import { messages as documents } from './messages/documents'
import { messages as documentsServer } from './messages/documents-server'
import { messages as documentContents } from './messages/document-contents'
import { messages as email } from './messages/email'
import { messages as emailsPreview } from './messages/emails-preview'
import { messages as fund } from './messages/fund'
import { messages as home } from './messages/home'
import { messages as inbox } from './messages/inbox'
import { messages as loans } from './messages/loans'
import { messages as organisations } from './messages/organisations'
import { messages as payments } from './messages/payments'
import { messages as register } from './messages/register'
import { messages as reports } from './messages/reports'
import { messages as reviewing } from './messages/reviewing'
import { messages as screening } from './messages/screening'
import { messages as staff } from './messages/staff'
import { messages as start } from './messages/start'
import { messages as steps } from './messages/steps'
import { messages as submission } from './messages/submission'
import { messages as validation } from './messages/validation'
import { messages as workflow } from './messages/workflow'
import { messages as signing } from './messages/signing'
import { messages as verify } from './messages/verify'
import { messages as transparency } from './messages/transparency'
import { messages as dashboard } from './messages/dashboard'
import { messages as contracts } from './messages/contracts'
import { messages as changes } from './messages/changes'

// Every message, on the server (and in tests). A browser gets only what its page can show (ADR 013): one
// language, and the Fund's pages' messages only for the Fund's people. In the client build, Vite replaces this
// module (app/i18n/client-messages.vite.ts) with one that loads those groups, drawn from BROWSER_GROUPS below.

export const catalogues = {
  vi: { ...common.vi, ...home.vi, ...account.vi, ...admin.vi, ...email.vi, ...validation.vi, ...calls.vi, ...organisations.vi, ...staff.vi, ...attachments.vi, ...applications.vi, ...documents.vi, ...documentsServer.vi, ...register.vi, ...submission.vi, ...workflow.vi, ...inbox.vi, ...screening.vi, ...councils.vi, ...reviewing.vi, ...fund.vi, ...emailsPreview.vi, ...bulk.vi, ...start.vi, ...signing.vi, ...verify.vi, ...documentContents.vi, ...steps.vi, ...appraisal.vi, ...transparency.vi, ...dashboard.vi, ...payments.vi, ...acceptance.vi, ...loans.vi, ...reports.vi, ...contracts.vi, ...changes.vi },
  en: { ...common.en, ...home.en, ...account.en, ...admin.en, ...email.en, ...validation.en, ...calls.en, ...organisations.en, ...staff.en, ...attachments.en, ...applications.en, ...documents.en, ...documentsServer.en, ...register.en, ...submission.en, ...workflow.en, ...inbox.en, ...screening.en, ...councils.en, ...reviewing.en, ...fund.en, ...emailsPreview.en, ...bulk.en, ...start.en, ...signing.en, ...verify.en, ...documentContents.en, ...steps.en, ...appraisal.en, ...transparency.en, ...dashboard.en, ...payments.en, ...acceptance.en, ...loans.en, ...reports.en, ...contracts.en, ...changes.en },
}

/** What a browser loads: `public` on every page, `staff` for the Fund's people (staff, council, admin pages). */
export type MessageGroup = 'public' | 'staff'
export const MESSAGE_GROUPS: readonly MessageGroup[] = ['public', 'staff']

/**
 * The message files of each browser group. The mail's and the PDFs' messages are written on the server only and go
 * to no browser. Every file is in exactly one group or is server-only (tested).
 */
export const BROWSER_GROUPS = {
  public: [common, home, account, validation, calls, organisations, attachments, applications, documents, submission, workflow, start, verify, steps, transparency, payments, acceptance, loans, reports, contracts, changes],
  staff: [staff, admin, inbox, screening, councils, reviewing, fund, emailsPreview, bulk, register, signing, documentContents, appraisal, dashboard],
} satisfies Record<MessageGroup, { vi: Record<string, string>; en: Record<string, string> }[]>
export const SERVER_ONLY = [email, documentsServer]

/** One group's messages in one language, as the browser gets them. */
export function browserMessages(lang: Lang, group: MessageGroup): Record<string, string> {
  return Object.assign({}, ...BROWSER_GROUPS[group].map((m) => m[lang]))
}

// On the server every message is there: nothing to load, nothing missing.
export async function loadMessages(_lang: Lang, _groups: readonly MessageGroup[]): Promise<void> {}
export function reportMissing(_key: string): void {}
