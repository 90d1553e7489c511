import type { DB } from '../../../db'
import { listMyApplications, type MyApplication } from '../applications'
import { can, listUsers, type SessionUser } from '../auth'
import { listDocumentsToIssue, listMinutesToIssue, requestsToSign } from '../decisions'
import { listOutbox } from '../notifications'
import { listMyOrganisations } from '../organisations'
import { paymentQueue } from '../payments'
import { listAwaitingCouncil, listCouncils, listMyAssignments, listSecretaryCouncils } from '../review'
import { listInbox } from '../screening'
import { DUE_SOON_DAYS, listMyTasks, tasksDueSoon } from '../tasks'

/** How many items of one list the start page shows; the rest are a link to the full list away. */
export const START_LIST_LIMIT = 10

/** One of the applicant's applications with what to do next and by when. */
export interface ApplicantItem {
  id: string
  title: string
  status: MyApplication['status']
  organisation: string
  call: MyApplication['call']
  next: MyApplication['next']
  /** What the next step is due by: the changes' due date ('YYYY-MM-DD'), or the call's deadline for a draft. */
  due: { kind: 'changes'; day: string } | { kind: 'deadline'; at: Date } | null
}

export interface ApplicantSection {
  /** Applications that need the applicant first (changes asked, drafts of open calls), soonest due first. */
  items: ApplicantItem[]
  total: number
  organisations: number
}

type Awaited2<T extends (...a: never[]) => unknown> = Awaited<ReturnType<T>>

export interface StartPage {
  applicant: ApplicantSection | null
  office: {
    toScreen: Awaited2<typeof listInbox>
    changesOverdue: Awaited2<typeof listInbox>
    awaitingCouncil: Awaited2<typeof listAwaitingCouncil>
    councilsForming: Awaited2<typeof listCouncils>
    meetingsToConclude: Awaited2<typeof listCouncils>
    documentsToIssue: Awaited2<typeof listDocumentsToIssue>
    minutesToIssue: Awaited2<typeof listMinutesToIssue>
  } | null
  director: { decisions: Awaited2<typeof listInbox> } | null
  /** Documents waiting for this person's signature (the director's; the minutes of a meeting they presided). */
  signing: Awaited2<typeof requestsToSign> | null
  reviewer: { ballots: Awaited2<typeof listMyAssignments>; meetings: Awaited2<typeof listSecretaryCouncils> } | null
  admin: { failedMail: Awaited2<typeof listOutbox> | null; waitingUsers: Awaited2<typeof listUsers> | null } | null
  /** The grantee's funded tasks with a step due within `days` (or late), soonest first. */
  tasks: { items: Awaited2<typeof listMyTasks>; days: number } | null
  /** The chief accountant's payment requests: checked by the office and waiting for approval; approved, to record. */
  accountant: { toApprove: Awaited2<typeof paymentQueue>; toRecord: Awaited2<typeof paymentQueue> } | null
}

const RANK: Record<MyApplication['next'], number> = { respond: 0, continue: 1, view: 2, closed: 3 }

function applicantItem(a: MyApplication): ApplicantItem {
  const due: ApplicantItem['due'] =
    a.next === 'respond' && a.changesDue ? { kind: 'changes', day: a.changesDue } : a.next === 'continue' ? { kind: 'deadline', at: a.call.closes_at } : null
  return { id: a.id, title: a.title, status: a.status, organisation: a.organisation.name, call: a.call, next: a.next, due }
}

const dueKey = (i: ApplicantItem) => (i.due ? (i.due.kind === 'changes' ? `${i.due.day}T23:59` : i.due.at.toISOString()) : '9999')

