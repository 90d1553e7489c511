import type { DB } from '../../../db'
import type { EmailData } from '../../../emails'
import { enqueueEmail } from '../notifications'
import { applicantRecipients } from '../workflow'

// The borrower's mail: every owner and editor of the organisation holding the loan, each in their language,
// with the task's reference and title and the link to its loan page. Written to the outbox in the caller's
// transaction.

type BorrowerTemplate = 'loan_disbursed' | 'loan_instalment_due' | 'loan_instalment_overdue' | 'loan_repaid'
type Common = 'name' | 'reference' | 'title' | 'link'

export async function notifyBorrower<N extends BorrowerTemplate>(trx: DB, appUrl: string, applicationId: string, template: N, data: Omit<EmailData<N>, Common>): Promise<number> {
  const app = await trx.selectFrom('applications').select(['reference', 'title', 'organisation_id']).where('id', '=', applicationId).executeTakeFirstOrThrow()
  const people = await applicantRecipients(trx, app.organisation_id)
  for (const p of people) {
    await enqueueEmail(trx, {
      template,
      to: { address: p.email, name: p.fullName },
      lang: p.lang,
      data: { ...data, name: p.fullName, reference: app.reference ?? '', title: app.title, link: `${appUrl}/tasks/${applicationId}/loan` } as EmailData<N>,
    })
  }
  return people.length
}
