import type { Translate } from '../app/i18n'
import type { EmailContent } from './layout'

// Messages of acceptance (nghiệm thu, issue 12): to the grantee and the office when the results dossier is
// submitted, to each member of an acceptance council when it is formed, to the grantee when the task passes or
// fails acceptance (with the day by which to finalise the dossier).

export function acceptanceEvent(
  d: {
    name: string
    event: 'submitted' | 'invited' | 'passed' | 'failed'
    reference: string
    title: string
    /** 'YYYY-MM-DD': the meeting's day (invited) or the day to finalise by (passed, failed). */
    day: string
    place?: string
    /** The council's rating: excellent, pass or fail. */
    rating?: string
    link: string
  },
  t: Translate,
): EmailContent {
  const words = { title: d.title, reference: d.reference, day: d.day ? d.day.split('-').reverse().join('/') : '', place: d.place ?? '', rating: d.rating ? t(`acceptance.rating.${d.rating}` as never) : '' }
  return {
    subject: t(`acceptance.email.${d.event}.subject`, words),
    greeting: t('email.greeting', { name: d.name }),
    paragraphs: [t(`acceptance.email.${d.event}.body`, words)],
    action: { label: t('acceptance.email.action'), href: d.link },
  }
}
