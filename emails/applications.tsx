import type { Translate } from '../app/i18n'
import type { EmailContent } from './layout'

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
