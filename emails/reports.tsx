import type { Translate } from '../app/i18n'
import type { EmailContent } from './layout'

// Messages about a funded task's progress reports. Each takes the data it needs (dates already dd/mm/yyyy,
// links absolute) and the recipient's translator.

interface ReportMail {
  name: string
  reference: string
  title: string
  seq: number
  /** "01/01/2027 – 30/06/2027". */
  period: string
  due: string
  link: string
}

/** A version of a report came in (to the office). */
export function reportSubmitted(d: ReportMail & { organisation: string; version: number; by: string }, t: Translate): EmailContent {
  return {
    subject: t('reports.email.submitted.subject', { reference: d.reference, seq: d.seq }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('reports.email.submitted.body', { reference: d.reference, title: d.title, organisation: d.organisation, seq: d.seq, period: d.period, version: d.version, by: d.by })],
    action: { label: t('reports.email.action.review'), href: d.link },
  }
}

/** The office accepted the report, or asks for changes with its note (to the grantee). */
export function reportReviewed(d: ReportMail & { version: number; outcome: 'accepted' | 'changes_requested'; note: string }, t: Translate): EmailContent {
  const words = { reference: d.reference, title: d.title, seq: d.seq, period: d.period, version: d.version }
  return {
    subject: t(`reports.email.reviewed.subject.${d.outcome}`, words),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t(`reports.email.reviewed.body.${d.outcome}`, words), ...(d.note ? [t('reports.email.reviewed.note'), d.note] : [])],
    action: { label: t('reports.email.action.open'), href: d.link },
  }
}

/** A report is due soon (to the grantee). */
export function reportReminder(d: ReportMail & { organisation: string; days: number }, t: Translate): EmailContent {
  return {
    subject: t('reports.email.reminder.subject', { reference: d.reference, seq: d.seq, due: d.due }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('reports.email.reminder.body', { reference: d.reference, title: d.title, seq: d.seq, period: d.period, due: d.due })],
    action: { label: t('reports.email.action.open'), href: d.link },
  }
}

/** A report is late or very late (to the grantee; when very late, to the office too). */
export function reportOverdue(d: ReportMail & { organisation: string; days: number; audience: 'grantee' | 'office'; level: 'late' | 'very_late' }, t: Translate): EmailContent {
  const words = { reference: d.reference, title: d.title, organisation: d.organisation, seq: d.seq, period: d.period, due: d.due, days: d.days }
  return {
    subject: t(`reports.email.overdue.subject.${d.level}`, words),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t(`reports.email.overdue.body.${d.audience}`, words), t(`reports.email.overdue.next.${d.audience}`)],
    action: { label: t(d.audience === 'office' ? 'reports.email.action.review' : 'reports.email.action.open'), href: d.link },
  }
}
