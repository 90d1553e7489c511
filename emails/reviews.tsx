import type { Translate } from '../app/i18n'
import type { EmailContent } from './layout'

// Messages to reviewers (council members). Each takes the data it needs (links are absolute) and the
// recipient's translator.

/** The invitation to sit on a council: which council and call, how many applications, by when, and the link. */
export function reviewerInvitation(
  d: {
    name: string
    council: string
    callCode: string
    callTitle: string
    role: string
    applications: number
    /** 'YYYY-MM-DD'. */
    dueOn: string
    link: string
  },
  t: Translate,
): EmailContent {
  const due = d.dueOn.split('-').reverse().join('/')
  return {
    subject: t('councils.email.invitation.subject', { council: d.council }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [
      t('councils.email.invitation.body', { council: d.council, call: `${d.callCode} – ${d.callTitle}`, role: d.role }),
      t('councils.email.invitation.work', { count: d.applications, due }),
      t('councils.email.invitation.conflicts'),
    ],
    action: { label: t('councils.email.invitation.action'), href: d.link },
  }
}

/**
 * What the reminders say about an assignment: the application, the council and the call (their names in the
 * recipient's language), the due day (dd/mm/yyyy) and the link to the ballot.
 */
interface AssignmentMail {
  name: string
  reference: string
  title: string
  council: string
  call: string
  due: string
  link: string
}

/** A reviewer's ballot is due soon: which application, by when, and the link to the ballot. */
export function reviewReminder(d: AssignmentMail, t: Translate): EmailContent {
  return {
    subject: t('reviewing.email.reminder.subject', { reference: d.reference, due: d.due }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('reviewing.email.reminder.body', { reference: d.reference, title: d.title, council: d.council, call: d.call, due: d.due }), t('reviewing.email.conflicts')],
    action: { label: t('reviewing.email.action'), href: d.link },
  }
}

/** A reviewer's ballot is past its due date: which application, since when, and the link to the ballot. */
export function reviewOverdue(d: AssignmentMail, t: Translate): EmailContent {
  return {
    subject: t('reviewing.email.overdue.subject', { reference: d.reference }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('reviewing.email.overdue.body', { reference: d.reference, title: d.title, council: d.council, call: d.call, due: d.due }), t('reviewing.email.overdue.contact')],
    action: { label: t('reviewing.email.action'), href: d.link },
  }
}
