import type { Translate } from '../app/i18n'
import { formatMoney } from '../app/i18n/format'
import type { EmailContent } from './layout'
import type { SignatureRequestKind } from '../db/schema'

// Application messages. Each takes the data it needs (links are absolute) and the recipient's translator.

export function applicationSubmitted(
  d: { name: string; reference: string; callTitle: string; applicationTitle: string; organisation: string; submittedAt: string; link: string },
  t: Translate,
): EmailContent {
  return {
    subject: t('submission.email.subject', { reference: d.reference }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [
      t('submission.email.body', { title: d.applicationTitle, organisation: d.organisation, call: d.callTitle, at: d.submittedAt, reference: d.reference }),
      t('submission.email.receipt'),
      t('submission.email.next'),
    ],
    action: { label: t('submission.email.action'), href: d.link },
  }
}

/**
 * The Fund wrote to the applicant (a message, a request for changes, a notice of (in)eligibility, a decision):
 * what happened in the recipient's words, the Fund's text quoted, the due date of a request, and the link.
 */
export function fundMessage(
  d: {
    name: string
    kind: 'message' | 'change_request' | 'eligible' | 'ineligible' | 'approved' | 'rejected' | 'cancelled' | 'revision_request'
    reference: string
    applicationTitle: string
    callTitle: string
    body: string
    /** 'YYYY-MM-DD' of a request for changes. */
    dueOn: string | null
    /** The amount approved, for an approval. */
    amount?: number | null
    link: string
  },
  t: Translate,
): EmailContent {
  const due = d.dueOn ? d.dueOn.split('-').reverse().join('/') : ''
  const words = { title: d.applicationTitle, call: d.callTitle, due, amount: formatMoney(d.amount ?? 0) }
  // An approval: the amount, the conditions (the Fund's text), and that the decision document follows.
  const paragraphs =
    d.kind === 'approved'
      ? [t('workflow.email.body.approved', words), ...(d.body ? [t('workflow.email.approved.conditions'), d.body] : []), t('workflow.email.approved.document')]
      : [t(`workflow.email.body.${d.kind}`, words), ...(d.body ? [d.body] : [])]
  return {
    subject: t('workflow.email.subject', { reference: d.reference, title: t(`workflow.message.${d.kind}`) }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs,
    action: { label: t('workflow.email.action'), href: d.link },
  }
}

/**
 * An application was withdrawn, to each of the applicant's owners and editors and to each of the Fund's staff:
 * who withdrew it and when, the reason as typed, and the link to the application (the staff's page for staff).
 */
export function applicationWithdrawn(
  d: {
    name: string
    audience: 'applicant' | 'office'
    /** '' for a draft, which never had one. */
    reference: string
    applicationTitle: string
    callTitle: string
    organisation: string
    by: string
    at: string
    reason: string
    link: string
  },
  t: Translate,
): EmailContent {
  const words = { title: d.applicationTitle, call: d.callTitle, organisation: d.organisation, reference: d.reference, by: d.by, at: d.at }
  return {
    subject: d.reference ? t('workflow.email.withdrawn.subject', words) : t('workflow.email.withdrawn.subject.draft', words),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t(`workflow.email.withdrawn.body.${d.audience}`, words), t('workflow.email.withdrawn.reason'), d.reason],
    action: { label: t('workflow.email.action'), href: d.link },
  }
}

/** The Fund issued the application's outcome document (decision or notice): the PDF is attached. */
export function documentIssued(
  d: { name: string; kind: 'decision' | 'notice' | 'supplementation' | 'ineligible'; symbol: string; reference: string; applicationTitle: string; link: string },
  t: Translate,
): EmailContent {
  return {
    subject: t(`documents.issued.email.subject.${d.kind}`, { symbol: d.symbol, reference: d.reference }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t(`documents.issued.email.body.${d.kind}`, { symbol: d.symbol, title: d.applicationTitle }), t('documents.issued.email.attached')],
    action: { label: t('workflow.email.action'), href: d.link },
  }
}

/** To the person asked to sign a document the office prepared (decisions/requests.ts). */
export function signatureRequested(d: { name: string; kind: SignatureRequestKind; title: string; link: string }, t: Translate): EmailContent {
  return {
    subject: t('documents.sign.email.subject', { title: d.title }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('documents.sign.email.body', { kind: t(`documents.sign.email.kind.${d.kind}`), title: d.title }), t('documents.sign.email.how')],
    action: { label: t('documents.sign.email.action'), href: d.link },
  }
}

/**
 * The applicant sent the dossier revised per the council's conclusions (issue 11): to each of its owners and
 * editors (a receipt) and to each of the Fund's staff (the appraisal comes next), with the link.
 */
export function revisionSubmitted(
  d: { name: string; audience: 'applicant' | 'office'; reference: string; applicationTitle: string; callTitle: string; organisation: string; by: string; at: string; link: string },
  t: Translate,
): EmailContent {
  const words = { title: d.applicationTitle, call: d.callTitle, organisation: d.organisation, reference: d.reference, by: d.by, at: d.at }
  return {
    subject: t('steps.email.revised.subject', words),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t(`steps.email.revised.body.${d.audience}`, words)],
    action: { label: t('workflow.email.action'), href: d.link },
  }
}
