import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { Application, Lang, MessageKind, Role } from '../../../db/schema'
import { formatDateTime } from '../../i18n/format'
import { recordAudit } from '../audit'
import { enqueueEmail } from '../notifications'
import type { TransitionActor } from './apply'

// The Fund's messages to an applicant: what the application page shows under "messages from the Fund", and
// what the applicant's owners and editors receive by e-mail. Requests for changes, notices of (in)eligibility
// and decisions are written by the status machine's effects; a plain message by staff at any time.

export interface FundMessage {
  id: number
  kind: MessageKind
  body: string
  /** A change request's due date, 'YYYY-MM-DD' (a day in Việt Nam). */
  dueOn: string | null
  sections: string[]
  createdAt: Date
  resolvedAt: Date | null
  authorName: string | null
}

export async function listFundMessages(db: DB, applicationId: string): Promise<FundMessage[]> {
  const rows = await db
    .selectFrom('application_messages as m')
    .leftJoin('users as u', 'u.id', 'm.author_id')
    .select(['m.id', 'm.kind', 'm.body', sql<string | null>`to_char(m.due_on, 'YYYY-MM-DD')`.as('due_on'), 'm.sections', 'm.created_at', 'm.resolved_at', 'u.full_name'])
    .where('m.application_id', '=', applicationId)
    .orderBy('m.id', 'desc')
    .limit(200)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    body: r.body,
    dueOn: r.due_on,
    sections: r.sections ?? [],
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
    authorName: r.full_name,
  }))
}

