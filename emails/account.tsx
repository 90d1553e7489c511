import type { Translate } from '../app/i18n'
import type { EmailContent } from './layout'

// Account messages. Each takes the data it needs (links are absolute) and the recipient's translator.

export function verifyEmail(d: { name: string; link: string; hours: number }, t: Translate): EmailContent {
  return {
    subject: t('email.verify.subject'),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('email.verify.body')],
    action: { label: t('email.verify.action'), href: d.link },
    after: [t('email.linkExpires', { hours: d.hours }), t('email.verify.notYou')],
  }
}

export function resetPassword(d: { name: string; link: string; hours: number }, t: Translate): EmailContent {
  return {
    subject: t('email.reset.subject'),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('email.reset.body')],
    action: { label: t('email.reset.action'), href: d.link },
    after: [t('email.linkExpiresOnce', { hours: d.hours }), t('email.reset.notYou')],
  }
}

export function passwordChanged(d: { name: string; at: string; link: string }, t: Translate): EmailContent {
  return {
    subject: t('email.passwordChanged.subject'),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('email.passwordChanged.body', { at: d.at }), t('email.passwordChanged.notYou')],
    action: { label: t('email.passwordChanged.action'), href: d.link },
  }
}

export function invitation(
  d: { name: string; link: string; roles: string; inviter: string; hours: number },
  t: Translate,
): EmailContent {
  return {
    subject: t('email.invitation.subject'),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('email.invitation.body', { inviter: d.inviter, roles: d.roles })],
    action: { label: t('email.invitation.action'), href: d.link },
    after: [t('email.linkExpiresOnce', { hours: d.hours })],
  }
}

export function accountExists(d: { name: string; loginLink: string; resetLink: string }, t: Translate): EmailContent {
  return {
    subject: t('email.accountExists.subject'),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('email.accountExists.body'), t('email.accountExists.reset', { link: d.resetLink })],
    action: { label: t('email.accountExists.action'), href: d.loginLink },
    after: [t('email.accountExists.notYou')],
  }
}

export function signInPaused(d: { name: string; until: string; link: string }, t: Translate): EmailContent {
  return {
    subject: t('email.signInPaused.subject'),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t('email.signInPaused.body', { until: d.until }), t('email.signInPaused.ifYou'), t('email.signInPaused.notYou')],
    action: { label: t('email.signInPaused.action'), href: d.link },
  }
}
