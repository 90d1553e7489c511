import type { Translate } from '../app/i18n'
import type { ContractChangeKind } from '../db/schema'
import type { EmailContent } from './layout'

// Post-award messages about the contract of a funded task and its changes (app/modules/contracts). Each in the
// recipient's language, with the link to the task.

type ContractDocumentKind = 'contract' | 'amendment' | 'change_decision'

/** The office sent the draft contract to the grantee: its owners and editors read it and its representative accepts it. */
export function contractProposed(d: { name: string; reference: string; applicationTitle: string; link: string }, t: Translate): EmailContent {
  return {
    subject: t('contracts.email.proposed.subject', { reference: d.reference }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('contracts.email.proposed.body', { title: d.applicationTitle })],
    action: { label: t('contracts.email.action'), href: d.link },
  }
}

/** The grantee's representative accepted the contract (or an amendment): the office sends it for the Fund's signature. */
export function contractAccepted(
  d: { name: string; kind: 'contract' | 'amendment'; reference: string; applicationTitle: string; by: string; at: string; link: string },
  t: Translate,
): EmailContent {
  return {
    subject: t(`contracts.email.accepted.subject.${d.kind}`, { reference: d.reference }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t(`contracts.email.accepted.body.${d.kind}`, { title: d.applicationTitle, by: d.by, at: d.at })],
    action: { label: t('contracts.email.action'), href: d.link },
  }
}

/** The Fund signed the contract, an amendment or a decision on a change: the signed PDF is attached. */
export function contractDocumentIssued(
  d: { name: string; kind: ContractDocumentKind; symbol: string; reference: string; applicationTitle: string; link: string },
  t: Translate,
): EmailContent {
  return {
    subject: t(`contracts.email.issued.subject.${d.kind}`, { symbol: d.symbol, reference: d.reference }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t(`contracts.email.issued.body.${d.kind}`, { symbol: d.symbol, title: d.applicationTitle }), t('documents.issued.email.attached')],
    action: { label: t('contracts.email.action'), href: d.link },
  }
}

/** The grantee asked for a change: the office and the directors are told. */
export function contractChangeRequested(
  d: { name: string; kind: ContractChangeKind; reference: string; applicationTitle: string; by: string; reasons: string; link: string },
  t: Translate,
): EmailContent {
  return {
    subject: t('contracts.email.changeRequested.subject', { reference: d.reference, kind: t(`contracts.change.kind.${d.kind}`) }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('contracts.email.changeRequested.body', { title: d.applicationTitle, person: d.by, kind: t(`contracts.change.kind.${d.kind}`) }), d.reasons],
    action: { label: t('contracts.email.action'), href: d.link },
  }
}

/** A change's other steps: the grantee withdrew it (the office is told), the office proposed its amendment (the grantee is). */
export function contractChangeStep(
  d: { name: string; step: 'withdrawn' | 'amendment_proposed'; kind: ContractChangeKind; reference: string; applicationTitle: string; by: string; link: string },
  t: Translate,
): EmailContent {
  const words = { title: d.applicationTitle, kind: t(`contracts.change.kind.${d.kind}`), reference: d.reference, person: d.by }
  return {
    subject: t(`contracts.email.changeStep.subject.${d.step}`, words),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t(`contracts.email.changeStep.body.${d.step}`, words)],
    action: { label: t('contracts.email.action'), href: d.link },
  }
}

/** The director decided on a change: the grantee is told (the decision document follows when signed). */
export function contractChangeDecided(
  d: { name: string; kind: ContractChangeKind; approved: boolean; reference: string; applicationTitle: string; note: string; link: string },
  t: Translate,
): EmailContent {
  const words = { title: d.applicationTitle, kind: t(`contracts.change.kind.${d.kind}`), reference: d.reference }
  return {
    subject: t(d.approved ? 'contracts.email.changeDecided.subject.approved' : 'contracts.email.changeDecided.subject.rejected', words),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t(d.approved ? 'contracts.email.changeDecided.body.approved' : 'contracts.email.changeDecided.body.rejected', words), ...(d.note ? [d.note] : [])],
    action: { label: t('contracts.email.action'), href: d.link },
  }
}