export async function writeFundMessage(
  trx: DB,
  input: { applicationId: string; authorId: string; kind: MessageKind; body: string; dueOn?: string | null; sections?: string[]; at: Date },
): Promise<number> {
  const row = await trx
    .insertInto('application_messages')
    .values({
      application_id: input.applicationId,
      author_id: input.authorId,
      kind: input.kind,
      body: input.body,
      due_on: input.dueOn ?? null,
      sections: input.sections ?? [],
      created_at: input.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The people who speak for the applicant: owners and editors of its organisation, each in their language. */
export async function applicantRecipients(trx: DB, organisationId: string): Promise<{ email: string; fullName: string; lang: Lang }[]> {
  return trx
    .selectFrom('organisation_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.email', 'u.full_name as fullName', 'u.lang'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.role', 'in', ['owner', 'editor'])
    .where('u.status', '=', 'active')
    .orderBy('u.email')
    .execute()
}

/** Every active account holding a role of the Fund (its office, the chief accountant), each in their language. */
export async function roleRecipients(trx: DB, role: Role): Promise<{ email: string; fullName: string; lang: Lang }[]> {
  return trx
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.email', 'u.full_name as fullName', 'u.lang'])
    .where('r.role', '=', role)
    .where('u.status', '=', 'active')
    .orderBy('u.email')
    .execute()
}

/** The Fund's office: every active staff account, each in their language. */
export async function officeRecipients(trx: DB): Promise<{ email: string; fullName: string; lang: Lang }[]> {
  return roleRecipients(trx, 'staff')
}

/**
 * One e-mail each, in their language, about an application event to the applicant's owners and editors and,
 * when `office` says so, to the office: the same facts, each audience with its own link.
 */
async function mailBothSides(
  trx: DB,
  input: {
    template: 'application_withdrawn' | 'revision_submitted'
    app: Pick<Application, 'id' | 'organisation_id' | 'call_id' | 'title' | 'reference'>
    by: string
    at: Date
    appUrl: string
    office: boolean
    extra?: Record<string, string>
  },
): Promise<void> {
  const { app } = input
  const call = await trx.selectFrom('calls').select(['title_vi', 'title_en']).where('id', '=', app.call_id).executeTakeFirstOrThrow()
  const org = await trx.selectFrom('organisations').select('name').where('id', '=', app.organisation_id).executeTakeFirstOrThrow()
  const send = async (audience: 'applicant' | 'office', people: { email: string; fullName: string; lang: Lang }[], link: string) => {
    for (const person of people) {
      await enqueueEmail(trx, {
        template: input.template,
        to: { address: person.email, name: person.fullName },
        lang: person.lang,
        data: {
          name: person.fullName,
          audience,
          reference: app.reference ?? '',
          applicationTitle: app.title,
          callTitle: person.lang === 'en' && call.title_en ? call.title_en : call.title_vi,
          organisation: org.name,
          by: input.by,
          at: formatDateTime(input.at, person.lang),
          ...input.extra,
          link,
        },
      } as Parameters<typeof enqueueEmail>[1])
    }
  }
  await send('applicant', await applicantRecipients(trx, app.organisation_id), `${input.appUrl}/applications/${app.id}`)
  if (input.office) await send('office', await officeRecipients(trx), `${input.appUrl}/staff/applications/${app.id}`)
}

/**
 * Tells the applicant's owners and editors that the application was withdrawn, and the office too once the
 * Fund had it (a draft never reached the Fund): one e-mail each, in their language, with the reason.
 */
export async function mailWithdrawal(
  trx: DB,
  input: { app: Pick<Application, 'id' | 'status' | 'organisation_id' | 'call_id' | 'title' | 'reference'>; by: string; at: Date; reason: string; appUrl: string },
): Promise<void> {
  await mailBothSides(trx, { template: 'application_withdrawn', app: input.app, by: input.by, at: input.at, appUrl: input.appUrl, office: input.app.status !== 'draft', extra: { reason: input.reason } })
}

/**
 * Tells the applicant's people that the Fund wrote: one e-mail each, in their language, with the link to the
 * application (the message itself is on the page; the mail quotes it).
 */
export async function mailApplicant(
  trx: DB,
  input: { applicationId: string; kind: MessageKind; body: string; dueOn?: string | null; amount?: number | null; appUrl: string },
): Promise<void> {
  const app = await trx
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .select(['a.organisation_id', 'a.title', 'a.reference', 'c.title_vi', 'c.title_en'])
    .where('a.id', '=', input.applicationId)
    .executeTakeFirstOrThrow()
  for (const person of await applicantRecipients(trx, app.organisation_id)) {
    await enqueueEmail(trx, {
      template: 'fund_message',
      to: { address: person.email, name: person.fullName },
      lang: person.lang,
      data: {
        name: person.fullName,
        kind: input.kind,
        reference: app.reference ?? '',
        applicationTitle: app.title,
        callTitle: person.lang === 'en' && app.title_en ? app.title_en : app.title_vi,
        body: input.body,
        dueOn: input.dueOn ?? null,
        amount: input.amount ?? null,
        link: `${input.appUrl}/applications/${input.applicationId}#messages`,
      },
    })
  }
}

/** A plain message from staff to the applicant, outside any change of status. */
export async function sendFundMessage(
  db: DB,
  input: { applicationId: string; actor: TransitionActor; body: string; appUrl: string; ip?: string | null; now?: Date },
): Promise<number> {
  const at = input.now ?? new Date()
  return db.transaction().execute(async (trx) => {
    const id = await writeFundMessage(trx, { applicationId: input.applicationId, authorId: input.actor.id, kind: 'message', body: input.body, at })
    await mailApplicant(trx, { applicationId: input.applicationId, kind: 'message', body: input.body, appUrl: input.appUrl })
    await recordAudit(trx, {
      action: 'application.message_sent',
      actor: input.actor,
      subjectType: 'application',
      subjectId: input.applicationId,
      ip: input.ip ?? null,
      details: { message: id },
    })
    return id
  })
}

/**
 * Tells the applicant's owners and editors (a receipt) and the office (the appraisal is next) that the dossier
 * revised per the council's conclusions is in: one e-mail each, in their language.
 */
export async function mailOffice(
  trx: DB,
  input: { app: Pick<Application, 'id' | 'organisation_id' | 'call_id' | 'title' | 'reference'>; kind: 'revision_submitted'; by: string; at: Date; appUrl: string },
): Promise<void> {
  await mailBothSides(trx, { template: input.kind, app: input.app, by: input.by, at: input.at, appUrl: input.appUrl, office: true })
}
