import type { Translate } from '../app/i18n'
import { formatMoney } from '../app/i18n/format'
import type { EmailContent } from './layout'

// The money of a funded task (app/modules/payments): each step of a payment request, to the grantee's people
// and to the Fund's (the office, the chief accountant), in the recipient's language.

export function paymentStep(
  d: {
    name: string
    step: 'requested' | 'checked' | 'returned' | 'approved' | 'paid' | 'failed'
    audience: 'grantee' | 'fund'
    reference: string
    applicationTitle: string
    /** The tranche's number in the contract. */
    tranche: number
    amount: number
    /** The reason of a return or a failure, the office's note, or the transfer reference of a payment. */
    note: string
    link: string
  },
  t: Translate,
): EmailContent {
  const words = { reference: d.reference, title: d.applicationTitle, n: d.tranche, amount: formatMoney(d.amount) }
  return {
    subject: t(`payments.email.subject.${d.step}`, words),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t(`payments.email.body.${d.step}.${d.audience}`, words), ...(d.note ? [t(`payments.email.note.${d.step}`), d.note] : [])],
    action: { label: t('payments.email.action'), href: d.link },
  }
}
