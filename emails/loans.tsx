import type { Translate } from '../app/i18n'
import type { EmailContent } from './layout'

// Messages to a borrower (the owners and editors of the organisation holding a preferential loan). Amounts come
// formatted ("12.345.678 ₫") and days as dd/mm/yyyy, the same in both languages; links are absolute.

interface LoanMail {
  name: string
  reference: string
  title: string
  link: string
}

/** The loan was disbursed: the amount and date, and the first instalment. */
export function loanDisbursed(d: LoanMail & { amount: string; date: string; firstDue: string; firstAmount: string }, t: Translate): EmailContent {
  return {
    subject: t('loans.email.disbursed.subject', { reference: d.reference }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('loans.email.disbursed.body', { reference: d.reference, title: d.title, amount: d.amount, date: d.date }), t('loans.email.disbursed.first', { due: d.firstDue, amount: d.firstAmount })],
    action: { label: t('loans.email.action'), href: d.link },
  }
}

/** An instalment falls due soon. */
export function loanInstalmentDue(d: LoanMail & { seq: number; due: string; amount: string }, t: Translate): EmailContent {
  return {
    subject: t('loans.email.due.subject', { reference: d.reference, due: d.due }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('loans.email.due.body', { reference: d.reference, title: d.title, seq: d.seq, due: d.due, amount: d.amount })],
    action: { label: t('loans.email.action'), href: d.link },
  }
}

/** An instalment is overdue: since when and how much is owed; repeated as the Fund's rules say. */
export function loanInstalmentOverdue(d: LoanMail & { seq: number; due: string; amount: string; days: number }, t: Translate): EmailContent {
  return {
    subject: t('loans.email.overdue.subject', { reference: d.reference }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('loans.email.overdue.body', { reference: d.reference, title: d.title, seq: d.seq, due: d.due, amount: d.amount, days: d.days }), t('loans.email.overdue.contact')],
    action: { label: t('loans.email.action'), href: d.link },
  }
}

/** The loan is fully repaid. */
export function loanRepaid(d: LoanMail & { date: string }, t: Translate): EmailContent {
  return {
    subject: t('loans.email.repaid.subject', { reference: d.reference }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('loans.email.repaid.body', { reference: d.reference, title: d.title, date: d.date })],
    action: { label: t('loans.email.action'), href: d.link },
  }
}
