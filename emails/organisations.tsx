import type { Translate } from '../app/i18n'
import type { EmailContent } from './layout'

// Organisation messages. Each takes the data it needs (links are absolute) and the recipient's translator.

export function organisationInvitation(
  d: {
    name: string
    organisation: string
    role: string
    inviter: string
    link: string
    registerLink: string
    hasAccount: boolean
    hours: number
  },
  t: Translate,
): EmailContent {
  return {
    subject: t('org.email.invitation.subject', { organisation: d.organisation }),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [
      t('org.email.invitation.body', { inviter: d.inviter, organisation: d.organisation, role: d.role }),
      d.hasAccount ? t('org.email.invitation.signIn') : t('org.email.invitation.register', { link: d.registerLink }),
    ],
    action: { label: t('org.email.invitation.action'), href: d.link },
    after: [t('org.email.invitation.expires', { days: Math.round(d.hours / 24) }), t('org.email.invitation.notYou')],
  }
}
