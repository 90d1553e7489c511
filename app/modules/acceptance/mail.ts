import type { DB } from '../../../db'
import type { Application } from '../../../db/schema'
import { enqueueEmail } from '../notifications'
import { applicantRecipients, officeRecipients } from '../workflow/messages'

// The mails of acceptance (template acceptance_event, in each recipient's language): the dossier submitted (to
// the grantee's owners and editors and to the office), the task passed or failed (to the grantee, with the
// day to finalise by). The council's invitations are sent by council.ts.

type Task = Pick<Application, 'id' | 'organisation_id' | 'title' | 'reference'>

export async function mailAcceptance(trx: DB, input: { app: Task; event: 'submitted' | 'passed' | 'failed'; day?: string; rating?: string; appUrl: string }) {
  const people = [
    ...(await applicantRecipients(trx, input.app.organisation_id)).map((p) => ({ ...p, link: `${input.appUrl}/tasks/${input.app.id}/results` })),
    ...(input.event === 'submitted' ? (await officeRecipients(trx)).map((p) => ({ ...p, link: `${input.appUrl}/staff/tasks/${input.app.id}/acceptance` })) : []),
  ]
  for (const p of people) {
    await enqueueEmail(trx, {
      template: 'acceptance_event',
      to: { address: p.email, name: p.fullName },
      lang: p.lang,
      data: { name: p.fullName, event: input.event, reference: input.app.reference ?? '', title: input.app.title, day: input.day ?? '', rating: input.rating ?? '', link: p.link },
    })
  }
}