async function applicantSection(db: DB, user: SessionUser, now: Date): Promise<ApplicantSection | null> {
  const [applications, organisations] = await Promise.all([listMyApplications(db, user.id, now), listMyOrganisations(db, user.id)])
  // Every account registered by itself is an applicant; the Fund's people see this part only when they apply.
  const onlyApplicant = user.roles.every((r) => r === 'applicant')
  if (!onlyApplicant && applications.length === 0 && organisations.length === 0) return null
  const items = applications.map(applicantItem).sort((a, b) => RANK[a.next] - RANK[b.next] || dueKey(a).localeCompare(dueKey(b)))
  return { items: items.slice(0, START_LIST_LIMIT), total: items.length, organisations: organisations.length }
}

/** The start page of one person: a part for each of their roles, null where they do not hold it. */
export async function startPage(db: DB, user: SessionUser, now = new Date()): Promise<StartPage> {
  const list = { page: 1, pageSize: START_LIST_LIMIT, sort: 'clock' as const }
  const office = can(user, 'application:screen')
    ? (async () => {
        const [toScreen, changesOverdue, awaitingCouncil, councilsForming, meetingsToConclude, documentsToIssue, minutesToIssue] = await Promise.all([
          listInbox(db, { ...list, statuses: ['submitted', 'screening', 'resubmitted'] }, now),
          listInbox(db, { ...list, changesOverdue: true }, now),
          listAwaitingCouncil(db),
          listCouncils(db, { status: 'forming' }),
          listCouncils(db, { status: 'formed' }),
          listDocumentsToIssue(db),
          listMinutesToIssue(db),
        ])
        return { toScreen, changesOverdue, awaitingCouncil, councilsForming, meetingsToConclude, documentsToIssue, minutesToIssue }
      })()
    : null
  const director = can(user, 'application:decide')
    ? listInbox(db, { page: 1, pageSize: START_LIST_LIMIT, statuses: ['recommended', 'not_recommended'] }, now).then((decisions) => ({ decisions }))
    : null
  const reviewer = can(user, 'review:own')
    ? Promise.all([listMyAssignments(db, user.id), listSecretaryCouncils(db, user.id)]).then(([assignments, councils]) => ({
        // A ballot is due until it is submitted, unless the expert stepped aside for a conflict.
        ballots: assignments.filter((a) => a.conflict !== 'declared' && a.ballot !== 'submitted'),
        meetings: councils.filter((c) => c.status === 'formed'),
      }))
    : null
  const admin =
    can(user, 'admin:outbox:read') || can(user, 'admin:users:manage')
      ? Promise.all([
          can(user, 'admin:outbox:read') ? listOutbox(db, { state: 'failed', pageSize: START_LIST_LIMIT }) : null,
          can(user, 'admin:users:manage') ? listUsers(db, { waiting: true, pageSize: START_LIST_LIMIT }) : null,
        ]).then(([failedMail, waitingUsers]) => ({ failedMail, waitingUsers }))
      : null
  const applicant = user.roles.includes('applicant') ? applicantSection(db, user, now) : null
  // Shown to a director always; to others (a presiding expert) only when something waits for them.
  const signing = can(user, 'document:sign') ? requestsToSign(db, user).then((rows) => (rows.length || can(user, 'application:decide') ? rows : null)) : null
  // Shown to a member of an organisation with a funded task; the list may be empty (nothing due soon).
  const tasks = user.roles.includes('applicant')
    ? listMyTasks(db, user.id, now).then((all) => (all.length ? { items: tasksDueSoon(all, now).slice(0, START_LIST_LIMIT), days: DUE_SOON_DAYS } : null))
    : null
  const accountant = can(user, 'payment:approve')
    ? Promise.all([paymentQueue(db, ['checked']), paymentQueue(db, ['approved'])]).then(([toApprove, toRecord]) => ({ toApprove, toRecord }))
    : null
  const [a, o, d, r, ad, sg, tk, ac] = await Promise.all([applicant, office, director, reviewer, admin, signing, tasks, accountant])
  return { applicant: a, office: o, director: d, reviewer: r, admin: ad, signing: sg, tasks: tk, accountant: ac }
}
